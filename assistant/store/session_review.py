"""Provides Review: the session's writes for consensus, review comments, reviewed overrides,
and lifting a standing sign-off when signed content changes (services/review.py).
"""

from __future__ import annotations

from tinydb import Query

from assistant.core.model import (
    AuditEntry,
    ConsensusScore,
    OverrideReview,
    ReviewComment,
)
from assistant.core.review.signoff import content_digest
from assistant.store.convert import (
    revalidate,
    to_doc,
)
from assistant.store.session_base import _writer
from assistant.store.session_records import Records
from assistant.store.writer import audit_text


class Review(Records):
    """Consensus, review comments and the sign-off's life."""

    # ------------------------------------------------------------ review (services/review.py)

    @_writer
    def save_consensus(self, agreed: ConsensusScore, why: str = "") -> ConsensusScore:
        """Save the team's consensus score on a criterion (replacing one is audited)."""
        new = revalidate(agreed, "consensus score")
        index = next(
            (i for i, c in enumerate(self.data.consensus) if c.criterion_id == new.criterion_id),
            None,
        )
        old = self.data.consensus[index] if index is not None else None
        changes = self._w.changes(
            "consensus",
            new.criterion_id,
            old if old is not None else new.model_copy(update={"score": None, "band": None}),
            new,
            why or new.rationale,
            skip=("decided_at", "individual", "median", "spread", "decided_by"),
        )
        if not changes:
            return old if old is not None else new
        self._w.audited(
            changes,
            lambda: self._w.commit(
                self.layout.assessment,
                lambda db: db.table("consensus").upsert(
                    to_doc(new), Query().criterion_id == new.criterion_id
                ),
            ),
        )
        if index is None:
            self.data.consensus.append(new)
        else:
            self.data.consensus[index] = new
        return new

    @_writer
    def save_comment(self, comment: ReviewComment, why: str = "") -> ReviewComment:
        """Save a new review comment, or changes to one (status, replies); changes are audited."""
        new = revalidate(comment, "comment")
        index = next((i for i, c in enumerate(self.data.comments) if c.id == new.id), None)
        if index is None:
            entry = AuditEntry(
                at=self.stamps.clock(),
                who=self.who,
                entity="comment",
                entity_id=new.id,
                field="text",
                new=new.text,
                why=why or f"comment on {new.target} {new.ref}",
            )
            self._w.audited(
                [entry],
                lambda: self._w.commit(
                    self.layout.assessment, lambda db: db.table("comments").insert(to_doc(new))
                ),
            )
            self.data.comments.append(new)
            return new
        old = self.data.comments[index]
        if self._audited_update("comment", "comments", self.layout.assessment, old, new, why):
            self.data.comments[index] = new
        return new

    @_writer
    def add_override_review(self, review: OverrideReview) -> OverrideReview:
        """Record that an override crossing the certification line was reviewed; audited."""
        new = revalidate(review, "override review")
        entry = AuditEntry(
            at=self.stamps.clock(),
            who=self.who,
            entity="override_review",
            entity_id=new.criterion_id,
            field="score",
            new=audit_text(new.score),
            why=new.note or "override reviewed",
        )
        self._w.audited(
            [entry],
            lambda: self._w.commit(
                self.layout.assessment,
                lambda db: db.table("override_reviews").insert(to_doc(new)),
            ),
        )
        self.data.override_reviews.append(new)
        return new

    def _lift_sign_off(self, what: str) -> None:
        """Lift a standing sign-off when a write changed the signed content (audited)."""
        a = self.data.assessment
        signed = a.sign_off
        if signed is None or not signed.active:
            return
        if content_digest(self.data) == signed.content_sha256:
            return
        why = f"content changed after sign-off ({what.strip('_').replace('_', ' ')})"
        lifted = signed.model_copy(
            update={"lifted_at": self.stamps.clock(), "lifted_by": self.who, "lifted_why": why}
        )
        status = "in-progress" if a.status == "signed-off" else a.status
        self.update_assessment(a.model_copy(update={"sign_off": lifted, "status": status}), why)
