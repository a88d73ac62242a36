"""Provides the Textual tests' fixtures: a workspace with one assessment, a deterministic app.

Autouse fixtures make every run alike: a fixed clock, fixed ids, UTC, fixed "last saved"
times and no cursor blink, so screenshots and assertions do not depend on when tests run.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from tui_helpers import FIXED, fixed_clock

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.model import Scope, Site
from assistant.store import workspace as workspace_module
from assistant.store.workspace import Workspace
from assistant.tui import state
from assistant.tui.app import AssessorApp, create_app
from assistant.tui.widgets.answer_box import AnswerBox


class _FixedDatetime(datetime):
    @classmethod
    def now(cls, tz: object = None) -> _FixedDatetime:  # type: ignore[override]
        return cls.fromtimestamp(FIXED.timestamp(), tz=tz)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _deterministic(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fixed time, ids, time zone, save times and workspace label; no blinking cursor."""
    import assistant.core.model as model

    counter = itertools.count(1)
    fake = SimpleNamespace(token_hex=lambda n=4: f"{next(counter):0{2 * n}x}")
    monkeypatch.setattr(model, "secrets", fake)
    monkeypatch.setattr(model, "datetime", _FixedDatetime)
    monkeypatch.setattr(workspace_module, "secrets", fake)
    monkeypatch.setattr(workspace_module, "_last_saved", lambda layout: FIXED)
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
def ws_root(tmp_path: Path) -> Path:
    """A workspace folder holding one ICSS assessment."""
    root = tmp_path / "ws"
    root.mkdir()
    bank = find_bank("icss", paths.bank_dirs(root))
    Workspace(root).create_assessment(
        organisation="Harbour City Council",
        type="certification",
        bank=bank,
        assessors=["A. Assessor"],
        lead_assessor="A. Assessor",
        scope=Scope(sites=[Site(name="Civic Centre")]),
    )
    return root


@pytest.fixture
def assessment_id(ws_root: Path) -> str:
    """The id of the workspace's assessment."""
    return Workspace(ws_root).ids()[0]


@pytest.fixture
def app(ws_root: Path) -> AssessorApp:
    """The app on the workspace, with a fixed clock."""
    return create_app(ws_root, clock=fixed_clock)
