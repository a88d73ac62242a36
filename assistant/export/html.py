"""Provides the HTML export: the report's Markdown rendered safely, a cover page and inline charts.

Markdown is rendered by markdown-it-py with the "js-default" preset (raw HTML off, unsafe link
schemes refused) and images turned into their alt text, so nothing in a report can make a browser
or WeasyPrint fetch anything. Every template field is `html.escape`d. The stylesheet
(`assets/report.css`) is inlined, so the file stands alone; it is also what the PDF is printed
from, in A4 or Letter.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from assistant.core.report.model import Report
from assistant.export import markdown_front as front
from assistant.export.charts import band_colours, chart
from assistant.export.markdown import plain, report_parts
from assistant.export.markdown_sections import DRAFT_MARK

ASSETS = Path(__file__).resolve().parent / "assets"
PAGE_SIZES: dict[str, str] = {"a4": "A4", "letter": "letter"}
KIND_CLASS = {
    "Strengths": "k-strength",
    "Risks": "k-risk",
    "Opportunities for improvement": "k-opportunity",
}
FLOW_SECTIONS = ("5.", "6.", "7.", "Appendix")
"""Sections that follow on the same page instead of starting a new one (they are short)."""
SHORT_TABLE = 20
"""Tables with at most this many rows are kept whole on one page (no two-row orphans)."""


def _image_as_text(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
    return f'<span class="img-alt">[image: {escapeHtml(alt)}]</span>'


@lru_cache(maxsize=1)
def markdown_renderer() -> MarkdownIt:
    """Return the shared Markdown renderer: js-default (no raw HTML), images as alt text."""
    md = MarkdownIt("js-default")
    md.add_render_rule("image", _image_as_text)
    return md


def render_markdown(text: str) -> str:
    """Render trusted-structure Markdown (user text already escaped by the exporter) to HTML."""
    html: str = markdown_renderer().render(text)
    return html


def stylesheet() -> str:
    """Return the report stylesheet shipped in `assets/report.css`."""
    return (ASSETS / "report.css").read_text(encoding="utf-8")


def page_css(page_size: str) -> str:
    """Return the page-size rule for A4 or Letter (ValueError for anything else)."""
    if page_size not in PAGE_SIZES:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
    return f"@page {{ size: {PAGE_SIZES[page_size]}; }}\n"


def _band_css(report: Report) -> str:
    rules = [
        f"td.band.band-{i} {{ background: {c}; }}" for i, c in enumerate(band_colours(report.scale))
    ]
    return "\n".join(rules) + "\n"


def _decorate(body: str, report: Report) -> tuple[str, list[tuple[str, str]]]:
    """Add ids to section headings, classes to band cells and finding kinds; return the TOC."""
    toc: list[tuple[str, str]] = []

    def heading(m: re.Match[str]) -> str:
        anchor = f"s{len(toc) + 1}"
        toc.append((anchor, m.group(1)))
        flow = ' class="flow"' if m.group(1).startswith(FLOW_SECTIONS) else ""
        return f'<h2 id="{anchor}"{flow}>{m.group(1)}</h2>'

    def table(m: re.Match[str]) -> str:
        first = re.sub(r"[^a-z0-9]+", "-", m.group(2).lower()).strip("-")
        cols = len(re.findall(r"<th[ >]", m.group(1)))
        return f'<table class="t-{first} cols-{cols}">{m.group(1)}'

    def short(m: re.Match[str]) -> str:
        rows = m.group(0).count("<tr>") - 1
        if rows > SHORT_TABLE:
            return m.group(0)
        return m.group(0).replace('<table class="', '<table class="short ', 1)

    body = re.sub(r"<h2>(.*?)</h2>", heading, body)
    body = re.sub(
        r"<table>(\s*<thead>\s*<tr>\s*<th[^>]*>([^<]*)</th>.*?</tr>)", table, body, flags=re.S
    )
    body = re.sub(r'<table class="t-.*?</table>', short, body, flags=re.S)
    for i, band in enumerate(report.scale.bands):
        label = escape(band.label)
        body = body.replace(f"<td>{label}</td>", f'<td class="band band-{i}">{label}</td>')
        body = body.replace(
            f'<td style="text-align:left">{label}</td>',
            f'<td class="band band-{i}" style="text-align:left">{label}</td>',
        )
    body = re.sub(
        r"<td([^>]*)>([0-9.]+ \(suggested\))</td>", r'<td\1 class="suggested">\2</td>', body
    )
    body = re.sub(
        r"<td([^>]*)>([^<]* \(suggested, not decided\))</td>",
        r'<td\1 class="suggested">\2</td>',
        body,
    )
    for name, cls in KIND_CLASS.items():
        body = body.replace(f"<h4>{name}</h4>", f'<h4 class="{cls}">{name}</h4>')
    return body, toc


def _e(text: object, limit: int = 2_000) -> str:
    """Escape a template field: control characters dropped, length capped, HTML escaped."""
    return escape(plain(text, limit))


def _cover_rows(report: Report) -> list[tuple[str, str]]:
    """Return the cover table's rows (label, escaped HTML) from the Markdown cover's rows."""
    rows = []
    for label, value in front.cover_rows(report):
        if label in ("Organisation", "Sampling", "Recommendation", "Cycle"):
            continue
        rows.append(
            (_e(label), render_markdown(value).strip().removeprefix("<p>").removesuffix("</p>"))
        )
    return rows


def _recommendation(report: Report) -> str:
    rec = report.summary.recommendation
    if rec is None:
        return ""
    cls = {"recommend": "ok", "conditions": "conditions", "not-recommended": "blocked"}[rec.outcome]
    conditions = ""
    if rec.conditions:
        n = len(rec.conditions)
        conditions = (
            f'<p class="cover-conditions">{n} condition{"s" if n != 1 else ""} to be met first '
            "(section 1)</p>"
        )
    return f'<p class="cover-rec {cls}">{_e(rec.label)}</p>{conditions}'


def _cover(report: Report) -> str:
    """Return the cover page. Blocks other features add (a sign-off block, DRAFT marks) go
    after the cover table, before the confidentiality note."""
    c, s = report.cover, report.summary
    e = _e
    if s.overall is None:
        score = '<p class="cover-score">No criterion scored yet</p>'
    else:
        score = (
            f'<p class="cover-score"><span class="big">{s.overall:.1f}</span> / '
            f'{report.scale.max:g} <span class="band-word">{e(s.overall_band or "")}</span>'
            f'</p><p class="cover-note">Indicative overall score from {s.scored} of '
            f"{s.total} criteria ({s.overall_percent:.0f} %)</p>"
        )
    ready = (
        "No certification blockers"
        if s.ready
        else f"{len(s.blockers)} certification blocker{'s' if len(s.blockers) != 1 else ''}"
    )
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in _cover_rows(report))
    cycle = report.cover.cycle
    note = f'<p class="cover-cycle">{e(cycle.note)} {e(cycle.rule)}</p>' if cycle else ""
    notice = "Redacted edition: departments and sites are withheld. " if c.redacted else ""
    return (
        f'<section class="cover">{_damage(c.damage)}<p class="cover-kicker">{e(c.standard)} · '
        f'{e(c.assessment_type)}</p><h1 class="cover-title">{e(c.title)}</h1>'
        f'<p class="cover-org">{e(c.organisation)}</p>{_recommendation(report)}{score}'
        f'<p class="cover-ready {"ok" if s.ready else "blocked"}">{ready}</p>'
        f'<table class="cover-table">{table}</table>{note}{_sign_off_block(report)}'
        f'<p class="confidential">Confidential. {notice}Interviewees are cited by role code '
        "only. Scores are indicative; confirm them against the scheme's current rules.</p>"
        "</section>"
    )


def _sign_off_block(report: Report) -> str:
    """Return the cover's sign-off block, or the draft notice while the report is unsigned."""
    c = report.cover
    s = c.sign_off
    if s is None:
        note = _e(c.sign_off_note) or "Not signed off: scores and findings may still change."
        return (
            f'<div class="signoff draft"><p class="signoff-head">{DRAFT_MARK}</p>'
            f"<p>{note}</p></div>"
        )
    risks = ""
    if s.accepted_risks:
        items = "".join(f"<li>{_e(x, 400)}</li>" for x in s.accepted_risks[:12])
        risks = f"<p>Risks accepted: {_e(s.risk_reason, 500)}</p><ul>{items}</ul>"
    return (
        '<div class="signoff signed"><p class="signoff-head">Signed off</p>'
        f"<p>by <strong>{_e(s.by, 200)}</strong> on {s.at:%Y-%m-%d %H:%M} UTC</p>"
        f'<p class="sha">Content SHA-256 {_e(s.content_sha256, 80)}</p>{risks}</div>'
    )


