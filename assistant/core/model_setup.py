"""Provides the records an assessment is set up with: scope, sites and schedule, the
organisation's profile, the bank it is pinned to, texts for the report, and practice details.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from assistant.core.record import Record, now
from assistant.core.terms import (
    ASSESSMENT_TYPES as ASSESSMENT_TYPES,
)
from assistant.core.terms import (
    EVIDENCE_TYPES as EVIDENCE_TYPES,
)
from assistant.core.terms import (
    ROLE_LABEL as ROLE_LABEL,
)
from assistant.core.terms import (
    ROLE_PREFIX as ROLE_PREFIX,
)
from assistant.core.terms import (
    TAGS as TAGS,
)
from assistant.core.terms import (
    AssessmentStatus as AssessmentStatus,
)
from assistant.core.terms import (
    AssessmentType as AssessmentType,
)
from assistant.core.terms import (
    EvidenceType as EvidenceType,
)
from assistant.core.terms import (
    FindingKind as FindingKind,
)
from assistant.core.terms import (
    OpenItemKind as OpenItemKind,
)
from assistant.core.terms import (
    RoleType as RoleType,
)
from assistant.core.terms import (
    Tag as Tag,
)
from assistant.core.terms import (
    TurnKind as TurnKind,
)


class Site(Record):
    """A site in scope, whether it was sampled for visits, and why."""

    name: str
    sampled: bool = True
    reason: str = ""


class Slot(Record):
    """One interview planned before the assessment: when, where, with whom, for how long.

    `criteria` empty means the criteria are chosen when the interview starts (the plan).
    """

    day: date
    time: str = Field(default="09:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    site: str = ""
    role: RoleType
    minutes: int = Field(default=45, ge=5, le=480)
    criteria: list[str] = Field(default_factory=list)
    note: str = ""


class Scope(Record):
    """What the assessment covers."""

    unit: str = "whole organisation"
    sites: list[Site] = Field(default_factory=list)
    sampling_rationale: str = ""
    schedule: list[Slot] = Field(default_factory=list)
    """The interviews planned across the days of the assessment, in day and time order."""


class Profile(Record):
    """The organisation as the report introduces it, entered when the assessment is set up."""

    sector: str = ""
    size: str = ""
    """Free text, e.g. "about 420 staff" or "1,200 employees, 9 service teams"."""
    sites: str = ""
    """Where it serves customers, e.g. "head office, 3 service centres, 1 depot"."""
    channels: list[str] = Field(default_factory=list)
    customer_groups: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        """True when nothing has been entered."""
        return not (self.sector or self.size or self.sites or self.channels or self.customer_groups)


Outcome = Literal["recommend", "conditions", "not-recommended"]
"""The certification recommendation: recommend, recommend with conditions, not recommended."""


class RecommendationDecision(Record):
    """The lead assessor's own recommendation, replacing the one derived from the rules."""

    outcome: Outcome
    reason: str
    conditions: list[str] = Field(default_factory=list)
    who: str = ""
    at: datetime = Field(default_factory=now)


class ReportTexts(Record):
    """What the assessor writes for the report beyond scores and findings."""

    narrative: dict[str, str] = Field(default_factory=dict)
    """Executive narrative by group id ("" for the opening paragraph), replacing the draft."""
    recommendation: RecommendationDecision | None = None


class BankPin(Record):
    """The bank an assessment was created with, pinned by id, version and content digest."""

    id: str
    version: str
    digest: str
    title: str = ""


class PracticeRecord(Record):
    """What makes an assessment a practice run: the case played, the trainee, the submission.

    Scores are blind until `submitted` is set; from then on they are locked and the expert's
    reference may be shown.
    """

    case_id: str
    case_digest: str = ""
    trainee: str
    submitted: datetime | None = None
