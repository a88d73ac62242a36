"""Provides the turn journal: how a saved answer becomes durable with one write and one sync.

Each interview with answers not yet in its TinyDB files has ``interviews/<iv-id>.journal.jsonl``
(the ``.json`` in the name lets the caches' signature notice it). The first line is a format
marker; every other line is one turn, written whole by one ``write`` to a file opened
``O_APPEND`` and made durable by one ``fdatasync`` before `Session.record_turn` returns:

    {"crc":"1c291ca3","turn":{...the turn document...}}

``crc`` is the CRC-32 of the bytes after ``"turn":`` up to the closing brace, so a line torn or
garbled by a power cut is recognised. Only the last line can be torn (each earlier one was
synced before the next was written): a bad last line is an answer whose save never returned, and
is ignored. A bad line anywhere else is damage and is reported; the lines after it still count.

The journal is folded into the interview's TinyDB files (`writer.Writer.fold`) every `FOLD_AT`
answers, before a journaled turn is edited, when the interview ends, when the session closes and
when the assessment is next opened for writing; the file is then deleted. Folding twice is
harmless: a journaled turn already in its TinyDB file with the same content is skipped.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from pydantic import ValidationError

from assistant.core.model import Turn
from assistant.safeio import (
    UnsafeFileError,
    check_dir,
    check_not_link,
    open_for_write,
    read_regular,
)
from assistant.store.convert import (
    FORMAT,
    FORMAT_VERSION,
    find_surrogate,
    first_error,
    parse_format,
    to_doc,
)
from assistant.store.errors import NewerFormatError, SaveError
from assistant.store.storage import fsync_dir

JOURNAL_SUFFIX: Final = ".journal.jsonl"
FOLD_AT: Final = 50
"""Answers a journal holds before it is folded: a fold costs about four syncs (the turn file,
its folder, the manifest, the next journal's folder), so a save costs 1 + 4/50 syncs on
average (docs/BENCHMARKS.md)."""
_LINE: Final = re.compile(rb'^\{"crc":"([0-9a-f]{8})","turn":(.*)\}$', re.DOTALL)


def journal_path(interviews: Path, interview_id: str) -> Path:
    """Return where an interview's journal lives (in the interviews folder)."""
    return interviews / f"{interview_id}{JOURNAL_SUFFIX}"


def journal_id(name: str) -> str | None:
    """Return the interview id of a journal's file name, None when it is not a journal."""
    if name.endswith(JOURNAL_SUFFIX) and not name.startswith("."):
        return name[: -len(JOURNAL_SUFFIX)] or None
    return None


def journal_header(assessment_id: str, interview_id: str) -> bytes:
    """Return a journal's first line: its format marker."""
    marker = {
        "format": FORMAT,
        "kind": "journal",
        "assessment_id": assessment_id,
        "interview_id": interview_id,
    }
    return (json.dumps(marker, ensure_ascii=False) + "\n").encode("utf-8")


def journal_line(turn: Turn) -> bytes:
    """Return one turn as a journal line, with the checksum of its document."""
    payload = json.dumps(to_doc(turn), ensure_ascii=False, separators=(",", ":"))
    data = payload.encode("utf-8")
    return b'{"crc":"%08x","turn":%s}\n' % (zlib.crc32(data), data)


def append_line(path: Path, where: str, header: bytes, line: bytes, size: int | None) -> int:
    """Append `line` durably (O_APPEND, one write, one sync); return the journal's new size.

    `size` is how many bytes of the journal are known good: anything beyond it (the rest of a
    write whose cut-back failed, a torn line left by a crash) is cut off first. With None (a
    journal this session has not written or read) nothing is cut, and a last line without its
    newline is ended first. A new or empty journal gets `header` in the same write; a new file
    also gets its folder synced. On any failure the file is cut back to where it was and
    SaveError names it.
    """
    try:
        created = check_not_link(path, where) is None
        fd = open_for_write(path, where, os.O_RDWR | os.O_APPEND | os.O_CREAT)
        try:
            end = os.fstat(fd).st_size
            if size is not None and end > size:
                os.ftruncate(fd, size)
                end = size
            data = line if end else header + line
            if size is None and end and os.pread(fd, 1, end - 1) != b"\n":
                data = b"\n" + data
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                if created:
                    os.fsync(fd)
                    fsync_dir(path.parent)
                else:
                    _datasync(fd)
            except BaseException:
                try:
                    os.ftruncate(fd, end)
                except OSError:
                    pass
                raise
        finally:
            os.close(fd)
    except UnsafeFileError as exc:
        raise SaveError(where, f"{exc.reason}; refused") from None
    except OSError as exc:
        raise SaveError(where, exc.strerror or str(exc)) from None
    except ValueError as exc:  # text that cannot be encoded
        raise SaveError(where, str(exc)) from None
    return end + len(data)


def _datasync(fd: int) -> None:
    """fdatasync where there is one (it still syncs the new length), else fsync."""
    sync = getattr(os, "fdatasync", None) or os.fsync
    sync(fd)


@dataclass
class Journal:
    """A journal as read: its turns, what is wrong with it, and how much of it is good."""

    path: Path
    turns: list[Turn] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Damage: lines that were synced once and no longer read (reported, never dropped)."""
    notes: list[str] = field(default_factory=list)
    """A torn last line: a save that never returned, ignored."""
    good: int = 0
    """Bytes up to the end of the last line that is not a torn tail."""
    refused: bool = False
    """A link, FIFO or oversized file in the journal's place: never read, folded or moved."""
    unknown: int = 0
    """Damaged lines after the last readable turn: turn numbers above it that may be taken."""

    @property
    def damaged(self) -> bool:
        return bool(self.problems)


def read_journal(path: Path, where: str, assessment_id: str, interview_id: str) -> Journal | None:
    """Read one journal; None when it does not exist. Never raises for what the file holds,
    except NewerFormatError for a journal written by a newer version."""
    journal = Journal(path)
    try:
        raw = read_regular(path, where)
    except FileNotFoundError:
        return None
    except UnsafeFileError as exc:  # a link or a FIFO: reported, and never touched
        journal.problems.append(str(exc))
        journal.refused = True
        return journal
    except OSError as exc:
        journal.problems.append(f"{where}: cannot read: {exc.strerror or exc}")
        return journal
    lines = raw.split(b"\n")
    complete, tail = lines[:-1], lines[-1]
    seen: set[int] = set()
    offset = 0
    for number, line in enumerate(complete, start=1):
        offset += len(line) + 1
        last = number == len(complete) and not tail
        problem = _take(journal, line, number, seen, assessment_id, interview_id)
        if problem and last:
            journal.notes.append(_torn(where, number))
            break
        journal.good = offset
        if problem:
            journal.problems.append(
                f"{where}: line {number}: {problem}; what it held is not in the assessment"
            )
            if number > 1:
                journal.unknown += 1
        elif number > 1:
            journal.unknown = 0  # numbers run upwards: a damaged line before this held a lower one
    if tail:
        journal.notes.append(_torn(where, len(complete) + 1))
    return journal


def _torn(where: str, number: int) -> str:
    return (
        f"{where}: line {number}: an answer whose save was interrupted before it was "
        "confirmed (cut short by a crash); ignored"
    )


def _take(
    journal: Journal,
    line: bytes,
    number: int,
    seen: set[int],
    assessment_id: str,
    interview_id: str,
) -> str:
    """Take one journal line into `journal`; return what is wrong with it ('' when nothing)."""
    if number == 1:
        return _header(line, assessment_id, interview_id)
    match = _LINE.match(line)
    if match is None:
        return "not a journal line (damaged)"
    payload = match.group(2)
    if zlib.crc32(payload) != int(match.group(1), 16):
        return "its checksum does not match (damaged)"
    try:
        doc = json.loads(payload.decode("utf-8"))
    except (ValueError, RecursionError):
        return "not JSON (damaged)"
    if b"\\u" in payload and (bad := find_surrogate(doc)) is not None:
        return f"turn.{bad}: holds a lone surrogate, not text"
    try:
        turn = Turn.model_validate(doc)
    except ValidationError as exc:
        return f"not a valid turn ({first_error(exc, ('turn',))})"
    if turn.interview_id != interview_id:
        return f"turn.interview_id: belongs to interview {turn.interview_id}"
    if turn.n in seen:
        return f"turn {turn.n} appears twice; the first is kept"
    seen.add(turn.n)
    journal.turns.append(turn)
    return ""


def _header(line: bytes, assessment_id: str, interview_id: str) -> str:
    try:
        doc = json.loads(line)
    except (ValueError, RecursionError):
        return "not an assessor journal marker"
    if not isinstance(doc, dict) or doc.get("kind") != "journal":
        return "not an assessor journal marker"
    version = parse_format(doc.get("format"))
    if version is None:
        return "not an assessor journal marker"
    if version > FORMAT_VERSION:
        raise NewerFormatError(
            f"journal of interview {interview_id}: written by a newer version of assessor "
            f"({doc.get('format')}); upgrade to open it"
        )
    if doc.get("assessment_id") != assessment_id or doc.get("interview_id") != interview_id:
        return (
            f"belongs to {str(doc.get('assessment_id'))[:80]}/{str(doc.get('interview_id'))[:80]}"
        )
    return ""


def find_journals(interviews: Path, where: str) -> dict[str, Path]:
    """Return the journals in an interviews folder by interview id."""
    if not check_dir(interviews, where):
        return {}
    found: dict[str, Path] = {}
    for path in sorted(interviews.iterdir()):
        interview_id = journal_id(path.name)
        if interview_id is not None:
            found[interview_id] = path
    return found
