"""Provides the assessment domain model: assessments, interviewees, interviews, turns and the rest.

These are plain typed values. They never save themselves: `assistant.store` converts them to and
from documents in one place. Ids are random and short so that interviews recorded by different
assessors on different machines can be merged by copying files.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal

from pydantic import Field

from assistant.core.model_review import CommentReply as CommentReply
from assistant.core.model_review import CommentTarget as CommentTarget
from assistant.core.model_review import ConsensusScore as ConsensusScore
from assistant.core.model_review import OverrideReview as OverrideReview
from assistant.core.model_review import PairReading as PairReading
from assistant.core.model_review import PairRelation as PairRelation
from assistant.core.model_review import ReviewComment as ReviewComment
from assistant.core.model_review import SignOff as SignOff
from assistant.core.model_setup import BankPin as BankPin
from assistant.core.model_setup import Outcome as Outcome
from assistant.core.model_setup import PracticeRecord as PracticeRecord
from assistant.core.model_setup import Profile as Profile
from assistant.core.model_setup import RecommendationDecision as RecommendationDecision
from assistant.core.model_setup import ReportTexts as ReportTexts
from assistant.core.model_setup import Scope as Scope
from assistant.core.model_setup import Site as Site
from assistant.core.model_setup import Slot as Slot
from assistant.core.record import Clock as Clock
from assistant.core.record import Record as Record
from assistant.core.record import Stamps as Stamps
from assistant.core.record import Token as Token
from assistant.core.record import counting_token as counting_token
from assistant.core.record import new_id as new_id
from assistant.core.record import now as now
from assistant.core.terms import (
    ASSESSMENT_TYPES as ASSESSMENT_TYPES,
)
from assistant.core.terms import (
    EVIDENCE_TYPES as EVIDENCE_TYPES,
)
from assistant.core.terms import (
    ROLE_LABEL as ROLE_LABEL,
)
from assistant.core.terms import (
    ROLE_PREFIX as ROLE_PREFIX,
)
from assistant.core.terms import (
    TAGS as TAGS,
)
from assistant.core.terms import (
    AssessmentStatus as AssessmentStatus,
)
from assistant.core.terms import (
    AssessmentType as AssessmentType,
)
from assistant.core.terms import (
    EvidenceType as EvidenceType,
)
from assistant.core.terms import (
    FindingKind as FindingKind,
)
from assistant.core.terms import (
    OpenItemKind as OpenItemKind,
)
from assistant.core.terms import (
    RoleType as RoleType,
)
from assistant.core.terms import (
    Tag as Tag,
)
from assistant.core.terms import (
    TurnKind as TurnKind,
)


class Assessment(Record):
    """One assessment of one organisation against one bank."""

    id: str
    organisation: str
    type: AssessmentType
    bank: BankPin
    scope: Scope = Field(default_factory=Scope)
    assessors: list[str] = Field(default_factory=list)
    lead_assessor: str | None = None
    created: datetime = Field(default_factory=now)
    start_date: date | None = None
    end_date: date | None = None
    status: AssessmentStatus = "in-progress"
    notes: str = ""
    consensus_opened: datetime | None = None
    """When consensus opened; from then on individual scores are locked (DOMAIN.md F17)."""
    consensus_closed: datetime | None = None
    sign_off: SignOff | None = None
    practice: PracticeRecord | None = None
    profile: Profile = Field(default_factory=Profile)
    report: ReportTexts = Field(default_factory=ReportTexts)
    demo: bool = False
    """Built by `assessor demo` from fictional content; only such assessments may it replace."""


class Interviewee(Record):
    """A person interviewed, known in transcripts and reports only by a role code such as S2.

    The real name, when recorded, is stored apart from the transcript by the workspace.
    """

    id_prefix: ClassVar[str | None] = "p"

    id: str = Field(default_factory=lambda: new_id("p"))
    code: str
    role: RoleType
    department: str = ""
    site: str = ""
    title: str = ""


class Interview(Record):
    """One interview session with one or more interviewees."""

    id_prefix: ClassVar[str | None] = "iv"

    id: str = Field(default_factory=lambda: new_id("iv"))
    interviewee_ids: list[str] = Field(min_length=1)
    assessor: str = ""
    planned_criteria: list[str] = Field(default_factory=list)
    time_box_minutes: int = Field(default=45, ge=5, le=480)
    started: datetime = Field(default_factory=now)
    ended: datetime | None = None
    opening_done: list[str] = Field(default_factory=list)
    confirmed_points: list[str] = Field(default_factory=list)
    disputed_points: list[str] = Field(default_factory=list)


class Turn(Record):
    """A question asked and the answer as typed, or a free note, in an interview.

    `n` numbers the turns of one interview from 1; `key` (``<interview>/<n>``) cites a turn.
    """

    interview_id: str
    n: int = Field(ge=1)
    kind: TurnKind = "answer"
    question_id: str | None = None
    question: str = ""
    answer: str = ""
    speaker_id: str | None = None
    tags: list[Tag] = Field(default_factory=list)
    criteria: list[str] = Field(default_factory=list)
    asked_at: datetime = Field(default_factory=now)
    answered_at: datetime = Field(default_factory=now)
    edited: bool = False
    changed: list[Literal["answer", "tags", "criteria"]] = Field(default_factory=list)
    """What was changed after saving: the answer's text (old text in the audit log), or only
    its tags or criteria. Empty on turns edited before this was recorded."""

    @property
    def key(self) -> str:
        """Return the citation key of this turn."""
        return f"{self.interview_id}/{self.n}"

    @property
    def change_kind(self) -> Literal["edited", "tagged", "changed", ""]:
        """Return how the turn changed after saving: "edited" (its text), "tagged" (only tags
        or criteria), "changed" (not known which: an older record), or "" (never)."""
        if "answer" in self.changed:
            return "edited"
        if self.changed:
            return "tagged"
        return "changed" if self.edited else ""


class Evidence(Record):
    """An item of evidence seen or referred to, linked to criteria."""

    id_prefix: ClassVar[str | None] = "ev"

    id: str = Field(default_factory=lambda: new_id("ev"))
    type: EvidenceType
    title: str
    reference: str = ""
    verified: bool = False
    criteria: list[str] = Field(default_factory=list)
    interview_id: str | None = None
    turn_n: int | None = None
    recorded_at: datetime = Field(default_factory=now)
    library_id: str = ""
    """The organisation's own id for the item in its evidence library (re-imports match on it)."""
    owner: str = ""
    version: str = ""
    dated: date | None = None
    """The date the item carries (issued, last updated); it decides whether it is stale."""
    verified_by: str = ""
    verified_at: datetime | None = None


