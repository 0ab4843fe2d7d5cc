"""The four scoring methods of docs/methods.md, one function each, with one signature.

Every method takes scores `(..., m, n)` (options x criteria, with any leading batch axes),
effective weights `(..., n)` and the `CriteriaArrays`, and returns a `MethodResult` whose
arrays keep the batch axes: the same function ranks one model, a weight sweep or 10,000
SMAA draws. Inputs are trusted (checked by the loader); nothing here validates.

PURE: imports numpy only; never pydantic, rich, textual or anything that reads files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from decisiontool.engine.promethee import promethee2
from decisiontool.engine.results import MethodResult
from decisiontool.engine.values import CriteriaArrays, FloatArray, values

MethodFunction = Callable[[FloatArray, FloatArray, CriteriaArrays, float], MethodResult]


@dataclass(frozen=True)
class Method:
    """A registered method: its function and the direction of its score."""

    id: str
    label: str
    higher_is_better: bool
    function: MethodFunction
    exact_sensitivity: bool
    """True when the score is additive over criteria: score = sum_j w_j * (the score the
    option would get from criterion j alone, with weight 1). Scores are then linear in the
    weights, so critical weights are solved exactly, and SMAA scores each draw once per
    criterion and applies every weight vector with one product."""

    split: Split | None = None
    """The weight-free preparation and the weighting step, for a method that has them
    (topsis, vikor): SMAA prepares each score draw once for all its weight vectors."""

    def __call__(
        self, scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, vikor_v: float = 0.5
    ) -> MethodResult:
        return self.function(scores, weights, criteria, vikor_v)


@dataclass(frozen=True)
class Split:
    """A method as `weigh(prepare(scores, criteria), weights, v)`; `many` scores k prepared
    draws (..., m, n) under q weight vectors (q, n) at once, giving (k, q, m)."""

    prepare: Callable[[FloatArray, CriteriaArrays], tuple[FloatArray, ...]]
    weigh: Callable[[tuple[FloatArray, ...], FloatArray, float], MethodResult]
    many: Callable[[tuple[FloatArray, ...], FloatArray, float], FloatArray]


def wsm(scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, _v: float = 0.5) -> MethodResult:
    """Additive value model: sum of w_j v_ij, with v from the scale (or a value function)."""
    contributions = values(scores, criteria) * weights[..., None, :]
    return MethodResult(score=contributions.sum(axis=-1), contributions=contributions)


def vector_normalised(scores: FloatArray) -> FloatArray:
    """Each column of scores (..., m, n) divided by its Euclidean norm (0 for a zero column).
    The column is divided by its largest magnitude first, so that scores beyond 1e154 do not
    overflow when squared (the result is the same)."""
    scale = np.abs(scores).max(axis=-2, keepdims=True)
    scaled = np.divide(scores, scale, out=np.zeros_like(scores), where=scale > 0)
    norm = np.sqrt(np.square(scaled).sum(axis=-2, keepdims=True))
    normalised: FloatArray = np.divide(scaled, norm, out=np.zeros_like(scaled), where=norm > 0)
    return normalised


def topsis_prepare(scores: FloatArray, criteria: CriteriaArrays) -> tuple[FloatArray, FloatArray]:
    """TOPSIS's weight-free part: per option and criterion, the squared distances
    `(r_ij - r+_j)^2` and `(r_ij - r-_j)^2` of the vector-normalised score r to the column's
    best and worst normalised score.

    Weights w_j >= 0 scale a column without changing which entry is its extreme, so the
    weighted distances are `sqrt(sum_j w_j^2 * prepared_ij)`: one product per weight vector,
    and SMAA prepares each score draw once for any number of weight vectors. Each column is
    divided by its largest magnitude before squaring, so scores beyond 1e154 do not overflow
    (the normalised value is the same).
    """
    normalised = vector_normalised(scores)
    column_max = normalised.max(axis=-2, keepdims=True)
    column_min = normalised.min(axis=-2, keepdims=True)
    ideal = np.where(criteria.benefit, column_max, column_min)
    anti_ideal = np.where(criteria.benefit, column_min, column_max)
    return np.square(normalised - ideal), np.square(normalised - anti_ideal)


def topsis_weigh(to_ideal: FloatArray, to_anti: FloatArray, weights: FloatArray) -> MethodResult:
    """TOPSIS closeness from `topsis_prepare`'s arrays (..., m, n) and weights (..., n)."""
    squared = np.square(weights)[..., None, :]
    d_plus = np.sqrt((to_ideal * squared).sum(axis=-1))
    d_minus = np.sqrt((to_anti * squared).sum(axis=-1))
    total = d_plus + d_minus
    closeness = np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    return MethodResult(score=closeness, extras={"d_plus": d_plus, "d_minus": d_minus})


def topsis(
    scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, _v: float = 0.5
) -> MethodResult:
    """TOPSIS (Hwang & Yoon 1981) with vector normalisation and Euclidean distances."""
    return topsis_weigh(*topsis_prepare(scores, criteria), weights)


def _rescale(values_: FloatArray, axis: int = -1) -> FloatArray:
    """(x - min)/(max - min) along an axis; 0 where max equals min."""
    low = values_.min(axis=axis, keepdims=True)
    span = values_.max(axis=axis, keepdims=True) - low
    rescaled: FloatArray = np.divide(values_ - low, span, out=np.zeros_like(values_), where=span > 0)
    return rescaled


def vikor_prepare(scores: FloatArray, criteria: CriteriaArrays) -> FloatArray:
    """VIKOR's weight-free part: the normalised gaps `(f*_j - f_ij) / (f*_j - f-_j)` in [0, 1]
    (0 where a column is constant), from the column extremes of each score matrix."""
    column_max = scores.max(axis=-2, keepdims=True)
    column_min = scores.min(axis=-2, keepdims=True)
    best = np.where(criteria.benefit, column_max, column_min)
    worst = np.where(criteria.benefit, column_min, column_max)
    # halves first: the span of a scale like [-1e308, 1e308] does not overflow
    span = best / 2 - worst / 2
    gap: FloatArray = np.divide(best / 2 - scores / 2, span, out=np.zeros_like(scores), where=span != 0)
    return gap


def vikor_weigh(gap: FloatArray, weights: FloatArray, v: float = 0.5) -> MethodResult:
    """VIKOR's S, R and Q from `vikor_prepare`'s gaps (..., m, n) and weights (..., n)."""
    terms = gap * weights[..., None, :]
    s = terms.sum(axis=-1)
    r = terms.max(axis=-1)
    q = v * _rescale(s) + (1.0 - v) * _rescale(r)
    return MethodResult(score=q, extras={"S": s, "R": r, "Q": q})


def vikor(scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, v: float = 0.5) -> MethodResult:
    """VIKOR (Opricovic 1998): Q from group utility S and individual regret R; lower is better."""
    return vikor_weigh(vikor_prepare(scores, criteria), weights, v)


def products(prepared: FloatArray, weights: FloatArray) -> FloatArray:
    """(k, q, m) sums over criteria of prepared (k, m, n) times each of weights (q, n)."""
    k, m, n = prepared.shape
    product: FloatArray = (prepared.reshape(k * m, n) @ weights.T).reshape(k, m, -1).swapaxes(1, 2)
    return product


def topsis_many(prepared: tuple[FloatArray, ...], weights: FloatArray, _v: float = 0.5) -> FloatArray:
    """(k, q, m) TOPSIS closeness of k prepared score draws under each of q weight vectors."""
    to_ideal, to_anti = prepared
    squared = np.square(weights)
    # sums of non-negative products: never negative, so the roots are taken in place
    d_plus = np.sqrt(products(to_ideal, squared))
    closeness = np.sqrt(products(to_anti, squared))
    total = np.add(d_plus, closeness, out=d_plus)
    none_apart = total == 0
    total[none_apart] = 1.0
    np.divide(closeness, total, out=closeness)
    closeness[none_apart] = 0.5
    return closeness


def vikor_many(prepared: tuple[FloatArray, ...], weights: FloatArray, v: float = 0.5) -> FloatArray:
    """(k, q, m) VIKOR Q of k prepared score draws (gaps) under each of q weight vectors:
    S as one product; R by `_weighted_maxima`."""
    (gap,) = prepared
    s = products(gap, weights)
    result: FloatArray = v * _rescale(s) + (1.0 - v) * _rescale(_weighted_maxima(gap, weights))
    return result


