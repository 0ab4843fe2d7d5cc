"""Weight sweeps and critical weights against hand-worked cases and brute-force sweeps.

Every expected number is derived in the comments or computed by an independent brute force
(docs/json.md's sweep formula evaluated on a fine grid with the engine's methods and ranks).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from decisiontool.engine import METHODS, CriteriaArrays, batch_ranks, competition_ranks
from decisiontool.engine.sensitivity import (
    Critical,
    critical_weights,
    member_mask,
    sweep,
    swept_weights,
    tornado,
)
from decisiontool.engine.values import FloatArray

UNIT = CriteriaArrays.simple([0.0, 0.0], [1.0, 1.0], [True, True])
TWO_OPTIONS = np.array([[1.0, 0.0], [0.0, 1.0]])  # A = (1, 0), B = (0, 1)


def unit_criteria(n: int, benefit: list[bool] | None = None) -> CriteriaArrays:
    """n criteria on a 0-1 scale (values equal scores), benefit unless told."""
    return CriteriaArrays.simple([0.0] * n, [1.0] * n, benefit or [True] * n)


# --- swept weights -------------------------------------------------------------------------


def test_swept_weights_single_criterion_by_hand() -> None:
    # w = (0.5, 0.3, 0.2), sweep criterion 0: the others scale by (1 - t) / 0.5
    # t = 0.2 -> (0.2, 0.3 * 1.6, 0.2 * 1.6) = (0.2, 0.48, 0.32); t = 0 -> (0, 0.6, 0.4)
    rows = swept_weights(np.array([0.5, 0.3, 0.2]), 0, np.array([0.2, 0.0, 1.0, 0.5]))
    np.testing.assert_allclose(rows[0], [0.2, 0.48, 0.32])
    np.testing.assert_allclose(rows[1], [0.0, 0.6, 0.4])
    np.testing.assert_allclose(rows[2], [1.0, 0.0, 0.0])
    np.testing.assert_allclose(rows[3], [0.5, 0.3, 0.2])  # the current weight gives w back


def test_swept_weights_of_a_set_keep_proportions() -> None:
    # w = (0.4, 0.2, 0.4), set {0, 1} weighs 0.6 with proportions 2:1; at t = 0.3 the members
    # get (0.2, 0.1) and the lone other criterion 0.7
    rows = swept_weights(np.array([0.4, 0.2, 0.4]), [0, 1], np.array([0.3]))
    np.testing.assert_allclose(rows[0], [0.2, 0.1, 0.7])


def test_swept_weights_degenerate_cases_do_not_divide_by_zero() -> None:
    # the swept criterion holds all the weight: the others share 1 - t equally
    np.testing.assert_allclose(
        swept_weights(np.array([1.0, 0.0, 0.0]), 0, np.array([0.4]))[0], [0.4, 0.3, 0.3]
    )
    # the swept criterion weighs 0: the others keep proportions 1:1
    np.testing.assert_allclose(
        swept_weights(np.array([0.0, 0.5, 0.5]), 0, np.array([0.2]))[0], [0.2, 0.4, 0.4]
    )
    # a set whose members all weigh 0 shares the swept weight equally
    np.testing.assert_allclose(
        swept_weights(np.array([0.0, 0.0, 1.0]), [0, 1], np.array([0.5]))[0], [0.25, 0.25, 0.5]
    )
    # every criterion swept at once: nothing can move
    rows = swept_weights(np.array([0.25, 0.75]), [0, 1], np.array([0.0, 0.5, 1.0]))
    np.testing.assert_allclose(rows, [[0.25, 0.75]] * 3)


@settings(max_examples=60, deadline=None)
@given(
    weights=st.lists(st.floats(0.0, 10.0), min_size=2, max_size=6).filter(lambda w: sum(w) > 0.01),
    data=st.data(),
)
def test_swept_weights_sum_to_one_and_keep_proportions(weights: list[float], data: st.DataObject) -> None:
    w = np.array(weights)
    n = w.shape[0]
    mask = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    if not mask.any() or mask.all():
        mask = np.arange(n) == 0
    t = np.array(data.draw(st.lists(st.floats(0.0, 1.0), min_size=1, max_size=5)))
    rows = swept_weights(w, mask, t)
    assert np.all(rows >= 0)
    np.testing.assert_allclose(rows.sum(axis=1), 1.0)
    np.testing.assert_allclose(rows[:, mask].sum(axis=1), t, atol=1e-12)
    others = ~mask
    if w[others].sum() > 0:  # the others keep their proportions (docs/methods.md: w_j (1 - t) / (1 - W))
        expected = w[others] / w[others].sum() * (1 - t)[:, None]
        np.testing.assert_allclose(rows[:, others], expected, atol=1e-12)


def test_member_mask_rejects_bad_sets() -> None:
    with pytest.raises(ValueError):
        member_mask([], 3)
    with pytest.raises(ValueError):
        member_mask([3], 3)
    with pytest.raises(ValueError):
        member_mask(np.array([True, False]), 3)
    with pytest.raises(ValueError):
        sweep(TWO_OPTIONS, np.array([0.6, 0.4]), UNIT, METHODS["wsm"], 0, steps=1)


# --- sweeps --------------------------------------------------------------------------------


def test_sweep_two_options_by_hand() -> None:
    # wsm with values = scores: A = t, B = 1 - t while criterion 0 weighs t
    result = sweep(TWO_OPTIONS, np.array([0.6, 0.4]), UNIT, METHODS["wsm"], 0, steps=21)
    t = np.linspace(0, 1, 21)
    np.testing.assert_allclose(result.t, t)
    np.testing.assert_allclose(result.scores[:, 0], t)
    np.testing.assert_allclose(result.scores[:, 1], 1 - t)
    np.testing.assert_allclose(result.weights[:, 0], t)
    below, at, above = t < 0.5 - 1e-12, np.isclose(t, 0.5), t > 0.5 + 1e-12
    assert (result.ranks[below] == [2, 1]).all()
    assert (result.ranks[at] == [1, 1]).all()  # a tie shares the better rank
    assert (result.ranks[above] == [1, 2]).all()


def test_sweep_ranks_failing_options_last() -> None:
    # C = (1, 1) beats both everywhere but fails a minimum, so it ranks 3 at every step
    scores = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    fails = np.array([False, False, True])
    result = sweep(scores, np.array([0.6, 0.4]), UNIT, METHODS["wsm"], 0, steps=11, fails=fails)
    assert (result.ranks[:, 2] == 3).all()


def test_group_of_one_criterion_sweeps_like_the_criterion() -> None:
    rng = np.random.default_rng(3)
    scores = rng.random((4, 3))
    weights = np.array([0.2, 0.5, 0.3])
    criteria = unit_criteria(3)
    for method in METHODS.values():
        single = sweep(scores, weights, criteria, method, 1)
        group = sweep(scores, weights, criteria, method, np.array([False, True, False]))
        np.testing.assert_array_equal(single.scores, group.scores)
        np.testing.assert_array_equal(single.ranks, group.ranks)


@pytest.mark.parametrize("method_id", ["wsm", "promethee2"])
def test_group_sweep_equals_merged_criterion(method_id: str) -> None:
    # Criteria 0 and 1 carry identical scores. For methods additive over criteria, the group
    # {0, 1} at total weight t scores exactly like one merged criterion at weight t.
    rng = np.random.default_rng(4)
    column = rng.random((5, 1))
    third = rng.random((5, 1))
    scores = np.hstack([column, column, third])
    merged = np.hstack([column, third])
    method = METHODS[method_id]
    grouped = sweep(scores, np.array([0.1, 0.3, 0.6]), unit_criteria(3), method, [0, 1])
    single = sweep(merged, np.array([0.4, 0.6]), unit_criteria(2), method, 0)
    np.testing.assert_allclose(grouped.scores, single.scores, atol=1e-12)
    np.testing.assert_array_equal(grouped.ranks, single.ranks)


# --- critical weights: hand-worked cases ---------------------------------------------------


@pytest.mark.parametrize("method_id", list(METHODS))
def test_two_options_cross_at_one_half(method_id: str) -> None:
    # A = (1, 0), B = (0, 1), w = (0.6, 0.4); with w0 = t every method puts the crossing at 0.5:
    #   wsm: A = t, B = 1 - t.  promethee2: phi_A = t - (1 - t).
    #   topsis: both columns have norm 1; A's d- = t, d+ = 1 - t, so closeness_A = t, B = 1 - t.
    #   vikor: S_A = R_A = 1 - t, S_B = R_B = t; Q is 0 for the smaller, 1 for the larger.
    method = METHODS[method_id]
    critical = critical_weights(TWO_OPTIONS, np.array([0.6, 0.4]), UNIT, method, 0)
    assert critical.top == 0
    assert critical.weight == pytest.approx(0.6)
    assert critical.up is None
    assert critical.down is not None
    assert critical.down.new_top == 1
    assert critical.exact == method.exact_sensitivity
    tolerance = 1e-12 if method.exact_sensitivity else 1e-6
    assert critical.down.weight == pytest.approx(0.5, abs=tolerance)
    assert critical.margin == pytest.approx(0.1, abs=tolerance)
    # criterion 1 weighs 0.4: raising it to 0.5 hands the top to B
    other = critical_weights(TWO_OPTIONS, np.array([0.6, 0.4]), UNIT, method, 1)
    assert other.down is None
    assert other.up is not None
    assert other.up.new_top == 1
    assert other.up.weight == pytest.approx(0.5, abs=tolerance)


def test_first_crossing_need_not_be_with_the_runner_up() -> None:
    # wsm, w = (0.4, 0.6), criterion 0 at weight t (criterion 1 at 1 - t):
    #   A = (0.6, 0.6)   -> 0.6                 (top)
    #   B = (0.5, 0.62)  -> 0.62 - 0.12 t       (0.572 at t = 0.4: the runner-up)
    #   C = (0.8, 0.4)   -> 0.4 + 0.4 t         (0.56: third)
    #   D = (1.0, 0.0)   -> t                   (0.4: last, but the best at t = 1)
    # Up: B only falls; C reaches A at t = 0.5, D only at 0.6, so C takes over (not B, not D).
    # Down: C and D only fall; B reaches A at 0.62 - 0.12 t = 0.6, t = 1/6.
    scores = np.array([[0.6, 0.6], [0.5, 0.62], [0.8, 0.4], [1.0, 0.0]])
    critical = critical_weights(scores, np.array([0.4, 0.6]), UNIT, METHODS["wsm"], 0)
    assert critical.top == 0
    assert critical.up is not None and critical.down is not None
    assert critical.up.weight == pytest.approx(0.5)
    assert critical.up.new_top == 2
    assert critical.down.weight == pytest.approx(1 / 6)
    assert critical.down.new_top == 1
    # the sweep agrees: C is first just above 0.5, D first at t = 1
    ranks = sweep(scores, np.array([0.4, 0.6]), UNIT, METHODS["wsm"], 0, steps=101).ranks
    assert ranks[51, 2] == 1 and ranks[100, 3] == 1


def test_failing_option_never_takes_over() -> None:
    # C = (1, 1) would beat A and B everywhere, but it fails a minimum: the two-option answer holds
    scores = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    fails = np.array([False, False, True])
    for method in METHODS.values():
        critical = critical_weights(scores, np.array([0.6, 0.4]), UNIT, method, 0, fails=fails)
        assert critical.top == 0
        assert critical.down is not None and critical.down.new_top == 1
        assert critical.down.weight == pytest.approx(0.5, abs=1e-6)


def test_tie_at_current_weights_goes_to_the_first_in_rank_order() -> None:
    # w = (0.5, 0.5): A and B tie at 0.5. A (first in order) is the top; any decrease of w0
    # makes B strictly first, so critical_down is the current weight itself.
    critical = critical_weights(TWO_OPTIONS, np.array([0.5, 0.5]), UNIT, METHODS["wsm"], 0)
    assert critical.top == 0
    assert critical.up is None
    assert critical.down is not None
    assert critical.down.weight == pytest.approx(0.5)
    assert critical.down.new_top == 1
    assert critical.margin == pytest.approx(0.0)


def test_current_weight_one_is_handled() -> None:
    # w = (1, 0): no weight above 1; lowering w0 gives B the top at 0.5 (B = 1 - t)
    for method in METHODS.values():
        critical = critical_weights(TWO_OPTIONS, np.array([1.0, 0.0]), UNIT, method, 0)
        assert critical.weight == 1.0
        assert critical.up is None
        assert critical.down is not None
        assert critical.down.weight == pytest.approx(0.5, abs=1e-6)


def test_single_option_has_no_crossings() -> None:
    critical = critical_weights(np.array([[0.3, 0.9]]), np.array([0.5, 0.5]), UNIT, METHODS["topsis"], 0)
    assert critical == Critical(weight=0.5, top=0, up=None, down=None, exact=False)
    assert critical.margin is None


def test_tornado_orders_by_smallest_overturning_change() -> None:
    # wsm, w = (0.5, 0.3, 0.2), A = (1, 0, 0.6) scores 0.62, B = (0, 1, 0.6) scores 0.42.
    # c0 at t (others x (1 - t)/0.5): A - B = 1.6 t - 0.6 -> down at 0.375, margin 0.125.
    # c1 at t (others x (1 - t)/0.7): A - B = 5/7 (1 - t) - t -> up at 5/12, margin 5/12 - 0.3.
    # c2: A and B score the same on it, A - B = 0.25 (1 - t) > 0 below t = 1: never overturned.
    scores = np.array([[1.0, 0.0, 0.6], [0.0, 1.0, 0.6]])
    bars = tornado(scores, np.array([0.5, 0.3, 0.2]), unit_criteria(3), METHODS["wsm"])
    assert [bar.index for bar in bars] == [1, 0, 2]
    assert bars[0].critical.up is not None
    assert bars[0].critical.up.weight == pytest.approx(5 / 12)
    assert bars[0].critical.margin == pytest.approx(5 / 12 - 0.3)
    assert bars[1].critical.down is not None
    assert bars[1].critical.down.weight == pytest.approx(0.375)
    assert bars[2].critical.margin is None


def test_tornado_over_groups() -> None:
    # the same model with groups {0, 1} and {2}: the group {0, 1} at total t keeps 5:3
    # A = 5/8 t + 0.6 (1 - t), B = 3/8 t + 0.6 (1 - t): A ahead for every t > 0, so
    # only the way down to t = 0 ties them (never strictly): no crossing at all.
    scores = np.array([[1.0, 0.0, 0.6], [0.0, 1.0, 0.6]])
    bars = tornado(
        scores, np.array([0.5, 0.3, 0.2]), unit_criteria(3), METHODS["wsm"], member_sets=[[0, 1], [2]]
    )
    assert [bar.critical.margin for bar in bars] == [None, None]
    assert [bar.index for bar in bars] == [0, 1]


# --- critical weights against brute force --------------------------------------------------


def brute_force(
    scores: FloatArray,
    weights: FloatArray,
    criteria: CriteriaArrays,
    method_id: str,
    k: int,
    steps: int,
) -> tuple[tuple[float, int] | None, tuple[float, int] | None]:
    """The first grid weight above and the last below the current one at which the top is no
    longer first, with the option then first; the documented sweep formula on a fine grid."""
    method = METHODS[method_id]
    current = weights[k]
    order, _ = competition_ranks(method(scores, weights, criteria).score, method.higher_is_better)
    top = int(order[0])
    t = np.linspace(0.0, 1.0, steps)
    rows = weights[None, :] * ((1 - t) / (1 - current))[:, None]
    rows[:, k] = t
    swept = method(np.broadcast_to(scores, (steps, *scores.shape)), rows, criteria).score
    ranks = batch_ranks(swept, method.higher_is_better)
    changed = ranks[:, top] != 1

    def at(i: int) -> tuple[float, int]:
        return float(t[i]), int(competition_ranks(swept[i], method.higher_is_better)[0][0])

    above = np.flatnonzero(changed & (t > current))
    below = np.flatnonzero(changed & (t < current))
    return (at(int(above[0])) if above.size else None, at(int(below[-1])) if below.size else None)


def random_model(seed: int, m: int = 5, n: int = 4) -> tuple[FloatArray, FloatArray, CriteriaArrays]:
    """Random scores on a 0-10 scale, random weights, about a third of the criteria costs."""
    rng = np.random.default_rng(seed)
    scores = rng.uniform(0.0, 10.0, (m, n))
    weights = rng.dirichlet(np.ones(n))
    benefit = [bool(b) for b in rng.random(n) > 0.3]
    return scores, weights, CriteriaArrays.simple([0.0] * n, [10.0] * n, benefit)


@pytest.mark.parametrize("method_id", ["wsm", "promethee2"])
def test_exact_critical_weights_agree_with_a_fine_sweep(method_id: str) -> None:
    steps = 20_001  # grid step 5e-5: the brute force lands within one step after the crossing
    found = 0
    for seed in range(12):
        scores, weights, criteria = random_model(seed)
        for k in range(criteria.n):
            critical = critical_weights(scores, weights, criteria, METHODS[method_id], k)
            assert critical.exact
            expected_up, expected_down = brute_force(scores, weights, criteria, method_id, k, steps)
            for got, expected, sign in ((critical.up, expected_up, 1), (critical.down, expected_down, -1)):
                if expected is None:
                    assert got is None
                    continue
                found += 1
                assert got is not None
                # the grid point lies at or just past the exact crossing, in the sweep's direction
                assert 0 <= sign * (expected[0] - got.weight) <= 1 / (steps - 1) + 1e-12
                assert got.new_top == expected[1]
    assert found >= 20  # the models do have crossings to check


@pytest.mark.parametrize("method_id", ["topsis", "vikor"])
def test_bisected_critical_weights_agree_with_a_fine_sweep(method_id: str) -> None:
    steps = 20_001
    found = 0
    for seed in range(8):
        scores, weights, criteria = random_model(100 + seed)
        for k in range(criteria.n):
            critical = critical_weights(scores, weights, criteria, METHODS[method_id], k)
            assert not critical.exact
            expected_up, expected_down = brute_force(scores, weights, criteria, method_id, k, steps)
            for got, expected in ((critical.up, expected_up), (critical.down, expected_down)):
                if expected is None:
                    assert got is None
                    continue
                found += 1
                assert got is not None
                assert got.weight == pytest.approx(expected[0], abs=1e-4)
                assert got.new_top == expected[1]
    assert found >= 10


def test_tornado_reports_progress_per_criterion_and_the_same_bars() -> None:
    rng = np.random.default_rng(5)
    scores = rng.uniform(0, 1, size=(6, 4))
    criteria = unit_criteria(4, [True, False, True, True])
    weights = np.array([0.4, 0.3, 0.2, 0.1])
    calls: list[tuple[int, int]] = []
    for method_id in ("wsm", "topsis"):
        calls.clear()
        method = METHODS[method_id]
        plain = tornado(scores, weights, criteria, method)
        reported = tornado(
            scores, weights, criteria, method, progress=lambda done, total: calls.append((done, total))
        )
        assert reported == plain
        assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]
