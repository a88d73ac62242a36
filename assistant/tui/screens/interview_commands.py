"""Provides InterviewCommands: the interview screen's palette entries.

"Closing read-back" and "Go to … in this interview" for every criterion of the bank; each runs
the matching `/` command through the screen, exactly as if it had been typed.
"""

from __future__ import annotations

from functools import partial
from typing import Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from assistant.core.bank.model import Bank


@runtime_checkable
class RunsLines(Protocol):
    """A screen that runs `/` commands and knows its bank (the interview screen)."""

    @property
    def bank(self) -> Bank: ...

    def run_line(self, line: str) -> None: ...


class InterviewCommands(Provider):
    """Palette hits for the interview in progress."""

    def _entries(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        if not isinstance(screen, RunsLines):
            return []
        out = [("Closing read-back", "Read back what you heard, then /end again (/end)", "/end")]
        out += [
            (
                f"Go to {c.id} {c.title} in this interview",
                "Ask its first question (/next)",
                f"/next {c.id}",
            )
            for c in screen.bank.criteria()
        ]
        return out

    async def discover(self) -> Hits:
        for title, help_text, line in self._entries()[:6]:
            yield DiscoveryHit(title, partial(self._run, line), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, line in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self._run, line), help=help_text)

    def _run(self, line: str) -> None:
        screen = self.screen
        if isinstance(screen, RunsLines):
            screen.run_line(line)
