"""Provides the text helpers of the Markdown export: escaping user text, numbers and tables.

Every piece of user text (organisation, notes, answers quoted in findings, evidence titles) goes
through `esc`: control and direction characters are dropped, length is capped, and Markdown and
HTML punctuation is backslash-escaped, so a note can never open a link, an image, a heading or a
tag. Only the structure the exporter writes is Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

CELL_LIMIT = 1_500
"""Characters of user text kept in a table cell."""
TEXT_LIMIT = 20_000
"""Characters of user text kept in a paragraph (markdown-it's cost grows with nesting)."""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_PUNCT = re.compile(r"([\\`*_{}\[\]<>#|~!&$])")
_LEADING = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")
DASH = "–"


@dataclass(frozen=True)
class Part:
    """A piece of the report: the cover block, Markdown text, or the name of a chart."""

    kind: Literal["cover", "md", "chart"]
    text: str


def plain(text: object, limit: int = TEXT_LIMIT) -> str:
    """Return user text on one line, without control or direction characters, capped in length."""
    flat = " ".join(_CONTROL.sub(" ", str(text)).split())
    if len(flat) > limit:
        flat = flat[:limit].rstrip() + " … [truncated]"
    return flat


def esc(text: object, limit: int = TEXT_LIMIT) -> str:
    """Return user text safe to place inline in Markdown: one line, capped, punctuation escaped."""
    flat = _PUNCT.sub(r"\\\1", plain(text, limit))
    return _LEADING.sub(_escape_leading, flat)


def _escape_leading(m: re.Match[str]) -> str:
    """Escape what would start a list, quote or heading underline: ``-``, ``>``, ``1.``."""
    lead, mark = m.group(1), m.group(2)
    return lead + (mark + "\\" if mark[0].isdigit() else "\\" + mark)


def num(value: float | None, digits: int = 1) -> str:
    """Format an aggregate score; a dash when there is none."""
    return DASH if value is None else f"{value:.{digits}f}"


def score(value: float | None) -> str:
    """Format a criterion score as given (7, 6.5); a dash when there is none."""
    return DASH if value is None else f"{value:g}"


def table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> str:
    """Return a Markdown table; cells must already be escaped. `align` holds l/r/c per column."""
    marks = {"l": ":---", "r": "---:", "c": ":---:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(marks.get(a, "---") for a in align.ljust(len(header), "l")) + " |",
    ]
    lines += ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]
    return "\n".join(lines)


def date_text(value: object) -> str:
    """Format a date; a dash when there is none."""
    return DASH if value is None else str(value)
