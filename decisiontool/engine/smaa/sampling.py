"""SMAA-2 samplers: weights (free, around, ordinal, panel rows) and scores (uniform, triangular).

Every sampler makes exactly one `Generator.random` call of shape (k, draws per sample), so a
stream of draws split into chunks is the same as one drawn at once.

PURE: numpy and the engine only.
"""

from __future__ import annotations

from typing import Literal, get_args

import numpy as np

from decisiontool.engine.values import (
    BoolArray,
    FloatArray,
    IntArray,
    effective_weights,
    scaled_to_one,
    scaled_within_groups,
)

WeightMode = Literal["free", "around", "ordinal", "panel"]
"""How weights are drawn: no information, perturbed profile, the profile's order only, or the rows
of a given set of weight vectors (a panel's participants)."""

ScoreDistribution = Literal["uniform", "triangular"]
"""How a score with a range is drawn: uniform in the range, or triangular with the score as mode."""

WEIGHT_MODES: tuple[str, ...] = get_args(WeightMode)
SCORE_DISTRIBUTIONS: tuple[str, ...] = get_args(ScoreDistribution)

DEFAULT_SAMPLES = 10_000
DEFAULT_SPREAD = 0.2


def _weight_draws_per_sample(n_groups: int, n_criteria: int, mode: WeightMode) -> int:
    """How many uniforms `sample_weights` draws for each sample (fixed, whatever the chunk)."""
    if mode == "ordinal":  # values and random tie-breaks, for groups and criteria
        return 2 * (n_groups + n_criteria)
    return n_groups + n_criteria


def _exponential(uniforms: FloatArray) -> FloatArray:
    """Standard exponentials by inversion; normalised, they are uniform on the simplex."""
    return np.asarray(-np.log1p(-uniforms), dtype=np.float64)


def _ordered(
    draws: FloatArray, blocks: IntArray, importance: FloatArray, live: BoolArray, tie_break: FloatArray
) -> FloatArray:
    """Rearrange each row of `draws` (k, s) so that within every block the larger draws go to the
    more important entries; entries that are not live get 0.

    Entries of equal importance are ordered by `tie_break`, uniform draws, so that tied entries
    stay exchangeable. Sorting exchangeable draws this way turns uniform-on-the-simplex draws
    into uniform draws on the part of the simplex that follows the order.
    """
    shape = draws.shape
    block_key = np.broadcast_to(blocks, shape)
    sortable = np.where(live, draws, -1.0)  # dead entries sort last, like their importance 0
    value_order = np.lexsort((-sortable, block_key), axis=-1)
    rank_importance = np.where(live, importance, 0.0)
    target_order = np.lexsort((tie_break, np.broadcast_to(-rank_importance, shape), block_key), axis=-1)
    result = np.empty_like(sortable)
    np.put_along_axis(result, target_order, np.take_along_axis(sortable, value_order, axis=-1), axis=-1)
    return np.maximum(result, 0.0)


def _weights_from_uniforms(
    uniforms: FloatArray,
    group_index: IntArray,
    group_weights: FloatArray,
    criterion_weights: FloatArray,
    mode: WeightMode,
    spread: float = DEFAULT_SPREAD,
) -> FloatArray:
    """(k, n) effective weights from (k, `_weight_draws_per_sample`) uniforms in [0, 1).

    Columns: group draws (groups), criterion draws (n), then for `ordinal` the tie-breaks of
    groups and of criteria. See `sample_weights` for the modes.
    """
    n_groups = group_weights.shape[0]
    n = criterion_weights.shape[0]
    # ratios are what count: weights near the largest float would overflow when scaled by
    # `around`'s factors (1.7e308 * 1.1 is infinite)
    group_weights = scaled_to_one(group_weights)
    criterion_weights = scaled_within_groups(criterion_weights, group_index)
    live_criteria = criterion_weights > 0
    has_live = np.bincount(group_index[live_criteria], minlength=n_groups) > 0
    live_groups = (group_weights > 0) & has_live
    live_criteria = live_criteria & live_groups[group_index]
    u_groups = uniforms[:, :n_groups]
    u_criteria = uniforms[:, n_groups : n_groups + n]
    if mode == "around":
        sampled_groups = group_weights * (1.0 - spread + 2.0 * spread * u_groups)
        sampled_criteria = criterion_weights * (1.0 - spread + 2.0 * spread * u_criteria)
    elif mode == "free":
        sampled_groups = np.where(live_groups, _exponential(u_groups), 0.0)
        sampled_criteria = np.where(live_criteria, _exponential(u_criteria), 0.0)
    elif mode == "ordinal":
        tie_groups = uniforms[:, n_groups + n : 2 * n_groups + n]
        tie_criteria = uniforms[:, 2 * n_groups + n :]
        sampled_groups = _ordered(
            _exponential(u_groups), np.zeros(n_groups, dtype=np.intp), group_weights, live_groups, tie_groups
        )
        sampled_criteria = _ordered(
            _exponential(u_criteria), group_index, criterion_weights, live_criteria, tie_criteria
        )
    else:
        raise ValueError(f"unknown weight mode {mode!r}; expected one of {WEIGHT_MODES}")
    # effective_weights normalises within groups and across groups: normalised exponentials
    # are uniform on each simplex
    return effective_weights(group_index, sampled_groups, sampled_criteria)


