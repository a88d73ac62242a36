"""Provides the assessment vocabulary: types, roles, tags and evidence kinds, with no dependencies.

Kept apart from `assistant.core.model` so that command-line parsers can offer these choices
without loading pydantic.
"""

from __future__ import annotations

from typing import Literal

AssessmentType = Literal[
    "gap-analysis",
    "continuous-improvement",
    "certification",
    "surveillance",
    "recertification",
    "practice",
]
ASSESSMENT_TYPES: tuple[AssessmentType, ...] = (
    "gap-analysis",
    "continuous-improvement",
    "certification",
    "surveillance",
    "recertification",
    "practice",
)
AssessmentStatus = Literal["planned", "in-progress", "in-review", "signed-off"]
RoleType = Literal["lead", "stakeholder", "staff"]
ROLE_PREFIX: dict[RoleType, str] = {"lead": "L", "stakeholder": "K", "staff": "S"}
ROLE_LABEL: dict[RoleType, str] = {
    "lead": "department lead",
    "stakeholder": "key stakeholder",
    "staff": "service-team staff",
}
Tag = Literal["fact", "opinion", "claim-to-verify", "evidence-seen", "referral"]
TAGS: tuple[Tag, ...] = ("fact", "opinion", "claim-to-verify", "evidence-seen", "referral")
EvidenceType = Literal["document", "record", "observation", "demonstration", "data"]
EVIDENCE_TYPES: tuple[EvidenceType, ...] = (
    "document",
    "record",
    "observation",
    "demonstration",
    "data",
)
TurnKind = Literal["answer", "note"]
FindingKind = Literal["strength", "risk", "opportunity"]
OpenItemKind = Literal["claim", "document", "person"]
