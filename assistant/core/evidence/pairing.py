"""Provides the pairing of a lead's answers with staff and stakeholder answers on one criterion,
and how each pair reads: corroborates, contradicts or silent.

Two answers are paired when they are about the same thing: the same bank question, or content
words (stems) and kinds of thing (a system, guidance) they share. A pair then reads as

- *contradicts* when the two state conflicting facts, clause against clause: one says a practice
  happens or can be done and the other denies it ("advisers can waive a charge" against "I have
  to ask the team leader to waive anything"); one says something is the same everywhere and the
  other that it differs ("the same CRM" against "a different system"); or they name different
  frequencies for the same practice. A difference in how strongly people put it, or in the band
  their words sound like, is never a contradiction;
- *corroborates* when both describe the same practice in place (or both say it is absent);
- *silent* otherwise: each account stands alone.

Every reading names the clauses and the words it rests on. The assessor's own reading
(`PairReading`) always wins over the suggested one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, lru_cache
from typing import Literal

from assistant.core.evidence.sources import LEVELS, CriterionSources, TurnSource, read_cached
from assistant.core.evidence.statements import Clause, Statement, statement_of, stem
from assistant.core.model import PairReading, PairRelation
from assistant.core.reading import Reading

BasisKind = Literal["denial", "sameness", "frequency", "practice", "absence"]
Direction = Literal[
    "lead-claims-more", "others-claim-more", "disagree", "same-story", "absence", ""
]

FRONT_LINE = ("staff", "stakeholder")


@dataclass(frozen=True)
class Basis:
    """What a pair's reading rests on: one clause of each answer and the words they share."""

    kind: BasisKind
    lead_clause: str
    other_clause: str
    words: tuple[str, ...]
    lead_cue: str = ""
    other_cue: str = ""
    lead_denies: bool = False


@dataclass(frozen=True)
class Pair:
    """A lead's answer and another person's answer on the same criterion, and how they read."""

    criterion_id: str
    lead: TurnSource
    other: TurnSource
    suggested: PairRelation
    basis: tuple[Basis, ...]
    same_question: bool
    shared: tuple[str, ...]
    confirmed: PairRelation | None = None
    confirmed_by: str | None = None

    @property
    def relation(self) -> PairRelation:
        """The reading that counts: the assessor's when given, else the suggested one."""
        return self.confirmed or self.suggested

    @property
    def lead_turn(self) -> str:
        """The citation key of the lead's answer."""
        return self.lead.key

    @property
    def other_turn(self) -> str:
        """The citation key of the other answer."""
        return self.other.key

    @property
    def key(self) -> str:
        """The pair's identity: criterion, lead turn, other turn (as in `PairReading.key`)."""
        return f"{self.criterion_id}|{self.lead_turn}|{self.other_turn}"

    @cached_property
    def direction(self) -> Direction:
        """Who says more: the lead (claims what others deny), the others, or neither."""
        rel = self.relation
        if rel == "silent":
            return ""
        if rel == "corroborates":
            kinds = {b.kind for b in self.basis}
            return "absence" if kinds and kinds <= {"absence"} else "same-story"
        conflicts = [b for b in self.basis if b.kind in ("denial", "sameness")]
        if not conflicts:
            return "disagree" if self.basis else "lead-claims-more"
        return "others-claim-more" if all(b.lead_denies for b in conflicts) else "lead-claims-more"


def _present(clause: Clause, reading: Reading) -> bool:
    """True when a clause states something in place now, not only a plan or intention: none of
    the reader's rule cues for plans or future timing falls inside it (`reading` is the whole
    answer's, whose cue offsets the clause's share)."""
    return not any(
        c.signal == "plan" and c.kind != "wording" and c.start < clause.end and c.end > clause.start
        for c in reading.cues
    )


