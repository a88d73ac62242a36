"""Provides the report's history section: change per criterion and group since the previous
assessment of the same organisation against the same bank, a trend across all of them, a caveat
when the two are not like for like (another type, much thinner evidence), and a warning when a
certification assessment comes sooner than the bank's cycle allows after the previous one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from assistant.core.bank.model import Bank
from assistant.core.cycle import chain, cycle_status, months_between
from assistant.core.model import AssessmentData
from assistant.core.report.model import TYPE_LABELS, ChangeRow, History, TrendPoint
from assistant.core.scoring.rollup import Rollup, decided_scores, rollup


def assessment_date(data: AssessmentData) -> date:
    """Return the date an assessment is dated by: its start date, else the day it was created."""
    return data.assessment.start_date or data.assessment.created.date()


def _change(id_: str, title: str, before: float | None, after: float | None) -> ChangeRow:
    change = None if before is None or after is None else round(after - before, 2)
    return ChangeRow(id=id_, title=title, previous=before, current=after, change=change)


def evidence_size(data: AssessmentData) -> tuple[int, int]:
    """Return how much an assessment rests on: (interviews, answered turns)."""
    answers = sum(1 for t in data.turns if t.kind == "answer" and t.answer.strip())
    return len(data.interviews), answers


THIN = 0.5
"""A previous assessment with less than this share of the current interviews or answers is
"much thinner evidence" and its comparison carries a caveat."""


def comparability(data: AssessmentData, last: AssessmentData) -> str:
    """Return why the two assessments are not like for like, or "" when they are."""
    reasons = []
    here, there = data.assessment.type, last.assessment.type
    if here != there:
        reasons.append(
            f"the previous assessment was a {TYPE_LABELS.get(there, there).lower()}, this one a "
            f"{TYPE_LABELS.get(here, here).lower()}, so their depth and purpose differ"
        )
    (iv_now, ans_now), (iv_then, ans_then) = evidence_size(data), evidence_size(last)
    if (iv_now and iv_then < THIN * iv_now) or (ans_now and ans_then < THIN * ans_now):
        reasons.append(
            f"it rests on much thinner evidence ({iv_then} interview{'s' if iv_then != 1 else ''}"
            f" and {ans_then} answers, against {iv_now} and {ans_now} now)"
        )
    if not reasons:
        return ""
    return (
        "Read the changes with care: "
        + "; ".join(reasons)
        + ". A change in score may reflect what each assessment could see as much as a change "
        "in practice."
    )


def interval_warning(bank: Bank, data: AssessmentData, earlier: Sequence[AssessmentData]) -> str:
    """Return a warning when this certification assessment is sooner than the cycle allows."""
    here = assessment_date(data)
    events = [(p.assessment.type, assessment_date(p)) for p in earlier]
    events.append((data.assessment.type, here))
    for breach in cycle_status(bank.cycle, events).breaches:
        if breach.current == here:
            return (
                f"This certification assessment is {breach.months} month(s) after the previous "
                f"certification assessment ({breach.previous.isoformat()}); {bank.id} allows a "
                f"further one no earlier than {breach.minimum} months after the last."
            )
    return ""


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
    own = chain(bank.cycle, data.assessment.type)
    if own is None:
        return None
    earlier = [p for p in earlier if chain(bank.cycle, p.assessment.type) is not None]
    if not earlier:
        return None
    rolls = [(p, rollup(bank, decided_scores(p))) for p in earlier]
    # compare with the latest of the same chain (certification with the certification run, a
    # gap analysis with the previous gap analysis); else the latest of any, with the caveat
    same = [pr for pr in rolls if chain(bank.cycle, pr[0].assessment.type) == own]
    last, last_roll = (same or rolls)[-1]
    months = months_between(assessment_date(last), here)
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
        warning=interval_warning(bank, data, earlier),
        caveat=comparability(data, last),
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
