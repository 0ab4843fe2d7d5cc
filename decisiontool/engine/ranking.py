"""Ranks from scores (ties, minimum thresholds) and rank correlations.

PURE: imports numpy only; never pydantic, rich, textual or anything that reads files.
"""

from __future__ import annotations

import numpy as np

from decisiontool.engine.values import BoolArray, FloatArray, IntArray

TIE_TOLERANCE = 1e-9
"""Scores closer than this to the option just before share its rank (docs/methods.md)."""


def rank_order(score: FloatArray, higher_is_better: bool, fails: BoolArray | None = None) -> IntArray:
    """Option indices from first to last: passing options by score, then failing ones by score.

    Equal scores keep the options' own order (a stable sort).
    """
    m = score.shape[0]
    failing = np.zeros(m, dtype=np.bool_) if fails is None else fails
    key = -score if higher_is_better else score
    # lexsort sorts by the last key first: failing status, then score, then position
    return np.lexsort((np.arange(m), key, failing)).astype(np.intp)


def competition_ranks(
    score: FloatArray, higher_is_better: bool, fails: BoolArray | None = None
) -> tuple[IntArray, IntArray]:
    """(order, ranks): the sorted option indices and each option's rank (1 is best).

    Competition ranking (1, 2, 2, 4): an option whose score is within `TIE_TOLERANCE` of the
    option just before it in the order shares that option's rank. Options failing a minimum
    come after every passing option and never tie with one.
    """
    m = score.shape[0]
    failing = np.zeros(m, dtype=np.bool_) if fails is None else fails
    order = rank_order(score, higher_is_better, failing)
    ranks = np.zeros(m, dtype=np.intp)
    for position, option in enumerate(order):
        if position > 0:
            previous = order[position - 1]
            tied = abs(score[option] - score[previous]) <= TIE_TOLERANCE
            if tied and failing[option] == failing[previous]:
                ranks[option] = ranks[previous]
                continue
        ranks[option] = position + 1
    return order, ranks


BROADCAST_OPTIONS = 64
"""Up to this many options `batch_ranks` compares every pair at once; beyond, it sorts."""


def batch_ranks(score: FloatArray, higher_is_better: bool, fails: BoolArray | None = None) -> IntArray:
    """Ranks for a batch of score vectors `(..., m)`, vectorised.

    Rank = 1 + the number of options placed strictly ahead: every passing option when this
    one fails, and every option of the same status whose score is better by more than
    `TIE_TOLERANCE`. Equal to `competition_ranks` except in chains of near-ties (each
    within 1e-9 of the next), which only the one-at-a-time rule resolves. Beyond
    `BROADCAST_OPTIONS` options (finite scores, one `fails` for the batch) the same counts
    come from a sort and a binary search, in O(m log m) time and O(m) memory per vector
    instead of O(m^2).
    """
    signed = score if higher_is_better else -score
    m = score.shape[-1]
    if m > BROADCAST_OPTIONS and (fails is None or fails.ndim == 1) and np.isfinite(signed).all():
        return _sorted_ranks(signed, fails)
    better = signed[..., None, :] - signed[..., :, None] > TIE_TOLERANCE  # [.., i, k]: k ahead of i
    if fails is None:
        ahead = better
    else:
        fails_b = np.broadcast_to(fails, score.shape)
        same_status = fails_b[..., :, None] == fails_b[..., None, :]
        passing_ahead = fails_b[..., :, None] & ~fails_b[..., None, :]
        ahead = (better & same_status) | passing_ahead
    return np.asarray(1 + ahead.sum(axis=-1), dtype=np.intp)


def _sorted_ranks(signed: FloatArray, fails: BoolArray | None) -> IntArray:
    """`batch_ranks` of higher-is-better scores `signed` (..., m) with one `fails` (m,) or none."""
    if fails is None or not fails.any() or fails.all():
        return 1 + _count_ahead(signed)
    ranks = np.empty(signed.shape, dtype=np.intp)
    passing = ~fails
    ranks[..., passing] = 1 + _count_ahead(signed[..., passing])
    ranks[..., fails] = 1 + int(np.count_nonzero(passing)) + _count_ahead(signed[..., fails])
    return ranks


