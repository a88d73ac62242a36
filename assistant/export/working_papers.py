"""Provides the working papers export: the assessment team's internal annex, in Markdown.

Never part of the client report: follow-ups, commentary and findings that fail the lint, score
overrides with their reasons, the recommendation as the rule derives it, and the key from the
report's references back to internal ids. Written by ``assessor report ID --working-papers``.
"""

from __future__ import annotations

from assistant.core.report.papers import WorkingPapers
from assistant.core.report.recommendation import outcome_label
from assistant.export.mdtext import CELL_LIMIT, DASH, esc, score, table


def to_working_papers(papers: WorkingPapers, organisation: str, assessment_id: str) -> str:
    """Return the working papers as a Markdown document."""
    out = [
        f"# Working papers: {esc(organisation, 300)}",
        f"*Internal to the assessment team; not part of the client report.* Assessment "
        f"{esc(assessment_id, 80)}.",
        "## 1. Before sign-off",
    ]
    rec = papers.recommendation
    out.append(
        f"**Recommendation by the rule:** {esc(outcome_label(rec.derived, rec.certifying))}."
        + (
            f" **Lead assessor's:** {esc(rec.label)} ({esc(rec.decided_by)}: "
            f"{esc(rec.decision_reason, CELL_LIMIT)})."
            if rec.decided_by
            else ""
        )
    )
    out.append("### Commentary to write or fix")
    out.append(
        "\n".join(f"- **{esc(i.criterion_id)}** {esc(i.problem)}" for i in papers.commentary)
        or "None: every criterion has commentary that passes the lint."
    )
    out.append("### Findings that fail the lint")
    out.append(
        "\n".join(
            f"- **{esc(f.finding_id, 80)}** ({esc(f.kind)}; {esc(', '.join(f.criteria))}): "
            + "; ".join(esc(p) for p in f.problems)
            + f"  \n  *{esc(f.text, 300)}*"
            for f in papers.findings
        )
        or "None."
    )
    out.append("## 2. Follow-ups for the assessment team")
    out.append(
        "\n".join(
            f"- [ ] {esc(f.text, CELL_LIMIT)} ({esc(f.kind)}; "
            f"{esc(', '.join(f.criteria)) or DASH}; {esc(f.source, 80)})"
            for f in papers.follow_ups
        )
        or "None open."
    )
    out.append("## 3. Scores set against the suggestion")
    out.append(
        table(
            ["Criterion", "Score", "Suggested", "Reason", "Assessor"],
            (
                [
                    esc(o.criterion_id),
                    score(o.score),
                    score(o.suggested),
                    esc(o.reason, CELL_LIMIT),
                    esc(o.assessor, 200) or DASH,
                ]
                for o in papers.overrides
            ),
            "lrrll",
        )
        if papers.overrides
        else "None: every decided score follows its suggestion."
    )
    out.append("## 4. Key to the report's references")
    if papers.evidence_key:
        out.append(
            table(
                ["Report", "Internal id", "Evidence"],
                ([esc(a), esc(b, 80), esc(c, 300)] for a, b, c in papers.evidence_key),
            )
        )
    if papers.interview_key:
        out.append(
            table(
                ["Interview", "Internal id", "Interviewees"],
                ([esc(a), esc(b, 80), esc(c, 200)] for a, b, c in papers.interview_key),
            )
        )
    return "\n\n".join(out).rstrip() + "\n"
