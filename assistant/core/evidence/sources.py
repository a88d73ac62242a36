"""Provides the evidence behind one criterion: the turns that inform it, who spoke, and the records.

Suggestions and triangulation both start here. Readings of answer text are cached by text, so a
suggestion that runs on every keystroke reads each answer only once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from assistant.core.bank.model import Bank, Signal
from assistant.core.model import AssessmentData, Evidence, RoleType, Turn
from assistant.core.reading import Reading, read_passage

RECORD_TYPES = frozenset({"document", "record", "data"})
OBSERVATION_TYPES = frozenset({"observation", "demonstration"})


@lru_cache(maxsize=32768)
def read_cached(text: str) -> Reading:
    """Return the reading of a passage, computing it once per distinct text."""
    return read_passage(text)


@dataclass(frozen=True)
class TurnSource:
    """One answer that informs a criterion, with its speaker's role and its reading."""

    turn: Turn
    role: RoleType | None
    code: str
    reading: Reading

    @cached_property
    def level(self) -> int:
        """Return 0 for plans, 1 for practice, 2 for improvement, -1 when the text says nothing."""
        return LEVELS.get(self.reading.signal or "", -1)

    @cached_property
    def key(self) -> str:
        """The answer's citation key (its turn's key), worked out once."""
        return self.turn.key

    @property
    def seen(self) -> bool:
        """True when the assessor tagged this answer as evidence seen."""
        return "evidence-seen" in self.turn.tags


LEVELS = {"plan": 0, "practice": 1, "improvement": 2}
SIGNAL_NAMES: tuple[Signal, Signal, Signal] = ("plan", "practice", "improvement")


@dataclass(frozen=True)
class CriterionSources:
    """Every turn and evidence item that bears on one criterion."""

    criterion_id: str
    turns: list[TurnSource]
    evidence: list[Evidence]

    @property
    def verified(self) -> list[Evidence]:
        """Return the verified evidence items."""
        return [e for e in self.evidence if e.verified]

    def roles(self, role: RoleType) -> list[TurnSource]:
        """Return the answers given by people in one role."""
        return [t for t in self.turns if t.role == role]


_QUESTION_CRITERIA: dict[int, tuple[Bank, dict[str, str]]] = {}


def _question_criteria(bank: Bank) -> dict[str, str]:
    """Return question id -> criterion id, kept per bank object.

    Keyed by identity, not `lru_cache`: a Bank holds lists, so it cannot be hashed."""
    hit = _QUESTION_CRITERIA.get(id(bank))
    if hit is None or hit[0] is not bank:
        if len(_QUESTION_CRITERIA) >= 64:
            _QUESTION_CRITERIA.clear()
        hit = (bank, {q.id: c.id for c in bank.criteria() for q in c.questions})
        _QUESTION_CRITERIA[id(bank)] = hit
    return hit[1]


def turn_criteria(bank: Bank, turn: Turn) -> list[str]:
    """Return the criteria a turn informs: its own list, else its bank question's criterion."""
    if turn.criteria:
        return list(turn.criteria)
    if turn.question_id:
        crit = _question_criteria(bank).get(turn.question_id)
        if crit:
            return [crit]
    return []


class SourceIndex:
    """All sources of an assessment grouped by criterion, built once and reused.

    Answers are read (and the reading cached) only when a criterion's sources are asked for,
    so a suggestion for one criterion reads that criterion's answers and no others.
    """

    def __init__(self, bank: Bank, data: AssessmentData) -> None:
        self.bank = bank
        self.data = data
        self._raw: dict[str, list[tuple[Turn, RoleType | None, str]]] = {}
        self._turns: dict[str, list[TurnSource]] = {}
        self.memo: dict[tuple[str, str], object] = {}
        """Results worked out from this index (a criterion's triangulation), kept while it lives."""
        self._evidence: dict[str, list[Evidence]] = {}
        people = {p.id: p for p in data.interviewees}
        only: dict[str, str] = {
            iv.id: iv.interviewee_ids[0] for iv in data.interviews if len(iv.interviewee_ids) == 1
        }
        for turn in data.turns:
            if turn.kind != "answer" or not turn.answer.strip():
                continue
            criteria = turn_criteria(bank, turn)
            if not criteria:
                continue
            person = people.get(turn.speaker_id or only.get(turn.interview_id, ""))
            entry = (turn, person.role if person else None, person.code if person else "?")
            for cid in criteria:
                self._raw.setdefault(cid, []).append(entry)
        for item in data.evidence:
            for cid in item.criteria:
                self._evidence.setdefault(cid, []).append(item)

    def heard(self, criterion_id: str, role: RoleType) -> bool:
        """True when someone in this role has answered on the criterion (nothing is read)."""
        return any(r == role for _, r, _ in self._raw.get(criterion_id, []))

    def for_criterion(self, criterion_id: str) -> CriterionSources:
        """Return the sources of one criterion, reading its answers on first use."""
        turns = self._turns.get(criterion_id)
        if turns is None:
            turns = [
                TurnSource(turn=t, role=role, code=code, reading=read_cached(t.answer))
                for t, role, code in self._raw.get(criterion_id, [])
            ]
            self._turns[criterion_id] = turns
        return CriterionSources(
            criterion_id=criterion_id,
            turns=turns,
            evidence=self._evidence.get(criterion_id, []),
        )


_SENTENCE_END = re.compile(r"[.!?;]\s")


def quote(text: str, start: int, end: int, limit: int = 110) -> str:
    """Return the sentence around a span, trimmed to about `limit` characters."""
    left = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        left = found.end()
    after = _SENTENCE_END.search(text, end)
    right = after.start() + 1 if after else len(text)
    sentence = " ".join(text[left:right].split())
    if len(sentence) <= limit:
        return sentence
    focus = " ".join(text[start:end].split())
    room = max(0, (limit - len(focus)) // 2)
    pos = sentence.find(focus)
    if pos < 0:
        return sentence[: limit - 1] + "…"
    lo = max(0, pos - room)
    hi = min(len(sentence), pos + len(focus) + room)
    return ("…" if lo else "") + sentence[lo:hi].strip() + ("…" if hi < len(sentence) else "")
