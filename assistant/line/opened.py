"""Provides the setup's helpers: opening an assessment (shared with the app) and list lines.

People are shown by role code, role, department and site: never by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.core.interview.replies import count
from assistant.core.model import ROLE_LABEL, AssessmentData, Interview, Interviewee
from assistant.services.opening import OpenAssessment

if TYPE_CHECKING:
    from assistant.store.workspace import AssessmentListing


Opened = OpenAssessment
"""An assessment open for writing, with the bank it was created with (shared with the app)."""


def pick(word: str, options: tuple[str, ...]) -> str | None:
    """Return the option a typed word names: its number, its name, or a unique start."""
    low = word.strip().lower()
    if low.isdecimal() and 1 <= int(low) <= len(options):
        return options[int(low) - 1]
    starts = [o for o in options if o.startswith(low)] if low else []
    return low if low in options else (starts[0] if len(starts) == 1 else None)


def listing_line(row: AssessmentListing) -> str:
    """Return one assessment of the list as a line."""
    if not row.organisation:
        return f"{row.id}: cannot be opened ({row.damaged})"
    line = (
        f"{row.organisation}: {row.type}, bank {row.bank_id}, "
        f"{count(row.interviews, 'interview')}, {count(row.turns, 'turn')}, id {row.id}"
    )
    return line + (f"; problems: {row.damaged}" if row.damaged else "")


def person_line(person: Interviewee) -> str:
    """Return an interviewee as shown: role code, role, department and site (never the name)."""
    where = ", ".join(x for x in (person.department, person.site) if x)
    return f"{person.code} {ROLE_LABEL[person.role]}" + (f" ({where})" if where else "")


def interview_line(data: AssessmentData, interview: Interview) -> str:
    """Return an open interview as shown in the resume list."""
    codes = []
    for person_id in interview.interviewee_ids:
        try:
            codes.append(data.interviewee(person_id).code)
        except KeyError:
            codes.append("?")
    turns = sum(1 for t in data.turns if t.interview_id == interview.id)
    started = f"{interview.started:%Y-%m-%d %H:%M} UTC"
    return f"{', '.join(codes)}, {count(turns, 'turn')}, started {started}"
