"""Provides explainable score suggestions on the bank's scale, with a citation behind every reason.

A suggestion is built in four steps, each of which leaves a reason:

1. Read every answer that informs the criterion (plans, practice with measures, improvement
   loops; negation, hedging and tense are handled by `assistant.core.reading`).
2. Take the highest level the answers and verified evidence support.
3. Apply the bank's corroboration rules: a lead's claim that nobody else bears out is capped
   (`corroboration_cap`, default Intention); the top band needs the kinds of source the bank
   names (`integration_requires`, default staff and a record).
4. Place the score inside the band by the strength of the evidence and the number of
   independent sources.

Adding corroborating evidence can only lift a suggestion, never lower it (tested).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.core.bank.model import Band, Bank, Criterion
from assistant.core.evidence.sources import (
    LEVELS,
    OBSERVATION_TYPES,
    RECORD_TYPES,
    SIGNAL_NAMES,
    CriterionSources,
    SourceIndex,
    TurnSource,
    quote,
    read_cached,
)
from assistant.core.model import AssessmentData, Evidence, Reason, Suggestion
from assistant.core.reading import Reading, place_on_scale

MIN_CONFIDENCE = 0.3
"""Readings less sure than this do not set the level on their own."""

MAX_TEXT = 200_000
"""Free text past this many characters is not read (the suggestion says so)."""


def _label(bank: Bank, level: int) -> Band:
    return bank.scale.band_for_signal(SIGNAL_NAMES[level])


def _cue_quote(source: TurnSource) -> str:
    reading = source.reading
    text = source.turn.answer
    cues = [c for c in reading.cues if c.signal == reading.signal] or list(reading.cues)
    if not cues:
        return " ".join(text.split())[:110]
    cue = cues[0]
    return quote(text, cue.start, cue.end)


def _cue_effect(reading: Reading) -> str:
    cues = [c for c in reading.cues if c.signal == reading.signal]
    return cues[0].effect if cues else "no clear signal"


def _cite(source: TurnSource) -> str:
    return f"{source.code} (turn {source.turn.n})"


def _weight(source: TurnSource) -> float:
    """Return how far an answer counts: opinions count less, tagged facts more."""
    conf = source.reading.confidence
    if "opinion" in source.turn.tags:
        conf *= 0.6
    if "fact" in source.turn.tags:
        conf = min(1.0, conf + 0.2)
    return conf


def suggest(
    bank: Bank,
    data: AssessmentData,
    criterion_id: str,
    index: SourceIndex | None = None,
) -> Suggestion | None:
    """Suggest a score for one criterion from everything recorded; None when nothing bears on it.

    Raises KeyError for a criterion the bank does not have.
    """
    crit = bank.criterion(criterion_id)
    sources = (index or SourceIndex(bank, data)).for_criterion(criterion_id)
    if not sources.turns and not sources.evidence:
        return None
    return _suggest_from(bank, crit, sources)


def _suggest_from(bank: Bank, crit: Criterion, src: CriterionSources) -> Suggestion:
    reasons: list[Reason] = []
    informative = [t for t in src.turns if t.level >= 0]
    confident = [t for t in informative if _weight(t) >= MIN_CONFIDENCE]
    verified = src.verified
    practice_evidence = [
        e for e in verified if e.type in RECORD_TYPES - {"document"} or e.type in OBSERVATION_TYPES
    ]
    seen = [t for t in src.turns if t.seen]

    level = max((t.level for t in confident), default=-1)
    if level < 0 and informative:
        level = max(t.level for t in informative)
    if (practice_evidence or seen) and level < 1:
        level = 1
        items = [e.id for e in practice_evidence] + [t.turn.key for t in seen]
        reasons.append(
            Reason(
                text="Verified evidence shows the practice in place.",
                effect="supports",
                cites=items,
            )
        )
    if level < 0:
        level = 0
    supporting = [t for t in informative if t.level == level]
    for t in sorted(supporting, key=_weight, reverse=True)[:3]:
        reasons.append(
            Reason(
                text=f'{_cite(t)}: "{_cue_quote(t)}" - {_cue_effect(t.reading)}',
                effect="supports",
                cites=[t.turn.key],
            )
        )
    for t in informative:
        if t.level < level and t.role in ("staff", "stakeholder"):
            band = _label(bank, t.level)
            reasons.append(
                Reason(
                    text=f'{_cite(t)} describes {band.label}: "{_cue_quote(t)}"',
                    effect="lowers",
                    cites=[t.turn.key],
                )
            )
            break
    if verified and not practice_evidence:
        reasons.append(
            Reason(
                text="Verified documents: " + ", ".join(e.title for e in verified[:3]),
                effect="supports",
                cites=[e.id for e in verified],
            )
        )
    unverified = [e for e in src.evidence if not e.verified]
    if unverified:
        reasons.append(
            Reason(
                text=f"{len(unverified)} evidence item(s) not yet verified are not counted.",
                effect="notes",
                cites=[e.id for e in unverified],
            )
        )

    capped_to, cap_reason = _corroboration_cap(bank, crit, src, level, seen)
    if capped_to is not None and capped_to < level:
        band = _label(bank, capped_to)
        score = band.max
        reasons.append(
            Reason(text=cap_reason, effect="caps", cites=[t.turn.key for t in supporting[:3]])
        )
        strength_conf = 0.8
    else:
        band = _label(bank, level)
        strength = _strength(supporting)
        independent = _independent_sources(src, level, verified)
        bonus = min(0.3, 0.1 * max(0, independent - 1))
        if bonus:
            reasons.append(
                Reason(
                    text=f"{independent} independent sources agree at {band.label}.",
                    effect="supports",
                    cites=[],
                )
            )
        position = min(1.0, strength + bonus)
        score = band.min + position * (band.max - band.min)
        step = bank.scale.step
        score = round(round(score / step) * step, 4)
        strength_conf = 1.0
    confidence = _confidence(supporting, src, level) * strength_conf
    if not reasons:
        reasons.append(
            Reason(
                text="Answers recorded, but none describes the practice yet.",
                effect="notes",
                cites=[t.turn.key for t in src.turns[:3]],
            )
        )
    return Suggestion(
        criterion_id=crit.id,
        band=band.id,
        score=float(score),
        confidence=round(confidence, 2),
        reasons=reasons,
    )


def _strength(supporting: Sequence[TurnSource]) -> float:
    """Return the strongest supporting answer's strength, plus a little for each further one.

    More answers at the same level never pull a suggestion down: a weaker second account adds
    a small amount instead of lowering the average.
    """
    if not supporting:
        return 0.3
    sure = [t for t in supporting if _weight(t) >= MIN_CONFIDENCE] or list(supporting)
    best = max(t.reading.strength for t in sure)
    return min(1.0, best + 0.05 * (len(supporting) - 1))


def _independent_sources(src: CriterionSources, level: int, verified: Sequence[Evidence]) -> int:
    people = {t.code for t in src.turns if t.level >= level and t.level >= 0}
    return len(people) + len(verified)


def _confidence(supporting: Sequence[TurnSource], src: CriterionSources, level: int) -> float:
    base = (sum(_weight(t) for t in supporting) / len(supporting)) if supporting else 0.5
    n = _independent_sources(src, level, src.verified)
    return max(0.05, min(1.0, base * min(1.0, 0.55 + 0.15 * n)))


def _corroboration_cap(
    bank: Bank,
    crit: Criterion,
    src: CriterionSources,
    level: int,
    seen: Sequence[TurnSource],
) -> tuple[int | None, str]:
    """Return the level the bank's corroboration rules allow, and why, or (None, "")."""
    if level < 1:
        return None, ""
    verified = src.verified
    staff = [t for t in src.turns if t.role == "staff" and t.level >= 1]
    stakeholders = [t for t in src.turns if t.role == "stakeholder" and t.level >= 1]
    corroborated = bool(staff or stakeholders or verified or seen)
    if not corroborated:
        cap = bank.cap_for(crit)
        cap_level = LEVELS[cap.signal]
        if cap_level < level:
            return cap_level, (
                f"Only the lead's account supports this and no staff account or verified record "
                f"bears it out: an uncorroborated claim supports at most {cap.label} "
                f"(bank rule)."
            )
    if level == 2:
        have = {
            "staff": bool(staff),
            "stakeholder": bool(stakeholders),
            "record": any(e.type in RECORD_TYPES for e in verified) or bool(seen),
            "observation": any(e.type in OBSERVATION_TYPES for e in verified) or bool(seen),
        }
        missing = [k for k in bank.corroboration.integration_requires if not have[k]]
        if missing:
            top = _label(bank, 2)
            return 1, (
                f"{top.label} needs "
                + " and ".join(_KIND_WORDS[k] for k in missing)
                + f" (bank rule); held at {_label(bank, 1).label}."
            )
    return None, ""


