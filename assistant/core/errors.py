"""Provides the error types every layer raises for problems a user can fix."""

from __future__ import annotations


class AssessorError(Exception):
    """A problem with the user's input or files, reported as one line without a traceback."""


class NotFoundError(AssessorError):
    """An id (assessment, interview, criterion, bank) that does not exist."""
