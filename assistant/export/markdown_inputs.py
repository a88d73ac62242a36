"""Provides the Markdown of the report's parts from the organisation's inputs and the setup:
the self-assessment comparison, the interview schedule, and the evidence register's dates."""

from __future__ import annotations

import re

from assistant.core.report.model import EvidenceRow, Report
from assistant.export.mdtext import DASH, esc, score, table

BASIS_WORDS = {"assessor": "assessor", "reading": "reading", "nothing": "no commentary"}


def section_after(previous: str) -> str:
    """Return the number for a section placed after `previous`: ``5a`` after ``## 5. ...``."""
    found = re.findall(r"^## ([0-9]+)\.", previous, flags=re.M)
    return f"{found[-1]}a" if found else "A"


def self_assessment(r: Report, number: str = "") -> str:
    """Return the section comparing the self-assessment with the assessment ('' without one).

    `number` is its section number (it follows the numbered sections it sits between).
    """
    sa = r.self_assessment
    if sa is None:
        return ""
    source = f" ({esc(', '.join(sa.sources))})" if sa.sources else ""
    out = [
        f"## {number + '. ' if number else ''}Self-assessment compared",
        f"The organisation scored {len(sa.rows)} criteria itself{source}. Each self-score is "
        "set against the assessor's score where one is decided, otherwise against the "
        "suggested reading of the organisation's own commentary (a reading of its words, not a "
        f"verdict). {sa.overstated} criteria sit in a higher band than that basis and "
        f"{sa.understated} in a lower one; the largest overstatements come first.",
        table(
            ["Criterion", "Self", "Reading", "Assessor", "Gap", "Against", "Its evidence refs"],
            (
                [
                    f"{esc(x.criterion_id)}{' (M)' if x.mandatory else ''} {esc(x.title)}",
                    f"{score(x.self_score)} {esc(x.self_band)}",
                    f"{score(x.reading_score)} {esc(x.reading_band or '')}".strip(),
                    f"{score(x.assessor_score)} {esc(x.assessor_band or '')}".strip(),
                    ("**" if x.overstated else "") + _gap(x.gap) + ("**" if x.overstated else ""),
                    BASIS_WORDS.get(x.compared_with, x.compared_with),
                    esc(", ".join(x.evidence_refs), 200) or DASH,
                ]
                for x in sa.rows
            ),
            "lrrrrll",
        ),
    ]
    return "\n\n".join(out)


def _gap(value: float) -> str:
    return "0" if value == 0 else f"{value:+g}".replace("-", "−")


def schedule(r: Report) -> str:
    """Return the planned schedule and its checks for the method section ('' when none)."""
    m = r.method
    if not m.schedule:
        return ""
    out = [
        "### Interviews planned",
        table(
            ["Day", "Time", "Site", "Role", "Minutes", "Criteria"],
            (
                [
                    str(s.day),
                    esc(s.time),
                    esc(s.site, 200) or DASH,
                    esc(s.role.capitalize()),
                    str(s.minutes),
                    esc(", ".join(s.criteria), 300) or "chosen at the interview",
                ]
                for s in m.schedule
            ),
            "llllrl",
        ),
    ]
    if m.schedule_checks:
        out.append("\n".join(f"- {esc(x)}" for x in m.schedule_checks))
    return "\n\n".join(out)


def dated(e: EvidenceRow) -> str:
    """Return the evidence register's date cell: ``2024-01-31, v3 (stale)``."""
    bits = [str(e.dated) if e.dated else "", f"v{esc(e.version, 40)}" if e.version else ""]
    text = ", ".join(b for b in bits if b) or DASH
    return f"{text} (**stale**)" if e.stale else text


def has_library(r: Report) -> bool:
    """Return whether any register item carries a library date or version (adds a column)."""
    return any(e.dated or e.version or e.stale for e in r.evidence)


def reference(e: EvidenceRow) -> str:
    """Return the register's reference cell: the library id (when any) and where the item is."""
    lib = f"library {esc(e.library_id, 80)}" if e.library_id else ""
    return "; ".join(x for x in (lib, esc(e.reference, 300)) if x) or DASH
