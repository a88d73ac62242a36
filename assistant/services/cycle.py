"""Provides an organisation's certification cycle: its assessments in order, and what the bank's
cycle rules say about them on a given day (certificate, surveillance due, expiry, the earliest
further certification assessment, and what falls due soon)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.cycle import CycleStatus, cycle_status
from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.model import AssessmentData
from assistant.core.report.history import assessment_date
from assistant.store.workspace import Workspace

SOON_DAYS = 90
"""What falls due within this many days is called out."""


@dataclass(frozen=True)
class Entry:
    """One assessment in an organisation's timeline."""

    assessment_id: str
    type: str
    day: date
    status: str


@dataclass(frozen=True)
class Timeline:
    """An organisation's assessments against one bank, and where its cycle stands."""

    organisation: str
    bank_id: str
    rule: str
    entries: list[Entry]
    status: CycleStatus
    as_of: date

    def due_soon(self, days: int = SOON_DAYS) -> list[tuple[str, date]]:
        """What falls due (or expires) between `as_of` and `days` later, or is overdue."""
        horizon = self.as_of + timedelta(days=days)
        out: list[tuple[str, date]] = []
        s = self.status
        if s.next_surveillance is not None and s.next_surveillance <= horizon:
            out.append(("surveillance assessment due", s.next_surveillance))
        if s.expires is not None and s.expires <= horizon:
            out.append(("certificate expires; re-certification due", s.expires))
        return out


def _matches(data: AssessmentData, who: str) -> bool:
    a = data.assessment
    key = who.casefold().strip()
    return key in a.organisation.casefold() or a.id.startswith(key)


def timelines(ws: Workspace, organisation: str, as_of: date) -> list[Timeline]:
    """The organisation's timelines, one per bank its assessments use; NotFoundError when no
    assessment's organisation (or id) matches."""
    found: dict[tuple[str, str], list[AssessmentData]] = {}
    for assessment_id in ws.ids():
        try:
            data = ws.load(assessment_id)
        except AssessorError:
            continue
        if _matches(data, organisation):
            a = data.assessment
            found.setdefault((a.organisation, a.bank.id), []).append(data)
    if not found:
        raise NotFoundError(f"no assessment of an organisation matching '{organisation}'")
    out = []
    for (org, bank_id), items in sorted(found.items()):
        bank = find_bank(bank_id, paths.bank_dirs(ws.root)).bank
        items.sort(key=lambda d: (assessment_date(d), d.assessment.id))
        events = [(d.assessment.type, assessment_date(d)) for d in items]
        out.append(
            Timeline(
                organisation=org,
                bank_id=bank_id,
                rule=bank.cycle.description,
                entries=[
                    Entry(d.assessment.id, d.assessment.type, day, d.assessment.status)
                    for d, (_, day) in zip(items, events, strict=True)
                ],
                status=cycle_status(bank.cycle, events, as_of=as_of),
                as_of=as_of,
            )
        )
    return out
