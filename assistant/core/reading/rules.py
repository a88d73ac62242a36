"""Provides the rules' reading of one passage into 3-I evidence: plans, practice, improvement.

Every decision can be shown to an assessor: each rule that fires leaves a `Cue` pointing at the
exact words that triggered it. `read_rules` reads by the rules alone, in four steps:

1. find cues (`cues.py`, `signs.py`): plans and future timing; routine practice, measures,
   records, figures, examples; reviews, changes made because of results, spread across the
   organisation, sustained results, measured outcomes; and the modifiers (negation, hedging,
   doubt, aspiration, one-off changes, unused measures, culture claims, pilots);
2. neutralise cues by their clause: a negated measure is not a measure ("we don't measure that
   yet"); practice in a clause about the future is a plan ("next year we will report monthly");
   practice "in theory" or "supposed to" happen is doubtful; future tense that describes a
   standard already in force ("will be acknowledged within two days, our standard since 2019")
   stays practice, because only intent verbs ("will introduce") count as plans;
3. decide the level: improvement needs a change made because of results within a routine or
   organisation-wide loop (a one-off change is practice); practice needs something in place
   today; otherwise plans, or nothing when the passage says nothing about the practice;
4. place the passage inside its band by how much supporting evidence it carries.

`reader.read_passage`, which everything else uses, reads the rules' cues and the words together
with learned weights (`model.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.core.bank.model import Band, Gap, Scale, Signal
from assistant.core.reading.cues import (
    CLAUSE_END,
    DOUBLE_NEGATIVE,
    MISSED_TARGET,
    NEGATION,
    PLANNED_KINDS,
    POSITIVE,
    RULES,
    SENTENCE_END,
    Cue,
)
from assistant.core.reading.signs import SIGNS

MAX_CHARS = 20_000
"""Only this many characters of one passage are read."""


@dataclass(frozen=True)
class Reading:
    """What a passage shows: its level, how strongly, how surely, the cues and what it lacks."""

    signal: Signal | None
    strength: float
    confidence: float
    cues: tuple[Cue, ...]
    gaps: tuple[Gap, ...]


def clauses(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each clause: split at sentence ends, "but", dashes, ", and"."""
    spans, start = [], 0
    for m in CLAUSE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each sentence, its closing mark included."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def span_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """Return the span that holds position `pos` (the last span for a position past the end)."""
    for lo, hi in spans:
        if lo <= pos < hi or (pos == hi and hi == spans[-1][1]):
            return lo, hi
    return spans[-1]


def _find(text: str) -> list[Cue]:
    cues: list[Cue] = []
    for kind, (pattern, signal, effect) in (RULES | SIGNS).items():
        for m in pattern.finditer(text):
            if m.end() > m.start():
                cues.append(Cue(kind, m.group(0), m.start(), m.end(), signal, effect))
    # "We will answer within 20 seconds" states a standard in force: its "we will" is no plan.
    standards = [(c.start, c.end) for c in cues if c.kind == "standard_will"]
    cues = [
        c
        for c in cues
        if c.kind != "plan" or not any(lo <= c.start and c.end <= hi for lo, hi in standards)
    ]
    cues.sort(key=lambda c: (c.start, c.end))
    return cues


def _negated(text: str, cue: Cue, clauses: list[tuple[int, int]]) -> bool:
    lo, _ = span_of(clauses, cue.start)
    window = text[max(lo, cue.start - 40) : cue.start]
    if not NEGATION.search(window):
        return False
    if cue.kind in ("measure", "figure") and MISSED_TARGET.search(window):
        return False  # "not hitting targets": the target exists and is watched; it is missed
    clause = text[lo : min(len(text), cue.end + 20)]
    return not DOUBLE_NEGATIVE.search(clause)


def _as(cue: Cue, kind: str, signal: Signal | None, effect: str) -> Cue:
    """Return the cue as its clause makes it: same words, another kind, level and meaning."""
    return replace(cue, kind=kind, signal=signal, effect=effect)


def _neutralise(text: str, cues: list[Cue]) -> list[Cue]:
    """Turn positive cues into what their clause makes of them: negated, planned or doubtful."""
    cl = clauses(text)
    se = sentences(text)
    plan_clauses = {span_of(cl, c.start) for c in cues if c.kind in PLANNED_KINDS}
    wish_sentences = {span_of(se, c.start) for c in cues if c.kind == "aspiration"}
    doubt_sentences = {span_of(se, c.start) for c in cues if c.kind == "doubt"}
    force_sentences = {
        span_of(se, c.start) for c in cues if c.kind in ("in_force", "standard_will")
    }
    out: list[Cue] = []
    for cue in cues:
        if cue.kind not in POSITIVE:
            out.append(cue)
            continue
        clause = span_of(cl, cue.start)
        sentence = span_of(se, cue.start)
        if cue.kind != "in_force" and _negated(text, cue, cl):
            out.append(_as(cue, "negation", None, f"negated: '{cue.text}' is said not to happen"))
        elif clause in plan_clauses and sentence not in force_sentences:
            out.append(_as(cue, "planned", "plan", f"'{cue.text}' is planned, not yet happening"))
        elif sentence in wish_sentences:
            out.append(
                _as(cue, "planned", "plan", f"'{cue.text}' is wished for, not yet happening")
            )
        elif sentence in doubt_sentences:
            out.append(
                _as(cue, "doubted", "plan", f"'{cue.text}' is said to happen in theory only")
            )
        else:
            out.append(cue)
    return out


def kinds(cues: list[Cue]) -> dict[str, int]:
    """Return how many cues of each kind a reading holds."""
    counts: dict[str, int] = {}
    for c in cues:
        counts[c.kind] = counts.get(c.kind, 0) + 1
    return counts


_ALIASES: dict[str, tuple[str, ...]] = {
    "result": ("outcome", "money_result"),
    "change": ("data_change",),
    "routine": ("sustained",),
    "spread": ("orgwide",),
    "in_force": ("in_place_now", "review_existing", "standard_will"),
    "measure": ("governance",),
    "unused": ("non_use",),
    "partial": ("pilot",),
    "negation": ("absence",),
}
"""The 3-I cues (`signs.py`) count as the everyday cue they are a sharper case of."""


def _decide(counts: dict[str, int]) -> tuple[Signal | None, float]:
    """Return the level and the strength within its band from the cue counts."""
    k = dict(counts)
    for kind, sharper in _ALIASES.items():
        k[kind] = k.get(kind, 0) + sum(counts.get(s, 0) for s in sharper)
    k = {kind: n for kind, n in k.items() if n}
    firm = ("routine", "measure", "figure", "record", "in_force", "result", "change")
    if k.get("culture_claim") and not any(k.get(x) for x in firm):
        return "plan", 0.5
    has = k.get
    if counts.get("outcome") and any(
        counts.get(x) for x in ("sustained", "data_change", "orgwide")
    ):
        return "improvement", 0.25
    if has("unused") and not any(has(x) for x in ("measure", "figure", "result")):
        return "plan", 1.0
    loop = bool(has("routine") or has("spread") or has("result") or has("in_force"))
    one_off = bool(has("one_off")) and not has("spread")
    improvement = (
        has("change")
        and loop
        and has("review")
        or has("change")
        and (has("routine") or has("spread"))
        and not one_off
        or has("review")
        and has("spread")
        and (has("result") or has("routine"))
    )
    if improvement and not has("unused"):
        loop_points = sum(
            1
            for x in ("review", "change", "routine", "spread", "result", "example", "figure")
            if has(x)
        )
        return "improvement", min(1.0, max(0.0, (loop_points - 3) / 6))
    if has("informal") and not any(has(x) for x in firm):
        return "plan", 1.0
    exists = ("routine", "measure", "figure", "record", "practice", "in_force", "partial")
    if has("unused") and any(has(x) for x in exists):
        return "practice", 0.0
    practice_kinds = (
        "result",
        "routine",
        "measure",
        "figure",
        "record",
        "practice",
        "in_force",
        "change",
        "review",
        "partial",
    )
    if any(has(x) for x in practice_kinds):
        if has("unused") or has("partial") and not has("figure"):
            return "practice", 0.0
        points: float = (
            min(1, has("routine", 0))
            + min(2, has("measure", 0))
            + min(1, has("record", 0))
            + min(1, has("figure", 0))
            + min(1, has("in_force", 0))
            + 0.5 * min(1, has("example", 0))
            + 0.5 * min(1, has("practice", 0))
            + 0.5 * min(1, has("change", 0))
        )
        if has("planned") or has("plan"):
            points -= 1
        if has("hedge"):
            points -= 0.5 * has("hedge", 0)
        if has("one_off") and not has("figure") and not has("result"):
            points = min(points, 1)
        return "practice", min(1.0, max(0.0, (points - 1) / 3))
    if has("doubted") or has("doubt") and (has("practice") or has("planned")):
        return "plan", 1.0
    if has("plan") or has("future") or has("planned"):
        strength = 0.5
        if has("concrete"):
            strength = 1.0
        if has("aspiration") and not has("planned") and not has("plan"):
            strength = 0.0
        return "plan", strength
    if has("aspiration"):
        return "plan", 0.0
    if has("negation") or has("unused"):
        return "plan", 0.0
    return None, 0.0


def gaps(signal: Signal | None, k: dict[str, int]) -> tuple[Gap, ...]:
    """Return what a reading lacks, which chooses the follow-up probe."""
    if signal is None:
        return ()
    gaps: list[Gap] = []
    if signal == "plan":
        gaps.append("only_plans")
    if not (k.get("example") or k.get("figure")):
        gaps.append("no_example")
    if not (k.get("measure") or k.get("figure")):
        gaps.append("no_measure")
    if signal != "plan" and not k.get("record"):
        gaps.append("claim_without_evidence")
    if (k.get("measure") or k.get("figure")) and not (k.get("review") or k.get("change")):
        gaps.append("no_review")
    return tuple(gaps)


def read_rules(text: str) -> Reading:
    """Read one passage by the rules alone; never raises for any string."""
    if not isinstance(text, str) or not text.strip():
        return Reading(None, 0.0, 0.0, (), ())
    text = text[:MAX_CHARS]
    cues = _neutralise(text, _find(text))
    counts = kinds(cues)
    signal, strength = _decide(counts)
    if signal is None:
        return Reading(None, 0.0, 0.0, tuple(cues), ())
    support = sum(1 for c in cues if c.signal == signal)
    doubt = counts.get("hedge", 0) + counts.get("doubt", 0) + counts.get("doubted", 0)
    confidence = 0.45 + 0.1 * min(4, support) - 0.1 * min(3, doubt)
    if counts.get("negation") and signal != "plan":
        confidence -= 0.1
    confidence = round(min(0.95, max(0.1, confidence)), 2)
    return Reading(signal, round(strength, 3), confidence, tuple(cues), gaps(signal, counts))


def place_on_scale(reading: Reading, scale: Scale) -> tuple[Band, float]:
    """Return the band a reading supports and a score inside it, rounded to the scale's step."""
    if reading.signal is None:
        band = scale.bands[0]
        return band, band.min
    band = scale.band_for_signal(reading.signal)
    raw = band.min + reading.strength * (band.max - band.min)
    score = round(round(raw / scale.step) * scale.step, 4)
    return band, min(band.max, max(band.min, score))
