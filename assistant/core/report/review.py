"""Provides the report's review parts: draft or signed, the sign-off block, and the annex of
individual scores behind each consensus score.

A report is final only while a sign-off stands and the content still hashes to what was
signed; otherwise it is a draft and says why when a sign-off was lifted.
"""

from __future__ import annotations

from assistant.core.bank.model import Bank
from assistant.core.model import AssessmentData
from assistant.core.report.model import (
    IndividualScoreRow,
    Report,
    ReviewCommentRow,
    SignOffInfo,
)
from assistant.core.review.signoff import content_digest


def add_review(report: Report, bank: Bank, data: AssessmentData) -> Report:
    """Return the report with its draft mark, sign-off block, annex and open comments.

    The annex lists the criteria that more than one assessor scored and the team agreed on.
    """
    signed = data.assessment.sign_off
    info: SignOffInfo | None = None
    note = ""
    if signed is not None and signed.active:
        if content_digest(data) == signed.content_sha256:
            info = SignOffInfo(
                by=signed.by,
                at=signed.at,
                content_sha256=signed.content_sha256,
                accepted_risks=list(signed.accepted_risks),
                risk_reason=signed.risk_reason,
            )
        else:
            note = (
                f"Signed off by {signed.by} on {signed.at:%Y-%m-%d}, but the content changed "
                "since: this is a draft until it is signed off again."
            )
    elif signed is not None:
        when = f"{signed.lifted_at:%Y-%m-%d}" if signed.lifted_at else "later"
        note = (
            f"Signed off by {signed.by} on {signed.at:%Y-%m-%d}; the sign-off was lifted on "
            f"{when} ({signed.lifted_why}). This is a draft until it is signed off again."
        )
    cover = report.cover.model_copy(
        update={"draft": info is None, "sign_off": info, "sign_off_note": note}
    )
    titles = {c.id: c.title for c in bank.criteria()}
    order = {cid: i for i, cid in enumerate(titles)}
    agreed = {c.criterion_id: c for c in data.consensus}
    raters: dict[str, int] = {}
    for s in data.scores:
        raters[s.criterion_id] = raters.get(s.criterion_id, 0) + 1
    annex = [
        IndividualScoreRow(
            criterion_id=s.criterion_id,
            title=titles.get(s.criterion_id, s.criterion_id),
            assessor=s.assessor or "-",
            score=s.score,
            band=bank.scale.band_for(s.score).label if s.score is not None else None,
            comment=s.comment,
            consensus=agreed[s.criterion_id].score,
            rationale=agreed[s.criterion_id].rationale,
        )
        for s in sorted(
            data.scores, key=lambda s: (order.get(s.criterion_id, len(order)), s.assessor)
        )
        if s.criterion_id in agreed and raters[s.criterion_id] > 1
    ]
    comments = [
        ReviewCommentRow(
            id=c.id,
            target=c.target,
            ref=c.ref,
            author=c.author,
            text=c.text,
            request_changes=c.request_changes,
        )
        for c in data.comments
        if c.status != "resolved"
    ]
    return report.model_copy(
        update={"cover": cover, "individual_scores": annex, "open_comments": comments}
    )