def _count_ahead(signed: FloatArray) -> IntArray:
    """For each entry of each vector (..., m): how many entries k have `signed[k] - signed[i] >
    TIE_TOLERANCE`, computed exactly as written (a rounded difference is monotone in signed[k],
    so those k are a tail of the sorted vector, found by bisection with the same test)."""
    ordered = np.sort(signed, axis=-1)
    m = signed.shape[-1]
    low = np.zeros(signed.shape, dtype=np.intp)
    high = np.full(signed.shape, m, dtype=np.intp)
    while True:
        open_ = low < high
        if not open_.any():
            break
        middle = (low + high) // 2
        value = np.take_along_axis(ordered, np.minimum(middle, m - 1), axis=-1)
        ahead = value - signed > TIE_TOLERANCE
        high = np.where(open_ & ahead, middle, high)
        low = np.where(open_ & ~ahead, middle + 1, low)
    return np.asarray(m - low, dtype=np.intp)


def _average_ranks(ranks: FloatArray) -> FloatArray:
    """Average ranks (ties share the mean of the positions they occupy), as Spearman needs."""
    order = np.argsort(ranks, kind="stable")
    sorted_ranks = ranks[order]
    positions = np.arange(1, ranks.shape[0] + 1, dtype=np.float64)
    result = np.empty_like(positions)
    start = 0
    while start < ranks.shape[0]:
        end = start
        while end + 1 < ranks.shape[0] and sorted_ranks[end + 1] == sorted_ranks[start]:
            end += 1
        result[order[start : end + 1]] = positions[start : end + 1].mean()
        start = end + 1
    return result


def spearman_rho(a: FloatArray | IntArray, b: FloatArray | IntArray) -> float:
    """Spearman's rank correlation of two rank vectors (ties averaged); NaN when undefined."""
    ra = _average_ranks(np.asarray(a, dtype=np.float64))
    rb = _average_ranks(np.asarray(b, dtype=np.float64))
    da = ra - ra.mean()
    db = rb - rb.mean()
    denominator = float(np.sqrt((da * da).sum() * (db * db).sum()))
    if denominator == 0.0:
        return float("nan")
    return float((da * db).sum() / denominator)


def kendall_tau(a: FloatArray | IntArray, b: FloatArray | IntArray) -> float:
    """Kendall's tau-b of two rank vectors (corrects for ties); NaN when undefined."""
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    upper = np.triu_indices(x.shape[0], k=1)
    sx = np.sign(x[:, None] - x[None, :])[upper]
    sy = np.sign(y[:, None] - y[None, :])[upper]
    concordance = float((sx * sy).sum())
    untied_x = float(np.count_nonzero(sx))
    untied_y = float(np.count_nonzero(sy))
    if untied_x == 0.0 or untied_y == 0.0:
        return float("nan")
    return concordance / float(np.sqrt(untied_x * untied_y))


def kendall_w(rankings: FloatArray | IntArray) -> float:
    """Kendall's coefficient of concordance W of (raters, items) ranks, corrected for ties.

    Each row is one rater's ranks of the same items (ties as equal ranks, averaged here).
    W = 12 S / (m^2 (n^3 - n) - m T), S the sum of squared deviations of the items' rank sums
    from their mean, T the sum over raters of t^3 - t for each group of t tied items
    (Kendall & Babington Smith 1939; Siegel & Castellan 1988, section 9.4). 1 is complete
    agreement, 0 none. NaN when undefined: fewer than 2 raters or items, or every rater
    tying every item.
    """
    ranks = np.asarray(rankings, dtype=np.float64)
    m, n = ranks.shape
    if m < 2 or n < 2:
        return float("nan")
    averaged = np.vstack([_average_ranks(row) for row in ranks])
    totals = averaged.sum(axis=0)
    spread = float(((totals - totals.mean()) ** 2).sum())
    ties = 0.0
    for row in ranks:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denominator = m * m * (n**3 - n) - m * ties
    if denominator <= 0:
        return float("nan")
    return float(12.0 * spread / denominator)
