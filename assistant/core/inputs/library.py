"""Provides the evidence library: the organisation's register of evidence, read before interviews.

Each row gives an item's id in the library, title, owner, date, version, location and the
criteria it supports. Items dated more than the bank's `evidence_window_months` before the
assessment are stale: still listed, flagged in the app and the report's evidence register.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.core.bank.model import Bank
from assistant.core.inputs.selfassess import criterion_index, unknown_criterion
from assistant.core.inputs.table import Column, Problem, Row, Rows, Table, key, read_rows, text_of
from assistant.core.inputs.values import BadValue, parse_date, split_ids
from assistant.core.model import EVIDENCE_TYPES, AssessmentData, Evidence, EvidenceType
from assistant.core.report.history import assessment_date

COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        "id",
        ("evidence id", "ref", "evidence ref", "doc id", "document id", "no", "number", "item"),
        required=True,
    ),
    Column("title", "title", ("name", "document", "document title", "evidence", "description")),
    Column("owner", "owner", ("responsible", "author", "owned by", "document owner")),
    Column(
        "date",
        "date",
        (
            "dated",
            "issue date",
            "date of issue",
            "issued",
            "last updated",
            "updated",
            "last reviewed",
            "review date",
            "version date",
        ),
    ),
    Column("version", "version", ("ver", "rev", "revision", "issue")),
    Column("location", "location", ("link", "url", "path", "where", "file", "folder")),
    Column(
        "criteria",
        "criteria",
        ("criterion", "attributes", "attribute", "criterion ids", "maps to", "linked criteria"),
    ),
    Column("type", "type", ("evidence type", "kind")),
)


@dataclass(frozen=True)
class LibraryItem:
    """One good row of the library."""

    library_id: str
    title: str
    owner: str
    dated: date | None
    version: str
    location: str
    criteria: tuple[str, ...]
    type: EvidenceType
    row: int


@dataclass(frozen=True)
class LibraryImport:
    """What a library sheet gave: good rows, problem lines, required columns missing."""

    items: tuple[LibraryItem, ...]
    problems: tuple[Problem, ...]
    missing: tuple[str, ...] = ()


def read_library(table: Table, bank: Bank, today: date) -> LibraryImport:
    """Read a library sheet; a row with any problem is left out and named, the rest kept."""
    ids = criterion_index(bank)

    def make(row: Row, rows: Rows) -> LibraryItem | None:
        return _item(row, rows, bank, ids, today)

    items, problems, missing = read_rows(table, COLUMNS, make)
    return LibraryImport(tuple(items), tuple(problems), tuple(missing))


def _item(row: Row, rows: Rows, bank: Bank, ids: dict[str, str], today: date) -> LibraryItem | None:
    found = rows.found
    before = len(rows.problems)
    rows.unreadable(row)
    icol = found["id"]
    library_id = text_of(row.value(icol))
    if not library_id:
        rows.problem(row, icol, "no evidence id; row not imported")
    elif key(library_id) in rows.seen:
        first = rows.seen[key(library_id)]
        rows.problem(row, icol, f"id {library_id} already given on row {first}; row not imported")
    dated: date | None = None
    dcol = found.get("date")
    if dcol is not None and dcol not in row.bad and text_of(row.value(dcol)):
        try:
            dated = parse_date(row.value(dcol))
            if dated > today:
                rows.problem(row, dcol, f"{dated.isoformat()} is in the future")
        except BadValue as exc:
            rows.problem(row, dcol, str(exc))
    criteria: list[str] = []
    ccol = found.get("criteria")
    for given in split_ids(row.value(ccol)):
        cid = ids.get(key(given))
        if cid is None:
            rows.problem(row, ccol or 0, unknown_criterion(bank, given))
        elif cid not in criteria:
            criteria.append(cid)
    kind: EvidenceType = "document"
    tcol = found.get("type")
    given_type = text_of(row.value(tcol)).casefold()
    if given_type:
        match = [t for t in EVIDENCE_TYPES if t.startswith(given_type[:4])]
        if match:
            kind = match[0]
        else:
            rows.problem(
                row,
                tcol or 0,
                f"'{given_type[:30]}' is not an evidence type ({', '.join(EVIDENCE_TYPES)})",
            )
    if len(rows.problems) > before:
        return None
    rows.seen[key(library_id)] = row.number
    location = text_of(row.value(found.get("location")))
    return LibraryItem(
        library_id=library_id,
        title=text_of(row.value(found.get("title"))) or location or library_id,
        owner=text_of(row.value(found.get("owner"))),
        dated=dated,
        version=text_of(row.value(found.get("version"))),
        location=location,
        criteria=tuple(criteria),
        type=kind,
        row=row.number,
    )


def months_before(day: date, months: int) -> date:
    """Return the date `months` calendar months before `day` (the 31st becomes the month's end)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def is_stale(evidence: Evidence, bank: Bank, on: date) -> bool:
    """Return whether an item is dated before the bank's evidence window ending on `on`."""
    window = bank.corroboration.evidence_window_months
    if window is None or evidence.dated is None:
        return False
    return evidence.dated < months_before(on, window)


def stale_words(evidence: Evidence, bank: Bank, on: date) -> str:
    """Return ``stale: dated 2023-05-01, more than 12 months before 2025-06-01`` or ''."""
    if not is_stale(evidence, bank, on) or evidence.dated is None:
        return ""
    window = bank.corroboration.evidence_window_months
    return (
        f"stale: dated {evidence.dated.isoformat()}, more than {window} months "
        f"before {on.isoformat()}"
    )


def stale_in(bank: Bank, data: AssessmentData, evidence: Evidence) -> str:
    """Return an item's stale flag measured to the assessment's date (start, else creation)."""
    return stale_words(evidence, bank, assessment_date(data))


def criterion_inputs(bank: Bank, data: AssessmentData, criterion_id: str) -> list[tuple[str, bool]]:
    """Return what the organisation brought for one criterion, as (line, warn) pairs.

    Its self-score and the evidence it cites, then each library item linked to the criterion or
    cited for it, with its date, version and whether it is verified; `warn` marks stale items
    and evidence cited that is not in the library. Shown in the side panel and on Scores.
    """
    out: list[tuple[str, bool]] = []
    titles = {key(e.library_id): e for e in data.evidence if e.library_id}
    mine = next((s for s in data.self_assessment if s.criterion_id == criterion_id), None)
    if mine is not None:
        band = bank.scale.band_for(mine.score).label
        out.append((f"Self-assessed {mine.score:g} ({band})", False))
        for ref in mine.evidence_refs:
            if key(ref) not in titles:
                out.append((f"cites {ref}: not in the evidence library", True))
    cited = {key(r) for r in mine.evidence_refs} if mine is not None else set()
    for e in data.evidence:
        if not e.library_id or (criterion_id not in e.criteria and key(e.library_id) not in cited):
            continue
        stale = stale_in(bank, data, e)
        bits = [e.version and f"v{e.version}", e.dated.isoformat() if e.dated else ""]
        shown = ", ".join(b for b in bits if b)
        state = "verified" if e.verified else "not verified"
        line = f"{e.library_id} {e.title}" + (f" ({shown})" if shown else "") + f", {state}"
        out.append((line + (" · STALE" if stale else ""), bool(stale)))
    return out
