"""Provides the Transcript screen's rows: every turn once, with what the filters look at.

Rows are built once per assessment change; searching and filtering only test prepared
folded text (lower case, no accents: "cafe" finds "Café") and sets, so typing stays fast on
thousands of turns.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.bank.model import Bank
from assistant.core.evidence.sources import turn_criteria
from assistant.core.model import AssessmentData, Turn
from assistant.core.text import fold


@dataclass(frozen=True)
class TurnRow:
    """One turn with its speaker's code and role, its criteria and its searchable text."""

    turn: Turn
    code: str
    role: str | None
    criteria: tuple[str, ...]
    haystack: str

    @property
    def key(self) -> str:
        """The turn's citation key."""
        return self.turn.key


@dataclass(frozen=True)
class TurnFilter:
    """What the assessor narrowed the transcript to; empty fields match everything."""

    text: str = ""
    criterion: str | None = None
    role: str | None = None
    tag: str | None = None
    interview: str | None = None

    @property
    def empty(self) -> bool:
        """True when nothing is filtered out."""
        return not (self.text.strip() or self.criterion or self.role or self.tag or self.interview)


def turn_rows(bank: Bank, data: AssessmentData) -> list[TurnRow]:
    """Return a row per turn, interviews in order, turns in order."""
    rows: list[TurnRow] = []
    for turn in data.turns:
        person = data.speaker_of(turn)
        criteria = tuple(turn_criteria(bank, turn))
        code = person.code if person else "?"
        haystack = fold(
            " ".join((turn.question, turn.answer, code, turn.key, *criteria, *turn.tags))
        )
        rows.append(
            TurnRow(
                turn=turn,
                code=code,
                role=person.role if person else None,
                criteria=criteria,
                haystack=haystack,
            )
        )
    return rows


def matches(row: TurnRow, terms: list[str], f: TurnFilter) -> bool:
    """True when a row passes every filter and holds every search term."""
    if f.criterion and f.criterion not in row.criteria:
        return False
    if f.role and row.role != f.role:
        return False
    if f.tag and f.tag not in row.turn.tags:
        return False
    if f.interview and row.turn.interview_id != f.interview:
        return False
    return all(term in row.haystack for term in terms)


def filter_rows(rows: list[TurnRow], f: TurnFilter) -> list[TurnRow]:
    """Return the rows that pass the filter, in order."""
    if f.empty:
        return list(rows)
    terms = fold(f.text).split()
    return [row for row in rows if matches(row, terms, f)]


CHANGE_MARKS: dict[str, tuple[str, str]] = {
    "edited": ("✎", "answer edited after saving (old text in the audit log)"),
    "tagged": ("#", "tags or criteria changed after saving; the answer is as given"),
    "changed": ("✎", "changed after saving (see the audit log)"),
}
"""How the transcript marks a turn changed after saving: symbol and words, by `change_kind`."""


def change_mark(turn: Turn) -> tuple[str, str]:
    """Return the symbol and words for how a turn changed after saving (("", "") if never)."""
    return CHANGE_MARKS.get(turn.change_kind, ("", ""))
