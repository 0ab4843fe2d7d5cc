"""Kendall's W and tau against hand-worked examples and scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from decisiontool.engine import kendall_tau, kendall_w


def test_w_without_ties_by_hand() -> None:
    # rank sums 5, 6, 7 around 6: S = 2; W = 12 S / (m^2 (n^3 - n)) = 24 / (9 * 24)
    ranks = np.array([[1, 3, 2], [3, 1, 2], [1, 2, 3]])
    assert kendall_w(ranks) == pytest.approx(1 / 9)


def test_w_with_ties_by_hand() -> None:
    # the second rater ties items 2 and 3 (competition ranks 2, 2 -> average 2.5 each)
    # rank sums 4, 5.5, 9.5, 11 around 7.5: S = 32.5; T = 2^3 - 2 = 6
    # W = 12 * 32.5 / (3^2 (4^3 - 4) - 3 * 6) = 390 / 522
    ranks = np.array([[1, 2, 3, 4], [1, 2, 2, 4], [2, 1, 4, 3]])
    assert kendall_w(ranks) == pytest.approx(390 / 522)


def test_w_is_one_for_identical_rankings_and_zero_for_opposed_pairs() -> None:
    assert kendall_w(np.array([[1, 2, 3], [1, 2, 3], [1, 2, 3]])) == pytest.approx(1.0)
    assert kendall_w(np.array([[1, 2, 3, 4], [4, 3, 2, 1]])) == pytest.approx(0.0)


def test_w_undefined_for_one_rater_or_all_tied() -> None:
    assert math.isnan(kendall_w(np.array([[1, 2, 3]])))
    assert math.isnan(kendall_w(np.array([[1, 1], [1, 1]])))


@pytest.mark.parametrize("seed", range(6))
def test_w_matches_scipy_friedman(seed: int) -> None:
    # Friedman's chi-square (scipy corrects it for ties) is m (n - 1) W
    rng = np.random.default_rng(seed)
    m, n = 5, 6
    scores = rng.integers(0, 4, size=(m, n))  # coarse scores: plenty of ties
    ranks = np.vstack([stats.rankdata(-row, method="min") for row in scores])
    chi2 = stats.friedmanchisquare(*ranks.T.astype(float)).statistic
    assert kendall_w(ranks) == pytest.approx(chi2 / (m * (n - 1)))


@pytest.mark.parametrize("seed", range(4))
def test_tau_matches_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 5, size=8)
    b = rng.integers(1, 5, size=8)
    assert kendall_tau(a, b) == pytest.approx(stats.kendalltau(a, b).statistic)
