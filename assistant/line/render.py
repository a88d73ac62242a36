"""Provides the line mode's output: engine replies and listings printed as plain lines.

Nothing here draws boxes, moves the cursor, colours or animates anything: every reply is the
core's `plain()` text (which starts with its role: "Question 3 of 12 (…)", "Probe: …",
"Suggested: …", "Saved.", "NOT SAVED: …"), printed one line at a time through an injectable
`say` function, so tests capture exactly what a screen reader would announce.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.core.interview.replies import Reply

Say = Callable[[str], None]
"""Prints one line (no newline in it)."""

KEYS_HELP = (
    "Keys: type the answer, then press Enter on an empty line to save it (Esc then Enter also "
    "saves). A line starting with / is a command and runs on Enter. Tab completes commands; "
    "up and down arrows recall earlier entries; ctrl+c or ctrl+d leaves (saved answers stay "
    "on disk)."
)
"""The first help line: how to end an answer, shown on start and at the top of /help."""


def print_line(text: str) -> None:
    """Print one line to standard output at once (no buffering behind a prompt)."""
    print(text, flush=True)


class Printer:
    """Prints text and engine replies as plain lines."""

    def __init__(self, say: Say = print_line) -> None:
        self.say = say

    def line(self, text: str = "") -> None:
        """Print text, one call of `say` per line."""
        for part in text.splitlines() or [""]:
            self.say(part)

    def lines(self, texts: Iterable[str]) -> None:
        """Print several texts."""
        for text in texts:
            self.line(text)

    def reply(self, reply: Reply) -> None:
        """Print one reply; the command help starts with the keys line."""
        from assistant.core.interview.views import HelpView

        if isinstance(reply, HelpView) and len(reply.commands) > 1:
            self.line(KEYS_HELP)
        self.line(reply.plain())

    def replies(self, replies: Iterable[Reply]) -> None:
        """Print replies in order."""
        for reply in replies:
            self.reply(reply)

    def choices(self, title: str, options: Iterable[str]) -> None:
        """Print a numbered list under a title line: "1. …", "2. …"."""
        self.line(title)
        for n, option in enumerate(options, 1):
            self.line(f"{n}. {option}")
