"""batch_ranks beyond BROADCAST_OPTIONS (sort and bisection) against the pairwise definition.

The expectation is the definition itself, written out independently: rank = 1 + the options
of the same status better by more than TIE_TOLERANCE (`s_k - s_i > tol`, as written) + every
passing option when the option fails. Scores are drawn on a grid of steps near the
tolerance so that ties, near-ties and chains of near-ties are common.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from decisiontool.engine.ranking import BROADCAST_OPTIONS, TIE_TOLERANCE, batch_ranks
from decisiontool.engine.sensitivity.crossings import top_is_first


def pairwise_ranks(score: np.ndarray, higher: bool, fails: np.ndarray | None) -> np.ndarray:
    signed = score if higher else -score
    batch, m = signed.shape
    ranks = np.ones((batch, m), dtype=int)
    status = np.zeros(m, dtype=bool) if fails is None else fails
    for b in range(batch):
        for i in range(m):
            for k in range(m):
                same = status[k] == status[i]
                if (same and signed[b, k] - signed[b, i] > TIE_TOLERANCE) or (status[i] and not status[k]):
                    ranks[b, i] += 1
    return ranks


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    m=st.integers(BROADCAST_OPTIONS + 1, BROADCAST_OPTIONS + 40),
    offset=st.sampled_from([0.0, 1.0, 1e6, -3.5]),
    higher=st.booleans(),
    with_fails=st.booleans(),
)
def test_sorted_ranks_equal_the_pairwise_definition(
    seed: int, m: int, offset: float, higher: bool, with_fails: bool
) -> None:
    rng = np.random.default_rng(seed)
    steps = rng.integers(0, 6, size=(3, m)) * rng.choice([0.5e-9, 1e-9, 2e-9, 0.1])
    score = offset + steps
    fails = rng.random(m) < 0.3 if with_fails else None
    expected = pairwise_ranks(score, higher, fails)
    np.testing.assert_array_equal(batch_ranks(score, higher, fails), expected)
    for top in (0, m // 2, m - 1):
        np.testing.assert_array_equal(top_is_first(score, higher, fails, top), expected[:, top] == 1)


def test_every_option_failing_or_none_failing_is_one_group() -> None:
    score = np.tile(np.arange(BROADCAST_OPTIONS + 2, dtype=float), (2, 1))  # 0, 1, ..., higher is better
    best_first = np.arange(BROADCAST_OPTIONS + 2, 0, -1)
    for fails in (None, np.zeros(score.shape[1], bool), np.ones(score.shape[1], bool)):
        np.testing.assert_array_equal(batch_ranks(score, True, fails), np.tile(best_first, (2, 1)))
