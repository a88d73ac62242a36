"""Provides the self-assessment: reading the organisation's workbook and comparing its view.

Each row gives a criterion, the organisation's own score, its commentary and the evidence it
cites. The commentary is read by the reader (`assistant.core.reading.read_passage`) and placed
on the bank's scale: that is the suggested reading of what the words support. `compare` sets
the self-score against the assessor's score where there is one, else against that reading,
largest overstatement first (docs/ASSESSMENT.md §11).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from assistant.core.bank.model import Bank
from assistant.core.inputs.table import (
    Column,
    Problem,
    Row,
    Rows,
    Table,
    key,
    read_rows,
    text_of,
)
from assistant.core.inputs.values import BadValue, parse_score, split_ids
from assistant.core.model import AssessmentData, SelfScore
from assistant.core.reading import place_on_scale, read_passage

COLUMNS: tuple[Column, ...] = (
    Column(
        "criterion",
        "criterion",
        ("criterion id", "attribute", "attribute id", "id", "ref", "code", "criterion ref"),
        required=True,
    ),
    Column(
        "score",
        "self-score",
        (
            "self score",
            "score",
            "self assessment score",
            "self assessed score",
            "rating",
            "self rating",
            "maturity",
            "our score",
        ),
        required=True,
    ),
    Column(
        "commentary",
        "commentary",
        (
            "comment",
            "comments",
            "narrative",
            "self assessment commentary",
            "explanation",
            "how we meet this",
            "description",
            "notes",
        ),
    ),
    Column(
        "evidence",
        "evidence references",
        (
            "evidence",
            "evidence refs",
            "evidence ids",
            "evidence ref",
            "evidence reference",
            "supporting evidence",
            "references",
        ),
    ),
    Column("title", "title", ("criterion title", "attribute title", "attribute name", "name")),
    Column("group", "perspective", ("section", "group", "perspective name", "section name")),
)
"""The workbook's columns; title and perspective are accepted and not used (the bank has them)."""


@dataclass(frozen=True)
class SelfImport:
    """What a workbook gave: one entry per good row, and one problem per bad row or column."""

    entries: tuple[SelfScore, ...]
    problems: tuple[Problem, ...]
    missing: tuple[str, ...] = ()
    """Required columns not found: nothing can be imported."""


def criterion_index(bank: Bank) -> dict[str, str]:
    """Return each criterion id by its normalised form (``svc1`` -> ``SVC.1``)."""
    return {key(c.id): c.id for c in bank.criteria()}


def unknown_criterion(bank: Bank, given: str) -> str:
    """Return the words for a criterion id not in the bank, with the nearest ids."""
    near = difflib.get_close_matches(given, [c.id for c in bank.criteria()], n=2, cutoff=0.6)
    hint = f" (did you mean {' or '.join(near)}?)" if near else ""
    return f"criterion '{given[:40]}' is not in bank {bank.id}{hint}; row not imported"


def read_self_assessment(table: Table, bank: Bank, at_time: datetime) -> SelfImport:
    """Read a workbook's rows into self-scores; rows with a problem are left out and named."""
    ids = criterion_index(bank)

    def make(row: Row, rows: Rows) -> SelfScore | None:
        return _entry(row, rows, bank, ids, at_time)

    entries, problems, missing = read_rows(table, COLUMNS, make)
    return SelfImport(tuple(entries), tuple(problems), tuple(missing))


