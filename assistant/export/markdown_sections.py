"""Provides the later sections of the Markdown report: the client's recommendations, method,
history and the appendices."""

from __future__ import annotations

from assistant.core.report.model import Report
from assistant.export import markdown_inputs as inputs
from assistant.export.mdtext import CELL_LIMIT, DASH, esc, num, score, table


def advice(r: Report) -> str:
    """Return section 4: prioritised recommendations to the organisation."""
    out = [
        "## 4. Recommendations to the organisation",
        "What the organisation could do next, most urgent first. Each comes from a risk or an "
        "opportunity in section 3; the owner is a suggestion, from who spoke to the criterion.",
    ]
    if not r.recommendations:
        out.append("No recommendation arises from the findings recorded so far.")
        return "\n\n".join(out)
    items = []
    for i, a in enumerate(r.recommendations, 1):
        items.append(
            f"{i}. **{esc(a.what, CELL_LIMIT)}**  \n"
            f"   *Why:* {esc(a.why, CELL_LIMIT)}  \n"
            f"   *Priority:* {esc(a.priority_label)} · *Suggested owner:* {esc(a.owner, 300)} · "
            f"*Horizon:* {esc(a.horizon)}"
        )
    out.append("\n".join(items))
    if r.recommendations_left:
        n = r.recommendations_left
        out.append(
            f"{n} further opportunit{'ies' if n != 1 else 'y'} of lower priority "
            f"{'are' if n != 1 else 'is'} set out in section 3."
        )
    return "\n\n".join(out)


def method(r: Report) -> str:
    m = r.method
    out = [
        "## 6. Method",
        f"{m.people} people were interviewed in {m.interviews} interview"
        f"{'s' if m.interviews != 1 else ''}, giving {m.answers} recorded answers. Answers are "
        "cited by the speaker's role code and turn number (L1 turn 4); evidence by its number "
        "in the register (E3, Appendix A); the interview register in Appendix B lists each "
        "interview.",
        table(
            ["Role", "People", "Interviews", "Answers"],
            (
                [esc(x.label.capitalize()), str(x.people), str(x.interviews), str(x.answers)]
                for x in m.roles
            ),
            "lrrr",
        ),
    ]
    if m.people_list:
        redacted = r.cover.redacted
        header = ["Code", "Role"] + ([] if redacted else ["Department", "Site"])
        rows = (
            [esc(p.code, 40), esc(p.role.capitalize())]
            + ([] if redacted else [esc(p.department, 200) or DASH, esc(p.site, 200) or DASH])
            for p in m.people_list
        )
        out += ["### People interviewed", table(header, rows)]
    out.append("### Sites and sampling")
    if m.sites:
        out.append(
            table(
                ["Site", "Visited", "Why"],
                (
                    [
                        esc(s.name, 200),
                        "yes" if s.sampled else "no",
                        esc(s.reason, CELL_LIMIT) or DASH,
                    ]
                    for s in m.sites
                ),
            )
        )
    elif r.cover.redacted:
        out.append("Site names are withheld in this redacted edition.")
    out.append(
        esc(m.sampling_rationale) if m.sampling_rationale else "No sampling rationale was recorded."
    )
    if planned := inputs.schedule(r):
        out.append(planned)
    out += ["### Limitations", "\n".join(f"- {esc(x)}" for x in m.limitations)]
    out.append("### Unresolved differences of opinion")
    out.append(
        "\n".join(
            f"- {esc(', '.join(d.codes)) or 'Interviewee'} (interview "
            f"{esc(d.interview_id, 80)}) disputed: {esc(d.point, CELL_LIMIT)}"
            for d in m.disputes
        )
        or "None: every point read back at the closings was confirmed."
    )
    if m.checks:
        out += [
            "### Scoring consistency checks",
            "Patterns in the scores worth a second look; they are prompts, not verdicts.",
            "\n".join(f"- {esc(x)}" for x in m.checks),
        ]
    return "\n\n".join(out)


def _change(value: float | None, fmt: str = ".1f") -> str:
    if value is None:
        return DASH
    return "0" if value == 0 else f"{value:+{fmt}}".replace("-", "−")


def history(r: Report) -> str:
    h = r.history
    if h is None:
        return ""
    out = [
        "## 7. Change since the previous assessment",
        f"Compared with the {esc(h.previous_type.lower())} assessment of "
        f"{h.previous_date}, {h.months_between} months earlier, scored against the same bank.",
    ]
    if h.caveat:
        out.append(f"**Comparability:** {esc(h.caveat)}")
    if h.warning:
        out.append(f"**Warning:** {esc(h.warning)}")
    rows = [
        [esc(x.title), num(x.previous), num(x.current), _change(x.change)]
        for x in [h.overall] + h.groups
    ]
    out.append(table([esc(r.cover.group_label), "Previous", "Now", "Change"], rows, "lrrr"))
    return "\n\n".join(out)


