"""Provides the Markdown export of a report, and the parts the HTML export renders from it.

Every piece of user text goes through `esc` (see `assistant.export.mdtext`), so a note can never
open a link, an image, a heading or a tag; only the structure written here is Markdown. The later
sections (method, history, appendices) are in `assistant.export.markdown_sections`.
"""

from __future__ import annotations

from assistant.core.report.model import FindingRow, Report
from assistant.export import markdown_sections as later
from assistant.export.mdtext import (
    CELL_LIMIT,
    DASH,
    TEXT_LIMIT,
    Part,
    date_text,
    esc,
    num,
    plain,
    score,
    table,
)

# The text helpers are re-exported: the transcript export and others import them from here.
__all__ = [
    "CELL_LIMIT",
    "DASH",
    "TEXT_LIMIT",
    "Part",
    "esc",
    "num",
    "plain",
    "report_parts",
    "score",
    "table",
    "to_markdown",
]


def _cover(r: Report) -> str:
    c = r.cover
    dates = date_text(c.start_date) + (f" to {c.end_date}" if c.end_date else "")
    sampled = [s for s in c.sites if s.sampled]
    sites = "; ".join(
        f"{esc(s.name, 200)}" + (f" ({esc(s.reason, 300)})" if s.reason else "") for s in sampled
    ) or ("withheld (redacted report)" if c.redacted else DASH)
    rows = [
        ["Organisation", esc(c.organisation, 300)],
        ["Assessment", f"{esc(c.assessment_type)} ({esc(c.assessment_id, 80)}), {esc(c.status)}"],
        ["Dates", dates],
        ["Report date", str(c.report_date)],
        ["Scope", esc(c.scope_unit, 500)],
        ["Sites sampled", sites],
        ["Assessors", esc(", ".join(c.assessors), 500) or DASH],
        ["Lead assessor", esc(c.lead_assessor or DASH, 200)],
        [
            "Question bank",
            f"{esc(c.bank_title)} - id {esc(c.bank_id)}, {esc(c.standard)} "
            f"{esc(c.edition)}, version {esc(c.bank_version)}",
        ],
    ]
    if c.sampling_rationale:
        rows.append(["Sampling", esc(c.sampling_rationale, CELL_LIMIT)])
    head = f"# {esc(c.title)}: {esc(c.organisation, 300)}\n\n"
    note = (
        "\n\n*Redacted edition: departments and sites are withheld; people appear by role "
        "code only.*"
        if c.redacted
        else "\n\n*People appear by role code only (L lead, "
        "K key stakeholder, S service-team staff).*"
    )
    return head + table(["", ""], rows) + note


def _summary(r: Report) -> str:
    s, sc = r.summary, r.scale
    label = r.cover.group_label
    if s.overall is None:
        headline = "**Overall indicative score: not available - no criterion has been scored.**"
    else:
        headline = (
            f"**Overall indicative score: {num(s.overall)} / {sc.max:g} "
            f"({num(s.overall_percent, 0)} %), {esc(s.overall_band)}** "
            f"- from {s.scored} of {s.total} criteria scored."
        )
    out = ["## 1. Executive summary", headline, f"*How it is calculated:* {esc(s.aggregation)}"]
    out.append(
        table(
            [esc(label), "Score", "%", "Band", "Criteria scored"],
            (
                [
                    f"{esc(g.id)} {esc(g.title)}",
                    num(g.score),
                    num(g.percent, 0),
                    esc(g.band or DASH),
                    f"{g.scored} of {g.total}",
                ]
                for g in s.groups
            ),
            "lrrll",
        )
    )
    return "\n\n".join(out)


def _readiness(r: Report) -> str:
    s = r.summary
    if s.ready:
        text = f"**Certification readiness: no blockers.** {esc(s.readiness_rule)}"
        return text
    lines = [
        f"**Certification readiness: {len(s.blockers)} blocker"
        f"{'s' if len(s.blockers) != 1 else ''}.** {esc(s.readiness_rule)}",
        "",
    ]
    lines += [f"- **{esc(b.criterion_id)} {esc(b.title)}** - {esc(b.reason)}" for b in s.blockers]
    return "\n".join(lines)


def _counts(r: Report) -> str:
    s = r.summary
    out = [
        f"The assessment records **{s.strengths} strength{'s' if s.strengths != 1 else ''}**, "
        f"**{s.risks} risk{'s' if s.risks != 1 else ''}** and **{s.opportunities} "
        f"opportunit{'ies' if s.opportunities != 1 else 'y'}** for improvement, each citing "
        "its evidence (section 3)."
    ]
    if s.key_strengths:
        out.append("**Main strengths:** " + "; ".join(esc(x) for x in s.key_strengths) + ".")
    if s.key_risks:
        out.append(
            "**Main risks, most important first:** " + "; ".join(esc(x) for x in s.key_risks) + "."
        )
    return "\n\n".join(out)


def _criteria(r: Report) -> str:
    rows = []
    for c in r.criteria:
        if c.status == "decided":
            value, band = score(c.score), esc(c.band or DASH)
            note = _basis(c.accepted_suggestion, c.suggested_score, c.override_reason, c.comment)
        elif c.status == "suggested":
            value, band = f"{score(c.suggested_score)} (suggested)", esc(c.suggested_band or DASH)
            note = "Suggested from the evidence; not yet decided by the assessor."
        else:
            value, band, note = "not scored", DASH, "No evidence recorded."
        src = c.sources
        rows.append(
            [
                f"{esc(c.id)} {esc(c.title)}",
                "M" if c.mandatory else "",
                value,
                band,
                f"{src.get('lead', 0)}/{src.get('stakeholder', 0)}/{src.get('staff', 0)}",
                f"{c.evidence} ({c.verified})",
                esc(note, CELL_LIMIT),
            ]
        )
    return table(
        ["Criterion", "M", "Score", "Band", "Sources L/K/S", "Evidence", "Comment"], rows, "lcrlccl"
    )


