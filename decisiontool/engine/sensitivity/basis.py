"""The swept weights: a criterion (or a set of criteria) moved to weight t, the others in proportion.

Sweeping the set to t gives it total weight t, keeps its members' proportions and rescales
every other weight by (1 - t) / (1 - W_set). The swept weights are affine in t,
`w(t) = t * inside + (1 - t) * outside`, which is what the rest of the package works with.

PURE: imports numpy and the engine's own modules only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from decisiontool.engine.values import BoolArray, FloatArray

__all__ = ["Members", "affine_weights", "member_mask", "sweep_basis", "swept_weights"]

Members = int | Sequence[int] | NDArray[np.bool_] | NDArray[np.integer[Any]]
"""A set of criteria: one index, a sequence or array of indices, or a boolean mask (n,)."""


def member_mask(members: Members, n: int) -> BoolArray:
    """A boolean mask (n,) of the criteria in `members` (an index, indices, or a mask).

    Raises ValueError for an empty set, a mask of the wrong length or an index outside 0..n-1.
    """
    array = np.asarray(members)
    if array.dtype == np.bool_:
        if array.shape != (n,):
            raise ValueError(f"a criteria mask must have shape ({n},), not {array.shape}")
        mask = array.copy()
    else:
        indices = array.astype(np.intp).ravel()
        if np.any(indices < 0) or np.any(indices >= n):
            raise ValueError(f"criterion indices must lie in 0..{n - 1}")
        mask = np.zeros(n, dtype=np.bool_)
        mask[indices] = True
    if not mask.any():
        raise ValueError("the set of swept criteria is empty")
    return np.asarray(mask, dtype=np.bool_)


def sweep_basis(weights: FloatArray, members: Members) -> tuple[FloatArray, FloatArray, float]:
    """(inside, outside, current): the swept weights are `t * inside + (1 - t) * outside`.

    `inside` holds the members' proportions (summing to 1), `outside` the others' proportions
    (summing to 1) and `current` the members' share of the total weight now. Weights need not
    sum to 1; they are normalised. Degenerate cases, without dividing by zero:
    members that all weigh 0 share the swept weight equally; others that all weigh 0 (the
    members hold every weight) share 1 - t equally; when the members are every criterion no
    weight can move, so `outside` equals `inside` and the weights stay as they are for every t.
    """
    mask = member_mask(members, weights.shape[0])
    inside_total = float(weights[mask].sum())
    outside_total = float(weights[~mask].sum())
    inside = np.zeros_like(weights, dtype=np.float64)
    outside = np.zeros_like(weights, dtype=np.float64)
    if inside_total > 0:
        inside[mask] = weights[mask] / inside_total
    else:
        inside[mask] = 1.0 / np.count_nonzero(mask)
    if not np.any(~mask):
        return inside, inside.copy(), 1.0
    if outside_total > 0:
        outside[~mask] = weights[~mask] / outside_total
    else:
        outside[~mask] = 1.0 / np.count_nonzero(~mask)
    total = inside_total + outside_total
    current = inside_total / total if total > 0 else 0.0
    return inside, outside, current


def affine_weights(inside: FloatArray, outside: FloatArray, t: FloatArray) -> FloatArray:
    """(len(t), n) weights `t * inside + (1 - t) * outside`."""
    t_column = np.asarray(t, dtype=np.float64).reshape(-1, 1)
    return np.asarray(t_column * inside + (1.0 - t_column) * outside, dtype=np.float64)


def swept_weights(weights: FloatArray, members: Members, t: FloatArray) -> FloatArray:
    """(len(t), n) weight vectors with the members' total weight set to each t.

    The members keep their proportions and every other weight is rescaled by
    (1 - t) / (1 - W_set); see `sweep_basis` for the degenerate cases.
    """
    inside, outside, _ = sweep_basis(weights, members)
    return affine_weights(inside, outside, t)
