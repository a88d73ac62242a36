"""Provides the scope and schedule checks: sampled sites, interviews across days, roles covered.

At setup the assessor records the sites in scope, which are visited and why, and the interviews
planned across the days (`Slot`). `check_scope` says what is missing before anyone is
interviewed (docs/ASSESSMENT.md §3, §11): a sampling rationale when some sites are not visited,
a sampled site with no interview or only one staff member to hear, a mandatory criterion with no
lead or no staff interview planned for it, an interview holding more areas than its time box.
A slot with no criteria is open (the plan chooses them when it starts) and counts for every one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.core.bank.model import Bank
from assistant.core.interview.plan import capacity
from assistant.core.model import ROLE_LABEL, RoleType, Scope, Slot

REQUIRED_ROLES: tuple[RoleType, ...] = ("lead", "staff")
"""Who must be heard on each mandatory criterion: what leaders say, what staff do (§4.5)."""
MIN_STAFF_PER_SITE = 2
"""One staff member's account of a site cannot be compared with anyone else's."""


@dataclass(frozen=True)
class Check:
    """One result of the scope check: an error blocks saving, a warning is for the assessor."""

    level: Literal["error", "warning"]
    text: str


def sort_slots(slots: Sequence[Slot]) -> list[Slot]:
    """Return slots in day, time and site order."""
    return sorted(slots, key=lambda s: (s.day, s.time, s.site.casefold()))


def slot_label(slot: Slot) -> str:
    """Return ``2025-06-02 09:30 Northside, service-team staff, 45 min``."""
    where = f" {slot.site}" if slot.site else ""
    return f"{slot.day.isoformat()} {slot.time}{where}, {ROLE_LABEL[slot.role]}, {slot.minutes} min"


def rationale_check(scope: Scope) -> Check | None:
    """Return the error when some sites are not visited and no rationale says why."""
    skipped = [s.name for s in scope.sites if not s.sampled]
    if skipped and not scope.sampling_rationale.strip():
        return Check(
            "error",
            f"{len(skipped)} of {len(scope.sites)} sites are not visited "
            f"({', '.join(skipped)}): a sampling rationale is required",
        )
    return None


def check_scope(bank: Bank, scope: Scope) -> list[Check]:
    """Return every problem with the scope and schedule, errors first."""
    out: list[Check] = []
    if (need := rationale_check(scope)) is not None:
        out.append(need)
    slots = scope.schedule
    if not slots:
        out.append(Check("warning", "no interviews scheduled yet"))
        return out
    known = {s.name.casefold(): s for s in scope.sites}
    for slot in sort_slots(slots):
        site = known.get(slot.site.casefold()) if slot.site else None
        if slot.site and site is None and known:
            out.append(Check("warning", f"{slot_label(slot)}: site '{slot.site}' is not in scope"))
        elif site is not None and not site.sampled:
            out.append(Check("warning", f"{slot_label(slot)}: site {site.name} is not sampled"))
        fits = capacity(slot.minutes)
        if len(slot.criteria) > fits:
            out.append(
                Check(
                    "warning",
                    f"{slot_label(slot)}: {len(slot.criteria)} criteria planned, "
                    f"about {fits} fit the time box",
                )
            )
    for site in scope.sites:
        if not site.sampled:
            continue
        here = [s for s in slots if s.site.casefold() == site.name.casefold()]
        staff = sum(1 for s in here if s.role == "staff")
        if not here:
            out.append(Check("warning", f"site {site.name} is sampled but no interview is planned"))
        elif staff == 0:
            out.append(Check("warning", f"site {site.name}: no service-team staff interview"))
        elif staff < MIN_STAFF_PER_SITE:
            out.append(
                Check(
                    "warning",
                    f"site {site.name}: one staff member only; their account cannot be "
                    f"compared with a colleague's (plan at least {MIN_STAFF_PER_SITE})",
                )
            )
    for role in REQUIRED_ROLES:
        open_slot = any(s.role == role and not s.criteria for s in slots)
        if open_slot:
            continue
        lacking = [
            c.id
            for c in bank.criteria()
            if c.mandatory and not any(s.role == role and c.id in s.criteria for s in slots)
        ]
        if lacking:
            out.append(
                Check(
                    "warning",
                    f"no {ROLE_LABEL[role]} interview planned for mandatory {_ids(lacking)}",
                )
            )
    return sorted(out, key=lambda c: c.level != "error")


def _ids(ids: Sequence[str], shown: int = 6) -> str:
    more = len(ids) - shown
    return ", ".join(ids[:shown]) + (f" and {more} more" if more > 0 else "")


def schedule_days(slots: Sequence[Slot]) -> list[tuple[str, list[Slot]]]:
    """Return the slots grouped by day (ISO date), each day in time order."""
    days: dict[str, list[Slot]] = {}
    for slot in sort_slots(slots):
        days.setdefault(slot.day.isoformat(), []).append(slot)
    return list(days.items())
