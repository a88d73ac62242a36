"""Provides the Recorder protocol: the writes the interview engine needs, without naming a store.

`assistant.store.workspace.Session` satisfies it structurally, so the core never imports the
store. Every method returns only when the write is durable and may raise `AssessorError`
(for example a SaveError, "not saved: disk full"); the engine then reports NOT SAVED and keeps
its state as it was.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from assistant.core.model import (
    AssessmentData,
    CriterionScore,
    Evidence,
    EvidenceType,
    Interview,
    OpenItem,
    PairReading,
    Tag,
    Turn,
    TurnKind,
)


class Recorder(Protocol):
    """Durable writes for one assessment, and the data as it stands after the last write."""

    @property
    def data(self) -> AssessmentData:
        """Everything recorded so far, kept current after each write."""
        ...

    def record_turn(
        self,
        interview_id: str,
        *,
        answer: str,
        question: str = ...,
        question_id: str | None = ...,
        tags: list[Tag] = ...,
        criteria: list[str] = ...,
        speaker_id: str | None = ...,
        kind: TurnKind = ...,
        asked_at: datetime | None = ...,
    ) -> Turn:
        """Append a turn (answer or note) to an interview and return it with its number."""
        ...

    def edit_turn(
        self,
        key: str,
        *,
        answer: str | None = ...,
        tags: list[Tag] | None = ...,
        criteria: list[str] | None = ...,
        why: str = ...,
    ) -> Turn:
        """Change a recorded turn (audited) and return it."""
        ...

    def add_evidence(
        self,
        *,
        type: EvidenceType,
        title: str,
        reference: str = ...,
        verified: bool = ...,
        criteria: list[str] = ...,
        interview_id: str | None = ...,
        turn_n: int | None = ...,
    ) -> Evidence:
        """Register an evidence item and return it."""
        ...

    def add_open_item(self, item: OpenItem) -> OpenItem:
        """Add a follow-up item and return it."""
        ...

    def close_open_item(self, item_id: str, resolution: str) -> OpenItem:
        """Close a follow-up item with its resolution and return it."""
        ...

    def set_score(self, score: CriterionScore, why: str = ...) -> CriterionScore:
        """Record a score decision (audited) and return it."""
        ...

    def set_pair_reading(self, reading: PairReading, why: str = ...) -> PairReading:
        """Record the assessor's reading of a lead-versus-other pair (audited) and return it."""
        ...

    def update_interview(self, interview: Interview, why: str = ...) -> Interview:
        """Replace an interview's record (audited) and return it."""
        ...

    def end_interview(self, interview_id: str) -> Interview:
        """Stamp an interview as ended and return it."""
        ...
