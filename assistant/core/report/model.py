"""Provides the report model: every number and sentence an exported report shows, decided.

Exporters only lay it out. Built by `assistant.core.report.builder.build_report`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from assistant.core.report.model_annex import ChangeRow as ChangeRow
from assistant.core.report.model_annex import DisputeRow as DisputeRow
from assistant.core.report.model_annex import EvidenceRow as EvidenceRow
from assistant.core.report.model_annex import History as History
from assistant.core.report.model_annex import IndividualScoreRow as IndividualScoreRow
from assistant.core.report.model_annex import InterviewRow as InterviewRow
from assistant.core.report.model_annex import Method as Method
from assistant.core.report.model_annex import OpenItemRow as OpenItemRow
from assistant.core.report.model_annex import PersonRow as PersonRow
from assistant.core.report.model_annex import ReviewCommentRow as ReviewCommentRow
from assistant.core.report.model_annex import RoleRow as RoleRow
from assistant.core.report.model_annex import ScheduleRow as ScheduleRow
from assistant.core.report.model_annex import SelfAssessmentRow as SelfAssessmentRow
from assistant.core.report.model_annex import SelfAssessmentSection as SelfAssessmentSection
from assistant.core.report.model_annex import SiteRow as SiteRow
from assistant.core.report.model_annex import TrendPoint as TrendPoint
from assistant.core.report.model_base import _M

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


class PairRow(_M):
    """A lead's answer against a staff or stakeholder answer, and how the pair reads."""

    lead_turn: str
    other_turn: str
    relation: Literal["corroborates", "contradicts", "silent"]
    confirmed_by: str | None
    """Who confirmed or changed the reading; None while it is only suggested."""
    suggested: Literal["corroborates", "contradicts", "silent"]
    lead_code: str
    other_code: str
    basis: list[str]
    """The kinds of fact the reading rests on (denial, sameness, frequency, practice, absence)."""
    words: list[str]
    """The shared words (stems) the reading rests on."""


class TriangulationRow(_M):
    """A criterion's triangulation: one status and the pairs behind it."""

    status: Literal["corroborated", "contradicted", "single-source", "not-asked"]
    pairs: list[PairRow]
    resolved_by: list[str]
    """Verified records, observations or answers seen that settle a contradiction."""
    not_asked: list[str]


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
    triangulation: TriangulationRow


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


class AccountRow(_M):
    """One side of a contradiction: who said it, in which turn, and the words."""

    code: str
    role: str
    turn: str
    """The turn, as the client reads it ("L1 turn 4")."""
    said: str


class GapRow(_M):
    """A criterion where what leads describe and what staff or stakeholders describe conflict."""

    criterion_id: str
    title: str
    score: float | None
    band: str | None
    claims: list[AccountRow]
    counters: list[AccountRow]
    reasons: list[str]
    """Why the pairs read as contradicting, in words."""
    evidence: list[str]
    """Every evidence item on the criterion: title and id, with "verified" or "not verified"."""
    resolution: str
    """How the contradiction stands: resolved by which verified evidence, or still open."""


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
