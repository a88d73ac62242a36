"""Provides the app's state helpers: opening the assessment, the clock, the workspace label.

Every screen reads the open assessment through `app.current` (None when nothing is open).
Writes go through `current.session`; the session keeps `current.data` in step with the disk.
The store, the banks and the model are imported when first needed, not at start-up: the home
screen should appear as fast as a bare Textual app (bench/bench_startup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.services.opening import OpenAssessment
    from assistant.store.workspace import Workspace

Clock = Callable[[], datetime]
"""Where the app reads the time (the interview timer); tests pass a fixed clock."""


def open_assessment(
    workspace: Workspace, assessment_id: str, *, read_only: bool = False, who: str = ""
) -> OpenAssessment:
    """Open an assessment and its bank (`assistant.services.opening`), importing the store now."""
    from assistant.services.opening import open_assessment as open_with_bank

    return open_with_bank(workspace, assessment_id, read_only=read_only, who=who)


def default_clock() -> datetime:
    """Return the current time (UTC, whole seconds, as the store stamps records)."""
    return datetime.now(UTC).replace(microsecond=0)


def workspace_label(root: Path) -> str:
    """Return the workspace folder as shown in the header: with ~ for the home folder."""
    try:
        return "~/" + str(root.relative_to(Path.home()))
    except ValueError:
        return str(root)
