"""Provides the views of an interview's progress: opening checklist, coverage and time, read-back.

These are pure functions of the bank, the recorded data and the clock; the interview engine
turns them into replies. The time warning follows docs/ASSESSMENT.md §3: it fires when fewer than
`MINUTES_PER_MANDATORY` minutes are left for each planned mandatory criterion still uncovered.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from assistant.core.bank.model import Bank
from assistant.core.evidence.sources import LEVELS, read_cached, turn_criteria
from assistant.core.interview.plan import Plan
from assistant.core.interview.replies import Coverage, OpeningItem, count
from assistant.core.interview.views import Point
from assistant.core.model import ROLE_LABEL, AssessmentData, Interview, RoleType, Turn

MINUTES_PER_MANDATORY = 5
"""Minutes an uncovered mandatory criterion needs at least; less than this per item warns."""

MAX_READ = 20_000
"""Only this much of an answer is read to pick the sentence quoted in the read-back."""

OPENING_STEPS: tuple[tuple[str, str], ...] = (
    (
        "purpose",
        "Explain why you are here: to learn how the service works; an interview, "
        "not an interrogation.",
    ),
    ("confidentiality", "Explain confidentiality: answers are cited by role code, never by name."),
    ("notes", "Explain that you are taking notes, and why."),
    ("role", "Confirm their role and responsibilities ({role})."),
    ("describe-work", "Ask them to describe their own work in a few sentences."),
)


def opening_items(interview: Interview, role: RoleType) -> tuple[OpeningItem, ...]:
    """Return the opening checklist with the steps already ticked in the interview."""
    done = set(interview.opening_done)
    return tuple(
        OpeningItem(i, text.format(role=ROLE_LABEL[role]), i in done) for i, text in OPENING_STEPS
    )


def minutes_between(start: datetime, end: datetime) -> int:
    """Return whole minutes from start to end; naive times are taken as UTC."""
    if start.tzinfo is None:
        start = start.replace(tzinfo=UTC)
    if end.tzinfo is None:
        end = end.replace(tzinfo=UTC)
    return int((end - start).total_seconds() // 60)


def interview_turns(data: AssessmentData, interview_id: str) -> list[Turn]:
    """Return the answers with text recorded in one interview, in order."""
    return [
        t
        for t in data.turns
        if t.interview_id == interview_id and t.kind == "answer" and t.answer.strip()
    ]


def covered_criteria(bank: Bank, data: AssessmentData, interview_id: str) -> set[str]:
    """Return the criteria that have at least one answer in this interview."""
    out: set[str] = set()
    for turn in interview_turns(data, interview_id):
        out.update(turn_criteria(bank, turn))
    return out


def coverage(
    bank: Bank, data: AssessmentData, interview: Interview, plan: Plan, at: datetime
) -> Coverage:
    """Return the coverage of the plan so far, the time used and left, and any warning."""
    covered = covered_criteria(bank, data, interview.id)
    planned = plan.criteria
    mandatory = tuple(
        i.criterion_id for i in plan.items if i.mandatory and i.criterion_id not in covered
    )
    used = max(0, minutes_between(interview.started, at))
    box = plan.time_box_minutes
    left = box - used
    warning = ""
    if mandatory and left < MINUTES_PER_MANDATORY * len(mandatory):
        warning = (
            f"{max(left, 0)} min left and {count(len(mandatory), 'mandatory area')} not yet "
            f"covered ({', '.join(mandatory)}): move on to them now"
        )
    elif left < 0:
        warning = f"the time box ({box} min) is over by {-left} min: start closing"
    return Coverage(
        covered=tuple(c for c in planned if c in covered),
        planned=planned,
        remaining_mandatory=mandatory,
        minutes_used=used,
        minutes_left=left,
        time_box=box,
        warning=warning,
    )


_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
QUOTE_LIMIT = 160
"""Characters of a read-back quote at most; longer sentences are cut at word boundaries."""


def _strongest_sentence(text: str) -> tuple[tuple[int, float], str]:
    """Return a sort key (level, strength) and the sentence to quote from one answer.

    The sentence quoted is the one holding the most cues for the answer's level (then the
    most cues of any kind); it is cut, if it must be, between words and around its cues.
    """
    head = text[:MAX_READ]
    reading = read_cached(head)
    level = LEVELS.get(reading.signal or "", -1)
    best: tuple[tuple[int, int], int, int] | None = None
    for found in _SENTENCE.finditer(head):
        start, end = found.span()
        if not head[start:end].strip():
            continue
        inside = [c for c in reading.cues if start <= c.start < end]
        weight = (sum(1 for c in inside if c.signal == reading.signal), len(inside))
        if best is None or weight > best[0]:
            best = (weight, start, end)
    if best is None:
        return (level, 0.0), ""
    _, start, end = best
    cues = [c.start - start for c in reading.cues if start <= c.start < end]
    return (level, reading.strength * reading.confidence), whole_words(head[start:end], cues)


def whole_words(sentence: str, focus: list[int], limit: int = QUOTE_LIMIT) -> str:
    """Return a sentence on one line, cut to about `limit` characters between words only.

    The words kept run around the first position in `focus` (a cue), so the quote keeps
    what made it worth quoting; "…" marks each side that was cut.
    """
    words = list(re.finditer(r"\S+", sentence))
    flat = " ".join(w.group() for w in words)
    if len(flat) <= limit or not words:
        return flat
    at = focus[0] if focus else 0
    lo = hi = next((i for i, w in enumerate(words) if w.end() > at), 0)
    size = len(words[lo].group())
    grew = True
    while grew:
        grew = False
        for step in (1, -1):  # one word to the right, then one to the left
            i = hi + 1 if step == 1 else lo - 1
            if 0 <= i < len(words) and size + 1 + len(words[i].group()) <= limit - 2:
                size += 1 + len(words[i].group())
                hi, lo = (i, lo) if step == 1 else (hi, i)
                grew = True
    kept = " ".join(w.group() for w in words[lo : hi + 1])
    return ("…" if lo else "") + kept + ("…" if hi < len(words) - 1 else "")


def read_back(bank: Bank, data: AssessmentData, interview: Interview) -> tuple[Point, ...]:
    """Return one point per criterion answered in this interview, numbered from 1.

    Each point quotes the strongest cue-bearing sentence given for the criterion, with the
    speaker's role code and the turn; its status comes from the interview's marks.
    """
    best: dict[str, tuple[tuple[int, float], str, Turn]] = {}
    for turn in interview_turns(data, interview.id):
        key, sentence = _strongest_sentence(turn.answer)
        for cid in turn_criteria(bank, turn):
            have = best.get(cid)
            if have is None or key > have[0]:
                best[cid] = (key, sentence, turn)
    confirmed = set(interview.confirmed_points)
    disputed = set(interview.disputed_points)
    points: list[Point] = []
    for n, (cid, (_, sentence, turn)) in enumerate(best.items(), 1):
        try:
            title = bank.criterion(cid).title
        except KeyError:
            title = cid
        speaker = data.speaker_of(turn)
        point = Point(
            n=n,
            criterion_id=cid,
            criterion_title=title,
            text=sentence,
            code=speaker.code if speaker else "?",
            turn_key=turn.key,
            turn_n=turn.n,
        )
        if point.record in disputed:
            point = replace(point, status="disputed")
        elif point.record in confirmed:
            point = replace(point, status="confirmed")
        points.append(point)
    return tuple(points)
