"""Provides the working papers: what the assessment team needs and the client report leaves out.

The team's own follow-ups (open items, claims to verify, single-source criteria), the lint of
every criterion's commentary and every finding (DOMAIN.md §5 F19), the score decisions that
departed from the suggestion and why, and the key from the client report's references (E3,
interview 2) back to the internal ids. Exported by `assistant.export.working_papers`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.core.bank.model import Bank
from assistant.core.model import AssessmentData
from assistant.core.report.advice import FollowUp, follow_ups, is_assessor_work
from assistant.core.report.commentary import CommentaryIssue, commentary_blockers, lint_text
from assistant.core.report.findings import compose_findings
from assistant.core.report.method import evidence_register, interview_order
from assistant.core.report.recommendation import Recommendation, recommend

__all__ = ["FindingIssue", "Override", "WorkingPapers", "working_papers"]


@dataclass(frozen=True)
class FindingIssue:
    """A finding that fails the lint, and why."""

    finding_id: str
    kind: str
    criteria: tuple[str, ...]
    problems: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Override:
    """A decided score that differs from the suggestion it was made against."""

    criterion_id: str
    score: float | None
    suggested: float | None
    reason: str
    assessor: str


@dataclass(frozen=True)
class WorkingPapers:
    """Everything in the internal annex."""

    follow_ups: list[FollowUp]
    commentary: list[CommentaryIssue]
    findings: list[FindingIssue]
    overrides: list[Override]
    recommendation: Recommendation
    evidence_key: list[tuple[str, str, str]] = field(default_factory=list)
    """(client reference, internal id, title) per evidence item."""
    interview_key: list[tuple[str, str, str]] = field(default_factory=list)
    """(client number, internal id, role codes) per interview."""


def working_papers(bank: Bank, data: AssessmentData) -> WorkingPapers:
    """Gather the working papers of an assessment."""
    findings = compose_findings(bank, data)
    titles: dict[str, list[str]] = {}
    for e in data.evidence:
        for cid in e.criteria:
            titles.setdefault(cid, []).append(e.title)
    issues = []
    for f in findings:
        if is_assessor_work(f):
            continue
        crit = None
        if len(f.criteria) == 1:
            try:
                crit = bank.criterion(f.criteria[0])
            except KeyError:
                crit = None
        problems = lint_text(
            f.text,
            bank,
            crit,
            evidence_titles=[t for c in f.criteria for t in titles.get(c, [])],
            cited=bool(f.evidence_ids or f.turn_keys),
            actionable=f.kind != "strength",
        )
        if problems:
            issues.append(FindingIssue(f.id, f.kind, tuple(f.criteria), tuple(problems), f.text))
    overrides = [
        Override(
            s.criterion_id,
            s.score,
            s.suggestion.score if s.suggestion else None,
            s.override_reason,
            s.assessor,
        )
        for s in data.current_scores().values()
        if s.score is not None and not s.accepted_suggestion and s.override_reason
    ]
    people = {p.id: p.code for p in data.interviewees}
    interviews = interview_order(data)
    return WorkingPapers(
        follow_ups=follow_ups(data, findings),
        commentary=commentary_blockers(bank, data),
        findings=issues,
        overrides=sorted(overrides, key=lambda o: o.criterion_id),
        recommendation=recommend(bank, data),
        evidence_key=[
            (f"E{i}", e.id, e.title) for i, e in enumerate(evidence_register(bank, data), 1)
        ],
        interview_key=[
            (str(i), iv.id, "/".join(people.get(p, "?") for p in iv.interviewee_ids))
            for i, iv in enumerate(interviews, 1)
        ],
    )
