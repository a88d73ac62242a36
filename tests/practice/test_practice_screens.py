"""The practice screens and the line mode, used as a trainee would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from assistant.line.practice import run_practice
from assistant.services.practice import run_script, start_practice
from assistant.store.workspace import Workspace
from assistant.tui.app import create_app
from assistant.tui.screens.feedback_screen import FeedbackScreen
from assistant.tui.screens.practice_screen import PracticeScreen
from assistant.tui.widgets.chat import ChatLog, ChatMessage

SCORES = {"POL.1": 4, "PRD.2": 5, "POL.3": 3, "PRC.3": 7, "PPL.2": 6, "MEA.4": 5}


def chat_text(screen: PracticeScreen) -> str:
    return "\n".join(m.text for m in screen.query_one(ChatLog).query(ChatMessage))


async def test_a_whole_case_in_the_app(ws: Workspace, clock: Callable[[], datetime]) -> None:
    aid = start_practice(ws, "icxs-harbourside-hotels", "Ann", clock=clock)
    app = create_app(ws.root, practice=aid)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PracticeScreen)

        async def say(text: str) -> None:
            box = screen.query_one("#practice-input", Input)
            box.value = text
            await pilot.press("enter")
            await pilot.pause()

        await say("Walk me through your customer experience strategy")
        await pilot.press("f5")
        await pilot.pause()
        await say("S1: what do you do when a guest complains?")
        await say("/to S9")
        assert screen.query_one("#practice-input", Input).value == "/to S9"
        text = chat_text(screen)
        assert "board is fully behind it" in text and "Evidence seen and recorded" in text
        assert "write it in the log" in text and "no one called S9" in text
        await pilot.press("f8")
        await pilot.pause()
        assert "stays hidden until you submit" in chat_text(screen)
        for crit, value in SCORES.items():
            await say(f"/score {crit} {value}")
        side = str(screen.query_one("#practice-side", Static).render())
        assert "PPL.2: 6" in side
        await say("/submit")
        assert isinstance(app.screen, FeedbackScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 6
        detail = str(app.screen.query_one("#feedback-detail", Static).render())
        assert "Expert's rationale" in detail and "you relied on L1 turn 1" in detail
        await pilot.press("down", "down", "down", "down")
        await pilot.pause()
        detail = str(app.screen.query_one("#feedback-detail", Static).render())
        assert detail.startswith("PPL.2") and "you scored 6 without asking anyone" in detail
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
    data = ws.load(aid)
    assert data.assessment.practice is not None and data.assessment.practice.submitted
    assert len([t for t in data.turns if t.kind == "answer"]) == 3


def test_line_mode(ws: Workspace, clock: Callable[[], datetime]) -> None:
    aid = start_practice(ws, "icss-riverbend-council", "Ben", clock=clock)
    typed = iter(["K1: how does service feed the next planning round?", "/show", "/people"])
    lines: list[str] = []

    def read(prompt: str) -> str:
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    assert run_practice(ws, aid, say=lines.append, read=read) == 0
    out = "\n".join(lines)
    assert "K1, Corporate planning officer (turn 1): To be honest, service results don't" in out
    assert "[Evidence seen and recorded: this year's corporate plan, priority 3]" in out
    assert out.endswith(f"assessor practice start --resume {aid} --plain")


async def test_home_opens_a_practice_on_the_practice_screen(
    ws: Workspace, clock: Callable[[], datetime]
) -> None:
    aid = start_practice(ws, "icss-brightwell-leisure", "Ann", clock=clock)
    app = create_app(ws.root)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and app.screen.assessment_id == aid
        assert "A charitable trust running five leisure centres" in chat_text(app.screen)


async def test_feedback_shows_earlier_results(ws: Workspace, tmp_path: Path) -> None:
    body = "asks: []\nscores: {POL.1: 1, PRD.2: 5, POL.3: 3, PRC.3: 7, PPL.2: 2, MEA.4: 5}\n"
    script = tmp_path / "s.yaml"
    script.write_text(body, encoding="utf-8")
    run_script(ws, "icxs-harbourside-hotels", "Ann", script)
    aid = run_script(ws, "icxs-harbourside-hotels", "Ann", script)
    app = create_app(ws.root, practice=aid)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackScreen)
        summary = str(app.screen.query_one("#feedback-summary", Static).render())
        assert "Your results so far:" in summary
        assert summary.count("icxs-harbourside-hotels: bands 100 %") == 2
