"""Provides the report model's later parts: method (roles, people, interviews, open items,
unresolved differences, the self-assessment comparison, the schedule), history, the evidence
register, and the review annexes. `model.py` re-exports them.
"""

from __future__ import annotations

from datetime import date

from assistant.core.report.model_base import _M


class SiteRow(_M):
    name: str
    sampled: bool
    reason: str


class RoleRow(_M):
    role: str
    label: str
    people: int
    interviews: int
    answers: int


class PersonRow(_M):
    code: str
    role: str
    department: str
    site: str


class InterviewRow(_M):
    id: str
    date: date
    codes: list[str]
    answers: int
    criteria: list[str]


class OpenItemRow(_M):
    id: str
    kind: str
    text: str
    criteria: list[str]


class DisputeRow(_M):
    interview_id: str
    codes: list[str]
    point: str


class SelfAssessmentRow(_M):
    """One criterion of the self-assessment against what supports it (`core.inputs`)."""

    criterion_id: str
    title: str
    mandatory: bool
    self_score: float
    self_band: str
    reading_score: float | None
    reading_band: str | None
    assessor_score: float | None
    assessor_band: str | None
    compared_with: str
    gap: float
    overstated: bool
    evidence_refs: list[str]


class SelfAssessmentSection(_M):
    """The organisation's view against the assessment's, largest overstatement first."""

    rows: list[SelfAssessmentRow]
    overstated: int
    understated: int
    sources: list[str]


class ScheduleRow(_M):
    """One interview planned before the assessment."""

    day: date
    time: str
    site: str
    role: str
    minutes: int
    criteria: list[str]


class Method(_M):
    interviews: int
    people: int
    answers: int
    roles: list[RoleRow]
    people_list: list[PersonRow]
    interview_list: list[InterviewRow]
    sites: list[SiteRow]
    sampling_rationale: str
    limitations: list[str]
    unscored: list[str]
    open_items: list[OpenItemRow]
    """Always empty in the client report (open items are in the working papers); kept so that
    reports saved as JSON by earlier versions still load."""
    disputes: list[DisputeRow]
    checks: list[str]
    schedule: list[ScheduleRow] = []
    schedule_checks: list[str] = []


class ChangeRow(_M):
    id: str
    title: str
    previous: float | None
    current: float | None
    change: float | None


class TrendPoint(_M):
    assessment_id: str
    date: date
    overall: float | None
    groups: dict[str, float | None]


class History(_M):
    previous_id: str
    previous_date: date
    previous_type: str
    months_between: int
    warning: str
    caveat: str = ""
    overall: ChangeRow
    groups: list[ChangeRow]
    criteria: list[ChangeRow]
    trend: list[TrendPoint]


class EvidenceRow(_M):
    id: str
    type: str
    title: str
    reference: str
    verified: bool
    criteria: list[str]
    source: str
    library_id: str = ""
    owner: str = ""
    version: str = ""
    dated: date | None = None
    verified_by: str = ""
    stale: str = ""


class IndividualScoreRow(_M):
    """One assessor's own score on a criterion, kept beside the team's consensus (annex)."""

    criterion_id: str
    title: str
    assessor: str
    score: float | None
    band: str | None
    comment: str
    consensus: float | None
    rationale: str


class ReviewCommentRow(_M):
    """A review comment not yet resolved, shown in the draft report."""

    id: str
    target: str
    ref: str
    author: str
    text: str
    request_changes: bool
