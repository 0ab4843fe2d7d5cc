"""The four scoring methods of docs/methods.md, one function each, with one signature.

Every method takes scores `(..., m, n)` (options x criteria, with any leading batch axes),
effective weights `(..., n)` and the `CriteriaArrays`, and returns a `MethodResult` whose
arrays keep the batch axes: the same function ranks one model, a weight sweep or 10,000
SMAA draws. Inputs are trusted (checked by the loader); nothing here validates.

PURE: imports numpy only; never pydantic, rich, textual or anything that reads files.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from decisiontool.engine.values import PREFERENCE_CODES, CriteriaArrays, FloatArray, IntArray, values


@dataclass(frozen=True)
class MethodResult:
    """What a method computed: the score of each option and the arrays that explain it.

    `contributions` (wsm only) are `w_j v_ij`, summing over criteria to the score.
    `extras` holds method-specific arrays, each shaped like `score` (VIKOR's S, R, Q;
    PROMETHEE's phi_plus, phi_minus).
    """

    score: FloatArray
    contributions: FloatArray | None = None
    extras: dict[str, FloatArray] = field(default_factory=dict)


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


def preference_degree(d: FloatArray, code: int, q: float, p: float, s: float) -> FloatArray:
    """P(d) of one PROMETHEE preference function (docs/methods.md gives every boundary)."""
    if code == PREFERENCE_CODES["usual"]:
        return (d > 0).astype(np.float64)
    if code == PREFERENCE_CODES["u-shape"]:
        return (d > q).astype(np.float64)
    if code == PREFERENCE_CODES["v-shape"]:
        with np.errstate(over="ignore"):  # d / 5e-324 overflows to +-inf, clipped to 1 or 0
            return np.asarray(np.clip(d / p, 0.0, 1.0), dtype=np.float64)
    if code == PREFERENCE_CODES["level"]:
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if code == PREFERENCE_CODES["linear"]:
        with np.errstate(over="ignore"):  # as v-shape: a tiny p - q gives +-inf, clipped
            return np.asarray(np.clip((d - q) / (p - q), 0.0, 1.0), dtype=np.float64)
    if code == PREFERENCE_CODES["gaussian"]:
        # (d / s)^2 / 2, not d^2 / (2 s^2): s = 1e-200 squares to 0 and d = 0 then gives NaN
        with np.errstate(over="ignore"):  # a ratio beyond 1e154 squares to inf: P = 1
            ratio = np.maximum(d, 0.0) / s
            return np.asarray(-np.expm1(-0.5 * np.square(ratio)), dtype=np.float64)
    raise ValueError(f"unknown preference function code {code}")


def _merge_counts(sorted_: FloatArray, queries: FloatArray, strict: bool) -> IntArray:
    """Per row, how many entries of `sorted_` are < (strict) or <= each entry of `queries`.

    Both are sorted along the last axis, so a stable sort of their concatenation is a merge
    (timsort finds the two runs): O(m) per row, batched, with no offset tricks that would
    round the values. A query placed before the equal entries counts them as not below it.
    """
    m = sorted_.shape[-1]
    first, second = (queries, sorted_) if strict else (sorted_, queries)
    order = np.argsort(np.concatenate([first, second], axis=-1), axis=-1, kind="stable")
    is_sorted_entry = order >= m if strict else order < m
    below = np.cumsum(is_sorted_entry, axis=-1)
    # the queries keep their order (they are sorted, the sort is stable): the i-th query met
    # in the merged order is query i, so the mask reads them back in place
    counts: IntArray = below[~is_sorted_entry].reshape(queries.shape)
    return counts


def _at(sorted_: FloatArray, index: IntArray) -> FloatArray:
    """sorted_[..., index] per row, with the index clipped into range (callers mask the ends)."""
    m = sorted_.shape[-1]
    taken: FloatArray = np.take_along_axis(sorted_, np.clip(index, 0, m - 1), axis=-1)
    return taken


def _count_preferred(ordered: FloatArray, t: float) -> tuple[IntArray, IntArray]:
    """For each option of a sorted column y (benefit orientation): (#{b: y_a - y_b > t},
    #{b: y_b - y_a > t}), with the differences rounded exactly as the pairwise matrix rounds
    them, so the step functions switch at the same pairs.

    The merge counts y_b < y_a - t, which is the same test in exact arithmetic; rounding can
    move a few neighbours of y_a - t across it. The float difference is monotone in y_b, so
    the true set is still a prefix (suffix) of the sorted column: the counts step one entry
    at a time until the entry at the edge passes and the next one fails. Usually no step.
    """
    m = ordered.shape[-1]
    # rows: prefix [0, k) of the sorted column has y_a - y_b > t
    k = _merge_counts(ordered, ordered - t, strict=True)
    while True:
        grow = (k < m) & (ordered - _at(ordered, k) > t)
        shrink = (k > 0) & ~(ordered - _at(ordered, k - 1) > t)
        if not (grow.any() or shrink.any()):
            break
        k = k + grow - shrink
    # columns: suffix [start, m) has y_b - y_a > t
    start = _merge_counts(ordered, ordered + t, strict=False)
    while True:
        grow = (start < m) & ~(_at(ordered, start) - ordered > t)
        shrink = (start > 0) & (_at(ordered, start - 1) - ordered > t)
        if not (grow.any() or shrink.any()):
            break
        start = start + grow - shrink
    return k, m - start


def _criterion_flows(column: FloatArray, code: int, q: float, p: float) -> tuple[FloatArray, FloatArray]:
    """Row and column sums of P(y_a - y_b) for one criterion, y in benefit orientation,
    in O(m log m) from the sorted column (usual, u-shape, level, v-shape, linear)."""
    m = column.shape[-1]
    magnitude = max(float(np.abs(column).max(initial=0.0)), p if math.isfinite(p) else 0.0)
    if magnitude > 2.0**900:
        # near the largest float, y + p and the prefix sums overflow: scaled by a power of
        # two (exact) with q and p, every difference and every comparison is unchanged
        shift = -math.frexp(magnitude)[1] - 2
        column, q, p = np.ldexp(column, shift), math.ldexp(q, shift), math.ldexp(p, shift)
    order = np.argsort(column, axis=-1)
    ordered = np.take_along_axis(column, order, axis=-1)
    if code in (PREFERENCE_CODES["usual"], PREFERENCE_CODES["u-shape"]):
        rows, cols = _count_preferred(ordered, 0.0 if code == PREFERENCE_CODES["usual"] else q)
        row_sum, col_sum = rows.astype(np.float64), cols.astype(np.float64)
    else:
        low = 0.0 if code == PREFERENCE_CODES["v-shape"] else q
        # P is 0 up to low, 1 beyond p, level 0.5 or a linear ramp in between
        rows_low, cols_low = _count_preferred(ordered, low)
        rows_p, cols_p = _count_preferred(ordered, p)
        if code == PREFERENCE_CODES["level"]:
            row_sum = rows_p + 0.5 * (rows_low - rows_p)
            col_sum = cols_p + 0.5 * (cols_low - cols_p)
        else:
            # the ramp sums (d - low)/(p - low) over the pairs between: counts and prefix sums
            # of the column; centred first so the prefix sums do not grow with the scale's offset
            centred = ordered - ordered[..., m // 2, None]
            prefix = np.concatenate(
                [np.zeros((*centred.shape[:-1], 1)), np.cumsum(centred, axis=-1)], axis=-1
            )
            span = p - low
            # rows: b in sorted positions [rows_p, rows_low) have low < y_a - y_b <= p
            window = np.take_along_axis(prefix, rows_low, -1) - np.take_along_axis(prefix, rows_p, -1)
            ramp = (rows_low - rows_p) * (centred - low) - window
            row_sum = rows_p + ramp / span
            # columns: b in [m - cols_low, m - cols_p) have low < y_b - y_a <= p
            window = np.take_along_axis(prefix, m - cols_p, -1) - np.take_along_axis(prefix, m - cols_low, -1)
            ramp = window - (cols_low - cols_p) * (centred + low)
            col_sum = cols_p + ramp / span
    # back from sorted positions to the options' own order
    plus = np.empty_like(column)
    minus = np.empty_like(column)
    np.put_along_axis(plus, order, row_sum, axis=-1)
    np.put_along_axis(minus, order, col_sum, axis=-1)
    return plus, minus


PAIRWISE_BLOCK_BYTES = 4 * 2**20
"""Size bound of the (..., rows, m) block of pairwise differences `_pairwise_flows` builds at
once (so memory stays bounded for any number of options: the whole (m, m) matrix of 10,000
options under gaussian took 3.2 GB)."""


def _pairwise_flows(
    column: FloatArray, benefit: bool, code: int, q: float, p: float, s: float
) -> tuple[FloatArray, FloatArray]:
    """Row sums (phi+ before dividing by m - 1) and column sums (phi-) of one criterion's
    preference matrix P(x_a - x_b) for a column (..., m), built a block of rows at a time."""
    m = column.shape[-1]
    batch = int(np.prod(column.shape[:-1], dtype=np.int64))
    rows = max(1, PAIRWISE_BLOCK_BYTES // (8 * max(batch, 1) * max(m, 1)))
    row_sum = np.empty_like(column)
    col_sum = np.zeros_like(column)
    for start in range(0, m, rows):
        stop = min(m, start + rows)
        d = column[..., start:stop, None] - column[..., None, :]
        if not benefit:
            np.negative(d, out=d)
        preference = preference_degree(d, code, q, p, s)
        row_sum[..., start:stop] = preference.sum(axis=-1)
        col_sum += preference.sum(axis=-2)
    return row_sum, col_sum


SORTED_FROM_M: dict[int, int] = {
    PREFERENCE_CODES["usual"]: 24,
    PREFERENCE_CODES["u-shape"]: 64,
    PREFERENCE_CODES["level"]: 64,
    PREFERENCE_CODES["v-shape"]: 128,
    PREFERENCE_CODES["linear"]: 128,
}
"""Fewest options from which a preference function takes the sorted-column path. Below,
the (m, m) matrix is cheaper than the sorts, merges and boundary fix-ups (measured on
batches of 20,000 options in all; the ramps need the most passes). `gaussian` is absent:
always pairwise."""


def promethee2(
    scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, _v: float = 0.5
) -> MethodResult:
    """PROMETHEE II net flows (Brans & Vincke 1985); phi in [-1, 1], higher is better.

    Only the row sums (phi+) and column sums (phi-) of each criterion's preference matrix
    are needed. For the step and piecewise-linear functions they come from the sorted
    column in O(m log m) (SMAA calls this on thousands of score matrices); `gaussian` has no
    such shortcut, and for few options the (m, m) difference matrix is faster: those build
    it, one criterion at a time.
    """
    m = scores.shape[-2]
    # a batch of scores may meet a batch of weights (or one of either): broadcast the two
    batch = np.broadcast_shapes(scores.shape[:-2], weights.shape[:-1])
    plus = np.zeros((*batch, m))
    minus = np.zeros((*batch, m))
    for j in range(criteria.n):
        code = int(criteria.preference[j])
        column = scores[..., j]
        if m < SORTED_FROM_M.get(code, m + 1):
            row_sum, col_sum = _pairwise_flows(
                column,
                bool(criteria.benefit[j]),
                code,
                float(criteria.q[j]),
                float(criteria.p[j]),
                float(criteria.s[j]),
            )
        else:
            # a cost criterion is a benefit one on -x: the same rounded differences, negated
            oriented = np.asarray(column if criteria.benefit[j] else -column, dtype=np.float64)
            row_sum, col_sum = _criterion_flows(oriented, code, float(criteria.q[j]), float(criteria.p[j]))
        w = weights[..., j, None]
        plus += w * row_sum
        minus += w * col_sum
    if m > 1:
        plus /= m - 1
        minus /= m - 1
    return MethodResult(score=plus - minus, extras={"phi_plus": plus, "phi_minus": minus})


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
