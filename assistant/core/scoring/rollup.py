"""Provides rollups (criterion -> group -> overall), certification readiness and bias checks.

Everything follows the bank: its scale, its aggregation method and weights, its certification
rule. Results are labelled indicative, with the aggregation stated, because the schemes' own
formulas are not public (docs/ASSESSMENT.md §9).
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from assistant.core.bank.model import Band, Bank, Scale
from assistant.core.model import AssessmentData, CriterionScore


@dataclass(frozen=True)
class CriterionResult:
    """One criterion's decided score and band (None when not scored)."""

    criterion_id: str
    title: str
    group_id: str
    mandatory: bool
    weight: float
    score: float | None
    band: Band | None


@dataclass(frozen=True)
class GroupResult:
    """One group's (perspective's or section's) aggregate."""

    group_id: str
    title: str
    weight: float
    score: float | None
    percent: float | None
    band: Band | None
    scored: int
    total: int


@dataclass(frozen=True)
class Rollup:
    """Scores at every level, with how they were aggregated."""

    criteria: list[CriterionResult]
    groups: list[GroupResult]
    overall: float | None
    overall_percent: float | None
    overall_band: Band | None
    scored: int
    total: int
    method: str

    @property
    def complete(self) -> bool:
        """True when every criterion has a score."""
        return self.scored == self.total


def percent(scale: Scale, score: float) -> float:
    """Return a score as a percentage of the scale's range."""
    return round((score - scale.min) / (scale.max - scale.min) * 100, 1)


def _aggregate(method: str, values: Sequence[tuple[float, float]]) -> float | None:
    """Combine (score, weight) pairs by the bank's method; None when nothing is scored."""
    if not values:
        return None
    if method == "minimum":
        return min(v for v, _ in values)
    if method == "mean":
        return sum(v for v, _ in values) / len(values)
    total = sum(w for _, w in values)
    return sum(v * w for v, w in values) / total


def rollup(bank: Bank, scores: Mapping[str, float | None]) -> Rollup:
    """Roll criterion scores up into groups and an overall score, by the bank's aggregation."""
    scale = bank.scale
    method = bank.aggregation.method
    criteria: list[CriterionResult] = []
    groups: list[GroupResult] = []
    all_values: list[tuple[float, float]] = []
    group_values: list[tuple[float, float]] = []
    for group in bank.groups:
        values: list[tuple[float, float]] = []
        for crit in group.criteria:
            raw = scores.get(crit.id)
            value = None if raw is None else scale.clamp(raw)
            criteria.append(
                CriterionResult(
                    criterion_id=crit.id,
                    title=crit.title,
                    group_id=group.id,
                    mandatory=crit.mandatory,
                    weight=crit.weight,
                    score=value,
                    band=None if value is None else scale.band_for(value),
                )
            )
            if value is not None:
                values.append((value, crit.weight))
        agg = _aggregate(method, values)
        agg = None if agg is None else round(agg, 2)
        groups.append(
            GroupResult(
                group_id=group.id,
                title=group.title,
                weight=group.weight,
                score=agg,
                percent=None if agg is None else percent(scale, agg),
                band=None if agg is None else scale.band_for(agg),
                scored=len(values),
                total=len(group.criteria),
            )
        )
        all_values.extend(values)
        if agg is not None:
            group_values.append((agg, group.weight))
    source = group_values if bank.aggregation.overall_from == "groups" else all_values
    overall = _aggregate(method, source)
    overall = None if overall is None else round(overall, 2)
    scored = len(all_values)
    total = len(criteria)
    method_text = bank.aggregation.description
    if scored < total:
        method_text += f" Based on {scored} of {total} criteria scored so far."
    return Rollup(
        criteria=criteria,
        groups=groups,
        overall=overall,
        overall_percent=None if overall is None else percent(scale, overall),
        overall_band=None if overall is None else scale.band_for(overall),
        scored=scored,
        total=total,
        method=method_text,
    )


@dataclass(frozen=True)
class Blocker:
    """A mandatory criterion that stands in the way of certification, and the rule behind it."""

    criterion_id: str
    title: str
    reason: str
    rule: str


@dataclass(frozen=True)
class Readiness:
    """Whether the current scores meet the bank's certification rule."""

    ready: bool
    blockers: list[Blocker]
    rule: str


