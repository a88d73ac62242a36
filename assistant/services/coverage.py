"""Provides the coverage matrix: who spoke to which criterion, its sources, and what is missing.

Who spoke to what comes from `SourceIndex`, the sources, status and pairs from `triangulate`;
this module only arranges them as rows (criteria) and columns (interviewees by role) and names the
gap so the assessor knows whom to ask next. `read_pair` saves the assessor's own reading of a
lead-versus-staff pair, which always wins over the suggested one.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.bank.model import Bank, Criterion
from assistant.core.evidence.pairing import Pair, reading_of
from assistant.core.evidence.sources import SourceIndex
from assistant.core.evidence.triangulation import Triangulation, triangulate
from assistant.core.model import AssessmentData, Interviewee, PairReading, PairRelation
from assistant.store.session import Session

ROLE_ORDER = ("lead", "stakeholder", "staff")

GAP_CONTRADICTED = "accounts contradict"
GAP_NONE = "no source yet"
GAP_NO_STAFF = "no staff source"
GAP_LEADS_ONLY = "leads only"
GAP_SINGLE = "single source"
GAP_NO_LEAD = "no lead source"
GAP_NO_RECORD = "no verified record"
GAPS = (
    GAP_CONTRADICTED,
    GAP_NONE,
    GAP_NO_STAFF,
    GAP_LEADS_ONLY,
    GAP_SINGLE,
    GAP_NO_LEAD,
    GAP_NO_RECORD,
)
"""Every gap, most urgent first."""


@dataclass(frozen=True)
class CoverageRow:
    """One criterion: the codes of the people who spoke to it and its sources by kind."""

    criterion: Criterion
    spoke: dict[str, int]
    """Answers per role code."""
    triangulation: Triangulation
    records: int
    """Verified evidence items (records, documents, observations)."""
    gaps: list[str]

    @property
    def lead(self) -> bool:
        """True when a department lead spoke to it."""
        return self.triangulation.has("lead")

    @property
    def staff(self) -> bool:
        """True when a member of staff spoke to it."""
        return self.triangulation.has("staff")


@dataclass(frozen=True)
class Coverage:
    """The whole matrix: columns of interviewees by role, rows of criteria."""

    people: list[Interviewee]
    rows: list[CoverageRow]

    def counts(self) -> dict[str, int]:
        """Return how many criteria show each gap."""
        out = {g: 0 for g in GAPS}
        for row in self.rows:
            for gap in row.gaps:
                out[gap] = out.get(gap, 0) + 1
        return out

    def row(self, criterion_id: str) -> CoverageRow:
        """Return one criterion's row (KeyError when there is none)."""
        for row in self.rows:
            if row.criterion.id == criterion_id:
                return row
        raise KeyError(criterion_id)

    def not_heard(self, criterion_id: str, role: str) -> list[str]:
        """Return the codes of people in a role who have not spoken to a criterion yet."""
        spoke = self.row(criterion_id).spoke
        return [p.code for p in self.people if p.role == role and p.code not in spoke]


def _gaps(tri: Triangulation) -> list[str]:
    """Name what a criterion's triangulation lacks: a lead, staff and a verified record."""
    if tri.sources == 0 and not tri.evidence_by_type:
        return [GAP_NONE]
    gaps: list[str] = [GAP_CONTRADICTED] if tri.contradicted and not tri.resolved else []
    if not tri.has("staff"):
        gaps.append(GAP_NO_STAFF)
    if tri.leads_only:
        gaps.append(GAP_LEADS_ONLY)
    if tri.single_source:
        gaps.append(GAP_SINGLE)
    if not tri.has("lead"):
        gaps.append(GAP_NO_LEAD)
    if not tri.verified_ids:
        gaps.append(GAP_NO_RECORD)
    return gaps


def build_coverage(bank: Bank, data: AssessmentData) -> Coverage:
    """Return the coverage matrix of an assessment in bank order, people by role then code."""
    index = SourceIndex(bank, data)
    people = sorted(
        data.interviewees, key=lambda p: (ROLE_ORDER.index(p.role), len(p.code), p.code)
    )
    rows: list[CoverageRow] = []
    for crit in bank.criteria():
        spoke: dict[str, int] = {}
        for source in index.for_criterion(crit.id).turns:
            spoke[source.code] = spoke.get(source.code, 0) + 1
        tri = triangulate(bank, data, crit.id, index)
        rows.append(
            CoverageRow(
                criterion=crit,
                spoke=spoke,
                triangulation=tri,
                records=len(tri.verified_ids),
                gaps=_gaps(tri),
            )
        )
    return Coverage(people=people, rows=rows)


READING_CYCLE: tuple[PairRelation, ...] = ("corroborates", "contradicts", "silent")


def next_reading(pair: Pair) -> PairRelation:
    """Return the reading one key press gives a pair: the first press confirms the suggested
    reading, each further press moves to the next one (corroborates, contradicts, silent)."""
    if pair.confirmed is None:
        return pair.suggested
    return READING_CYCLE[(READING_CYCLE.index(pair.confirmed) + 1) % len(READING_CYCLE)]


def read_pair(session: Session, pair: Pair, relation: PairRelation, why: str = "") -> PairReading:
    """Save the assessor's reading of a pair (audited); it wins over the suggested reading."""
    reading = reading_of(pair, relation, session.who, why)
    if relation == pair.suggested and not why:
        why = "confirmed the suggested reading"
    return session.set_pair_reading(reading, why=why or f"read as {relation}")
