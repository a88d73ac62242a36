"""Provides the scope and schedule use cases: sites, sampling, interviews planned across days.

Every change goes through `Session.update_assessment` (audited). A change that leaves sites
unvisited without a sampling rationale is refused and nothing is saved; the other checks
(`assistant.core.inputs.schedule.check_scope`) are warnings returned with the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from assistant.core.errors import AssessorError
from assistant.core.inputs.schedule import Check, check_scope, rationale_check, sort_slots
from assistant.core.inputs.table import key
from assistant.core.inputs.values import BadValue, parse_date
from assistant.core.model import ROLE_PREFIX, RoleType, Scope, Site, Slot

if TYPE_CHECKING:
    from assistant.core.bank.model import Bank
    from assistant.services.opening import OpenAssessment


def scoped(
    scope: Scope,
    *,
    add_sites: Sequence[str] = (),
    visit: Sequence[str] = (),
    skip: Sequence[str] = (),
    reasons: dict[str, str] | None = None,
    rationale: str | None = None,
    unit: str | None = None,
) -> Scope:
    """Return `scope` with sites added, marked visited or not (with reasons), and a rationale.

    A site named in `visit` or `skip` that is not in scope yet is added. Names match without
    regard to case. Raises AssessorError when some sites are left unvisited with no rationale.
    """
    sites = list(scope.sites)

    def at(name: str) -> int:
        for i, site in enumerate(sites):
            if key(site.name) == key(name):
                return i
        sites.append(Site(name=name.strip()))
        return len(sites) - 1

    for name in add_sites:
        if name.strip():
            at(name)
    for name in visit:
        i = at(name)
        sites[i] = sites[i].model_copy(update={"sampled": True})
    for name in skip:
        i = at(name)
        sites[i] = sites[i].model_copy(update={"sampled": False})
    for name, why in (reasons or {}).items():
        i = at(name)
        sites[i] = sites[i].model_copy(update={"reason": why.strip()})
    new = scope.model_copy(
        update={
            "sites": sites,
            "sampling_rationale": scope.sampling_rationale if rationale is None else rationale,
            "unit": scope.unit if unit is None else (unit.strip() or scope.unit),
        }
    )
    if (need := rationale_check(new)) is not None:
        raise AssessorError(f"{need.text}; give one (--rationale); nothing saved")
    return new


def save_scope(opened: OpenAssessment, scope: Scope, why: str = "scope set") -> list[Check]:
    """Save a new scope on the assessment (audited); return the checks on it."""
    if (need := rationale_check(scope)) is not None:
        raise AssessorError(f"{need.text}; nothing saved")
    a = opened.data.assessment
    opened.session.update_assessment(a.model_copy(update={"scope": scope}), why=why)
    return check_scope(opened.bank, scope)


def make_slot(
    bank: Bank,
    *,
    day: str,
    time: str,
    role: str,
    site: str = "",
    minutes: int = 45,
    criteria: Sequence[str] = (),
    note: str = "",
) -> Slot:
    """Return a slot from what a user typed; AssessorError names the field that is wrong."""
    try:
        when: date = parse_date(day)
    except BadValue as exc:
        raise AssessorError(f"schedule.day: {exc}") from None
    if role not in ROLE_PREFIX:
        raise AssessorError(f"schedule.role: must be one of {', '.join(ROLE_PREFIX)}")
    by_key = {key(c.id): c.id for c in bank.criteria()}
    chosen: list[str] = []
    for given in criteria:
        cid = by_key.get(key(given))
        if cid is None:
            raise AssessorError(f"schedule.criteria: '{given}' is not a criterion of {bank.id}")
        if cid not in chosen:
            chosen.append(cid)
    hhmm = time.strip()
    if len(hhmm) == 4 and hhmm[1] == ":":
        hhmm = "0" + hhmm
    from pydantic import ValidationError

    try:
        return Slot(
            day=when,
            time=hhmm,
            site=site.strip(),
            role=_role(role),
            minutes=minutes,
            criteria=chosen,
            note=note.strip(),
        )
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise AssessorError(f"schedule.{field}: {err['msg']}") from None


def _role(role: str) -> RoleType:
    for known in ROLE_PREFIX:
        if known == role:
            return known
    raise AssessorError(f"schedule.role: must be one of {', '.join(ROLE_PREFIX)}")


def add_slot(opened: OpenAssessment, slot: Slot) -> list[Check]:
    """Add an interview to the schedule (kept in day and time order); return the checks."""
    scope = opened.data.assessment.scope
    new = scope.model_copy(update={"schedule": sort_slots([*scope.schedule, slot])})
    return save_scope(opened, new, why="interview scheduled")


def remove_slot(opened: OpenAssessment, number: int) -> tuple[Slot, list[Check]]:
    """Remove the `number`th (1-based, as listed) interview from the schedule."""
    scope = opened.data.assessment.scope
    slots = sort_slots(scope.schedule)
    if not 1 <= number <= len(slots):
        raise AssessorError(f"schedule: no interview {number} (the schedule has {len(slots)})")
    gone = slots.pop(number - 1)
    checks = save_scope(opened, scope.model_copy(update={"schedule": slots}), "interview removed")
    return gone, checks


def scope_lines(bank: Bank, scope: Scope) -> list[str]:
    """Return the scope as lines to show: sites, rationale, schedule by day, then the checks."""
    from assistant.core.inputs.schedule import schedule_days

    out = [f"Scope: {scope.unit}"]
    for site in scope.sites:
        mark = "visited" if site.sampled else "not visited"
        out.append(f"  {site.name}: {mark}" + (f" ({site.reason})" if site.reason else ""))
    if not scope.sites:
        out.append("  no sites recorded")
    out.append(f"Sampling rationale: {scope.sampling_rationale or '-'}")
    n = 0
    for day, slots in schedule_days(scope.schedule):
        out.append(f"{date.fromisoformat(day):%A %Y-%m-%d}")
        for slot in slots:
            n += 1
            crits = ", ".join(slot.criteria) or "criteria chosen at the interview"
            where = f" at {slot.site}" if slot.site else ""
            note = f" ({slot.note})" if slot.note else ""
            out.append(
                f"  {n:>2}. {slot.time} {slot.role:<11} {slot.minutes:>3} min{where}: {crits}{note}"
            )
    out += [f"{c.level}: {c.text}" for c in check_scope(bank, scope)]
    return out


def split_names(text: str) -> list[str]:
    """Return the comma-separated names in `text`, trimmed, blanks left out."""
    return [part.strip() for part in text.split(",") if part.strip()]


def schedule_summary(bank: Bank, scope: Scope, assessment_id: str) -> str:
    """Return one line: how many interviews are planned over how many days, and warnings."""
    from assistant.core.inputs.schedule import schedule_days

    days = len(schedule_days(scope.schedule))
    checks = check_scope(bank, scope)
    warn = f"; {len(checks)} warning(s): assessor scope {assessment_id}" if checks else ""
    return f"Schedule: {len(scope.schedule)} interview(s) planned over {days} day(s){warn}."