def readiness(bank: Bank, scores: Mapping[str, float | None]) -> Readiness:
    """List the mandatory criteria below the required band, or unscored, with their reasons."""
    scale = bank.scale
    rule = bank.certification
    need = scale.band(rule.mandatory_min_band)
    need_rank = scale.rank(need.id)
    blockers: list[Blocker] = []
    for crit in bank.criteria():
        if not crit.mandatory:
            continue
        score = scores.get(crit.id)
        if score is None:
            if rule.unscored_mandatory_blocks:
                blockers.append(
                    Blocker(
                        crit.id,
                        crit.title,
                        f"not scored yet; needs at least {need.label}",
                        rule.description,
                    )
                )
            continue
        band = scale.band_for(score)
        if scale.rank(band.id) < need_rank:
            blockers.append(
                Blocker(
                    crit.id,
                    crit.title,
                    f"scored {score:g} ({band.label}); mandatory criteria need at least "
                    f"{need.label} "
                    f"({need.min:g}+)",
                    rule.description,
                )
            )
    return Readiness(ready=not blockers, blockers=blockers, rule=rule.description)


@dataclass(frozen=True)
class BiasFlag:
    """A pattern in the scores worth a second look (docs/ASSESSMENT.md §7), never a verdict."""

    kind: str
    message: str
    criteria: list[str] = field(default_factory=list)


def bias_checks(bank: Bank, data: AssessmentData) -> list[BiasFlag]:
    """Look for one-band scoring, halo-like low spread, one-sided overrides and outlier raters."""
    flags: list[BiasFlag] = []
    scale = bank.scale
    current = data.current_scores()
    decided = [s for s in current.values() if s.score is not None]
    values = [s.score for s in decided if s.score is not None]
    if len(values) >= 6:
        bands = {scale.band_for(v).id for v in values}
        if len(bands) == 1:
            label = scale.band(bands.pop()).label
            flags.append(
                BiasFlag(
                    "one-band",
                    f"all {len(values)} scored criteria sit in {label}: check for central "
                    "tendency or a halo effect; use the whole scale where the evidence differs.",
                )
            )
        elif len(values) >= 8 and statistics.pstdev(values) < 0.75:
            flags.append(
                BiasFlag(
                    "low-spread",
                    f"scores vary very little (spread {statistics.pstdev(values):.2f} over "
                    f"{len(values)} criteria): a possible halo effect.",
                )
            )
    flags.extend(_override_direction(decided))
    flags.extend(_rater_outliers(data.scores))
    return flags


def _override_direction(decided: Sequence[CriterionScore]) -> list[BiasFlag]:
    ups, downs = [], []
    for s in decided:
        if s.suggestion is None or s.score is None or s.accepted_suggestion:
            continue
        if s.score > s.suggestion.score:
            ups.append(s.criterion_id)
        elif s.score < s.suggestion.score:
            downs.append(s.criterion_id)
    if len(ups) >= 3 and not downs:
        return [
            BiasFlag(
                "lenient-overrides",
                f"all {len(ups)} overrides raise the suggested score: "
                "check each against its evidence (leniency).",
                ups,
            )
        ]
    if len(downs) >= 3 and not ups:
        return [
            BiasFlag(
                "strict-overrides",
                f"all {len(downs)} overrides lower the suggested "
                "score: check each against its evidence (strictness).",
                downs,
            )
        ]
    return []


def _rater_outliers(scores: Sequence[CriterionScore]) -> list[BiasFlag]:
    by_criterion: dict[str, dict[str, float]] = {}
    for s in scores:
        if s.score is not None and s.assessor:
            by_criterion.setdefault(s.criterion_id, {})[s.assessor] = s.score
    diffs: dict[str, list[float]] = {}
    for per_assessor in by_criterion.values():
        if len(per_assessor) < 2:
            continue
        median = statistics.median(per_assessor.values())
        for who, value in per_assessor.items():
            diffs.setdefault(who, []).append(value - median)
    flags = []
    for who, d in sorted(diffs.items()):
        if len(d) >= 5 and abs(statistics.mean(d)) >= 1.0:
            side = "above" if statistics.mean(d) > 0 else "below"
            flags.append(
                BiasFlag(
                    "rater-offset",
                    f"{who} scores on average "
                    f"{abs(statistics.mean(d)):.1f} points {side} the team median "
                    f"over {len(d)} shared criteria.",
                )
            )
    return flags


def decided_scores(data: AssessmentData) -> dict[str, float | None]:
    """Return the current decided score per criterion, for rollup and readiness."""
    return {cid: s.score for cid, s in data.current_scores().items()}
