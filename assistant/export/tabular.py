"""Provides the CSV export (one row per criterion) and the JSON export (the whole report model).

CSV cells that a spreadsheet would read as a formula (starting with ``= + - @``, tab or carriage
return) are prefixed with an apostrophe and quoted, so a note can never run as a formula (OWASP
CSV injection advice). Every cell holding a carriage return or line feed is quoted too: Python's
csv module with ``lineterminator="\n"`` leaves a lone CR unquoted, and a spreadsheet then starts
a new row there (``ok\r=cmd|...`` became a formula row). Numbers are written as numbers.
"""

from __future__ import annotations

import io
import re

from assistant.core.report.model import Report

CSV_COLUMNS = (
    "criterion_id",
    "title",
    "group_id",
    "mandatory",
    "status",
    "score",
    "band",
    "suggested_score",
    "suggested_band",
    "accepted_suggestion",
    "override_reason",
    "lead_sources",
    "stakeholder_sources",
    "staff_sources",
    "evidence",
    "verified",
    "previous_score",
    "change",
    "warnings",
    "comment",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str | int | float:
    """Return a value safe for a spreadsheet cell: numbers as they are, text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = str(value).replace("\x00", "")
    return "'" + text if text.startswith(_FORMULA_START) else text


_MUST_QUOTE = re.compile(r'[",\r\n]')


def csv_field(value: str | int | float) -> str:
    """Return one CSV field: numbers bare; text quoted when it holds a quote, comma, CR or LF,
    or was defused (starts with an apostrophe), with inner quotes doubled."""
    if isinstance(value, int | float):
        return str(value)
    if _MUST_QUOTE.search(value) or value.startswith("'"):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_row(values: list[str | int | float]) -> str:
    """Return one CSV line (LF-terminated) of already defused cells."""
    return ",".join(csv_field(v) for v in values) + "\n"


def to_csv(report: Report) -> str:
    """Return one CSV row per criterion, with a header row."""
    previous = {c.id: c for c in report.history.criteria} if report.history else {}
    out = io.StringIO()
    out.write(csv_row(list(CSV_COLUMNS)))
    for c in report.criteria:
        before = previous.get(c.id)
        out.write(
            csv_row(
                [
                    cell(v)
                    for v in (
                        c.id,
                        c.title,
                        c.group_id,
                        c.mandatory,
                        c.status,
                        c.score,
                        c.band,
                        c.suggested_score,
                        c.suggested_band,
                        c.accepted_suggestion,
                        c.override_reason,
                        c.sources.get("lead", 0),
                        c.sources.get("stakeholder", 0),
                        c.sources.get("staff", 0),
                        c.evidence,
                        c.verified,
                        before.previous if before else None,
                        before.change if before else None,
                        "; ".join(c.warnings),
                        c.comment,
                    )
                ]
            )
        )
    return out.getvalue()


def to_json(report: Report) -> str:
    """Return the full report model as indented JSON."""
    return report.model_dump_json(indent=2) + "\n"
