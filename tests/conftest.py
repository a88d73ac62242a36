"""Provides fixtures shared by every test layer."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import settings

# The suite is deterministic: property tests draw the same examples on every run and machine,
# with no example database carried between runs. `make fuzz` explores with fresh randomness.
settings.register_profile("suite", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

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


@pytest.fixture(autouse=True, scope="session")
def _travelled_clock() -> Iterator[None]:
    """With ASSESSOR_TRAVEL=ISO-TIME set, run the whole session with the system clock moved
    there (time-machine): a test that passes only today fails then."""
    when = os.environ.get("ASSESSOR_TRAVEL")
    if not when:
        yield
        return
    import time_machine

    with time_machine.travel(datetime.fromisoformat(when), tick=True):
        yield
