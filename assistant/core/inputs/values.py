"""Provides parsing of cell values: dates in the formats workbooks use, scores, lists of ids.

Each parser returns the value or raises `BadValue` with words a user can act on; the caller
turns that into a problem line naming the row and column.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

EXCEL_EPOCH = date(1899, 12, 30)
"""Day 0 of Excel's (1900) date serials, as spreadsheets count them after 1 March 1900."""
SERIAL_RANGE = (1, 109_574)
"""Serials read as dates: 1900-01-01 to 2199-12-31; other numbers are not dates."""
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for m in names
}
DATE_FORMATS = "2025-12-31, 31/12/2025, 31.12.2025, 31 Dec 2025, 2025-12, Dec 2025 or a date cell"


class BadValue(ValueError):
    """A cell value that cannot be used, with the reason in plain words."""


def parse_date(value: object) -> date:
    """Return the date a cell holds: a date cell, an Excel serial, or text in a known format.

    Numeric dates are read day first (31/12/2025), as written outside the US; 12/31/2025 is
    accepted only because 31 cannot be a month. A month alone (2025-12) means its first day.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise BadValue(f"'{value}' is not a date (use {DATE_FORMATS})")
    if isinstance(value, int | float):
        return _serial(float(value))
    text = str(value or "").strip()
    if not text:
        raise BadValue("empty")
    if re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
        return _serial(float(text))
    try:
        return _text_date(text)
    except ValueError:
        pass
    raise BadValue(f"'{text[:40]}' is not a date (use {DATE_FORMATS})")


def _serial(number: float) -> date:
    low, high = SERIAL_RANGE
    if not low <= number <= high:
        raise BadValue(f"{number:g} is not a date (use {DATE_FORMATS})")
    return EXCEL_EPOCH + timedelta(days=int(number))


def _text_date(text: str) -> date:
    t = text.strip().casefold()
    t = re.sub(r"[t ]00:00(:00)?$", "", t)
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t):
        return date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})", t):
        return date(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", t):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        if month > 12 and day <= 12:
            day, month = month, day
        return date(year, month, day)
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{4})", t):
        return date(int(m[3]), _month(m[2]), int(m[1]))
    if m := re.fullmatch(r"([a-z]+)\.? (\d{1,2}),? (\d{4})", t):
        return date(int(m[3]), _month(m[1]), int(m[2]))
    if m := re.fullmatch(r"([a-z]+)\.?[ -](\d{4})", t):
        return date(int(m[2]), _month(m[1]), 1)
    raise ValueError(text)


def _month(word: str) -> int:
    try:
        return _MONTHS[word]
    except KeyError:
        raise ValueError(word) from None


def parse_score(value: object, low: float, high: float, step: float = 1) -> float:
    """Return a score on the scale: ``7``, ``7.5``, ``7/10`` or ``70%`` (of the scale's top)."""
    if isinstance(value, bool):
        raise BadValue(f"'{value}' is not a score")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value or "").strip().replace(",", ".")
        if not text:
            raise BadValue("empty; give the organisation's score")
        if m := re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)\s*/\s*([0-9]+(?:\.[0-9]+)?)", text):
            out_of = float(m[2])
            if out_of != high:
                raise BadValue(f"'{text}' is out of {m[2]}, but the scale runs {low:g}-{high:g}")
            number = float(m[1])
        elif m := re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)\s*%", text):
            number = low + float(m[1]) / 100 * (high - low)
        else:
            try:
                number = float(text)
            except ValueError:
                raise BadValue(
                    f"'{text[:40]}' is not a score (a number {low:g}-{high:g})"
                ) from None
    if number != number or not low <= number <= high:
        raise BadValue(f"{number:g} is outside the scale {low:g}-{high:g}")
    return round(math.floor(number / step + 0.5) * step, 4)  # half up: 6.5 -> 7


def split_ids(value: object) -> list[str]:
    """Return the ids in a cell such as ``E1; E2, E3`` or one per line, in order, once each."""
    text = "" if value is None else str(value)
    parts = re.split(r"[,;\n\r|]+", text)
    out: list[str] = []
    for part in parts:
        item = part.strip()
        if item and item not in out:
            out.append(item)
    return out
