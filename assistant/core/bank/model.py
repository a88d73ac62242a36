"""Provides the question-bank model: scale, aggregation, groups, criteria, questions and probes.

A bank is data, not code: the scale, its bands, how scores roll up and what certification needs
are all read from the bank file. This module only defines the shapes and the rules that hold
between them; `assistant.core.bank.loader` reads YAML into these models and reports problems.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from typing_extensions import Annotated

from assistant.core.cycle import Cycle

Id = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

Audience = Literal["lead", "stakeholder", "staff", "any"]
"""Who a question is meant for: department lead, key stakeholder, service-team staff, anyone."""

Gap = Literal["no_example", "no_measure", "claim_without_evidence", "only_plans", "no_review"]
"""What an answer lacks, which triggers a follow-up probe."""

GAPS: tuple[Gap, ...] = (
    "no_example",
    "no_measure",
    "claim_without_evidence",
    "only_plans",
    "no_review",
)

Signal = Literal["plan", "practice", "improvement"]
"""The kind of evidence that places a criterion in a band: plans, practice, improvement loops."""

AggregationMethod = Literal["weighted_mean", "mean", "minimum"]
EvidenceKind = Literal["staff", "stakeholder", "record", "observation"]


SCALE_LIMIT = 1000.0
"""No scale point, band edge or step may lie beyond +/- this (real scales run 0-10 or 0-100)."""
WEIGHT_LIMIT = 100.0
"""The largest weight a criterion or group may carry relative to the others (default 1)."""

ScalePoint = Annotated[float, Field(ge=-SCALE_LIMIT, le=SCALE_LIMIT)]
Weight = Annotated[float, Field(gt=0, le=WEIGHT_LIMIT)]


class _Model(BaseModel):
    """Base for bank models: unknown keys are errors, values are immutable, and numbers are
    finite (NaN and infinity are refused: they would print as ``nan / 10``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Band(_Model):
    """A named range of the scale, such as Intention 0-2."""

    id: Id
    label: Text
    min: ScalePoint
    max: ScalePoint
    signal: Signal
    descriptor: Text


class Scale(_Model):
    """The scoring scale: its range, step and bands in ascending order."""

    id: Id
    min: ScalePoint
    max: ScalePoint
    step: float = Field(default=1, gt=0, le=SCALE_LIMIT)
    configurable: bool = False
    note: str = ""
    bands: list[Band] = Field(min_length=1)

    def band_for(self, score: float) -> Band:
        """Return the band a score falls in; scores between bands belong to the lower one."""
        chosen = self.bands[0]
        for band in self.bands:
            if score >= band.min:
                chosen = band
        return chosen

    def band(self, band_id: str) -> Band:
        """Return the band with this id (KeyError when there is none)."""
        for band in self.bands:
            if band.id == band_id:
                return band
        raise KeyError(band_id)

    def band_for_signal(self, signal: Signal) -> Band:
        """Return the lowest band that the given kind of evidence supports."""
        for band in self.bands:
            if band.signal == signal:
                return band
        raise KeyError(signal)

    def rank(self, band_id: str) -> int:
        """Return the position of a band, 0 for the lowest."""
        return [b.id for b in self.bands].index(band_id)

    def clamp(self, score: float) -> float:
        """Keep a score inside the scale."""
        return max(self.min, min(self.max, score))


class Aggregation(_Model):
    """How criterion scores roll up into group scores and the overall score."""

    method: AggregationMethod = "weighted_mean"
    overall_from: Literal["criteria", "groups"] = "criteria"
    description: Text


class Certification(_Model):
    """What certification needs: every mandatory criterion at or above a band."""

    mandatory_min_band: Id
    unscored_mandatory_blocks: bool = True
    description: Text


def _default_integration_needs() -> list[EvidenceKind]:
    return ["staff", "record"]


class Corroboration(_Model):
    """How far uncorroborated claims may lift a suggestion, and what Integration needs."""

    default_cap: Id
    integration_requires: list[EvidenceKind] = Field(default_factory=_default_integration_needs)
    evidence_window_months: int | None = Field(default=None, ge=1, le=120)
    """Evidence dated more than this many months before the assessment is stale (None: no
    window); stale items are flagged in the app and in the report's evidence register."""


class Probe(_Model):
    """A follow-up question asked when an answer shows a particular gap."""

    gap: Gap
    text: Text


class ProbeRef(_Model):
    """A reference to a shared probe block, so common probes are written once."""

    ref: Id


class ProbeBlock(_Model):
    """A named, reusable set of probes."""

    id: Id
    probes: list[Probe] = Field(min_length=1)


class Question(_Model):
    """A bank question: who it is for, the band it probes, its follow-ups and "show me" requests."""

    id: Id
    text: Text
    audience: Audience
    probes_band: Id
    probes: list[Probe | ProbeRef] = Field(default_factory=list)
    show_me: list[Text] = Field(default_factory=list)


class Criterion(_Model):
    """An attribute or criterion that is scored."""

    id: Id
    title: Text
    statement: Text
    mandatory: bool
    weight: Weight = 1
    descriptors: dict[str, Text]
    typical_evidence: list[Text] = Field(min_length=1)
    corroboration_cap: Id | None = None
    questions: list[Question] = Field(min_length=1)


class Group(_Model):
    """A perspective (ICSS) or section (ICXS2019) holding criteria."""

    id: Id
    title: Text
    guiding_question: Text
    weight: Weight = 1
    criteria: list[Criterion] = Field(min_length=1)


class Bank(_Model):
    """A whole question bank for one standard and edition."""

    id: Id
    title: Text
    standard: Text
    edition: Text
    version: Text
    licence_note: Text
    group_label: Text = "Group"
    scale: Scale
    aggregation: Aggregation
    certification: Certification
    corroboration: Corroboration
    cycle: Cycle = Field(default_factory=Cycle)
    probe_blocks: list[ProbeBlock] = Field(default_factory=list)
    groups: list[Group] = Field(min_length=1)

    def criteria(self) -> list[Criterion]:
        """Return every criterion in bank order."""
        return [c for g in self.groups for c in g.criteria]

    def criterion(self, criterion_id: str) -> Criterion:
        """Return one criterion by id (KeyError when there is none)."""
        for group in self.groups:
            for crit in group.criteria:
                if crit.id == criterion_id:
                    return crit
        raise KeyError(criterion_id)

    def group_of(self, criterion_id: str) -> Group:
        """Return the group holding a criterion (KeyError when there is none)."""
        for group in self.groups:
            if any(c.id == criterion_id for c in group.criteria):
                return group
        raise KeyError(criterion_id)

    def question(self, question_id: str) -> tuple[Criterion, Question]:
        """Return a question and its criterion by question id (KeyError when there is none)."""
        for crit in self.criteria():
            for q in crit.questions:
                if q.id == question_id:
                    return crit, q
        raise KeyError(question_id)

    def probes_for(self, question: Question) -> list[Probe]:
        """Return a question's probes with shared blocks expanded in place."""
        blocks = {b.id: b for b in self.probe_blocks}
        out: list[Probe] = []
        for item in question.probes:
            if isinstance(item, ProbeRef):
                out.extend(blocks[item.ref].probes)
            else:
                out.append(item)
        return out

    def cap_for(self, criterion: Criterion) -> Band:
        """Return the highest band an uncorroborated lead claim can support for this criterion."""
        return self.scale.band(criterion.corroboration_cap or self.corroboration.default_cap)