def _topical(lead: Statement, other: Statement, same_question: bool) -> tuple[str, ...]:
    shared = lead.stems & other.stems
    concepts = {c for x in lead.clauses for c in x.concepts} & {
        c for x in other.clauses for c in x.concepts
    }
    if same_question or len(shared) >= 2 or (shared and (concepts or lead.denies or other.denies)):
        return tuple(sorted(shared))
    return ()


_ROUTINE_VERBS = frozenset(
    stem(w)
    for w in "review reviewed change changed check checked use used share shared report reported "
    "measure measured track tracked run look looked go went meet met discuss discussed "
    "team lead leader leadership manager supervisor result results".split()
)
"""Verbs any routine can take, and who does it: sharing only these says little about sharing a
subject, so a frequency conflict needs three other shared words."""


def _conflict(
    lc: Clause, oc: Clause, words: tuple[str, ...], lr: Reading, or_: Reading
) -> Basis | None:
    concepts = tuple(sorted(lc.concepts & oc.concepts))
    if lc.sameness and oc.sameness and lc.sameness != oc.sameness and (words or concepts):
        return Basis(
            kind="sameness",
            lead_clause=lc.text,
            other_clause=oc.text,
            words=words + tuple(c for c in concepts if c not in words),
            lead_cue=lc.sameness_words,
            other_cue=oc.sameness_words,
            lead_denies=lc.sameness == "different",
        )
    if lc.denies != oc.denies and words:
        affirming, reading = (oc, or_) if lc.denies else (lc, lr)
        if not _present(affirming, reading):
            return None  # a plan against "we don't do it yet" is no conflict of fact
        return Basis(
            kind="denial",
            lead_clause=lc.text,
            other_clause=oc.text,
            words=words,
            lead_cue=lc.denial or "",
            other_cue=oc.denial or "",
            lead_denies=lc.denies,
        )
    if (
        not lc.denies
        and not oc.denies
        and lc.frequencies
        and oc.frequencies
        and not lc.frequencies & oc.frequencies
        and len([w for w in words if w not in _ROUTINE_VERBS]) >= 3
    ):
        return Basis(
            kind="frequency",
            lead_clause=lc.text,
            other_clause=oc.text,
            words=words,
            lead_cue=", ".join(sorted(lc.frequencies)),
            other_cue=", ".join(sorted(oc.frequencies)),
        )
    return None


def read_pair(
    lead: TurnSource, other: TurnSource, same_question: bool = False
) -> tuple[PairRelation, tuple[Basis, ...], tuple[str, ...]]:
    """Return how another answer reads against a lead's, what it rests on, and the shared words.

    The reading depends on the two texts alone, so it is remembered by text: a screen redrawn
    after one more answer reads only the pairs that answer is in.
    """
    return _read_texts(lead.turn.answer, other.turn.answer, same_question)


@lru_cache(maxsize=65536)
def _read_texts(
    lead_text: str, other_text: str, same_question: bool
) -> tuple[PairRelation, tuple[Basis, ...], tuple[str, ...]]:
    ls, os_ = statement_of(lead_text), statement_of(other_text)
    shared = _topical(ls, os_, same_question)
    if not shared and not same_question:
        return "silent", (), ()
    conflicts: list[Basis] = []
    agreements: list[Basis] = []
    lr, or_ = read_cached(lead_text), read_cached(other_text)
    for lc in ls.clauses:
        for oc in os_.clauses:
            common = lc.stems & oc.stems
            if not common and not (lc.sameness and oc.sameness):
                continue  # nothing shared: neither a conflict nor an agreement
            words = tuple(sorted(common))
            found = _conflict(lc, oc, words, lr, or_)
            if found is not None:
                conflicts.append(found)
                continue
            if lc.denies and oc.denies and words:
                agreements.append(
                    Basis(
                        "absence", lc.text, oc.text, words, lc.denial or "", oc.denial or "", True
                    )
                )
            elif (
                not lc.denies
                and not oc.denies
                and (len(words) >= 2 or (same_question and words))
                and _present(lc, lr)
                and _present(oc, or_)
            ):
                agreements.append(Basis("practice", lc.text, oc.text, words))
    if conflicts:
        return "contradicts", tuple(conflicts[:3]), shared
    practice = [b for b in agreements if b.kind == "practice"]
    levels = (LEVELS.get(lr.signal or "", -1), LEVELS.get(or_.signal or "", -1))
    if practice and max(levels) >= 1 and 0 not in levels:
        return "corroborates", tuple(practice[:3]), shared
    absence = [b for b in agreements if b.kind == "absence"]
    if absence and ls.only_denies == os_.only_denies:
        return "corroborates", tuple(absence[:3]), shared
    return "silent", (), shared


