"""Provides the per-assessment lock: one writer at a time, across processes.

TinyDB has no locking, and two processes writing one file lose updates even when each write is
atomic (TECH.md §2.4). So a session that writes holds an exclusive `fcntl.flock` on
``<assessment>/.lock`` for as long as it is open, with its pid written inside for the message a
second window gets. The kernel drops the lock when the process dies, even on kill -9, so a crash
never leaves an assessment locked. The lock file itself is never deleted (deleting it would let
two processes lock two different files).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from assistant.core.errors import AssessorError
from assistant.safeio import UnsafeFileError, open_for_write, read_regular
from assistant.store.errors import AssessmentLocked


def holder_pid(path: Path) -> int | None:
    """Return the pid written in a lock file, or None when it cannot be read."""
    try:
        text = read_regular(path, str(path), cap=64).decode("ascii", errors="replace").strip()
    except (OSError, AssessorError):
        return None
    return int(text) if text.isdigit() else None


class AssessmentLock:
    """An exclusive, non-blocking lock on one assessment folder."""

    def __init__(self, path: Path, assessment_id: str) -> None:
        self.path = path
        self.assessment_id = assessment_id
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise AssessmentLocked naming the pid that holds it."""
        if self._fd is not None:
            return
        try:
            fd = open_for_write(self.path, str(self.path), os.O_RDWR | os.O_CREAT)
        except UnsafeFileError as exc:
            raise AssessorError(
                f"cannot open assessment {self.assessment_id} for writing: the lock file "
                f"{self.path} {exc.reason}; refused (remove it; the app creates a new one)"
            ) from None
        except OSError as exc:
            raise AssessorError(
                f"cannot open assessment {self.assessment_id} for writing: "
                f"{exc.strerror or exc} ({self.path}); open it read-only instead "
                "(r on the app's home screen; assessor show and report still work)"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise AssessmentLocked(self.assessment_id, holder_pid(self.path)) from None
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        except OSError:
            pass  # the pid is only for the message; the flock is what counts
        self._fd = fd

    def release(self) -> None:
        """Release the lock (the pid is left in the file; it is harmless)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> AssessmentLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
