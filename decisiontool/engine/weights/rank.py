"""Weights from an importance order (ROC, RS, RR, equal; SMARTER) and from swing ratings.

PURE: numpy and the standard library only (see `decisiontool.engine.weights`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from decisiontool.engine.values import FloatArray

RANK_ORDER_METHODS: tuple[str, ...] = ("roc", "rs", "rr", "equal")
"""The methods `rank_order_weights` knows."""


def parse_rank_order(tokens: Sequence[str]) -> list[list[str]]:
    """Parse an importance order given as command-line tokens into tiers.

    Each token is one tier, most important first; names in a tier are tied and joined
    with `=`. `["a", "b=c", "d"]` gives `[["a"], ["b", "c"], ["d"]]`. Spaces around names
    are ignored. Raises `ValueError` for no tokens, an empty name (`"b="`, `"=c"`, `""`),
    a name with spaces inside, or a name that appears more than once.
    """
    if len(tokens) == 0:
        raise ValueError("the importance order is empty: give at least one criterion")
    tiers: list[list[str]] = []
    seen: set[str] = set()
    for token in tokens:
        names = [name.strip() for name in token.split("=")]
        if any(name == "" for name in names):
            raise ValueError(f"empty name in {token!r}: write tied criteria as a=b, with a name on each side")
        for name in names:
            if any(ch.isspace() for ch in name):
                raise ValueError(f"{name!r} contains a space: give each tier as a separate argument")
            if name in seen:
                raise ValueError(f"{name!r} appears more than once in the importance order")
            seen.add(name)
        tiers.append(names)
    return tiers


def _position_weights(n: int, method: str) -> FloatArray:
    """Weights of positions 1..n (no ties) under `method`; they sum to 1."""
    k = np.arange(1, n + 1, dtype=np.float64)
    if method == "roc":
        # w_k = (1/n) sum_{i=k}^{n} 1/i: a reversed cumulative sum of 1/i.
        return np.cumsum((1.0 / k)[::-1])[::-1] / n
    if method == "rs":
        return (n + 1 - k) / (n * (n + 1) / 2)
    if method == "rr":
        return (1.0 / k) / np.sum(1.0 / k)
    return np.full(n, 1.0 / n)


def rank_order_weights(levels: Sequence[int], method: str) -> FloatArray:
    """Weights from an importance order, one per item.

    `levels[i]` is the importance level of item i: 1 is the most important, a larger level
    is less important, and items with the same level are tied. Only the order of the levels
    matters: `[1, 2, 2, 3]` and `[1, 2, 2, 4]` both mean `a b=c d`.

    Ties: the items of a level occupy as many consecutive positions as there are of them,
    counted as in competition ranking, and share equally the weights of those positions.
    `a b=c d` occupies positions 1, 2, 3, 4; b and c each get the mean of the weights of
    positions 2 and 3. The weights therefore still sum to 1 and never increase from one
    level to the next.

    Methods, for n items and position k (Stillwell, Seaver & Edwards 1981; Barron & Barrett
    1996): `roc` rank-order centroid `(1/n) sum_{i=k}^{n} 1/i`; `rs` rank sum
    `(n + 1 - k) / (n (n + 1) / 2)`; `rr` reciprocal rank `(1/k) / sum_i 1/i`; `equal` 1/n.

    Raises `ValueError` for an unknown method, no items, or a level that is not an
    integer >= 1.
    """
    if method not in RANK_ORDER_METHODS:
        raise ValueError(
            f"unknown rank-order method {method!r}: choose one of {', '.join(RANK_ORDER_METHODS)}"
        )
    n = len(levels)
    if n == 0:
        raise ValueError("no items to weight: the importance order is empty")
    for index, level in enumerate(levels):
        if isinstance(level, bool) or not isinstance(level, int | np.integer):
            raise ValueError(f"level of item {index} must be an integer, not {level!r}")
        if level < 1:
            raise ValueError(f"level of item {index} is {level}: levels start at 1")
    position_weights = _position_weights(n, method)
    level_array = np.asarray(levels, dtype=np.int64)
    weights = np.empty(n, dtype=np.float64)
    first = 0
    for level in np.unique(level_array):  # sorted: most important first
        members = level_array == level
        size = int(np.count_nonzero(members))
        weights[members] = position_weights[first : first + size].mean()
        first += size
    return weights


def smarter_weights(levels: Sequence[int]) -> FloatArray:
    """SMARTER weights (Edwards & Barron 1994): rank-order centroid weights of an order.

    Same as `rank_order_weights(levels, "roc")`, ties included.
    """
    return rank_order_weights(levels, "roc")


# --------------------------------------------------------------------------------------
# Swing weighting
# --------------------------------------------------------------------------------------


def swing_weights(ratings: Sequence[float]) -> FloatArray:
    """Swing weights (SMART/SMARTER): each swing's rating divided by the sum of ratings.

    The user imagines every criterion at its worst, picks the swing from worst to best that
    matters most and rates it 100, then rates every other swing from 0 to 100 relative to
    it. Ratings are not rescaled: raises `ValueError` when there are none, when one is not
    a finite number, is negative or above 100, or when the highest is not 100.
    """
    if len(ratings) == 0:
        raise ValueError("no swing ratings given")
    values = np.empty(len(ratings), dtype=np.float64)
    for index, rating in enumerate(ratings):
        value = float(rating)
        if not math.isfinite(value):
            raise ValueError(f"swing rating of item {index} is {rating!r}: give a number")
        if value < 0 or value > 100:
            raise ValueError(f"swing rating of item {index} is {value:g}: ratings lie between 0 and 100")
        values[index] = value
    highest = float(values.max())
    if highest != 100.0:
        raise ValueError(
            f"the most important swing must be rated 100 (the highest rating is {highest:g}); "
            "rate the other swings relative to it"
        )
    return values / float(values.sum())
