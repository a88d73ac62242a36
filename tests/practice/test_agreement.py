"""Agreement figures against values worked out by hand (and one published table)."""

from __future__ import annotations

import pytest

from assistant.core.practice.agreement import band_agreement, icc_2_1, weighted_kappa, within


def test_weighted_kappa_by_hand() -> None:
    # trainee 2,4,6,7 against expert 3,4,5,7:
    # observed Σ(x-y)² = 1+0+1+0 = 2
    # all pairs Σ(x_i-y_j)²: x=2: 1+4+9+25=39; x=4: 1+0+1+9=11; x=6: 9+4+1+1=15; x=7: 16+9+4+0=29
    # -> 94; kappa = 1 - 4*2/94 = 86/94
    assert weighted_kappa([2, 4, 6, 7], [3, 4, 5, 7]) == pytest.approx(86 / 94)


def test_weighted_kappa_matrix_form_agrees() -> None:
    # the textbook form with the 11x11 weight matrix on a 0-10 scale, written out directly
    a, b = [0, 3, 3, 8, 10, 5], [1, 3, 5, 7, 9, 5]
    k, n = 11, len(a)
    obs = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b, strict=True):
        obs[x][y] += 1 / n
    ra = [sum(row) for row in obs]
    cb = [sum(obs[i][j] for i in range(k)) for j in range(k)]
    w = [[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)]
    num = sum(w[i][j] * obs[i][j] for i in range(k) for j in range(k))
    den = sum(w[i][j] * ra[i] * cb[j] for i in range(k) for j in range(k))
    assert weighted_kappa(a, b) == pytest.approx(1 - num / den)


def test_weighted_kappa_perfect_and_undefined() -> None:
    assert weighted_kappa([1, 4, 7], [1, 4, 7]) == 1.0
    assert weighted_kappa([4, 4], [4, 4]) is None
    assert weighted_kappa([], []) is None
    # systematic disagreement is worse than chance
    assert weighted_kappa([0, 10], [10, 0]) < 0


def test_band_agreement_and_within_one() -> None:
    assert band_agreement(["a", "b", "b", "c"], ["a", "b", "c", "c"]) == 0.75
    assert within([2, 4, 6, 7], [3, 4, 5, 9]) == 0.75
    assert within([], []) is None
    with pytest.raises(ValueError):
        within([1], [1, 2])


def test_icc_2_1_by_hand() -> None:
    # rows (items) [1,2],[3,3],[5,4]; grand mean 3
    # SSR = 2*(1.5²+0+1.5²) = 9, MSR = 4.5; SSC = 0; SST = 10; SSE = 1, MSE = 0.5
    # ICC = (4.5-0.5) / (4.5 + 0.5 + 2*(0-0.5)/3) = 4 / (14/3) = 6/7
    assert icc_2_1([[1, 2], [3, 3], [5, 4]]) == pytest.approx(6 / 7)


def test_icc_2_1_shrout_fleiss_table() -> None:
    # Shrout & Fleiss (1979), six targets rated by four judges: ICC(2,1) = .29
    rows = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    assert icc_2_1(rows) == pytest.approx(0.29, abs=0.005)


def test_icc_undefined() -> None:
    assert icc_2_1([[1, 2]]) is None
    assert icc_2_1([[3, 3], [3, 3]]) is None
