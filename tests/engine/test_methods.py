"""The four methods against hand-worked examples (every expected number derived in the comments)."""

from __future__ import annotations

import math
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import decisiontool.engine.promethee as promethee_module
from decisiontool.engine import METHODS, CriteriaArrays, vikor_conditions
from decisiontool.engine.methods import promethee2, topsis, vikor, wsm
from decisiontool.engine.promethee import preference_degree
from decisiontool.engine.values import PREFERENCE_CODES, values


def simple(n: int, benefit: list[bool] | None = None) -> CriteriaArrays:
    return CriteriaArrays.simple([0.0] * n, [5.0] * n, benefit or [True] * n)


def test_wsm_hand_example() -> None:
    # scale 0-5; values: benefit x/5, cost (5 - x)/5
    # A = (5, 0, 1): values (1, 0, 0.8); B = (0, 5, 4): values (0, 1, 0.2)
    # w = (0.5, 0.3, 0.2): A = 0.5 + 0 + 0.16 = 0.66; B = 0 + 0.3 + 0.04 = 0.34
    criteria = simple(3, [True, True, False])
    scores = np.array([[5.0, 0.0, 1.0], [0.0, 5.0, 4.0]])
    result = wsm(scores, np.array([0.5, 0.3, 0.2]), criteria)
    assert result.score == pytest.approx([0.66, 0.34])
    assert result.contributions is not None
    assert result.contributions[0] == pytest.approx([0.5, 0.0, 0.16])
    assert result.contributions.sum(axis=1) == pytest.approx(result.score)


def test_value_function_piecewise_linear() -> None:
    # value function (0, 0), (2, 0.6), (5, 1): a score of 1 is worth 0.3, of 3.5 is 0.8
    criteria = CriteriaArrays.simple([0.0], [5.0], [True])
    points = (np.array([0.0, 2.0, 5.0]), np.array([0.0, 0.6, 1.0]))
    criteria = CriteriaArrays(**{**criteria.__dict__, "value_points": (points,)})
    assert values(np.array([[1.0], [3.5], [5.0]]), criteria)[:, 0] == pytest.approx([0.3, 0.8, 1.0])


def test_topsis_hand_example() -> None:
    # X = (1,2), (2,1), (3,3), both benefit, w = (0.5, 0.5). Both column norms are sqrt(14),
    # so v = c * x with c = 0.5/sqrt(14). Ideal = c(3,3), anti-ideal = c(1,1).
    # A(1,2): d+ = c*sqrt(4+1) = c*sqrt5, d- = c*sqrt(0+1) = c -> 1/(1+sqrt5) = 0.309017
    # B(2,1): the mirror image, also 0.309017; C(3,3) is the ideal: d+ = 0 -> 1.
    result = topsis(np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 3.0]]), np.array([0.5, 0.5]), simple(2))
    expected = 1 / (1 + math.sqrt(5))
    assert result.score == pytest.approx([expected, expected, 1.0])


def test_topsis_cost_criterion() -> None:
    # one benefit (x) and one cost (y) criterion, w = (0.5, 0.5), options (1,1), (2,2), (2,1)
    # norms: col1 sqrt(1+4+4) = 3, col2 sqrt(1+4+1) = sqrt6; v1 = x/6, v2 = y/(2 sqrt6)
    # ideal = (2/6, 1/(2 sqrt6)) (max benefit, min cost); anti = (1/6, 2/(2 sqrt6))
    # option (2,1) is the ideal -> 1; option (1,1): d+ = 1/6, d- = 1/(2 sqrt6) -> d-/(d+ + d-)
    criteria = simple(2, [True, False])
    result = topsis(np.array([[1.0, 1.0], [2.0, 2.0], [2.0, 1.0]]), np.array([0.5, 0.5]), criteria)
    d_plus, d_minus = 1 / 6, 1 / (2 * math.sqrt(6))
    assert result.score[0] == pytest.approx(d_minus / (d_plus + d_minus))
    assert result.score[1] == pytest.approx(d_plus / (d_plus + d_minus))  # the mirror case
    assert result.score[2] == pytest.approx(1.0)


def test_topsis_all_equal_scores_half() -> None:
    result = topsis(np.array([[2.0, 3.0], [2.0, 3.0]]), np.array([0.5, 0.5]), simple(2))
    assert result.score == pytest.approx([0.5, 0.5])


def test_vikor_hand_example() -> None:
    # X = (5,1), (3,3), (1,5), both benefit, w = (0.5, 0.5): f* = (5,5), f- = (1,1).
    # terms w(f* - x)/(f* - f-): A (0, 0.5), B (0.25, 0.25), C (0.5, 0)
    # S = 0.5 for all (so its term of Q is 0); R = (0.5, 0.25, 0.5): R* = 0.25, R- = 0.5
    # Q = 0.5 * (R - 0.25)/0.25 = (0.5, 0, 0.5)
    result = vikor(np.array([[5.0, 1.0], [3.0, 3.0], [1.0, 5.0]]), np.array([0.5, 0.5]), simple(2), 0.5)
    assert result.extras["S"] == pytest.approx([0.5, 0.5, 0.5])
    assert result.extras["R"] == pytest.approx([0.5, 0.25, 0.5])
    assert result.score == pytest.approx([0.5, 0.0, 0.5])
    # DQ = 1/(3-1) = 0.5 and Q2 - Q1 = 0.5: advantage holds; B has the lowest R: stable
    conditions = vikor_conditions(result.extras["Q"], result.extras["S"], result.extras["R"])
    assert conditions.acceptable_advantage and conditions.acceptable_stability
    assert conditions.compromise_set == (1,)


def test_vikor_compromise_set_when_advantage_fails() -> None:
    # Q = (0, 0.2, 0.9, 1) with m = 4: DQ = 1/3; Q2 - Q1 = 0.2 < 1/3 -> fails;
    # compromise set: every option with Q - Q1 < 1/3: the first two
    q = np.array([0.0, 0.2, 0.9, 1.0])
    conditions = vikor_conditions(q, np.array([0.1, 0.2, 0.8, 0.9]), np.array([0.1, 0.2, 0.5, 0.6]))
    assert not conditions.acceptable_advantage
    assert conditions.compromise_set == (0, 1)


def test_vikor_compromise_set_when_stability_fails() -> None:
    # first by Q (index 0) is neither first by S nor by R: the set is the first two by Q
    q = np.array([0.0, 0.6, 1.0])
    conditions = vikor_conditions(q, np.array([0.3, 0.2, 0.9]), np.array([0.3, 0.1, 0.5]))
    assert conditions.acceptable_advantage and not conditions.acceptable_stability
    assert conditions.compromise_set == (0, 1)


def test_promethee_usual_hand_example() -> None:
    # one criterion, usual: x = 1, 2, 3 -> pi(3, .) = 1 for both others
    # phi+ = (0, 1, 2)/2, phi- = (2, 1, 0)/2, phi = (-1, 0, 1)
    result = promethee2(np.array([[1.0], [2.0], [3.0]]), np.array([1.0]), simple(1))
    assert result.extras["phi_plus"] == pytest.approx([0.0, 0.5, 1.0])
    assert result.extras["phi_minus"] == pytest.approx([1.0, 0.5, 0.0])
    assert result.score == pytest.approx([-1.0, 0.0, 1.0])


def test_promethee_linear_and_cost() -> None:
    # criterion 1 linear q=0, p=2 on x = (0, 1, 3): P(b,a) = 0.5, P(c,a) = 1, P(c,b) = 1
    # phi1+ = (0, 0.25, 1), phi1- = (0.75, 0.5, 0) -> phi1 = (-0.75, -0.25, 1)
    # criterion 2 cost, usual, y = (1, 1, 2): a and b beat c -> phi2 = (0.5, 0.5, -1)
    # w = (0.5, 0.5): phi = (-0.125, 0.125, 0)
    criteria = simple(2, [True, False])
    criteria = CriteriaArrays(
        **{
            **criteria.__dict__,
            "preference": np.array([PREFERENCE_CODES["linear"], 0]),
            "q": np.array([0.0, np.nan]),
            "p": np.array([2.0, np.nan]),
        }
    )
    scores = np.array([[0.0, 1.0], [1.0, 1.0], [3.0, 2.0]])
    result = promethee2(scores, np.array([0.5, 0.5]), criteria)
    assert result.score == pytest.approx([-0.125, 0.125, 0.0])


