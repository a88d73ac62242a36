"""Provides cohort figures over several trainees' submitted practice on one case: the spread of
scores per criterion, who is furthest from the reference, and ICC(2,1) among the trainees."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from assistant.core.practice.agreement import icc_2_1
from assistant.core.practice.calibration import Calibration


@dataclass(frozen=True)
class Spread:
    """How the trainees scored one criterion, against the reference."""

    criterion_id: str
    reference: float
    scores: tuple[float, ...]

    @property
    def low(self) -> float:
        """The lowest trainee score."""
        return min(self.scores)

    @property
    def high(self) -> float:
        """The highest trainee score."""
        return max(self.scores)

    @property
    def mean(self) -> float:
        """The mean trainee score."""
        return statistics.fmean(self.scores)

    @property
    def sd(self) -> float:
        """The sample standard deviation (0 with one trainee)."""
        return statistics.stdev(self.scores) if len(self.scores) > 1 else 0.0


@dataclass(frozen=True)
class Distance:
    """One trainee's mean absolute distance from the reference, and their figures."""

    trainee: str
    assessment_id: str
    mean_abs: float
    band_agreement: float | None
    weighted_kappa: float | None


@dataclass(frozen=True)
class Cohort:
    """The cohort on one case."""

    case_id: str
    spreads: tuple[Spread, ...]
    distances: tuple[Distance, ...]
    icc: float | None
    """ICC(2,1), two-way random, absolute agreement, single rater: criteria x trainees."""


def cohort(case_id: str, runs: list[tuple[str, Calibration]]) -> Cohort:
    """Return cohort figures from (assessment id, calibration) pairs of one case."""
    complete = [
        (aid, cal) for aid, cal in runs if all(r.trainee_score is not None for r in cal.criteria)
    ]
    spreads: list[Spread] = []
    if complete:
        for i, first in enumerate(complete[0][1].criteria):
            scores = tuple(float(cal.criteria[i].trainee_score or 0) for _, cal in complete)
            spreads.append(Spread(first.id, first.reference_score, scores))
    distances = sorted(
        (
            Distance(
                cal.trainee,
                aid,
                statistics.fmean(
                    abs((r.trainee_score or 0) - r.reference_score) for r in cal.criteria
                ),
                cal.band_agreement,
                cal.weighted_kappa,
            )
            for aid, cal in complete
        ),
        key=lambda d: (-d.mean_abs, d.trainee),
    )
    rows = [list(s.scores) for s in spreads]
    return Cohort(case_id, tuple(spreads), tuple(distances), icc_2_1(rows) if rows else None)
