"""Provides practice tests' fixtures: a workspace, a fixed clock, the shipped cases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from assistant.store.workspace import Workspace


@pytest.fixture
def clock() -> Callable[[], datetime]:
    """A clock that moves one second per reading, from a fixed start."""
    ticks: Iterator[int] = iter(range(10**6))
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    return lambda: start + timedelta(seconds=next(ticks))


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """An empty workspace."""
    root = tmp_path / "ws"
    root.mkdir()
    return Workspace(root)
