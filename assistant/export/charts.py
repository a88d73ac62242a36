"""Provides the report's charts as hand-written, deterministic inline SVG.

Three charts: a radar of the groups on the bank's scale (with the previous assessment dashed when
there is one), bars per criterion over the bank's bands, and a trend line across assessments.
Band shades step down in lightness as well as changing hue, so they stay distinct in greyscale;
every band is also labelled in words. Identical reports give byte-identical SVG.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from html import escape

from assistant.core.report.model import Report, ScaleInfo
from assistant.export.mdtext import plain

FONT = "DejaVu Sans, sans-serif"
CHAR_W = 0.62
"""Average glyph width as a share of the font size (DejaVu Sans, bold), to size label boxes."""
LABEL_CHARS = 20
"""Radar labels wrap at about this many characters a line."""
PALETTE = ("#fde9e3", "#f6e3a6", "#dcd98f", "#b3d4a8", "#8cc29c")
"""Band fills from the lowest band up; lightness falls steadily so greyscale prints keep order."""
INK = "#1f2a37"
MUTED = "#6b7280"
LINE_DASH = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4")


def band_colours(scale: ScaleInfo) -> list[str]:
    """Return one fill per band, lowest band first, spread across the palette."""
    n = len(scale.bands)
    if n == 1:
        return [PALETTE[2]]
    return [PALETTE[round(i * (len(PALETTE) - 1) / (n - 1))] for i in range(n)]


def _f(x: float) -> str:
    """Format a coordinate to one decimal, deterministically ("12", "12.5", never "-0")."""
    text = f"{x:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _text(
    x: float,
    y: float,
    body: str,
    size: float = 10,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}" font-family="{FONT}">{escape(plain(body))}</text>'
    )


def _svg(
    width: float,
    height: float,
    body: Sequence[str],
    label: str,
    box: tuple[float, float, float, float] | None = None,
) -> str:
    """Return the SVG; `box` (x, y, w, h) widens the view to hold labels beyond the plot."""
    x0, y0, vw, vh = box or (0.0, 0.0, width, height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{_f(vw)}" '
        f'height="{_f(vh)}" viewBox="{_f(x0)} {_f(y0)} {_f(vw)} {_f(vh)}" role="img" '
        f'aria-label="{escape(plain(label))}">' + "".join(body) + "</svg>"
    )


def _band_edges(scale: ScaleInfo) -> list[tuple[float, float]]:
    """Return (from, to) per band on a continuous axis: each band runs up to the next one's min."""
    edges = []
    for i, band in enumerate(scale.bands):
        lo = scale.min if i == 0 else band.min
        hi = scale.bands[i + 1].min if i + 1 < len(scale.bands) else scale.max
        edges.append((lo, hi))
    return edges