def _draft_css(report: Report) -> str:
    """Return the rules that mark every page of an unsigned report DRAFT (page margin boxes:
    a short mark at the top, where the running header leaves little room, and the full words
    at the bottom)."""
    if not report.cover.draft:
        return ""
    box = (
        'font-family: "DejaVu Sans", sans-serif; font-weight: bold; color: #8a1c1c; '
        "letter-spacing: 0.08em;"
    )
    return (
        f'@page {{ @top-center {{ content: "DRAFT"; {box} font-size: 10pt; '
        "vertical-align: bottom; padding-bottom: 3mm; }\n"
        f'  @bottom-center {{ content: "{DRAFT_MARK}"; {box} font-size: 7.5pt; }} }}\n'
    )


def _damage(problems: list[str]) -> str:
    """Return the first-page warning of a report written from a damaged assessment."""
    if not problems:
        return ""
    items = "".join(f"<li>{_e(p, 400)}</li>" for p in problems[:10])
    more = f"<li>and {len(problems) - 10} more</li>" if len(problems) > 10 else ""
    return (
        '<div class="damage-warning" style="border:2px solid #b00020;padding:8px;'
        'color:#b00020"><strong>Warning: this assessment failed its integrity check; '
        "data may be missing from this report.</strong><ul>"
        f"{items}{more}</ul></div>"
    )