@pytest.mark.parametrize(
    ("function", "q", "p", "s", "d", "expected"),
    [
        ("usual", 0, 0, 0, [-1, 0, 0.001, 3], [0, 0, 1, 1]),
        ("u-shape", 1, 0, 0, [0.5, 1, 1.001], [0, 0, 1]),
        ("v-shape", 0, 2, 0, [-1, 0, 1, 2, 3], [0, 0, 0.5, 1, 1]),
        ("level", 1, 2, 0, [0, 1, 1.5, 2, 2.5], [0, 0, 0.5, 0.5, 1]),
        ("linear", 1, 3, 0, [1, 2, 3, 4], [0, 0.5, 1, 1]),
        ("gaussian", 0, 0, 1, [-1, 0, 1], [0, 0, 1 - math.exp(-0.5)]),
    ],
)
def test_preference_function_boundaries(
    function: str, q: float, p: float, s: float, d: list[float], expected: list[float]
) -> None:
    degree = preference_degree(np.array(d, dtype=float), PREFERENCE_CODES[function], q, p, s)
    assert degree == pytest.approx(expected)


@pytest.mark.parametrize("method", list(METHODS))
def test_one_option_ranks_first(method: str) -> None:
    result = METHODS[method](np.array([[3.0, 2.0]]), np.array([0.5, 0.5]), simple(2))
    expected = {"wsm": 0.5, "topsis": 0.5, "vikor": 0.0, "promethee2": 0.0}[method]
    assert result.score == pytest.approx([expected])


@pytest.mark.parametrize("method", list(METHODS))
def test_batches_equal_single_runs(method: str) -> None:
    rng = np.random.default_rng(3)
    scores = rng.uniform(0, 5, size=(4, 6, 3))
    weights = rng.dirichlet(np.ones(3), size=4)
    criteria = simple(3, [True, False, True])
    batched = METHODS[method](scores, weights, criteria).score
    for k in range(4):
        assert batched[k] == pytest.approx(METHODS[method](scores[k], weights[k], criteria).score)


@pytest.mark.parametrize("method", list(METHODS))
def test_one_score_matrix_against_many_weight_vectors(method: str) -> None:
    # (m, n) scores with (k, n) weights: each row of the result is the single run
    rng = np.random.default_rng(5)
    scores = rng.uniform(0, 5, size=(5, 3))
    weights = rng.dirichlet(np.ones(3), size=4)
    criteria = simple(3, [True, False, True])
    batched = METHODS[method](scores, weights, criteria).score
    assert batched.shape == (4, 5)
    for k in range(4):
        assert batched[k] == pytest.approx(METHODS[method](scores, weights[k], criteria).score)


# --- the sorted-column PROMETHEE flows against a plain pairwise computation ----------------

HALF_STEPS = st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0])


def pairwise_flows(
    scores: np.ndarray, weights: np.ndarray, criteria: CriteriaArrays
) -> tuple[np.ndarray, np.ndarray]:
    """O(m^2) phi+ and phi- straight from docs/methods.md, independent of the module."""
    m, n = scores.shape[-2], scores.shape[-1]
    batch = np.broadcast_shapes(scores.shape[:-2], weights.shape[:-1])
    plus, minus = np.zeros((*batch, m)), np.zeros((*batch, m))
    for j in range(n):
        d = scores[..., :, None, j] - scores[..., None, :, j]
        if not criteria.benefit[j]:
            d = -d
        q, p, s = criteria.q[j], criteria.p[j], criteria.s[j]
        code = int(criteria.preference[j])
        if code == 0:
            pref = np.where(d > 0, 1.0, 0.0)
        elif code == 1:
            pref = np.where(d > q, 1.0, 0.0)
        elif code == 2:
            pref = np.where(d > p, 1.0, np.where(d > 0, d / p, 0.0))
        elif code == 3:
            pref = np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
        elif code == 4:
            pref = np.where(d > p, 1.0, np.where(d > q, (d - q) / (p - q), 0.0))
        else:
            pref = np.where(d > 0, 1.0 - np.exp(-(d**2) / (2 * s * s)), 0.0)
        plus = plus + weights[..., j, None] * pref.sum(axis=-1)
        minus = minus + weights[..., j, None] * pref.sum(axis=-2)
    if m > 1:
        plus, minus = plus / (m - 1), minus / (m - 1)
    return plus, minus


