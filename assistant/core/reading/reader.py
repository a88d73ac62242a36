"""Provides `read_passage`: the rules' cues and the learned weights read one passage together.

The rules (`rules.py`) find cues an assessor can check; the weights (`model.py`), trained on
real organisations' writing (docs/SCORING.md), read the words and those cues together and give
the level and the place in the band. Then the rubric's boundary rules are applied (`rubric.py`)
and every cue is presented as a reason an assessor accepts: the clause it rests on, quoted,
and the cue named in an assessor's words ("measured outcome: 'fell by a third'"). When the
rules alone would read the passage otherwise, a reason says so and confidence is lower.

Text that cannot be read as one passage of English prose (empty, too long, only numbers,
markup, another language) is "nothing to read", with confidence 0.
"""

from __future__ import annotations

import re

from assistant.core.bank.model import Signal
from assistant.core.reading import model, rubric, wording
from assistant.core.reading.cues import Cue
from assistant.core.reading.rules import (
    MAX_CHARS,
    Reading,
    clauses,
    gaps,
    kinds,
    read_rules,
    sentences,
    span_of,
)
from assistant.core.reading.signs import SIGNS

MIN_PULL = 2.0
"""When the rules find no cue in a short answer, its words must pull at least this hard towards
one level, or it is taken to say nothing ("Thanks, good question.")."""
MIN_WORDS = 12
"""Only an answer shorter than this many words can be taken to say nothing: a longer passage
with no rule cue is still read by its wording. Without this, one real passage in twelve got
no reading (grouped cross-validation on the real TRAIN split, docs/SCORING.md section 4)."""
_WORD = re.compile(r"[A-Za-z'’]+")
REFERENCE_BANDS: dict[Signal, tuple[float, float]] = {
    "plan": (0, 2),
    "practice": (3, 5),
    "improvement": (6, 10),
}
"""The bands of the 0-10 scale the labelled passages use; a bank's own bands may differ."""
LEVEL_WORDS: dict[Signal, str] = {
    "plan": "plans (Intention)",
    "practice": "practice in place (Implementation)",
    "improvement": "data used to improve (Integration)",
}
QUOTE_CHARS = 160
"""A quoted clause longer than this is cut to a window around the cue's words."""
LOWERING = ("non_use", "unused", "negation")
"""Cue kinds that explain a reading of plans by themselves (what exists is not used or not done)."""
LOWERS = (*LOWERING, "aspiration", "doubt", "hedge", "hedge_claim", "culture_claim", "pilot")
"""Cue kinds that hold a passage down (shown with a minus); other level-less cues only inform."""

_TAG = re.compile(r"<[^<>]{1,200}>|&[a-z]{2,8};|&#\d{1,6};", re.IGNORECASE)
_CODE_CHARS = frozenset("<>{}[]=;\\|`")
_ALPHA_WORD = re.compile(r"[^\W\d_]{2,}")
_ENGLISH = frozenset(
    "the a an and or of to in on for with by at from as is are was were be been has have had "
    "we our us they their it its this that these those who which what when where will would "
    "can could should not no all each every new more most than then there here".split()
)


def unreadable(text: object) -> str | None:
    """Return why a text cannot be read as a passage of English prose, or None if it can."""
    if not isinstance(text, str) or not text.strip():
        return "the text is empty"
    if len(text) > MAX_CHARS:
        return (
            f"the text is longer than {MAX_CHARS:,} characters: give one answer or passage "
            "at a time"
        )
    tags = _TAG.findall(text)
    code = sum(1 for ch in text if ch in _CODE_CHARS)
    stripped = text.strip()
    data = stripped[0] in "{[" and stripped[-1] in "}]"
    if data or sum(map(len, tags)) > 0.25 * len(text) or code > 0.08 * len(text):
        return "the text is markup or code, not prose"
    words = [w.lower() for w in _ALPHA_WORD.findall(text)]
    if len(words) < 2:
        return "the text has no words to read (only numbers or symbols)"
    ascii_words = [w for w in words if w.isascii()]
    english = sum(1 for w in words if w in _ENGLISH)
    if len(ascii_words) < 0.7 * len(words) or (len(words) >= 8 and english < 0.05 * len(words)):
        return "the text does not read as English"
    return None