def history_criteria(r: Report) -> str:
    h = r.history
    if h is None:
        return ""
    out = []
    moved = [x for x in h.criteria if x.change]
    if moved:
        out.append("Criteria whose score changed:")
        out.append(
            table(
                ["Criterion", "Previous", "Now", "Change"],
                (
                    [
                        f"{esc(x.id)} {esc(x.title)}",
                        score(x.previous),
                        score(x.current),
                        _change(x.change, "g"),
                    ]
                    for x in moved
                ),
                "lrrr",
            )
        )
    else:
        out.append("No criterion score changed.")
    return "\n\n".join(out)


def appendix(r: Report) -> str:
    out = ["## Appendix A. Evidence register"]
    if r.evidence:
        library = inputs.has_library(r)
        out.append(
            table(
                ["No.", "Type", "Title", "Reference"]
                + (["Dated"] if library else [])
                + ["Verified", "Criteria", "Source"],
                (
                    [
                        esc(e.id, 80),
                        esc(e.type),
                        esc(e.title, CELL_LIMIT),
                        inputs.reference(e),
                    ]
                    + ([inputs.dated(e)] if library else [])
                    + [
                        ("yes" if e.verified else "no")
                        + (f" ({esc(e.verified_by, 80)})" if e.verified_by else ""),
                        esc(", ".join(e.criteria)),
                        esc(e.source, 200) or DASH,
                    ]
                    for e in r.evidence
                ),
            )
        )
    else:
        out.append("No evidence items were registered.")
    out.append("## Appendix B. Interview register")
    if r.method.interview_list:
        out.append(
            table(
                ["Interview", "Date", "Interviewees", "Answers", "Criteria"],
                (
                    [
                        esc(i.id, 80),
                        str(i.date),
                        esc(", ".join(i.codes)),
                        str(i.answers),
                        esc(", ".join(i.criteria), CELL_LIMIT) or DASH,
                    ]
                    for i in r.method.interview_list
                ),
                "lllrl",
            )
        )
    else:
        out.append("No interviews were recorded.")
    return "\n\n".join(out)


DRAFT_MARK = "DRAFT - not signed off"
"""The words every page of an unsigned report carries."""


def sign_off_rows(r: Report) -> list[list[str]]:
    """Return the cover rows on review: the sign-off block, or that the report is a draft."""
    c = r.cover
    if c.sign_off is None:
        return [["Sign-off", esc(c.sign_off_note, 500) or "not signed off (draft)"]]
    s = c.sign_off
    rows = [
        ["Signed off by", esc(s.by, 200)],
        ["Signed off at", f"{s.at:%Y-%m-%d %H:%M} UTC"],
        ["Content SHA-256", f"`{s.content_sha256}`"],
    ]
    if s.accepted_risks:
        rows.append(
            [
                "Risks accepted",
                esc(s.risk_reason, 500)
                + ": "
                + "; ".join(esc(x, 300) for x in s.accepted_risks[:12]),
            ]
        )
    return rows


def review_annex(r: Report) -> str:
    """Return the annex of individual scores behind consensus, and open review comments."""
    out: list[str] = []
    if r.individual_scores:
        out.append("## Appendix C. Individual scores behind the consensus")
        out.append(
            "Each assessor scored on their own first; the team then agreed the consensus score "
            "used everywhere else in this report."
        )
        out.append(
            table(
                ["Criterion", "Assessor", "Score", "Band", "Comment", "Consensus", "Rationale"],
                (
                    [
                        f"{esc(x.criterion_id)} {esc(x.title)}",
                        esc(x.assessor, 200),
                        score(x.score) if x.score is not None else DASH,
                        esc(x.band or DASH),
                        esc(x.comment, CELL_LIMIT) or DASH,
                        score(x.consensus) if x.consensus is not None else DASH,
                        esc(x.rationale, CELL_LIMIT) or DASH,
                    ]
                    for x in r.individual_scores
                ),
                "llrllrl",
            )
        )
    if r.cover.draft and r.open_comments:
        out.append("## Open review comments")
        out += [
            f"- **{esc(c.target)} {esc(c.ref, 120)}**"
            + (" (changes requested)" if c.request_changes else "")
            + f" - {esc(c.author, 200) or 'reviewer'}: {esc(c.text, CELL_LIMIT)}"
            for c in r.open_comments
        ]
    return "\n\n".join(out)
