"""Provides ReviewScreen: what the review screens share — the open assessment and safe writes.

The open assessment is the one passed in, else the app's `current` (`OpenAssessment`). Writes go
through its Session; a write the store refuses (disk full, read-only, bad value) is reported as
one line and never crashes the app.

Answers are read (for suggestions and triangulation) once per distinct text and cached; the
first time a review screen shows an assessment it reads them in a thread worker behind a loading
indicator, so opening a 1,200-turn assessment never freezes the app. Later redraws are fast and
run on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual import work
from textual.binding import Binding
from textual.screen import Screen

from assistant.core.errors import AssessorError
from assistant.core.evidence.sources import SourceIndex
from assistant.services.opening import OpenAssessment
from assistant.tui.screens import SCREENS_CSS

T = TypeVar("T")


class ReviewScreen(Screen[None]):
    """A screen that shows the open assessment and refreshes itself when shown again."""

    CSS_PATH = SCREENS_CSS

    BINDINGS = [
        Binding(
            "escape",
            "back",
            "Back",
            id="review.back",
            show=False,
            tooltip="Return to the screen this one was opened from, or to the assessments",
        ),
    ]

    BUSY = "Screen > *"
    """Selector of the part that shows a loading indicator while answers are first read."""

    def __init__(self, current: OpenAssessment | None = None) -> None:
        super().__init__()
        self._current = current
        self._warmed: object | None = None

    @property
    def current(self) -> OpenAssessment | None:
        """The assessment shown: the one given, else the app's open one."""
        if self._current is not None:
            return self._current
        found = getattr(self.app, "current", None)
        return found if isinstance(found, OpenAssessment) else None

    def save(self, what: str, write: Callable[[], T]) -> T | None:
        """Run one write through the session; report a refusal as one line and return None."""
        try:
            return write()
        except AssessorError as exc:
            self.notify(f"{what}: {exc}", severity="error", timeout=8)
            return None

    SUBTITLE_SUFFIX: ClassVar[str] = ""
    """Added after the assessment's title in the screen's subtitle."""

    def refresh_view(self) -> None:
        """Recompute and redraw from the open assessment, or say that none is open."""
        current = self.current
        if current is None:
            self.sub_title = "no assessment open"
            return
        self.sub_title = current.title + self.SUBTITLE_SUFFIX
        self.draw(current)

    def draw(self, current: OpenAssessment) -> None:
        """Recompute and redraw from the assessment (each screen fills this in)."""

    def on_screen_resume(self) -> None:
        current = self.current
        if current is not None and self._warmed is not current:
            self._warmed = current
            self._busy(True)
            self._warm(current)
            return
        self.refresh_view()

    @work(thread=True, group="review-warm", exit_on_error=False)
    def _warm(self, current: OpenAssessment) -> None:
        """Read every answer once (cached), off the UI thread."""
        try:
            SourceIndex(current.bank, current.data)
        finally:
            self.app.call_from_thread(self._warm_done)

    def _warm_done(self) -> None:
        self._busy(False)
        self.refresh_view()

    def _busy(self, busy: bool) -> None:
        for widget in self.query(self.BUSY):
            widget.loading = busy

    async def action_back(self) -> None:
        """Return to the screen this one was opened from, or to the app's home mode."""
        if self.app.screen is not self:
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        elif "home" in self.app.MODES and self.app.current_mode != "home":
            await self.app.switch_mode("home")
