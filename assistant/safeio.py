"""Provides file access that a hostile or damaged folder cannot turn against the user.

Every read and write of an assessment's files goes through here, so that:

* no write follows a symbolic link (``O_NOFOLLOW``; folders are checked with ``lstat``): a
  ``.lock`` or ``audit.jsonl`` linked to another file, or an ``interviews/`` linked to another
  assessment's folder, is refused instead of being truncated, appended to or renamed;
* no read hangs or wanders: files are opened with ``O_NONBLOCK | O_NOFOLLOW`` and refused unless
  ``fstat`` says they are regular files (a FIFO in place of ``names.json`` would otherwise block
  `list` forever);
* no read is unbounded: a file larger than `max_file_bytes()` (default 256 MB, far above any
  real interview; set ``ASSESSOR_MAX_FILE_MB`` to change it) is refused on read and on import.

Refusals are `UnsafeFileError` (an `AssessorError`): one line naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Final

from assistant.core.errors import AssessorError

DEFAULT_MAX_FILE_MB: Final = 256
MAX_FILE_ENV: Final = "ASSESSOR_MAX_FILE_MB"
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)


class UnsafeFileError(AssessorError):
    """A path that is a link, not a regular file or folder, or too large: refused, not used."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}; refused")


def max_file_bytes() -> int:
    """Return the size cap for one stored file (``ASSESSOR_MAX_FILE_MB``, default 256 MB)."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_FILE_MB
    except ValueError:
        mb = DEFAULT_MAX_FILE_MB
    if not mb > 0 or mb != mb or mb == float("inf"):
        mb = DEFAULT_MAX_FILE_MB
    return int(mb * 1024 * 1024)


def kind_of(mode: int) -> str:
    """Return what a non-regular file is, in words (``a FIFO (named pipe)``)."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _too_big(size: int, cap: int) -> str:
    return (
        f"the file is {size / 1048576:.0f} MB, over the {cap / 1048576:.0f} MB limit "
        f"(set {MAX_FILE_ENV} to raise it)"
    )


def read_regular(
    path: Path, where: str, *, cap: int | None = None, follow_links: bool = False
) -> bytes:
    """Return the bytes of a regular file, never following a link and never blocking.

    `follow_links` allows a link (bank files, which a user may link into a bank folder); the
    file it leads to must still be a regular file.

    Raises FileNotFoundError when the file is missing, UnsafeFileError when it is a link, a
    FIFO, a device or a folder, or larger than `cap` (default `max_file_bytes()`), and OSError
    for other failures.
    """
    limit = max_file_bytes() if cap is None else cap
    fd, info = _open_regular(path, where, os.O_RDONLY | (0 if follow_links else _NOFOLLOW))
    try:
        if info.st_size > limit:
            raise UnsafeFileError(where, _too_big(info.st_size, limit))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # grew while we read it
                raise UnsafeFileError(where, _too_big(total, limit))
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _open_regular(
    path: Path, where: str, flags: int, mode: int = 0o600
) -> tuple[int, os.stat_result]:
    """Open without blocking (a FIFO would wait for a writer) and return the fd and its fstat;
    refuse (and close) anything but a regular file, and a link when O_NOFOLLOW is in `flags`."""
    try:
        fd = os.open(path, flags | _NONBLOCK | _CLOEXEC, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeFileError(where, "is a symbolic link") from None
        if exc.errno in (errno.ENXIO, errno.EISDIR):
            raise UnsafeFileError(where, "not a regular file") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFileError(where, f"is {kind_of(info.st_mode)}, not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def check_not_link(path: Path, where: str) -> os.stat_result | None:
    """Return `path`'s lstat (None when missing); refuse a symbolic link."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFileError(where, "is a symbolic link")
    return info


def check_dir(path: Path, where: str) -> bool:
    """Return whether `path` is a real folder (False when missing); refuse links and files."""
    info = check_not_link(path, where)
    if info is None:
        return False
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeFileError(where, f"is {kind_of(info.st_mode)}, not a folder")
    return True


def open_for_write(path: Path, where: str, flags: int, mode: int = 0o600) -> int:
    """Open (or create) a regular file for writing without following a link; return its fd.

    The file must be a regular file: a FIFO, device or link in its place is refused
    (UnsafeFileError) and the fd is closed again.
    """
    fd, _ = _open_regular(path, where, flags | _NOFOLLOW, mode)
    try:
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd
