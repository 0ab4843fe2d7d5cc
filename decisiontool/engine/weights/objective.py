"""Objective weights from the scores: Shannon entropy and CRITIC (Diakoulaki et al. 1995).

PURE: numpy and the standard library only (see `decisiontool.engine.weights`).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from decisiontool.engine.values import FloatArray


def _check_scores(
    scores: ArrayLike, lows: ArrayLike, highs: ArrayLike, benefit: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray, NDArray[np.bool_]]:
    """Check an options x criteria matrix against its scales; return the arrays."""
    x = np.asarray(scores, dtype=np.float64)
    if x.ndim != 2 or x.shape[0] < 1 or x.shape[1] < 1:
        raise ValueError(
            f"scores must be a matrix of options x criteria with at least one of each, not shape {x.shape}"
        )
    n = x.shape[1]
    low = np.asarray(lows, dtype=np.float64)
    high = np.asarray(highs, dtype=np.float64)
    direction = np.asarray(benefit)
    for name, array in (("lows", low), ("highs", high), ("benefit", direction)):
        if array.shape != (n,):
            raise ValueError(f"{name} must have one entry per criterion ({n}), not shape {array.shape}")
    if direction.dtype != np.bool_:
        raise ValueError("benefit must hold booleans (True for benefit, False for cost)")
    if not (np.all(np.isfinite(low)) and np.all(np.isfinite(high))):
        raise ValueError("scale ends must be finite numbers")
    if not np.all(low < high):
        j = int(np.argmax(~(low < high)))
        raise ValueError(f"criterion {j}: the scale [{low[j]:g}, {high[j]:g}] must have low < high")
    if not np.all(np.isfinite(x)):
        i, j = (int(v) for v in np.argwhere(~np.isfinite(x))[0])
        raise ValueError(f"option {i}, criterion {j}: the score is not a finite number")
    outside = (x < low) | (x > high)
    if np.any(outside):
        i, j = (int(v) for v in np.argwhere(outside)[0])
        raise ValueError(
            f"option {i}, criterion {j}: {x[i, j]:g} is outside the scale [{low[j]:g}, {high[j]:g}]"
        )
    return x, low, high, direction.astype(np.bool_)


def _equal(n: int) -> FloatArray:
    return np.full(n, 1.0 / n, dtype=np.float64)


def entropy_weights(scores: ArrayLike, lows: ArrayLike, highs: ArrayLike, benefit: ArrayLike) -> FloatArray:
    """Shannon-entropy weights of the criteria of an options x criteria score matrix.

    Each score is measured from the worst end of its scale: x - low for a benefit
    criterion, high - x for a cost one (so a cost criterion and the same criterion recoded
    as benefit get the same weight, and scales that start below 0 work). Then, per
    criterion j over the m options: p_ij = v_ij / sum_i v_ij,
    e_j = -(1 / ln m) sum_i p_ij ln p_ij (with 0 ln 0 = 0), d_j = 1 - e_j, w = d / sum d.

    For a benefit criterion whose scale starts at 0 this is the classic method on raw
    scores (Zeleny 1982; Hwang & Yoon 1981). Papers that apply it to raw cost values
    measure those from 0, not from the scale's worst end; to reproduce them, pass such
    criteria as benefit with low 0. Scaling a criterion's scores together with its scale
    ends leaves the weights unchanged.

    A criterion on which every option scores the same (including all at the worst end)
    carries no information and gets weight 0. If no criterion carries any (every column
    constant, or a single option), every criterion gets the same weight.
    Raises `ValueError` for bad shapes, non-finite values, low >= high or a score outside
    its scale.
    """
    x, low, high, direction = _check_scores(scores, lows, highs, benefit)
    m, n = x.shape
    value = np.where(direction, x - low, high - x)
    varies = np.ptp(value, axis=0) > 0
    divergence = np.zeros(n, dtype=np.float64)
    if m > 1 and np.any(varies):
        p = value[:, varies] / value[:, varies].sum(axis=0)
        positive = p > 0
        p_log_p = np.where(positive, p * np.log(np.where(positive, p, 1.0)), 0.0)
        entropy = -p_log_p.sum(axis=0) / math.log(m)
        divergence[varies] = np.clip(1.0 - entropy, 0.0, None)
    total = float(divergence.sum())
    if total <= 0:
        return _equal(n)
    return divergence / total


def critic_weights(scores: ArrayLike, lows: ArrayLike, highs: ArrayLike, benefit: ArrayLike) -> FloatArray:
    """CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995) of an options x criteria matrix.

    Each criterion is min-max normalised over the options, r = (x - min) / (max - min) for
    benefit and (max - x) / (max - min) for cost (the scale ends are only checked, not
    used: CRITIC measures contrast among the options). Then sigma_j is the standard
    deviation of r_j and, with r_jk the Pearson correlation of criteria j and k,
    C_j = sigma_j sum_k (1 - r_jk) and w = C / sum C.

    sigma is the sample standard deviation (n - 1 in the denominator); the population one
    gives the same weights, since it rescales every sigma by one factor.

    A criterion on which every option scores the same has sigma 0 and gets weight 0; its
    correlation with the others is undefined, so it adds nothing to their sums (the other
    criteria get the weights they would have without it). If no criterion gets a positive
    C, the criteria that vary share the weight equally (all of them, if none varies).
    Raises `ValueError` as `entropy_weights` does.
    """
    x, _low, _high, direction = _check_scores(scores, lows, highs, benefit)
    n = x.shape[1]
    smallest = x.min(axis=0)
    spread = x.max(axis=0) - smallest
    varies = spread > 0
    if not np.any(varies):
        return _equal(n)
    normalised = (x[:, varies] - smallest[varies]) / spread[varies]
    normalised = np.where(direction[varies], normalised, 1.0 - normalised)
    sigma = normalised.std(axis=0, ddof=1)
    centred = normalised - normalised.mean(axis=0)
    norms = np.sqrt((centred**2).sum(axis=0))
    correlation = np.clip((centred.T @ centred) / np.outer(norms, norms), -1.0, 1.0)
    information = np.zeros(n, dtype=np.float64)
    information[varies] = sigma * (1.0 - correlation).sum(axis=1)
    total = float(information.sum())
    if total <= 0:
        return np.where(varies, 1.0 / np.count_nonzero(varies), 0.0).astype(np.float64)
    return information / total
