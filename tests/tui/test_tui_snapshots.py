"""Screenshot goldens of the three main screens (home in the light theme, setup, interview).

Update them with `pytest tests/tui/test_tui_snapshots.py --snapshot-update` after a deliberate
change, and look at the SVGs before committing. Textual is pinned exactly because rendering
changes between releases.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.image import SVGImageSnapshotExtension
from tui_helpers import open_interview, settle, type_text

from assistant.core.model import Stamps
from assistant.tui.app import AssessorApp, create_app
from assistant.tui.screens.setup_screen import SetupScreen


@pytest.fixture
def svg(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(SVGImageSnapshotExtension)


async def test_home_light(ws_root: Path, stamps: Stamps, svg: SnapshotAssertion) -> None:
    app = create_app(ws_root, stamps=stamps, dark=False)
    async with app.run_test(size=(110, 24)) as pilot:
        await settle(pilot)
        assert svg == app.export_screenshot()


async def test_setup(app: AssessorApp, svg: SnapshotAssertion) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert svg == app.export_screenshot()


async def test_interview(app: AssessorApp, svg: SnapshotAssertion) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        await type_text(pilot, "We log every complaint in the CRM and review them weekly")
        await pilot.press("enter", "f2")
        await type_text(pilot, "half typed")
        await pilot.pause()
        assert svg == app.export_screenshot()


@pytest.mark.skipif(
    os.environ.get("ASSESSOR_TRAVEL") is not None, reason="already running under a moved clock"
)
@pytest.mark.parametrize("when", ["2031-02-14T08:05:00+00:00", "2027-07-01T23:59:00+00:00"])
def test_goldens_hold_on_another_date(when: str) -> None:
    """The screenshot goldens pass with the system clock moved to another month and year:
    no code path behind them reads today's date (tests/conftest.py moves the clock)."""
    env = {**os.environ, "ASSESSOR_TRAVEL": when}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "3 passed" in run.stdout, run.stdout[-1000:]
