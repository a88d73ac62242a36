"""Provides Writer: how a change to one assessment folder reaches the disk.

Four kinds of write, each durable before it returns: one TinyDB operation on an existing file
(through AtomicJSONStorage), a new file written whole with its format marker, lines appended
to audit.jsonl, and a new turn appended to its interview's journal (store/journal.py), which
`fold` later moves into the TinyDB files. Any failure becomes a SaveError naming the file, with
nothing half-written. `Session` decides what to change; this module only knows how.
"""

from __future__ import annotations

import functools
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from tinydb import TinyDB
from tinydb.table import Document

from assistant.core.model import AuditEntry, Clock, Turn, now
from assistant.safeio import UnsafeFileError
from assistant.store.convert import FORMAT, FileKind, Meta, new_document, to_doc, turn_part
from assistant.store.errors import SaveError
from assistant.store.files import (
    Layout,
    append_audit,
    append_audit_lines,
    confirm_line,
    make_dir,
    quarantine,
)
from assistant.store.journal import append_line, journal_header, journal_line, journal_path
from assistant.store.manifest import Manifest, counts_of, relative_name, write_manifest
from assistant.store.storage import AtomicJSONStorage


def audit_text(value: Any) -> str | None:
    """Render a field value for the audit log (text as is, 5.0 as 5, the rest as JSON)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def reason(exc: BaseException) -> str:
    """Return the part of an exception a user needs: ``No space left on device``."""
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


@dataclass
class Pending:
    """An interview's journal as this writer knows it: the turns not yet folded."""

    turns: dict[int, Turn] = field(default_factory=dict)
    size: int = 0
    """Bytes of the journal known to be good (anything after them is cut off on append)."""
    damaged: bool = False
    """The journal held damage when loaded: it is set aside, not deleted, once folded."""
    listed: bool = True
    """Its manifest entry is this journal's, dropped when it is folded. False when the manifest
    already expected a journal that was missing on opening: that loss stays in the manifest
    until it is accepted (`assessor check ID --accept-loss`)."""


def _store_turns(db: TinyDB, turns: list[Turn]) -> None:
    """Write turns into a turn file under their numbers, new or already there (a fold that is
    run again after a crash): one file write in the usual case."""
    table = db.table("turns")
    have = {doc.doc_id for doc in table.all()}
    new = [Document(to_doc(t), doc_id=t.n) for t in turns if t.n not in have]
    if new:
        table.insert_multiple(new)
    for turn in turns:
        if turn.n in have:
            table.update(to_doc(turn), doc_ids=[turn.n])