@st.composite
def promethee_cases(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, CriteriaArrays]:
    m = draw(st.integers(1, 7))
    n = draw(st.integers(1, 6))
    score_batch = draw(st.sampled_from([(), (3,), (2, 1)]))
    weight_batch = draw(st.sampled_from([(), (1,), (2, 3) if score_batch == (2, 1) else (3,)]))
    codes, qs, ps, ss = [], [], [], []
    for _ in range(n):
        code = draw(st.integers(0, 5))
        q, p = draw(HALF_STEPS), draw(HALF_STEPS)
        if code in (3, 4):
            q, p = min(q, p), max(q, p)
            if q == p:
                p = q + 0.5
        if code == 2 and p == 0:
            p = 1.5
        codes.append(code)
        qs.append(q if code in (1, 3, 4) else np.nan)
        ps.append(p if code in (2, 3, 4) else np.nan)
        ss.append(draw(st.sampled_from([0.5, 1.0, 2.0])) if code == 5 else np.nan)
    benefit = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    # a half-integer grid on a few points: ties and differences exactly at q and p
    grid = draw(
        st.lists(
            st.integers(0, 8),
            min_size=m * n * max(1, int(np.prod(score_batch))),
            max_size=m * n * max(1, int(np.prod(score_batch))),
        )
    )
    scores = np.array(grid, dtype=float).reshape(*score_batch, m, n) * 0.5
    raw = draw(
        st.lists(
            st.integers(0, 10),
            min_size=n * max(1, int(np.prod(weight_batch))),
            max_size=n * max(1, int(np.prod(weight_batch))),
        )
    )
    weights = np.array(raw, dtype=float).reshape(*weight_batch, n) / 10.0
    base = CriteriaArrays.simple([0.0] * n, [4.0] * n, benefit)
    criteria = CriteriaArrays(
        **{
            **base.__dict__,
            "preference": np.array(codes, dtype=np.intp),
            "q": np.array(qs),
            "p": np.array(ps),
            "s": np.array(ss),
        }
    )
    return scores, weights, criteria


@settings(max_examples=400, deadline=None)
@given(promethee_cases())
def test_promethee_flows_equal_pairwise_reference(
    case: tuple[np.ndarray, np.ndarray, CriteriaArrays],
) -> None:
    scores, weights, criteria = case
    # every function but gaussian through the sorted-column path, whatever m
    with patch.dict(promethee_module.SORTED_FROM_M, dict.fromkeys(promethee_module.SORTED_FROM_M, 1)):
        result = promethee2(scores, weights, criteria)
    plus, minus = pairwise_flows(scores, weights, criteria)
    np.testing.assert_allclose(result.extras["phi_plus"], plus, rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.extras["phi_minus"], minus, rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.score, plus - minus, rtol=0, atol=1e-12)


@settings(max_examples=200, deadline=None)
@given(promethee_cases())
def test_promethee_pairwise_flows_in_blocks_of_one_row_equal_the_whole_matrix(
    case: tuple[np.ndarray, np.ndarray, CriteriaArrays],
) -> None:
    # every function pairwise (gaussian always is), one row of differences at a time: the
    # memory bound for many options must not change the flows
    scores, weights, criteria = case
    pairwise_always = dict.fromkeys(promethee_module.SORTED_FROM_M, 10**9)
    with (
        patch.dict(promethee_module.SORTED_FROM_M, pairwise_always),
        patch.object(promethee_module, "PAIRWISE_BLOCK_BYTES", 1),
    ):
        result = promethee2(scores, weights, criteria)
    plus, minus = pairwise_flows(scores, weights, criteria)
    np.testing.assert_allclose(result.extras["phi_plus"], plus, rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.extras["phi_minus"], minus, rtol=0, atol=1e-12)