def nothing_to_read(text: object, why: str) -> Reading:
    """Return the reading of a text that cannot be read: no level, confidence 0, and why."""
    shown = text[:60] if isinstance(text, str) and text.strip() else ""
    cue = Cue("unreadable", shown, 0, len(shown), None, f"nothing to read: {why}")
    return Reading(None, 0.0, 0.0, (cue,), ())


def says_nothing(text: str, verdict: model.Verdict) -> bool:
    """Return True for a short answer whose words pull weakly towards every level (small talk).

    Called only when the rules found no cue of any level.
    """
    weak = sum(p for _, p in verdict.contributions) < MIN_PULL
    return weak and len(_WORD.findall(text)) < MIN_WORDS


def read_passage(text: str) -> Reading:
    """Read one passage by the rules and the learned weights together; never raises."""
    why = unreadable(text)
    if why is not None:
        return nothing_to_read(text, why)
    rules = read_rules(text)
    verdict = model.judge(wording.features(text, [c.kind for c in rules.cues]))
    if rules.signal is None and says_nothing(text, verdict):
        return Reading(None, 0.0, rules.confidence, present(text, rules.cues), ())
    counts = kinds(list(rules.cues))
    ruling = rubric.apply(verdict.signal, verdict.score, counts)
    signal, score = ruling.signal, ruling.score
    lo, hi = REFERENCE_BANDS[signal]
    strength = (min(hi, max(lo, score)) - lo) / (hi - lo)
    cues = list(present(text, rules.cues))
    doubt = counts.get("hedge", 0) + counts.get("doubt", 0) + counts.get("doubted", 0)
    confidence = 0.3 + 0.65 * verdict.probabilities[verdict.signal] - 0.1 * min(3, doubt)
    if ruling.rule:
        cues.append(_note(text, rules.cues, ruling.kinds, signal, ruling.rule))
    lowered = signal == "plan" and any(c.kind in LOWERING for c in cues)
    if not any(c.signal == signal for c in cues) and not lowered:
        cues.append(_wording_cue(text, signal, verdict))
        confidence -= 0.1
    if rules.signal is not None and rules.signal != signal:
        cues.append(_disagreement(text, rules, signal))
        confidence -= 0.15
    elif rules.signal == signal:
        confidence = (confidence + rules.confidence) / 2
    confidence = round(min(0.95, max(0.1, confidence)), 2)
    return Reading(signal, round(strength, 3), confidence, tuple(cues), gaps(signal, counts))


def _clause_quote(
    text: str, start: int, end: int, spans: list[tuple[int, int]] | None = None
) -> tuple[int, int]:
    """Return the span of the clause around a cue, trimmed, cut to QUOTE_CHARS around it."""
    lo, hi = span_of(spans if spans is not None else clauses(text), start)
    hi = max(hi, end)
    lo = max(lo, end - QUOTE_CHARS) if hi - lo > QUOTE_CHARS else lo
    hi = min(hi, lo + QUOTE_CHARS)
    while lo < start and not text[lo].isalnum() and text[lo] not in "£$€\"'":
        lo += 1
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > end and text[hi - 1] in " ,;:-–—\n\t":
        hi -= 1
    return lo, hi


