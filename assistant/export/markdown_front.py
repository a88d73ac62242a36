"""Provides the front of the Markdown report: the cover block and the executive summary.

The cover carries what a certification body's report opens with: the organisation and its
profile, the assessment's type, dates, scope and sites, the team, the recommendation and the
certification cycle (certificate validity, next surveillance or re-certification). The summary
gives the recommendation with its conditions, the executive narrative, the indicative scores with
the aggregation and its weights, and the certification readiness.

Other blocks on the cover (a sign-off block, DRAFT marks) extend `cover_rows` or follow the cover
table; keep the rows' order: identity, assessment, team, recommendation, cycle, bank.
"""

from __future__ import annotations

from assistant.core.report.model import CycleInfo, ProfileInfo, RecommendationInfo, Report
from assistant.export.markdown_sections import DRAFT_MARK, sign_off_rows
from assistant.export.mdtext import CELL_LIMIT, DASH, date_text, esc, num, table


def profile_rows(p: ProfileInfo | None) -> list[list[str]]:
    """Return the organisation profile as cover rows (none when nothing was entered)."""
    if p is None:
        return []
    rows = [
        ["Sector", esc(p.sector, 300)],
        ["Size", esc(p.size, 300)],
        ["Where it serves customers", esc(p.sites, 500)],
        ["Channels", esc(", ".join(p.channels), 500)],
        ["Customer groups", esc(", ".join(p.customer_groups), 500)],
    ]
    return [r for r in rows if r[1]]


def cycle_rows(c: CycleInfo | None) -> list[list[str]]:
    """Return the certificate and next-assessment dates as cover rows."""
    if c is None:
        return []
    rows = []
    if c.certificate_from and c.certificate_until:
        word = "Certificate (if granted)" if c.issues_certificate else "Certificate in force"
        rows.append([word, f"valid {c.certificate_from} to {c.certificate_until}"])
    if c.surveillance_due:
        rows.append(["Surveillance due by", ", ".join(str(d) for d in c.surveillance_due)])
    if c.next_label and c.next_date:
        rows.append([f"Next: {esc(c.next_label.lower())}", f"due by {c.next_date}"])
    if c.earliest_reassessment:
        rows.append(
            ["Earliest further certification", f"no earlier than {c.earliest_reassessment}"]
        )
    rows.append(["Cycle", esc(c.note, 500)])
    return rows


def cover_rows(r: Report) -> list[list[str]]:
    """Return the cover's rows in order; exporters lay them out as a table."""
    c = r.cover
    dates = date_text(c.start_date) + (f" to {c.end_date}" if c.end_date else "")
    sampled = [s for s in c.sites if s.sampled]
    sites = "; ".join(
        f"{esc(s.name, 200)}" + (f" ({esc(s.reason, 300)})" if s.reason else "") for s in sampled
    ) or ("withheld (redacted report)" if c.redacted else DASH)
    team = [a for a in c.assessors if a != c.lead_assessor]
    rec = r.summary.recommendation
    rows = [
        ["Organisation", esc(c.organisation, 300)],
        *profile_rows(c.profile),
        ["Assessment", f"{esc(c.assessment_type)}, {esc(c.status)}"],
        ["Dates", dates],
        ["Report date", str(c.report_date)],
        ["Scope", esc(c.scope_unit, 500)],
        ["Sites visited", sites],
        ["Lead assessor", esc(c.lead_assessor or DASH, 200)],
        ["Assessment team", esc(", ".join(team), 500) or DASH],
    ]
    if rec is not None:
        rows.append(["Recommendation", f"**{esc(rec.label)}**"])
    rows += cycle_rows(c.cycle)
    rows += [
        [
            "Question bank",
            f"{esc(c.bank_title)} - id {esc(c.bank_id)}, {esc(c.standard)} "
            f"{esc(c.edition)}, version {esc(c.bank_version)}",
        ],
        ["Reference", esc(c.assessment_id, 80)],
    ]
    if c.sampling_rationale:
        rows.append(["Sampling", esc(c.sampling_rationale, CELL_LIMIT)])
    return rows


def cover(r: Report) -> str:
    """Return the cover block: title, the cover table, and how people are cited."""
    c = r.cover
    head = f"# {esc(c.title)}: {esc(c.organisation, 300)}\n\n"
    if c.draft:
        head += f"**{DRAFT_MARK}.** {esc(c.sign_off_note, 500)}".rstrip() + "\n\n"
    note = (
        "\n\n*Redacted edition: departments and sites are withheld; people appear by role "
        "code only.*"
        if c.redacted
        else "\n\n*People appear by role code only (L lead, "
        "K key stakeholder, S service-team staff).*"
    )
    return head + table(["", ""], cover_rows(r) + sign_off_rows(r)) + note


def recommendation(rec: RecommendationInfo | None) -> str:
    """Return the recommendation block of the summary."""
    if rec is None:
        return ""
    kind = "Recommendation" if rec.certifying else "Indicative readiness"
    out = [f"### {kind}: {esc(rec.label)}"]
    if rec.decided_by:
        line = f"Set by the lead assessor, {esc(rec.decided_by, 200)}"
        if rec.overridden:
            line += f" (the certification rule alone gives: {esc(rec.derived_label)})"
        out.append(line + f". Reason: {esc(rec.decision_reason, CELL_LIMIT)}")
    else:
        out.append("Derived from the certification rule and what is still open:")
    out.append("\n".join(f"- {esc(x, CELL_LIMIT)}" for x in rec.reasons))
    if rec.conditions:
        out.append("**Conditions** to be met first:")
        out.append("\n".join(f"{i}. {esc(x, CELL_LIMIT)}" for i, x in enumerate(rec.conditions, 1)))
    return "\n\n".join(out)


def narrative(r: Report) -> str:
    """Return the executive narrative: the opening paragraph, then one per group."""
    rows = r.summary.narrative
    if not rows:
        return ""
    out = ["### Overview"]
    drafted = any(p.drafted for p in rows)
    for p in rows:
        text = esc(p.text)
        out.append(text if not p.key else f"**{esc(p.title)}.** {text}")
    if drafted:
        out.append(
            "*Paragraphs drafted from the scores and findings are shown until the assessor "
            "writes their own.*"
        )
    return "\n\n".join(out)


def weights(r: Report) -> str:
    """Return the aggregation's weights, named in one sentence."""
    return esc(r.summary.weights_note) if r.summary.weights_note else ""


def summary(r: Report) -> str:
    """Return section 1: recommendation, narrative, scores with weights, group table."""
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
    out = ["## 1. Executive summary", recommendation(s.recommendation), narrative(r)]
    out += ["### Scores", headline, f"*How it is calculated:* {esc(s.aggregation)}", weights(r)]
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
    return "\n\n".join(x for x in out if x)
