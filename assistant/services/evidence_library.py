"""Provides the evidence-library use cases: import the organisation's register, verify, list.

`import_library` builds the evidence register before the interviews from the organisation's
sheet. Re-importing updates items by their library id, audited; it never touches who verified
an item or when, and says so when a verified item's date or version changed since. Items dated
before the bank's evidence window are flagged stale (`register`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.inputs.library import COLUMNS, read_library, stale_in
from assistant.core.inputs.table import key
from assistant.core.model import Evidence
from assistant.services.selfassess import (
    ImportResult,
    lines,
    missing_columns,
    read_input,
    skipped,
    where_read,
)

if TYPE_CHECKING:
    from assistant.core.bank.model import Bank
    from assistant.core.model import AssessmentData
    from assistant.services.opening import OpenAssessment


def import_library(opened: OpenAssessment, path: Path) -> ImportResult:
    """Import an evidence-library sheet; see the module docstring."""
    session = opened.session
    table = read_input(path, COLUMNS)
    got = read_library(table, opened.bank, session.stamps.clock().date())
    if got.missing:
        raise missing_columns(table, got.missing)
    have = {key(e.library_id): e for e in session.data.evidence if e.library_id}
    added: list[Evidence] = []
    changed: list[Evidence] = []
    notes: list[str] = []
    for item in got.items:
        values: dict[str, Any] = {
            "type": item.type,
            "title": item.title,
            "owner": item.owner,
            "dated": item.dated,
            "version": item.version,
            "reference": item.location,
            "criteria": list(item.criteria),
            "library_id": item.library_id,
        }
        old = have.get(key(item.library_id))
        if old is None:
            added.append(Evidence(**session.stamps.fill(Evidence, values)))
            continue
        new = old.model_copy(update=values)
        if new == old:
            continue
        changed.append(new)
        if old.verified and (old.version != new.version or old.dated != new.dated):
            who = f" by {old.verified_by}" if old.verified_by else ""
            when = f" on {old.verified_at:%Y-%m-%d}" if old.verified_at else ""
            notes.append(
                f"{table.name}: row {item.row}: {item.library_id} changed "
                f"(version {old.version or '-'} -> {new.version or '-'}, dated "
                f"{old.dated or '-'} -> {new.dated or '-'}) since it was verified{who}{when}; "
                "the verification is kept: check it again"
            )
    session.save_library(added, changed, why=f"imported from {table.name}")
    return ImportResult(
        file=table.name,
        added=len(added),
        changed=len(changed),
        unchanged=len(got.items) - len(added) - len(changed),
        problems=lines(table, got.problems) + tuple(notes),
        where=where_read(table),
        skipped=skipped(table, len(got.items)),
    )


def find_evidence(data: AssessmentData, ref: str) -> Evidence:
    """Return an evidence item by its id or its library id (NotFoundError otherwise)."""
    for item in data.evidence:
        if item.id == ref:
            return item
    for item in data.evidence:
        if item.library_id and key(item.library_id) == key(ref):
            return item
    raise NotFoundError(f"no evidence '{ref}' (give its id or its library id)")


def verify(opened: OpenAssessment, ref: str, by: str, note: str = "") -> Evidence:
    """Mark an evidence item verified by `by` now; audited."""
    if not by.strip():
        raise AssessorError("evidence.verified_by: say who verified it")
    item = find_evidence(opened.data, ref)
    new = item.model_copy(
        update={
            "verified": True,
            "verified_by": by.strip(),
            "verified_at": opened.session.stamps.clock(),
        }
    )
    return opened.session.update_evidence(new, why=note or "verified")


@dataclass(frozen=True)
class RegisterRow:
    """One evidence item as listed: the item and its stale flag ('' when current)."""

    evidence: Evidence
    stale: str


def register(bank: Bank, data: AssessmentData) -> list[RegisterRow]:
    """Return every evidence item with its stale flag, library items first by library id.

    Age is measured to the assessment's date (its start, else the day it was created).
    """
    items = sorted(
        data.evidence, key=lambda e: (not e.library_id, key(e.library_id), e.recorded_at)
    )
    return [RegisterRow(e, stale_in(bank, data, e)) for e in items]


def row_json(row: RegisterRow) -> dict[str, Any]:
    """Return a register row as JSON-ready values."""
    doc = row.evidence.model_dump(mode="json")
    doc["stale"] = bool(row.stale)
    doc["stale_reason"] = row.stale
    return doc


def row_text(row: RegisterRow) -> str:
    """Return one line for a register row."""
    e = row.evidence
    tick = "verified" if e.verified else "not verified"
    if e.verified and e.verified_by:
        tick += f" by {e.verified_by}"
    bits = [
        f"{e.library_id or e.id:<8} {e.title[:40]:<40}",
        f"v{e.version}" if e.version else "",
        e.dated.isoformat() if e.dated else "",
        e.owner,
        tick,
        ",".join(e.criteria),
        f"STALE ({row.stale.removeprefix('stale: ')})" if row.stale else "",
    ]
    return "  ".join(b for b in bits if b)
