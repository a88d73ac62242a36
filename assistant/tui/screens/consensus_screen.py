"""Provides ConsensusScreen: every assessor's score per criterion, side by side, and the team's.

Each row shows the individual scores, their median and spread, whether a written rationale is
required (a spread of 2 points or more, or scores in different bands), and the consensus score
once agreed. The detail pane shows each assessor's band, comment, override reason and the turns
and evidence their score cites. Keys open consensus (individual scores lock), set the consensus
score (it starts at the median) with its rationale, and close consensus.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from assistant.core.review.consensus import ConsensusLine, rationale_needed
from assistant.core.scoring.decisions import DecisionError, parse_score
from assistant.services import consensus
from assistant.services.opening import OpenAssessment
from assistant.tui.screens.note_modal import NoteModal
from assistant.tui.screens.review_base import ReviewScreen
from assistant.tui.screens.review_screen import cursor_key
from assistant.tui.screens.review_screen import short as _short


class ConsensusScreen(ReviewScreen):
    """Individual scores side by side; open, agree and close consensus."""

    TITLE = "Consensus"
    AUTO_FOCUS = "#consensus-table"
    BUSY = "#consensus-table"
    BINDINGS = [
        Binding(
            "o",
            "open_consensus",
            "Open",
            id="consensus.open",
            tooltip="Open consensus: individual scores lock from now on",
        ),
        Binding(
            "e",
            "set_score",
            "Set score",
            id="consensus.set",
            tooltip="Set the team's score on the selected criterion (starts at the median)",
        ),
        Binding(
            "x",
            "close_consensus",
            "Close",
            id="consensus.close",
            tooltip="Close consensus (refused while a disputed criterion has no team score)",
        ),
        Binding(
            "g",
            "toggle_all",
            "All/disputed",
            id="consensus.all",
            tooltip="Show every criterion, or only those where the assessors differ",
        ),
        Binding(
            "v",
            "review",
            "Review",
            id="consensus.review",
            tooltip="Open the Review screen: comments, blockers, sign-off",
        ),
    ]

    def __init__(self, current: OpenAssessment | None = None) -> None:
        super().__init__(current)
        self.lines: list[ConsensusLine] = []
        self.show_all = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="consensus-summary")
        table: DataTable[str | Text] = DataTable(
            id="consensus-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static("", id="consensus-detail")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#consensus-table", DataTable)
        for name in ("Criterion", "M", "Scores", "Median", "Spread", "Rationale", "Consensus"):
            table.add_column(name, key=name)

    def draw(self, current: OpenAssessment) -> None:
        self.lines = consensus.consensus_lines(current)
        a = current.data.assessment
        disputed = [x for x in self.lines if x.disputed]
        agreed = [x for x in disputed if x.agreed is not None]
        head = Text()
        if a.consensus_opened is None:
            head.append("Consensus not open", style="bold yellow")
            head.append(" — individual scores can still change; o opens it and locks them.")
        elif a.consensus_closed is None:
            head.append("Consensus open", style="bold green")
            head.append(f" since {a.consensus_opened:%Y-%m-%d %H:%M} — individual scores locked.")
        else:
            head.append(f"Consensus closed {a.consensus_closed:%Y-%m-%d %H:%M}.", style="bold")
        head.append(f"\n{len(disputed)} criteria where assessors differ, {len(agreed)} agreed.")
        if not self.show_all:
            head.append("  (showing disputed and agreed only; g shows all)", style="dim")
        self.query_one("#consensus-summary", Static).update(head)
        table = self.query_one("#consensus-table", DataTable)
        keep = self._selected_key()
        table.clear()
        scale = current.bank.scale
        for line in self.lines:
            if not self.show_all and not line.disputed and line.agreed is None:
                continue
            scores = " · ".join(
                f"{_initials(who)} {'-' if v is None else format(v, 'g')}"
                for who, v in line.scores.items()
            )
            flag = (
                Text("required", style="bold red")
                if line.needs_rationale
                else Text("-", style="dim")
            )
            agreed_cell = (
                Text(f"{line.agreed.score:g} {scale.band(line.agreed.band).label}", style="green")
                if line.agreed
                else Text("not agreed", style="yellow" if line.disputed else "dim")
            )
            table.add_row(
                f"{line.criterion_id} {_short(line.title, 28)}",
                "M" if line.mandatory else "",
                scores or "-",
                "-" if line.median is None else f"{line.median:g}",
                f"{line.spread:g}",
                flag,
                agreed_cell,
                key=line.criterion_id,
            )
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep), animate=False)
            except Exception:  # noqa: BLE001 - RowDoesNotExist: filtered out
                pass
        self._show_detail()

    def _selected_key(self) -> str | None:
        return cursor_key(self.query_one("#consensus-table", DataTable))

    def _selected(self) -> ConsensusLine | None:
        key = self._selected_key()
        return next((x for x in self.lines if x.criterion_id == key), None)

    @on(DataTable.RowHighlighted, "#consensus-table")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        line = self._selected()
        current = self.current
        out = Text()
        if line is None or current is None:
            out.append("No criterion where the assessors differ. g shows all.", style="dim")
            self.query_one("#consensus-detail", Static).update(out)
            return
        scale = current.bank.scale
        out.append(f"{line.criterion_id} {line.title}", style="bold")
        if line.needs_rationale:
            out.append("  rationale required", style="bold red")
        for s in line.individual:
            who = s.assessor or "(no assessor named)"
            value = "unscored" if s.score is None else f"{s.score:g}"
            band = scale.band_for(s.score).label if s.score is not None else ""
            out.append(f"\n{who}: ", style="bold")
            out.append(f"{value} {band}")
            if s.comment:
                out.append(f"\n  comment: {s.comment}")
            if s.override_reason:
                out.append(f"\n  override: {s.override_reason}")
            cites = line.cites.get(who, [])
            if cites:
                out.append(f"\n  cites: {', '.join(cites[:10])}", style="dim")
        if line.agreed is not None:
            out.append(f"\nConsensus {line.agreed.score:g}", style="bold green")
            if line.agreed.rationale:
                out.append(f": {line.agreed.rationale}")
        self.query_one("#consensus-detail", Static).update(out)

    # ------------------------------------------------------------------ actions

    def action_open_consensus(self) -> None:
        """Open consensus (individual scores lock)."""
        current = self.current
        if current is not None:
            self.save("Open consensus", lambda: consensus.open_consensus(current))
            self.refresh_view()

    def action_close_consensus(self) -> None:
        """Close consensus."""
        current = self.current
        if current is not None:
            made = self.save("Close consensus", lambda: consensus.close_consensus(current))
            if made is not None:
                self.notify(f"Consensus closed; {len(made)} criteria agreed as scored.")
            self.refresh_view()

    def action_set_score(self) -> None:
        """Ask for the team's score (starting at the median), then its rationale."""
        current = self.current
        line = self._selected()
        if current is None or line is None:
            self.notify("Select a criterion first.", severity="warning")
            return
        start = line.agreed.score if line.agreed else line.median
        given = ", ".join(f"{w} {v:g}" for w, v in line.scores.items() if v is not None)
        median = "-" if line.median is None else f"{line.median:g}"

        def got_score(text: str | None) -> None:
            if not text:
                return
            try:
                value = parse_score(current.bank.scale, text)
            except DecisionError as exc:
                self.notify(f"Consensus score for {line.criterion_id}: {exc}", severity="error")
                return
            need = rationale_needed(line, value)
            self.app.push_screen(
                NoteModal(
                    f"Rationale for {line.criterion_id} = {value:g}",
                    value=line.agreed.rationale if line.agreed else "",
                    required=bool(need),
                    hint=f"Required: {need}." if need else "Optional.",
                ),
                lambda rationale: self._set(line.criterion_id, value, rationale),
            )

        self.app.push_screen(
            NoteModal(
                f"Consensus score for {line.criterion_id}",
                value="" if start is None else f"{start:g}",
                required=True,
                hint=f"Scores: {given or 'none'}; median {median}.",
            ),
            got_score,
        )

    def _set(self, criterion_id: str, value: float, rationale: str | None) -> None:
        current = self.current
        if current is None or rationale is None:
            return
        if self.save(
            f"Consensus {criterion_id}",
            lambda: consensus.set_consensus(current, criterion_id, value, rationale),
        ):
            self.notify(f"{criterion_id}: consensus {value:g}")
        self.refresh_view()

    def action_toggle_all(self) -> None:
        """Show every criterion, or only the disputed and agreed ones."""
        self.show_all = not self.show_all
        self.refresh_view()

    async def action_review(self) -> None:
        """Show the Review screen."""
        await self.app.switch_mode("review")


def _initials(name: str) -> str:
    parts = name.split()
    return "".join(p[0] for p in parts).upper() if len(parts) > 1 else name[:6]
