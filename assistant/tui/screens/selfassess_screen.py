"""Provides SelfAssessmentScreen: the organisation's self-scores against the assessment's view.

One row per self-assessed criterion, largest overstatement first: the self-score, the suggested
reading of the organisation's commentary, the assessor's score, and the gap to the assessor's
score (or to the reading while none is decided). Below the table, the selected criterion's
commentary and the evidence it cites, with each item's place in the evidence library (verified,
stale, or not in the library at all).
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from assistant.core.inputs.selfassess import Variance
from assistant.core.inputs.table import key
from assistant.services.evidence_library import register
from assistant.services.opening import OpenAssessment
from assistant.services.selfassess import fmt, variance_rows
from assistant.tui.screens.review_base import ReviewScreen

BASIS = {"assessor": "assessor", "reading": "reading", "nothing": "no commentary"}
IMPORT_PROBLEMS_SHOWN = 5
"""Problem lines shown after an import in the app; the command line lists every one."""


class SelfAssessmentScreen(ReviewScreen):
    """The self-assessment compared with the assessment, largest gap first."""

    TITLE = "Self-assessment"
    AUTO_FOCUS = "#selfassess-table"
    BUSY = "#selfassess-table"
    BINDINGS = [
        Binding(
            "s",
            "scores",
            "Scores",
            id="selfassess.scores",
            tooltip="Open the selected criterion on the Scores screen",
        ),
        Binding(
            "i",
            "import_workbook",
            "Import workbook",
            id="selfassess.import",
            tooltip="Import the organisation's self-assessment workbook (XLSX or CSV)",
        ),
        Binding(
            "l",
            "import_library",
            "Import library",
            id="selfassess.library",
            tooltip="Import the organisation's evidence library (XLSX or CSV)",
        ),
        Binding(
            "o",
            "toggle_over",
            "Overstated only",
            id="selfassess.over",
            tooltip="Show only criteria the organisation rates in a higher band, or all",
        ),
    ]

    def __init__(self, current: OpenAssessment | None = None) -> None:
        super().__init__(current)
        self.rows: list[Variance] = []
        self.over_only = False
        self._library: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="selfassess-summary")
        table: DataTable[str | Text] = DataTable(
            id="selfassess-table", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static("", id="selfassess-detail")
        yield Footer()

    def draw(self, current: OpenAssessment) -> None:
        self.rows = variance_rows(current.bank, current.data)
        self._library = {}
        for row in register(current.bank, current.data):
            e = row.evidence
            if not e.library_id:
                continue
            state = "verified" if e.verified else "not verified"
            if row.stale:
                state += f", {row.stale}"
            self._library[key(e.library_id)] = f"{e.title} ({state})"
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#selfassess-table", DataTable)
        keep = self.selected_id()
        table.clear(columns=True)
        for name in ("Criterion", "Self", "Reading", "Assessor", "Gap", "Against", "Evidence"):
            table.add_column(name, key=name.lower())
        shown = [v for v in self.rows if v.overstated or not self.over_only]
        for v in shown:
            style = "bold red" if v.overstated else ("green" if v.bands_apart < 0 else "")
            table.add_row(
                Text(f"{v.criterion_id}{' M' if v.mandatory else ''} {v.title[:32]}"),
                Text(f"{fmt(v.self_score)} {v.self_band}"),
                Text(f"{fmt(v.reading_score)} {v.reading_band or ''}".strip(), style="dim"),
                Text(f"{fmt(v.assessor_score)} {v.assessor_band or ''}".strip()),
                Text(f"{'+' if v.gap > 0 else ''}{fmt(v.gap)}", style=style),
                Text(BASIS[v.basis], style="dim"),
                Text(", ".join(v.evidence_refs)[:30] or "-"),
                key=v.criterion_id,
            )
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep), animate=False)
            except Exception:  # noqa: BLE001 - RowDoesNotExist: filtered out
                pass
        summary = Text()
        if not self.rows:
            summary.append(
                "No self-assessment imported: i imports the workbook (XLSX or CSV), l the "
                "evidence library; or assessor selfassess import <assessment-id> <file>",
                style="yellow",
            )
        else:
            over = sum(v.overstated for v in self.rows)
            under = sum(v.bands_apart < 0 for v in self.rows)
            summary.append(f"{len(self.rows)} criteria self-assessed · ")
            summary.append(f"{over} overstated", style="bold red" if over else "green")
            summary.append(f" · {under} understated · largest gap first")
            if self.over_only:
                summary.append("  (overstated only; o shows all)", style="dim")
        self.query_one("#selfassess-summary", Static).update(summary)
        self._show_detail()

    def selected_id(self) -> str | None:
        """Return the criterion under the cursor."""
        table = self.query_one("#selfassess-table", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted, "#selfassess-table")
    def _show_detail(self) -> None:
        box = self.query_one("#selfassess-detail", Static)
        cid = self.selected_id()
        v = next((r for r in self.rows if r.criterion_id == cid), None)
        if v is None:
            box.update("")
            return
        text = Text()
        text.append(f"{v.criterion_id} {v.title}\n", style="bold")
        text.append("Commentary: ", style="bold")
        text.append((v.commentary or "(none)")[:600] + "\n")
        if v.overstated:
            text.append(
                f"Rated {v.bands_apart} band{'s' if v.bands_apart > 1 else ''} above the "
                f"{BASIS[v.basis]}: ask for the evidence below first.\n",
                style="yellow",
            )
        text.append("Evidence cited: ", style="bold")
        if not v.evidence_refs:
            text.append("none", style="yellow")
        for n, ref in enumerate(v.evidence_refs):
            found = self._library.get(key(ref))
            text.append(("; " if n else "") + ref + " ")
            text.append(
                found or "not in the evidence library",
                style=("red" if "stale" in found else "dim") if found else "yellow",
            )
        box.update(text)

    def action_toggle_over(self) -> None:
        """Show only overstated criteria, or all."""
        self.over_only = not self.over_only
        self._fill()

    def action_scores(self) -> None:
        """Open the Scores screen at the selected criterion."""
        from assistant.tui.screens.scores_screen import ScoresScreen

        self.app.push_screen(ScoresScreen(self._current, criterion_id=self.selected_id()))

    def action_import_workbook(self) -> None:
        """Ask for a self-assessment workbook's path and import it."""
        self._ask_and_import("Self-assessment workbook (XLSX or CSV)", "workbook")

    def action_import_library(self) -> None:
        """Ask for an evidence library's path and import it."""
        self._ask_and_import("Evidence library (XLSX or CSV)", "library")

    def _ask_and_import(self, title: str, what: str) -> None:
        from assistant.tui.screens.note_modal import NoteModal

        def chosen(path: str | None) -> None:
            if path:
                self.import_file(Path(path).expanduser(), what)

        self.app.push_screen(
            NoteModal(
                title,
                placeholder="path, e.g. ~/Documents/selfassessment.xlsx",
                required=True,
                hint="Rows with a problem are left out and listed; nothing saved is replaced "
                "by a bad row.",
            ),
            chosen,
        )

    def import_file(self, path: Path, what: str) -> None:
        """Import a workbook or library into the open assessment and say what happened."""
        current = self.current
        if current is None:
            return
        from assistant.services.evidence_library import import_library
        from assistant.services.selfassess import import_self_assessment

        run = import_self_assessment if what == "workbook" else import_library
        result = self.save(f"Import {path.name}", lambda: run(current, path))
        if result is None:
            return
        shown = "\n".join(result.problems[:IMPORT_PROBLEMS_SHOWN])
        more = len(result.problems) - IMPORT_PROBLEMS_SHOWN
        if more > 0:
            group = "selfassess" if what == "workbook" else "evidence"
            shown += f"\n… and {more} more (assessor {group} import lists every one)"
        self.notify(
            result.summary() + (f"\n{shown}" if shown else ""),
            severity="warning" if result.skipped else "information",
            timeout=12,
        )
        self.refresh_view()
