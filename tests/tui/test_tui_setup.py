"""Interview setup (plan editing, interviewee, time box) and the interview's live aids."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Input, Static
from tui_helpers import FIXED, palette_offers, settle, type_text, wait_for

from assistant.store.workspace import Workspace
from assistant.tui.app import AssessorApp, create_app
from assistant.tui.screens.interview_screen import InterviewScreen
from assistant.tui.screens.setup_screen import SetupScreen
from assistant.tui.widgets.plan_list import PlanList


async def test_plan_is_reordered_trimmed_and_started(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, SetupScreen) and setup.plan is not None
        first, second, third = setup.plan.criteria[:3]
        await pilot.click("#department")
        await type_text(pilot, "Contact centre")
        await pilot.click("#name")
        await type_text(pilot, "Jo Bloggs")
        time_box = setup.query_one("#time-box", Input)
        time_box.value = "60"
        await pilot.pause()
        plan = setup.query_one(PlanList)
        plan.focus()
        plan.highlighted = 1
        await pilot.press("ctrl+up")  # second area first
        await pilot.press("down", "down", "delete")  # drop what is now third
        await pilot.pause()
        assert setup.plan.criteria[:2] == (second, first)
        assert third not in setup.plan.criteria
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        data = Workspace(ws_root).load(assessment_id)
        interview = data.interviews[0]
        assert interview.planned_criteria[:2] == [second, first]
        assert third not in interview.planned_criteria
        assert interview.time_box_minutes == 60
        person = data.interviewees[0]
        assert (person.code, person.role, person.department) == ("S1", "staff", "Contact centre")
        assert Workspace(ws_root).names(assessment_id) == {person.id: "Jo Bloggs"}
        assert "Jo Bloggs" not in app.export_screenshot()


async def test_opening_ticks_timer_and_go_to_criterion(ws_root: Path, assessment_id: str) -> None:
    now = [FIXED]
    app = create_app(ws_root, clock=lambda: now[0])
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        await pilot.press("f9", "f9")
        await pilot.pause()
        ticked = Workspace(ws_root).load(assessment_id).interviews[0].opening_done
        assert ticked == ["purpose", "confidentiality"]

        now[0] = FIXED + timedelta(minutes=50)
        screen._tick_timer()
        await pilot.pause()
        progress = screen.query_one("#progress", Static)
        assert "5 OVER" in str(progress.border_title) and progress.has_class("-over")

        target = screen.engine.plan.criteria[-1]
        await pilot.press("ctrl+p")
        await type_text(pilot, f"go to {target} in this")
        await wait_for(pilot, palette_offers(app, target), f"the palette to offer {target}")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.engine.current_criterion is not None
        assert screen.engine.current_criterion.id == target