def _criteria_head(r: Report) -> str:
    return (
        "## 2. Scores by criterion\n\n*M* marks a mandatory criterion. *Sources* counts the "
        "people who spoke to the criterion as leads / key stakeholders / staff; *Evidence* "
        "counts items referred to, with those verified in brackets. Suggested scores are "
        "not counted in any aggregate."
    )


def _basis(accepted: bool, suggested: float | None, override: str, comment: str) -> str:
    """Say how a decided score was reached: suggestion accepted, or overridden and why."""
    parts = [comment] if comment else []
    if accepted:
        parts.append("Suggested score accepted.")
    elif override:
        was = f" (suggested {suggested:g})" if suggested is not None else ""
        parts.append(f"Overridden{was}: {override}")
    return " ".join(parts)


NEXT_STEP = " Next step: "


def finding_item(f: FindingRow) -> str:
    """Return one finding as a Markdown list item with its citations."""
    cites = []
    if f.evidence_ids:
        cites.append("evidence " + ", ".join(esc(i, 80) for i in f.evidence_ids))
    if f.turn_keys:
        cites.append("turns " + ", ".join(esc(k, 80) for k in f.turn_keys))
    tag = {
        "drafted": "drafted from the evidence",
        "edited": "drafted, edited by the assessor",
        "assessor": "assessor's finding",
    }[f.origin]
    said, _, step = f.text.partition(NEXT_STEP)
    line = f"- {esc(said)}"
    if step:
        line += f"  \n  **Next step:** {esc(step)}"
    return line + f"  \n  *Cites: {'; '.join(cites) or 'criteria only'} ({tag}).*"


def _findings(r: Report) -> str:
    out = ["## 3. Strengths, risks and opportunities"]
    if not r.findings or not any(g.strengths or g.risks or g.opportunities for g in r.findings):
        out.append("No findings have been recorded or drafted yet.")
    for g in r.findings:
        out.append(f"### {esc(g.group_id)} {esc(g.title)}".replace("###  ", "### "))
        for name, items in (
            ("Strengths", g.strengths),
            ("Risks", g.risks),
            ("Opportunities for improvement", g.opportunities),
        ):
            out.append(f"#### {name}")
            out.append("\n".join(finding_item(f) for f in items) if items else "- None recorded.")
    return "\n\n".join(out)


def _gaps(r: Report) -> str:
    out = [
        "## 4. Leads and staff compared",
        "Each lead's answer is paired with the staff and stakeholder answers on the same "
        "criterion (by question, the practice named and the words they share) and each pair is "
        "read as corroborating, contradicting or silent. A contradiction is a conflict of fact - "
        "who does what, how often, with which system or document, whether it happens at all - "
        "never a difference in how strongly people put it. It marks a gap between what "
        "management expects and what is delivered.",
    ]
    by_status: dict[str, list[str]] = {}
    for c in r.criteria:
        by_status.setdefault(c.triangulation.status, []).append(c.id)
    names = {
        "contradicted": "Accounts contradict",
        "corroborated": "Corroborated",
        "single-source": "Nothing bears it out yet",
        "not-asked": "Not yet asked of leads or of staff",
    }
    rows = [
        [names[k], str(len(by_status[k])), esc(", ".join(by_status[k]))]
        for k in names
        if by_status.get(k)
    ]
    if rows:
        out.append(table(["Triangulation", "Criteria", "Which"], rows, "lrl"))
    if not r.gaps:
        out.append("No criterion's accounts contradict each other.")
        return "\n\n".join(out)
    for g in r.gaps:
        score = f" ({g.score:g}, {esc(g.band)})" if g.score is not None and g.band else ""
        items = [f"### {esc(g.criterion_id)} {esc(g.title)}{score}"]
        lines = [
            f'- **Claim** - {esc(a.code)} ({esc(a.role)}, turn {esc(a.turn)}): "{esc(a.said)}"'
            for a in g.claims
        ]
        lines += [
            f"- **Counter-account** - {esc(a.code)} ({esc(a.role)}, turn {esc(a.turn)}): "
            f'"{esc(a.said)}"'
            for a in g.counters
        ]
        lines.append("- **Why they conflict** - " + esc("; ".join(g.reasons)))
        lines.append(
            "- **Evidence** - " + (esc("; ".join(g.evidence)) if g.evidence else "none recorded")
        )
        lines.append("- **Resolution** - " + esc(g.resolution))
        items.append("\n".join(lines))
        out.append("\n\n".join(items))
    return "\n\n".join(out)


def report_parts(report: Report) -> list[Part]:
    """Return the report as an ordered list of cover, Markdown and chart parts."""
    parts = [
        Part("cover", _cover(report)),
        Part("md", _summary(report)),
        Part("chart", "radar"),
        Part("md", _readiness(report) + "\n\n" + _counts(report)),
        Part("md", _criteria_head(report)),
        Part("chart", "bars"),
        Part("md", _criteria(report)),
        Part("md", _findings(report)),
        Part("md", _gaps(report)),
        Part("md", later.method(report)),
    ]
    if report.history is not None:
        parts += [
            Part("md", later.history(report)),
            Part("chart", "trend"),
            Part("md", later.history_criteria(report)),
        ]
    parts.append(Part("md", later.appendix(report)))
    return parts


def to_markdown(report: Report) -> str:
    """Return the report as a Markdown document (charts are left out; their numbers are tabled)."""
    return "\n\n".join(p.text for p in report_parts(report) if p.kind != "chart").rstrip() + "\n"
