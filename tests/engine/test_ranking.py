"""Ranks with ties and minimum thresholds; rank correlations against scipy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from decisiontool.engine import batch_ranks, competition_ranks, kendall_tau, spearman_rho


def test_competition_ranking_shares_ranks() -> None:
    # 0.9 first; 0.7 and 0.7 + 1e-10 tie at 2; 0.5 is 4th
    order, ranks = competition_ranks(np.array([0.5, 0.7, 0.9, 0.7 + 1e-10]), True)
    assert list(ranks) == [4, 2, 1, 2]
    assert list(order) == [2, 3, 1, 0]  # sorted by score; the tie shares rank 2


def test_lower_is_better() -> None:
    _, ranks = competition_ranks(np.array([0.3, 0.0, 1.0]), False)
    assert list(ranks) == [2, 1, 3]


def test_failing_options_rank_after_passing_ones() -> None:
    # option 0 has the best score but fails a minimum: it comes after the two that pass
    scores = np.array([0.9, 0.5, 0.4, 0.8])
    fails = np.array([True, False, False, True])
    order, ranks = competition_ranks(scores, True, fails)
    assert list(order) == [1, 2, 0, 3]
    assert list(ranks) == [3, 1, 2, 4]


def test_failing_option_never_ties_with_passing_one() -> None:
    _, ranks = competition_ranks(np.array([0.5, 0.5]), True, np.array([False, True]))
    assert list(ranks) == [1, 2]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=8), st.lists(st.booleans(), min_size=8, max_size=8))
def test_batch_ranks_agree_with_competition_ranks(values: list[int], fails: list[bool]) -> None:
    scores = np.array(values, dtype=float) / 4
    failing = np.array(fails[: len(values)])
    _, expected = competition_ranks(scores, True, failing)
    assert list(batch_ranks(scores[None, :], True, failing)[0]) == list(expected)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=3, max_size=9))
def test_correlations_match_scipy(pairs: list[tuple[int, int]]) -> None:
    a = np.array([p[0] for p in pairs], dtype=float)
    b = np.array([p[1] for p in pairs], dtype=float)
    if len(set(a)) < 2 or len(set(b)) < 2:
        assert np.isnan(kendall_tau(a, b))
        return
    assert kendall_tau(a, b) == pytest.approx(stats.kendalltau(a, b).statistic)
    assert spearman_rho(a, b) == pytest.approx(stats.spearmanr(a, b).statistic)


def test_identical_and_reversed_orders() -> None:
    ranks = np.array([1, 2, 3, 4])
    assert kendall_tau(ranks, ranks) == pytest.approx(1.0)
    assert spearman_rho(ranks, ranks[::-1]) == pytest.approx(-1.0)