class SelfScore(Record):
    """The organisation's own view of one criterion, from its self-assessment workbook.

    `reading_*` is the reader's suggested reading of the commentary on the bank's scale.
    """

    criterion_id: str
    score: float
    commentary: str = ""
    evidence_refs: list[str] = Field(default_factory=list)
    reading_band: str | None = None
    reading_score: float | None = None
    reading_confidence: float = Field(default=0, ge=0, le=1)
    reading_gaps: list[str] = Field(default_factory=list)
    source: str = ""
    """Where it came from: ``workbook.xlsx, sheet 'Self-assessment', row 7``."""
    imported_at: datetime = Field(default_factory=now)


class Reason(Record):
    """One reason behind a suggested score, citing the turns or evidence it rests on."""

    text: str
    effect: Literal["supports", "lowers", "caps", "notes"] = "supports"
    cites: list[str] = Field(default_factory=list)


class Suggestion(Record):
    """A suggested score for one criterion with its explanation."""

    criterion_id: str
    band: str
    score: float
    confidence: float = Field(ge=0, le=1)
    reasons: list[Reason] = Field(default_factory=list)


class CriterionScore(Record):
    """An assessor's decision on one criterion, kept apart from the suggestion behind it."""

    criterion_id: str
    assessor: str = ""
    score: float | None = None
    band: str | None = None
    comment: str = ""
    suggestion: Suggestion | None = None
    accepted_suggestion: bool = False
    override_reason: str = ""
    decided_at: datetime = Field(default_factory=now)


class Finding(Record):
    """A strength, risk or opportunity, tied to criteria, evidence and turns."""

    id_prefix: ClassVar[str | None] = "f"

    id: str = Field(default_factory=lambda: new_id("f"))
    kind: FindingKind
    text: str
    criteria: list[str] = Field(default_factory=list)
    evidence_ids: list[str] = Field(default_factory=list)
    turn_keys: list[str] = Field(default_factory=list)
    drafted: bool = False
    edited: bool = False
    removed: bool = False


