"""Provides the report's parts that come from the organisation's inputs and the setup.

The self-assessment compared with the assessment (largest overstatement first), the interview
schedule and its checks for the method section, and the library fields and stale flag of each
evidence register row. Kept apart from the builder so that each part is added, not woven in.
"""

from __future__ import annotations

from assistant.core.bank.model import Bank
from assistant.core.inputs.library import stale_in
from assistant.core.inputs.schedule import check_scope, sort_slots
from assistant.core.inputs.selfassess import compare
from assistant.core.model import ROLE_LABEL, AssessmentData
from assistant.core.report.model import (
    REDACTED_SITE,
    EvidenceRow,
    Method,
    ScheduleRow,
    SelfAssessmentRow,
    SelfAssessmentSection,
)


def self_assessment_section(bank: Bank, data: AssessmentData) -> SelfAssessmentSection | None:
    """Return the self-assessment comparison, or None when no self-assessment was imported."""
    rows = compare(bank, data)
    if not rows:
        return None
    files = sorted({s.source.split(",")[0] for s in data.self_assessment if s.source})
    return SelfAssessmentSection(
        rows=[
            SelfAssessmentRow(
                criterion_id=v.criterion_id,
                title=v.title,
                mandatory=v.mandatory,
                self_score=v.self_score,
                self_band=v.self_band,
                reading_score=v.reading_score,
                reading_band=v.reading_band,
                assessor_score=v.assessor_score,
                assessor_band=v.assessor_band,
                compared_with=v.basis,
                gap=v.gap,
                overstated=v.overstated,
                evidence_refs=list(v.evidence_refs),
            )
            for v in rows
        ],
        overstated=sum(1 for v in rows if v.overstated),
        understated=sum(1 for v in rows if v.bands_apart < 0),
        sources=files,
    )


def with_schedule(method: Method, bank: Bank, data: AssessmentData, redact: bool) -> Method:
    """Return the method section with the planned schedule and its checks added."""
    scope = data.assessment.scope
    rows = [
        ScheduleRow(
            day=s.day,
            time=s.time,
            site="" if redact else s.site,
            role=ROLE_LABEL[s.role],
            minutes=s.minutes,
            criteria=list(s.criteria),
        )
        for s in sort_slots(scope.schedule)
    ]
    checks = [c.text for c in check_scope(bank, scope)] if scope.schedule else []
    if redact:
        names = {s.name for s in scope.sites} | {s.site for s in scope.schedule if s.site}
        for name in sorted(names, key=len, reverse=True):
            checks = [c.replace(name, REDACTED_SITE) for c in checks]
    return method.model_copy(update={"schedule": rows, "schedule_checks": checks})


def with_library_fields(
    rows: list[EvidenceRow], bank: Bank, data: AssessmentData, redact: bool = False
) -> list[EvidenceRow]:
    """Return evidence register rows with library id, owner, version, date and stale flag.

    The owner may be a person's name, so the redacted edition leaves it out.
    """
    items = {e.id: e for e in data.evidence}
    out = []
    for row in rows:
        e = items.get(row.id)
        if e is None:
            out.append(row)
            continue
        out.append(
            row.model_copy(
                update={
                    "library_id": e.library_id,
                    "owner": "" if redact else e.owner,
                    "version": e.version,
                    "dated": e.dated,
                    "verified_by": e.verified_by,
                    "stale": stale_in(bank, data, e),
                }
            )
        )
    return out
