"""Provides triangulation per criterion: sources by role and evidence type, the lead-versus-staff
pairs, and one status.

ICSS certification promises to reveal the gap between what management expects and what is
actually delivered (docs/ASSESSMENT.md §5). Here that gap is found in what people said: each
lead answer is paired with staff and stakeholder answers on the same criterion
(`assistant.core.evidence.pairing`) and each pair read as corroborating, contradicting or silent.

The status of a criterion is one of

- ``contradicted``: some pair states conflicting facts (the assessor has not read it otherwise);
- ``corroborated``: some pair tells the same story, or a verified record bears out an answer;
- ``single-source``: people on both sides spoke, or one person did, but nothing bears it out;
- ``not-asked``: nobody has spoken to it yet, or one side (leads, or staff and stakeholders) has
  not been asked.

Everything here is data (status, flags, pairs, turn keys); `warnings` puts it into words for
the screens that show them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from assistant.core.bank.model import Bank
from assistant.core.evidence.pairing import Pair, pair_sources
from assistant.core.evidence.sources import (
    OBSERVATION_TYPES,
    RECORD_TYPES,
    SIGNAL_NAMES,
    SourceIndex,
    TurnSource,
)
from assistant.core.model import AssessmentData, RoleType

MIN_CONFIDENCE = 0.3

Status = Literal["corroborated", "contradicted", "single-source", "not-asked"]
STATUSES: tuple[Status, ...] = ("contradicted", "single-source", "not-asked", "corroborated")
"""Every status, most in need of the assessor's attention first."""

STATUS_MARK: dict[str, str] = {
    "corroborated": "✔",
    "contradicted": "✖",
    "single-source": "1",
    "not-asked": "○",
}


@dataclass(frozen=True)
class RoleView:
    """What people in one role said about a criterion."""

    role: RoleType
    codes: list[str]
    turn_keys: list[str]
    band: str | None
    """The band their answers imply, or None when they said nothing informative."""


@dataclass(frozen=True)
class Triangulation:
    """The sources behind one criterion and whether leads and staff tell the same story."""

    criterion_id: str
    roles: dict[str, RoleView]
    evidence_by_type: dict[str, list[str]]
    verified_ids: list[str]
    sources: int
    """Distinct people who spoke to it plus verified evidence items."""
    status: Status
    pairs: list[Pair] = field(default_factory=list)
    not_asked: list[str] = field(default_factory=list)
    """The sides not heard yet: "lead" and/or "staff" (staff or stakeholders)."""
    resolved_by: list[str] = field(default_factory=list)
    """Verified records or observations (or answers tagged evidence-seen) that settle what a
    contradiction disputes."""
    single_source: bool = False
    """True when it rests on one person and nothing verified."""
    leads_only: bool = False
    """True when only leads spoke and nothing verified bears them out."""

    def has(self, role: RoleType) -> bool:
        """True when someone in this role has spoken about the criterion."""
        view = self.roles.get(role)
        return bool(view and view.turn_keys)

    @property
    def contradictions(self) -> list[Pair]:
        """The pairs read as contradicting (the assessor's reading wins)."""
        return [p for p in self.pairs if p.relation == "contradicts"]

    @property
    def corroborations(self) -> list[Pair]:
        """The pairs read as corroborating."""
        return [p for p in self.pairs if p.relation == "corroborates"]

    @property
    def contradicted(self) -> bool:
        """True when some pair states conflicting facts."""
        return self.status == "contradicted"

    @property
    def resolved(self) -> bool:
        """True when verified evidence settles the contradictions."""
        return self.contradicted and bool(self.resolved_by)

    @property
    def warnings(self) -> list[str]:
        """The triangulation put into words, for screens and the report's criterion table."""
        out: list[str] = []
        if self.contradicted:
            pairs = ", ".join(f"{p.lead.code} vs {p.other.code}" for p in self.contradictions[:3])
            out.append(
                f"accounts contradict ({pairs})"
                + (" - resolved by verified evidence" if self.resolved else "")
            )
        if self.single_source:
            out.append("rests on a single source")
        if self.leads_only:
            out.append("leads only: no staff account or verified record yet")
        elif "staff" in self.not_asked and self.sources:
            out.append("no staff or stakeholder account yet")
        if "lead" in self.not_asked and self.sources:
            out.append("no lead account yet")
        return out


def _implied(bank: Bank, turns: Sequence[TurnSource]) -> str | None:
    informative = [t for t in turns if t.level >= 0]
    if not informative:
        return None
    sure = [t for t in informative if t.reading.confidence >= MIN_CONFIDENCE] or informative
    level = max(t.level for t in sure)
    return bank.scale.band_for_signal(SIGNAL_NAMES[level]).id


def triangulate(
    bank: Bank, data: AssessmentData, criterion_id: str, index: SourceIndex | None = None
) -> Triangulation:
    """Return the sources of one criterion by role and type, its pairs and its status.

    Raises KeyError for a criterion the bank does not have.
    """
    bank.criterion(criterion_id)
    if index is not None:
        held = index.memo.get(("triangulation", criterion_id))
        if isinstance(held, Triangulation):
            return held
    index = index or SourceIndex(bank, data)
    tri = _triangulate(bank, data, criterion_id, index)
    index.memo[("triangulation", criterion_id)] = tri
    return tri


def _triangulate(
    bank: Bank, data: AssessmentData, criterion_id: str, index: SourceIndex
) -> Triangulation:
    src = index.for_criterion(criterion_id)
    roles: dict[str, RoleView] = {}
    for role in ("lead", "stakeholder", "staff"):
        turns = src.roles(role)
        roles[role] = RoleView(
            role=role,
            codes=sorted({t.code for t in turns}),
            turn_keys=[t.key for t in turns],
            band=_implied(bank, turns),
        )
    by_type: dict[str, list[str]] = {}
    for item in src.evidence:
        by_type.setdefault(item.type, []).append(item.id)
    verified = [e.id for e in src.verified]
    people = {t.code for t in src.turns}
    sources = len(people) + len(verified)
    pairs = pair_sources(src, data.pair_readings)
    heard_lead = bool(roles["lead"].turn_keys)
    heard_front = bool(roles["staff"].turn_keys or roles["stakeholder"].turn_keys)
    not_asked = ([] if heard_lead else ["lead"]) + ([] if heard_front else ["staff"])
    practice_proof = [e.id for e in src.verified if e.type in RECORD_TYPES | OBSERVATION_TYPES] + [
        t.key for t in src.turns if t.seen
    ]
    informative = any(t.level >= 0 for t in src.turns)
    status: Status
    if any(p.relation == "contradicts" for p in pairs):
        status = "contradicted"
    elif any(p.relation == "corroborates" for p in pairs) or (
        src.turns and verified and informative
    ):
        status = "corroborated"
    elif not src.turns or (len(people) > 1 and not_asked):
        status = "not-asked"
    else:
        status = "single-source"
    return Triangulation(
        criterion_id=criterion_id,
        roles=roles,
        evidence_by_type=by_type,
        verified_ids=verified,
        sources=sources,
        status=status,
        pairs=pairs,
        not_asked=not_asked if src.turns or src.evidence else ["lead", "staff"],
        resolved_by=practice_proof if status == "contradicted" else [],
        single_source=bool(src.turns) and sources == 1,
        leads_only=heard_lead and not heard_front and not verified,
    )
