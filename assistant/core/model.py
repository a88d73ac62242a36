"""Provides the assessment domain model: assessments, interviewees, interviews, turns and the rest.

These are plain typed values. They never save themselves: `assistant.store` converts them to and
from documents in one place. Ids are random and short so that interviews recorded by different
assessors on different machines can be merged by copying files.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

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


def now() -> datetime:
    """Return the current time in UTC, to the second (what every record is stamped with)."""
    return datetime.now(UTC).replace(microsecond=0)


def new_id(prefix: str) -> str:
    """Return a short random id such as ``iv-3f9a1c2b``, unique across machines in practice."""
    return f"{prefix}-{secrets.token_hex(4)}"


Clock = Callable[[], datetime]
"""Where times come from: `now` in use, a fixed or stepping clock in tests."""

Token = Callable[[int], str]
"""Where random hex comes from (`secrets.token_hex`): `token(n)` gives 2n hex digits."""


@dataclass(frozen=True)
class Stamps:
    """The clock and random-id source that new records are stamped with.

    The store builds every record through `fill`, so a workspace made with fixed stamps
    writes the same ids and times on any date; the defaults are the system clock and
    `secrets.token_hex`.
    """

    clock: Clock = now
    token: Token = secrets.token_hex

    def new_id(self, prefix: str) -> str:
        """A short id such as ``iv-3f9a1c2b`` from this source."""
        return f"{prefix}-{self.token(4)}"

    def fill(self, model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
        """Return `values` with the model's unset id and time stamps taken from this source."""
        out = dict(values)
        prefix = ID_PREFIX.get(model)
        for name, info in model.model_fields.items():
            if name in out:
                continue
            if info.default_factory is now:
                out[name] = self.clock()
            elif name == "id" and prefix is not None:
                out[name] = self.new_id(prefix)
        return out


def counting_token(start: int = 1) -> Token:
    """A token source that counts (``00000001``, ``00000002``...): fixed ids for tests and demos."""
    counter = itertools.count(start)
    return lambda n: f"{next(counter):0{2 * n}x}"


class Record(BaseModel):
    """Base for domain values: unknown keys are errors so that nothing is dropped silently."""

    model_config = ConfigDict(extra="forbid")


class Site(Record):
    """A site in scope, whether it was sampled for visits, and why."""

    name: str
    sampled: bool = True
    reason: str = ""


