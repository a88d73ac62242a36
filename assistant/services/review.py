"""Provides team review as one set of use cases: status, comments, sign-off.

The command line (`assessor status | review | signoff`) and the app's Review screen call these
functions on an `OpenAssessment`, so a rule is applied the same way wherever it is used
(consensus is in `assistant.services.consensus`). The rules themselves are pure
(`assistant.core.review`); this module records their outcome through the session, where every
change is audited with who, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.model import (
    AssessmentStatus,
    AuditEntry,
    CommentReply,
    CommentTarget,
    OverrideReview,
    ReviewComment,
    SignOff,
)
from assistant.core.review.signoff import (
    STATUS_WORDS,
    blockers,
    content_digest,
    crossings,
    move_problem,
)

if TYPE_CHECKING:
    from assistant.core.model import AssessmentData
    from assistant.services.opening import OpenAssessment

M = TypeVar("M", bound=BaseModel)

TARGETS: tuple[CommentTarget, ...] = ("assessment", "criterion", "finding", "score", "turn")


class SignOffBlocked(AssessorError):
    """Sign-off refused: `blockers` holds one line per reason."""

    def __init__(self, assessment_id: str, found: list[str]) -> None:
        self.blockers = found
        super().__init__(
            f"cannot sign off {assessment_id}: {len(found)} blocker"
            f"{'s' if len(found) != 1 else ''} (or sign off with --accept-risk REASON)"
        )


def stamped(oa: OpenAssessment, model: type[M], **values: Any) -> M:
    """Return a new record with its id and times from the session's stamps (clock, ids)."""
    return model(**oa.session.stamps.fill(model, values))


def words(text: str) -> str:
    """Return text on one line with single spaces."""
    return " ".join(text.split())


def writable(oa: OpenAssessment, what: str) -> None:
    """Refuse (one line) when the assessment is open read-only."""
    if oa.read_only:
        raise AssessorError(f"assessment {oa.session.id} is open read-only; cannot {what}")


# ---------------------------------------------------------------- status


def set_status(oa: OpenAssessment, status: AssessmentStatus, why: str) -> None:
    """Move the assessment's status by hand (audited with who, when and why).

    Leaving signed-off lifts the sign-off, which stays on record as lifted.
    """
    writable(oa, "change its status")
    a = oa.data.assessment
    problem = move_problem(a.status, status)
    if problem:
        raise AssessorError(f"{a.id}: {problem}")
    why = words(why)
    if not why:
        raise AssessorError(f"{a.id}: say why the status changes (--why TEXT)")
    update: dict[str, object] = {"status": status}
    if a.sign_off is not None and a.sign_off.active:
        update["sign_off"] = a.sign_off.model_copy(
            update={
                "lifted_at": oa.session.stamps.clock(),
                "lifted_by": oa.session.who,
                "lifted_why": why,
            }
        )
    oa.session.update_assessment(a.model_copy(update=update), why=why)


def status_history(oa: OpenAssessment) -> list[AuditEntry]:
    """Return the audited status changes, oldest first."""
    return [
        e
        for e in oa.session.audit_log()
        if e.entity == "assessment" and e.field in ("status", "created")
    ]


# ---------------------------------------------------------------- comments


def _criterion(oa: OpenAssessment, ref: str) -> str:
    for crit in oa.bank.criteria():
        if crit.id.casefold() == ref.strip().casefold():
            return crit.id
    raise NotFoundError(f"no criterion '{ref}' in bank {oa.bank.id}")


