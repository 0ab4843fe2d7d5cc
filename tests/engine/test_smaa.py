"""SMAA-2 samplers and indices: statistical properties, hand-worked cases, a per-sample brute force.

Statistical tests run at fixed seeds, so they are deterministic; their thresholds are set
for a correct sampler to pass comfortably (p > 0.01, or several standard errors).
"""

from __future__ import annotations

import time
import tracemalloc

import numpy as np
import pytest
from scipy import stats

from decisiontool.engine import (
    METHODS,
    CriteriaArrays,
    competition_ranks,
    effective_weights,
    fails_minimum,
)
from decisiontool.engine.smaa import (
    SmaaResult,
    WeightMode,
    chunk_size,
    sample_scores,
    sample_weights,
    smaa,
)
from decisiontool.engine.values import BoolArray, FloatArray, IntArray

ONE_GROUP_5 = np.zeros(5, dtype=np.intp)


def unit_criteria(n: int, benefit: list[bool] | None = None) -> CriteriaArrays:
    """n criteria on a 0-1 scale (values equal scores), benefit unless told."""
    return CriteriaArrays.simple([0.0] * n, [1.0] * n, benefit or [True] * n)


def with_minimum(criteria: CriteriaArrays, minimum: list[float]) -> CriteriaArrays:
    """The criteria with these minimum thresholds (NaN: none)."""
    return CriteriaArrays(**{**criteria.__dict__, "minimum": np.array(minimum, dtype=np.float64)})


def run(
    scores: FloatArray,
    criteria: CriteriaArrays,
    method_id: str = "wsm",
    low: FloatArray | None = None,
    high: FloatArray | None = None,
    group_index: IntArray | None = None,
    group_weights: FloatArray | None = None,
    criterion_weights: FloatArray | None = None,
    **options: object,
) -> SmaaResult:
    """`smaa` with no ranges, one group and equal weights unless told."""
    n = scores.shape[1]
    return smaa(
        scores,
        scores if low is None else low,
        scores if high is None else high,
        np.zeros(n, dtype=np.intp) if group_index is None else group_index,
        np.ones(1) if group_weights is None else group_weights,
        np.ones(n) if criterion_weights is None else criterion_weights,
        criteria,
        METHODS[method_id],
        **options,  # type: ignore[arg-type]
    )


def option_fails(scores: FloatArray, criteria: CriteriaArrays) -> BoolArray:
    """(m,) True for options failing any minimum (docs/methods.md)."""
    return np.asarray(fails_minimum(scores, criteria).any(axis=1), dtype=np.bool_)


