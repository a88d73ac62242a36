"""Provides the layout of an assessment folder and the file-level operations on it.

    sessions/<assessment-id>/
        assessment.json              assessment, interviewees, scores, findings, open items
        names.json                   real names, kept apart from everything exported
        interviews/<iv-id>.json      one interview: its record, turns 1-50, evidence
        interviews/<iv-id>.turns-002.json   turns 51-100 (and so on) of a long interview
        interviews/<iv-id>.journal.jsonl    answers saved since the last fold (journal.py)
        audit.jsonl                  append-only: one JSON line per change
        .lock                        held while the assessment is open for writing

Folders are created 0700 and files 0600. A damaged file is renamed aside, never emptied.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from assistant.core.errors import AssessorError
from assistant.core.model import AuditEntry
from assistant.safeio import (
    UnsafeFileError,
    check_dir,
    check_not_link,
    open_for_write,
    read_regular,
)
from assistant.store.convert import (
    KIND_WORDS,
    Contents,
    FileKind,
    audit_header,
    audit_line,
    find_surrogate,
    first_error,
    parse_format,
    read_contents,
)
from assistant.store.errors import DamagedFileError, RefusedFileError, SaveError
from assistant.store.storage import fsync_dir

DIR_MODE: Final = 0o700
ASSESSMENT_FILE: Final = "assessment.json"
NAMES_FILE: Final = "names.json"
AUDIT_FILE: Final = "audit.jsonl"
LOCK_FILE: Final = ".lock"
INTERVIEWS_DIR: Final = "interviews"
CORRUPT_MARK: Final = ".corrupt-"
ID_PATTERN: Final = re.compile(r"^[a-z0-9][a-z0-9._-]{0,120}$")
"""Assessment and interview ids: safe as folder and file names (no slashes, no leading dot)."""
PART_PATTERN: Final = re.compile(r"^(?P<iv>.+)\.turns-(?P<part>[0-9]{3,})\.json$")


def is_temp(name: str) -> bool:
    """Return whether a file name is one of AtomicJSONStorage's temporary files."""
    return name.startswith(".") and ".tmp-" in name


@dataclass(frozen=True)
class Layout:
    """Paths inside one assessment folder, shown to the user relative to the workspace."""

    folder: Path
    workspace: Path

    @property
    def assessment(self) -> Path:
        return self.folder / ASSESSMENT_FILE

    @property
    def names(self) -> Path:
        return self.folder / NAMES_FILE

    @property
    def audit(self) -> Path:
        return self.folder / AUDIT_FILE

    @property
    def lock(self) -> Path:
        return self.folder / LOCK_FILE

    @property
    def interviews(self) -> Path:
        return self.folder / INTERVIEWS_DIR

    def interview(self, interview_id: str, part: int = 1) -> Path:
        """Return the file holding an interview (part 1) or a later block of its turns."""
        if part == 1:
            return self.interviews / f"{interview_id}.json"
        return self.interviews / f"{interview_id}.turns-{part:03d}.json"

    def shown(self, path: Path) -> str:
        """Return a path as the user sees it: relative to the workspace when inside it."""
        try:
            return str(path.relative_to(self.workspace))
        except ValueError:
            return str(path)


@dataclass
class InterviewFiles:
    """The files of one interview found in the interviews folder."""

    main: Path | None = None
    parts: dict[int, Path] = field(default_factory=dict)


def scan_interviews(layout: Layout) -> dict[str, InterviewFiles]:
    """Return the interview files in the folder by interview id (quarantined ones left out)."""
    found: dict[str, InterviewFiles] = {}
    if not check_dir(layout.interviews, layout.shown(layout.interviews)):
        return found
    for path in sorted(layout.interviews.iterdir()):
        name = path.name
        if name.startswith(".") or CORRUPT_MARK in name or path.is_dir():
            continue  # links, FIFOs and the like are kept: reading them refuses them aloud
        match = PART_PATTERN.match(name)
        if match:
            part = int(match.group("part"))
            if part >= 2:
                found.setdefault(match.group("iv"), InterviewFiles()).parts[part] = path
            continue
        if name.endswith(".json"):
            found.setdefault(name[: -len(".json")], InterviewFiles()).main = path
    return found


def make_dir(path: Path) -> None:
    """Create a folder 0700 (and make its creation durable); do nothing if it exists."""
    if check_dir(path, str(path)):
        return
    path.mkdir(mode=DIR_MODE)
    os.chmod(path, DIR_MODE)
    fsync_dir(path.parent)


