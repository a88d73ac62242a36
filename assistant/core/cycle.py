"""Provides the certification cycle: the bank's rules and what they mean for a run of assessments.

A scheme's cycle is data in its bank (the ``cycle`` section): how long a certificate from each
assessment type is valid, how often surveillance assessments fall due while it is, and the least
time between two certification assessments. This module holds those rules as models and one pure
function, `cycle_status`, that reads them against an organisation's assessments:

    status = cycle_status(bank.cycle, [("certification", date(2025, 3, 4)),
                                       ("surveillance", date(2026, 3, 1))], as_of=date(2026, 6, 1))
    status.expires, status.next_surveillance, status.earliest_reassessment

A certificate is taken to be issued on the day its assessment is dated by (the caller passes the
last assessment day where it has one); the certification body's own decision date governs, which
is why every date here is labelled "due by" or "no earlier than", never "is".

Types the bank does not list (gap analyses, continuous-improvement and practice assessments) do
nothing to the cycle, and the minimum interval applies between certification assessments only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Cycle",
    "CycleStatus",
    "IntervalBreach",
    "TypeRule",
    "add_months",
    "chain",
    "cycle_status",
    "months_between",
]


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TypeRule(_Rule):
    """What one assessment type does to the certificate.

    ``certificate_months`` set: the type is a certification assessment that issues a certificate
    valid that long, with a surveillance assessment due every ``surveillance_every_months``
    while it is valid (None: no surveillance). ``maintains_certificate``: the type is a
    surveillance assessment that keeps the current certificate in force.
    """

    certificate_months: int | None = Field(default=None, ge=1, le=120)
    surveillance_every_months: int | None = Field(default=None, ge=1, le=60)
    maintains_certificate: bool = False


class Cycle(_Rule):
    """A scheme's certification cycle, per assessment type (the bank's ``cycle`` section)."""

    description: str = "No certification cycle is set in this bank."
    min_months_between_certifications: int = Field(default=0, ge=0, le=60)
    """Least time from one certification assessment to the next (0: no minimum)."""
    types: dict[str, TypeRule] = Field(default_factory=dict)

    def rule(self, assessment_type: str) -> TypeRule:
        """Return the rule for an assessment type (an empty rule for types the bank omits)."""
        return self.types.get(assessment_type, TypeRule())

    def certifies(self, assessment_type: str) -> bool:
        """True when an assessment of this type issues a certificate."""
        return self.rule(assessment_type).certificate_months is not None


def chain(rules: Cycle, assessment_type: str) -> str | None:
    """Which run of assessments a type belongs to, for comparing one with the one before.

    Every type the bank's cycle names (certification, re-certification, surveillance) is one
    chain, "certification"; any other type is a chain of its own (a gap analysis is compared with
    the previous gap analysis); a practice assessment is compared with nothing (None).
    """
    if assessment_type == "practice":
        return None
    return "certification" if assessment_type in rules.types else assessment_type


def add_months(day: date, months: int) -> date:
    """Return the same day `months` later (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    for dom in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, dom)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def months_between(earlier: date, later: date) -> int:
    """Return the whole months from `earlier` to `later` (negative when later comes first)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if months > 0 and later.day < earlier.day:
        months -= 1
    elif months < 0 and later.day > earlier.day:
        months += 1
    return months


@dataclass(frozen=True)
class IntervalBreach:
    """Two certification assessments closer together than the bank allows."""

    previous: date
    current: date
    months: int
    minimum: int


@dataclass(frozen=True)
class CycleStatus:
    """Where an organisation stands in its certification cycle on a given day.

    Every date is None when it does not apply: no certification assessment yet, a scheme with
    no surveillance, or no minimum interval.
    """

    certified_on: date | None
    """Date of the latest certification assessment (the certificate it issued, if granted)."""
    certified_by: str | None
    """Type of that assessment (certification or recertification)."""
    expires: date | None
    """Last day the certificate is valid; a re-certification is due by then."""
    surveillance_due: tuple[date, ...]
    """Every surveillance assessment due while the certificate is valid, in order."""
    surveillance_done: tuple[date, ...]
    """Surveillance assessments held since the certificate was issued."""
    next_surveillance: date | None
    """The first surveillance still to hold, or None when none is left before expiry."""
    earliest_reassessment: date | None
    """The first day a further certification assessment may be held."""
    breaches: tuple[IntervalBreach, ...]
    """Certification assessments held sooner than the minimum interval after the one before."""

    @property
    def next_due(self) -> tuple[str, date] | None:
        """Return the next assessment due and its date: a surveillance, else re-certification."""
        if self.next_surveillance is not None:
            return "surveillance", self.next_surveillance
        if self.expires is not None:
            return "recertification", self.expires
        return None


def cycle_status(
    rules: Cycle, events: Iterable[tuple[str, date]], as_of: date | None = None
) -> CycleStatus:
    """Read the bank's cycle rules against an organisation's assessments, as (type, date) pairs.

    Events after `as_of` (when given) are ignored, so the status can be asked for any past day.
    The latest certification assessment sets the certificate; surveillance assessments after it
    (and before it expires) count as held; every pair of consecutive certification assessments
    closer than the minimum interval is a breach.
    """
    held = sorted((d, t) for t, d in events if as_of is None or d <= as_of)
    certs = [(d, t) for d, t in held if rules.certifies(t)]
    minimum = rules.min_months_between_certifications
    breaches = tuple(
        IntervalBreach(previous=a, current=b, months=months_between(a, b), minimum=minimum)
        for (a, _), (b, _) in zip(certs, certs[1:], strict=False)
        if minimum and months_between(a, b) < minimum
    )
    if not certs:
        return CycleStatus(None, None, None, (), (), None, None, breaches)
    issued, by = certs[-1]
    rule = rules.rule(by)
    months = rule.certificate_months or 0
    expires = add_months(issued, months)
    due: list[date] = []
    if rule.surveillance_every_months:
        step = rule.surveillance_every_months
        k = 1
        while step * k < months:
            due.append(add_months(issued, step * k))
            k += 1
    done = tuple(
        d for d, t in held if rules.rule(t).maintains_certificate and issued < d <= expires
    )
    left = due[len(done) :]
    return CycleStatus(
        certified_on=issued,
        certified_by=by,
        expires=expires,
        surveillance_due=tuple(due),
        surveillance_done=done,
        next_surveillance=left[0] if left else None,
        earliest_reassessment=add_months(issued, minimum) if minimum else None,
        breaches=breaches,
    )
