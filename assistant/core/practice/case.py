"""Provides the practice-case model: a fictional organisation, its people, their scripts and the
expert's reference for each criterion.

A case is data (``practice_cases/*.yaml``). Per criterion, each person has answers to bank
questions (the first is the surface answer, later ones go deeper when the question is asked
again), answers to probes by kind, what they show when asked "show me" (or that they would have
to find it), and the reference: the expert's score, band and rationale, the key evidence it rests
on and the answers a trainee might over- or under-weight.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from typing_extensions import Annotated

from assistant.core.bank.model import Gap, Id, Text
from assistant.core.terms import EvidenceType, RoleType

Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[LKS][1-9][0-9]*$")]
"""A role code: L (department lead), K (key stakeholder) or S (staff) and a number."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Model):
    """Someone the trainee can interview, known by role code."""

    code: Code
    role: RoleType
    title: Text
    department: Text
    site: Text
    fallback: Text = "I'm not really the right person for that one, I'm afraid."
    """What they say to a question they have no script for."""


class Shown(_Model):
    """Evidence the person produces when asked to show it."""

    type: EvidenceType
    title: Text
    says: Text
    """What the person says while showing it, which is what the trainee learns from it."""


class ShowMe(_Model):
    """What happens on "show me": evidence is shown, or the person would have to find it."""

    shows: Shown | None = None
    missing: Text | None = None

    @model_validator(mode="after")
    def _one(self) -> ShowMe:
        if (self.shows is None) == (self.missing is None):
            raise ValueError("give exactly one of 'shows' or 'missing'")
        return self


class Script(_Model):
    """What one person says about one criterion."""

    answers: dict[Id, list[Text]] = Field(default_factory=dict)
    probes: dict[Gap, Text] = Field(default_factory=dict)
    show_me: ShowMe | None = None


Act = Literal["ask", "probe", "show_me"]


class Pointer(_Model):
    """Points at one thing a person says: an answer to a question, a probe answer or a show-me."""

    person: Code
    question_id: Id | None = None
    probe: Gap | None = None
    show_me: bool = False

    @model_validator(mode="after")
    def _one(self) -> Pointer:
        if sum([self.question_id is not None, self.probe is not None, self.show_me]) != 1:
            raise ValueError("give exactly one of 'question_id', 'probe' or 'show_me: true'")
        return self

    @property
    def act(self) -> Act:
        """What the trainee must do to hear it."""
        if self.question_id is not None:
            return "ask"
        return "probe" if self.probe is not None else "show_me"


class KeyEvidence(Pointer):
    """Something the expert's score rests on, and what it reveals."""

    reveals: Text


class Caution(Pointer):
    """An answer that misleads when taken at face value, and which way it pulls a score."""

    answer: int | None = Field(default=None, ge=1)
    """Which answer to the question (1 = the surface one); none means any."""
    direction: Literal["over", "under"]
    why: Text


class Reference(_Model):
    """The expert's reference score for one criterion."""

    score: float
    band: Id
    rationale: Text
    key_evidence: list[KeyEvidence] = Field(min_length=1)
    cautions: list[Caution] = Field(default_factory=list)


class CaseCriterion(_Model):
    """One criterion of the case: the people's scripts and the reference."""

    id: Id
    trap: str = ""
    """The lesson this criterion teaches, for trainers (never shown before submission)."""
    people: dict[Code, Script] = Field(min_length=1)
    reference: Reference


class PracticeCase(_Model):
    """A whole practice case."""

    id: Id
    title: Text
    bank: Id
    organisation: Text
    summary: Text
    allow_suggestions: bool = False
    people: list[Person] = Field(min_length=1)
    criteria: list[CaseCriterion] = Field(min_length=1)

    def person(self, code: str) -> Person:
        """Return a person by role code, any case (KeyError when there is none)."""
        for person in self.people:
            if person.code == code.strip().upper():
                return person
        raise KeyError(code)

    def criterion(self, criterion_id: str) -> CaseCriterion:
        """Return a case criterion by id (KeyError when there is none)."""
        for crit in self.criteria:
            if crit.id == criterion_id:
                return crit
        raise KeyError(criterion_id)

    def criterion_ids(self) -> list[str]:
        """Return the case's criterion ids in case order."""
        return [c.id for c in self.criteria]

    def script(self, code: str, criterion_id: str) -> Script | None:
        """Return what a person says on a criterion, or None when they say nothing on it."""
        try:
            return self.criterion(criterion_id).people.get(code)
        except KeyError:
            return None