def sample_weights(
    rng: np.random.Generator,
    k: int,
    group_index: IntArray,
    group_weights: FloatArray,
    criterion_weights: FloatArray,
    mode: WeightMode = "free",
    spread: float = DEFAULT_SPREAD,
) -> FloatArray:
    """(k, n) effective weights drawn for SMAA.

    - `free`: group weights uniform on the simplex of the live groups, and within each group
      the criterion weights uniform on that group's simplex (with a single group: uniform on
      the simplex of the live criteria).
    - `around`: every group and criterion weight of the profile multiplied by its own factor
      uniform in [1 - spread, 1 + spread], then combined (spread 0: exactly the profile).
    - `ordinal`: as `free`, but sorted so that the profile's order of importance holds among
      groups and among the criteria of each group (equal profile weights: any order).

    Criteria and groups with profile weight 0 stay at 0. One `rng.random((k, draws))` call.
    """
    _check_spread(spread)
    draws = _weight_draws_per_sample(group_weights.shape[0], criterion_weights.shape[0], mode)
    uniforms = rng.random((k, draws))
    return _weights_from_uniforms(uniforms, group_index, group_weights, criterion_weights, mode, spread)


def sample_rows(rng: np.random.Generator, k: int, weight_set: FloatArray) -> FloatArray:
    """(k, n) weight vectors drawn uniformly, with replacement, from the rows of `weight_set` (p, n).

    The `panel` mode: each participant's effective weights equally likely. One
    `rng.random((k, 1))` call, so the draws do not depend on the chunk size.
    """
    rows = np.asarray(weight_set, dtype=np.float64)
    index = np.minimum((rng.random((k, 1))[:, 0] * rows.shape[0]).astype(np.intp), rows.shape[0] - 1)
    return np.asarray(rows[index], dtype=np.float64)


def _scores_from_uniforms(
    uniforms: FloatArray, value: FloatArray, low: FloatArray, high: FloatArray, dist: ScoreDistribution
) -> FloatArray:
    """Draws (k, r) of r ranged scores from uniforms (k, r): uniform in [low, high], or
    triangular on [low, high] with mode `value` (by inversion of its distribution function).
    Requires low < high for every entry."""
    width = high - low
    if dist == "uniform":
        return np.asarray(low + width * uniforms, dtype=np.float64)
    if dist == "triangular":
        below_mode = (value - low) / width
        # a product of roots, not the root of a product: width * (value - low) overflows
        # for scores beyond 1e154
        left = low + np.sqrt(uniforms * width) * np.sqrt(value - low)
        right = high - np.sqrt((1.0 - uniforms) * width) * np.sqrt(high - value)
        return np.asarray(np.where(uniforms < below_mode, left, right), dtype=np.float64)
    raise ValueError(f"unknown score distribution {dist!r}; expected one of {SCORE_DISTRIBUTIONS}")


def sample_scores(
    rng: np.random.Generator,
    k: int,
    value: FloatArray,
    low: FloatArray,
    high: FloatArray,
    dist: ScoreDistribution = "uniform",
) -> FloatArray:
    """(k, m, n) score draws; `low`/`high` (m, n) equal `value` where a score has no range.

    Scores without a range are the value in every draw. One `rng.random((k, r))` call, r the
    number of ranged scores.
    """
    ranged = high > low
    uniforms = rng.random((k, int(np.count_nonzero(ranged))))
    if ranged.all():  # the same draws in the same (C) order, without the masked copy
        return _scores_from_uniforms(uniforms.reshape(k, *value.shape), value, low, high, dist)
    result = np.empty((k, *value.shape))
    result[...] = value
    result[:, ranged] = _scores_from_uniforms(uniforms, value[ranged], low[ranged], high[ranged], dist)
    return result


def _check_spread(spread: float) -> None:
    if not 0.0 <= spread < 1.0:
        raise ValueError(f"spread must lie in [0, 1), not {spread}")
