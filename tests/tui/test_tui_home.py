"""The home screen: assessments listed (damaged ones too), new assessment, locked → read-only."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input
from tui_helpers import settle, type_text

from assistant.store.workspace import Workspace
from assistant.tui.app import AssessorApp
from assistant.tui.screens.confirm_modal import ConfirmModal
from assistant.tui.screens.home_screen import HomeScreen
from assistant.tui.screens.new_assessment_modal import NewAssessmentModal
from assistant.tui.screens.setup_screen import SetupScreen


def damage(root: Path, name: str = "broken-2026-11-0001") -> None:
    folder = root / "sessions" / name
    folder.mkdir(parents=True)
    (folder / "assessment.json").write_text('{"_meta": {"format": 1', encoding="utf-8")


async def test_home_lists_a_damaged_assessment_with_its_reason(
    app: AssessorApp, ws_root: Path
) -> None:
    damage(ws_root)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#assessments", DataTable)
        assert table.row_count == 2
        broken = next(i for i in home.listings if i.damaged)
        assert broken.id == "broken-2026-11-0001"
        cells = [str(c) for c in table.get_row(broken.id)]
        assert cells[0].startswith("⚠") and "DAMAGED" in cells
        table.move_cursor(row=home.listings.index(broken))
        await pilot.pause()
        detail = str(home.query_one("#home-detail").content)
        assert broken.damaged is not None and broken.damaged[:40] in detail
        await pilot.press("enter")  # opening it fails politely; the app keeps running
        await pilot.pause()
        assert app.screen is home and app.current is None
        assert app.is_running


async def test_new_assessment_modal_creates_and_opens_it(app: AssessorApp, ws_root: Path) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewAssessmentModal)
        await pilot.press("ctrl+s")  # empty organisation is refused, the form stays
        await pilot.pause()
        assert isinstance(app.screen, NewAssessmentModal)
        assert "Organisation" in str(app.screen.query_one("#new-error").content)
        await type_text(pilot, "Northside Water")
        await pilot.click("#sites")
        await type_text(pilot, "Depot, Head office")
        app.screen.query_one("#sector", Input).value = "Water utility"
        app.screen.query_one("#channels", Input).value = "phone, web, "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        listings = {i.organisation: i for i in Workspace(ws_root).list_assessments()}
        created = Workspace(ws_root).load(listings["Northside Water"].id).assessment
        assert [s.name for s in created.scope.sites] == ["Depot", "Head office"]
        assert created.profile.sector == "Water utility"
        assert created.profile.channels == ["phone", "web"]
        assert app.current is not None and app.current.data.assessment.id == created.id


async def test_locked_assessment_is_offered_read_only(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    other = Workspace(ws_root).open(assessment_id)  # another window holds the lock
    try:
        async with app.run_test(size=(110, 36)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmModal)
            assert "read-only" in app.screen.question
            await pilot.press("y")
            await settle(pilot)
            assert isinstance(app.screen, SetupScreen)
            assert app.current is not None and app.current.read_only
            await pilot.press("ctrl+s")  # starting is refused, nothing written
            await pilot.pause()
            assert "Read-only" in str(app.screen.query_one("#setup-error").content)
            assert Workspace(ws_root).load(assessment_id).interviews == []
    finally:
        other.close()


async def test_palette_lists_the_app_commands(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "new assess")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NewAssessmentModal)
