"""Provides durable storage for assessments: atomic TinyDB files, a lock, an audit log.

Front ends use `Workspace` to create, list and open assessments and `Session` to change one;
every write returns only once it is on disk.
"""

from __future__ import annotations

from assistant.store.errors import (
    AssessmentLocked,
    DamagedFileError,
    InvalidValueError,
    NewerFormatError,
    ReadOnlyError,
    SaveError,
)
from assistant.store.session import Session
from assistant.store.storage import AtomicJSONStorage
from assistant.store.workspace import AssessmentListing, Workspace

__all__ = [
    "AssessmentListing",
    "AssessmentLocked",
    "AtomicJSONStorage",
    "DamagedFileError",
    "InvalidValueError",
    "NewerFormatError",
    "ReadOnlyError",
    "SaveError",
    "Session",
    "Workspace",
]
