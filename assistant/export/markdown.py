"""Provides the Markdown export of a report, and the parts the HTML export renders from it.

Every piece of user text goes through `esc` (see `assistant.export.mdtext`), so a note can never
open a link, an image, a heading or a tag; only the structure written here is Markdown. The later
sections (method, history, appendices) are in `assistant.export.markdown_sections`.
"""

from __future__ import annotations

from assistant.core.report.model import FindingRow, Report
from assistant.export import markdown_front as front
from assistant.export import markdown_sections as later
from assistant.export.markdown_inputs import section_after
from assistant.export.markdown_inputs import self_assessment as self_assessment_md
from assistant.export.mdtext import (
    CELL_LIMIT,
    DASH,
    TEXT_LIMIT,
    Part,
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
        elif c.status == "suggested":
            value = f"{score(c.suggested_score)} (suggested)"
            band = f"{esc(c.suggested_band or DASH)} (suggested, not decided)"
        else:
            value, band = "not scored", DASH
        src = c.sources
        rows.append(
            [
                f"{esc(c.id)} {esc(c.title)}",
                "M" if c.mandatory else "",
                value,
                band,
                f"{src.get('lead', 0)}/{src.get('stakeholder', 0)}/{src.get('staff', 0)}",
                f"{c.evidence} ({c.verified})",
            ]
        )
    return table(["Criterion", "M", "Score", "Band", "Sources L/K/S", "Evidence"], rows, "lcrlcc")


def _criteria_head(r: Report) -> str:
    return (
        "## 2. Scores by criterion\n\n*M* marks a mandatory criterion. *Sources* counts the "
        "people who spoke to the criterion as leads / key stakeholders / staff; *Evidence* "
        "counts items referred to, with those verified in brackets. Suggested scores are "
        "not counted in any aggregate. The commentary under the table says, criterion by "
        "criterion, what was found, what it rests on and what would lift it."
    )


COMMENTARY_LIMIT = 2_000
"""Characters of a criterion's commentary printed (2-4 sentences need far fewer)."""


def _commentary(r: Report) -> str:
    """Return the commentary under each criterion, grouped as the bank groups them."""
    out = ["### Commentary by criterion"]
    titles = {g.id: g.title for g in r.summary.groups}
    group = None
    drafted = False
    for c in r.criteria:
        if c.group_id != group:
            group = c.group_id
            out.append(f"#### {esc(group)} {esc(titles.get(group, ''))}".rstrip())
        if c.status == "decided":
            where = f"{score(c.score)}, {esc(c.band or DASH)}"
        elif c.status == "suggested":
            where = f"suggested {score(c.suggested_score)}, not yet decided"
        else:
            where = "not scored"
        mark = " *(draft)*" if c.commentary_drafted else ""
        drafted = drafted or c.commentary_drafted
        text = esc(c.commentary, COMMENTARY_LIMIT)
        out.append(f"**{esc(c.id)} {esc(c.title)}** ({where}).{mark} {text}")
    if drafted:
        out.append(
            "*(draft)* marks commentary drafted from the cited answers and evidence that the "
            "assessor has not yet confirmed."
        )
    return "\n\n".join(out)


NEXT_STEP = " Next step: "


def finding_item(f: FindingRow) -> str:
    """Return one finding as a Markdown list item with its citations."""
    cites = []
    if f.evidence_ids:
        cites.append("evidence " + ", ".join(esc(i, 80) for i in f.evidence_ids))
    if f.turn_keys:
        cites.append(", ".join(esc(k, 80) for k in f.turn_keys))
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
        "## 5. Leads and staff compared",
        "The band each role's answers imply, criterion by criterion. A difference of a band or "
        "more marks a gap between what management expects and what is delivered.",
    ]
    if not r.gaps:
        out.append("No criterion has both a lead's and a staff account yet.")
        return "\n\n".join(out)
    rows = [
        [
            f"{esc(g.criterion_id)} {esc(g.title)}",
            esc(g.lead_band),
            esc(", ".join(g.lead_codes)),
            esc(g.staff_band),
            esc(", ".join(g.staff_codes)),
            "agree"
            if g.gap == 0
            else (
                f"staff {abs(g.gap)} band{'s' if abs(g.gap) > 1 else ''} "
                + ("lower" if g.gap < 0 else "higher")
            ),
        ]
        for g in r.gaps
    ]
    out.append(
        table(["Criterion", "Leads imply", "Leads", "Staff imply", "Staff", "Difference"], rows)
    )
    return "\n\n".join(out)


def report_parts(report: Report) -> list[Part]:
    """Return the report as an ordered list of cover, Markdown and chart parts."""
    parts = [
        Part("cover", front.cover(report)),
        Part("md", front.summary(report)),
        Part("chart", "radar"),
        Part("md", _readiness(report) + "\n\n" + _counts(report)),
        Part("md", _criteria_head(report)),
        Part("chart", "bars"),
        Part("md", _criteria(report)),
        Part("md", _commentary(report)),
        Part("md", _findings(report)),
        Part("md", later.advice(report)),
        Part("md", _gaps(report)),
        Part("md", later.method(report)),
    ]
    if report.self_assessment is not None:
        before = next((x.text for x in reversed(parts[:-1]) if x.kind == "md"), "")
        parts.insert(-1, Part("md", self_assessment_md(report, section_after(before))))
    if report.history is not None:
        parts += [
            Part("md", later.history(report)),
            Part("chart", "trend"),
            Part("md", later.history_criteria(report)),
        ]
    parts.append(Part("md", later.appendix(report)))
    review = later.review_annex(report)
    if review:
        parts.append(Part("md", review))
    return parts


def to_markdown(report: Report) -> str:
    """Return the report as a Markdown document (charts are left out; their numbers are tabled)."""
    body = "\n\n".join(p.text for p in report_parts(report) if p.kind != "chart").rstrip() + "\n"
    return damage_warning(report.cover.damage) + body


def damage_warning(problems: list[str]) -> str:
    """Return the Markdown warning that opens a report of a damaged assessment ('' if none)."""
    if not problems:
        return ""
    lines = [
        "> **Warning: this assessment failed its integrity check; data may be missing.**",
        ">",
    ]
    lines += [f"> - {esc(p, 400)}" for p in problems[:10]]
    if len(problems) > 10:
        lines.append(f"> - and {len(problems) - 10} more")
    return "\n".join(lines) + "\n\n"
