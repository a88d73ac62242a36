"""Screenshot goldens of the three main screens (home in the light theme, setup, interview).

Update them with `pytest tests/tui/test_tui_snapshots.py --snapshot-update` after a deliberate
change, and look at the SVGs before committing. Textual is pinned exactly because rendering
changes between releases.
"""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.image import SVGImageSnapshotExtension
from tui_helpers import open_interview, settle, type_text

from assistant.tui.app import AssessorApp, create_app
from assistant.tui.screens.setup_screen import SetupScreen


@pytest.fixture
def svg(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(SVGImageSnapshotExtension)


async def test_home_light(ws_root: object, svg: SnapshotAssertion) -> None:
    from tui_helpers import fixed_clock

    app = create_app(ws_root, clock=fixed_clock, dark=False)  # type: ignore[arg-type]
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
