"""Provides the checks that notice data gone missing: the manifest and pending audit entries.

`integrity_problems` is what `assessor check`, `report` and `export` rely on: files the
manifest expects that are missing or shorter, an audit log emptied or cut short, and audit
entries of a save that was never confirmed and whose change is not in the data. `prepare_writer`
runs when an assessment is opened for writing: it builds the manifest of a folder written before
manifests existed and settles pending saves left by a crash, so the audit log says what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.core.model import AssessmentData, AuditEntry
from assistant.store.convert import to_doc
from assistant.store.errors import DamagedFileError, SaveError
from assistant.store.files import PART_PATTERN, AuditLog, Layout, quarantine, read_audit_log
from assistant.store.loader import Loaded
from assistant.store.manifest import (
    compare,
    manifest_path,
    read_manifest,
    rebuild,
    write_manifest,
)
from assistant.store.writer import Writer, audit_text

if TYPE_CHECKING:
    from assistant.store.session import Session


@dataclass
class Integrity:
    """What the integrity checks found: problems fail `check`; notes do not."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing_interviews: set[str] = field(default_factory=set)
    """Interviews whose file the manifest expects but is gone (references into them are
    not reported again)."""


def _records(data: AssessmentData, entity: str) -> dict[str, object] | None:
    """Return the records an audit entity names, by the id its entries use (None: unknown)."""
    if entity == "turn":
        return {t.key: t for t in data.turns}
    if entity == "score":
        return {
            (f"{s.criterion_id}/{s.assessor}" if s.assessor else s.criterion_id): s
            for s in data.scores
        }
    if entity == "assessment":
        return {data.assessment.id: data.assessment}
    lists: dict[str, list[object]] = {
        "interview": list(data.interviews),
        "evidence": list(data.evidence),
        "finding": list(data.findings),
        "open_item": list(data.open_items),
    }
    items = lists.get(entity)
    if items is None:
        return None
    return {str(getattr(item, "id", "")): item for item in items}


def value_in_data(data: AssessmentData, entry: AuditEntry) -> bool | None:
    """Return whether the data holds an audit entry's new value (None: cannot tell)."""
    records = _records(data, entry.entity)
    if records is None:
        return None
    record = records.get(entry.entity_id)
    if record is None:
        return False
    doc = to_doc(record)  # type: ignore[arg-type]
    if entry.field not in doc:
        return None
    return audit_text(doc[entry.field]) == entry.new


def _settled(data: AssessmentData, pairs: list[tuple[int, AuditEntry]]) -> bool | None:
    """Return whether every change of a pending save is in the data (None: cannot tell)."""
    answers = [value_in_data(data, entry) for _, entry in pairs]
    if any(a is False for a in answers):
        return False
    if any(a is None for a in answers):
        return None
    return True


def _what(pairs: list[tuple[int, AuditEntry]]) -> str:
    entry = pairs[0][1]
    more = f" (and {len(pairs) - 1} more field(s))" if len(pairs) > 1 else ""
    return f"{entry.entity} {entry.entity_id} {entry.field}{more}"


def integrity_problems(
    layout: Layout, assessment_id: str, loaded: Loaded, log: AuditLog | None = None
) -> Integrity:
    """Compare the folder with its manifest and its pending audit entries (read-only)."""
    out = Integrity()
    log = log or read_audit_log(layout, assessment_id)
    try:
        manifest = read_manifest(layout, assessment_id)
    except DamagedFileError as exc:
        out.problems.append(str(exc))
        manifest = None
    else:
        if manifest is None:
            out.notes.append(
                f"{layout.shown(manifest_path(layout))}: none yet (the assessment was saved "
                "by an older version); it is built the next time the assessment is opened "
                "for writing, so missing files cannot be detected until then"
            )
    if manifest is not None:
        lines = manifest.audit_lines if log.unreadable else log.lines  # refused: said already
        out.problems += compare(
            layout, manifest, loaded.file_counts, lines, log.exists or log.unreadable
        )
        out.missing_interviews = {
            name[len("interviews/") : -len(".json")]
            for name in manifest.files
            if name.startswith("interviews/")
            and name.endswith(".json")
            and name not in loaded.file_counts
            and PART_PATTERN.match(name.rpartition("/")[2]) is None
        }
    where = layout.shown(layout.audit)
    for pairs in log.unconfirmed().values():
        line = pairs[0][0]
        state = _settled(loaded.data, pairs)
        if state is False:
            out.problems.append(
                f"{where}: line {line}: records a change to {_what(pairs)} that is not in the "
                "data (a save was interrupted); open the assessment for writing to record it "
                "as not saved"
            )
        else:
            out.notes.append(
                f"{where}: line {line}: a save of {_what(pairs)} was never confirmed"
                + (" but its change is in the data" if state else "")
                + "; settled the next time the assessment is opened for writing"
            )
    return out