class Writer:
    """Durable writes into one assessment folder on behalf of `who`."""

    def __init__(
        self,
        layout: Layout,
        assessment_id: str,
        who: str,
        clock: Clock = now,
        manifest: Manifest | None = None,
    ) -> None:
        self.layout = layout
        self.assessment_id = assessment_id
        self.who = who
        self.clock = clock
        self.manifest = manifest
        self._dirty = False
        self._dbs: dict[Path, TinyDB] = {}
        self._journals: dict[str, Pending] = {}
        self._files: dict[str, tuple[Path, Path, str]] = {}
        """Per interview: its file, its journal and the journal as shown (computed once)."""

    # ------------------------------------------------------------ the manifest

    def note(self, path: Path, counts: dict[str, int]) -> None:
        """Record in the manifest what a file holds now that it is on disk."""
        if self.manifest is not None:
            self.manifest.note(relative_name(self.layout, path), counts)
            self._dirty = True

    def flush(self) -> None:
        """Write the manifest if a save changed it (after the data: it is a lower bound).

        A manifest that cannot be written is left behind the data, which `check` accepts; the
        next save tries again. The data itself is already safe, so nothing is raised.
        """
        if self.manifest is None or not self._dirty:
            return
        try:
            write_manifest(self.layout, self.assessment_id, self.manifest, fsync_folder=False)
        except (OSError, UnsafeFileError):
            return
        self._dirty = False

    def close(self) -> None:
        """Forget the TinyDB handles (they hold no open files)."""
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()

    def _db(self, path: Path) -> TinyDB:
        if not path.exists():
            raise SaveError(
                self.layout.shown(path),
                "the file is missing (moved or deleted outside the app?); reopen the assessment",
            )
        db = self._dbs.get(path)
        if db is None:
            db = TinyDB(path, storage=AtomicJSONStorage, clean=False)
            self._dbs[path] = db
        return db

    def commit(self, path: Path, action: Callable[[TinyDB], object]) -> None:
        """Run one TinyDB operation on an existing file; any failure becomes SaveError."""
        db = self._db(path)
        try:
            action(db)
        except UnsafeFileError as exc:
            raise SaveError(self.layout.shown(path), f"{exc.reason}; refused") from None
        except (OSError, ValueError, TypeError, RecursionError) as exc:
            raise SaveError(self.layout.shown(path), reason(exc)) from None
        counts = getattr(db.storage, "last_counts", None)
        if counts is not None:
            self.note(path, counts)

    def create(self, path: Path, document: dict[str, dict[str, Any]]) -> None:
        """Write a new file whole, marker included, in one atomic write."""
        try:
            make_dir(path.parent)
            AtomicJSONStorage(path, clean=False).write(document)
        except UnsafeFileError as exc:
            raise SaveError(self.layout.shown(path), f"{exc.reason}; refused") from None
        except (OSError, ValueError, TypeError) as exc:
            raise SaveError(self.layout.shown(path), reason(exc)) from None
        self.note(path, counts_of(document))

    def meta(
        self, kind: FileKind, interview_id: str | None = None, part: int | None = None
    ) -> Meta:
        """Return the format marker for a new file of this assessment."""
        return Meta(
            format=FORMAT,
            kind=kind,
            assessment_id=self.assessment_id,
            interview_id=interview_id,
            part=part,
        )

    # ------------------------------------------------------------ the turn journal

    def journal(self, turn: Turn) -> None:
        """Save a new turn in its interview's journal: one write, one sync."""
        interview_id = turn.interview_id
        files = self._files.get(interview_id)
        if files is None:
            main = self.layout.interview(interview_id)
            path = journal_path(self.layout.interviews, interview_id)
            files = self._files[interview_id] = (main, path, self.layout.shown(path))
        main, path, where = files
        if not main.exists():
            raise SaveError(
                self.layout.shown(main),
                "the file is missing (moved or deleted outside the app?); reopen the assessment",
            )
        try:
            line = journal_line(turn)
        except ValueError as exc:
            raise SaveError(where, reason(exc)) from None
        header = journal_header(self.assessment_id, interview_id)
        known = self._journals.get(interview_id)
        size = append_line(path, where, header, line, known.size if known else None)
        if known is None:  # a new journal: the manifest lists it, so a lost one is noticed
            name = relative_name(self.layout, path)
            lost = self.manifest is not None and name in self.manifest.files
            known = self._journals[interview_id] = Pending(listed=not lost)
            if not lost:
                self.note(path, {})
                self.flush()
        known.size = size
        known.turns[turn.n] = turn

    def journaled(self, interview_id: str) -> set[int]:
        """Return the numbers of an interview's turns that are in its journal only."""
        pending = self._journals.get(interview_id)
        return set(pending.turns) if pending else set()

    def adopt_journal(self, interview_id: str, turns: list[Turn], size: int, damaged: bool) -> None:
        """Take over a journal found on opening (its turns not yet in the TinyDB files)."""
        self._journals[interview_id] = Pending({t.n: t for t in turns}, size, damaged)

    def fold(self, interview_id: str) -> str:
        """Move an interview's journaled turns into its TinyDB files, then delete the journal.

        The turn files are written (atomically, as any save) and the manifest after them; only
        then is the journal deleted, so a crash at any point leaves every turn in one or the
        other. Returns a line to show when a damaged journal was set aside ('' otherwise).
        SaveError when a turn file cannot be written (the journal is kept).
        """
        pending = self._journals.get(interview_id)
        if pending is None:
            return ""
        by_part: dict[int, list[Turn]] = {}
        for n in sorted(pending.turns):
            by_part.setdefault(turn_part(n), []).append(pending.turns[n])
        for part, turns in sorted(by_part.items()):
            path = self.layout.interview(interview_id, part)
            if part > 1 and not path.exists():
                meta = self.meta("turns", interview_id, part)
                self.create(path, new_document(meta, {"turns": [(t.n, t) for t in turns]}))
            else:
                self.commit(path, functools.partial(_store_turns, turns=turns))
        path = journal_path(self.layout.interviews, interview_id)
        if pending.listed and self.manifest is not None:
            self.manifest.files.pop(relative_name(self.layout, path), None)
            self._dirty = True
        self.flush()  # the manifest no longer expects the journal before it is deleted
        pending.turns.clear()
        try:
            if pending.damaged:
                said = quarantine(path, self.layout, "damaged lines (the rest is folded in)")
            else:
                path.unlink(missing_ok=True)  # no folder sync: a journal that comes back
                said = ""  # holds only turns already in the files, which a reader skips
        except OSError:
            return ""  # tried again at the next fold; nothing it holds is unsaved
        del self._journals[interview_id]
        return said

    def fold_all(self) -> list[str]:
        """Fold every journal (closing, opening); return a line per journal set aside or not
        folded (its answers stay safe in the journal)."""
        said: list[str] = []
        for interview_id in list(self._journals):
            try:
                line = self.fold(interview_id)
            except SaveError as exc:
                line = (
                    f"{exc.where}: {exc.reason}; the interview's latest answers stay in its "
                    "journal (safe on disk) until the next try"
                )
            if line:
                said.append(line)
        return said

    # ------------------------------------------------------------ the audit log

    def audit(self, entries: list[AuditEntry], txn: str | None = None) -> None:
        """Append entries to audit.jsonl durably (as a pending save with `txn`)."""
        self._count_audit(append_audit(self.layout, self.assessment_id, entries, txn))

    def confirm(self, txn: str, saved: bool) -> None:
        """Settle a pending save in the audit log (see `files.AuditLog`)."""
        lines = [confirm_line(txn, saved)]
        self._count_audit(append_audit_lines(self.layout, self.assessment_id, lines))

    def _count_audit(self, added: int) -> None:
        if self.manifest is not None and added:
            self.manifest.audit_lines += added
            self._dirty = True

    def audited(self, entries: list[AuditEntry], write: Callable[[], None]) -> None:
        """Log the change as pending, make it, then confirm it; if making it fails, log that
        it was not saved.

        Pending-then-confirm (rather than data first, audit after) means a change is never on
        disk without its audit entries; a kill between the two leaves a pending entry, which
        `check` reports and the next writable open settles against the data.
        """
        txn = secrets.token_hex(8)
        self.audit(entries, txn)
        try:
            write()
        except SaveError as exc:
            undo = [
                e.model_copy(
                    update={
                        "old": e.new,
                        "new": e.old,
                        "at": self.clock(),
                        "why": f"previous change not saved: {exc.reason}",
                    }
                )
                for e in entries
            ]
            try:
                self.audit(undo)
                self.confirm(txn, False)
            except SaveError:
                pass
            raise
        try:
            self.confirm(txn, True)
        except SaveError:
            pass  # the change is saved; the next writable open confirms it from the data

    def changes(
        self,
        entity: str,
        entity_id: str,
        old: BaseModel,
        new: BaseModel,
        why: str,
        skip: tuple[str, ...] = (),
    ) -> list[AuditEntry]:
        """Return one audit entry per field that differs between `old` and `new`."""
        before, after = to_doc(old), to_doc(new)
        return [
            AuditEntry(
                at=self.clock(),
                who=self.who,
                entity=entity,
                entity_id=entity_id,
                field=key,
                old=audit_text(before.get(key)),
                new=audit_text(value),
                why=why,
            )
            for key, value in after.items()
            if key not in skip and before.get(key) != value
        ]
