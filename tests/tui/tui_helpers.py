"""Provides helpers for the Textual tests: a fixed clock and Pilot steps used by several tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from textual import events
from textual.keys import _character_to_key

FIXED = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    """The time every test app reads."""
    return FIXED


async def settle(pilot: Any) -> None:
    """Wait for workers (the home list) and a refresh."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()


async def open_interview(pilot: Any) -> None:
    """From home: open the first assessment, add a staff interviewee, start the interview."""
    from assistant.tui.screens.interview_screen import InterviewScreen

    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, InterviewScreen)


async def type_text(pilot: Any, text: str) -> None:
    """Type text as a fast typist does: every key posted at once, then wait until idle.

    (`pilot.press` waits for idle after each key, about 60 ms a key.)
    """
    for ch in text:
        key = ch if ch.isalnum() else _character_to_key(ch)
        pilot.app.post_message(events.Key(key, ch))
    await pilot.pause()


async def wait_for(pilot: Any, condition: Callable[[], bool], what: str, tries: int = 500) -> None:
    """Let the app run until `condition` holds: a bounded number of short turns of the event
    loop, never a fixed sleep. Fails naming `what` when it never holds."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"gave up waiting for {what}")


def palette_offers(app: Any, word: str) -> Callable[[], bool]:
    """A condition: the open command palette lists a command whose text contains `word`."""
    from textual.command import CommandList, CommandPalette

    def offered() -> bool:
        palette = app.screen
        if not isinstance(palette, CommandPalette):
            return False
        found = palette.query(CommandList)
        if not found:
            return False
        options = found.first()
        return any(
            word.lower() in str(options.get_option_at_index(i).prompt).lower()
            for i in range(options.option_count)
        )

    return offered