def _said_once(cues: tuple[Cue, ...] | list[Cue]) -> list[Cue]:
    """Return the cues less those whose words another cue of the same level already names.

    Two patterns can match the same words ("as a result" is both a change because of results
    and a change because of the data): one reason is given for them, the one named most
    closely to the rubric (`signs.py`), else the one on the most words.
    """
    ranked = sorted(
        (c for c in cues if c.text and not c.words),
        key=lambda c: (c.kind not in SIGNS, -(c.end - c.start), c.start),
    )
    kept: list[Cue] = []
    named: set[tuple[str, str]] = set()
    for cue in ranked:
        if (cue.kind, cue.text.lower()) in named:
            continue  # the same words found twice in the passage give one reason
        if not any(
            k.signal == cue.signal and k.start < cue.end and cue.start < k.end for k in kept
        ):
            kept.append(cue)
            named.add((cue.kind, cue.text.lower()))
    return [c for c in cues if c in kept or not c.text or c.words]


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Return the span widened to whole words ("'ve been working" -> "We've been working"),
    less an opening quotation mark ("'pilot" -> "pilot")."""
    while (
        start < end - 1 and text[start] in "'’‘" and (start == 0 or not text[start - 1].isalnum())
    ):
        start += 1
    while (
        start > 0 and text[start - 1].isalnum() and (text[start].isalnum() or text[start] in "'’")
    ):
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def present(text: str, cues: tuple[Cue, ...] | list[Cue]) -> tuple[Cue, ...]:
    """Return the cues as reasons: each quotes its clause and names the cue with its words.

    Words two cues of one level both match are named once (`_said_once`).
    """
    out = []
    spans = clauses(text)
    for cue in _said_once(cues):
        if cue.words or not cue.text:
            out.append(cue)
            continue
        start, end = _whole_words(text, cue.start, cue.end)
        said = text[start:end]
        lo, hi = _clause_quote(text, start, end, spans)
        effect = cue.effect if f"'{cue.text}'" in cue.effect else f"{cue.effect}: '{said}'"
        out.append(Cue(cue.kind, text[lo:hi], lo, hi, cue.signal, effect, said))
    return tuple(out)


def _disagreement(text: str, rules: Reading, signal: Signal) -> Cue:
    """Return the cue that says the rules alone would read the passage at another level."""
    assert rules.signal is not None
    effect = (
        f"the rules alone read this as {LEVEL_WORDS[rules.signal]}, not "
        f"{LEVEL_WORDS[signal]}: the two readings disagree, so the suggestion is less sure"
    )
    # The rules can read cues of a higher level as a lower one ("reviewed and improved", with
    # no routine or result, is practice), or decide by a modifier alone ("a pilot"): then the
    # first cue with a level, else the first cue, is what their reading rests on.
    behind = (
        next((c for c in rules.cues if c.signal == rules.signal), None)
        or next((c for c in rules.cues if c.signal is not None), None)
        or next(iter(rules.cues), None)
    )
    if behind is None:
        return Cue("disagreement", "", 0, 0, rules.signal, effect)
    start, end = _whole_words(text, behind.start, behind.end)
    effect = effect.replace(" this ", f" '{text[start:end]}' ", 1)
    lo, hi = _clause_quote(text, start, end)
    return Cue("disagreement", text[lo:hi], lo, hi, rules.signal, effect, text[start:end])


def _note(
    text: str, cues: tuple[Cue, ...], rule_kinds: tuple[str, ...], signal: Signal, rule: str
) -> Cue:
    """Return the cue that says which rubric rule set the level, quoting its first cue."""
    behind = next((c for c in cues if c.kind in rule_kinds), None)
    if behind is None:
        return Cue("rubric", "", 0, 0, signal, rule)
    start, end = _whole_words(text, behind.start, behind.end)
    lo, hi = _clause_quote(text, start, end)
    said = text[start:end]
    return Cue("rubric", text[lo:hi], lo, hi, signal, f"{rule}: '{said}'", said)


def _wording_cue(text: str, signal: Signal, verdict: model.Verdict) -> Cue:
    """Return a cue quoting the sentence whose words pulled hardest towards the level.

    No rule names a cue for the level, so the reason says plainly that the wording as a whole,
    not one checkable cue, sets it: an assessor should weigh it as weaker ground.
    """
    pulls = dict(verdict.contributions)
    spans = sentences(text)
    totals: dict[tuple[int, int], float] = {}
    for word in wording.words(text):
        pull = pulls.get(word.feature, 0.0)
        if word.feature.startswith("w:"):
            pull += pulls.get("s:" + wording.stem(word.feature[2:]), 0.0)
        if pull > 0:
            span = span_of(spans, word.start)
            totals[span] = totals.get(span, 0.0) + pull
    lo, hi = max(totals, key=lambda k: totals[k]) if totals else (0, len(text))
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if hi - lo > QUOTE_CHARS:
        hi = lo + QUOTE_CHARS
    effect = (
        f"no single cue: the wording as a whole reads as {LEVEL_WORDS[signal]}, "
        "which is weaker ground"
    )
    return Cue("wording", text[lo:hi], lo, hi, signal, effect)
