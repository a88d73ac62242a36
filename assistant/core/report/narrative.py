"""Provides the executive narrative: an opening paragraph and one per perspective or section.

Each paragraph is drafted from the scores and findings (where the group stands, its strongest
and weakest criteria, what is recorded about it) and the assessor may replace any of them with
their own words (`Assessment.report.narrative`, keyed by group id, "" for the opening). The
report marks which paragraphs are still drafts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.core.bank.model import Bank
from assistant.core.model import AssessmentData, Finding
from assistant.core.scoring.rollup import Readiness, Rollup

__all__ = ["OPENING", "Paragraph", "draft_narrative"]

OPENING = ""
"""The key of the opening paragraph among the narrative's group ids."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the executive narrative."""

    key: str
    title: str
    text: str
    drafted: bool


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _opening(bank: Bank, data: AssessmentData, roll: Rollup, ready: Readiness) -> str:
    org = data.assessment.organisation
    if roll.overall is None:
        return (
            f"No criterion of {org}'s assessment has been scored yet, so there is no overall "
            "reading; the sections below show what has been recorded so far."
        )
    band = roll.overall_band.label if roll.overall_band else ""
    ranked = sorted(
        (g for g in roll.groups if g.score is not None), key=lambda g: (-(g.score or 0), g.title)
    )
    text = (
        f"{org} reaches {band} overall ({roll.overall:.1f} of {bank.scale.max:g}, from "
        f"{roll.scored} of {roll.total} criteria scored)."
    )
    if len(ranked) >= 2:
        text += (
            f" It is strongest in {ranked[0].title} ({ranked[0].score:.1f}) and weakest in "
            f"{ranked[-1].title} ({ranked[-1].score:.1f})."
        )
    below = [b for b in ready.blockers if "not scored" not in b.reason]
    if below:
        text += (
            " "
            + _n(len(below), "mandatory criterion is", "mandatory criteria are")
            + " below the certification line ("
            + ", ".join(f"{b.criterion_id} {b.title}" for b in below)
            + "), which decides the recommendation."
        )
    elif ready.ready:
        text += " Every mandatory criterion meets the certification line."
    return text


def _group(bank: Bank, roll: Rollup, group_id: str, findings: Sequence[Finding]) -> str:
    g = next(x for x in roll.groups if x.group_id == group_id)
    crits = [c for c in roll.criteria if c.group_id == group_id and c.score is not None]
    if g.score is None or not crits:
        return (
            f"No criterion in {g.title} has been scored yet ({g.total} to assess), so this "
            f"{bank.group_label.lower()} has no reading."
        )
    text = (
        f"{g.title} stands at {g.score:.1f} ({g.band.label if g.band else ''}), from "
        f"{g.scored} of {g.total} criteria."
    )
    top = max(crits, key=lambda c: (c.score or 0, c.criterion_id))
    low = min(crits, key=lambda c: (c.score or 0, c.criterion_id))
    if top.score != low.score:
        text += (
            f" The strongest is {top.criterion_id} {top.title} ({top.score:g}); the weakest is "
            f"{low.criterion_id} {low.title} ({low.score:g})."
        )
    ids = {c.criterion_id for c in roll.criteria if c.group_id == group_id}
    mine = [f for f in findings if set(f.criteria) & ids]
    kinds = {k: sum(1 for f in mine if f.kind == k) for k in ("strength", "risk", "opportunity")}
    counts = [
        _n(kinds["strength"], "strength", "strengths"),
        _n(kinds["risk"], "risk", "risks"),
        _n(kinds["opportunity"], "opportunity", "opportunities"),
    ]
    text += f" The findings record {', '.join(counts[:2])} and {counts[2]} here."
    return text


def draft_narrative(
    bank: Bank,
    data: AssessmentData,
    roll: Rollup,
    ready: Readiness,
    findings: Sequence[Finding],
) -> list[Paragraph]:
    """Return the opening paragraph and one per group: the assessor's text, else a draft."""
    own = data.assessment.report.narrative

    def para(key: str, title: str, draft: str) -> Paragraph:
        text = " ".join(own.get(key, "").split())
        return Paragraph(key, title, text or draft, drafted=not text)

    out = [para(OPENING, "Overview", _opening(bank, data, roll, ready))]
    out += [para(g.id, g.title, _group(bank, roll, g.id, findings)) for g in bank.groups]
    return out