def resolve_target(oa: OpenAssessment, spec: str) -> tuple[CommentTarget, str, str | None]:
    """Read what a comment is on: ``LRN.5``, ``score:LRN.5``, ``finding:ID``, ``turn:IV/N`` or
    ``assessment``; return (target, ref, criterion id). Unknown or deleted targets are refused."""
    spec = spec.strip()
    kind, sep, ref = spec.partition(":")
    if not sep:
        if spec.casefold() in ("", "assessment"):
            kind, ref = "assessment", oa.session.id
        elif "/" in spec:
            kind, ref = "turn", spec
        elif any(f.id == spec for f in oa.data.findings):
            kind, ref = "finding", spec
        else:
            kind, ref = "criterion", spec
    kind = kind.strip().casefold()
    ref = ref.strip()
    data = oa.data
    if kind == "assessment":
        return "assessment", oa.session.id, None
    if kind in ("criterion", "score"):
        cid = _criterion(oa, ref)
        return ("criterion" if kind == "criterion" else "score"), cid, cid
    if kind == "finding":
        finding = next((f for f in data.findings if f.id == ref), None)
        if finding is None or finding.removed:
            state = "was removed" if finding is not None else "does not exist"
            raise NotFoundError(f"finding '{ref}' {state} in {oa.session.id}; nothing saved")
        return "finding", ref, finding.criteria[0] if finding.criteria else None
    if kind == "turn":
        interview_id, _, number = ref.rpartition("/")
        try:
            turn = data.turn(ref)
        except KeyError:
            known = any(iv.id == interview_id for iv in data.interviews)
            why = (
                f"interview {interview_id} has no turn {number}"
                if known
                else f"no interview '{interview_id}' (deleted, damaged or never recorded)"
            )
            raise NotFoundError(
                f"no turn '{ref}' in {oa.session.id}: {why}; nothing saved"
            ) from None
        return "turn", turn.key, turn.criteria[0] if turn.criteria else None
    raise AssessorError(f"'{spec}': comment on one of {', '.join(TARGETS)} (e.g. turn:IV/3)")


def add_comment(
    oa: OpenAssessment, on: str, text: str, *, request_changes: bool = False
) -> ReviewComment:
    """Comment on the assessment, a criterion, a finding, a score or a turn.

    A comment that requests changes sends an assessment in review (or signed off) back to in
    progress, with the comment as the reason.
    """
    writable(oa, "comment")
    text = words(text)
    if not text:
        raise AssessorError(
            "a comment needs text" + (" (the reason for the changes)" if request_changes else "")
        )
    target, ref, criterion_id = resolve_target(oa, on)
    comment = oa.session.save_comment(
        stamped(
            oa,
            ReviewComment,
            target=target,
            ref=ref,
            criterion_id=criterion_id,
            author=oa.session.who,
            text=text,
            request_changes=request_changes,
        ),
        why="changes requested" if request_changes else "",
    )
    a = oa.data.assessment
    if request_changes and a.status in ("in-review", "signed-off"):
        set_status(oa, "in-progress", f"changes requested on {target} {ref}: {text}")
    return comment


def _comment(oa: OpenAssessment, comment_id: str) -> ReviewComment:
    for c in oa.data.comments:
        if c.id == comment_id.strip():
            return c
    known = ", ".join(c.id for c in oa.data.comments) or "none"
    raise NotFoundError(f"no comment '{comment_id}' in {oa.session.id} (comments: {known})")


def answer_comment(
    oa: OpenAssessment, comment_id: str, text: str, resolve: bool = False
) -> ReviewComment:
    """Answer a comment, or resolve it (with how); audited."""
    writable(oa, "answer a comment")
    old = _comment(oa, comment_id)
    text = words(text)
    if old.status == "resolved" and resolve:
        raise AssessorError(f"comment {old.id} is already resolved")
    if not text:
        raise AssessorError(
            f"comment {old.id}: say how it was " + ("resolved" if resolve else "answered")
        )
    action = "resolve" if resolve else "reply"
    status = "resolved" if resolve else ("answered" if old.status == "open" else old.status)
    new = old.model_copy(
        update={
            "replies": [
                *old.replies,
                stamped(oa, CommentReply, who=oa.session.who, text=text, action=action),
            ],
            "status": status,
        }
    )
    return oa.session.save_comment(new, why=text)


def reopen_comment(oa: OpenAssessment, comment_id: str, text: str) -> ReviewComment:
    """Reopen a resolved or answered comment (the reviewer is not satisfied)."""
    writable(oa, "reopen a comment")
    old = _comment(oa, comment_id)
    text = words(text) or "reopened"
    new = old.model_copy(
        update={
            "replies": [
                *old.replies,
                stamped(oa, CommentReply, who=oa.session.who, text=text, action="reopen"),
            ],
            "status": "open",
        }
    )
    return oa.session.save_comment(new, why=text)


def open_comments(data: AssessmentData, criterion_id: str | None = None) -> list[ReviewComment]:
    """Return the comments not yet resolved (on one criterion when given)."""
    return [
        c
        for c in data.comments
        if c.status != "resolved" and (criterion_id is None or c.criterion_id == criterion_id)
    ]


