"""Provides explainable score suggestions on the bank's scale, with a citation behind every reason.

A suggestion is built in four steps, each of which leaves a reason:

1. Read every answer that informs the criterion (plans, practice with measures, improvement
   loops; negation, hedging and tense are handled by `assistant.core.reading`).
2. Take the highest level the answers and verified evidence support.
3. Weigh the accounts against each other (`Weighing`): an answer that only denies never raises
   the level; an account that contradicts a lead's claim supports nothing, and the contradicted
   claim is held at the bank's cap (`corroboration_cap`, default Intention) until verified
   evidence resolves it; a lead's claim counts above the cap only when an account of the same
   practice or a verified record bears it out; the top band needs the kinds of source the bank
   names (`integration_requires`, default staff and a record).
4. Place the score inside the band by the strength of the evidence and the number of
   independent sources.

Adding corroborating evidence can only lift a suggestion, never lower it; a further supporting
answer never lowers the confidence and a contradiction never raises score or confidence
(property tests).
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
from assistant.core.evidence.triangulation import Triangulation, triangulate
from assistant.core.model import AssessmentData, Evidence, Reason, Suggestion
from assistant.core.reading import LOWERING, LOWERS, Reading, place_on_scale
from assistant.core.scoring.weighing import Weighing

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
    tri: Triangulation | None = None,
) -> Suggestion | None:
    """Suggest a score for one criterion from everything recorded; None when nothing bears on it.

    `tri` is the criterion's triangulation when the caller has it already (same data and index).
    Raises KeyError for a criterion the bank does not have.
    """
    crit = bank.criterion(criterion_id)
    index = index or SourceIndex(bank, data)
    sources = index.for_criterion(criterion_id)
    if not sources.turns and not sources.evidence:
        return None
    tri = tri or triangulate(bank, data, criterion_id, index)
    cap_level = LEVELS[bank.cap_for(crit).signal]
    return _suggest_from(bank, crit, sources, Weighing.of(sources, tri, cap_level))


def _suggest_from(bank: Bank, crit: Criterion, src: CriterionSources, w: Weighing) -> Suggestion:
    reasons: list[Reason] = []
    informative = list(w.counted)
    confident = [t for t in informative if _weight(t) >= MIN_CONFIDENCE]
    verified = src.verified
    practice_evidence = [
        e for e in verified if e.type in RECORD_TYPES - {"document"} or e.type in OBSERVATION_TYPES
    ]
    seen = [t for t in src.turns if t.seen]

    level = max((w.level(t) for t in confident), default=-1)
    if level < 0 and informative:
        level = max(w.level(t) for t in informative)
    if (practice_evidence or seen) and level < 1:
        level = 1
        items = [e.id for e in practice_evidence] + [t.key for t in seen]
        reasons.append(
            Reason(
                text="Verified evidence shows the practice in place.",
                effect="supports",
                cites=items,
            )
        )
    absent = False
    if level < 0:
        level = 0
        absent = bool(w.absences)
        if w.absences:
            codes = ", ".join(sorted({t.code for t in w.absences}))
            reasons.append(
                Reason(
                    text=f"Every account ({codes}) says the practice is not in place.",
                    effect="lowers",
                    cites=[t.key for t in w.absences[:3]],
                )
            )
    supporting = [t for t in informative if w.level(t) == level]
    for t in sorted(supporting, key=_weight, reverse=True)[:3]:
        reasons.append(
            Reason(
                text=f'{_cite(t)}: "{_cue_quote(t)}" - {_cue_effect(t.reading)}',
                effect="supports",
                cites=[t.key],
            )
        )
    reasons += _contradiction_reasons(w)
    for t in informative:
        if w.level(t) < level and t.role in ("staff", "stakeholder"):
            band = _label(bank, w.level(t))
            reasons.append(
                Reason(
                    text=f'{_cite(t)} describes {band.label}: "{_cue_quote(t)}"',
                    effect="lowers",
                    cites=[t.key],
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

    strength_conf = 1.0
    at_cap = False
    held = [t for t in informative if t.key in w.contested and t.level > level]
    if held:
        codes = ", ".join(sorted({p.other.code for p in w.contradictions}))
        cap = bank.cap_for(crit)
        reasons.append(
            Reason(
                text=f"Another account ({codes}) contradicts the lead's claim and no verified "
                "record or observation resolves it: the claim counts at most as "
                f"{cap.label} (bank rule for uncorroborated claims).",
                effect="caps",
                cites=[t.key for t in held[:3]],
            )
        )
        strength_conf = 0.8
        at_cap = level == w.cap_level and any(t in supporting for t in held)
    capped_to, cap_reason, cap_cites = _corroboration_cap(bank, crit, src, w, level, seen)
    if capped_to is not None and capped_to < level:
        reasons.append(Reason(text=cap_reason, effect="caps", cites=cap_cites))
        level = capped_to
        # what the rule holds back still counts, at the capped level
        supporting = [t for t in informative if w.level(t) >= level]
        at_cap = level == w.cap_level
        strength_conf = 0.8
    band = _label(bank, level)
    if absent:
        score = band.min
    elif at_cap:
        score = band.max
    else:
        strength = _strength(supporting)
        independent = _independent_sources(w, level, verified)
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
    confidence = _confidence(supporting, w, level, verified) * strength_conf
    if not reasons:
        reasons.append(
            Reason(
                text="Answers recorded, but none describes the practice yet.",
                effect="notes",
                cites=[t.key for t in src.turns[:3]],
            )
        )
    return Suggestion(
        criterion_id=crit.id,
        band=band.id,
        score=float(score),
        confidence=round(confidence, 2),
        reasons=reasons,
    )


def _contradiction_reasons(w: Weighing) -> list[Reason]:
    out: list[Reason] = []
    for pair in w.contradictions[:2]:
        basis = pair.basis[0] if pair.basis else None
        said = (
            f': "{_short(basis.lead_clause)}" against "{_short(basis.other_clause)}"'
            if basis
            else " (the assessor's reading)"
        )
        out.append(
            Reason(
                text=f"{_cite(pair.lead)} and {_cite(pair.other)} contradict each other{said}.",
                effect="lowers",
                cites=[pair.lead.turn.key, pair.other.turn.key],
            )
        )
    if w.contradictions and w.resolved_by:
        out.append(
            Reason(
                text="Verified evidence resolves the contradiction: "
                + ", ".join(w.resolved_by[:3])
                + ".",
                effect="notes",
                cites=list(w.resolved_by[:3]),
            )
        )
    return out


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


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


def _independent_sources(w: Weighing, level: int, verified: Sequence[Evidence]) -> int:
    people = {t.code for t in w.counted if w.level(t) >= level}
    return len(people) + len(verified)


def _confidence(
    supporting: Sequence[TurnSource], w: Weighing, level: int, verified: Sequence[Evidence]
) -> float:
    """Return how sure the suggestion is: its surest supporting answer, scaled by the number
    of independent sources, and lowered by each contradiction (less once it is resolved).

    Built from a maximum and counts, so a further supporting answer never lowers it and a
    further contradiction never raises it.
    """
    base = max((_weight(t) for t in supporting), default=0.5)
    n = _independent_sources(w, level, verified)
    conf = base * min(1.0, 0.55 + 0.15 * n)
    factor = 0.9 if w.resolved_by else 0.7
    conf *= factor ** min(3, len(w.contradictions))
    return max(0.05, min(1.0, conf))


def _corroboration_cap(
    bank: Bank,
    crit: Criterion,
    src: CriterionSources,
    w: Weighing,
    level: int,
    seen: Sequence[TurnSource],
) -> tuple[int | None, str, list[str]]:
    """Return the level the bank's corroboration rules allow, why, and the turns it holds."""
    if level < 1:
        return None, "", []
    verified = src.verified
    cap = bank.cap_for(crit)
    cap_level = LEVELS[cap.signal]
    front = [t for t in w.counted if t.role in ("staff", "stakeholder")]
    backed = bool(verified or seen)
    if cap_level < level:
        held = [
            t
            for t in w.counted
            if t.role == "lead" and w.level(t) > cap_level and not (backed or t.key in w.borne_out)
        ]
        keys = {t.key for t in held}
        allowed = max([cap_level] + [w.level(t) for t in w.counted if t.key not in keys])
        if held and allowed < level:
            if front:
                why = (
                    "Staff and stakeholder accounts do not describe the same practice as the "
                    "lead's claim, and no verified record bears it out"
                )
            else:
                why = (
                    "Only the lead's account supports this and no staff account or verified "
                    "record bears it out"
                )
            return (
                allowed,
                (f"{why}: the uncorroborated claim counts at most as {cap.label} (bank rule)."),
                [t.key for t in held[:3]],
            )
    if level == 2:
        staff = [t for t in front if t.role == "staff" and t.level >= 1]
        stakeholders = [t for t in front if t.role == "stakeholder" and t.level >= 1]
        have = {
            "staff": bool(staff),
            "stakeholder": bool(stakeholders),
            "record": any(e.type in RECORD_TYPES for e in verified) or bool(seen),
            "observation": any(e.type in OBSERVATION_TYPES for e in verified) or bool(seen),
        }
        missing = [k for k in bank.corroboration.integration_requires if not have[k]]
        if missing:
            top = _label(bank, 2)
            return (
                1,
                (
                    f"{top.label} needs "
                    + " and ".join(_KIND_WORDS[k] for k in missing)
                    + f" (bank rule); held at {_label(bank, 1).label}."
                ),
                [],
            )
    return None, "", []


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
    leading = [
        c
        for c in reading.cues
        if c.signal == reading.signal or (reading.signal == "plan" and c.kind in LOWERING)
    ]
    leading.sort(key=lambda c: c.kind not in LOWERING)
    leading = leading or list(reading.cues)
    if leading:
        first = leading[0]
        reasons.append(
            Reason(text=f'Quoted: "{quote(text, first.start, first.end, 160)}"', effect="notes")
        )
    seen: set[str] = set()
    whole = " ".join(text.split())
    lowering = [c for c in reading.cues if c not in leading and c.kind in LOWERS]
    lowering.sort(key=lambda c: c.kind not in LOWERING)
    rest = [c for c in reading.cues if c not in leading and c not in lowering]
    for cue in leading + lowering + rest:
        if cue.kind in seen or len(seen) >= 6:
            continue
        seen.add(cue.kind)
        if cue.signal == reading.signal or (cue.kind in LOWERING and reading.signal == "plan"):
            effect = "supports"
        else:
            effect = "lowers" if cue.kind in LOWERS else "notes"
        # The clause is quoted unless it is the whole passage (already quoted above) or none.
        clause = " ".join(cue.text.split())
        shown = cue.effect if not clause or clause == whole else f'"{cue.text}": {cue.effect}'
        reasons.append(Reason(text=shown, effect=effect))
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