def read_file(
    path: Path,
    layout: Layout,
    *,
    kind: FileKind,
    assessment_id: str | None,
    interview_id: str | None = None,
    part: int | None = None,
) -> Contents:
    """Read and validate one stored file; raise DamagedFileError when it is not usable."""
    return read_checked(
        path, layout, kind=kind, assessment_id=assessment_id, interview_id=interview_id, part=part
    )[1]


def read_checked(
    path: Path,
    layout: Layout,
    *,
    kind: FileKind,
    assessment_id: str | None,
    interview_id: str | None = None,
    part: int | None = None,
) -> tuple[bytes, Contents]:
    """Read one stored file once; return its bytes and validated contents (see `read_file`)."""
    where = layout.shown(path)
    words = KIND_WORDS[kind]
    try:
        raw = read_regular(path, where)
    except FileNotFoundError:
        raise DamagedFileError(where, words, "the file is missing") from None
    except UnsafeFileError as exc:
        raise RefusedFileError(where, words, f"{exc.reason}; refused") from None
    except OSError as exc:
        raise AssessorError(f"{where}: cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise DamagedFileError(where, words, "the file is empty")
    if b"\x00" in raw:
        raise DamagedFileError(where, words, "binary data, not JSON text")
    try:
        parsed = json.loads(raw.decode("utf-8"))
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        raise DamagedFileError(where, words, _json_reason(exc)) from None
    except RecursionError:
        raise DamagedFileError(where, words, "nested too deeply") from None
    if b"\\u" in raw:  # only an escape can smuggle in a lone surrogate
        bad = find_surrogate(parsed)
        if bad is not None:
            raise DamagedFileError(where, words, f"{bad}: holds a lone surrogate, not text")
    contents = read_contents(
        parsed,
        kind=kind,
        where=where,
        assessment_id=assessment_id,
        interview_id=interview_id,
        part=part,
    )
    return raw, contents


def _json_reason(exc: ValueError) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start}); binary or foreign data"
    if isinstance(exc, json.JSONDecodeError):
        return f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    return f"not JSON: {exc}"


