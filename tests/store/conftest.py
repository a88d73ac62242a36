"""Fixtures the store's tests share: the bundled ICSS bank and an empty workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import paths
from assistant.core.bank.loader import LoadedBank, find_bank
from assistant.store import Workspace


@pytest.fixture(scope="module")
def bank() -> LoadedBank:
    """The bundled ICSS bank."""
    return find_bank("icss", paths.bank_dirs())


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """An empty workspace (a test module may define its own, filled, `ws`)."""
    root = tmp_path / "ws"
    root.mkdir()
    return Workspace(root)
