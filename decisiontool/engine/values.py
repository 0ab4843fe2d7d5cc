"""Criteria as arrays, value functions and effective weights.

`CriteriaArrays` is the engine's whole view of the criteria: scale ends, directions, value
functions and PROMETHEE preference functions, as numpy arrays. Every function here accepts
arrays with any number of leading batch axes (`(..., m, n)` scores, `(..., n)` weights), so
that SMAA and sensitivity sweeps evaluate thousands of weight or score draws in one call.

PURE: imports numpy only; never pydantic, rich, textual or anything that reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.intp]

PREFERENCE_CODES: dict[str, int] = {
    "usual": 0,
    "u-shape": 1,
    "v-shape": 2,
    "level": 3,
    "linear": 4,
    "gaussian": 5,
}
"""Preference function name -> the code stored in `CriteriaArrays.preference`."""


@dataclass(frozen=True)
class CriteriaArrays:
    """The criteria of a model, one entry per criterion (length n everywhere).

    `value_points` holds, per criterion, None (linear value from worst to best end) or the
    (x, v) arrays of a piecewise-linear value function with increasing x. `q`, `p`, `s` are
    NaN where the preference function does not use them. `minimum` is NaN where there is none.
    """

    low: FloatArray
    high: FloatArray
    benefit: BoolArray
    value_points: tuple[tuple[FloatArray, FloatArray] | None, ...]
    preference: IntArray
    q: FloatArray
    p: FloatArray
    s: FloatArray
    minimum: FloatArray

    @property
    def n(self) -> int:
        """Number of criteria."""
        return int(self.low.shape[0])

    def single(self, j: int) -> CriteriaArrays:
        """Criterion j alone, as a one-criterion `CriteriaArrays` (every field is per criterion)."""
        return CriteriaArrays(**{f.name: getattr(self, f.name)[j : j + 1] for f in fields(self)})

    @property
    def worst(self) -> FloatArray:
        """The worst end of each scale (low for benefit, high for cost)."""
        return np.where(self.benefit, self.low, self.high)

    @property
    def best(self) -> FloatArray:
        """The best end of each scale."""
        return np.where(self.benefit, self.high, self.low)

    @classmethod
    def simple(
        cls,
        low: FloatArray | list[float],
        high: FloatArray | list[float],
        benefit: BoolArray | list[bool],
    ) -> CriteriaArrays:
        """Criteria with linear values, `usual` preference and no minimum (for tests and scripts)."""
        low_a = np.asarray(low, dtype=np.float64)
        n = low_a.shape[0]
        nan = np.full(n, np.nan)
        return cls(
            low=low_a,
            high=np.asarray(high, dtype=np.float64),
            benefit=np.asarray(benefit, dtype=np.bool_),
            value_points=(None,) * n,
            preference=np.zeros(n, dtype=np.intp),
            q=nan,
            p=nan.copy(),
            s=nan.copy(),
            minimum=nan.copy(),
        )


def values(scores: FloatArray, criteria: CriteriaArrays) -> FloatArray:
    """Value of each score in [0, 1]: linear from the worst end of the scale to the best, or
    the criterion's piecewise-linear value function. Works on `(..., m, n)` arrays."""
    worst = criteria.worst
    best = criteria.best
    # halves: exact for ordinary numbers, and a scale such as [-1e308, 1e308] does not
    # overflow its span to infinity (which would make every value 0 or NaN)
    result = (scores / 2 - worst / 2) / (best / 2 - worst / 2)
    for j, points in enumerate(criteria.value_points):
        if points is not None:
            xs, vs = points
            result[..., j] = np.interp(scores[..., j], xs, vs)
    return np.asarray(result, dtype=np.float64)


def effective_weights(
    group_index: IntArray, group_weights: FloatArray, criterion_weights: FloatArray
) -> FloatArray:
    """Effective criterion weights (docs/model-format.md#weights), summing to 1.

    `w_j = (G_g / sum G) * (c_j / sum of c_k in g)`, where a group whose criterion weights
    are all 0 counts as weight 0. Returns all zeros when nothing is left weighted (the
    caller refuses such weights). Accepts batches: `(..., n)` criterion weights with
    `(..., groups)` group weights.
    """
    n_groups = group_weights.shape[-1]
    # one-hot membership (n, groups): sums within groups become one matrix product
    membership = np.zeros((group_index.shape[0], n_groups))
    membership[np.arange(group_index.shape[0]), group_index] = 1.0
    # normalised before summing: weights near the largest float (1.7e308 twice) would sum to
    # infinity, and the share of a subnormal weight, 1 / 5e-324, would be infinite
    criterion_weights = scaled_within_groups(np.asarray(criterion_weights, dtype=np.float64), group_index)
    group_weights = scaled_to_one(np.asarray(group_weights, dtype=np.float64))
    within = criterion_weights @ membership  # (..., groups)
    live_groups = np.where(within > 0, group_weights, 0.0)
    total = live_groups.sum(axis=-1, keepdims=True)
    group_share = np.divide(live_groups, total, out=np.zeros_like(live_groups), where=total > 0)
    safe_within = np.where(within > 0, within, 1.0)
    # a group share over a subnormal total is infinite (and NaN once multiplied by 0)
    with np.errstate(over="ignore", invalid="ignore"):
        per_criterion_share = (group_share / safe_within) @ membership.T
        weights = criterion_weights * per_criterion_share
    if np.isfinite(per_criterion_share).all():
        return np.asarray(weights, dtype=np.float64)
    # there (a subnormal weight beside zeros): the criterion's share of its group (<= 1)
    # first, then the group's share
    within_of_criterion = within @ membership.T  # picks each criterion's group total, exactly
    share_in_group = np.divide(
        criterion_weights,
        within_of_criterion,
        out=np.zeros_like(weights),
        where=within_of_criterion > 0,
    )
    careful = share_in_group * (group_share @ membership.T)
    return np.asarray(np.where(np.isfinite(per_criterion_share), weights, careful), dtype=np.float64)


def scaled_to_one(weights: FloatArray) -> FloatArray:
    """Weights (..., k) whose largest is beyond 2^1000 divided by a power of two (exactly), so
    that it lies in [0.5, 1) and k of them sum without overflow. Ordinary weights are left
    alone, so a subnormal weight beside them is not rounded away. Ratios are what count."""
    largest = weights.max(axis=-1, keepdims=True) if weights.shape[-1] else np.zeros((*weights.shape[:-1], 1))
    exponent = np.frexp(np.where(np.isfinite(largest) & (largest > 0), largest, 1.0))[1]
    scaled: FloatArray = np.ldexp(weights, -np.where(exponent > 1000, exponent, 0))
    return scaled


def scaled_within_groups(criterion_weights: FloatArray, group_index: IntArray) -> FloatArray:
    """`scaled_to_one` applied to each group's criterion weights (..., n) on its own: only the
    ratios inside a group count, so a group of weights near 1.7e308 does not round a tiny
    weight of another group to 0 (which would drop that whole group)."""
    scaled = np.array(criterion_weights, dtype=np.float64)
    for group in np.unique(group_index):
        members = group_index == group
        scaled[..., members] = scaled_to_one(scaled[..., members])
    return scaled


def fails_minimum(scores: FloatArray, criteria: CriteriaArrays) -> BoolArray:
    """(..., m, n) True where a score is worse than its criterion's minimum."""
    minimum = criteria.minimum
    has = ~np.isnan(minimum)
    below = scores < minimum
    above = scores > minimum
    worse = np.where(criteria.benefit, below, above)
    return np.asarray(worse & has, dtype=np.bool_)
