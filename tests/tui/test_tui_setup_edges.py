"""Setup and help rough edges (issue 20): focus after an interview, a fresh new-person form,
ctrl+a in fields, ^q listed once, no stale "reading banks…" in the bank list."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Select
from tui_helpers import settle, type_text, wait_for

from assistant.store.workspace import Workspace
from assistant.tui.app import AssessorApp
from assistant.tui.screens.help_screen import HelpScreen
from assistant.tui.screens.interview_screen import InterviewScreen
from assistant.tui.screens.new_assessment_modal import NewAssessmentModal
from assistant.tui.screens.setup_screen import SetupScreen


async def to_setup(pilot: object) -> SetupScreen:
    await settle(pilot)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, SetupScreen)
    return screen


async def test_after_an_interview_ends_down_and_enter_start_the_next_one(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        setup = await to_setup(pilot)
        await pilot.click("#department")
        await type_text(pilot, "Complaints")
        await pilot.press("ctrl+s")
        await settle(pilot)
        for line in ("/end", "/end"):
            await type_text(pilot, line)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is setup
        people = setup.query_one("#people", OptionList)
        assert app.focused is people
        assert people.highlighted == 0  # S1, just interviewed
        await pilot.press("down", "enter")  # "+ new interviewee": on to its form
        assert app.focused is setup.query_one("#role", Select)
        people.focus()
        await pilot.press("up", "enter")  # S1 again: Enter starts
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        data = Workspace(ws_root).load(assessment_id)
        assert len(data.interviews) == 2 and len(data.interviewees) == 1


async def test_the_new_person_form_is_empty_for_the_next_person(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        setup = await to_setup(pilot)
        setup.query_one("#role", Select).value = "lead"
        for field, text in (("#department", "Finance"), ("#site", "Eastport"), ("#name", "Jo")):
            setup.query_one(field, Input).value = text
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert setup.query_one("#role", Select).value == "staff"
        assert [setup.query_one(f, Input).value for f in ("#department", "#site", "#name")] == [
            "",
            "",
            "",
        ]


async def test_ctrl_a_selects_all_in_a_field_and_not_in_the_answer_box(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        setup = await to_setup(pilot)
        field = setup.query_one("#department", Input)
        await pilot.click("#department")
        await type_text(pilot, "Contact centre")
        await pilot.press("ctrl+a")
        assert field.selected_text == "Contact centre"
        await type_text(pilot, "Finance")
        assert field.value == "Finance"
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await type_text(pilot, "first words")
        await pilot.press("ctrl+a")  # the answer box: start of the line, as before
        assert screen.box.cursor_location == (0, 0) and screen.box.selected_text == ""


async def test_help_lists_each_key_once(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = [
            line.split()[0] for line in str(app.screen.query_one("#help-keys").content).splitlines()
        ]
        assert keys.count("^q") == 1 and len(keys) == len(set(keys))


async def test_the_bank_list_has_no_stale_reading_entry(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, NewAssessmentModal)
        select = modal.query_one("#bank", Select)
        await wait_for(pilot, lambda: select.value != Select.BLANK, "the banks to be read")
        assert "reading" not in select.prompt


async def test_the_header_draws_no_glyph_a_browser_font_lacks(app: AssessorApp) -> None:
    """assessor serve renders in a browser font without "⭘": it showed as a box."""
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        assert "⭘" not in app.export_screenshot()
        await pilot.press("enter")
        await settle(pilot)
        assert "⭘" not in app.export_screenshot()


async def test_a_click_on_a_person_shows_their_plan_and_starts_nothing(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        setup = await to_setup(pilot)
        await pilot.press("ctrl+s")  # S1 saved and interviewed
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#people", offset=(4, 0))  # the first row: S1
        await settle(pilot)
        assert app.screen is setup
        assert len(Workspace(ws_root).load(assessment_id).interviews) == 1


async def test_setup_labels_wrap_instead_of_being_cut_and_wide_screens_use_the_room(
    app: AssessorApp,
) -> None:
    from textual.widgets import Label

    async with app.run_test(size=(110, 36)) as pilot:
        setup = await to_setup(pilot)
        for label in setup.query("#setup-left Label").results(Label):
            text = str(label.render())
            if label.display and text:
                # Every character of the label is on screen: it wraps onto more lines.
                assert label.size.width * label.size.height >= len(text), text
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert setup.query_one("#setup-left").size.width > 60
