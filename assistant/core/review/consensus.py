"""Provides the consensus rules: individual scores per criterion, their median and spread, and
when a consensus score needs a written rationale (DOMAIN.md §4.7, F17).

A consensus score starts at the median of the individual scores, moved down to the scale's
step (the cautious side when two assessors split evenly). It needs a rationale when the scores
spread 2 points or more, when they fall in different bands, or when the team settles on
something other than the median.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field

from assistant.core.bank.model import Bank, Scale
from assistant.core.model import AssessmentData, ConsensusScore, CriterionScore

SPREAD_NEEDS_RATIONALE = 2.0
"""A spread of this many points or more between assessors needs a written rationale."""


@dataclass(frozen=True)
class ConsensusLine:
    """One criterion as the consensus discussion sees it."""

    criterion_id: str
    title: str
    mandatory: bool
    individual: list[CriterionScore]
    median: float | None
    spread: float
    bands: list[str]
    agreed: ConsensusScore | None
    cites: dict[str, list[str]] = field(default_factory=dict)
    """Per assessor, the turns and evidence their score's reasons cite."""

    @property
    def scores(self) -> dict[str, float | None]:
        """Return each assessor's score by name."""
        return {s.assessor or "(no assessor named)": s.score for s in self.individual}

    @property
    def crosses_band(self) -> bool:
        """True when the individual scores fall in more than one band."""
        return len(set(self.bands)) > 1

    @property
    def needs_rationale(self) -> bool:
        """True when this criterion's consensus score needs a written rationale."""
        return self.spread >= SPREAD_NEEDS_RATIONALE or self.crosses_band

    @property
    def disputed(self) -> bool:
        """True when two or more assessors scored it and their scores differ."""
        values = {s.score for s in self.individual}
        return len(self.individual) > 1 and len(values) > 1


def snap_down(scale: Scale, value: float) -> float:
    """Return `value` moved down onto the scale's step and kept inside the scale."""
    steps = math.floor((value - scale.min) / scale.step + 1e-9)
    return scale.clamp(scale.min + steps * scale.step)


def median_score(scale: Scale, values: list[float]) -> float | None:
    """Return the starting consensus score: the median, on the scale's step (None if no scores)."""
    if not values:
        return None
    return snap_down(scale, float(statistics.median(values)))


def spread(values: list[float]) -> float:
    """Return the distance between the highest and the lowest score (0 for fewer than two)."""
    return max(values) - min(values) if len(values) > 1 else 0.0


def lines(bank: Bank, data: AssessmentData) -> list[ConsensusLine]:
    """Return every criterion of the bank with its individual scores, median, spread and the
    consensus score when one was agreed."""
    scale = bank.scale
    agreed = {c.criterion_id: c for c in data.consensus}
    by_criterion: dict[str, list[CriterionScore]] = {}
    for score in sorted(data.scores, key=lambda s: (s.assessor, s.decided_at)):
        by_criterion.setdefault(score.criterion_id, []).append(score)
    out: list[ConsensusLine] = []
    for crit in bank.criteria():
        individual = by_criterion.get(crit.id, [])
        values = [s.score for s in individual if s.score is not None]
        cites = {
            (s.assessor or "(no assessor named)"): sorted(
                {c for r in (s.suggestion.reasons if s.suggestion else []) for c in r.cites}
            )
            for s in individual
        }
        out.append(
            ConsensusLine(
                criterion_id=crit.id,
                title=crit.title,
                mandatory=crit.mandatory,
                individual=individual,
                median=median_score(scale, values),
                spread=spread(values),
                bands=[scale.band_for(v).id for v in values],
                agreed=agreed.get(crit.id),
                cites=cites,
            )
        )
    return out


def rationale_needed(line: ConsensusLine, score: float) -> str:
    """Return why a consensus score of `score` needs a rationale, or "" when it does not."""
    if line.spread >= SPREAD_NEEDS_RATIONALE:
        return f"the assessors' scores spread {line.spread:g} points"
    if line.crosses_band:
        return "the assessors' scores fall in different bands"
    if line.median is not None and score != line.median:
        return f"{score:g} is not the median {line.median:g}"
    return ""
