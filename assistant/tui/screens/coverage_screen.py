"""Provides CoverageScreen: the criterion × interviewee matrix, with gaps and whom to ask next.

Columns are the interviewees by role code (leads, then key stakeholders, then staff); a cell
shows whether that person spoke to the criterion. Each row says whether a lead, a member of staff
and a verified record back the criterion, how the accounts read against each other (corroborated,
contradicted, single source, not asked), and names its gap. Below the table the selected
criterion's lead-versus-staff pairs are listed with what each reading rests on; p moves to the
next pair and c confirms its reading or changes it (the assessor's word always wins).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from assistant.core.evidence.pairing import Pair, pair_words
from assistant.core.evidence.triangulation import STATUS_MARK
from assistant.services.coverage import (
    GAP_CONTRADICTED,
    GAP_LEADS_ONLY,
    GAP_NO_STAFF,
    GAP_NONE,
    Coverage,
    CoverageRow,
    build_coverage,
    next_reading,
    read_pair,
)
from assistant.services.opening import OpenAssessment
from assistant.tui.screens.review_base import ReviewScreen

URGENT = {GAP_CONTRADICTED, GAP_NONE, GAP_NO_STAFF, GAP_LEADS_ONLY}
"""Gaps shown in red: nothing heard, or nobody from the front line."""
ROLE_STYLE = {"lead": "bold cyan", "stakeholder": "bold magenta", "staff": "bold green"}
STATUS_STYLE = {
    "corroborated": "green",
    "contradicted": "bold red",
    "single-source": "yellow",
    "not-asked": "dim",
}


def _yes(flag: bool) -> Text:
    return Text("yes", style="green") if flag else Text("no", style="red")


class CoverageScreen(ReviewScreen):
    """Who has spoken to which criterion, and where triangulation is still missing."""

    TITLE = "Coverage"
    AUTO_FOCUS = "#coverage-table"
    BUSY = "#coverage-table"
    BINDINGS = [
        Binding(
            "g",
            "toggle_gaps",
            "Gaps only",
            id="coverage.gaps",
            tooltip="Show only criteria with a gap, or every criterion",
        ),
        Binding(
            "p",
            "next_pair",
            "Next pair",
            id="coverage.next_pair",
            tooltip="Select the next lead-versus-staff pair of this criterion",
        ),
        Binding(
            "c",
            "read_pair",
            "Confirm/change reading",
            id="coverage.read_pair",
            tooltip="Confirm the selected pair's reading, or press again to change it",
        ),
        Binding(
            "s",
            "scores",
            "Scores",
            id="coverage.scores",
            tooltip="Open the selected criterion on the Scores screen",
        ),
        Binding(
            "t",
            "transcript",
            "Transcript",
            id="coverage.transcript",
            tooltip="Read the turns on the selected criterion",
        ),
    ]

    def __init__(self, current: OpenAssessment | None = None) -> None:
        super().__init__(current)
        self.coverage: Coverage | None = None
        self.gaps_only = False
        self.pair_index = 0
        self._pairs_of: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="coverage-summary")
        table: DataTable[str | Text] = DataTable(
            id="coverage-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static("", id="coverage-next")
        yield Footer()

    def draw(self, current: OpenAssessment) -> None:
        self.coverage = build_coverage(current.bank, current.data)
        self._fill()

    def _fill(self) -> None:
        cov = self.coverage
        if cov is None:
            return
        table = self.query_one("#coverage-table", DataTable)
        keep = self.selected_id()
        table.clear(columns=True)
        table.add_column("Criterion", key="criterion")
        for person in cov.people:
            table.add_column(Text(person.code, style=ROLE_STYLE[person.role]), key=person.code)
        for name in ("Lead", "Staff", "Record", "Accounts", "Gap"):
            table.add_column(name, key=name.lower())
        for row in cov.rows:
            if self.gaps_only and not row.gaps:
                continue
            table.add_row(*self._cells(cov, row), key=row.criterion.id)
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep), animate=False)
            except Exception:  # noqa: BLE001 - RowDoesNotExist: filtered out
                pass
        counts = cov.counts()
        summary = Text()
        summary.append(f"{len(cov.rows)} criteria · {len(cov.people)} interviewees  ")
        for person_role, style in ROLE_STYLE.items():
            n = sum(p.role == person_role for p in cov.people)
            summary.append(f"{person_role} {n}  ", style=style)
        summary.append("\nGaps: ", style="bold")
        summary.append(
            " · ".join(f"{gap} {n}" for gap, n in counts.items()),
            style="yellow" if any(counts.values()) else "green",
        )
        if self.gaps_only:
            summary.append("  (showing gaps only; g shows all)", style="dim")
        self.query_one("#coverage-summary", Static).update(summary)
        self._show_next()

    @staticmethod
    def _cells(cov: Coverage, row: CoverageRow) -> list[str | Text]:
        cells: list[str | Text] = [
            Text(
                f"{row.criterion.id} {row.criterion.title[:34]}",
                style="red" if URGENT.intersection(row.gaps) else "yellow" if row.gaps else "",
            )
        ]
        for person in cov.people:
            n = row.spoke.get(person.code, 0)
            cells.append(
                Text("●" if n == 1 else f"●{n}", style=ROLE_STYLE[person.role])
                if n
                else Text("·", style="dim")
            )
        gap_style = "bold red" if URGENT.intersection(row.gaps) else "yellow"
        cells += [
            _yes(row.lead),
            _yes(row.staff),
            _yes(row.records > 0),
            Text(
                f"{STATUS_MARK[row.triangulation.status]} {row.triangulation.status}",
                style=STATUS_STYLE[row.triangulation.status],
            ),
            Text(", ".join(row.gaps), style=gap_style)
            if row.gaps
            else Text("triangulated", style="green"),
        ]
        return cells

    def selected_id(self) -> str | None:
        """Return the criterion under the cursor."""
        table = self.query_one("#coverage-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#coverage-table")
    def _show_next(self) -> None:
        cov, cid = self.coverage, self.selected_id()
        box = self.query_one("#coverage-next", Static)
        if cov is None or cid is None:
            box.update("")
            return
        row = cov.row(cid)
        text = Text()
        text.append(f"{cid} {row.criterion.title}: ", style="bold")
        if not row.gaps:
            text.append("a lead, staff and a verified record all cover it.", style="green")
        else:
            text.append(", ".join(row.gaps) + ". ", style="yellow")
            asks = []
            for role, need in (("staff", not row.staff), ("lead", not row.lead)):
                if need:
                    codes = cov.not_heard(cid, role)
                    asks.append(
                        f"ask {role} {', '.join(codes)}"
                        if codes
                        else f"no {role} interviewee planned yet"
                    )
            if row.records == 0:
                typical = "; ".join(row.criterion.typical_evidence[:2])
                asks.append(f"ask for a record ({typical})")
            text.append("Next: " + "; ".join(asks) if asks else "")
        pairs = row.triangulation.pairs
        if self._pairs_of != cid:
            self._pairs_of, self.pair_index = cid, 0
        if pairs:
            self.pair_index %= len(pairs)
            text.append("\nPairs (p next, c confirm/change):", style="bold")
            for i, pair in enumerate(pairs):
                mark = "▶ " if i == self.pair_index else "  "
                style = "bold red" if pair.relation == "contradicts" else ""
                text.append(f"\n{mark}{i + 1}. {pair_words(pair, 70)}", style=style)
        box.update(text)

    def _pairs(self) -> list[Pair]:
        cov, cid = self.coverage, self.selected_id()
        return list(cov.row(cid).triangulation.pairs) if cov and cid else []

    def action_next_pair(self) -> None:
        """Select the next pair of the criterion under the cursor."""
        pairs = self._pairs()
        if pairs:
            self.pair_index = (self.pair_index + 1) % len(pairs)
            self._show_next()

    def action_read_pair(self) -> None:
        """Confirm the selected pair's reading; pressed again, change it to the next one."""
        current, cov, cid = self.current, self.coverage, self.selected_id()
        if current is None or cov is None or cid is None:
            return
        pairs = cov.row(cid).triangulation.pairs
        if not pairs:
            self.notify(f"{cid} has no lead-versus-staff pair to read", timeout=4)
            return
        pair = pairs[self.pair_index % len(pairs)]
        relation = next_reading(pair)
        if self.save("Reading", lambda: read_pair(current.session, pair, relation)) is None:
            return
        self.notify(f"{cid} pair {self.pair_index % len(pairs) + 1}: read as {relation}", timeout=4)
        self.draw(current)

    def action_toggle_gaps(self) -> None:
        """Show only criteria with gaps, or all of them."""
        self.gaps_only = not self.gaps_only
        self._fill()

    def action_scores(self) -> None:
        """Open the Scores screen at the selected criterion."""
        from assistant.tui.screens.scores_screen import ScoresScreen

        self.app.push_screen(ScoresScreen(self._current, criterion_id=self.selected_id()))

    def action_transcript(self) -> None:
        """Open the transcripts filtered to the selected criterion."""
        from assistant.tui.screens.transcript_screen import TranscriptScreen

        self.app.push_screen(TranscriptScreen(self._current, criterion_id=self.selected_id()))
