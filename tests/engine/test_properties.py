"""Properties every method must have, checked on random models with hypothesis."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from decisiontool.engine import METHODS, CriteriaArrays, effective_weights

SETTINGS = settings(max_examples=60, deadline=None)


@st.composite
def problems(draw: st.DrawFn, min_options: int = 2) -> tuple[np.ndarray, np.ndarray, CriteriaArrays]:
    m = draw(st.integers(min_options, 7))
    n = draw(st.integers(1, 5))
    scores = draw(arrays(np.float64, (m, n), elements=st.integers(0, 10).map(lambda v: v / 2)))
    raw = draw(arrays(np.float64, (n,), elements=st.floats(0.05, 1.0)))
    benefit = draw(arrays(np.bool_, (n,)))
    criteria = CriteriaArrays.simple([0.0] * n, [5.0] * n, list(benefit))
    return scores, raw / raw.sum(), criteria


@SETTINGS
@given(problems(min_options=3), st.data())
def test_wsm_score_does_not_depend_on_other_options(problem: tuple, data: st.DataObject) -> None:
    scores, weights, criteria = problem
    drop = data.draw(st.integers(0, scores.shape[0] - 1))
    full = METHODS["wsm"](scores, weights, criteria).score
    reduced = METHODS["wsm"](np.delete(scores, drop, axis=0), weights, criteria).score
    assert reduced == pytest.approx(np.delete(full, drop))


@SETTINGS
@given(problems(), st.sampled_from(list(METHODS)), st.randoms(use_true_random=False))
def test_scores_follow_options_when_reordered(problem: tuple, method: str, random: object) -> None:
    scores, weights, criteria = problem
    permutation = np.random.default_rng(0).permutation(scores.shape[0])
    original = METHODS[method](scores, weights, criteria).score
    permuted = METHODS[method](scores[permutation], weights, criteria).score
    assert permuted == pytest.approx(original[permutation], abs=1e-12)


@SETTINGS
@given(
    arrays(np.float64, (6,), elements=st.one_of(st.just(0.0), st.floats(1e-3, 10.0))),
    arrays(np.float64, (3,), elements=st.floats(0.1, 10.0)),
    st.floats(0.01, 1000.0),
)
def test_scaling_weights_changes_nothing(
    criterion_weights: np.ndarray, group_weights: np.ndarray, k: float
) -> None:
    groups = np.array([0, 0, 1, 1, 2, 2])
    base = effective_weights(groups, group_weights, criterion_weights)
    assert effective_weights(groups, group_weights * k, criterion_weights * k) == pytest.approx(base)
    if base.any():
        assert base.sum() == pytest.approx(1.0)


@SETTINGS
@given(problems(), st.sampled_from(["wsm", "topsis"]), st.data())
def test_dominated_option_never_ranks_above_its_dominator(
    problem: tuple, method: str, data: st.DataObject
) -> None:
    scores, weights, criteria = problem
    # make option 1 dominated by option 0: no better anywhere, strictly worse somewhere
    better = np.where(criteria.benefit, 1.0, -1.0)
    worse = scores[0] - better * data.draw(
        arrays(np.float64, (scores.shape[1],), elements=st.integers(0, 4).map(lambda v: v / 2))
    )
    j = data.draw(st.integers(0, scores.shape[1] - 1))
    worse[j] = scores[0, j] - better[j] * 0.5
    assume(bool(np.all((worse >= 0) & (worse <= 5))))  # the dominated option stays on the scale
    scores = scores.copy()
    scores[1] = worse
    result = METHODS[method](scores, weights, criteria).score
    assert result[0] >= result[1] - 1e-12
