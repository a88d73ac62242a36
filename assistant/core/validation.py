"""Provides one wording for typed-validation problems, shared by bank files and session files.

A pydantic error becomes a short phrase after its location, for example
``groups[2].criteria[0].questions[3].audience: must be one of lead, stakeholder, staff, any``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Final

_WORDS: Final[dict[str, str]] = {
    "string_type": "must be text",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of keys to values",
    "model_type": "must be a mapping of keys to values",
    "model_attributes_type": "must be a mapping of keys to values",
    "missing": "required field missing",
    "extra_forbidden": "unknown field",
    "datetime_type": "must be a date and time",
    "datetime_parsing": "must be a date and time",
    "datetime_from_date_parsing": "must be a date and time",
    "date_type": "must be a date",
    "date_parsing": "must be a date",
    "date_from_datetime_parsing": "must be a date",
    "string_too_short": "must not be empty",
    "string_pattern_mismatch": "must use only letters, digits, '.', '_' and '-'",
}


def format_loc(loc: Iterable[str | int]) -> str:
    """Render a location tuple as ``groups[2].criteria[0].title``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def error_words(error: Mapping[str, Any], unknown_key: str = "unknown field") -> str:
    """Return a pydantic error as a short phrase (``must be one of fact, opinion``)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected}"
    if kind == "extra_forbidden":
        return unknown_key
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return f"must have at least {n} item{'s' if n != 1 else ''}"
    for bound, word in (
        ("ge", "at least"),
        ("gt", "greater than"),
        ("le", "at most"),
        ("lt", "less than"),
    ):
        if bound in ctx:
            return f"must be {word} {ctx[bound]}"
    return _WORDS.get(kind, str(error.get("msg", "invalid value")).rstrip(".").lower())
