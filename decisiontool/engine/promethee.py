"""PROMETHEE II (docs/methods.md): preference functions and net flows, exact and bounded in memory.

Each criterion's flows come from sorted differences (prefix sums) when enough options make it
pay (`SORTED_FROM_M`), otherwise from bounded blocks of pairwise differences
(`PAIRWISE_BLOCK_BYTES`), so memory never grows with the square of the options.

PURE: imports numpy only; never pydantic, rich, textual or anything that reads files.
"""

from __future__ import annotations

import math

import numpy as np

from decisiontool.engine.results import MethodResult
from decisiontool.engine.values import PREFERENCE_CODES, CriteriaArrays, FloatArray, IntArray


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
