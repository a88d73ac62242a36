"""Provides SavedIndicator: one line that says truthfully whether the last input is on disk.

States: "saved" (with the turn it wrote), "saving…" while a write is under way, and a loud
"NOT SAVED — <reason>" after a failed write (the typed text is then back in the box).
The screen sets the state from the replies; this widget only shows it.

"""

from __future__ import annotations

from typing import Literal

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

SaveState = Literal["idle", "saving", "saved", "not-saved"]


class SavedIndicator(Static):
    """Shows the save state; its CSS class names the state (``-saved``, ``-not-saved``…)."""

    state: reactive[SaveState] = reactive("idle")
    detail: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)

    def set_state(self, state: SaveState, detail: str = "") -> None:
        """Change the state and its detail (a turn, or the reason a write failed)."""
        self.detail = detail
        self.state = state

    @property
    def text(self) -> str:
        """The plain text shown, for tests and screen readers."""
        return str(self.render_content())

    def render_content(self) -> Content:
        """Return the line for the current state."""
        detail = self.detail
        if self.state == "saving":
            return Content("◌ saving…")
        if self.state == "saved":
            return Content(f"✔ saved{' · ' + detail if detail else ''}")
        if self.state == "not-saved":
            reason = detail or "the write failed"
            return Content(f"✖ NOT SAVED — {reason} · text kept, Enter retries")

        return Content(detail or "—")

    def watch_state(self, old: SaveState, new: SaveState) -> None:
        self.remove_class(f"-{old}")
        self.add_class(f"-{new}")
        self.update(self.render_content())

    def watch_detail(self) -> None:
        self.update(self.render_content())

    def on_mount(self) -> None:
        self.add_class(f"-{self.state}")
        self.update(self.render_content())
