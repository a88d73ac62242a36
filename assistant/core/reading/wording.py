"""Provides the features a learned model reads from a passage: its words and the rules' cues.

The rule reader (`rules.py`) finds the cues an assessor can check; wording it has never met
leaves it without a cue. The learned weights (`model.py`) read the same passage as
words and word pairs, with negation marked, plus the rules' cues as features, so that the two
views decide together. Every feature that comes from the text keeps its position, so a reason
can quote the words behind it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_TOKEN = re.compile(r"[a-z][a-z'’]*[a-z]|[a-z]|\d+(?:[.,]\d+)?%?|[£$€]\d[\d,.]*[km]?", re.I)
_NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "nobody",
        "none",
        "nothing",
        "without",
        "don't",
        "doesn't",
        "didn't",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "haven't",
        "hasn't",
        "hadn't",
        "won't",
        "can't",
        "cannot",
        "couldn't",
        "wouldn't",
        "shouldn't",
    }
)
_SCOPE_END = re.compile(r"[.;:!?,]|\bbut\b|\s[-–—]\s", re.I)
_STOP = frozenset({"the", "a", "an", "of", "to", "and", "in", "on", "for", "at", "is", "it"})
NEGATION_WINDOW = 4
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Word:
    """One feature taken from the text, with where it stands so a reason can quote it."""

    feature: str
    start: int
    end: int


def _normal(token: str) -> str:
    token = token.lower().replace("’", "'")
    if token[0].isdigit():
        return "<pct>" if token.endswith("%") else "<num>"
    if token[0] in "£$€":
        return "<money>"
    return token


def words(text: str) -> list[Word]:
    """Return the word and word-pair features of a passage, with negation scope marked.

    A word within four words after a negator in the same clause is read as `not_<word>`, so
    "we don't measure that" and "we measure that" give different features.
    """
    out: list[Word] = []
    ends = [m.start() for m in _SCOPE_END.finditer(text)]
    previous: tuple[str, int, int] | None = None
    negated_until = -1
    scope_end = -1
    for index, match in enumerate(_TOKEN.finditer(text)):
        token = _normal(match.group(0))
        start = match.start()
        if start > scope_end:
            negated_until = -1
        feature = f"not_{token}" if index <= negated_until and token not in _STOP else token
        if token in _NEGATORS:
            negated_until = index + NEGATION_WINDOW
            scope_end = next((e for e in ends if e > start), len(text))
        out.append(Word(f"w:{feature}", start, match.end()))
        if previous is not None and start - previous[1] < 3:
            out.append(Word(f"b:{previous[0]}_{token}", previous[2], match.end()))
        previous = (token, match.end(), start) if token not in _STOP else None
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Return a word's Porter2 (Snowball English) stem, keeping a `not_` mark in front."""
    if word.startswith("not_"):
        return "not_" + str(_STEMMER.stemWord(word[4:]))
    return str(_STEMMER.stemWord(word))


PAIRS: tuple[tuple[str, str], ...] = (
    ("outcome", "sustained"),
    ("outcome", "data_change"),
    ("data_change", "sustained"),
    ("data_change", "orgwide"),
    ("outcome", "orgwide"),
    ("plan", "in_place_now"),
    ("plan", "review_existing"),
    ("standard_will", "measure"),
    ("culture_claim", "outcome"),
    ("culture_claim", "data_change"),
    ("pilot", "outcome"),
    ("money_result", "outcome"),
    ("governance", "data_change"),
    ("measure", "data_change"),
    ("absence", "plan"),
    ("non_use", "measure"),
    ("pilot", "plan"),
)
"""Pairs of cue kinds whose meeting in one passage means more than either alone (`c:`)."""


def features(text: str, cue_kinds: Iterable[str]) -> dict[str, float]:
    """Return the feature vector of a passage as a sparse mapping of names to values.

    Words (`w:`), their stems (`s:`, so "reviewed" and "reviews" meet), word pairs (`b:`) and
    the kinds of cue the rules found (`k:`, and `k2:` when a kind is found twice), and the
    `PAIRS` of kinds found together (`c:`). The rules' own decision is not a feature: the model
    learns from the cues, not from the verdict.
    """
    vector: dict[str, float] = {}
    found = set()
    for kind in cue_kinds:
        key = f"k:{kind}"
        if key in vector:
            vector[f"k2:{kind}"] = 1.0
        vector[key] = 1.0
        found.add(kind)
    for a, b in PAIRS:
        if a in found and b in found:
            vector[f"c:{a}+{b}"] = 1.0
    for word in words(text):
        vector[word.feature] = 1.0
        if word.feature.startswith("w:"):
            vector["s:" + stem(word.feature[2:])] = 1.0
    count = len(_TOKEN.findall(text))
    vector["len:short"] = 1.0 if count < 15 else 0.0
    vector["len:long"] = 1.0 if count > 60 else 0.0
    return vector
