"""Tests of decisiontool.engine.weights against published examples and independent arithmetic.

Expected figures are either published (the source is named in each test) or computed in the
test itself without the module: plain Python (math, fractions, statistics) or scipy.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from decisiontool.engine.weights import (
    RANDOM_INDEX,
    DisconnectedComparisonsError,
    ahp_eigen,
    ahp_geometric,
    ahp_incomplete,
    ahp_matrix,
    critic_weights,
    entropy_weights,
    parse_rank_order,
    random_index,
    rank_order_weights,
    smarter_weights,
    swing_weights,
)

SETTINGS = settings(max_examples=80, deadline=None)


# --------------------------------------------------------------------------------------
# Rank order
# --------------------------------------------------------------------------------------


def test_parse_rank_order_tiers() -> None:
    assert parse_rank_order(["a", "b=c", "d"]) == [["a"], ["b", "c"], ["d"]]
    assert parse_rank_order([" a ", "b = c"]) == [["a"], ["b", "c"]]
    assert parse_rank_order(["only"]) == [["only"]]


@pytest.mark.parametrize(
    ("tokens", "message"),
    [
        ([], "empty"),
        (["a", "b="], "empty name"),
        (["=c"], "empty name"),
        ([""], "empty name"),
        (["a", "b=a"], "'a' appears more than once"),
        (["a", "a"], "'a' appears more than once"),
        (["a b"], "contains a space"),
    ],
)
def test_parse_rank_order_refuses(tokens: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_rank_order(tokens)


def test_roc_for_four_criteria_matches_barron_and_barrett() -> None:
    """ROC weights for n = 4 as tabulated by Barron & Barrett (1996), Management Science 42(11)."""
    weights = rank_order_weights([1, 2, 3, 4], "roc")
    assert np.round(weights, 4).tolist() == [0.5208, 0.2708, 0.1458, 0.0625]
    # and exactly, from the definition w_k = (1/n) sum_{i=k}^n 1/i
    exact = [sum(Fraction(1, i) for i in range(k, 5)) / 4 for k in range(1, 5)]
    assert weights == pytest.approx([float(f) for f in exact], abs=1e-15)


def test_rank_sum_and_reciprocal_rank() -> None:
    assert rank_order_weights([1, 2, 3, 4], "rs") == pytest.approx([0.4, 0.3, 0.2, 0.1])
    assert rank_order_weights([1, 2, 3], "rr") == pytest.approx([6 / 11, 3 / 11, 2 / 11])
    assert rank_order_weights([1, 2, 3], "equal") == pytest.approx([1 / 3] * 3)


def test_items_may_be_listed_in_any_order() -> None:
    assert rank_order_weights([3, 1, 2], "rs") == pytest.approx([1 / 6, 3 / 6, 2 / 6])


def test_tied_items_share_the_mean_of_the_positions_they_occupy() -> None:
    """`a b=c d` occupies positions 1..4; b and c each get the mean of positions 2 and 3."""
    roc4 = [float(sum(Fraction(1, i) for i in range(k, 5)) / 4) for k in range(1, 5)]
    weights = rank_order_weights([1, 2, 2, 3], "roc")
    assert weights == pytest.approx([roc4[0], (roc4[1] + roc4[2]) / 2, (roc4[1] + roc4[2]) / 2, roc4[3]])
    assert weights.sum() == pytest.approx(1.0)
    # only the order of the levels matters
    assert rank_order_weights([1, 2, 2, 4], "roc") == pytest.approx(weights)
    assert rank_order_weights([10, 20, 20, 30], "roc") == pytest.approx(weights)
    # rank sum with a tie at the top: positions 1 and 2 share (4 + 3) / 10
    assert rank_order_weights([1, 1, 2, 3], "rs") == pytest.approx([0.35, 0.35, 0.2, 0.1])
    # everybody tied: equal weights whatever the method
    assert rank_order_weights([1, 1, 1], "rr") == pytest.approx([1 / 3] * 3)


def test_smarter_is_roc() -> None:
    assert smarter_weights([2, 1, 2, 3]) == pytest.approx(rank_order_weights([2, 1, 2, 3], "roc"))


@pytest.mark.parametrize(
    ("levels", "method", "message"),
    [
        ([1, 2], "borda", "unknown rank-order method"),
        ([], "roc", "empty"),
        ([0, 1], "roc", "levels start at 1"),
        ([1, 2.5], "roc", "must be an integer"),
        ([True, 2], "roc", "must be an integer"),
    ],
)
def test_rank_order_refuses(levels: list[int], method: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rank_order_weights(levels, method)


@SETTINGS
@given(
    st.lists(st.integers(1, 6), min_size=1, max_size=12),
    st.sampled_from(["roc", "rs", "rr", "equal"]),
)
def test_rank_order_weights_sum_to_one_and_never_increase(levels: list[int], method: str) -> None:
    weights = rank_order_weights(levels, method)
    assert weights.sum() == pytest.approx(1.0)
    assert np.all(weights > 0)
    by_level = weights[np.argsort(levels, kind="stable")]
    assert np.all(np.diff(by_level) <= 1e-12)
    for level in set(levels):  # tied items weigh the same
        tied = weights[np.asarray(levels) == level]
        assert np.ptp(tied) == pytest.approx(0.0, abs=1e-15)


# --------------------------------------------------------------------------------------
# Swing
# --------------------------------------------------------------------------------------


def test_swing_weights_divide_ratings_by_their_sum() -> None:
    assert swing_weights([100, 50, 25]) == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert swing_weights([20, 100, 0, 80]) == pytest.approx([0.1, 0.5, 0.0, 0.4])
    assert swing_weights([100]) == pytest.approx([1.0])


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ([], "no swing ratings"),
        ([100, -5], "between 0 and 100"),
        ([100, 120], "between 0 and 100"),
        ([80, 40], "must be rated 100"),
        ([0, 0], "must be rated 100"),
        ([100, float("nan")], "give a number"),
    ],
)
def test_swing_weights_refuse(ratings: list[float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        swing_weights(ratings)


# --------------------------------------------------------------------------------------
# AHP
# --------------------------------------------------------------------------------------

# Saaty (1990), "How to make a decision: the Analytic Hierarchy Process", European Journal
# of Operational Research 48, 9-26: the family choosing a house, criteria compared with
# respect to overall satisfaction (size, transportation, neighbourhood, age, yard, modern
# facilities, general condition, financing). Published: priority vector 0.173 0.054 0.188
# 0.018 0.031 0.036 0.167 0.333; lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169.
HOUSE = [
    "1 5 3 7 6 6 1/3 1/4",
    "1/5 1 1/3 5 3 3 1/5 1/7",
    "1/3 3 1 6 3 4 6 1/5",
    "1/7 1/5 1/6 1 1/3 1/4 1/7 1/8",
    "1/6 1/3 1/3 3 1 1/2 1/5 1/6",
    "1/6 1/3 1/4 4 2 1 1/5 1/6",
    "3 5 1/6 7 5 5 1 1/2",
    "4 7 5 8 6 6 2 1",
]
HOUSE_MATRIX = np.array([[float(Fraction(cell)) for cell in row.split()] for row in HOUSE])
HOUSE_PRIORITIES = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]


def test_saaty_house_example_eigenvector() -> None:
    result = ahp_eigen(HOUSE_MATRIX)
    assert np.round(result.weights, 3).tolist() == HOUSE_PRIORITIES
    assert round(result.lambda_max, 3) == 9.669
    assert round(result.ci, 3) == 0.238
    assert result.cr is not None and round(result.cr, 3) == 0.169
    # cross-check with scipy's eigensolver, independently of the module
    values, vectors = scipy.linalg.eig(HOUSE_MATRIX)
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    assert result.weights == pytest.approx(vector / vector.sum(), abs=1e-12)
    assert result.lambda_max == pytest.approx(values[k].real, abs=1e-10)
    assert result.cr == pytest.approx((values[k].real - 8) / 7 / 1.41, abs=1e-10)


def test_house_matrix_built_from_its_judgements() -> None:
    pairs = [(i, j, HOUSE_MATRIX[i, j]) for i, j in itertools.combinations(range(8), 2)]
    assert ahp_matrix(8, pairs) == pytest.approx(HOUSE_MATRIX, rel=1e-15)
    # the same judgements given from the other side build the same matrix
    flipped = [(j, i, 1 / a) for i, j, a in pairs]
    assert ahp_matrix(8, flipped) == pytest.approx(HOUSE_MATRIX, rel=1e-12)


def test_house_inconsistent_pairs_sorted_worst_first() -> None:
    result = ahp_eigen(HOUSE_MATRIX)
    pairs = result.inconsistent_pairs
    assert len(pairs) == 28
    assert all(p.i < p.j for p in pairs)
    deviations = [abs(math.log(p.given / (result.weights[p.i] / result.weights[p.j]))) for p in pairs]
    assert deviations == sorted(deviations, reverse=True)
    assert [p.deviation for p in pairs] == pytest.approx(deviations)
    worst = pairs[0]
    assert worst.given == HOUSE_MATRIX[worst.i, worst.j]
    assert worst.implied == pytest.approx(result.weights[worst.i] / result.weights[worst.j])
    # neighbourhood (2) judged 6 times as important as general condition (6), whose weights
    # are nearly equal: the judgement the house example's weights contradict most.
    assert (worst.i, worst.j) == (2, 6)


def test_house_geometric_mean() -> None:
    """Row geometric means, computed here in plain Python, with lambda from A w."""
    geometric = [math.prod(row) ** (1 / 8) for row in HOUSE_MATRIX.tolist()]
    total = sum(geometric)
    expected = [g / total for g in geometric]
    lam = statistics.fmean(
        sum(a * w for a, w in zip(row, expected, strict=True)) / expected[i]
        for i, row in enumerate(HOUSE_MATRIX.tolist())
    )
    result = ahp_geometric(HOUSE_MATRIX)
    assert result.weights == pytest.approx(expected, abs=1e-14)
    assert result.lambda_max == pytest.approx(lam, abs=1e-12)
    assert result.cr == pytest.approx((lam - 8) / 7 / 1.41, abs=1e-12)
    # close to the eigenvector method, as expected for a CR of about 0.17
    assert result.cr == pytest.approx(0.169, abs=0.02)


def consistent_matrix(weights: list[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=np.float64)
    return w[:, None] / w[None, :]


def test_consistent_matrix_gives_cr_zero_and_its_weights() -> None:
    true = np.array([0.4, 0.3, 0.2, 0.1])
    for method in (ahp_eigen, ahp_geometric):
        result = method(consistent_matrix(true.tolist()))
        assert result.weights == pytest.approx(true, abs=1e-12)
        assert result.lambda_max == pytest.approx(4.0, abs=1e-10)
        assert result.ci == pytest.approx(0.0, abs=1e-10)
        assert result.cr == pytest.approx(0.0, abs=1e-10)
        assert all(p.deviation == pytest.approx(0.0, abs=1e-10) for p in result.inconsistent_pairs)


def test_incomplete_consistent_judgements_give_the_complete_result() -> None:
    true = [4.0, 3.0, 2.0, 1.0, 2.0]
    complete = ahp_eigen(consistent_matrix(true))
    # a spanning tree: 0-1, 1-2, 1-3, 3-4 (each item reached, no cycle)
    tree = [(0, 1, 4 / 3), (1, 2, 3 / 2), (3, 1, 1 / 3), (3, 4, 1 / 2)]
    result = ahp_incomplete(5, tree)
    assert result.weights == pytest.approx(complete.weights, abs=1e-12)
    assert result.cr == pytest.approx(0.0, abs=1e-10)
    assert [(p.i, p.j) for p in result.inconsistent_pairs] == [(0, 1), (1, 2), (1, 3), (3, 4)]


def test_incomplete_with_every_pair_is_the_geometric_mean() -> None:
    pairs = [(i, j, HOUSE_MATRIX[i, j]) for i, j in itertools.combinations(range(8), 2)]
    incomplete = ahp_incomplete(8, pairs)
    geometric = ahp_geometric(HOUSE_MATRIX)
    assert incomplete.weights == pytest.approx(geometric.weights, abs=1e-12)
    assert incomplete.lambda_max == pytest.approx(geometric.lambda_max, abs=1e-10)
    assert incomplete.cr == pytest.approx(geometric.cr, abs=1e-10)


def test_incomplete_inconsistent_matches_an_independent_least_squares() -> None:
    """Least squares on log ratios, solved here with x_0 = 0 instead of sum x = 0."""
    pairs = [(0, 1, 3.0), (1, 2, 2.0), (0, 2, 9.0), (2, 3, 1 / 2), (1, 3, 1.0)]
    design = np.zeros((len(pairs), 3))
    target = np.zeros(len(pairs))
    for row, (i, j, a) in enumerate(pairs):
        for item, sign in ((i, 1.0), (j, -1.0)):
            if item > 0:  # x_0 = 0: item 0 has no column
                design[row, item - 1] = sign
        target[row] = math.log(a)
    x = np.concatenate([[0.0], scipy.linalg.lstsq(design, target)[0]])
    expected = np.exp(x) / np.exp(x).sum()
    result = ahp_incomplete(4, pairs)
    assert result.weights == pytest.approx(expected, abs=1e-12)
    # the completed matrix: missing pair (0, 3) filled from the weights
    completed = expected[:, None] / expected[None, :]
    for i, j, a in pairs:
        completed[i, j], completed[j, i] = a, 1 / a
    lam = float(np.mean(completed @ expected / expected))
    assert result.lambda_max == pytest.approx(lam, abs=1e-10)
    assert result.cr == pytest.approx((lam - 4) / 3 / 0.90, abs=1e-10)
    assert result.cr is not None and result.cr > 0
    assert len(result.inconsistent_pairs) == 5


def test_incomplete_refuses_disconnected_judgements() -> None:
    with pytest.raises(DisconnectedComparisonsError) as caught:
        ahp_incomplete(5, [(0, 1, 3.0), (3, 4, 2.0), (1, 0, 1 / 3)])
    assert caught.value.groups == [[0, 1], [2], [3, 4]]
    assert "{0, 1} | {2} | {3, 4}" in str(caught.value)
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ValueError, match="groups"):
        ahp_incomplete(2, [])


def test_one_and_two_items() -> None:
    single = ahp_incomplete(1, [])
    assert single.weights.tolist() == [1.0]
    assert (single.ci, single.cr) == (0.0, 0.0)
    assert ahp_eigen([[1.0]]).cr == 0.0
    pair = ahp_eigen(ahp_matrix(2, [(0, 1, 7.0)]))
    assert pair.weights == pytest.approx([7 / 8, 1 / 8])
    assert pair.cr == 0.0


def test_a_perturbed_judgement_is_reported_first() -> None:
    true = [5.0, 4.0, 3.0, 2.0, 1.0]
    pairs = [(i, j, true[i] / true[j]) for i, j in itertools.combinations(range(5), 2)]
    pairs[pairs.index((1, 3, 2.0))] = (1, 3, 6.0)  # consistent value 2
    for result in (ahp_eigen(ahp_matrix(5, pairs)), ahp_incomplete(5, pairs)):
        assert (result.inconsistent_pairs[0].i, result.inconsistent_pairs[0].j) == (1, 3)
        assert result.inconsistent_pairs[0].given == 6.0
        assert result.cr is not None and result.cr > 0


def test_random_index_table() -> None:
    assert RANDOM_INDEX[:10] == (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
    assert RANDOM_INDEX[10:] == (1.51, 1.48, 1.56, 1.57, 1.59)
    assert random_index(3) == 0.58
    assert random_index(16) is None
    big = ahp_eigen(consistent_matrix([float(k) for k in range(1, 17)]))
    assert big.cr is None
    assert big.ci == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize(
    ("n", "pairs", "message"),
    [
        (3, [(0, 1, 10.0)], "Saaty's scale"),
        (3, [(0, 1, 0.1)], "Saaty's scale"),
        (3, [(0, 1, 0.0)], "Saaty's scale"),
        (3, [(0, 1, float("inf"))], "Saaty's scale"),
        (3, [(0, 0, 1.0)], "with itself"),
        (3, [(0, 3, 2.0)], "out of range"),
        (3, [(-1, 1, 2.0)], "out of range"),
        (3, [(0, 1, 3.0), (1, 0, 2.0)], "contradicts judgement 1"),
        (3, [(0, 1, 3.0), (0, 1, 5.0)], "contradicts judgement 1"),
        (0, [], "at least|>= 1"),
        (3, [(0, 1, 3.0), (1, 2, 2.0)], r"not compared: \(0, 2\)"),
    ],
)
def test_ahp_matrix_refuses(n: int, pairs: list[tuple[int, int, float]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ahp_matrix(n, pairs)


def test_ahp_matrix_accepts_agreeing_repeats_and_rounded_reciprocals() -> None:
    matrix = ahp_matrix(3, [(0, 1, 3.0), (1, 0, 0.333), (1, 2, 9.0), (0, 2, 0.111)])
    assert matrix[0, 1] == 3.0 and matrix[1, 0] == pytest.approx(1 / 3)
    assert matrix[0, 2] == 0.111


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1.0, 2.0]], "square"),
        ([[1.0, 2.0], [2.0, 1.0]], "not reciprocal"),
        ([[1.0, -2.0], [-0.5, 1.0]], "positive"),
        ([[1.0, np.nan], [np.nan, 1.0]], "positive finite"),
        ([[2.0, 1.0], [1.0, 1.0]], "not reciprocal"),
    ],
)
def test_ahp_eigen_refuses_bad_matrices(matrix: list[list[float]], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ahp_eigen(matrix)
    with pytest.raises(ValueError, match=message):
        ahp_geometric(matrix)


positive_vectors = st.lists(st.floats(1.0, 9.0, allow_nan=False), min_size=1, max_size=9)


@SETTINGS
@given(positive_vectors)
def test_consistent_matrix_recovers_any_positive_vector(raw: list[float]) -> None:
    true = np.asarray(raw) / sum(raw)
    matrix = consistent_matrix(raw)
    for result in (ahp_eigen(matrix), ahp_geometric(matrix)):
        assert result.weights == pytest.approx(true, rel=1e-9)
        assert result.cr == pytest.approx(0.0, abs=1e-9)
    # every ratio lies in [1/9, 9], so the judgements also go through ahp_incomplete
    chain = [(k, k + 1, raw[k] / raw[k + 1]) for k in range(len(raw) - 1)]
    assert ahp_incomplete(len(raw), chain).weights == pytest.approx(true, rel=1e-9)


# --------------------------------------------------------------------------------------
# Entropy
# --------------------------------------------------------------------------------------

# Xu, X. (2004), "A note on the subjective and objective integrated approach to determine
# attribute weights", EJOR 156(2), 530-532: four alternatives, four benefit attributes.
# Published entropy weights 0.4630, 0.3992, 0.1378, 0.0000 (as used in the test suite of
# the pyrepo-mcda package, which cites the paper).
XU_2004 = [[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]]

# Zavadskas, E. K. & Podvezko, V. (2016), "Integrated determination of objective criteria
# weights in MCDM", IJITDM 15(2), 267-283: entropy of the raw scores, 0.1146, 0.1981,
# 0.4185, 0.2689 (criteria 1 and 3 are costs, but the paper measures the raw values from 0).
ZAVADSKAS_2016 = [[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]]


def plain_entropy_weights(columns: list[list[float]]) -> list[float]:
    """Entropy weights of raw non-negative columns, in plain Python."""
    divergences = []
    for column in columns:
        total = sum(column)
        p = [v / total for v in column]
        e = -sum(pi * math.log(pi) for pi in p if pi > 0) / math.log(len(column))
        divergences.append(1 - e)
    return [d / sum(divergences) for d in divergences]


def test_entropy_reproduces_xu_2004() -> None:
    weights = entropy_weights(XU_2004, [0] * 4, [100] * 4, [True] * 4)
    assert np.round(weights, 4).tolist() == [0.4630, 0.3992, 0.1378, 0.0000]
    columns = [list(map(float, c)) for c in zip(*XU_2004, strict=True)]
    assert weights == pytest.approx(plain_entropy_weights(columns), abs=1e-14)


def test_entropy_reproduces_zavadskas_and_podvezko_2016_on_raw_values() -> None:
    weights = entropy_weights(ZAVADSKAS_2016, [0] * 4, [200] * 4, [True] * 4)
    assert np.round(weights, 4).tolist() == [0.1146, 0.1981, 0.4185, 0.2689]


def test_entropy_measures_cost_criteria_from_the_worst_end() -> None:
    scores = np.array([[1.0, 4.0], [2.0, 2.0], [5.0, 0.0], [3.0, 1.0]])
    lows, highs = [0.0, 0.0], [5.0, 5.0]
    weights = entropy_weights(scores, lows, highs, [True, False])
    # plain Python: the cost column becomes 5 - x
    expected = plain_entropy_weights([[1, 2, 5, 3], [1, 3, 5, 4]])
    assert weights == pytest.approx(expected, abs=1e-14)
    # a cost criterion recoded as benefit (x -> low + high - x) keeps its weight
    recoded = scores.copy()
    recoded[:, 1] = 5.0 - recoded[:, 1]
    assert entropy_weights(recoded, lows, highs, [True, True]) == pytest.approx(weights)


def test_entropy_scale_with_negative_low() -> None:
    scores = np.array([[-2.0, 1.0], [0.0, 3.0], [2.0, 2.0]])
    weights = entropy_weights(scores, [-2.0, 0.0], [2.0, 5.0], [True, True])
    assert weights == pytest.approx(plain_entropy_weights([[0, 2, 4], [1, 3, 2]]), abs=1e-14)


def test_entropy_zeros_and_constant_columns() -> None:
    # a column with zeros (0 ln 0 = 0); a constant column; a column all at the worst end
    scores = np.array([[0.0, 3.0, 0.0], [5.0, 3.0, 0.0], [0.0, 3.0, 0.0]])
    weights = entropy_weights(scores, [0] * 3, [5] * 3, [True] * 3)
    assert weights.tolist() == [1.0, 0.0, 0.0]
    # nothing varies: equal weights
    assert entropy_weights([[1.0, 2.0], [1.0, 2.0]], [0, 0], [5, 5], [True, False]).tolist() == [0.5, 0.5]
    # a single option carries no information either
    assert entropy_weights([[1.0, 2.0, 3.0]], [0] * 3, [5] * 3, [True] * 3) == pytest.approx([1 / 3] * 3)


@SETTINGS
@given(
    st.integers(2, 6).flatmap(
        lambda m: st.lists(
            st.tuples(
                st.lists(st.floats(0.0, 10.0), min_size=m, max_size=m),
                st.floats(0.01, 100.0),
                st.booleans(),
            ),
            min_size=1,
            max_size=5,
        )
    )
)
def test_scaling_scores_does_not_change_entropy_weights(
    columns: list[tuple[list[float], float, bool]],
) -> None:
    scores = np.array([column for column, _, _ in columns]).T
    factors = np.array([factor for _, factor, _ in columns])
    benefit = [flag for _, _, flag in columns]
    lows, highs = np.zeros(len(columns)), np.full(len(columns), 10.0)
    weights = entropy_weights(scores, lows, highs, benefit)
    scaled = entropy_weights(scores * factors, lows * factors, highs * factors, benefit)
    assert scaled == pytest.approx(weights, abs=1e-9)
    assert weights.sum() == pytest.approx(1.0)
    # benefit criteria on a scale starting at 0: the scores alone may be rescaled
    only_benefit = entropy_weights(
        scores * factors, lows, highs * np.maximum(factors, 1), [True] * len(columns)
    )
    assert only_benefit == pytest.approx(
        entropy_weights(scores, lows, highs, [True] * len(columns)), abs=1e-9
    )


# --------------------------------------------------------------------------------------
# CRITIC
# --------------------------------------------------------------------------------------

# Diakoulaki, D., Mavrotas, G. & Papayannakis, L. (1995), "Determining objective weights in
# multiple criteria problems: the CRITIC method", Computers & Operations Research 22(7),
# 763-770: eight alternatives, three benefit criteria (data as transcribed in the test suite
# of scikit-criteria, which cites the paper and expects 0.20222554, 0.48090173, 0.31687273).
# The paper's own results table could not be consulted here, so the expectation is computed
# below in plain Python from the paper's definitions and checked against those figures.
DIAKOULAKI_1995 = [
    [61, 1.08, 4.33],
    [20.7, 0.26, 4.34],
    [16.3, 1.98, 2.53],
    [9.0, 3.29, 1.65],
    [5.4, 2.77, 2.33],
    [4.0, 4.12, 1.21],
    [-6.1, 3.52, 2.10],
    [-34.6, 3.31, 0.98],
]

# Tuş, A. & Aytaç Adalı, E. (2019), "The new combination with CRITIC and WASPAS methods for
# the time and attendance software selection problem", OPSEARCH 56(2), 528-538: five
# alternatives, six criteria; CRITIC weights 0.157, 0.249, 0.168, 0.121, 0.154, 0.151 as
# quoted in the pyrepo-mcda test suite. Those figures come from normalising every column,
# the price column included, as benefit; with price as a cost they would differ.
TUS_2019 = [
    [5000, 3, 3, 4, 3, 2],
    [680, 5, 3, 2, 2, 1],
    [2000, 3, 2, 3, 4, 3],
    [600, 4, 3, 1, 2, 2],
    [800, 2, 4, 3, 3, 4],
]


def plain_critic_weights(columns: list[list[float]], benefit: list[bool]) -> list[float]:
    """CRITIC in plain Python: min-max normalise, stdev, Pearson correlation, C, weights."""
    normalised = []
    for column, is_benefit in zip(columns, benefit, strict=True):
        lo, hi = min(column), max(column)
        normalised.append([(v - lo) / (hi - lo) if is_benefit else (hi - v) / (hi - lo) for v in column])
    sigma = [statistics.stdev(column) for column in normalised]
    information = [
        sigma[j] * sum(1 - statistics.correlation(normalised[j], other) for other in normalised)
        for j in range(len(columns))
    ]
    return [c / sum(information) for c in information]


def test_critic_reproduces_diakoulaki_1995() -> None:
    weights = critic_weights(DIAKOULAKI_1995, [-50, 0, 0], [100, 5, 5], [True] * 3)
    columns = [list(map(float, c)) for c in zip(*DIAKOULAKI_1995, strict=True)]
    assert weights == pytest.approx(plain_critic_weights(columns, [True] * 3), abs=1e-14)
    assert weights == pytest.approx([0.20222554, 0.48090173, 0.31687273], abs=1e-8)
    assert np.round(weights, 3).tolist() == [0.202, 0.481, 0.317]


def test_critic_reproduces_tus_and_aytac_adali_2019() -> None:
    lows, highs = [0] + [1] * 5, [10000] + [5] * 5
    weights = critic_weights(TUS_2019, lows, highs, [True] * 6)
    assert np.round(weights, 3).tolist() == [0.157, 0.249, 0.168, 0.121, 0.154, 0.151]
    # with price normalised as a cost the weights differ; the plain computation still agrees
    cost_first = [False] + [True] * 5
    columns = [list(map(float, c)) for c in zip(*TUS_2019, strict=True)]
    assert critic_weights(TUS_2019, lows, highs, cost_first) == pytest.approx(
        plain_critic_weights(columns, cost_first), abs=1e-14
    )


def test_critic_constant_column_gets_zero_and_changes_nothing_else() -> None:
    base = np.array(DIAKOULAKI_1995, dtype=np.float64)
    with_constant = np.column_stack([base[:, :1], np.full(8, 2.0), base[:, 1:]])
    lows, highs = [-50, 0, 0, 0], [100, 5, 5, 5]
    weights = critic_weights(with_constant, lows, highs, [True, False, True, True])
    assert weights[1] == 0.0
    expected = critic_weights(base, [-50, 0, 0], [100, 5, 5], [True] * 3)
    assert np.delete(weights, 1) == pytest.approx(expected, abs=1e-14)


def test_critic_degenerate_cases() -> None:
    # nothing varies, or a single option: equal weights
    assert critic_weights([[1.0, 2.0], [1.0, 2.0]], [0, 0], [5, 5], [True, True]).tolist() == [0.5, 0.5]
    assert critic_weights([[1.0, 2.0]], [0, 0], [5, 5], [True, True]).tolist() == [0.5, 0.5]
    # one varying criterion and one constant: all the weight goes to the varying one
    assert critic_weights([[1.0, 2.0], [3.0, 2.0]], [0, 0], [5, 5], [True, True]).tolist() == [1.0, 0.0]


def test_critic_direction_and_affine_invariance() -> None:
    scores = np.array([[1.0, 4.0, 2.0], [2.0, 2.0, 5.0], [5.0, 0.0, 1.0], [3.0, 1.0, 3.0]])
    lows, highs = [0.0] * 3, [5.0] * 3
    weights = critic_weights(scores, lows, highs, [True, False, True])
    recoded = scores.copy()
    recoded[:, 1] = 5.0 - recoded[:, 1]
    assert critic_weights(recoded, lows, highs, [True, True, True]) == pytest.approx(weights, abs=1e-14)
    shifted = scores * [2.0, 1.0, 10.0] + [1.0, 0.0, -3.0]
    assert critic_weights(shifted, [0, 0, -100], [100, 5, 100], [True, False, True]) == pytest.approx(
        weights, abs=1e-14
    )


# --------------------------------------------------------------------------------------
# Input checks shared by the objective methods
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("function", [entropy_weights, critic_weights])
@pytest.mark.parametrize(
    ("scores", "lows", "highs", "benefit", "message"),
    [
        ([1.0, 2.0], [0], [5], [True], "matrix"),
        ([[1.0, 2.0]], [0], [5], [True], "lows must have one entry per criterion"),
        ([[1.0, 2.0]], [0, 0], [5, 5], [1, 0], "booleans"),
        ([[1.0, 2.0]], [0, 5], [5, 5], [True, True], "low < high"),
        (
            [[1.0, 7.0]],
            [0, 0],
            [5, 5],
            [True, True],
            r"option 0, criterion 1: 7 is outside the scale \[0, 5\]",
        ),
        ([[1.0, np.nan]], [0, 0], [5, 5], [True, True], "not a finite number"),
        ([[1.0, 2.0]], [0, 0], [5, np.inf], [True, True], "finite"),
    ],
)
def test_objective_weights_refuse_bad_input(
    function: Callable[..., np.ndarray],
    scores: object,
    lows: object,
    highs: object,
    benefit: object,
    message: str,
) -> None:
    with pytest.raises(ValueError, match=message):
        function(scores, lows, highs, benefit)
