"""Provides the report's cover facts: the assessment, the organisation profile, and the cycle.

The cycle comes from the bank's rules (`assistant.core.cycle`) read against this assessment and
the organisation's earlier ones: for a certification assessment, the certificate it would issue
and when the next assessment falls due; for a surveillance assessment, the certificate it
maintains; for a gap analysis or continuous-improvement assessment, that it issues none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from assistant.core.bank.model import Bank
from assistant.core.cycle import cycle_status
from assistant.core.model import AssessmentData
from assistant.core.report.history import assessment_date
from assistant.core.report.method import sites
from assistant.core.report.model import TYPE_LABELS, Cover, CycleInfo, ProfileInfo

__all__ = ["cover", "cycle_info", "profile_info"]

NEXT_LABEL = {"surveillance": "Surveillance assessment", "recertification": "Re-certification"}


def profile_info(data: AssessmentData, redact: bool) -> ProfileInfo | None:
    """Return the organisation profile, or None when nothing was entered."""
    p = data.assessment.profile
    if p.is_empty():
        return None
    return ProfileInfo(
        sector=p.sector,
        size=p.size,
        sites="" if redact else p.sites,
        channels=list(p.channels),
        customer_groups=list(p.customer_groups),
    )


def _last_day(data: AssessmentData) -> date:
    return data.assessment.end_date or assessment_date(data)


def cycle_info(
    bank: Bank, data: AssessmentData, earlier: Sequence[AssessmentData] = ()
) -> CycleInfo:
    """Return the certificate and next dates this assessment implies under the bank's cycle."""
    kind = data.assessment.type
    rules = bank.cycle
    rule = rules.rule(kind)
    same = [
        p
        for p in earlier
        if p.assessment.id != data.assessment.id
        and p.assessment.bank.id == bank.id
        and p.assessment.organisation.casefold().strip()
        == data.assessment.organisation.casefold().strip()
    ]
    here = _last_day(data)
    events = [(p.assessment.type, _last_day(p)) for p in same if _last_day(p) <= here]
    events.append((kind, here))
    status = cycle_status(rules, events, as_of=here)
    due = status.next_due
    issues = rules.certifies(kind)
    if not rules.types:
        note = "This bank sets no certification cycle, so no certificate dates are given."
    elif issues:
        note = (
            f"If certification is granted: dated from the last assessment day ({here}); the "
            "certification body's decision date governs."
        )
    elif rule.maintains_certificate:
        note = (
            f"Maintains the certificate of {status.certified_on}."
            if status.certified_on
            else "No certification assessment of this organisation is recorded here, so the "
            "certificate's dates are not known."
        )
    else:
        label = TYPE_LABELS.get(kind, kind).lower()
        note = f"A {label} issues no certificate"
        if status.certified_on:
            note += f"; the certificate of {status.certified_on} is unaffected"
        note += "."
    return CycleInfo(
        rule=" ".join(rules.description.split()),
        issues_certificate=issues,
        certificate_from=status.certified_on,
        certificate_until=status.expires,
        surveillance_due=[d for d in status.surveillance_due if d > here],
        next_label=NEXT_LABEL.get(due[0], "") if due else "",
        next_date=due[1] if due else None,
        earliest_reassessment=status.earliest_reassessment,
        note=note,
    )


def cover(
    bank: Bank,
    data: AssessmentData,
    report_date: date,
    redact: bool,
    earlier: Sequence[AssessmentData] = (),
) -> Cover:
    """Return the cover facts of a report."""
    a = data.assessment
    return Cover(
        title=f"{bank.standard} assessment report",
        organisation=a.organisation,
        assessment_id=a.id,
        assessment_type=TYPE_LABELS.get(a.type, a.type),
        status=a.status,
        start_date=a.start_date,
        end_date=a.end_date,
        report_date=report_date,
        scope_unit=a.scope.unit,
        sites=[] if redact else sites(data),
        sampling_rationale=a.scope.sampling_rationale,
        assessors=list(a.assessors),
        lead_assessor=a.lead_assessor,
        bank_id=bank.id,
        bank_title=bank.title,
        standard=bank.standard,
        edition=bank.edition,
        bank_version=bank.version,
        group_label=bank.group_label,
        redacted=redact,
        type_id=a.type,
        profile=profile_info(data, redact),
        cycle=cycle_info(bank, data, earlier),
    )
