"""Provides FeedbackScreen: the calibration of a submitted practice case.

A table gives, per criterion, the trainee's and the expert's score and band and how much was
missed; the panel below explains the highlighted criterion: the expert's rationale, what the
trainee missed and what they over- or under-weighted.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from assistant.core.practice.feedback import Feedback, score_text, summary_lines
from assistant.tui.screens import SCREENS_CSS


class FeedbackScreen(Screen[None]):
    """The comparison with the expert, criterion by criterion."""

    CSS_PATH = SCREENS_CSS

    BINDINGS: ClassVar = [
        Binding(
            "escape",
            "app.pop_screen",
            "Back",
            id="feedback.back",
            tooltip="Back to the practice interview",
        ),
    ]

    def __init__(self, feedback: Feedback, history: tuple[str, ...] = ()) -> None:
        super().__init__(id="feedback")
        self.feedback = feedback
        self.history = history
        """The trainee's submitted cases so far, one line each, oldest first."""

    def compose(self) -> ComposeResult:
        cal = self.feedback.calibration
        yield Header()
        summary = summary_lines(cal)
        if len(self.history) > 1:
            summary += ["", "Your results so far:", *(f"  {line}" for line in self.history)]
        yield Static("\n".join(summary), id="feedback-summary")
        yield DataTable(id="feedback-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="feedback-detail-scroll"):
            yield Static(id="feedback-detail")
        yield Footer()

    def on_mount(self) -> None:
        cal = self.feedback.calibration
        self.title = f"Calibration · {cal.case_title}"
        self.sub_title = f"trainee {cal.trainee}"
        table = self.query_one(DataTable)
        table.add_columns(
            "Criterion", "You", "Band", "Expert", "Band", "Same", "Missed", "Warnings"
        )
        for row in cal.criteria:
            same = "✔" if row.trainee_band == row.reference_band else "✖"
            table.add_row(
                f"{row.id} {row.title}"[:36],
                score_text(row.trainee_score),
                row.trainee_band or "-",
                score_text(row.reference_score),
                row.reference_band,
                same,
                str(len(row.missed)),
                str(len(row.overweighted)),
                key=row.id,
            )
        table.focus()
        self._detail(0)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail(event.cursor_row)

    def _detail(self, index: int) -> None:
        rows = self.feedback.calibration.criteria
        if not 0 <= index < len(rows):
            return
        row = rows[index]
        yours = f"{score_text(row.trainee_score)} ({row.trainee_band or '-'})"
        lines = [
            f"{row.id} {row.title}: you {yours},"
            f" expert {score_text(row.reference_score)} ({row.reference_band})",
            "",
            "Expert's rationale: " + " ".join(row.rationale.split()),
        ]
        if row.found:
            lines += ["", "Key evidence you reached:", *(f"  ✔ {f}" for f in row.found)]
        if row.missed:
            lines += ["", "What you missed:", *(f"  • {m}" for m in row.missed)]
        if row.overweighted:
            lines += ["", "Weighting and support:", *(f"  • {m}" for m in row.overweighted)]
        if row.trap:
            lines += ["", f"Lesson: {row.trap}"]
        self.query_one("#feedback-detail", Static).update("\n".join(lines))
