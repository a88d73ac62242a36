"""Layout and conventions: 80×24, a 100 kB paste, F1 help, both themes."""

from __future__ import annotations

from pathlib import Path

from textual import events
from tui_helpers import open_interview, palette_offers, settle, type_text, wait_for

from assistant.store.workspace import Workspace
from assistant.tui import themes
from assistant.tui.app import AssessorApp
from assistant.tui.screens.help_screen import HelpScreen
from assistant.tui.screens.interview_screen import InterviewScreen
from assistant.tui.widgets.side_panel import SidePanel


async def test_80_by_24_hides_the_panel_and_keeps_the_box(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_interview(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        side = screen.query_one(SidePanel)
        assert not side.display or side.size.width == 0
        box = screen.box
        assert box.region.width >= 70 and box.region.bottom <= 24
        assert box.has_focus
        await type_text(pilot, "small screen answer")
        await pilot.press("enter")
        await pilot.pause()
        assert [t.answer for t in Workspace(ws_root).load(assessment_id).turns] == [
            "small screen answer"
        ]
        await pilot.press("f8")  # the panel can still be shown
        await pilot.pause()
        assert side.display and side.size.width > 40
        await pilot.press("f8")
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert side.display and side.size.width > 0


async def test_pasting_100_kb_is_accepted_and_saved_whole(
    app: AssessorApp, ws_root: Path, assessment_id: str
) -> None:
    text = ("The complaints log is reviewed every Monday by the team leader. " * 1600)[:100_000]
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        app.post_message(events.Paste(text))  # as the terminal driver does
        await pilot.pause()
        assert len(screen.box.text) == 100_000
        await pilot.press("x")  # still typing normally afterwards
        await pilot.press("enter")
        await settle(pilot)
        assert screen.box.text == ""

        saved = Workspace(ws_root).load(assessment_id).turns
        assert len(saved[0].answer) == 100_001


async def test_f1_lists_every_key_of_the_screen(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        interview = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        for needle in (
            "F2",
            "fact",
            "F6",
            "referral",
            "f7",
            "evidence",
            "^q",
            "^j",
            "⏎",
            "/tag TAG",
            "/end",
            "^p",
        ):
            assert needle.lower() in text.lower(), needle
        ids = {b.id for b in interview._bindings.key_to_bindings.get("f9", [])}
        assert ids == {"interview.tick"}
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is interview


async def test_both_themes_render_the_interview(app: AssessorApp) -> None:
    async with app.run_test(size=(110, 36)) as pilot:
        await open_interview(pilot)
        assert app.theme == themes.DARK
        dark = app.screen.box.styles.background
        await pilot.press("ctrl+p")
        await type_text(pilot, "toggle light")
        await wait_for(pilot, palette_offers(app, "light"), "the palette to offer the light theme")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == themes.LIGHT
        light = app.screen.box.styles.background
        assert dark != light and light.brightness > 0.8 > 0.2 > dark.brightness
        assert "NOT SAVED" not in app.export_screenshot()