class OpenItem(Record):
    """Something to follow up: a claim to verify, a document requested, a person to ask."""

    id_prefix: ClassVar[str | None] = "oi"

    id: str = Field(default_factory=lambda: new_id("oi"))
    kind: OpenItemKind
    text: str
    criteria: list[str] = Field(default_factory=list)
    interview_id: str | None = None
    turn_n: int | None = None
    status: Literal["open", "closed"] = "open"
    resolution: str = ""
    created: datetime = Field(default_factory=now)


class AuditEntry(Record):
    """One change after something was saved: who, when, what, old value, new value, why."""

    at: datetime = Field(default_factory=now)
    who: str = ""
    entity: str
    entity_id: str
    field: str = ""
    old: str | None = None
    new: str | None = None
    why: str = ""


class AssessmentData(Record):
    """Everything recorded for an assessment, as read back from the workspace."""

    assessment: Assessment
    interviewees: list[Interviewee] = Field(default_factory=list)
    interviews: list[Interview] = Field(default_factory=list)
    turns: list[Turn] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    scores: list[CriterionScore] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    open_items: list[OpenItem] = Field(default_factory=list)
    consensus: list[ConsensusScore] = Field(default_factory=list)
    comments: list[ReviewComment] = Field(default_factory=list)
    override_reviews: list[OverrideReview] = Field(default_factory=list)
    self_assessment: list[SelfScore] = Field(default_factory=list)
    pair_readings: list[PairReading] = Field(default_factory=list)

    def interviewee(self, interviewee_id: str) -> Interviewee:
        """Return an interviewee by id (KeyError when there is none)."""
        for person in self.interviewees:
            if person.id == interviewee_id:
                return person
        raise KeyError(interviewee_id)

    def interview(self, interview_id: str) -> Interview:
        """Return an interview by id (KeyError when there is none)."""
        for item in self.interviews:
            if item.id == interview_id:
                return item
        raise KeyError(interview_id)

    def speaker_of(self, turn: Turn) -> Interviewee | None:
        """Return who gave a turn's answer: its speaker, or the interview's only interviewee."""
        if turn.speaker_id:
            try:
                return self.interviewee(turn.speaker_id)
            except KeyError:
                return None
        try:
            ids = self.interview(turn.interview_id).interviewee_ids
        except KeyError:
            return None
        return self.interviewee(ids[0]) if len(ids) == 1 and self._has(ids[0]) else None

    def _has(self, interviewee_id: str) -> bool:
        return any(p.id == interviewee_id for p in self.interviewees)

    def turn(self, key: str) -> Turn:
        """Return a turn by its citation key (KeyError when there is none)."""
        for turn in self.turns:
            if turn.key == key:
                return turn
        raise KeyError(key)

    def current_scores(self) -> dict[str, CriterionScore]:
        """Return the decision per criterion: the consensus score where the team agreed one,
        else the individual decision (see `individual_scores`)."""
        out = self.individual_scores()
        for agreed in self.consensus:
            base = out.get(agreed.criterion_id)
            if base is not None and base.score == agreed.score:
                comment = " ".join(x for x in (base.comment, agreed.rationale) if x)
                out[agreed.criterion_id] = base.model_copy(
                    update={
                        "assessor": "consensus",
                        "comment": comment,
                        "decided_at": agreed.decided_at,
                    }
                )
                continue
            suggestion = base.suggestion if base is not None else None
            accepted = suggestion is not None and suggestion.score == agreed.score
            out[agreed.criterion_id] = CriterionScore(
                criterion_id=agreed.criterion_id,
                assessor="consensus",
                score=agreed.score,
                band=agreed.band,
                comment=agreed.rationale if accepted or suggestion is None else "",
                suggestion=suggestion,
                accepted_suggestion=accepted,
                override_reason="" if accepted else agreed.rationale,
                decided_at=agreed.decided_at,
            )
        return out

    def individual_scores(self) -> dict[str, CriterionScore]:
        """Return the latest individual decision per criterion (the lead assessor's when
        several exist)."""
        out: dict[str, CriterionScore] = {}
        lead = self.assessment.lead_assessor
        for score in sorted(self.scores, key=lambda s: s.decided_at):
            have = out.get(score.criterion_id)
            if (
                have is None
                or have.assessor == score.assessor
                or score.assessor == lead
                or have.assessor != lead
            ):
                out[score.criterion_id] = score
        return out
