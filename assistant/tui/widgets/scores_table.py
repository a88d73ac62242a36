"""Provides ScoresTable: criteria grouped by perspective or section, suggested and decided scores.

A row per criterion shows the suggestion, the decision (✓ accepted, ✎ overridden), who spoke to
it (leads · stakeholders · staff), verified/total evidence and flags (✖ certification blocker,
M mandatory, Δ suggestion changed since the decision, ⚠ triangulation warning, ✉N open review
comments). A heading row
per group carries the group's indicative rollup. It lays out what the screen passes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

from assistant.core.bank.model import Bank

if TYPE_CHECKING:
    from assistant.services.scores import CriterionLine, ScoresData

COLUMNS = ("Criterion", "Suggested", "Decided", "L·K·S", "Ev", "Flags")
GROUP_KEY = "group:"
TITLE_WIDTH = 26


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _band(bank: Bank, band_id: str | None) -> str:
    """Return a band's label, whole (a cut "Deplo" or "Imple" reads as nothing)."""
    return bank.scale.band(band_id).label if band_id else ""


def _title(text: str, width: int = TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _score(bank: Bank, value: float | None, band_id: str | None) -> str:
    return f"{_num(value)} {_band(bank, band_id)}".strip()


class ScoresTable(DataTable[str | Text]):
    """The criteria of a bank with their scores; row keys are criterion ids."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for i, name in enumerate(COLUMNS):
            self.add_column(name, key=f"c{i}")

    def show(self, bank: Bank, view: ScoresData) -> None:
        """Replace the rows with the given view."""
        self.clear()
        groups = {g.group_id: g for g in view.rollup.groups}
        last = None
        for line in view.lines:
            if line.group.id != last:
                last = line.group.id
                g = groups[last]
                self.add_row(  # how many are scored sits under Suggested, not in Flags
                    Text(_title(f"{bank.group_label}: {line.group.title}"), style="bold"),
                    Text(f"{g.scored}/{g.total} scored", style="dim"),
                    Text(_score(bank, g.score, g.band.id if g.band else None), style="bold"),
                    "",
                    "",
                    "",
                    key=GROUP_KEY + last,
                )
            self.add_row(*self._cells(bank, line), key=line.id)

    @staticmethod
    def _cells(bank: Bank, line: CriterionLine) -> list[str | Text]:
        sug = line.suggestion
        dec = line.decided if line.scored else None
        flags = Text()
        if line.blocker is not None:
            flags.append("✖ ", style="bold red")
        if line.criterion.mandatory:
            flags.append("M ", style="magenta")
        if line.suggestion_moved:
            flags.append("Δ ", style="yellow")
        if line.triangulation.warnings:
            flags.append("⚠", style="yellow")
        if line.review_comments:
            flags.append(f" ✉{len(line.review_comments)}", style="bold yellow")
        decided = Text()
        if dec is not None and dec.score is not None:
            decided.append(_score(bank, dec.score, bank.scale.band_for(dec.score).id), "bold")
            decided.append(
                " ✓" if dec.accepted_suggestion else " ✎",
                style="green" if dec.accepted_suggestion else "yellow",
            )
        else:
            decided.append("–")
        people = "·".join(str(len(line.people(r))) for r in ("lead", "stakeholder", "staff"))
        return [
            Text(_title(f"{line.id} {line.criterion.title}"), style="red" if line.blocker else ""),
            _score(bank, sug.score if sug else None, sug.band if sug else None),
            decided,
            people,
            f"{line.verified}/{line.evidence}",
            flags,
        ]

    def selected_id(self) -> str | None:
        """Return the criterion under the cursor (None on a group row or an empty table)."""
        if self.row_count == 0:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return None if key is None or key.startswith(GROUP_KEY) else key

    def select(self, criterion_id: str) -> bool:
        """Move the cursor to a criterion; False when the table has no such row."""
        try:
            row = self.get_row_index(criterion_id)
        except RowDoesNotExist:
            return False
        self.move_cursor(row=row, animate=False)
        return True
