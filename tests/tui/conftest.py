"""Provides the Textual tests' fixtures: a workspace with one assessment, a deterministic app.

Every record gets its time and id from injected `Stamps` (a fixed clock, counting ids); files
carry a fixed "last saved" time; UTC and no cursor blink. Screenshots and assertions do not
depend on when or where the tests run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tui_helpers import FIXED, fixed_clock

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.model import Scope, Site, Stamps, counting_token
from assistant.store.workspace import Workspace
from assistant.tui import state
from assistant.tui.app import AssessorApp, create_app
from assistant.tui.widgets.answer_box import AnswerBox


@pytest.fixture(autouse=True)
def _deterministic(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fixed time zone and workspace label; no blinking cursor. Times and ids come from the
    injected `stamps` (see below), never from the system clock."""
    monkeypatch.setattr(state, "workspace_label", lambda root: "~/workspace")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    original = AnswerBox.__init__

    def no_blink(self: AnswerBox, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        self.cursor_blink = False

    monkeypatch.setattr(AnswerBox, "__init__", no_blink)
    yield
    os.environ.pop("TZ", None)
    time.tzset()


@pytest.fixture
def stamps() -> Stamps:
    """The clock and id source of every record the tests make: fixed time, counting ids."""
    return Stamps(clock=fixed_clock, token=counting_token())


def _files_saved_at_fixed_time(root: Path) -> None:
    """Give every file the fixed time, so "last saved" on the home list is the same each run."""
    for path in root.rglob("*"):
        os.utime(path, (FIXED.timestamp(), FIXED.timestamp()), follow_symlinks=False)


@pytest.fixture
def ws_root(tmp_path: Path, stamps: Stamps) -> Path:
    """A workspace folder holding one ICSS assessment."""
    root = tmp_path / "ws"
    root.mkdir()
    bank = find_bank("icss", paths.bank_dirs(root))
    Workspace(root, stamps=stamps).create_assessment(
        organisation="Harbour City Council",
        type="certification",
        bank=bank,
        assessors=["A. Assessor"],
        lead_assessor="A. Assessor",
        scope=Scope(sites=[Site(name="Civic Centre")]),
    )
    _files_saved_at_fixed_time(root)
    return root


@pytest.fixture
def assessment_id(ws_root: Path) -> str:
    """The id of the workspace's assessment."""
    return Workspace(ws_root).ids()[0]


@pytest.fixture
def app(ws_root: Path, stamps: Stamps) -> AssessorApp:
    """The app on the workspace, with fixed stamps (clock and ids)."""
    return create_app(ws_root, stamps=stamps)
