"""Widgets on their own: /command completion, the chat's cap on mounted messages."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from assistant.tui.widgets import chat
from assistant.tui.widgets.answer_box import command_hint, completion
from assistant.tui.widgets.chat import ChatLog, ChatMessage, answer_message


@pytest.mark.parametrize(
    ("typed", "rest"),
    [
        ("/ta", "g "),  # the unique command, then a space for its argument
        ("/tag cl", "aim-to-verify"),
        ("/ev", "idence "),
        ("/evidence do", "cument"),
        ("/next SV", "C."),  # criterion ids share a prefix: only the common part
        ("/zz", ""),
        ("/tag fact", ""),
    ],
)
def test_completion_comes_from_the_command_table(typed: str, rest: str) -> None:
    assert completion(typed, ["SVC.1", "SVC.2"]) == rest


def test_command_hint_explains_or_suggests() -> None:
    assert command_hint("/tag ").startswith("/tag TAG")
    assert "no command starts with /zz" in command_hint("/zz")
    assert command_hint("plain answer") == ""


def test_a_long_answer_bubble_shows_a_preview() -> None:
    msg = answer_message("x" * 10_000, code="S1", n=3, key="iv/3")
    assert len(msg.text) < 2_100 and "8,000 more characters saved" in msg.text


async def test_chat_keeps_the_newest_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chat, "MAX_MESSAGES", 5)

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield ChatLog()

    app = One()
    async with app.run_test() as pilot:
        log = app.query_one(ChatLog)
        for i in range(12):
            log.add(ChatMessage(f"m{i}"))
            await pilot.pause()
        assert [m.text for m in log.messages()] == ["m7", "m8", "m9", "m10", "m11"]


def test_app_modes_name_every_review_screen() -> None:
    from assistant.tui.app import MODES, REVIEW_MODE_NAMES
    from assistant.tui.screens.review_commands import REVIEW_MODES

    assert set(REVIEW_MODE_NAMES) == set(REVIEW_MODES)
    assert set(MODES) == {"home", *REVIEW_MODES}
