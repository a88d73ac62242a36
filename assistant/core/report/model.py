"""Provides the report model: every number and sentence an exported report shows, decided.

Exporters only lay it out. Built by `assistant.core.report.builder.build_report`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 2
TYPE_LABELS = {
    "gap-analysis": "Gap analysis",
    "continuous-improvement": "Continuous improvement",
    "certification": "Certification",
    "surveillance": "Surveillance",
    "recertification": "Re-certification",
    "practice": "Practice",
}
REDACTED_SITE = "[site]"
REDACTED_DEPARTMENT = "[department]"


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BandInfo(_M):
    id: str
    label: str
    min: float
    max: float
    descriptor: str


class ScaleInfo(_M):
    id: str
    min: float
    max: float
    bands: list[BandInfo]


class SiteRow(_M):
    name: str
    sampled: bool
    reason: str


class ProfileInfo(_M):
    """The organisation profile entered at setup (empty strings and lists when not given)."""

    sector: str
    size: str
    sites: str
    channels: list[str]
    customer_groups: list[str]


class CycleInfo(_M):
    """Where this assessment puts the organisation in the scheme's certification cycle."""

    rule: str
    """The bank's cycle rule in words."""
    issues_certificate: bool
    certificate_from: date | None
    certificate_until: date | None
    surveillance_due: list[date]
    next_label: str
    """The next assessment due: "Surveillance assessment", "Re-certification", or ""."""
    next_date: date | None
    earliest_reassessment: date | None
    note: str
    """One line for the cover: what the dates assume, or why there are none."""


class SignOffInfo(_M):
    """Who signed the report off, when, and the SHA-256 of the content signed."""

    by: str
    at: datetime
    content_sha256: str
    accepted_risks: list[str] = []
    risk_reason: str = ""


class Cover(_M):
    title: str
    organisation: str
    assessment_id: str
    assessment_type: str
    status: str
    start_date: date | None
    end_date: date | None
    report_date: date
    scope_unit: str
    sites: list[SiteRow]
    sampling_rationale: str
    assessors: list[str]
    lead_assessor: str | None
    bank_id: str
    bank_title: str
    standard: str
    edition: str
    bank_version: str
    group_label: str
    redacted: bool
    type_id: str = ""
    profile: ProfileInfo | None = None
    cycle: CycleInfo | None = None
    draft: bool = True
    """True until the assessment is signed off and its content still matches the signature."""
    sign_off: SignOffInfo | None = None
    sign_off_note: str = ""
    """Why the report is a draft when it was signed off once (the sign-off was lifted...)."""
    damage: list[str] = Field(default_factory=list)
    """Integrity problems of an assessment reported anyway (``--allow-damaged``): shown first."""


class GroupScore(_M):
    id: str
    title: str
    score: float | None
    percent: float | None
    band: str | None
    band_id: str | None
    scored: int
    total: int


class BlockerRow(_M):
    criterion_id: str
    title: str
    reason: str


class RecommendationInfo(_M):
    """The certification recommendation, its conditions, and who set it."""

    outcome: Literal["recommend", "conditions", "not-recommended"]
    label: str
    derived_label: str
    certifying: bool
    overridden: bool
    reasons: list[str]
    conditions: list[str]
    decided_by: str
    decision_reason: str


class WeightRow(_M):
    """A weight the aggregation uses, for a group or a criterion."""

    id: str
    title: str
    weight: float


class NarrativeRow(_M):
    """One paragraph of the executive narrative."""

    key: str
    title: str
    text: str
    drafted: bool


class AdviceRow(_M):
    """A prioritised recommendation to the organisation."""

    priority: int
    priority_label: str
    what: str
    why: str
    owner: str
    horizon: str
    criteria: list[str]


class Summary(_M):
    overall: float | None
    overall_percent: float | None
    overall_band: str | None
    overall_band_id: str | None
    aggregation: str
    scored: int
    total: int
    groups: list[GroupScore]
    ready: bool
    readiness_rule: str
    blockers: list[BlockerRow]
    strengths: int
    risks: int
    opportunities: int
    key_strengths: list[str]
    key_risks: list[str]
    recommendation: RecommendationInfo | None = None
    weights_note: str = ""
    group_weights: list[WeightRow] = []
    criterion_weights: list[WeightRow] = []
    narrative: list[NarrativeRow] = []


class CriterionRow(_M):
    id: str
    title: str
    group_id: str
    mandatory: bool
    status: Literal["decided", "suggested", "unscored"]
    score: float | None
    band: str | None
    band_id: str | None
    suggested_score: float | None
    suggested_band: str | None
    accepted_suggestion: bool
    override_reason: str
    comment: str
    commentary: str = ""
    commentary_drafted: bool = False
    sources: dict[str, int]
    evidence: int
    verified: int
    warnings: list[str]


class FindingRow(_M):
    id: str
    kind: str
    text: str
    criteria: list[str]
    evidence_ids: list[str]
    turn_keys: list[str]
    origin: Literal["drafted", "edited", "assessor"]
    label: str


class GroupFindings(_M):
    group_id: str
    title: str
    strengths: list[FindingRow]
    risks: list[FindingRow]
    opportunities: list[FindingRow]


class GapRow(_M):
    criterion_id: str
    title: str
    lead_band: str
    staff_band: str
    gap: int
    lead_codes: list[str]
    staff_codes: list[str]


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


class Report(_M):
    """Everything an exported report shows, JSON-serialisable (`model_dump_json`)."""

    schema_version: int
    cover: Cover
    scale: ScaleInfo
    summary: Summary
    criteria: list[CriterionRow]
    findings: list[GroupFindings]
    gaps: list[GapRow]
    method: Method
    history: History | None
    evidence: list[EvidenceRow]
    recommendations: list[AdviceRow] = []
    recommendations_left: int = 0
    """Lower-priority recommendations left out of the list (their findings are in section 3)."""
    individual_scores: list[IndividualScoreRow] = []
    """Every assessor's own score where several scored and the team agreed a score (annex)."""
    open_comments: list[ReviewCommentRow] = []
    self_assessment: SelfAssessmentSection | None = None
