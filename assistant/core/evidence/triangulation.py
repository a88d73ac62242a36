"""Provides triangulation per criterion: sources by role and evidence type, and the lead-staff gap.

ICSS certification promises to reveal the gap between what management expects and what is
actually delivered (docs/ASSESSMENT.md §5). Here that gap is the difference between the band the
leads' answers imply and the band the staff answers imply, flagged at one band or more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.core.bank.model import Bank
from assistant.core.evidence.sources import SIGNAL_NAMES, SourceIndex, TurnSource
from assistant.core.model import AssessmentData, RoleType

MIN_CONFIDENCE = 0.3


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
    gap: int | None
    """Staff band rank minus lead band rank (negative: staff describe less than leads)."""
    sources: int
    warnings: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """True when leads and staff differ by one band or more."""
        return self.gap is not None and self.gap != 0

    def has(self, role: RoleType) -> bool:
        """True when someone in this role has spoken about the criterion."""
        view = self.roles.get(role)
        return bool(view and view.turn_keys)


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
    """Return the sources of one criterion by role and type, and the lead-staff gap."""
    bank.criterion(criterion_id)
    src = (index or SourceIndex(bank, data)).for_criterion(criterion_id)
    roles: dict[str, RoleView] = {}
    for role in ("lead", "stakeholder", "staff"):
        turns = src.roles(role)
        roles[role] = RoleView(
            role=role,
            codes=sorted({t.code for t in turns}),
            turn_keys=[t.turn.key for t in turns],
            band=_implied(bank, turns),
        )
    by_type: dict[str, list[str]] = {}
    for item in src.evidence:
        by_type.setdefault(item.type, []).append(item.id)
    verified = [e.id for e in src.verified]
    gap = None
    lead, staff = roles["lead"].band, roles["staff"].band
    if lead is not None and staff is not None:
        gap = bank.scale.rank(staff) - bank.scale.rank(lead)
    people = {t.code for t in src.turns}
    sources = len(people) + len(verified)
    warnings: list[str] = []
    if src.turns and sources == 1:
        warnings.append("rests on a single source")
    if roles["lead"].turn_keys and not roles["staff"].turn_keys and not verified:
        warnings.append("leads only: no staff account or verified record yet")
    if gap is not None and gap < 0:
        warnings.append("staff describe less than leads claim")
    elif gap is not None and gap > 0:
        warnings.append("staff describe more than leads")
    return Triangulation(
        criterion_id=criterion_id,
        roles=roles,
        evidence_by_type=by_type,
        verified_ids=verified,
        gap=gap,
        sources=sources,
        warnings=warnings,
    )
