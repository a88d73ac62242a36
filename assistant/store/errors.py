"""Provides the errors the store raises; each is one line a user can act on."""

from __future__ import annotations

from assistant.core.errors import AssessorError


class SaveError(AssessorError):
    """A write that did not reach the disk; the previous file and the in-memory state are intact."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"not saved: {where}: {reason}")


class ReadOnlyError(AssessorError):
    """A write attempted through a session opened read-only."""


class AssessmentLocked(AssessorError):
    """The assessment is open for writing in another process."""

    def __init__(self, assessment_id: str, pid: int | None) -> None:
        self.assessment_id = assessment_id
        self.pid = pid
        who = f"pid {pid}" if pid else "pid unknown"
        super().__init__(
            f"assessment {assessment_id} is open in another window ({who}); "
            "open it read-only instead (r on the app's home screen; "
            "assessor show and report still work)"
        )


class DamagedFileError(AssessorError):
    """A file that does not parse or is not one of ours."""

    def __init__(self, where: str, kind: str, reason: str) -> None:
        self.where = where
        self.kind = kind
        self.reason = reason
        super().__init__(f"{where}: not a valid {kind} file ({reason})")


class RefusedFileError(DamagedFileError):
    """A file refused before reading: a link, a FIFO or device, or over the size cap.

    It is reported like a damaged file but never renamed aside: what it points at, or its
    contents, may be somebody else's."""


class NewerFormatError(AssessorError):
    """A file written by a newer version of the app; it is left untouched."""


class InvalidValueError(AssessorError):
    """A value passed to a write that the model does not accept (a wrong tag, a bad number)."""
