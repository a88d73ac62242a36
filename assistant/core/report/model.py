"""Provides the report model: every number and sentence an exported report shows, decided.

Exporters only lay it out. Built by `assistant.core.report.builder.build_report`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = 1
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
    disputes: list[DisputeRow]
    checks: list[str]


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
