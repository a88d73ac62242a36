"""Provides the layout of an assessment folder and the file-level operations on it.

    sessions/<assessment-id>/
        assessment.json              assessment, interviewees, scores, findings, open items
        names.json                   real names, kept apart from everything exported
        interviews/<iv-id>.json      one interview: its record, turns 1-50, evidence
        interviews/<iv-id>.turns-002.json   turns 51-100 (and so on) of a long interview
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


def append_audit(layout: Layout, assessment_id: str, entries: list[AuditEntry]) -> None:
    """Append entries to audit.jsonl durably (O_APPEND, one write, fsync); SaveError on failure.

    A failed write is cut back to the previous length, so the log never keeps half a line.
    """
    if not entries:
        return
    path = layout.audit
    text = "".join(audit_line(e) for e in entries)
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


def read_audit(layout: Layout, assessment_id: str) -> tuple[list[AuditEntry], list[str]]:
    """Return the audit entries and one problem line per line that cannot be read."""
    path = layout.audit
    where = layout.shown(path)
    try:
        raw = read_regular(path, where)
    except FileNotFoundError:
        return [], []
    except UnsafeFileError as exc:
        return [], [str(exc)]
    except OSError as exc:
        return [], [f"{where}: cannot read: {exc.strerror or exc}"]
    entries: list[AuditEntry] = []
    problems: list[str] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except ValueError:
            problems.append(f"{where}: line {number}: not a valid audit entry (not JSON)")
            continue
        except RecursionError:
            problems.append(f"{where}: line {number}: not a valid audit entry (nested too deeply)")
            continue
        if number == 1 and isinstance(doc, dict) and "format" in doc:
            if parse_format(doc.get("format")) is None or doc.get("kind") != "audit":
                problems.append(f"{where}: line 1: not an assessor audit log marker")
            elif doc.get("assessment_id") != assessment_id:
                problems.append(f"{where}: belongs to assessment {doc.get('assessment_id')}")
            continue
        try:
            entries.append(AuditEntry.model_validate(doc))
        except ValidationError as exc:
            problems.append(f"{where}: line {number}: not a valid audit entry ({first_error(exc)})")
    return entries, problems


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__