def radar(report: Report) -> str:
    """Return the radar of group scores, or a bar-like fallback note when under three groups."""
    groups = report.summary.groups
    scale = report.scale
    if len(groups) < 3:
        return ""
    w, h, cx, cy, rad = 560.0, 330.0, 280.0, 165.0, 118.0
    span = scale.max - scale.min
    n = len(groups)

    def point(i: int, value: float) -> tuple[float, float]:
        ang = -math.pi / 2 + 2 * math.pi * i / n
        r = rad * (value - scale.min) / span
        return cx + r * math.cos(ang), cy + r * math.sin(ang)

    def ring(value: float) -> str:
        return " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, value) for i in range(n)))

    body = [f'<rect width="{_f(w)}" height="{_f(h)}" fill="white"/>']
    colours = band_colours(scale)
    for (_lo, hi), colour in reversed(list(zip(_band_edges(scale), colours, strict=True))):
        body.append(
            f'<polygon points="{ring(hi)}" fill="{colour}" stroke="white" stroke-width="1"/>'
        )
    for step in range(int(scale.min), int(scale.max) + 1, max(1, int(span // 5))):
        body.append(
            f'<polygon points="{ring(step)}" fill="none" stroke="#ffffff" '
            'stroke-width="0.6" stroke-dasharray="2 2"/>'
        )
        x, y = point(0, step)
        body.append(_text(x + 3, y + 3, f"{step:g}", 7.5, fill=MUTED))
    for i in range(n):
        x, y = point(i, scale.max)
        body.append(
            f'<line x1="{_f(cx)}" y1="{_f(cy)}" x2="{_f(x)}" y2="{_f(y)}" '
            f'stroke="{MUTED}" stroke-width="0.6"/>'
        )
    hist = report.history
    if hist is not None:
        prev = {g.id: g.previous for g in hist.groups}
        body.append(
            _shape(
                [point(i, v) for i, g in enumerate(groups) if (v := prev.get(g.id)) is not None],
                f'fill="none" stroke="{MUTED}" stroke-width="1.4" stroke-dasharray="5 3"',
            )
        )
    pts = [point(i, g.score) for i, g in enumerate(groups) if g.score is not None]
    body.append(_shape(pts, f'fill="{INK}" fill-opacity="0.18" stroke="{INK}" stroke-width="2"'))
    for x, y in pts:
        body.append(f'<circle cx="{_f(x)}" cy="{_f(y)}" r="3" fill="{INK}"/>')
    lo_x, hi_x, lo_y, hi_y = 0.0, w, 0.0, h
    for i, g in enumerate(groups):
        x, y = point(i, scale.max * 1.0 + span * 0.1)
        anchor = "middle" if abs(x - cx) < 20 else ("start" if x > cx else "end")
        lines = textwrap.wrap(f"{g.id} {g.title}", LABEL_CHARS) or [g.id]
        value = "not scored" if g.score is None else f"{g.score:.1f}"
        block = 12.0 * len(lines)
        top = y - 8 - block if y < cy - 20 else (y + 6 if y > cy + 20 else y - block / 2 + 4)
        for k, line in enumerate(lines):
            body.append(_text(x, top + 12 * k, line, 10, anchor, weight="bold"))
        colour, style = (MUTED, "italic") if g.score is None else (INK, "normal")
        body.append(
            _text(x, top + block, value, 10, anchor, colour).replace(
                'font-weight="normal"', f'font-weight="normal" font-style="{style}"'
            )
        )
        if g.score is None:
            ex, ey = point(i, scale.min + span * 0.5)
            body.append(
                f'<circle cx="{_f(ex)}" cy="{_f(ey)}" r="3.5" fill="white" stroke="{MUTED}" '
                'stroke-width="1" stroke-dasharray="1.5 1.5"/>'
            )
        wide = max(len(t) for t in [*lines, value]) * 10 * CHAR_W
        left = x - {"start": 0.0, "end": wide, "middle": wide / 2}[anchor]
        lo_x, hi_x = min(lo_x, left - 6), max(hi_x, left + wide + 6)
        lo_y, hi_y = min(lo_y, top - 12), max(hi_y, top + block + 6)
    rows = len(scale.bands) + (2 if hist is not None else 1)
    body += _legend(scale, colours, lo_x + 12, hi_y + 10, hist is not None)  # below: no overlap
    hi_y += 14 * rows + 4
    body.insert(
        0,
        f'<rect x="{_f(lo_x)}" y="{_f(lo_y)}" width="{_f(hi_x - lo_x)}" '
        f'height="{_f(hi_y - lo_y)}" fill="white"/>',
    )
    box = (lo_x, lo_y, hi_x - lo_x, hi_y - lo_y)
    return _svg(w, h, body, "Radar chart of scores by group", box)


def _shape(pts: Sequence[tuple[float, float]], style: str) -> str:
    """Return a polygon through the scored axes only (a line for two, nothing for fewer)."""
    if len(pts) < 2:
        return ""
    coords = " ".join(f"{_f(x)},{_f(y)}" for x, y in pts)
    tag = "polygon" if len(pts) > 2 else "polyline"
    return f'<{tag} points="{coords}" {style}/>'


def _legend(
    scale: ScaleInfo, colours: Sequence[str], x: float, y: float, previous: bool
) -> list[str]:
    out = []
    for band, colour in zip(scale.bands, colours, strict=True):
        out.append(
            f'<rect x="{_f(x)}" y="{_f(y - 8)}" width="10" height="10" fill="{colour}" '
            f'stroke="{MUTED}" stroke-width="0.4"/>'
        )
        out.append(_text(x + 14, y, f"{band.label} {band.min:g}-{band.max:g}", 8.5))
        y += 14
    out.append(
        f'<line x1="{_f(x)}" y1="{_f(y - 3)}" x2="{_f(x + 10)}" y2="{_f(y - 3)}" '
        f'stroke="{INK}" stroke-width="2"/>'
    )
    out.append(_text(x + 14, y, "This assessment", 8.5))
    if previous:
        y += 14
        out.append(
            f'<line x1="{_f(x)}" y1="{_f(y - 3)}" x2="{_f(x + 10)}" y2="{_f(y - 3)}" '
            f'stroke="{MUTED}" stroke-width="1.4" stroke-dasharray="3 2"/>'
        )
        out.append(_text(x + 14, y, "Previous assessment", 8.5))
    return out


def bars(report: Report) -> str:
    """Return horizontal bars per criterion over the bank's bands; suggested scores are hollow."""
    scale, rows = report.scale, report.criteria
    if not rows:
        return ""
    row_h, top, left, right = 17.0, 34.0, 214.0, 60.0
    w = 640.0
    h = top + row_h * len(rows) + 34
    plot_w = w - left - right
    span = scale.max - scale.min

    def xpos(v: float) -> float:
        return left + plot_w * (v - scale.min) / span

    body = [f'<rect width="{_f(w)}" height="{_f(h)}" fill="white"/>']
    colours = band_colours(scale)
    bottom = top + row_h * len(rows)
    for (lo, hi), band, colour in zip(_band_edges(scale), scale.bands, colours, strict=True):
        body.append(
            f'<rect x="{_f(xpos(lo))}" y="{_f(top - 4)}" width="{_f(xpos(hi) - xpos(lo))}"'
            f' height="{_f(bottom - top + 8)}" fill="{colour}"/>'
        )
        body.append(
            _text((xpos(lo) + xpos(hi)) / 2, top - 10, band.label, 9, "middle", weight="bold")
        )
    for tick in range(int(scale.min), int(scale.max) + 1):
        body.append(
            f'<line x1="{_f(xpos(tick))}" y1="{_f(bottom + 4)}" x2="{_f(xpos(tick))}" '
            f'y2="{_f(bottom + 8)}" stroke="{MUTED}" stroke-width="0.6"/>'
        )
        body.append(_text(xpos(tick), bottom + 18, f"{tick:g}", 8, "middle", MUTED))
    prev = {c.id: c.previous for c in report.history.criteria} if report.history else {}
    for i, c in enumerate(rows):
        y = top + i * row_h
        label = f"{c.id} {c.title}"
        label = label if len(label) <= 34 else label[:33] + "…"
        body.append(_text(left - 6, y + 11, label + (" (M)" if c.mandatory else ""), 8.5, "end"))
        value = c.score if c.status == "decided" else c.suggested_score
        if value is None:
            body.append(_text(xpos(scale.min) + 4, y + 11, "not scored", 8, fill=MUTED))
            continue
        bw = max(1.5, xpos(value) - xpos(scale.min))
        if c.status == "decided":
            body.append(
                f'<rect x="{_f(left)}" y="{_f(y + 3)}" width="{_f(bw)}" '
                f'height="{_f(row_h - 6)}" fill="{INK}"/>'
            )
            tag = f"{value:g}"
        else:
            body.append(
                f'<rect x="{_f(left)}" y="{_f(y + 3)}" width="{_f(bw)}" '
                f'height="{_f(row_h - 6)}" fill="white" stroke="{INK}" stroke-width="1" '
                'stroke-dasharray="3 2"/>'
            )
            tag = f"{value:g} suggested"
        before = prev.get(c.id)
        if before is not None:
            body += _marker(xpos(before), y + 1, y + row_h - 1)
        body.append(_text(left + bw + 4, y + 11, tag, 8.5))
    if prev:
        body += _marker(left, h - 10, h - 1)
        body.append(_text(left + 5, h - 2, "previous assessment's score", 8, fill=MUTED))
    return _svg(w, h, body, "Bar chart of scores by criterion")


def _marker(x: float, y1: float, y2: float) -> list[str]:
    """Return the previous-score tick: red on a white casing, visible on a dark bar and in grey."""
    line = f'<line x1="{_f(x)}" y1="{_f(y1)}" x2="{_f(x)}" y2="{_f(y2)}" '
    return [
        line + 'stroke="white" stroke-width="3.4"/>',
        line + 'stroke="#b91c1c" stroke-width="1.6"/>',
    ]


def trend(report: Report) -> str:
    """Return the overall and group scores across assessments, oldest first."""
    hist, scale = report.history, report.scale
    if hist is None or len(hist.trend) < 2:
        return ""
    w, h, left, right, top, bottom = 640.0, 240.0, 40.0, 200.0, 16.0, 36.0
    plot_w, plot_h = w - left - right, h - top - bottom
    n = len(hist.trend)
    span = scale.max - scale.min

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + plot_w * i / (n - 1), top + plot_h * (1 - (v - scale.min) / span)

    body = [f'<rect width="{_f(w)}" height="{_f(h)}" fill="white"/>']
    for (lo, hi), band, colour in zip(
        _band_edges(scale), scale.bands, band_colours(scale), strict=True
    ):
        _, y1 = xy(0, hi)
        _, y0 = xy(0, lo)
        body.append(
            f'<rect x="{_f(left)}" y="{_f(y1)}" width="{_f(plot_w)}" '
            f'height="{_f(y0 - y1)}" fill="{colour}"/>'
        )
        body.append(_text(left + 4, y1 + 11, band.label, 8, fill=MUTED))
    for tick in range(int(scale.min), int(scale.max) + 1, max(1, int(span // 5))):
        _, y = xy(0, tick)
        body.append(_text(left - 5, y + 3, f"{tick:g}", 8, "end", MUTED))
    for i, p in enumerate(hist.trend):
        x, _ = xy(i, scale.min)
        body.append(_text(x, h - bottom + 14, p.date.isoformat(), 8.5, "middle"))
    series: list[tuple[str, list[float | None], str, float]] = [
        ("Overall", [p.overall for p in hist.trend], "", 2.6)
    ]
    for j, g in enumerate(report.summary.groups):
        series.append(
            (
                f"{g.id} {g.title}",
                [p.groups.get(g.id) for p in hist.trend],
                LINE_DASH[(j + 1) % len(LINE_DASH)] or "4 2",
                1.2,
            )
        )
    for k, (name, values, dash, width) in enumerate(series):
        pts = [xy(i, v) for i, v in enumerate(values) if v is not None]
        if not pts:
            continue
        colour = INK if k == 0 else MUTED
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(
            '<polyline points="'
            + " ".join(f"{_f(x)},{_f(y)}" for x, y in pts)
            + f'" fill="none" stroke="{colour}" stroke-width="{_f(width)}"{dash_attr}/>'
        )
        for x, y in pts:
            body.append(
                f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(width + 0.6)}" fill="{colour}"/>'
            )
        ly = top + 12 + 15 * k
        lx = w - right + 14
        body.append(
            f'<line x1="{_f(lx)}" y1="{_f(ly - 3)}" x2="{_f(lx + 18)}" y2="{_f(ly - 3)}" '
            f'stroke="{colour}" stroke-width="{_f(width)}"{dash_attr}/>'
        )
        last = values[-1]
        name = name if len(name) <= 26 else name[:25].rstrip() + "…"
        body.append(
            _text(
                lx + 22,
                ly,
                f"{name} {'' if last is None else f'{last:.1f}'}",
                8.5,
                weight="bold" if k == 0 else "normal",
            )
        )
    return _svg(w, h, body, "Trend of scores across assessments")


CHARTS = {"radar": radar, "bars": bars, "trend": trend}


def chart(report: Report, name: str) -> str:
    """Return a named chart's SVG, or an empty string when the report has nothing to plot."""
    return CHARTS[name](report)