def uncertain_model(seed: int, m: int = 5, n: int = 4) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Scores on a 0-10 scale with a range around every score (continuous: no ties)."""
    rng = np.random.default_rng(seed)
    scores = rng.uniform(2.0, 8.0, (m, n))
    return scores, scores - rng.uniform(0.5, 2.0, (m, n)), scores + rng.uniform(0.5, 2.0, (m, n))


# --- weight samplers -----------------------------------------------------------------------


def test_free_weights_are_uniform_on_the_simplex() -> None:
    # one group: uniform on the simplex of 5 weights, so each marginal is Beta(1, 4)
    draws = sample_weights(np.random.default_rng(11), 20_000, ONE_GROUP_5, np.ones(1), np.ones(5), "free")
    np.testing.assert_allclose(draws.sum(axis=1), 1.0)
    for j in range(5):
        assert stats.kstest(draws[:, j], stats.beta(1, 4).cdf).pvalue > 0.01
    # and the pair (w0, w1) is exchangeable with the rest: P(w0 > w1) = 1/2
    assert abs(np.mean(draws[:, 0] > draws[:, 1]) - 0.5) < 0.015


def test_free_weights_keep_dropped_criteria_and_groups_at_zero() -> None:
    # criteria 0-3 in group 0, 4-5 in group 1 (weight 0); criterion 1 has weight 0.
    # Live: criteria 0, 2, 3 in one group -> uniform on a 3-simplex: marginals Beta(1, 2).
    group_index = np.array([0, 0, 0, 0, 1, 1])
    profile = np.array([1.0, 0.0, 2.0, 1.0, 1.0, 1.0])
    draws = sample_weights(np.random.default_rng(12), 10_000, group_index, np.array([1.0, 0.0]), profile)
    assert (draws[:, [1, 4, 5]] == 0).all()
    for j in (0, 2, 3):
        assert stats.kstest(draws[:, j], stats.beta(1, 2).cdf).pvalue > 0.01


def test_free_weights_respect_groups() -> None:
    # groups {0, 1} and {2, 3, 4}: the group totals are uniform on a 2-simplex (U(0, 1)), and
    # within group 1 each criterion's share of its group is Beta(1, 2)
    group_index = np.array([0, 0, 1, 1, 1])
    draws = sample_weights(np.random.default_rng(13), 10_000, group_index, np.array([3.0, 1.0]), np.ones(5))
    total_0 = draws[:, :2].sum(axis=1)
    assert stats.kstest(total_0, stats.uniform.cdf).pvalue > 0.01
    share = draws[:, 2] / draws[:, 2:].sum(axis=1)
    assert stats.kstest(share, stats.beta(1, 2).cdf).pvalue > 0.01


def test_ordinal_weights_follow_the_profile_order() -> None:
    # importance order c0 > c2 > c1 > c3. Uniform on the ordered simplex: the i-th largest
    # weight has mean (1/n) * sum_{j=i..n} 1/j (order statistics of a flat Dirichlet).
    profile = np.array([3.0, 1.0, 2.0, 0.5])
    draws = sample_weights(
        np.random.default_rng(14), 20_000, np.zeros(4, dtype=np.intp), np.ones(1), profile, "ordinal"
    )
    ordered = draws[:, [0, 2, 1, 3]]
    assert (np.diff(ordered, axis=1) <= 0).all()
    expected = [sum(1 / j for j in range(i, 5)) / 4 for i in range(1, 5)]
    np.testing.assert_allclose(ordered.mean(axis=0), expected, atol=0.006)


def test_ordinal_ties_are_exchangeable() -> None:
    # c0 and c1 tie in the profile: both stay above c2, and neither is favoured
    draws = sample_weights(
        np.random.default_rng(15),
        10_000,
        np.zeros(3, dtype=np.intp),
        np.ones(1),
        np.array([2.0, 2.0, 1.0]),
        "ordinal",
    )
    assert (draws[:, 0] >= draws[:, 2]).all() and (draws[:, 1] >= draws[:, 2]).all()
    assert abs(np.mean(draws[:, 0] > draws[:, 1]) - 0.5) < 0.02


def test_ordinal_weights_order_groups_and_within_groups() -> None:
    # groups {0, 1} (weight 1) and {2, 3} (weight 3): group 1's total is the larger in every
    # draw; within group 0, c1 (weight 5) outweighs c0 (weight 1); dropped c3 stays 0
    group_index = np.array([0, 0, 1, 1])
    draws = sample_weights(
        np.random.default_rng(16),
        5_000,
        group_index,
        np.array([1.0, 3.0]),
        np.array([1.0, 5.0, 1.0, 0.0]),
        "ordinal",
    )
    assert (draws[:, 2:].sum(axis=1) >= draws[:, :2].sum(axis=1)).all()
    assert (draws[:, 1] >= draws[:, 0]).all()
    assert (draws[:, 3] == 0).all()


def test_around_with_spread_zero_is_the_profile() -> None:
    group_index = np.array([0, 0, 1])
    groups, profile = np.array([1.0, 2.0]), np.array([1.0, 3.0, 1.0])
    draws = sample_weights(np.random.default_rng(17), 100, group_index, groups, profile, "around", spread=0.0)
    np.testing.assert_allclose(
        draws, np.broadcast_to(effective_weights(group_index, groups, profile), (100, 3))
    )


def test_around_perturbs_each_weight_by_at_most_the_spread() -> None:
    # one group, c = (1, 2, 4), F = 0.2: w_i / w_j = (c_i f_i) / (c_j f_j) with f in [0.8, 1.2],
    # so the ratio lies within c_i / c_j * [0.8/1.2, 1.2/0.8], and draws come near both ends
    profile = np.array([1.0, 2.0, 4.0])
    draws = sample_weights(
        np.random.default_rng(18), 20_000, np.zeros(3, dtype=np.intp), np.ones(1), profile, "around", 0.2
    )
    ratio = draws[:, 0] / draws[:, 2] / (1 / 4)
    assert ratio.min() >= 0.8 / 1.2 - 1e-12 and ratio.max() <= 1.2 / 0.8 + 1e-12
    assert ratio.min() < 0.7 and ratio.max() > 1.42


def test_weight_draws_do_not_depend_on_how_they_are_split() -> None:
    for mode in ("free", "around", "ordinal"):
        rng_split, rng_whole = np.random.default_rng(19), np.random.default_rng(19)
        args = (np.array([0, 0, 1]), np.array([1.0, 2.0]), np.array([1.0, 2.0, 1.0]), mode)
        split = np.vstack([sample_weights(rng_split, 7, *args), sample_weights(rng_split, 5, *args)])  # type: ignore[arg-type]
        np.testing.assert_array_equal(split, sample_weights(rng_whole, 12, *args))  # type: ignore[arg-type]


# --- score sampler -------------------------------------------------------------------------


def test_score_draws_uniform_and_fixed() -> None:
    value = np.array([[2.0, 3.0], [4.0, 1.0]])
    low = np.array([[1.0, 3.0], [4.0, 0.0]])
    high = np.array([[5.0, 3.0], [4.0, 1.0]])  # two scores without a range
    draws = sample_scores(np.random.default_rng(20), 10_000, value, low, high)
    assert (draws[:, 0, 1] == 3.0).all() and (draws[:, 1, 0] == 4.0).all()
    assert stats.kstest(draws[:, 0, 0], stats.uniform(1.0, 4.0).cdf).pvalue > 0.01
    assert stats.kstest(draws[:, 1, 1], stats.uniform(0.0, 1.0).cdf).pvalue > 0.01


def test_score_draws_triangular_with_the_value_as_mode() -> None:
    value, low, high = np.array([[2.0, 0.0]]), np.array([[1.0, 0.0]]), np.array([[5.0, 3.0]])
    draws = sample_scores(np.random.default_rng(21), 10_000, value, low, high, "triangular")
    # scipy's triang: c = (mode - low) / (high - low)
    assert stats.kstest(draws[:, 0, 0], stats.triang(0.25, loc=1.0, scale=4.0).cdf).pvalue > 0.01
    assert stats.kstest(draws[:, 0, 1], stats.triang(0.0, loc=0.0, scale=3.0).cdf).pvalue > 0.01


# --- SMAA indices --------------------------------------------------------------------------


@pytest.mark.parametrize("method_id", list(METHODS))
def test_no_uncertainty_reproduces_the_deterministic_ranking(method_id: str) -> None:
    # zero-width ranges and spread 0: every sample is the deterministic model, so each option
    # has acceptability 1 at its own rank, its rank as expected rank, the profile's weights as
    # central weights when first, and confidence 1. Option 4 fails a minimum.
    rng = np.random.default_rng(22)
    scores = rng.uniform(0.0, 10.0, (6, 5))
    scores[4, 0] = 0.5
    criteria = with_minimum(
        CriteriaArrays.simple([0.0] * 5, [10.0] * 5, [True, True, False, True, False]),
        [1.0, np.nan, np.nan, np.nan, np.nan],
    )
    group_index = np.array([0, 0, 1, 1, 1])
    groups, profile = np.array([1.0, 2.0]), np.array([1.0, 3.0, 2.0, 1.0, 1.0])
    weights = effective_weights(group_index, groups, profile)
    method = METHODS[method_id]
    fails = option_fails(scores, criteria)
    _, ranks = competition_ranks(method(scores, weights, criteria).score, method.higher_is_better, fails)
    result = run(
        scores,
        criteria,
        method_id,
        group_index=group_index,
        group_weights=groups,
        criterion_weights=profile,
        samples=300,
        weight_mode="around",
        spread=0.0,
    )
    expected = np.zeros((6, 6))
    expected[np.arange(6), ranks - 1] = 1.0
    np.testing.assert_array_equal(result.rank_acceptability, expected)
    np.testing.assert_array_equal(result.expected_rank, ranks)
    first = ranks == 1
    np.testing.assert_allclose(result.central_weights[first], np.broadcast_to(weights, (int(first.sum()), 5)))
    assert np.isnan(result.central_weights[~first]).all()
    np.testing.assert_array_equal(result.confidence[first], 1.0)
    np.testing.assert_array_equal(result.pairwise_winning, (ranks[:, None] < ranks[None, :]).astype(float))


@pytest.mark.parametrize("method_id", list(METHODS))
def test_acceptability_rows_and_columns_sum_to_one(method_id: str) -> None:
    # continuous draws of scores and weights: no ties, so each sample is a permutation of ranks
    scores, low, high = uncertain_model(23)
    criteria = CriteriaArrays.simple([0.0] * 4, [10.0] * 4, [True, False, True, True])
    result = run(scores, criteria, method_id, low, high, samples=2_000)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=1), 1.0)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=0), 1.0)
    # each option's expected rank follows from its acceptabilities
    np.testing.assert_allclose(result.expected_rank, result.rank_acceptability @ np.arange(1, 6))


@pytest.mark.parametrize("method_id", list(METHODS))
def test_pairwise_winning_is_consistent_with_ranks(method_id: str) -> None:
    scores, low, high = uncertain_model(24)
    criteria = CriteriaArrays.simple([0.0] * 4, [10.0] * 4, [True, True, False, True])
    result = run(scores, criteria, method_id, low, high, samples=2_000)
    pairwise = result.pairwise_winning
    assert (np.diag(pairwise) == 0).all()
    off_diagonal = ~np.eye(5, dtype=bool)
    # no ties: a beats b or b beats a in every sample
    np.testing.assert_allclose((pairwise + pairwise.T)[off_diagonal], 1.0)
    # an option of rank r beats exactly m - r others
    np.testing.assert_allclose(pairwise.sum(axis=1), 5 - result.expected_rank)


def test_tied_options_share_ranks_and_never_beat_each_other() -> None:
    # B and C are identical: in every sample they share a rank; the tie share is 1
    scores = np.array([[0.9, 0.1], [0.4, 0.6], [0.4, 0.6]])
    result = run(scores, unit_criteria(2), samples=1_000)
    assert result.pairwise_winning[1, 2] == 0 and result.pairwise_winning[2, 1] == 0
    np.testing.assert_array_equal(result.rank_acceptability[1], result.rank_acceptability[2])
    # ranks 1, 1 or 2, 2 are possible, never 3 for B or C; column 3 holds A only
    assert result.rank_acceptability[1, 2] == 0
    np.testing.assert_allclose(result.rank_acceptability[0, 0] + result.rank_acceptability[0, 2], 1.0)


def test_two_options_by_hand() -> None:
    # wsm, A = (1, 0), B = (0, 1), free weights on two criteria: A first iff w0 > 1/2, so
    # b_A(1) = 1/2 and A's central weights are E[w | w0 > 1/2] = (3/4, 1/4); with its central
    # weights A is first (3/4 > 1/2): confidence 1. Expected ranks 1.5.
    result = run(np.array([[1.0, 0.0], [0.0, 1.0]]), unit_criteria(2), samples=8_000, seed=5)
    assert result.rank_acceptability[0, 0] == pytest.approx(0.5, abs=0.02)
    np.testing.assert_allclose(result.rank_acceptability.sum(axis=0), 1.0)
    np.testing.assert_allclose(result.central_weights[0], [0.75, 0.25], atol=0.01)
    np.testing.assert_allclose(result.central_weights[1], [0.25, 0.75], atol=0.01)
    np.testing.assert_array_equal(result.confidence, [1.0, 1.0])
    assert result.pairwise_winning[0, 1] == result.rank_acceptability[0, 0]
    np.testing.assert_allclose(result.expected_rank, [1.5, 1.5], atol=0.02)


def test_confidence_from_score_ranges_by_hand() -> None:
    # one criterion (weight always 1): A ~ U(0.2, 1.0), B = 0.5 fixed. A is first iff A > 0.5:
    # probability 0.5 / 0.8 = 0.625, whatever the weights, so confidence A = 0.625, B = 0.375
    scores = np.array([[0.6], [0.5]])
    result = run(
        scores, unit_criteria(1), "wsm", np.array([[0.2], [0.5]]), np.array([[1.0], [0.5]]), samples=8_000
    )
    assert result.rank_acceptability[0, 0] == pytest.approx(0.625, abs=0.02)
    np.testing.assert_allclose(result.confidence, [0.625, 0.375], atol=0.02)
    np.testing.assert_allclose(result.confidence.sum(), 1.0)  # the same draws decide both
    np.testing.assert_allclose(result.central_weights, [[1.0], [1.0]])


def test_minimum_is_checked_per_sample() -> None:
    # c0 has minimum 2; A's c0 ~ U(1, 3) fails half the time; B (c0 = 2) always passes.
    # A is better than B on both criteria whenever it passes, so b_A(1) = P(A passes) = 1/2.
    criteria = with_minimum(CriteriaArrays.simple([0.0, 0.0], [5.0, 5.0], [True, True]), [2.0, np.nan])
    scores = np.array([[2.0, 5.0], [2.0, 0.0]])
    low = np.array([[1.0, 5.0], [2.0, 0.0]])
    high = np.array([[3.0, 5.0], [2.0, 0.0]])
    for method_id in METHODS:
        result = run(scores, criteria, method_id, low, high, samples=4_000)
        assert result.rank_acceptability[0, 0] == pytest.approx(0.5, abs=0.03), method_id


def test_failing_option_ranks_last_with_fixed_scores() -> None:
    # A = (0.9, 1.0) dominates B = (0.5, 0.5) and C = (0.2, 0.9) on the weighted criteria but
    # fails the minimum 0.5 of a third, unweighted criterion, so it is last in every sample.
    # With free weights (w1 ~ U(0, 1)) B is first iff 0.5 > 0.2 (1 - w1) + 0.9 w1, i.e.
    # w1 < 3/7. Under their central weights (w1 about 3/14 and 5/7) B and C are first, A
    # being out of the way: confidence 1 each.
    criteria = with_minimum(unit_criteria(3), [np.nan, np.nan, 0.5])
    scores = np.array([[0.9, 1.0, 0.1], [0.5, 0.5, 0.9], [0.2, 0.9, 0.9]])
    result = run(scores, criteria, criterion_weights=np.array([1.0, 1.0, 0.0]), samples=4_000)
    np.testing.assert_array_equal(result.rank_acceptability[0], [0.0, 0.0, 1.0])
    assert result.rank_acceptability[1, 0] == pytest.approx(3 / 7, abs=0.025)
    np.testing.assert_array_equal(result.confidence, [np.nan, 1.0, 1.0])
    assert (result.central_weights[1:, 2] == 0).all()  # the dropped criterion stays at 0


def test_never_first_option_has_no_central_weights() -> None:
    # C = (0, 0) is dominated by A and B under every weight
    scores = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    result = run(scores, unit_criteria(2), samples=500)
    assert result.rank_acceptability[2, 0] == 0
    assert np.isnan(result.central_weights[2]).all() and np.isnan(result.confidence[2])
    np.testing.assert_allclose(np.nansum(result.central_weights[:2], axis=1), 1.0)


@pytest.mark.parametrize("mode", ["free", "around", "ordinal"])
def test_central_weights_sum_to_one(mode: WeightMode) -> None:
    scores, low, high = uncertain_model(25, m=6, n=5)
    criteria = CriteriaArrays.simple([0.0] * 5, [10.0] * 5, [True] * 5)
    result = run(
        scores,
        criteria,
        "topsis",
        low,
        high,
        group_index=np.array([0, 0, 1, 1, 1]),
        group_weights=np.array([1.0, 2.0]),
        criterion_weights=np.array([1.0, 2.0, 3.0, 1.0, 1.0]),
        samples=1_000,
        weight_mode=mode,
    )
    defined = ~np.isnan(result.central_weights[:, 0])
    assert defined.any()
    np.testing.assert_allclose(result.central_weights[defined].sum(axis=1), 1.0)


def test_same_seed_same_result_whatever_the_chunk() -> None:
    scores, low, high = uncertain_model(26)
    criteria = CriteriaArrays.simple([0.0] * 4, [10.0] * 4, [True, False, True, True])
    whole = run(scores, criteria, "vikor", low, high, samples=1_000, seed=3)
    again = run(scores, criteria, "vikor", low, high, samples=1_000, seed=3)
    chunked = run(scores, criteria, "vikor", low, high, samples=1_000, seed=3, chunk=37)
    for other in (again, chunked):
        np.testing.assert_array_equal(other.rank_acceptability, whole.rank_acceptability)
        np.testing.assert_array_equal(other.pairwise_winning, whole.pairwise_winning)
        np.testing.assert_array_equal(other.confidence, whole.confidence)
        # sums accumulated in another order may differ in the last bit
        np.testing.assert_allclose(other.central_weights, whole.central_weights, rtol=1e-12)
    different = run(scores, criteria, "vikor", low, high, samples=1_000, seed=4)
    assert not np.array_equal(different.rank_acceptability, whole.rank_acceptability)


@pytest.mark.parametrize("method_id", list(METHODS))
@pytest.mark.parametrize("mode", ["free", "ordinal"])
def test_matches_a_per_sample_loop(method_id: str, mode: WeightMode) -> None:
    # Brute force: the documented streams (weights from the first child of
    # default_rng(seed).spawn(2), scores from the second), one sample at a time, with the
    # engine's one-at-a-time competition ranks.
    samples, seed = 300, 9
    scores, low, high = uncertain_model(27, m=4, n=3)
    criteria = with_minimum(
        CriteriaArrays.simple([0.0] * 3, [10.0] * 3, [True, False, True]), [3.0, np.nan, np.nan]
    )
    group_index, groups, profile = np.array([0, 0, 1]), np.array([1.0, 1.0]), np.array([2.0, 1.0, 1.0])
    method = METHODS[method_id]
    result = smaa(
        scores,
        low,
        high,
        group_index,
        groups,
        profile,
        criteria,
        method,
        samples=samples,
        seed=seed,
        weight_mode=mode,
        chunk=64,
    )
    weight_rng, score_rng = np.random.default_rng(seed).spawn(2)
    weights = sample_weights(weight_rng, samples, group_index, groups, profile, mode)
    drawn = sample_scores(score_rng, samples, scores, low, high)
    m = 4
    counts = np.zeros((m, m))
    wins = np.zeros((m, m))
    first_weights = [[] for _ in range(m)]  # type: list[list[FloatArray]]
    for s in range(samples):
        fails = option_fails(drawn[s], criteria)
        _, ranks = competition_ranks(
            method(drawn[s], weights[s], criteria).score, method.higher_is_better, fails
        )
        counts[np.arange(m), ranks - 1] += 1
        wins += ranks[:, None] < ranks[None, :]
        for option in np.flatnonzero(ranks == 1):
            first_weights[option].append(weights[s])
    np.testing.assert_allclose(result.rank_acceptability, counts / samples)
    np.testing.assert_allclose(result.pairwise_winning, wins / samples)
    for i in range(m):
        if not first_weights[i]:
            assert np.isnan(result.central_weights[i]).all() and np.isnan(result.confidence[i])
            continue
        central = np.mean(first_weights[i], axis=0)
        np.testing.assert_allclose(result.central_weights[i], central)
        hits = 0
        for s in range(samples):
            fails = option_fails(drawn[s], criteria)
            _, ranks = competition_ranks(
                method(drawn[s], central, criteria).score, method.higher_is_better, fails
            )
            hits += int(ranks[i] == 1)
        assert result.confidence[i] == pytest.approx(hits / samples)


@pytest.mark.parametrize("method_id", ["wsm", "topsis"])
@pytest.mark.parametrize("ranged", [True, False])
def test_progress_counts_every_sample_of_both_passes(method_id: str, ranged: bool) -> None:
    scores, low, high = uncertain_model(31)
    if not ranged:
        low = high = scores
    criteria = CriteriaArrays.simple([0.0] * 4, [10.0] * 4, [True] * 4)
    calls: list[tuple[int, int]] = []
    plain = run(scores, criteria, method_id, low, high, samples=1_000, seed=5, chunk=300)
    watched = run(
        scores,
        criteria,
        method_id,
        low,
        high,
        samples=1_000,
        seed=5,
        chunk=300,
        progress=lambda done, total: calls.append((done, total)),
    )
    # main pass: 1,000 samples; confidence pass: 1,000 more when scores are drawn, none otherwise
    total = 2_000 if ranged else 1_000
    assert {t for _, t in calls} == {total}
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[-1] == total and done[0] > 0
    assert done[:4] == [300, 600, 900, 1_000]  # one call per chunk of the main pass
    for field in ("rank_acceptability", "central_weights", "confidence", "pairwise_winning"):
        np.testing.assert_array_equal(getattr(watched, field), getattr(plain, field))


def test_invalid_arguments_are_refused() -> None:
    scores = np.array([[1.0, 0.0], [0.0, 1.0]])
    for options in (
        {"samples": 0},
        {"chunk": 0},
        {"weight_mode": "fuzzy"},
        {"score_dist": "normal"},
        {"spread": 1.0},
    ):
        with pytest.raises(ValueError):
            run(scores, unit_criteria(2), **options)


# --- performance ---------------------------------------------------------------------------


def test_wsm_10000_samples_of_a_10_by_12_model_is_fast() -> None:
    # The target is 0.1 s, met on an idle machine (about 0.06 s). Test machines are
    # shared, so the bound here is 1 s: still far below any per-sample loop, which needs
    # 10,000 x (1 + options first somewhere) method calls, several seconds even with the
    # engine's own vectorised wsm.
    rng = np.random.default_rng(28)
    scores = rng.uniform(2.0, 8.0, (10, 12))
    criteria = CriteriaArrays.simple([0.0] * 12, [10.0] * 12, [True] * 8 + [False] * 4)
    low, high = scores - 1.0, scores + 1.0
    group_index = np.arange(12) % 3
    best = np.inf
    for _ in range(3):
        start = time.perf_counter()
        run(
            scores,
            criteria,
            "wsm",
            low,
            high,
            group_index=group_index,
            group_weights=np.ones(3),
            samples=10_000,
        )
        best = min(best, time.perf_counter() - start)
    assert best < 1.0


def test_memory_stays_bounded_for_a_million_samples() -> None:
    # Unchunked, 1,000,000 samples of a 4 x 3 model would hold several (10^6, 4, 3) arrays
    # (96 MB each) and a (10^6, 4, 4) rank block (128 MB). In chunks the peak is that of one
    # chunk, whatever the number of samples.
    scores, low, high = uncertain_model(29, m=4, n=3)
    criteria = CriteriaArrays.simple([0.0] * 3, [10.0] * 3, [True] * 3)

    def peak_bytes(samples: int) -> int:
        tracemalloc.start()
        try:
            run(scores, criteria, "wsm", low, high, samples=samples)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    one_chunk = peak_bytes(chunk_size(4, 3))
    million = peak_bytes(1_000_000)
    assert million < 1.3 * one_chunk  # the peak does not grow with the number of samples
    assert million < 128 * 2**20


def reference_score(method_id: str, drawn: FloatArray, weights: FloatArray, benefit: BoolArray) -> FloatArray:
    """TOPSIS or VIKOR of one score matrix (m, n), written out from the textbook formulas
    (Hwang & Yoon 1981; Opricovic 1998), independently of the engine's kernels."""
    if method_id == "topsis":
        weighted = drawn / np.sqrt((drawn**2).sum(axis=0)) * weights
        ideal = np.where(benefit, weighted.max(axis=0), weighted.min(axis=0))
        anti = np.where(benefit, weighted.min(axis=0), weighted.max(axis=0))
        d_plus = np.sqrt(((weighted - ideal) ** 2).sum(axis=1))
        d_minus = np.sqrt(((weighted - anti) ** 2).sum(axis=1))
        return np.asarray(d_minus / (d_plus + d_minus), dtype=np.float64)
    best = np.where(benefit, drawn.max(axis=0), drawn.min(axis=0))
    worst = np.where(benefit, drawn.min(axis=0), drawn.max(axis=0))
    terms = weights * (best - drawn) / (best - worst)
    s, r = terms.sum(axis=1), terms.max(axis=1)
    return np.asarray(
        0.5 * (s - s.min()) / (s.max() - s.min()) + 0.5 * (r - r.min()) / (r.max() - r.min()),
        dtype=np.float64,
    )


