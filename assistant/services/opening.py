"""Provides OpenAssessment and open_assessment: an assessment opened with the bank it was made with.

Both front ends open assessments through here: the session (locked for writing unless
read-only), the pinned bank found again by id, and warnings to tell the user once (damaged
files set aside, a bank that changed since the assessment was created).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant import paths

if TYPE_CHECKING:
    from assistant.core.bank.loader import LoadedBank
    from assistant.core.bank.model import Bank
    from assistant.core.model import AssessmentData
    from assistant.store.session import Session
    from assistant.store.workspace import Workspace


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
    """Open an assessment and its bank; raises AssessorError (AssessmentLocked, …) on failure.

    Without `who`, changes are recorded as the assessment's lead assessor's (or its first
    assessor's), so that a decision made in the app counts as the team's decision.
    """
    from assistant.core.bank.loader import find_bank
    from assistant.services.interviews import interview_assessor

    session = workspace.open(assessment_id, read_only=read_only, who=who)
    try:
        assessment = session.data.assessment
        if not who:
            session.act_as(interview_assessor(assessment))
        pin = assessment.bank
        loaded = find_bank(pin.id, paths.bank_dirs(workspace.root))
    except BaseException:
        session.close()
        raise
    warnings = list(session.problems) + list(session.notices)
    if loaded.digest != pin.digest:
        warnings.append(
            f"bank {pin.id} changed since this assessment was created "
            f"(version {pin.version} then, {loaded.bank.version} now)"
        )
    return OpenAssessment(session, loaded, warnings)