def prepare_writer(writer: Writer, layout: Layout, loaded: Loaded) -> list[str]:
    """Give a writable session its manifest and settle pending saves; return notes to show.

    Call while holding the lock, after loading. Failures to write here are reported as notes:
    the data is intact either way.
    """
    notes: list[str] = []
    assessment_id = loaded.data.assessment.id
    log = read_audit_log(layout, assessment_id)
    path = manifest_path(layout)
    try:
        manifest = read_manifest(layout, assessment_id)
    except DamagedFileError as exc:
        manifest = None
        try:
            if path.is_file() and not path.is_symlink():
                notes.append(quarantine(path, layout, f"not a valid manifest ({exc.reason})"))
            else:
                notes.append(str(exc))
        except OSError as err:
            notes.append(f"{exc}; could not be set aside: {err.strerror or err}")
    if manifest is None:
        manifest = rebuild(loaded.file_counts, log.lines)
        try:
            write_manifest(layout, assessment_id, manifest)
            notes.append(
                f"{layout.shown(path)}: built from the files on disk (first open by this "
                "version); from now on a missing or shortened file is reported by check"
            )
        except OSError as exc:
            notes.append(f"{layout.shown(path)}: could not be written: {exc.strerror or exc}")
    writer.manifest = manifest
    for interview_id, journaled in loaded.journals.items():
        journal = journaled.journal
        writer.adopt_journal(interview_id, journaled.fresh, journal.good, journal.damaged)
    notes += writer.fold_all()  # answers saved before a crash into their files
    for txn, pairs in log.unconfirmed().items():
        state = _settled(loaded.data, pairs)
        if state is None:
            continue  # an entity this version cannot look up: left for check to mention
        try:
            if state is False:
                writer.audit(
                    [
                        e.model_copy(
                            update={
                                "old": e.new,
                                "new": e.old,
                                "at": writer.clock(),
                                "why": "previous change not saved: the save was interrupted",
                            }
                        )
                        for _, e in pairs
                    ]
                )
            writer.confirm(txn, state)
        except SaveError as exc:
            notes.append(str(exc))
            continue
        if state is False:
            notes.append(
                f"{layout.shown(layout.audit)}: line {pairs[0][0]}: the change to "
                f"{_what(pairs)} was interrupted before it was saved; recorded as not saved"
            )
    writer.flush()
    return notes


def accept_loss(session: Session) -> list[str]:
    """Make the manifest describe what is on disk now, accepting what `check` found missing.

    Returns the problems accepted (empty: nothing to accept, nothing changed). The acceptance is
    written to the audit log, with each accepted problem, before the manifest changes.
    """
    from assistant.store.loader import load_folder

    layout, assessment_id = session.layout, session.id
    loaded = load_folder(layout, assessment_id, repair=False)
    log = read_audit_log(layout, assessment_id)
    found = integrity_problems(layout, assessment_id, loaded, log)
    lost = [p for p in found.problems if "manifest expects" in p]
    if not lost:
        return []
    writer = session._w
    writer.audit(
        [
            AuditEntry(
                at=writer.clock(),
                who=session.who,
                entity="assessment",
                entity_id=assessment_id,
                field="manifest",
                old=problem,
                new=None,
                why="loss accepted (assessor check --accept-loss)",
            )
            for problem in lost
        ]
    )
    writer.manifest = rebuild(loaded.file_counts, log.lines + len(lost))
    writer._dirty = True
    writer.flush()
    return lost