@pytest.mark.parametrize("method_id", ["topsis", "vikor"])
def test_many_first_options_match_a_textbook_per_sample_loop_exactly(method_id: str) -> None:
    # 12 options close together, so that most are first in some sample: the confidence pass
    # weighs every draw under many central weight vectors at once (in blocks). The counts
    # (acceptabilities, pairwise wins, confidence factors) must equal those of a per-sample
    # loop over the same documented streams exactly.
    samples, seed, m, n = 700, 12, 12, 4
    rng = np.random.default_rng(40)
    scores = rng.uniform(4.0, 6.0, (m, n))
    low, high = scores - 2.0, scores + 2.0
    benefit = np.array([True, False, True, True])
    criteria = CriteriaArrays.simple([0.0] * n, [10.0] * n, list(benefit))
    result = run(scores, criteria, method_id, low, high, samples=samples, seed=seed, chunk=250)
    weight_rng, score_rng = np.random.default_rng(seed).spawn(2)
    weights = sample_weights(weight_rng, samples, ONE_GROUP_5[:1].repeat(n), np.ones(1), np.ones(n))
    drawn = sample_scores(score_rng, samples, scores, low, high)
    sign = 1.0 if method_id == "topsis" else -1.0

    def ranks_of(score: FloatArray) -> IntArray:
        signed = sign * score
        return np.asarray(1 + (signed[None, :] - signed[:, None] > 1e-9).sum(axis=1), dtype=np.intp)

    counts = np.zeros((m, m), dtype=np.intp)
    wins = np.zeros((m, m), dtype=np.intp)
    first_weights: list[list[FloatArray]] = [[] for _ in range(m)]
    for s in range(samples):
        ranks = ranks_of(reference_score(method_id, drawn[s], weights[s], benefit))
        counts[np.arange(m), ranks - 1] += 1
        wins += ranks[:, None] < ranks[None, :]
        for option in np.flatnonzero(ranks == 1):
            first_weights[option].append(weights[s])
    assert sum(1 for w in first_weights if w) >= 6
    np.testing.assert_array_equal(result.rank_acceptability, counts / samples)
    np.testing.assert_array_equal(result.pairwise_winning, wins / samples)
    for i in range(m):
        if not first_weights[i]:
            assert np.isnan(result.confidence[i])
            continue
        central = result.central_weights[i]
        np.testing.assert_allclose(central, np.mean(first_weights[i], axis=0), rtol=1e-12)
        hits = sum(int(ranks_of(reference_score(method_id, d, central, benefit))[i] == 1) for d in drawn)
        assert result.confidence[i] == hits / samples
