"""`OneScoreChange` (O(m) per single-score change) against the engine scoring the whole changed model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisiontool.engine.methods import METHODS
from decisiontool.engine.values import PREFERENCE_CODES, CriteriaArrays
from decisiontool.findings.column import OneScoreChange

PREFERENCES = {
    "usual": (np.nan, np.nan, np.nan),
    "u-shape": (0.5, np.nan, np.nan),
    "v-shape": (np.nan, 2.0, np.nan),
    "level": (1.0, 2.5, np.nan),
    "linear": (0.5, 2.0, np.nan),
    "gaussian": (np.nan, np.nan, 1.2),
}


@st.composite
def models(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, CriteriaArrays]:
    m = draw(st.integers(2, 30))
    n = draw(st.integers(1, 4))
    scores = np.array([[draw(st.integers(0, 10)) / 2 for _ in range(n)] for _ in range(m)], dtype=np.float64)
    weights = np.array([draw(st.integers(0, 3)) for _ in range(n)], dtype=np.float64)
    if weights.sum() == 0:
        weights[0] = 1
    weights /= weights.sum()
    chosen = [draw(st.sampled_from(sorted(PREFERENCES))) for _ in range(n)]
    criteria = CriteriaArrays(
        low=np.zeros(n),
        high=np.full(n, 5.0),
        benefit=np.array([draw(st.booleans()) for _ in range(n)]),
        value_points=tuple(None for _ in range(n)),
        preference=np.array([PREFERENCE_CODES[c] for c in chosen], dtype=np.intp),
        q=np.array([PREFERENCES[c][0] for c in chosen]),
        p=np.array([PREFERENCES[c][1] for c in chosen]),
        s=np.array([PREFERENCES[c][2] for c in chosen]),
        minimum=np.full(n, np.nan),
    )
    return scores, weights, criteria


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(model=models(), data=st.data())
def test_one_score_change_scores_as_the_engine_does(method: str, model: tuple, data: st.DataObject) -> None:
    scores, weights, criteria = model
    m, n = scores.shape
    change = OneScoreChange.of(method, scores, weights, criteria, 0.5)
    option = data.draw(st.integers(0, m - 1))
    columns = np.array(data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=6)), dtype=np.intp)
    xs = np.array([data.draw(st.integers(0, 50)) / 10 for _ in columns], dtype=np.float64)
    found = change.scores(option, columns, xs)
    for row, (j, x) in enumerate(zip(columns, xs, strict=True)):
        changed = scores.copy()
        changed[option, j] = x
        expected = METHODS[method](changed, weights, criteria, 0.5).score
        np.testing.assert_allclose(found[row], expected, rtol=0, atol=1e-12)