class Slot(Record):
    """One interview planned before the assessment: when, where, with whom, for how long.

    `criteria` empty means the criteria are chosen when the interview starts (the plan).
    """

    day: date
    time: str = Field(default="09:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    site: str = ""
    role: RoleType
    minutes: int = Field(default=45, ge=5, le=480)
    criteria: list[str] = Field(default_factory=list)
    note: str = ""


class Scope(Record):
    """What the assessment covers."""

    unit: str = "whole organisation"
    sites: list[Site] = Field(default_factory=list)
    sampling_rationale: str = ""
    schedule: list[Slot] = Field(default_factory=list)
    """The interviews planned across the days of the assessment, in day and time order."""


class Profile(Record):
    """The organisation as the report introduces it, entered when the assessment is set up."""

    sector: str = ""
    size: str = ""
    """Free text, e.g. "about 420 staff" or "1,200 employees, 9 service teams"."""
    sites: str = ""
    """Where it serves customers, e.g. "head office, 3 service centres, 1 depot"."""
    channels: list[str] = Field(default_factory=list)
    customer_groups: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        """True when nothing has been entered."""
        return not (self.sector or self.size or self.sites or self.channels or self.customer_groups)


Outcome = Literal["recommend", "conditions", "not-recommended"]
"""The certification recommendation: recommend, recommend with conditions, not recommended."""


class RecommendationDecision(Record):
    """The lead assessor's own recommendation, replacing the one derived from the rules."""

    outcome: Outcome
    reason: str
    conditions: list[str] = Field(default_factory=list)
    who: str = ""
    at: datetime = Field(default_factory=now)


class ReportTexts(Record):
    """What the assessor writes for the report beyond scores and findings."""

    narrative: dict[str, str] = Field(default_factory=dict)
    """Executive narrative by group id ("" for the opening paragraph), replacing the draft."""
    recommendation: RecommendationDecision | None = None


class BankPin(Record):
    """The bank an assessment was created with, pinned by id, version and content digest."""

    id: str
    version: str
    digest: str
    title: str = ""


class SignOff(Record):
    """A lead assessor's sign-off: who, when, the content digest signed, any risks accepted.

    `content_sha256` is `assistant.core.review.signoff.content_digest` of the scores, consensus
    scores, findings and answers at that moment. A later change to any of them lifts the sign-off:
    `lifted_at` / `lifted_why` are set and the record is kept so the report can say so.
    """

    by: str
    at: datetime = Field(default_factory=now)
    content_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    accepted_risks: list[str] = Field(default_factory=list)
    risk_reason: str = ""
    lifted_at: datetime | None = None
    lifted_by: str = ""
    lifted_why: str = ""

    @property
    def active(self) -> bool:
        """True while the sign-off stands (it has not been lifted)."""
        return self.lifted_at is None


class PracticeRecord(Record):
    """What makes an assessment a practice run: the case played, the trainee, the submission.

    Scores are blind until `submitted` is set; from then on they are locked and the expert's
    reference may be shown.
    """

    case_id: str
    case_digest: str = ""
    trainee: str
    submitted: datetime | None = None


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

    id: str = Field(default_factory=lambda: new_id("p"))
    code: str
    role: RoleType
    department: str = ""
    site: str = ""
    title: str = ""


class Interview(Record):
    """One interview session with one or more interviewees."""

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

    id: str = Field(default_factory=lambda: new_id("oi"))
    kind: OpenItemKind
    text: str
    criteria: list[str] = Field(default_factory=list)
    interview_id: str | None = None
    turn_n: int | None = None
    status: Literal["open", "closed"] = "open"
    resolution: str = ""
    created: datetime = Field(default_factory=now)


class ConsensusScore(Record):
    """The team's agreed score on a criterion, with the individual scores it was agreed from.

    Once it exists it is the criterion's score for rollups and the report; the individual
    scores stay as they were (locked) and appear in the report's annex.
    """

    criterion_id: str
    score: float
    band: str
    rationale: str = ""
    individual: dict[str, float | None] = Field(default_factory=dict)
    median: float | None = None
    spread: float = 0
    decided_by: str = ""
    decided_at: datetime = Field(default_factory=now)


CommentTarget = Literal["assessment", "criterion", "finding", "score", "turn"]


class CommentReply(Record):
    """An answer in a review thread: the assessor's reply, a resolution or a reopening."""

    who: str = ""
    at: datetime = Field(default_factory=now)
    text: str
    action: Literal["reply", "resolve", "reopen"] = "reply"


class ReviewComment(Record):
    """A reviewer's comment on the assessment, a criterion, a finding, a score or a turn.

    `ref` names the target: the assessment id, a criterion id, a finding id, a criterion id for
    its score, or a turn key. `criterion_id` is set whenever the target belongs to a criterion, so
    open comments can be listed per criterion. A comment that requests changes sends the
    assessment back to in-progress.
    """

    id: str = Field(default_factory=lambda: new_id("rc"))
    target: CommentTarget
    ref: str
    criterion_id: str | None = None
    author: str = ""
    at: datetime = Field(default_factory=now)
    text: str = Field(min_length=1)
    request_changes: bool = False
    status: Literal["open", "answered", "resolved"] = "open"
    replies: list[CommentReply] = Field(default_factory=list)


class OverrideReview(Record):
    """A reviewer's mark that an override crossing the certification line was checked.

    It holds the score reviewed: if the score changes afterwards the mark no longer applies.
    """

    criterion_id: str
    score: float
    suggested: float | None = None
    by: str = ""
    at: datetime = Field(default_factory=now)
    note: str = ""


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


ID_PREFIX: dict[type[BaseModel], str] = {
    Interviewee: "p",
    Interview: "iv",
    Evidence: "ev",
    Finding: "f",
    OpenItem: "oi",
    ReviewComment: "rc",
}
"""The prefix of each record kind's id (``iv-3f9a1c2b``), used by `Stamps.fill`."""
