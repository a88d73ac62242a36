"""Provides the statements of fact in one answer: clause by clause, what it is about and whether
it says the thing happens.

Triangulation compares what people said, not how their answers sound. Each clause of an answer
is reduced to facts that can be compared across speakers:

- the content words it rests on (stemmed, minus function words and words every answer uses);
- the kinds of thing it names (a system, guidance or documents, the answer customers get);
- whether it denies that something happens or can be done ("we can't", "I've never seen",
  "nobody checks", "I have to ask the team leader", "out of date");
- whether it says something is the same everywhere or that it differs ("the same CRM",
  "a different system", "it varies by team leader");
- how often it says something happens (daily, weekly, monthly, quarterly, yearly).

Nothing here judges the band an answer implies: that is the reader's job
(`assistant.core.reading`). Everything is deterministic and every fact keeps the words it
came from, so a pairing can say what it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

Sameness = Literal["same", "different"]

_CLAUSE_SPLIT = re.compile(
    r"[.!?;:]+(?:\s+|$)|,?\s+\b(?:but|however|although|though|whereas|except that|yet)\b\s+"
    r"|\s+-\s+|,\s+(?=(?:and\s+)?(?:we|i|they|it|nobody|no one|the)\b)",
    re.IGNORECASE,
)

_DENIAL = re.compile(
    r"\b(?:can't|cannot|can not|couldn't|could not|unable to|never|nobody|no one|no-one|none"
    r"|not|\w+n't|nothing|no(?!\s+(?:more|less|later|longer|sooner|fewer)\s+than)(?=\s+\w)"
    r"|not allowed|isn't|aren't|wasn't|weren't|haven't|hasn't|don't|doesn't|didn't|won't"
    r"|out of date|out-of-date|(?:have|has|need) to (?:ask|get|wait|chase|go back)"
    r"|(?:still|only) (?:use|have) the old|old (?:guidance|version|rules)"
    r"|(?:tell|explain) (?:me |us )?everything again|without any)\b",
    re.IGNORECASE,
)
"""Words that say something does not happen, cannot be done, or is not working."""

_NOT_A_FACT = re.compile(
    r"\b(?:if|when|whenever|unless|in case|said|says|told (?:us|them|me)|tell us|showed|shows"
    r"|complain\w*|unhappy|upset|about|why|whether|worried|afraid|so that|to make sure"
    r"|to ensure|making sure|so(?=\s+(?:nothing|nobody|no one|none|no)\b))\b",
    re.IGNORECASE,
)
"""Words before a denial that make it a condition or a report of someone else's words
("if someone cannot use the website", "customers said they were not told"), not a fact."""


def _denial(part: str) -> re.Match[str] | None:
    """Return the first denial in a clause that states a fact, or None."""
    for found in _DENIAL.finditer(part):
        if not _NOT_A_FACT.search(part, 0, found.start()):
            return found
    return None


_SAME = re.compile(
    r"\b(?:the same|same (?:\w+ )?(?:system|crm|answer|process|guidance|rules?|steps|standard)"
    r"|consistent(?:ly)?|seamless(?:ly)?|(?:fully )?aligned|identical|one (?:single )?(?:system"
    r"|crm|view|record|process)|everywhere|across (?:all|every) (?:the )?(?:teams?|sites?"
    r"|channels?|services?|departments?)|single view)\b",
    re.IGNORECASE,
)
_DIFFERENT = re.compile(
    r"\b(?:different|differs?|differently|var(?:y|ies|ied) (?:by|between|from|with|across)"
    r"|depends on (?:who|which|the)|inconsistent(?:ly)?|another system|separate (?:system|crm"
    r"|database)|their own (?:system|way|rules|version)|not the same)\b",
    re.IGNORECASE,
)

_FREQUENCIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("daily", r"\b(?:daily|every day|each day|once a day)\b"),
        (
            "weekly",
            r"\b(?:weekly|every week|each week|once a week|on (?:mon|tues|wednes|thurs|fri)days)\b",
        ),
        ("monthly", r"\b(?:monthly|every month|each month|once a month)\b"),
        ("quarterly", r"\b(?:quarterly|every quarter|each quarter|once a quarter)\b"),
        ("yearly", r"\b(?:yearly|annually|annual|every year|each year|once a year)\b"),
    )
)

CONCEPTS: dict[str, frozenset[str]] = {
    "system": frozenset(
        {"system", "crm", "database", "software", "platform", "tool", "case", "portal"}
    ),
    "guidance": frozenset(
        {
            "guidance",
            "knowledge",
            "article",
            "script",
            "procedure",
            "manual",
            "policy",
            "rule",
            "library",
            "instruction",
            "guide",
        }
    ),
    "answer": frozenset({"answer", "information", "advice", "story", "reply"}),
    "delegation": frozenset({"limit", "delegation", "decide", "authority", "waive", "sign"}),
}
"""Kinds of thing two speakers can name in different words (CRM / system)."""

_STOP = frozenset(
    """a about above after again all almost also always am an and any anything are around as at
    be because been before being both but by can could did do does doing done each either else
    even ever every everyone everything few for from further get gets getting go goes going got
    had has have having he her here hers him his how i if in into is it its itself just know
    like lot lots made make makes many may me might more most much must my myself need needs
    no nor not now of off often on once one only or other our ours ourselves out over own per
    quite rather really said same say says see seen she should so some something sometimes
    still such than that the their theirs them then there these they thing things this those
    though through to too under until up us usually very was way we well were what when where
    whether which while who whom why will with within without would yes yet you your yours
    can't don't doesn't didn't isn't aren't won't we're we've i've i'm it's there's they're
    let lets put take tell told ask asked back bit kind sort whole able across honestly cannot
    someone anyone somebody anybody""".split()
)
_GENERIC = frozenset(
    """customer custom resident people person staff colleague member time day week month year
    quarter today now new old good best better usual mostly normally generally basically
    actually certainly definitely probably maybe""".split()
)
"""Words nearly every answer uses; sharing them says nothing about sharing a subject."""

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]{2,}", re.IGNORECASE)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """Return a crude, deterministic stem: "emails" -> "email", "waiving" -> "waiv"."""
    w = word.lower().strip("'-")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) <= 3:
        return w
    for suffix, repl in (
        ("ations", "ate"),
        ("ation", "ate"),
        ("ings", ""),
        ("ing", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ers", "er"),
        ("ed", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("ly", ""),
        ("s", ""),
    ):
        if suffix == "s" and w.endswith(("ss", "us", "is")):
            continue
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]
    return w


_STOP_STEMS = frozenset(stem(w) for w in _STOP)
_GENERIC_STEMS = frozenset(stem(w) for w in _GENERIC)
_CONCEPT_STEMS = {name: frozenset(stem(w) for w in words) for name, words in CONCEPTS.items()}


def content_stems(text: str) -> frozenset[str]:
    """Return the stems of the words a passage is about (function and generic words left out)."""
    out = set()
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        if word in _STOP or "'" in word and word.split("'")[0] in _STOP:
            continue
        s = stem(word)
        if s in _STOP_STEMS or s in _GENERIC_STEMS or len(s) < 3:
            continue
        out.add(s)
    return frozenset(out)


@dataclass(frozen=True)
class Clause:
    """One clause of an answer and the facts it states."""

    start: int
    end: int
    text: str
    stems: frozenset[str]
    concepts: frozenset[str]
    denial: str | None
    """The words that deny or report a failure ("can't", "nobody", "out of date"), or None."""
    sameness: Sameness | None
    sameness_words: str
    frequencies: frozenset[str]

    @property
    def denies(self) -> bool:
        """True when the clause says something does not happen or cannot be done."""
        return self.denial is not None


@dataclass(frozen=True)
class Statement:
    """What one answer states, clause by clause."""

    text: str
    clauses: tuple[Clause, ...]

    @property
    def stems(self) -> frozenset[str]:
        """Every content stem of the answer."""
        out: frozenset[str] = frozenset()
        for clause in self.clauses:
            out |= clause.stems
        return out

    @property
    def denies(self) -> bool:
        """True when some clause denies that something happens."""
        return any(c.denies for c in self.clauses)

    @cached_property
    def only_denies(self) -> bool:
        """True when every clause with content denies: the answer reports an absence."""
        informative = [c for c in self.clauses if c.stems]
        return bool(informative) and all(c.denies for c in informative)


def _clause_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _CLAUSE_SPLIT.finditer(text):
        if match.start() > pos:
            spans.append((pos, match.start()))
        pos = match.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _clause(text: str, start: int, end: int) -> Clause:
    part = text[start:end]
    stems = content_stems(part)
    concepts = frozenset(name for name, words in _CONCEPT_STEMS.items() if words & stems)
    denial = _denial(part)
    different = _DIFFERENT.search(part)
    same = None if different else _SAME.search(part)
    if different and denial and denial.group(0).lower() in ("not", "n't"):
        denial = None  # "not the same" is a statement of difference, read as such
    sameness: Sameness | None = "different" if different else ("same" if same else None)
    found = different or same
    return Clause(
        start=start,
        end=end,
        text=" ".join(part.split()),
        stems=stems,
        concepts=concepts,
        denial=denial.group(0).lower() if denial else None,
        sameness=sameness,
        sameness_words=found.group(0).lower() if found else "",
        frequencies=frozenset(name for name, rx in _FREQUENCIES if rx.search(part)),
    )


@lru_cache(maxsize=16384)
def statement_of(text: str) -> Statement:
    """Return the statements of fact in an answer (cached by text)."""
    text = text[:20_000]
    return Statement(text=text, clauses=tuple(_clause(text, a, b) for a, b in _clause_spans(text)))
