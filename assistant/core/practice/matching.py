"""Provides matching a trainee's free question to the nearest scripted question, with RapidFuzz.

Texts are reduced to their content words (lower case, stop words out, Porter2 stems). Each word
of the question is then found among a candidate's words by RapidFuzz (so "complains" meets
"complaint"), weighted by how rare the word is among all candidates: "customer" appears in
nearly every question and counts for little, "complaint" decides. Ties go to the earlier
candidate (in bank order the broader question comes first). "How do you" alone has no content
words and matches nothing.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import snowballstemmer
from rapidfuzz import fuzz, process

THRESHOLD: Final = 60.0
"""Below this score (0-100) a free question matches nothing: the person asks what you mean."""
OWN_BONUS: Final = 6.0
"""Added to the questions a person has a script for: people answer what they know about."""

_STOP: Final = frozenset(
    """a about after all am an and any are as at be been being but by can could did do does
    doing done for from get got had has have how i if in into is it its just let me my of on
    or our please say so some tell than that the their them then there these they this those
    through to us walk was we were what when where which who why will with would you your
    yours bit more much give talk explain describe deal thing things like really usually
    ever actually kind sort way also ok okay whether nice know find think see get gets go
    goes anything something anyone someone yourself yourselves ever""".split()
)
_WORD: Final = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=4096)
def content(text: str) -> str:
    """Return a text's content words, stemmed, in order (the form that is compared)."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in _STOP]
    return " ".join(_stemmer().stemWords(words))


@dataclass(frozen=True)
class Candidate:
    """Something the trainee may mean: a key (question id or probe kind) and its wording."""

    key: str
    text: str
    own: bool = True


@dataclass(frozen=True)
class Match:
    """The nearest candidate and its score (0-100, plus the bonus for a person's own questions)."""

    candidate: Candidate
    score: float
    specific: bool = True
    """False when the question's only known words are ones nearly every candidate uses."""

    @property
    def good(self) -> bool:
        """True when the match is close enough to answer."""
        return self.specific and self.score >= THRESHOLD


WORD_CUTOFF: Final = 86.0
"""Two words count as the same word from this RapidFuzz ratio up (complain ~ complaint)."""


SHORT_CUTOFF: Final = 92.0
"""Words of five letters or fewer must be closer still (rain is not train)."""


def _word_score(word: str, words: Sequence[str]) -> float:
    cutoff = SHORT_CUTOFF if len(word) <= 5 else WORD_CUTOFF
    found = process.extractOne(word, words, scorer=fuzz.ratio, score_cutoff=cutoff)
    return float(found[1]) / 100 if found else 0.0


def nearest(text: str, candidates: Sequence[Candidate]) -> Match | None:
    """Return the best-scoring candidate for a typed question (None when nothing compares)."""
    query = content(text).split()
    if not query or not candidates:
        return None
    bags = [content(c.text).split() for c in candidates]
    n = len(bags)
    sets = [set(b) for b in bags]

    df = {w: sum(1 for s in sets if _word_score(w, sorted(s)) > 0) for w in set(query)}
    # words no candidate uses say nothing about which one is meant: they are left out
    known = [w for w in query if df[w]]
    if not known:
        return None
    weights = {w: math.log((n + 1) / (df[w] + 0.5)) + 0.1 for w in set(known)}
    total = sum(weights[w] for w in known)
    specific = any(df[w] <= n / 2 for w in known)
    best: Match | None = None
    for cand, bag in zip(candidates, bags, strict=True):
        if not bag:
            continue
        got = sum(weights[w] * _word_score(w, bag) for w in known)
        score = 100 * got / total
        if cand.own and score > 0:
            score += OWN_BONUS
        # ties go to the earlier candidate: in bank order, the broader question comes first
        if best is None or score > best.score + 1e-9:
            best = Match(cand, score, specific)
    return best


SHOW_ME: Final = re.compile(
    r"^\s*(show me|can i see|could i see|may i see|could you show|can you show|"
    r"would you show|let me see|have you got .* i could see)\b",
    re.IGNORECASE,
)


def is_show_me(text: str) -> bool:
    """True when a typed question asks to be shown something."""
    return bool(SHOW_ME.search(text))
