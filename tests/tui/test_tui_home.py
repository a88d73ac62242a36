"""The home screen: assessments listed (damaged ones too), new assessment, locked → read-only."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static
from tui_helpers import palette_offers, settle, type_text, wait_for

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
        await wait_for(pilot, palette_offers(app, "new assessment"), "the palette's new assessment")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NewAssessmentModal)


async def test_home_lists_the_workspace_once_at_start_and_again_on_return(
    app: AssessorApp, ws_root: Path, monkeypatch: object
) -> None:
    calls: list[int] = []
    original = app.workspace.list_assessments

    def counted() -> list:  # type: ignore[type-arg]
        calls.append(1)
        return original()

    app.workspace.list_assessments = counted  # type: ignore[method-assign]
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        assert len(calls) == 1, "the home screen listed the workspace more than once at start"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(calls) == 2


async def test_search_every_assessment_and_open_the_turn(app: AssessorApp, ws_root: Path) -> None:
    from assistant.tui.screens.search_screen import SearchScreen
    from assistant.tui.screens.transcript_screen import TranscriptScreen

    ws = Workspace(ws_root)
    aid = ws.ids()[0]
    with ws.open(aid) as s:
        person = s.add_interviewee("staff")
        iv = s.start_interview([person.id]).id
        s.record_turn(iv, answer="We meet at the Café on Fridays.", criteria=["SVC.1"])
        turn = s.record_turn(iv, answer="Complaints are logged the same day.", criteria=["OPS.2"])
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await type_text(pilot, "complaint")
        await wait_for(pilot, lambda: len(screen.hits) == 1, "one hit for 'complaint'")
        table = screen.query_one("#search-table", DataTable)
        answer = str(table.get_row_at(0)[-1])
        assert (
            answer == "Complaints are logged the same day."
        )  # the match shown, not eaten as markup
        assert str(screen.query_one("#search-count", Static).render()) == "1 answer matches"
        detail = str(screen.query_one("#search-detail", Static).render())
        assert f"turn {turn.n}" in detail and "Complaints are logged the same day." in detail
        await pilot.press("enter")  # from the box to the table
        await pilot.press("enter")  # open the hit
        await settle(pilot)
        transcripts = app.screen
        assert isinstance(transcripts, TranscriptScreen)
        assert app.current is not None and app.current.read_only
        assert transcripts.focused_key == turn.key
        await pilot.press("escape")


def test_the_search_count_says_its_number_in_words() -> None:
    from assistant.tui.screens.search_screen import matches, short

    assert [matches(n) for n in (0, 1, 2, 1200)] == [
        "No answers match.",
        "1 answer matches",
        "2 answers match",
        "1,200 answers match",
    ]
    assert (
        matches(1200, 100) == "1,200 answers match · the best 100 shown: add a word to narrow them"
    )
    assert matches(7, 7) == "7 answers match"  # all of them shown: nothing to add
    assert short("Tidewater Regional Council", 18) == "Tidewater Regiona…"
    assert short("Tidewater", 18) == "Tidewater"
