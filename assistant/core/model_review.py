"""Provides the records of team work on an assessment: consensus scores, review comments,
reviewed overrides, the assessor's reading of paired accounts, and the sign-off.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import Field

from assistant.core.record import Record, new_id, now
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

    id_prefix: ClassVar[str | None] = "rc"

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


PairRelation = Literal["corroborates", "contradicts", "silent"]
"""How another person's account reads against a lead's claim on the same criterion."""


class PairReading(Record):
    """The assessor's own reading of a lead's answer against another answer on one criterion.

    It is kept apart from the reading the assistant suggests, and always wins over it.
    """

    criterion_id: str
    lead_turn: str
    other_turn: str
    relation: PairRelation
    assessor: str = ""
    note: str = ""
    decided_at: datetime = Field(default_factory=now)

    @property
    def key(self) -> str:
        """Return the pair this reading is about: criterion, lead turn and other turn."""
        return f"{self.criterion_id}|{self.lead_turn}|{self.other_turn}"

    @property
    def id(self) -> str:
        """The record's identity when copies are merged: one reading per pair."""
        return self.key
