"""Provides ScoresScreen: every criterion's suggestion and decision, rollups and readiness.

The assessor accepts a suggestion with one key, overrides it with a score and a reason, comments
on a criterion, and follows a suggestion's citations to the transcript turns behind it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize
from textual.widgets import DataTable, Footer, Header

from assistant.services.opening import OpenAssessment
from assistant.services.scores import (
    CriterionLine,
    ScoresData,
    accepted,
    build_scores_data,
    commented,
    overridden,
    own,
)
from assistant.tui.screens.note_modal import NoteModal
from assistant.tui.screens.override_modal import Override, OverrideModal
from assistant.tui.screens.review_base import ReviewScreen
from assistant.tui.widgets.criterion_detail import CriterionDetail
from assistant.tui.widgets.rollup_bar import RollupBar
from assistant.tui.widgets.scores_table import ScoresTable

NARROW = 110
"""Below this many columns the detail panel gives the table the width; d shows it."""


class ScoresScreen(ReviewScreen):
    """Criteria by group with suggested and decided scores; accept, override, comment."""

    TITLE = "Scores"
    AUTO_FOCUS = "#scores-table"
    BUSY = "#scores-body"
    BINDINGS = [
        Binding(
            "a",
            "accept",
            "Accept",
            id="scores.accept",
            tooltip="Accept the suggested score for the selected criterion",
        ),
        Binding(
            "o",
            "override",
            "Override",
            id="scores.override",
            tooltip="Set your own score, with the reason it differs from the suggestion",
        ),
        Binding(
            "c",
            "comment",
            "Comment",
            id="scores.comment",
            tooltip="Write a comment on the selected criterion",
        ),
        Binding(
            "t",
            "transcript",
            "Transcript",
            id="scores.transcript",
            tooltip="Read the turns that inform the selected criterion",
        ),
        Binding(
            "d",
            "focus_detail",
            "Reasons",
            id="scores.reasons",
            tooltip="Move to the suggestion's reasons and citations (on a narrow screen: "
            "show them in place of the table, d again goes back)",
        ),
    ]

    def __init__(
        self, current: OpenAssessment | None = None, *, criterion_id: str | None = None
    ) -> None:
        super().__init__(current)
        self.view: ScoresData | None = None
        self._want = criterion_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield RollupBar(id="scores-rollup")
        with Horizontal(id="scores-body"):
            yield ScoresTable(id="scores-table")
            yield CriterionDetail(id="scores-detail")
        yield Footer()

    # ------------------------------------------------------------------ drawing

    def draw(self, current: OpenAssessment) -> None:
        keep = self._want or self.selected_id()
        self._want = None
        self.view = build_scores_data(current.bank, current.data)
        self.query_one("#scores-rollup", RollupBar).show(
            current.bank, self.view.rollup, self.view.readiness, self.view.bias
        )
        self.query_one(ScoresTable).show(current.bank, self.view)
        self.select_criterion(keep or self.view.lines[0].id)

    # ------------------------------------------------------------------ selection

    def show_criterion(self, criterion_id: str) -> None:
        """Select a criterion now, or as soon as the screen has drawn its table."""
        if self.view is None:
            self._want = criterion_id
        elif not self.select_criterion(criterion_id):
            self.notify(f"No criterion {criterion_id} in this bank.", severity="warning")

    def selected_id(self) -> str | None:
        """Return the criterion under the cursor (None on a group row or an empty table)."""
        return self.query_one(ScoresTable).selected_id()

    def selected_line(self) -> CriterionLine | None:
        """Return the line under the cursor."""
        cid = self.selected_id()
        if cid is None or self.view is None:
            return None
        return self.view.line(cid)

    def select_criterion(self, criterion_id: str) -> bool:
        """Move the cursor to a criterion; False when the bank has no such criterion."""
        if not self.query_one(ScoresTable).select(criterion_id):
            return False
        self._show_detail()
        return True

    @on(DataTable.RowHighlighted, "#scores-table")
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#scores-table")
    def _selected(self) -> None:
        self.action_focus_detail()

    def _show_detail(self) -> None:
        current = self.current
        if current is not None:
            self.query_one(CriterionDetail).show(current.bank, current.data, self.selected_line())

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    def action_focus_detail(self) -> None:
        """Move focus to the reasons list; on a narrow screen, show it instead of the table
        (and back again)."""
        if self.has_class("-narrow"):
            self.toggle_class("-detail-open")
            if not self.has_class("-detail-open"):
                self.query_one(ScoresTable).focus()
                return
        self.query_one("#detail-reasons").focus()

    # ------------------------------------------------------------------ decisions

    def _line_or_say(self) -> CriterionLine | None:
        line = self.selected_line()
        if line is None:
            self.notify("Select a criterion first.", severity="warning")
        return line

    def _saved(self, criterion_id: str, what: str) -> None:
        """Redraw after a decision; say so when another assessor's decision still counts."""
        self.refresh_view()
        current = self.current
        if self.view is None or current is None:
            return
        decided = self.view.line(criterion_id).decided
        me = current.session.who
        if decided is not None and decided.assessor != me:
            self.notify(
                f"{criterion_id}: {what} saved as {me or 'an unnamed assessor'}'s decision, but "
                f"{decided.assessor or 'another assessor'}'s decision as lead assessor still "
                "counts (start the app with --as NAME to decide as that assessor).",
                severity="warning",
                timeout=12,
            )
        else:
            self.notify(f"{criterion_id}: {what} saved.")

    def action_accept(self) -> None:
        """Accept the selected criterion's suggestion as its score."""
        line, current = self._line_or_say(), self.current
        if line is None or current is None:
            return
        if line.suggestion is None:
            self.notify(
                f"{line.id} has no suggestion yet: override to set a score.", severity="warning"
            )
            return
        decision = accepted(line, current.session.who, current.bank)
        if (
            self.save(
                "Accept", lambda: current.session.set_score(decision, why="accepted the suggestion")
            )
            is not None
        ):
            self._saved(line.id, f"accepted {decision.score:g}")

    def action_override(self) -> None:
        """Ask for a score and reason, then save them."""
        line, current = self._line_or_say(), self.current
        if line is None or current is None:
            return

        def done(result: Override | None) -> None:
            if result is None:
                return
            decision = overridden(
                current.bank, line, result.score, result.reason, current.session.who
            )
            why = result.reason or "set by the assessor"
            if self.save("Override", lambda: current.session.set_score(decision, why=why)):
                self._saved(line.id, f"score {result.score:g}")

        self.app.push_screen(OverrideModal(current.bank, line), done)

    def action_comment(self) -> None:
        """Ask for a comment on the selected criterion and save it."""
        line, current = self._line_or_say(), self.current
        if line is None or current is None:
            return

        def done(text: str | None) -> None:
            if text is None:
                return
            decision = commented(line, text, current.session.who)
            if self.save("Comment", lambda: current.session.set_score(decision, why="comment")):
                self._saved(line.id, "comment")

        from assistant.core.report.commentary import draft_commentary

        mine = own(line, current.session.who)
        old = mine.comment if mine else ""
        draft = "" if old else draft_commentary(current.bank, current.data, line.id)
        self.app.push_screen(
            NoteModal(
                f"Commentary on {line.id}",
                value=old or draft,
                placeholder="what was found, what it rests on, what would lift it",
                hint="Drafted from the cited answers and evidence: edit it, then save."
                if draft
                else "",
            ),
            done,
        )

    # ------------------------------------------------------------------ citations

    def action_transcript(self) -> None:
        """Open the transcripts filtered to the selected criterion."""
        from assistant.tui.screens.transcript_screen import TranscriptScreen

        self.app.push_screen(TranscriptScreen(self._current, criterion_id=self.selected_id()))

    @on(CriterionDetail.CitationChosen)
    def _citation(self, event: CriterionDetail.CitationChosen) -> None:
        current = self.current
        if current is None:
            return
        item = next((e for e in current.data.evidence if e.id == event.cite), None)
        if item is not None:
            state = "verified" if item.verified else "not verified"
            ref = f", {item.reference}" if item.reference else ""
            self.notify(f"{item.id}: {item.type} '{item.title}'{ref} ({state})", timeout=8)
            return
        from assistant.tui.screens.transcript_screen import TranscriptScreen

        self.app.push_screen(TranscriptScreen(self._current, focus=event.cite))
