"""Provides the self-assessment use cases: import the organisation's workbook, compare its view.

`import_self_assessment` reads the workbook (XLSX or CSV), reads each commentary with the
reader, and saves the good rows; every bad row or column becomes one line naming the file,
row and column, and nothing already saved is touched by a bad row. `variance_rows` is what the
Self-assessment screen, `assessor selfassess show` and the report list, largest overstatement
first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.core.errors import AssessorError
from assistant.core.inputs.selfassess import COLUMNS, Variance, compare, read_self_assessment
from assistant.core.inputs.table import Problem, Table

if TYPE_CHECKING:
    from assistant.core.bank.model import Bank
    from assistant.core.model import AssessmentData
    from assistant.services.opening import OpenAssessment


@dataclass(frozen=True)
class ImportResult:
    """What an import did: counts, and one line per problem (file, row, column, what)."""

    file: str
    added: int
    changed: int
    unchanged: int
    problems: tuple[str, ...]
    where: str = ""
    """Which sheet and header row were read."""
    skipped: int = 0
    """Rows with something in them that were not imported (each has a problem line)."""

    def summary(self) -> str:
        """Return one line: ``book.xlsx: 20 added, 2 changed, 1 unchanged; 3 problems``."""
        bad = f"; {self.skipped} row(s) not imported" if self.skipped else ""
        return (
            f"{self.file}{self.where}: {self.added} added, {self.changed} changed, "
            f"{self.unchanged} unchanged{bad}"
        )


def read_input(path: Path, columns: Any) -> Table:
    """Read an input file with the store's sheet reader (one place for both imports)."""
    from assistant.store.sheets import read_table

    return read_table(path, columns)


def missing_columns(table: Table, missing: tuple[str, ...]) -> AssessorError:
    """Return the error for a file lacking required columns: nothing is imported."""
    found = ", ".join(f"'{h}'" for h in table.headers if h) or "none"
    return AssessorError(
        f"{table.name}: no {' or '.join(missing)} column; nothing imported (columns: {found})"
    )


def where_read(table: Table) -> str:
    """Return ``, sheet 'Self-assessment', header on row 3`` for the summary line."""
    sheet = f", sheet '{table.sheet}'" if table.sheet else ""
    header = f", header on row {table.header_row}" if table.header_row != 1 else ""
    return sheet + header


def skipped(table: Table, kept: int) -> int:
    """Return how many non-blank rows were not kept."""
    return sum(1 for r in table.rows if not r.is_blank()) - kept


def lines(table: Table, problems: tuple[Problem, ...] | list[Problem]) -> tuple[str, ...]:
    """Return problems as lines naming the file."""
    return tuple(p.line(table.name) for p in problems)


def import_self_assessment(opened: OpenAssessment, path: Path) -> ImportResult:
    """Import a self-assessment workbook into an open assessment; see the module docstring."""
    table = read_input(path, COLUMNS)
    got = read_self_assessment(table, opened.bank, opened.session.stamps.clock())
    if got.missing:
        raise missing_columns(table, got.missing)
    added, changed = opened.session.save_self_assessment(
        got.entries, why=f"imported from {table.name}"
    )
    return ImportResult(
        file=table.name,
        added=added,
        changed=changed,
        unchanged=len(got.entries) - added - changed,
        problems=lines(table, got.problems),
        where=where_read(table),
        skipped=skipped(table, len(got.entries)),
    )


def variance_rows(bank: Bank, data: AssessmentData) -> list[Variance]:
    """Return the self-assessment against the assessor's view, largest overstatement first."""
    return compare(bank, data)


def variance_json(v: Variance) -> dict[str, Any]:
    """Return one variance as JSON-ready values (`assessor selfassess show --json`)."""
    return {
        "criterion": v.criterion_id,
        "title": v.title,
        "mandatory": v.mandatory,
        "self_score": v.self_score,
        "self_band": v.self_band,
        "reading_score": v.reading_score,
        "reading_band": v.reading_band,
        "assessor_score": v.assessor_score,
        "assessor_band": v.assessor_band,
        "compared_with": v.basis,
        "gap": v.gap,
        "bands_apart": v.bands_apart,
        "overstated": v.overstated,
        "evidence_refs": list(v.evidence_refs),
    }


def fmt(score: float | None) -> str:
    """Return a score as ``7`` or ``6.5``; ``-`` when there is none."""
    if score is None:
        return "-"
    return f"{score:g}"


def variance_text(v: Variance) -> str:
    """Return one line for a variance: criterion, self, reading, assessor, gap."""
    basis = {"assessor": "assessor", "reading": "reading", "nothing": "no commentary"}[v.basis]
    sign = "+" if v.gap > 0 else ""
    flag = "  OVERSTATED" if v.overstated else ""
    return (
        f"{v.criterion_id:<8} self {fmt(v.self_score):>4} {v.self_band:<14}  "
        f"reading {fmt(v.reading_score):>4}  assessor {fmt(v.assessor_score):>4}  "
        f"gap {sign}{fmt(v.gap)} vs {basis}{flag}"
    )