def mark_override_reviewed(oa: OpenAssessment, criterion_id: str, note: str = "") -> OverrideReview:
    """Mark that an override crossing the certification line was reviewed."""
    writable(oa, "mark an override reviewed")
    cid = _criterion(oa, criterion_id)
    found = next((c for c in crossings(oa.bank, oa.data) if c.criterion_id == cid), None)
    if found is None:
        raise AssessorError(f"{cid}: no override crossing the certification line to review")
    if found.reviewed:
        raise AssessorError(f"{cid}: the override to {found.score:g} is already marked reviewed")
    return oa.session.add_override_review(
        stamped(
            oa,
            OverrideReview,
            criterion_id=cid,
            score=found.score,
            suggested=found.suggested,
            by=oa.session.who,
            note=words(note),
        )
    )


def close_item(oa: OpenAssessment, item_id: str, resolution: str) -> None:
    """Close an open item (claim verified, document received, person asked), saying how."""
    writable(oa, "close an open item")
    resolution = words(resolution)
    item = next((i for i in oa.data.open_items if i.id == item_id.strip()), None)
    if item is None:
        known = ", ".join(i.id for i in oa.data.open_items if i.status == "open") or "none"
        raise NotFoundError(f"no open item '{item_id}' in {oa.session.id} (open: {known})")
    if item.status == "closed":
        raise AssessorError(f"open item {item.id} is already closed ({item.resolution})")
    if not resolution:
        raise AssessorError(f"open item {item.id}: say how it was resolved")
    oa.session.close_open_item(item.id, resolution)


# ---------------------------------------------------------------- sign-off


@dataclass(frozen=True)
class SignOffState:
    """Whether an assessment is signed off and whether its content still matches."""

    sign_off: SignOff | None
    digest: str

    @property
    def signed(self) -> bool:
        """True when a sign-off stands and the content still matches it."""
        return self.sign_off is not None and self.sign_off.active and self.matches

    @property
    def matches(self) -> bool:
        """True when the content digest equals the one signed."""
        return self.sign_off is not None and self.sign_off.content_sha256 == self.digest

    def describe(self) -> str:
        """Return one line on the sign-off: who, when, the digest, and whether it still holds."""
        s = self.sign_off
        if s is None:
            return "not signed off"
        head = f"signed off by {s.by} at {s.at:%Y-%m-%d %H:%M} UTC, sha256 {s.content_sha256}"
        if not s.active:
            return (
                f"sign-off lifted at {s.lifted_at:%Y-%m-%d %H:%M} UTC: {s.lifted_why} (was {head})"
            )
        if not self.matches:
            return f"{head}: CONTENT CHANGED since (now sha256 {self.digest})"
        return f"{head}: content verified"


def sign_off_state(data: AssessmentData) -> SignOffState:
    """Return the sign-off with the current content digest, for `check`, `show` and the report."""
    return SignOffState(data.assessment.sign_off, content_digest(data))


def sign_off(oa: OpenAssessment, accept_risk: str = "") -> SignOff:
    """Sign the assessment off as the session's user; SignOffBlocked lists what stands in the way.

    Only the lead assessor signs off (when one is named). `accept_risk` records an explicit
    exception: the blockers are kept in the sign-off with the reason.
    """
    writable(oa, "sign off")
    a = oa.data.assessment
    who = oa.session.who
    if not who:
        raise AssessorError(f"{a.id}: say who signs off (--as NAME)")
    if a.sign_off is not None and a.sign_off.active:
        raise AssessorError(
            f"{a.id}: already signed off by {a.sign_off.by} at {a.sign_off.at:%Y-%m-%d %H:%M} UTC; "
            "nothing changed"
        )
    if a.lead_assessor and who != a.lead_assessor:
        raise AssessorError(
            f"{a.id}: only the lead assessor ({a.lead_assessor}) signs off, not {who}"
        )
    if a.status == "planned":
        raise AssessorError(f"{a.id}: the assessment is still planned; nothing to sign off")
    found = blockers(oa.bank, oa.data)
    reason = words(accept_risk)
    if found and not reason:
        raise SignOffBlocked(a.id, found)
    record = stamped(
        oa,
        SignOff,
        by=who,
        content_sha256=content_digest(oa.data),
        accepted_risks=found,
        risk_reason=reason if found else "",
    )
    why = "signed off" + (f"; risks accepted: {reason}" if found else "")
    oa.session.update_assessment(
        a.model_copy(update={"status": "signed-off", "sign_off": record}), why=why
    )
    return record


def status_words(status: str) -> str:
    """Return a status as people say it ("in review")."""
    return STATUS_WORDS.get(status, status)