def _weighted_maxima(gap: FloatArray, weights: FloatArray) -> FloatArray:
    """(k, q, m) max over criteria j of gap[k, m, j] * weights[q, j]: VIKOR's regrets R.

    A running maximum over the criteria, one product at a time, in blocks of draws small
    enough to stay in cache, rather than a maximum over the short last axis of a
    (k, q, m, n) block: the same products and the same (exact) maxima, many times faster."""
    k, m, n = gap.shape
    q = weights.shape[0]
    by_criterion = np.ascontiguousarray(np.moveaxis(gap, -1, 0))  # (n, k, m)
    column_weights = np.ascontiguousarray(weights.T)[:, None, :, None]  # (n, 1, q, 1)
    regrets = np.empty((k, q, m))
    rows = max(1, REGRET_BLOCK_BYTES // (8 * q * m))
    term = np.empty((min(rows, k), q, m))
    for start in range(0, k, rows):
        stop = min(k, start + rows)
        block, scratch = regrets[start:stop], term[: stop - start]
        np.multiply(by_criterion[0, start:stop, None, :], column_weights[0], out=block)
        for j in range(1, n):
            np.multiply(by_criterion[j, start:stop, None, :], column_weights[j], out=scratch)
            np.maximum(block, scratch, out=block)
    return regrets


REGRET_BLOCK_BYTES = 2**18
"""Size of the (rows, q, m) block `_weighted_maxima` updates once per criterion (in cache)."""


METHODS: dict[str, Method] = {
    "wsm": Method("wsm", "Weighted sum (additive value)", True, wsm, exact_sensitivity=True),
    "topsis": Method(
        "topsis",
        "TOPSIS",
        True,
        topsis,
        exact_sensitivity=False,
        split=Split(
            prepare=topsis_prepare,
            weigh=lambda prepared, weights, _v: topsis_weigh(prepared[0], prepared[1], weights),
            many=topsis_many,
        ),
    ),
    "vikor": Method(
        "vikor",
        "VIKOR",
        False,
        vikor,
        exact_sensitivity=False,
        split=Split(
            prepare=lambda scores, criteria: (vikor_prepare(scores, criteria),),
            weigh=lambda prepared, weights, v: vikor_weigh(prepared[0], weights, v),
            many=vikor_many,
        ),
    ),
    # PROMETHEE II's net flow is a weighted sum of per-criterion net flows, so it too is
    # linear in the weights and its critical weights can be solved exactly.
    "promethee2": Method("promethee2", "PROMETHEE II", True, promethee2, exact_sensitivity=True),
}
"""Every method by its `--method` id."""


@dataclass(frozen=True)
class VikorConditions:
    """Opricovic's two conditions for the option with the lowest Q, and the compromise set."""

    acceptable_advantage: bool
    acceptable_stability: bool
    compromise_set: tuple[int, ...]
    """Option indices in order of Q."""


def vikor_conditions(q: FloatArray, s: FloatArray, r: FloatArray, tolerance: float = 1e-9) -> VikorConditions:
    """Acceptable advantage (Q2 - Q1 >= 1/(m-1)) and acceptable stability (the first by Q is
    also first by S or by R) for one result; the compromise set as Opricovic & Tzeng (2004)
    define it: the first option alone when both hold, the first two when only stability
    fails, and every option with Q - Q1 < 1/(m-1) when advantage fails."""
    m = q.shape[0]
    order = np.argsort(q, kind="stable")
    first = int(order[0])
    if m == 1:
        return VikorConditions(True, True, (first,))
    threshold = 1.0 / (m - 1)
    advantage = bool(q[order[1]] - q[first] >= threshold - tolerance)
    stability = bool(s[first] <= s.min() + tolerance or r[first] <= r.min() + tolerance)
    if not advantage:
        close = [int(i) for i in order if q[i] - q[first] < threshold - tolerance]
        return VikorConditions(advantage, stability, tuple(close))
    if not stability:
        return VikorConditions(advantage, stability, (first, int(order[1])))
    return VikorConditions(advantage, stability, (first,))