def quarantine(path: Path, layout: Layout, reason: str) -> str:
    """Rename a damaged file aside as ``<name>.corrupt-<YYYYmmddTHHMMSS>``; return the message."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}{CORRUPT_MARK}{stamp}-{n}")
        n += 1
    os.replace(path, target)
    fsync_dir(path.parent)
    return (
        f"{layout.shown(path)}: {reason}; moved aside to {target.name} "
        "(the rest of the assessment is intact)"
    )


def remove_stale_temps(layout: Layout) -> list[str]:
    """Delete temporary files left by interrupted saves; call only while holding the lock."""
    removed: list[str] = []
    for folder in (layout.folder, layout.interviews):
        if not check_dir(folder, layout.shown(folder)):
            continue
        for path in folder.iterdir():
            if is_temp(path.name):
                try:
                    path.unlink()
                    removed.append(layout.shown(path))
                except FileNotFoundError:
                    pass
    return removed


def find_stale_temps(layout: Layout) -> list[Path]:
    """Return temporary files left by interrupted saves, without touching them."""
    out: list[Path] = []
    for folder in (layout.folder, layout.interviews):
        if check_dir(folder, layout.shown(folder)):
            out.extend(sorted(p for p in folder.iterdir() if is_temp(p.name)))
    return out


# ---------------------------------------------------------------- the audit log


def append_audit(
    layout: Layout, assessment_id: str, entries: list[AuditEntry], txn: str | None = None
) -> int:
    """Append entries to audit.jsonl durably (see `append_audit_lines`); return lines added.

    With `txn`, the entries are written as a pending save (see `AuditLog`).
    """
    return append_audit_lines(layout, assessment_id, [audit_line(e, txn) for e in entries])


def confirm_line(txn: str, saved: bool) -> str:
    """Return the audit line that settles a pending save."""
    return json.dumps({"confirm": txn, "saved": saved}) + "\n"


def append_audit_lines(layout: Layout, assessment_id: str, lines: list[str]) -> int:
    """Append lines to audit.jsonl durably (O_APPEND, one write, fsync); SaveError on failure.

    A failed write is cut back to the previous length, so the log never keeps half a line.
    Returns the number of lines added (the format marker of a new log not counted).
    """
    if not lines:
        return 0
    path = layout.audit
    text = "".join(lines)
    try:
        created = check_not_link(path, layout.shown(path)) is None
        fd = open_for_write(path, layout.shown(path), os.O_RDWR | os.O_APPEND | os.O_CREAT)
        try:
            size = os.fstat(fd).st_size
            if size == 0:
                text = audit_header(assessment_id) + text
            elif os.pread(fd, 1, size - 1) != b"\n":
                text = "\n" + text  # a line torn by power loss stays on its own line
            data = text.encode("utf-8")
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            except BaseException:
                try:
                    os.ftruncate(fd, size)
                except OSError:
                    pass
                raise
        finally:
            os.close(fd)
        if created:
            fsync_dir(path.parent)
    except UnsafeFileError as exc:
        raise SaveError(layout.shown(path), f"{exc.reason}; refused") from None
    except (OSError, ValueError) as exc:
        raise SaveError(layout.shown(path), _reason(exc)) from None
    return len(lines)


@dataclass
class AuditLog:
    """The audit log as read: entries, the save each belongs to, and what could not be read.

    An audited change is written as *pending* first: its entries carry a ``txn`` id. Once the
    change itself is on disk a confirmation line ``{"confirm": txn, "saved": true}`` follows
    (``false`` when the save failed, after the entries that record it as not saved). Entries
    written before this scheme, or by import, carry no ``txn`` and stand on their own.
    """

    entries: list[AuditEntry] = field(default_factory=list)
    txns: list[str | None] = field(default_factory=list)
    lines_at: list[int] = field(default_factory=list)
    confirmed: dict[str, bool] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    lines: int = 0
    """Non-blank lines after the format marker (entries, confirmations, unreadable lines)."""
    exists: bool = False
    unreadable: bool = False
    """The log is there but was refused or could not be read (reported in `problems`)."""

    def unconfirmed(self) -> dict[str, list[tuple[int, AuditEntry]]]:
        """Return the pending saves never confirmed, with their (line, entry) pairs."""
        out: dict[str, list[tuple[int, AuditEntry]]] = {}
        for entry, txn, line in zip(self.entries, self.txns, self.lines_at, strict=True):
            if txn is not None and txn not in self.confirmed:
                out.setdefault(txn, []).append((line, entry))
        return out


def read_audit(layout: Layout, assessment_id: str) -> tuple[list[AuditEntry], list[str]]:
    """Return the audit entries and one problem line per line that cannot be read."""
    log = read_audit_log(layout, assessment_id)
    return log.entries, log.problems


def read_audit_log(layout: Layout, assessment_id: str) -> AuditLog:
    """Read audit.jsonl (see `AuditLog`); never raises for what the file holds."""
    path = layout.audit
    where = layout.shown(path)
    log = AuditLog()
    try:
        raw = read_regular(path, where)
    except FileNotFoundError:
        return log
    except UnsafeFileError as exc:
        log.problems.append(str(exc))
        log.unreadable = True
        return log
    except OSError as exc:
        log.problems.append(f"{where}: cannot read: {exc.strerror or exc}")
        log.unreadable = True
        return log
    log.exists = True
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        problem = _audit_doc(log, line, number, where, assessment_id)
        if problem:
            log.problems.append(f"{where}: line {number}: {problem}")
    return log


def _audit_doc(log: AuditLog, line: bytes, number: int, where: str, assessment_id: str) -> str:
    """Take one audit line into `log`; return what is wrong with it ('' when nothing)."""
    try:
        doc = json.loads(line)
    except ValueError:
        log.lines += 1
        return "not a valid audit entry (not JSON)"
    except RecursionError:
        log.lines += 1
        return "not a valid audit entry (nested too deeply)"
    if number == 1 and isinstance(doc, dict) and "format" in doc:
        if parse_format(doc.get("format")) is None or doc.get("kind") != "audit":
            return "not an assessor audit log marker"
        if doc.get("assessment_id") != assessment_id:
            return f"belongs to assessment {str(doc.get('assessment_id'))[:80]}"
        return ""
    log.lines += 1
    if isinstance(doc, dict) and "confirm" in doc:
        txn, saved = doc.get("confirm"), doc.get("saved")
        if not isinstance(txn, str) or not isinstance(saved, bool):
            return "not a valid save confirmation"
        log.confirmed[txn] = saved
        return ""
    txn = doc.pop("txn", None) if isinstance(doc, dict) else None
    if txn is not None and not isinstance(txn, str):
        return "txn: must be text"
    bad = find_surrogate(doc)
    if bad is not None:
        return f"{bad}: holds a lone surrogate, not text"
    try:
        entry = AuditEntry.model_validate(doc)
    except ValidationError as exc:
        return f"not a valid audit entry ({first_error(exc)})"
    log.entries.append(entry)
    log.txns.append(txn)
    log.lines_at.append(number)
    return ""


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__
