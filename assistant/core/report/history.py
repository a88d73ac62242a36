"""Provides the report's history section: change per criterion and group since the previous
assessment of the same organisation against the same bank, a trend across all of them, and a
warning when the reassessment comes sooner than the bank's minimum interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from assistant.core.bank.model import Bank
from assistant.core.model import AssessmentData
from assistant.core.report.model import TYPE_LABELS, ChangeRow, History, TrendPoint
from assistant.core.scoring.rollup import Rollup, decided_scores, rollup


def assessment_date(data: AssessmentData) -> date:
    """Return the date an assessment is dated by: its start date, else the day it was created."""
    return data.assessment.start_date or data.assessment.created.date()


def _change(id_: str, title: str, before: float | None, after: float | None) -> ChangeRow:
    change = None if before is None or after is None else round(after - before, 2)
    return ChangeRow(id=id_, title=title, previous=before, current=after, change=change)


def _months(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + b.month - a.month - (1 if b.day < a.day else 0)


def history_section(
    bank: Bank, data: AssessmentData, roll: Rollup, previous: Sequence[AssessmentData]
) -> History | None:
    """Return the change since the latest earlier assessment of the same organisation and bank."""
    here = assessment_date(data)
    org = data.assessment.organisation.casefold().strip()
    earlier = sorted(
        (
            p
            for p in previous
            if p.assessment.id != data.assessment.id
            and p.assessment.bank.id == bank.id
            and p.assessment.organisation.casefold().strip() == org
            and assessment_date(p) <= here
        ),
        key=lambda p: (assessment_date(p), p.assessment.id),
    )
    if not earlier:
        return None
    rolls = [(p, rollup(bank, decided_scores(p))) for p in earlier]
    last, last_roll = rolls[-1]
    months = _months(assessment_date(last), here)
    need = bank.aggregation.min_reassessment_months
    warning = (
        f"This assessment started {months} month(s) after the previous one "
        f"({assessment_date(last).isoformat()}); {bank.id} sets a minimum of {need} months "
        "between assessments."
        if months < need
        else ""
    )
    trend = [
        TrendPoint(
            assessment_id=p.assessment.id,
            date=assessment_date(p),
            overall=r.overall,
            groups={g.group_id: g.score for g in r.groups},
        )
        for p, r in rolls + [(data, roll)]
    ]
    return History(
        previous_id=last.assessment.id,
        previous_date=assessment_date(last),
        previous_type=TYPE_LABELS.get(last.assessment.type, last.assessment.type),
        months_between=months,
        warning=warning,
        overall=_change("overall", "Overall", last_roll.overall, roll.overall),
        groups=[
            _change(g.group_id, g.title, p.score, g.score)
            for p, g in zip(last_roll.groups, roll.groups, strict=True)
        ],
        criteria=[
            _change(c.criterion_id, c.title, p.score, c.score)
            for p, c in zip(last_roll.criteria, roll.criteria, strict=True)
        ],
        trend=trend,
    )
