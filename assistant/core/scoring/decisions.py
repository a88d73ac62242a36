"""Provides the rules for an assessor's decision on a criterion: accept or override a suggestion.

The interview engine's `/score` and the Scores screen both decide through here, so a score is
always on the bank's scale and step, and a score that departs from the suggestion always
carries the assessor's reason (docs/ASSESSMENT.md §6: the override reason is the audit trail against
automation bias).
"""

from __future__ import annotations

from datetime import datetime

from assistant.core.bank.model import Bank, Scale
from assistant.core.errors import AssessorError
from assistant.core.model import CriterionScore, Suggestion, now


class DecisionError(AssessorError):
    """A decision that cannot be recorded as given: off the scale, or a missing reason."""


def parse_score(scale: Scale, text: str) -> float:
    """Read a score as typed ("4", "4.5", "4,5"); DecisionError when it is not on the scale."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise DecisionError(f"'{text.strip()}' is not a number") from None
    return check_score(scale, value)


def check_score(scale: Scale, value: float) -> float:
    """Return the score when it lies on the scale and its step; DecisionError otherwise."""
    if not scale.min <= value <= scale.max:
        raise DecisionError(f"a score goes from {scale.min:g} to {scale.max:g}")
    steps = (value - scale.min) / scale.step
    if abs(steps - round(steps)) > 1e-9:
        raise DecisionError(f"scores go in steps of {scale.step:g}")
    return value


def needs_reason(suggestion: Suggestion | None, score: float) -> bool:
    """True when a score differs from the suggestion, so the override needs a reason."""
    return suggestion is not None and score != suggestion.score


def decide(
    bank: Bank,
    criterion_id: str,
    *,
    assessor: str,
    suggestion: Suggestion | None,
    score: float | None = None,
    reason: str = "",
    comment: str = "",
    at: datetime | None = None,
) -> CriterionScore:
    """Return the decision: accept the suggestion (no score given) or set a score of one's own.

    Raises DecisionError when there is nothing to accept, the score is off the scale, or it
    differs from the suggestion without a reason.
    """
    reason = " ".join(reason.split())
    if score is None:
        if suggestion is None:
            raise DecisionError(f"no suggestion yet for {criterion_id}: give a score")
        score = suggestion.score
    else:
        check_score(bank.scale, score)
        if needs_reason(suggestion, score) and not reason:
            assert suggestion is not None
            raise DecisionError(
                f"{score:g} differs from the suggested {suggestion.score:g}: give a reason"
            )
    accepted = suggestion is not None and not needs_reason(suggestion, score)
    return CriterionScore(
        criterion_id=criterion_id,
        assessor=assessor,
        score=score,
        band=bank.scale.band_for(score).id,
        comment=comment,
        suggestion=suggestion,
        accepted_suggestion=accepted,
        override_reason="" if accepted else reason,
        decided_at=at or now(),
    )
