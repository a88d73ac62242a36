"""Provides what the report advises, split by audience: the client's recommendations, and the
assessment team's own follow-ups, which never appear in the client report.

* **Client recommendations** come from the risks and opportunities: what to do (the finding's
  next step), why (the criterion, its score and the rule that raised it), a suggested owner (the
  department of the leads who spoke to the criterion), a horizon and a priority.
* **Assessor follow-ups** are the team's own to-dos: open items (claims to verify, documents to
  chase, people to ask), and findings about the assessment's own evidence ("claims not verified",
  "single source") whose next step is the assessor's ("ask for … before the report is final").
  They go to the working papers (`assistant.export.working_papers`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.core.bank.model import Bank
from assistant.core.evidence.sources import SourceIndex
from assistant.core.model import AssessmentData, Finding
from assistant.core.report.commentary import what_would_lift

__all__ = [
    "ASSESSOR_RULES",
    "ClientAdvice",
    "FollowUp",
    "client_advice",
    "finding_rule",
    "follow_ups",
    "is_assessor_work",
]

NEXT_STEP = "Next step:"
ASSESSOR_RULES = frozenset({"claim", "single"})
"""Drafting rules whose findings are about the assessment's evidence, not the client's practice."""
_ASSESSOR_STEP = re.compile(
    r"before the report is final|\bask (?:for|[LKS]\d+)\b|\bre-?interview\b|\bcorroborate it\b"
    r"|\brecord what it shows\b|\bthe assessor\b",
    re.IGNORECASE,
)
HORIZON = {
    1: "before certification is recommended",
    2: "within six months",
    3: "within the next planning cycle",
}
PRIORITY = {1: "High", 2: "Medium", 3: "Low"}


def finding_rule(f: Finding) -> str:
    """Return the drafting rule behind a finding (from its stable id), or "" for the assessor's."""
    parts = f.id.split("-")
    return parts[2] if f.drafted and len(parts) >= 3 and parts[0] == "d" else ""


def next_step(text: str) -> tuple[str, str]:
    """Split a finding's text into what was found and its next step ("" when it has none)."""
    said, _, step = text.partition(NEXT_STEP)
    return said.strip(), " ".join(step.split())


def is_assessor_work(f: Finding) -> bool:
    """True when a finding is the assessment team's own to-do rather than advice to the client."""
    if finding_rule(f) in ASSESSOR_RULES:
        return True
    return bool(_ASSESSOR_STEP.search(next_step(f.text)[1]))


@dataclass(frozen=True)
class ClientAdvice:
    """One prioritised recommendation to the organisation."""

    priority: int
    what: str
    why: str
    owner: str
    horizon: str
    criteria: tuple[str, ...]
    finding_id: str


@dataclass(frozen=True)
class FollowUp:
    """One item of the assessment team's own work before the report is final."""

    kind: str
    text: str
    criteria: tuple[str, ...]
    source: str
    """Where it came from: an open item's id, or a finding's id."""


def _owner(bank: Bank, data: AssessmentData, index: SourceIndex, criteria: Sequence[str]) -> str:
    depts: list[str] = []
    for cid in criteria:
        for t in index.for_criterion(cid).turns:
            if t.role != "lead":
                continue
            who = data.speaker_of(t.turn)
            if who is not None and who.department.strip():
                depts.append(f"{who.department.strip()} lead ({who.code})")
    if depts:
        return ", ".join(dict.fromkeys(depts[:2]))
    return "Senior leadership team"


def _why(bank: Bank, data: AssessmentData, f: Finding, rule: str) -> str:
    said, _ = next_step(f.text)
    scores = data.current_scores()
    parts = []
    for cid in f.criteria[:3]:
        try:
            crit = bank.criterion(cid)
        except KeyError:
            continue
        s = scores.get(cid)
        details = ["mandatory"] if crit.mandatory else []
        if s is not None and s.score is not None:
            details.append(f"{s.score:g}/{bank.scale.max:g} {bank.scale.band_for(s.score).label}")
        parts.append(f"{cid} {crit.title}" + (f" ({', '.join(details)})" if details else ""))
    head = "; ".join(parts)
    reason = {
        "blocker": "a mandatory criterion below the certification line",
        "gap": "what staff describe differs from what leads describe",
        "lift": "within reach of the next band",
    }.get(rule, "")
    if not reason:
        reason = said.split(". ")[0][:200]
    return f"{head}: {reason}" if head else reason


def client_advice(
    bank: Bank,
    data: AssessmentData,
    findings: Sequence[Finding],
    index: SourceIndex | None = None,
) -> list[ClientAdvice]:
    """Return the client's recommendations, most urgent first, one per risk or opportunity.

    Order: certification blockers, then other risks, then opportunities; mandatory criteria
    first within each, then the findings' own order.
    """
    index = index or SourceIndex(bank, data)
    out: list[ClientAdvice] = []
    ranked: list[tuple[int, bool, int]] = []
    for f in findings:
        if f.kind == "strength" or is_assessor_work(f):
            continue
        _, step = next_step(f.text)
        if not step:
            continue
        rule = finding_rule(f)
        decided = data.current_scores().get(f.criteria[0]) if len(f.criteria) == 1 else None
        if rule == "lift" and decided is not None and decided.score is not None:
            step = what_would_lift(bank, data, f.criteria[0], decided.score, index)
        step = step[:1].upper() + step[1:]
        mandatory = any(c.mandatory for c in bank.criteria() if c.id in f.criteria)
        priority = 1 if rule == "blocker" else (2 if f.kind == "risk" else 3)
        ranked.append((priority, not mandatory, len(ranked)))
        out.append(
            ClientAdvice(
                priority=priority,
                what=step,
                why=_why(bank, data, f, rule),
                owner=_owner(bank, data, index, f.criteria),
                horizon=HORIZON[priority],
                criteria=tuple(f.criteria),
                finding_id=f.id,
            )
        )
    order = sorted(range(len(out)), key=lambda i: ranked[i])
    return [out[i] for i in order]


def follow_ups(data: AssessmentData, findings: Sequence[Finding]) -> list[FollowUp]:
    """Return the assessment team's own follow-ups: open items, then evidence findings."""
    out = [
        FollowUp(o.kind, " ".join(o.text.split()), tuple(o.criteria), o.id)
        for o in data.open_items
        if o.status == "open"
    ]
    for f in findings:
        if f.kind != "strength" and is_assessor_work(f):
            said, step = next_step(f.text)
            out.append(FollowUp("evidence", step or said, tuple(f.criteria), f.id))
    return out