@pytest.mark.parametrize("function", ["usual", "u-shape", "v-shape", "level", "linear"])
def test_promethee_flows_on_awkward_decimals(function: str) -> None:
    # decimal scores whose differences round on either side of q and p (0.3 - 0.1 < 0.2 in
    # floats): the steps must switch at the same pairs as the pairwise matrix
    rng = np.random.default_rng(11)
    scores = np.round(rng.uniform(0, 1, size=(20, 40, 1)), 1) + np.round(rng.uniform(0, 100, (20, 1, 1)))
    base = CriteriaArrays.simple([0.0], [200.0], [True])
    criteria = CriteriaArrays(
        **{
            **base.__dict__,
            "preference": np.array([PREFERENCE_CODES[function]]),
            "q": np.array([0.2]),
            "p": np.array([0.3]),
        }
    )
    weights = np.array([1.0])
    plus, minus = pairwise_flows(scores, weights, criteria)
    with patch.dict(promethee_module.SORTED_FROM_M, dict.fromkeys(promethee_module.SORTED_FROM_M, 1)):
        result = promethee2(scores, weights, criteria)
    np.testing.assert_allclose(result.extras["phi_plus"], plus, rtol=0, atol=1e-12)
    np.testing.assert_allclose(result.extras["phi_minus"], minus, rtol=0, atol=1e-12)


# --- weight-free preparation (issue 13) and extreme magnitudes (issue 17) ---------------------


def _textbook_topsis(scores: np.ndarray, weights: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Hwang & Yoon's steps in order: normalise, weight, ideal/anti-ideal, distances."""
    weighted = scores / np.sqrt((scores**2).sum(axis=0)) * weights
    ideal = np.where(benefit, weighted.max(axis=0), weighted.min(axis=0))
    anti = np.where(benefit, weighted.min(axis=0), weighted.max(axis=0))
    d_plus = np.sqrt(((weighted - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((weighted - anti) ** 2).sum(axis=1))
    result: np.ndarray = d_minus / (d_plus + d_minus)
    return result


@pytest.mark.parametrize("method_id", ["topsis", "vikor"])
def test_split_many_equals_one_weighting_at_a_time(method_id: str) -> None:
    rng = np.random.default_rng(41)
    criteria = simple(4, [True, False, True, False])
    draws = rng.uniform(0.5, 5.0, (6, 7, 4))
    weights = rng.dirichlet(np.ones(4), size=5)
    method = METHODS[method_id]
    assert method.split is not None
    many = method.split.many(method.split.prepare(draws, criteria), weights, 0.3)
    for k in range(6):
        for q in range(5):
            one = method(draws[k], weights[q], criteria, 0.3).score
            np.testing.assert_allclose(many[k, q], one, rtol=1e-12, atol=1e-12)
    if method_id == "topsis":
        expected = _textbook_topsis(draws[2], weights[1], criteria.benefit)
        np.testing.assert_allclose(many[2, 1], expected, rtol=1e-12)


def test_topsis_keeps_a_criterion_beyond_1e154() -> None:
    # Squaring 1e200 overflows; normalising each column first keeps it. Closeness is
    # invariant to scaling a column, so the huge column must give the result of the small one.
    small = np.array([[1.0, 3.0], [2.0, 1.0], [4.0, 2.0]])
    huge = small * np.array([1.0, 1e200])
    weights = np.array([0.5, 0.5])
    criteria = CriteriaArrays.simple([0.0, 0.0], [5.0, 5e200], [True, True])
    expected = _textbook_topsis(small, weights, np.array([True, True]))
    np.testing.assert_allclose(topsis(huge, weights, criteria).score, expected, rtol=1e-12)


def test_vikor_span_of_the_whole_float_range_does_not_overflow() -> None:
    # best - worst = 2e308 overflows to inf; the gaps of -1e308, 0, 1e308 are 1, 0.5, 0
    scores = np.array([[-1e308], [0.0], [1e308]])
    criteria = CriteriaArrays.simple([-1e308], [1e308], [True])
    result = vikor(scores, np.array([1.0]), criteria)
    assert result.extras["S"] == pytest.approx([1.0, 0.5, 0.0])
    assert np.isfinite(result.score).all()
