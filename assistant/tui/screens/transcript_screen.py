"""Provides TranscriptScreen: read-only review of every interview's turns, searchable and filtered.

Lead assessors read any interview's questions and answers with tags, role codes, times and an
edited marker; search across all transcripts as they type; filter by criterion, role, tag and
interview; and land on a turn a suggestion cites, scrolled to and highlighted.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from assistant.core.model import TAGS
from assistant.services.opening import OpenAssessment
from assistant.services.transcripts import (
    TurnFilter,
    TurnRow,
    change_mark,
    filter_rows,
    turn_rows,
)
from assistant.tui.screens.review_base import ReviewScreen

SEARCH_DELAY = 0.12
"""Seconds of quiet typing before the search runs again."""
ROLES = (("Leads", "lead"), ("Stakeholders", "stakeholder"), ("Staff", "staff"))


def _narrowed(before: list[TurnRow], after: list[TurnRow]) -> bool:
    """True when `after` is `before` with some rows left out (same order)."""
    keys = iter(row.key for row in before)
    return all(any(k == row.key for k in keys) for row in after)


def _short(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class TranscriptScreen(ReviewScreen):
    """All turns of the assessment in one table, with search, filters and a detail pane."""

    SUBTITLE_SUFFIX = " · read-only review"

    TITLE = "Transcripts"
    AUTO_FOCUS = "#transcript-table"
    BUSY = "#transcript-body"
    BINDINGS = [
        Binding(
            "slash",
            "search",
            "Search",
            id="transcript.search",
            tooltip="Search every transcript of this assessment",
        ),
        Binding(
            "ctrl+r",
            "reset",
            "Clear filters",
            id="transcript.reset",
            tooltip="Show every turn again",
        ),
    ]

    def __init__(
        self,
        current: OpenAssessment | None = None,
        *,
        focus: str | None = None,
        criterion_id: str | None = None,
    ) -> None:
        super().__init__(current)
        self.rows: list[TurnRow] = []
        self.shown: list[TurnRow] = []
        self.focused_key: str | None = focus
        self._start_criterion = criterion_id
        self._timer: Timer | None = None
        self._built_for: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="transcript-filters"):
            yield Input(placeholder="search all transcripts  (/)", id="transcript-search")
            yield Select[str]([], prompt="criterion", id="transcript-criterion")
            yield Select[str](ROLES, prompt="role", id="transcript-role")
            yield Select[str]([(t, t) for t in TAGS], prompt="tag", id="transcript-tag")
            yield Select[str]([], prompt="interview", id="transcript-interview")
        with Vertical(id="transcript-body"):
            yield Static("", id="transcript-count")
            table: DataTable[str | Text] = DataTable(
                id="transcript-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Static("", id="transcript-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#transcript-table", DataTable)
        for name in ("Turn", "Who", "Time", "Tags", "Criteria", "Question → answer", "✎"):
            table.add_column(name, key=name)

    # ------------------------------------------------------------------ building

    def draw(self, current: OpenAssessment) -> None:
        data = current.data
        stamp = id(data), len(data.turns), sum(len(t.changed) + t.edited for t in data.turns)
        if self._built_for != hash(stamp):
            self._built_for = hash(stamp)
            self.rows = turn_rows(current.bank, data)
            self.query_one("#transcript-criterion", Select).set_options(
                [(f"{c.id} {_short(c.title, 30)}", c.id) for c in current.bank.criteria()]
            )
            self.query_one("#transcript-interview", Select).set_options(
                [(self._interview_label(iv.id), iv.id) for iv in data.interviews]
            )
        if self._start_criterion:
            self.query_one("#transcript-criterion", Select).value = self._start_criterion
            self._start_criterion = None
        self.apply_filter()

    def _interview_label(self, interview_id: str) -> str:
        current = self.current
        assert current is not None
        iv = current.data.interview(interview_id)
        codes = []
        for pid in iv.interviewee_ids:
            try:
                codes.append(current.data.interviewee(pid).code)
            except KeyError:
                codes.append("?")
        return f"{'+'.join(codes)} {iv.started:%d %b %H:%M}"

    def current_filter(self) -> TurnFilter:
        """Return the filter the controls describe."""

        def value(selector: str) -> str | None:
            v = self.query_one(selector, Select).value
            return v if isinstance(v, str) else None

        return TurnFilter(
            text=self.query_one("#transcript-search", Input).value,
            criterion=value("#transcript-criterion"),
            role=value("#transcript-role"),
            tag=value("#transcript-tag"),
            interview=value("#transcript-interview"),
        )

    def apply_filter(self) -> None:
        """Show the turns that pass the current filter, keeping the focused turn if shown."""
        f = self.current_filter()
        before, self.shown = self.shown, filter_rows(self.rows, f)
        table = self.query_one("#transcript-table", DataTable)
        if table.row_count == len(before) and _narrowed(before, self.shown):
            # typing more only hides rows: remove those, keep the rest as drawn
            kept = {row.key for row in self.shown}
            for row in before:
                if row.key not in kept:
                    table.remove_row(row.key)
        else:
            table.clear()
            for row in self.shown:
                table.add_row(*self._cells(row), key=row.key)
        what = "turns" if f.empty else "turns match"
        self.query_one("#transcript-count", Static).update(
            f"{len(self.shown)} of {len(self.rows)} {what}"
        )
        keys = [row.key for row in self.shown]
        if self.focused_key in keys:
            table.move_cursor(row=keys.index(self.focused_key), animate=False)
        elif keys:  # the turn shown is filtered out: show the first that is left
            self.focused_key = keys[0]
            table.move_cursor(row=0, animate=False)
        self._show_detail()

    @staticmethod
    def _cells(row: TurnRow) -> tuple[str | Text, ...]:
        turn = row.turn
        text = (f"{_short(turn.question, 40)} → " if turn.question else "") + turn.answer
        if turn.kind == "note":
            text = "note: " + turn.answer
        return (
            f"{turn.interview_id[-4:]}/{turn.n}",
            row.code,
            f"{turn.answered_at:%d %b %H:%M}",
            ",".join(turn.tags),
            ",".join(row.criteria),
            _short(text, 90),
            Text(change_mark(turn)[0], style="yellow" if turn.change_kind == "tagged" else "red")
            if turn.edited
            else "",
        )

    # ------------------------------------------------------------------ events

    @on(Input.Changed, "#transcript-search")
    def _typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_DELAY, self.apply_filter)

    @on(Input.Submitted, "#transcript-search")
    def _submitted(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.apply_filter()
        self.query_one("#transcript-table").focus()

    @on(Select.Changed)
    def _filtered(self) -> None:
        if self.rows:
            self.apply_filter()

    @on(DataTable.RowHighlighted, "#transcript-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.focused_key = event.row_key.value
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#transcript-detail", Static)
        row = next((r for r in self.shown if r.key == self.focused_key), None)
        current = self.current
        if row is None or current is None:
            detail.update("No turn selected." if self.shown else "No turn matches.")
            return
        turn = row.turn
        text = Text()
        text.append(f"{row.code} · turn {turn.key}", style="bold")
        text.append(f"  {turn.asked_at:%Y-%m-%d %H:%M} → {turn.answered_at:%H:%M}", style="dim")
        if turn.edited:
            symbol, words = change_mark(turn)
            text.append(f"  {symbol} {words}", style="yellow")
        if turn.question:
            text.append(f"\nQ: {turn.question}", style="italic")
        text.append(f"\n{'Note' if turn.kind == 'note' else 'A'}: {turn.answer}")
        text.append(
            f"\ntags: {', '.join(turn.tags) or '–'}   criteria: {', '.join(row.criteria) or '–'}",
            style="dim",
        )
        for item in current.data.evidence:
            if item.interview_id == turn.interview_id and item.turn_n == turn.n:
                state = "verified" if item.verified else "not verified"
                text.append(f"\nevidence {item.id}: {item.title} ({state})", style="cyan")
        terms = self.query_one("#transcript-search", Input).value.split()
        if terms:
            text.highlight_words(terms, style="reverse", case_sensitive=False)
        detail.update(text)

    # ------------------------------------------------------------------ actions

    def show_turn(self, key: str) -> bool:
        """Scroll to and highlight one turn, clearing filters that hide it; False if unknown."""
        if not any(row.key == key for row in self.rows):
            self.notify(f"No turn {key} in this assessment.", severity="warning")
            return False
        self.focused_key = key
        if not any(row.key == key for row in self.shown):
            self._clear_controls()
        self.apply_filter()
        self.query_one("#transcript-table").focus()
        return True

    def _clear_controls(self) -> None:
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#transcript-search", Input).value = ""
            for select in self.query(Select):
                select.clear()

    def action_reset(self) -> None:
        """Clear the search and every filter."""
        self._clear_controls()
        self.apply_filter()

    async def action_back(self) -> None:
        """Leave the search box for the table first; then go back as every review screen does."""
        if isinstance(self.focused, (Input, Select)):
            self.query_one("#transcript-table").focus()
            return
        await super().action_back()

    def action_search(self) -> None:
        """Focus the search box."""
        self.query_one("#transcript-search", Input).focus()
