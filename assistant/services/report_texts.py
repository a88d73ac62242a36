"""Provides the report texts an assessor writes, as use cases both front ends and the CLI call.

* `make_profile`: the organisation profile from what a setup form or flags give.
* `set_commentary` / `accept_draft`: a criterion's commentary, typed or the app's draft accepted.
* `set_recommendation`: the lead assessor's own recommendation, with a reason.
* `set_narrative`: an executive-narrative paragraph in the assessor's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assistant.core.errors import AssessorError
from assistant.core.model import CriterionScore, Outcome, Profile, RecommendationDecision

if TYPE_CHECKING:
    from assistant.services.opening import OpenAssessment

__all__ = [
    "accept_draft",
    "make_profile",
    "set_commentary",
    "set_narrative",
    "set_recommendation",
    "split_list",
]

TEXT_LIMIT = 4_000
"""Characters kept of a commentary or narrative paragraph (a paragraph, not a document)."""


def split_list(text: str) -> list[str]:
    """Return the comma-separated items in `text`, trimmed, blanks left out."""
    return [part.strip() for part in text.split(",") if part.strip()]


def make_profile(
    sector: str = "",
    size: str = "",
    sites: str = "",
    channels: Sequence[str] | str = (),
    customer_groups: Sequence[str] | str = (),
) -> Profile:
    """Return an organisation profile; list fields take a sequence or comma-separated text."""

    def items(value: Sequence[str] | str) -> list[str]:
        raw = split_list(value) if isinstance(value, str) else list(value)
        return [" ".join(v.split())[:200] for v in raw if v.strip()][:20]

    return Profile(
        sector=" ".join(sector.split())[:200],
        size=" ".join(size.split())[:200],
        sites=" ".join(sites.split())[:500],
        channels=items(channels),
        customer_groups=items(customer_groups),
    )


def _criterion(opened: OpenAssessment, criterion_id: str) -> str:
    try:
        return opened.bank.criterion(criterion_id.strip()).id
    except KeyError:
        raise AssessorError(
            f"criterion: no '{criterion_id}' in bank {opened.bank.id} "
            f"(known: {', '.join(c.id for c in opened.bank.criteria()[:6])} …)"
        ) from None


def set_commentary(opened: OpenAssessment, criterion_id: str, text: str) -> CriterionScore:
    """Save the assessor's commentary on a criterion (keeping their score, if any)."""
    cid = _criterion(opened, criterion_id)
    clean = " ".join(text.split())[:TEXT_LIMIT]
    if not clean:
        raise AssessorError("commentary: must not be empty")
    who = opened.session.who
    data = opened.data
    mine = [s for s in data.scores if s.criterion_id == cid and s.assessor == who]
    base = (
        max(mine, key=lambda s: s.decided_at)
        if mine
        else CriterionScore(criterion_id=cid, assessor=who)
    )
    return opened.session.set_score(base.model_copy(update={"comment": clean}), why="commentary")


def accept_draft(opened: OpenAssessment, criterion_id: str) -> CriterionScore:
    """Save the app's drafted commentary on a criterion as the assessor's own."""
    from assistant.core.report.commentary import draft_commentary

    cid = _criterion(opened, criterion_id)
    return set_commentary(opened, cid, draft_commentary(opened.bank, opened.data, cid))


def set_recommendation(
    opened: OpenAssessment, outcome: Outcome, reason: str, conditions: Sequence[str] = ()
) -> RecommendationDecision:
    """Record the lead assessor's recommendation; only the lead may, and a reason is required."""
    a = opened.data.assessment
    who = opened.session.who
    if a.lead_assessor and who != a.lead_assessor:
        raise AssessorError(
            f"recommendation: only the lead assessor ({a.lead_assessor}) may set it, not {who}"
        )
    why = " ".join(reason.split())
    if len(why) < 10:
        raise AssessorError("reason: say why, in a sentence (at least 10 characters)")
    decision = RecommendationDecision(
        outcome=outcome,
        reason=why[:TEXT_LIMIT],
        conditions=[" ".join(c.split())[:TEXT_LIMIT] for c in conditions if c.strip()],
        who=who,
    )
    report = a.report.model_copy(update={"recommendation": decision})
    opened.session.update_assessment(a.model_copy(update={"report": report}), why="recommendation")
    return decision


def set_narrative(opened: OpenAssessment, key: str, text: str) -> None:
    """Save an executive-narrative paragraph: `key` is a group id, or "" for the overview.

    Empty text goes back to the drafted paragraph.
    """
    groups = {g.id for g in opened.bank.groups}
    if key and key not in groups:
        raise AssessorError(
            f"narrative: no {opened.bank.group_label.lower()} '{key}' in bank "
            f"{opened.bank.id} (known: overview, {', '.join(sorted(groups))})"
        )
    a = opened.data.assessment
    narrative = dict(a.report.narrative)
    clean = " ".join(text.split())[:TEXT_LIMIT]
    if clean:
        narrative[key] = clean
    else:
        narrative.pop(key, None)
    report = a.report.model_copy(update={"narrative": narrative})
    opened.session.update_assessment(a.model_copy(update={"report": report}), why="narrative")
