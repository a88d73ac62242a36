"""Provides the calibration report as Markdown and PDF, through the report exporter's machinery
(the same Markdown renderer, stylesheet and locked-down PDF printer)."""

from __future__ import annotations

import html
from pathlib import Path

from assistant.core.practice.calibration import Calibration
from assistant.core.practice.feedback import num, pct, score_text, summary_lines
from assistant.export.mdtext import esc


def calibration_markdown(cal: Calibration) -> str:
    """Return the calibration report as Markdown (user and case text escaped)."""
    out = [
        f"# Calibration: {esc(cal.case_title)}",
        "",
        f"Trainee: **{esc(cal.trainee)}** · case `{cal.case_id}`",
        "",
        *(f"- {esc(line)}" for line in summary_lines(cal)),
        "",
        "| Criterion | You | Band | Expert | Band | Missed | Warnings |",
        "|---|---:|---|---:|---|---:|---:|",
    ]
    for r in cal.criteria:
        out.append(
            f"| {r.id} {esc(r.title)} | {score_text(r.trainee_score)} | {r.trainee_band or '-'} "
            f"| {score_text(r.reference_score)} | {r.reference_band} | {len(r.missed)} "
            f"| {len(r.overweighted)} |"
        )
    out += ["", "## Criterion by criterion"]
    for r in cal.criteria:
        out += ["", f"### {r.id} {esc(r.title)}", ""]
        same = "same band" if r.trainee_band == r.reference_band else "a different band"
        out += [
            f"You scored **{score_text(r.trainee_score)}** ({r.trainee_band or '-'}); the expert "
            f"scored **{score_text(r.reference_score)}** ({r.reference_band}): {same}.",
            "",
            f"**Expert's rationale.** {esc(r.rationale)}",
            "",
        ]
        if r.found:
            out += ["**Key evidence you reached:**", "", *(f"- {esc(f)}" for f in r.found), ""]
        if r.missed:
            out += ["**What you missed:**", "", *(f"- {esc(m)}" for m in r.missed), ""]
        if r.overweighted:
            out += ["**What you over- or under-weighted:**", ""]
            out += [f"- {esc(m)}" for m in r.overweighted] + [""]
        if r.trap:
            out += [f"*Lesson:* {esc(r.trap)}", ""]
    out += [
        "",
        f"Band agreement {pct(cal.band_agreement)}, within ±1 {pct(cal.within_one)}, "
        f"quadratic-weighted kappa {num(cal.weighted_kappa)} over {len(cal.criteria)} criteria.",
    ]
    return "\n".join(out) + "\n"


def calibration_html(cal: Calibration) -> str:
    """Return the calibration report as one HTML document in the report stylesheet."""
    from assistant.export.html import page_css, render_markdown, stylesheet

    title = html.escape(f"Calibration - {cal.case_title}")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>\n{stylesheet()}{page_css('a4')}</style></head>"
        f"<body><main>{render_markdown(calibration_markdown(cal))}</main></body></html>\n"
    )


def write_calibration_pdf(cal: Calibration, path: Path) -> None:
    """Write the calibration report as PDF."""
    from assistant.export.pdf import html_to_pdf

    data = html_to_pdf(calibration_html(cal))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
