"""Provides the interview use cases both front ends share: who runs it, who is interviewed,
starting or resuming it with a plan, and the engine that runs it.

The app's setup screen and the line mode's setup call these, so a default (who is recorded as
the assessor, which plan a resumed interview gets) is decided in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from assistant.core.model import Assessment, Interview, Interviewee, RoleType, now

if TYPE_CHECKING:
    from assistant.core.interview.engine import InterviewEngine
    from assistant.core.interview.plan import Plan
    from assistant.services.opening import OpenAssessment


def interview_assessor(assessment: Assessment, who: str = "") -> str:
    """Who is recorded as running an interview: the named user, else the lead assessor, else
    the assessment's first assessor, else nobody ("")."""
    return who or assessment.lead_assessor or next(iter(assessment.assessors), "")


def add_person(
    opened: OpenAssessment, role: RoleType, *, department: str = "", site: str = "", name: str = ""
) -> Interviewee:
    """Add an interviewee (the name is stored apart and never shown); AssessorError on failure."""
    return opened.session.add_interviewee(
        role, department=department.strip(), site=site.strip(), name=name.strip() or None
    )


def propose_plan(opened: OpenAssessment, person: Interviewee, minutes: int) -> Plan:
    """The plan the core proposes for this person (saved or not yet) and time box."""
    from assistant.core.interview.plan import make_plan

    return make_plan(opened.bank, opened.data, person, minutes)


def start_interview(
    opened: OpenAssessment, person: Interviewee, plan: Plan, minutes: int, who: str = ""
) -> Interview:
    """Start an interview with `person` following `plan`; AssessorError when the write fails."""
    return opened.session.start_interview(
        [person.id],
        assessor=interview_assessor(opened.data.assessment, who),
        planned_criteria=list(plan.criteria),
        time_box_minutes=minutes,
    )


def resume_plan(opened: OpenAssessment, interview_id: str) -> Plan:
    """The plan of an interview started earlier, rebuilt from what it planned and covered."""
    from assistant.core.interview.plan import plan_for_interview

    data = opened.data
    return plan_for_interview(opened.bank, data, data.interview(interview_id))


def engine_for(
    opened: OpenAssessment,
    interview_id: str,
    plan: Plan,
    *,
    clock: Callable[[], datetime] = now,
) -> InterviewEngine:
    """The engine that runs an interview; both front ends render what it replies."""
    from assistant.core.interview.engine import InterviewEngine

    return InterviewEngine(opened.bank, opened.session, interview_id, plan, clock=clock)
