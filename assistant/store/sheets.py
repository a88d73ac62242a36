"""Provides reading an input sheet (XLSX workbook or CSV file) into a `Table` of raw cells.

What an organisation sends is rarely tidy, so reading says what it did rather than failing:
the first sheet with the expected columns is used (and named when there are others); the header
row is found within the first rows (title rows above it are skipped); merged cells repeat their
value over the range; formulas give their saved (cached) value, and a formula never calculated
is a problem on its cell; CSV files may be UTF-8 with or without a byte-order mark, UTF-16, or
Windows-1252, separated by commas, semicolons or tabs. A file over `MAX_BYTES`, or a workbook
that unpacks to more than `MAX_UNPACKED`, is refused in one line.

openpyxl is imported inside `_xlsx` so that starting the app does not pay for it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.core.errors import AssessorError
from assistant.core.inputs.table import Column, Problem, Row, Table, header_match, letter, text_of

MAX_BYTES = 10 * 1024 * 1024
"""Largest input file read: a self-assessment or evidence library is far smaller."""
MAX_UNPACKED = 100 * 1024 * 1024
"""Largest total a workbook may unpack to (an XLSX is a zip file; this stops zip bombs)."""
HEADER_ROWS = 20
"""How far down the header row is looked for."""


class SheetError(AssessorError):
    """An input file that cannot be read at all; one line naming the file."""


def read_table(path: Path, columns: Sequence[Column]) -> Table:
    """Read `path` (XLSX or CSV) into a table whose header row names the required columns."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise SheetError(f"{path}: no such file") from None
    except OSError as exc:
        raise SheetError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if path.is_dir():
        raise SheetError(f"{path}: is a folder, not a workbook or CSV file")
    if size > MAX_BYTES:
        raise SheetError(
            f"{name}: {size / 1024 / 1024:.1f} MB is over the {MAX_BYTES // 1024 // 1024} MB "
            "an input sheet may be; save only the sheet needed, or as CSV"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SheetError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    suffix = path.suffix.casefold()
    if suffix in (".xls", ".ods", ".numbers"):
        raise SheetError(f"{name}: {suffix} files are not read; save it as .xlsx or .csv")
    if raw.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        return _xlsx(path, raw, columns)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError(f"{name}: an old Excel (.xls) file; save it as .xlsx or .csv")
    return _csv(name, raw, columns)


# ---------------------------------------------------------------- CSV


def decode(name: str, raw: bytes) -> tuple[str, list[Problem]]:
    """Return the text of a CSV file and a note when it was not UTF-8."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            raise SheetError(f"{name}: marked as UTF-16 but not valid UTF-16") from None
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    try:
        text = raw.decode("cp1252")
        used = "Windows-1252 (cp1252)"
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
        used = "Latin-1"
    note = Problem("", f"not UTF-8 (first at {where}); read as {used}: check accented letters")
    return text, [note]


def _csv(name: str, raw: bytes, columns: Sequence[Column]) -> Table:
    text, notes = decode(name, raw)
    if "\x00" in text:
        raise SheetError(f"{name}: holds NUL characters; not a CSV text file")
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SheetError(f"{name}: not a readable CSV file ({exc})") from None
    grid: list[tuple[object, ...]] = [tuple(r) for r in records]
    return _table(name, None, grid, {}, notes, columns)


# ---------------------------------------------------------------- XLSX


def _xlsx(path: Path, raw: bytes, columns: Sequence[Column]) -> Table:
    name = path.name
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile:
        raise SheetError(
            f"{name}: not a readable .xlsx workbook (damaged or another format)"
        ) from None
    if unpacked > MAX_UNPACKED:
        raise SheetError(
            f"{name}: unpacks to {unpacked // 1024 // 1024} MB, over the "
            f"{MAX_UNPACKED // 1024 // 1024} MB an input workbook may; save only the sheet needed"
        )
    from openpyxl import load_workbook  # lazily: start-up does not pay for it

    try:
        values = load_workbook(io.BytesIO(raw), data_only=True)
        formulas = load_workbook(io.BytesIO(raw), data_only=False, read_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise SheetError(
            f"{name}: not a readable .xlsx workbook ({type(exc).__name__}: {str(exc)[:80]})"
        ) from None
    sheets = values.sheetnames
    for title in sheets:
        ws = values[title]
        grid = [tuple(r) for r in ws.iter_rows(values_only=True)]
        if _find_header(grid, columns) is None:
            continue
        notes: list[Problem] = []
        if len(sheets) > 1:
            others = ", ".join(f"'{s}'" for s in sheets if s != title)
            notes.append(
                Problem(
                    "", f"read sheet '{title}' (the first with the columns); not read: {others}"
                )
            )
        grid, merged = _unmerge(ws, grid)
        notes.extend(merged)
        bad = _formula_problems(formulas[title], ws)
        formulas.close()
        return _table(name, title, grid, bad, notes, columns)
    needed = " and ".join(f"'{c.label}'" for c in columns if c.required)
    listed = ", ".join(f"'{s}'" for s in sheets)
    raise SheetError(
        f"{name}: no sheet has a {needed} column in its first {HEADER_ROWS} rows (sheets: {listed})"
    )


def _unmerge(
    ws: Any, grid: list[tuple[object, ...]]
) -> tuple[list[tuple[object, ...]], list[Problem]]:
    """Repeat each merged range's value over its cells; say so once per range."""
    rows = [list(r) for r in grid]
    notes: list[Problem] = []
    for rng in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        top = rows[rng.min_row - 1][rng.min_col - 1] if rng.min_row <= len(rows) else None
        for r in range(rng.min_row, min(rng.max_row, len(rows)) + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                row = rows[r - 1]
                while len(row) < c:
                    row.append(None)
                row[c - 1] = top
        span = (
            f"rows {rng.min_row}-{rng.max_row}"
            if rng.max_row > rng.min_row
            else f"row {rng.min_row}"
        )
        notes.append(
            Problem(
                f"cells {rng.coord}",
                f"merged; the value '{text_of(top)[:30]}' is used on every cell ({span})",
            )
        )
    return [tuple(r) for r in rows], notes


def _formula_problems(formulas: Any, values: Any) -> dict[tuple[int, int], str]:
    """Return (row, column) -> why, for formulas with no saved value and error cells.

    `formulas` is the sheet read for its formulas (read-only: a streaming pass, no styles).
    """
    bad: dict[tuple[int, int], str] = {}
    for row in formulas.iter_rows():
        for cell in row:
            if getattr(cell, "row", None) is None:  # an empty cell of a read-only sheet
                continue
            if cell.data_type == "f":
                shown = values.cell(row=cell.row, column=cell.column).value
                formula = str(getattr(cell.value, "text", cell.value))[:40]
                if shown is None:
                    bad[(cell.row, cell.column - 1)] = (
                        f"formula {formula} has no saved value (never calculated); open and "
                        "save the workbook in Excel or LibreOffice, or type the value"
                    )
                elif isinstance(shown, str) and shown.startswith("#"):
                    bad[(cell.row, cell.column - 1)] = f"formula {formula} shows the error {shown}"
            elif cell.data_type == "e":
                bad[(cell.row, cell.column - 1)] = f"the cell shows the error {cell.value}"
    return bad


# ---------------------------------------------------------------- both


def _find_header(grid: Sequence[Sequence[object]], columns: Sequence[Column]) -> int | None:
    for index, row in enumerate(grid[:HEADER_ROWS]):
        if header_match([text_of(v) for v in row], columns):
            return index
    return None


def _table(
    name: str,
    sheet: str | None,
    grid: list[tuple[object, ...]],
    bad: dict[tuple[int, int], str],
    notes: list[Problem],
    columns: Sequence[Column],
) -> Table:
    at = _find_header(grid, columns)
    if at is None:
        needed = " and ".join(f"'{c.label}'" for c in columns if c.required)
        raise SheetError(
            f"{name}: no header row with a {needed} column in the first {HEADER_ROWS} rows"
        )
    headers = [text_of(v) for v in grid[at]]
    rows = []
    for index in range(at + 1, len(grid)):
        number = index + 1
        cells = {c: why for (r, c), why in bad.items() if r == number}
        rows.append(Row(number, grid[index], cells))
    return Table(name=name, headers=headers, rows=rows, header_row=at + 1, sheet=sheet, notes=notes)


__all__ = ["MAX_BYTES", "SheetError", "decode", "letter", "read_table"]