def pair_sources(src: CriterionSources, readings: Sequence[PairReading] = ()) -> list[Pair]:
    """Return every lead answer paired with every staff and stakeholder answer on a criterion.

    Silent pairs are kept only when the assessor has read them; an assessor's reading of a pair
    whose turns are no longer linked to the criterion is ignored.
    """
    cid = src.criterion_id
    mine = {r.key: r for r in readings if r.criterion_id == cid}
    leads = [(t, t.turn.answer, t.turn.question_id) for t in src.turns if t.role == "lead"]
    others = [(t, t.turn.answer, t.turn.question_id) for t in src.turns if t.role in FRONT_LINE]
    out: list[Pair] = []
    for lead, lead_text, lead_q in leads:
        for other, other_text, other_q in others:
            if lead.code == other.code:
                continue  # one person whose role changed is not a second source
            same_q = bool(lead_q) and lead_q == other_q
            relation, basis, shared = _read_texts(lead_text, other_text, same_q)
            reading = mine.get(f"{cid}|{lead.key}|{other.key}") if mine else None
            if relation == "silent" and reading is None:
                continue
            out.append(
                Pair(
                    criterion_id=cid,
                    lead=lead,
                    other=other,
                    suggested=relation,
                    basis=basis,
                    same_question=same_q,
                    shared=shared,
                    confirmed=reading.relation if reading else None,
                    confirmed_by=(reading.assessor or "assessor") if reading else None,
                )
            )
    return out


def reading_of(
    pair: Pair, relation: PairRelation, assessor: str, note: str = "", at: datetime | None = None
) -> PairReading:
    """Return the assessor's reading of a pair, ready to store (stamped now unless `at`)."""
    stamp = {"decided_at": at} if at is not None else {}
    return PairReading(
        criterion_id=pair.criterion_id,
        lead_turn=pair.lead_turn,
        other_turn=pair.other_turn,
        relation=relation,
        assessor=assessor,
        note=note,
        **stamp,
    )


RELATION_WORDS: dict[str, str] = {
    "corroborates": "tells the same story",
    "contradicts": "contradicts",
    "silent": "says nothing on the same point",
}

BASIS_WORDS: dict[str, str] = {
    "denial": "one says it happens, the other denies it",
    "sameness": "one says it is the same everywhere, the other that it differs",
    "frequency": "they give different frequencies",
    "practice": "both describe the same practice",
    "absence": "both say it is not in place",
}


def pair_words(pair: Pair, limit: int = 90) -> str:
    """Return one line saying how a pair reads and what that rests on, for screens and replies."""
    who = (
        f"{pair.lead.code} t{pair.lead.turn.n} vs {pair.other.code} t{pair.other.turn.n}: "
        f"{pair.relation}"
    )
    if pair.confirmed:
        mark = "confirmed" if pair.confirmed == pair.suggested else f"suggested {pair.suggested}"
        who += f" ({mark} by {pair.confirmed_by})"
    if not pair.basis:
        return who
    b = pair.basis[0]
    cue = f" [{b.lead_cue} / {b.other_cue}]" if b.lead_cue or b.other_cue else ""
    return (
        f'{who} - {BASIS_WORDS[b.kind]}{cue}: "{_clip(b.lead_clause, limit)}" against '
        f'"{_clip(b.other_clause, limit)}" (shared: {", ".join(b.words[:5])})'
    )


def _clip(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"
