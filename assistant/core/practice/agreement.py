"""Provides the agreement figures used in calibration: band agreement, agreement within a point,
quadratic-weighted kappa and the intraclass correlation ICC(2,1).

Quadratic-weighted kappa (Cohen 1968) between two raters' scores x and y on n items is
``1 - n * Σ(x_i - y_i)² / Σ_i Σ_j (x_i - y_j)²``: the weights (i - j)² / (k - 1)² of the usual
matrix form have the same denominator in observed and expected disagreement, so the number of
categories cancels. ICC(2,1) is Shrout & Fleiss's two-way random-effects, absolute-agreement,
single-rater coefficient: ``(MSR - MSE) / (MSR + (k - 1) MSE + k (MSC - MSE) / n)``.
"""

from __future__ import annotations

from collections.abc import Sequence


def band_agreement(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Return the share of items on which two raters chose the same band (None for no items)."""
    if len(a) != len(b):
        raise ValueError("both raters must rate the same items")
    if not a:
        return None
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def within(a: Sequence[float], b: Sequence[float], points: float = 1.0) -> float | None:
    """Return the share of items on which two scores differ by at most `points`."""
    if len(a) != len(b):
        raise ValueError("both raters must rate the same items")
    if not a:
        return None
    return sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) <= points + 1e-9) / len(a)


def weighted_kappa(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Return quadratic-weighted kappa between two raters, or None when it is undefined
    (no items, or both raters gave one and the same score to every item)."""
    if len(a) != len(b):
        raise ValueError("both raters must rate the same items")
    n = len(a)
    if n == 0:
        return None
    observed = sum((x - y) ** 2 for x, y in zip(a, b, strict=True))
    expected = sum((x - y) ** 2 for x in a for y in b)
    if expected == 0:
        return None
    return 1 - n * observed / expected


def icc_2_1(rows: Sequence[Sequence[float]]) -> float | None:
    """Return ICC(2,1) of a table with one row per item and one column per rater.

    None when it is undefined: fewer than two items or raters, or no variation at all.
    """
    n = len(rows)
    if n < 2:
        return None
    k = len(rows[0])
    if k < 2 or any(len(r) != k for r in rows):
        return None
    grand = sum(sum(r) for r in rows) / (n * k)
    row_means = [sum(r) / k for r in rows]
    col_means = [sum(r[j] for r in rows) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in row_means)
    ss_cols = n * sum((m - grand) ** 2 for m in col_means)
    ss_total = sum((x - grand) ** 2 for r in rows for x in r)
    ss_error = ss_total - ss_rows - ss_cols
    msr = ss_rows / (n - 1)
    msc = ss_cols / (k - 1)
    mse = ss_error / ((n - 1) * (k - 1))
    denominator = msr + (k - 1) * mse + k * (msc - mse) / n
    if denominator == 0:
        return None
    return (msr - mse) / denominator