def _toc(toc: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{a}">{title}</a></li>' for a, title in toc)
    return f'<nav class="toc"><h2 class="toc-title">Contents</h2><ol>{items}</ol></nav>'


def to_html(report: Report, page_size: str = "a4") -> str:
    """Return the report as one self-contained HTML document."""
    size = page_css(page_size)
    chunks: list[str] = []
    for part in report_parts(report):
        if part.kind == "md":
            chunks.append(render_markdown(part.text))
        elif part.kind == "chart":
            svg = chart(report, part.text)
            if svg:
                chunks.append(f'<figure class="chart chart-{part.text}">{svg}</figure>')
    body, toc = _decorate("".join(chunks), report)
    c = report.cover
    title = _e(f"{c.title} - {c.organisation}", 300)
    running = _e(f"{c.organisation} · {c.title}", 200)
    body_class = ' class="draft"' if c.draft else ""
    banner = f'<div class="draft-banner">{DRAFT_MARK}</div>' if c.draft else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>\n{stylesheet()}{size}{_band_css(report)}"
        f"{_draft_css(report)}</style>"
        f'</head><body{body_class}><div class="running-title">{running}</div>{banner}'
        f"{_cover(report)}{_toc(toc)}<main>{body}</main></body></html>\n"
    ).translate(_DROP_CONTROLS)


_DROP_CONTROLS = {
    c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]
}
"""Control characters (bar tab and line ends) removed from the finished document."""