def _entry(
    row: Row, rows: Rows, bank: Bank, ids: dict[str, str], at_time: datetime
) -> SelfScore | None:
    before = len(rows.problems)
    rows.unreadable(row)
    col = rows.found["criterion"]
    given = text_of(row.value(col))
    criterion_id = ids.get(key(given)) if given else None
    if not given:
        rows.problem(row, col, "no criterion id")
    elif criterion_id is None:
        rows.problem(row, col, unknown_criterion(bank, given))
    elif criterion_id in rows.seen:
        rows.problem(
            row,
            col,
            f"{criterion_id} already given on row {rows.seen[criterion_id]}; row not imported",
        )
    score: float | None = None
    scol = rows.found["score"]
    if scol not in row.bad:
        try:
            score = parse_score(row.value(scol), bank.scale.min, bank.scale.max, bank.scale.step)
        except BadValue as exc:
            rows.problem(row, scol, str(exc))
    if len(rows.problems) > before or criterion_id is None or score is None:
        return None
    rows.seen[criterion_id] = row.number
    commentary = text_of(row.value(rows.found.get("commentary")))
    band_id: str | None = None
    placed: float | None = None
    confidence = 0.0
    gaps: list[str] = []
    if commentary:
        reading = read_passage(commentary)
        band, placed = place_on_scale(reading, bank.scale)
        band_id, confidence, gaps = band.id, reading.confidence, list(reading.gaps)
    sheet = f", sheet '{rows.table.sheet}'" if rows.table.sheet else ""
    return SelfScore(
        criterion_id=criterion_id,
        score=score,
        commentary=commentary,
        evidence_refs=split_ids(row.value(rows.found.get("evidence"))),
        reading_band=band_id,
        reading_score=placed,
        reading_confidence=confidence,
        reading_gaps=gaps,
        source=f"{rows.table.name}{sheet}, row {row.number}",
        imported_at=at_time,
    )


Basis = Literal["assessor", "reading", "nothing"]


@dataclass(frozen=True)
class Variance:
    """One criterion's self-score against what supports it: the assessor's score or the reading.

    `gap` is self-score minus that basis: positive when the organisation rates itself higher.
    """

    criterion_id: str
    title: str
    mandatory: bool
    self_score: float
    self_band: str
    reading_score: float | None
    reading_band: str | None
    assessor_score: float | None
    assessor_band: str | None
    basis: Basis
    gap: float
    bands_apart: int
    """How many bands the self-score sits above its basis (negative: below)."""
    evidence_refs: tuple[str, ...]
    commentary: str

    @property
    def overstated(self) -> bool:
        """Return whether the self-score sits in a higher band than what supports it."""
        return self.bands_apart > 0


def compare(bank: Bank, data: AssessmentData) -> list[Variance]:
    """Return every self-scored criterion in the bank, largest overstatement first.

    The basis is the assessor's current score when decided, else the reading of the
    commentary; with neither (no commentary) the self-score is set against the scale's bottom.
    """
    scale = bank.scale
    decided = data.current_scores()
    order = {c.id: i for i, c in enumerate(bank.criteria())}
    out: list[Variance] = []
    for entry in data.self_assessment:
        if entry.criterion_id not in order:
            continue
        crit = bank.criterion(entry.criterion_id)
        mine = decided.get(entry.criterion_id)
        assessor = mine.score if mine is not None else None
        basis: Basis
        if assessor is not None:
            basis, base = "assessor", assessor
        elif entry.reading_score is not None:
            basis, base = "reading", entry.reading_score
        else:
            basis, base = "nothing", scale.min
        self_band = scale.band_for(entry.score)
        out.append(
            Variance(
                criterion_id=crit.id,
                title=crit.title,
                mandatory=crit.mandatory,
                self_score=entry.score,
                self_band=self_band.label,
                reading_score=entry.reading_score,
                reading_band=_label(bank, entry.reading_band),
                assessor_score=assessor,
                assessor_band=scale.band_for(assessor).label if assessor is not None else None,
                basis=basis,
                gap=round(entry.score - base, 4),
                bands_apart=scale.rank(self_band.id) - scale.rank(scale.band_for(base).id),
                evidence_refs=tuple(entry.evidence_refs),
                commentary=entry.commentary,
            )
        )
    out.sort(key=lambda v: (-v.bands_apart, -v.gap, not v.mandatory, order[v.criterion_id]))
    return out


def _label(bank: Bank, band_id: str | None) -> str | None:
    if band_id is None:
        return None
    try:
        return bank.scale.band(band_id).label
    except KeyError:
        return band_id


def overstated_first(variances: Sequence[Variance]) -> list[Variance]:
    """Return the overstated criteria only, in `compare`'s order."""
    return [v for v in variances if v.overstated]


def evidence_probe(refs: Sequence[str], titles: dict[str, str]) -> str:
    """Return the follow-up that asks for the evidence a self-assessment claims.

    `titles` gives library items' titles by their library id, so the probe can name them.
    """
    named = [f"{r} ({titles[r]})" if r in titles else r for r in refs]
    if not named:
        return "The self-assessment cites no evidence here: what could you show me for it?"
    listed = ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
    them = "them" if len(named) > 1 else "it"
    return f"Your self-assessment cites {listed}: could I see {them}?"
