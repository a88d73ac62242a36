"""Provides fixtures shared by every test layer."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BANKS = ROOT / "question_banks"


@pytest.fixture
def repo_root() -> Path:
    """The repository's top folder."""
    return ROOT


@pytest.fixture(autouse=True)
def _isolated_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never let a test touch the real workspace: point ASSESSOR_WORKSPACE at a temp folder."""
    monkeypatch.setenv("ASSESSOR_WORKSPACE", str(tmp_path / "workspace"))
