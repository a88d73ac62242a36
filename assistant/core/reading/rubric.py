"""Provides the rubric's boundary rules, applied after the trained reading (SCORING_RUBRIC.md).

The trained weights learn from labelled passages; a few of the rubric's boundary cases are
rare in any labelled set but plain to an assessor, so they are written down here and applied
to the weights' verdict, each with the sentence an assessor would use to explain it:

- an outcome achieved by a sustained loop is Integration, even told in few words;
- a culture claim with nothing checkable is Intention at most;
- admitted non-use pulls the passage down to what is in place: measures nobody uses are
  Implementation 3 at most, a policy nobody uses is Intention;
- a pilot that is not yet the practice for everyone is Implementation 3 at most;
- a plan to review or extend a practice that exists now is judged by that practice;
- "we will" for a service standard in force describes practice, not a plan;
- data used for changes as a routine is a routine loop (Integration 7);
- money and figures reported as results are not plans.

Each rule names the cue kinds it rests on, so the reason can quote the words behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.bank.model import Signal

CHECKABLE = (
    "practice",
    "partial",
    "routine",
    "measure",
    "figure",
    "record",
    "example",
    "in_force",
    "result",
    "change",
    "outcome",
    "data_change",
    "governance",
    "standard_will",
    "in_place_now",
    "review_existing",
    "money_result",
)
"""Cue kinds that name something an assessor could check."""


@dataclass(frozen=True)
class Ruling:
    """The level and score after the rubric's rules, and the rule that moved them, if any."""

    signal: Signal
    score: float
    rule: str = ""
    kinds: tuple[str, ...] = ()


def _above_three(signal: Signal, score: float) -> bool:
    return signal == "improvement" or signal == "practice" and score > 3


def apply(signal: Signal, score: float, counts: dict[str, int]) -> Ruling:
    """Return the level and 0-10 score the rubric allows for a trained verdict and its cues."""
    has = counts.get
    loop = [k for k in ("sustained", "data_change", "orgwide", "routine") if has(k)]
    if has("outcome") and loop and signal != "improvement":
        return Ruling(
            "improvement",
            max(score, 7.0 if has("sustained") else 6.0),
            "an outcome achieved by a sustained or data-led loop is Integration",
            ("outcome", *loop),
        )
    if has("culture_claim") and not any(has(k) for k in CHECKABLE) and signal != "plan":
        return Ruling(
            "plan",
            1.0,
            "a culture claim with nothing checkable is Intention at most",
            ("culture_claim",),
        )
    if (has("non_use") or has("unused")) and signal != "plan":
        measured = any(has(k) for k in ("measure", "figure", "governance"))
        if not measured or _above_three(signal, score):
            return Ruling(
                "practice" if measured else "plan",
                3.0 if measured else min(score, 2.0),
                "admitted non-use pulls the passage down to what is really in place",
                ("non_use", "unused"),
            )
    pilot = has("pilot") and not has("orgwide") and not has("outcome")
    if pilot and _above_three(signal, score):
        return Ruling(
            "practice",
            3.0,
            "a pilot is at most Implementation 3 until it is the practice for everyone",
            ("pilot",),
        )
    planned = any(has(k) for k in ("plan", "planned", "future"))
    if has("review_existing") and planned and signal != "practice" and not has("outcome"):
        return Ruling(
            "practice",
            4.0,
            "a plan to review or extend a practice is judged by the practice that exists now",
            ("review_existing",),
        )
    if has("standard_will") and signal == "plan":
        return Ruling(
            "practice",
            4.0,
            "'we will' for a service standard in force describes practice, not a plan",
            ("standard_will",),
        )
    if has("data_change") and (has("sustained") or has("routine")) and signal == "practice":
        return Ruling(
            "improvement",
            max(score, 7.0),
            "data used for changes as a routine is a routine improvement loop",
            ("data_change",),
        )
    if has("money_result") and signal == "plan":
        return Ruling(
            "improvement",
            6.0,
            "money reported as a result is not a plan",
            ("money_result",),
        )
    return Ruling(signal, score)
