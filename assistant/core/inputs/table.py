"""Provides the sheet read from a file (`Table`), column matching by name, and `Problem` lines.

Column names are matched without regard to case, spaces or punctuation ("Self score",
"self-score", "SELF_SCORE" are one name), each field with a few synonyms; an unknown column is
reported once and ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar


@dataclass(frozen=True)
class Problem:
    """One problem with an input file: where (row and column, when known) and what."""

    where: str
    text: str

    def line(self, file: str) -> str:
        """Return the problem as one line naming the file: ``book.xlsx: row 7, column C: ...``."""
        return f"{file}: {self.where}: {self.text}" if self.where else f"{file}: {self.text}"


@dataclass(frozen=True)
class Row:
    """One data row: its number as the user sees it, its values, and cells that cannot be read."""

    number: int
    values: tuple[object, ...]
    bad: dict[int, str] = field(default_factory=dict)
    """Column index -> why the cell has no usable value (a formula never calculated, #REF!)."""

    def value(self, column: int | None) -> object:
        """Return the value in a column, None when the row is shorter or there is no column."""
        if column is None or column >= len(self.values):
            return None
        return self.values[column]

    def is_blank(self) -> bool:
        """Return whether every cell is empty."""
        return not self.bad and all(text_of(v) == "" for v in self.values)


@dataclass
class Table:
    """A sheet or CSV file as read: its header row, the data rows below it, and reading notes."""

    name: str
    headers: list[str]
    rows: list[Row]
    header_row: int = 1
    sheet: str | None = None
    notes: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Column:
    """A field an input file may carry, the names it goes by, and whether it must be there."""

    name: str
    label: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    def keys(self) -> set[str]:
        """Return every normalised name this field is recognised by."""
        return {key(n) for n in (self.name, self.label, *self.synonyms)}


def key(text: str) -> str:
    """Return a column name without case, spaces or punctuation: ``Self-score`` -> ``selfscore``."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def text_of(value: object) -> str:
    """Return a cell as trimmed text ('' for empty); whole floats lose their ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def letter(column: int) -> str:
    """Return the spreadsheet letter of a 0-based column index: 0 -> A, 27 -> AB."""
    out = ""
    n = column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def where(row: int, column: int | None = None, header: str = "") -> str:
    """Return ``row 7, column C 'Self score'`` for problem lines."""
    if column is None:
        return f"row {row}"
    name = f" '{header}'" if header else ""
    return f"row {row}, column {letter(column)}{name}"


def header_match(headers: Sequence[str], columns: Sequence[Column]) -> bool:
    """Return whether a row of cells holds every required column's name (a header row)."""
    found = {key(h) for h in headers if h}
    return all(found & c.keys() for c in columns if c.required)


def map_columns(
    headers: Sequence[str], columns: Sequence[Column]
) -> tuple[dict[str, int], list[Problem], list[str]]:
    """Match header cells to fields.

    Returns the column index of each field found, problems (unknown columns, a field given
    twice) and the labels of required fields that are missing (the file cannot be imported).
    """
    by_key: dict[str, Column] = {}
    for col in columns:
        for k in col.keys():
            by_key.setdefault(k, col)
    found: dict[str, int] = {}
    problems: list[Problem] = []
    unknown: list[str] = []
    for index, header in enumerate(headers):
        name = header.strip()
        if not name:
            continue
        match = by_key.get(key(name))
        if match is None:
            unknown.append(f"{letter(index)} '{name}'")
        elif match.name in found:
            first = found[match.name]
            problems.append(
                Problem(
                    f"column {letter(index)} '{name}'",
                    f"also means {match.label} (column {letter(first)} is used); ignored",
                )
            )
        else:
            found[match.name] = index
    if unknown:
        known = ", ".join(c.label for c in columns)
        problems.append(
            Problem(
                "header row",
                f"column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} not recognised; "
                f"ignored (known columns: {known})",
            )
        )
    missing = [c.label for c in columns if c.required and c.name not in found]
    return found, problems, missing


@dataclass
class Rows:
    """What reading a table's rows shares: the columns found, ids seen, problems so far."""

    table: Table
    found: dict[str, int]
    problems: list[Problem]
    seen: dict[str, int] = field(default_factory=dict)
    """Normalised id -> the row that first gave it (a second row with it is a problem)."""

    def place(self, row: Row, column: int) -> str:
        """Return ``row 7, column C 'Self score'``."""
        headers = self.table.headers
        return where(row.number, column, headers[column] if column < len(headers) else "")

    def problem(self, row: Row, column: int, text: str) -> None:
        """Record a problem on one cell."""
        self.problems.append(Problem(self.place(row, column), text))

    def unreadable(self, row: Row) -> None:
        """Record the row's cells that cannot be read, in the columns that are used."""
        for column, why in sorted(row.bad.items()):
            if column in self.found.values():
                self.problem(row, column, why)


T = TypeVar("T")


def read_rows(
    table: Table, columns: Sequence[Column], make: Callable[[Row, Rows], T | None]
) -> tuple[list[T], list[Problem], list[str]]:
    """Match the columns, then `make` one value per non-blank row (None: the row had a problem).

    Returns the values, every problem (reading notes first) and the required columns missing;
    when any is missing no row is read.
    """
    found, problems, missing = map_columns(table.headers, columns)
    rows = Rows(table, found, list(table.notes) + problems)
    if missing:
        return [], rows.problems, missing
    out: list[T] = []
    for row in table.rows:
        if row.is_blank():
            continue
        value = make(row, rows)
        if value is not None:
            out.append(value)
    return out, rows.problems, missing