_KIND_WORDS = {
    "staff": "a staff account of the same practice",
    "stakeholder": "a key stakeholder's account",
    "record": "a verified record",
    "observation": "an observation or demonstration",
}


def suggest_text(bank: Bank, text: str, criterion_id: str | None = None) -> Suggestion:
    """Suggest a band and score for one free-text passage, such as self-assessment commentary.

    No speaker is known, so corroboration rules do not apply: the suggestion reflects what the
    passage itself describes. Raises KeyError for an unknown criterion.
    """
    crit_id = bank.criterion(criterion_id).id if criterion_id else ""
    reasons: list[Reason] = []
    if len(text) > MAX_TEXT:
        reasons.append(
            Reason(text=f"Only the first {MAX_TEXT:,} characters were read.", effect="notes")
        )
        text = text[:MAX_TEXT]
    reading = read_cached(text)
    band, score = place_on_scale(reading, bank.scale)
    leading = [c for c in reading.cues if c.signal == reading.signal] or list(reading.cues)
    if leading:
        first = leading[0]
        reasons.append(
            Reason(text=f'Quoted: "{quote(text, first.start, first.end, 160)}"', effect="notes")
        )
    seen: set[str] = set()
    for cue in leading + [c for c in reading.cues if c not in leading]:
        if cue.kind in seen or len(seen) >= 6:
            continue
        seen.add(cue.kind)
        if cue.signal == reading.signal:
            effect = "supports"
        else:
            effect = "lowers" if cue.signal is None else "notes"
        reasons.append(Reason(text=f'"{cue.text}": {cue.effect}', effect=effect))
    if reading.signal is None:
        reasons.append(
            Reason(text="The text does not describe plans, practice or results.", effect="notes")
        )
    return Suggestion(
        criterion_id=crit_id,
        band=band.id,
        score=float(score),
        confidence=round(reading.confidence, 2),
        reasons=reasons,
    )
