"""Provides OpenAssessment: the one assessment the app has open, with its bank and session.

Every screen reads the open assessment through `app.current` (None when nothing is open).
Writes go through `current.session`; the session keeps `current.data` in step with the disk.
The store, the banks and the model are imported when first needed, not at start-up: the home
screen should appear as fast as a bare Textual app (bench/bench_startup.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import paths

if TYPE_CHECKING:
    from assistant.core.bankfile import LoadedBank
    from assistant.core.banks import Bank
    from assistant.core.model import AssessmentData
    from assistant.store.session import Session
    from assistant.store.workspace import Workspace

Clock = Callable[[], datetime]
"""Where the app reads the time (the interview timer); tests pass a fixed clock."""


@dataclass
class OpenAssessment:
    """An assessment opened for writing (or read-only) with the bank it was created with."""

    session: Session
    loaded_bank: LoadedBank
    warnings: list[str] = field(default_factory=list)
    """Things to tell the user once: damaged files set aside, a bank that changed since."""

    @property
    def bank(self) -> Bank:
        """The assessment's question bank."""
        return self.loaded_bank.bank

    @property
    def data(self) -> AssessmentData:
        """Everything recorded, as on disk after the last write."""
        return self.session.data

    @property
    def read_only(self) -> bool:
        """True when the assessment was opened read-only."""
        return self.session.read_only

    @property
    def title(self) -> str:
        """One line naming the assessment: organisation and bank."""
        a = self.data.assessment
        mode = " (read-only)" if self.read_only else ""
        return f"{a.organisation} · {a.bank.id.upper()} {a.type}{mode}"


def open_assessment(
    workspace: Workspace, assessment_id: str, *, read_only: bool = False, who: str = ""
) -> OpenAssessment:
    """Open an assessment and its bank; raises AssessorError (AssessmentLocked, …) on failure."""
    from assistant.core.bankfile import find_bank

    session = workspace.open(assessment_id, read_only=read_only, who=who)
    try:
        pin = session.data.assessment.bank
        loaded = find_bank(pin.id, paths.bank_dirs(workspace.root))
    except BaseException:
        session.close()
        raise
    warnings = list(session.problems)
    if loaded.digest != pin.digest:
        warnings.append(
            f"bank {pin.id} changed since this assessment was created "
            f"(version {pin.version} then, {loaded.bank.version} now)"
        )
    return OpenAssessment(session=session, loaded_bank=loaded, warnings=warnings)


def default_clock() -> datetime:
    """Return the current time (UTC, whole seconds, as the store stamps records)."""
    return datetime.now(UTC).replace(microsecond=0)


def workspace_label(root: Path) -> str:
    """Return the workspace folder as shown in the header: with ~ for the home folder."""
    try:
        return "~/" + str(root.relative_to(Path.home()))
    except ValueError:
        return str(root)
