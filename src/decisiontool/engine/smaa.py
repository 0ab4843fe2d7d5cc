"""SMAA-2 (Lahdelma & Salminen 2001): rank acceptability, central weights, confidence.

Scores with an uncertainty range are drawn uniformly in it (or from a triangular distribution
with the score as its mode); scores without a range stay fixed. Weights are drawn in one of
three modes: `free` (no preference information: uniform on the simplex), `around` (the
profile's weights, each group and criterion weight multiplied by a factor in [1 - F, 1 + F])
or `ordinal` (uniform on the simplex subject to the profile's order of importance). The group
structure is kept: group weights and within-group weights are drawn separately and combined
by `effective_weights` (SPEC section 2). A criterion or group whose profile weight is 0 stays
at 0 in every mode.

Samples are processed in chunks (a Python loop per chunk, never per sample) so that memory
stays bounded for any number of samples. Every sampler makes exactly one `Generator.random`
call of shape (k, draws per sample), so a stream of draws split into chunks is the same as
one drawn at once: results depend on the seed only, never on the chunk size.

PURE: imports numpy and the engine's own modules only; never pydantic, rich, textual or
anything that reads or writes files.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Literal, get_args

import numpy as np

from decisiontool.engine.methods import Method
from decisiontool.engine.ranking import TIE_TOLERANCE, batch_ranks
from decisiontool.engine.values import (
    BoolArray,
    CriteriaArrays,
    FloatArray,
    IntArray,
    effective_weights,
    fails_minimum,
)

__all__ = [
    "CHUNK_ARRAY_BYTES",
    "DEFAULT_SAMPLES",
    "DEFAULT_SPREAD",
    "SCORE_DISTRIBUTIONS",
    "WEIGHT_MODES",
    "ScoreDistribution",
    "SmaaResult",
    "WeightMode",
    "chunk_size",
    "sample_scores",
    "sample_weights",
    "smaa",
]

WeightMode = Literal["free", "around", "ordinal"]
"""How weights are drawn: no information, perturbed profile, or the profile's order only."""

ScoreDistribution = Literal["uniform", "triangular"]
"""How a score with a range is drawn: uniform in the range, or triangular with the score as mode."""

WEIGHT_MODES: tuple[str, ...] = get_args(WeightMode)
SCORE_DISTRIBUTIONS: tuple[str, ...] = get_args(ScoreDistribution)

DEFAULT_SAMPLES = 10_000
DEFAULT_SPREAD = 0.2

CHUNK_ARRAY_BYTES = 8 * 2**20
"""Size bound of the largest per-chunk array (a (chunk, m, n) score or (chunk, m, m) pair block)."""


@dataclass(frozen=True)
class SmaaResult:
    """The SMAA-2 indices of every option (options in input order, m options, n criteria).

    `rank_acceptability[i, r - 1]` is the share of samples in which option i has rank r (ties
    share the better rank, so a column may sum to more than 1 when ties occur).
    `central_weights[i]` is the mean weight vector of the samples in which option i is first
    (NaN row when it never is). `confidence[i]` is the share of score samples in which option i
    is first when evaluated with its own central weights (NaN when it is never first).
    `expected_rank[i]` is the mean rank. `pairwise_winning[a, b]` is the share of samples in
    which a's rank is strictly better than b's.
    """

    rank_acceptability: FloatArray
    central_weights: FloatArray
    confidence: FloatArray
    expected_rank: FloatArray
    pairwise_winning: FloatArray
    samples: int
    seed: int
    weight_mode: WeightMode
    score_dist: ScoreDistribution
    spread: float


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
        left = low + np.sqrt(uniforms * width * (value - low))
        right = high - np.sqrt((1.0 - uniforms) * width * (high - value))
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
    result = np.empty((k, *value.shape))
    result[...] = value
    result[:, ranged] = _scores_from_uniforms(uniforms, value[ranged], low[ranged], high[ranged], dist)
    return result


def chunk_size(m: int, n: int) -> int:
    """Samples per chunk: the largest (chunk, m, n) or (chunk, m, m) array stays under
    `CHUNK_ARRAY_BYTES` (PROMETHEE II and the ranks build an (m, m) block per sample)."""
    per_sample = 8 * max(m * n, m * m, n, 1)
    return max(1, CHUNK_ARRAY_BYTES // per_sample)


def _check_spread(spread: float) -> None:
    if not 0.0 <= spread < 1.0:
        raise ValueError(f"spread must lie in [0, 1), not {spread}")


def _option_fails(scores: FloatArray, criteria: CriteriaArrays) -> BoolArray:
    """(..., m) True for options failing any minimum."""
    return np.asarray(fails_minimum(scores, criteria).any(axis=-1), dtype=np.bool_)


def _one_criterion_models(criteria: CriteriaArrays) -> list[CriteriaArrays]:
    """Each criterion alone, as a one-criterion `CriteriaArrays` (every field is per criterion)."""
    return [
        CriteriaArrays(**{f.name: getattr(criteria, f.name)[j : j + 1] for f in fields(criteria)})
        for j in range(criteria.n)
    ]


def _criterion_parts(
    method: Method, scores: FloatArray, singles: list[CriteriaArrays], vikor_v: float
) -> FloatArray:
    """(..., m, n) each option's score on each criterion alone, with weight 1.

    A method linear in the weights (`exact_sensitivity`: wsm, promethee2) is additive over
    criteria, score = sum_j w_j part_j (wsm: the values v_ij; PROMETHEE II: each criterion's
    net flow), so scores under any number of weight vectors are one matrix product. One call
    per criterion costs what one call of the whole model costs.
    """
    parts = np.empty(scores.shape)
    unit = np.ones(1)
    for j, single in enumerate(singles):
        parts[..., j] = method(scores[..., j : j + 1], unit, single, vikor_v).score
    return parts


def _first_under_own_weights(
    score: FloatArray, options: IntArray, higher_is_better: bool, fails: BoolArray | None
) -> BoolArray:
    """(k, q) whether options[j] ranks first in score[:, j] (k, q, m), by the rules of
    `batch_ranks` (rank 1 = no option ahead) but without building the (m, m) block."""
    signed = score if higher_is_better else -score
    columns = np.arange(options.shape[0])
    own = signed[:, columns, options]  # (k, q)
    ahead = signed - own[..., None] > TIE_TOLERANCE
    if fails is not None:  # fails (k, m)
        others_fail = fails[:, None, :]
        own_fails = fails[:, options][..., None]
        ahead = (ahead & (others_fail == own_fails)) | (own_fails & ~others_fail)
    return np.asarray(~ahead.any(axis=-1), dtype=np.bool_)


def smaa(
    scores: FloatArray,
    low: FloatArray,
    high: FloatArray,
    group_index: IntArray,
    group_weights: FloatArray,
    criterion_weights: FloatArray,
    criteria: CriteriaArrays,
    method: Method,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 1,
    weight_mode: WeightMode = "free",
    spread: float = DEFAULT_SPREAD,
    score_dist: ScoreDistribution = "uniform",
    vikor_v: float = 0.5,
    chunk: int | None = None,
) -> SmaaResult:
    """SMAA-2 over score ranges and weights; see `SmaaResult` for what it returns.

    `scores`, `low`, `high` (m, n) (low = high = score where there is no range);
    `group_index` (n,), `group_weights` (groups,), `criterion_weights` (n,) the profile's
    relative weights. Weights are drawn from the first child of
    `np.random.default_rng(seed).spawn(2)` and scores from the second, so the same seed gives
    the same result for any `chunk` (default: `chunk_size(m, n)`). Options failing a minimum
    (per sampled scores) rank after all passing ones. Confidence factors reuse the same score
    draws with each option's central weights.
    """
    if samples < 1:
        raise ValueError("samples must be at least 1")
    if chunk is not None and chunk < 1:
        raise ValueError("chunk must be at least 1")
    if weight_mode not in WEIGHT_MODES:
        raise ValueError(f"unknown weight mode {weight_mode!r}; expected one of {WEIGHT_MODES}")
    if score_dist not in SCORE_DISTRIBUTIONS:
        raise ValueError(f"unknown score distribution {score_dist!r}; expected one of {SCORE_DISTRIBUTIONS}")
    _check_spread(spread)

    m, n = scores.shape
    step = chunk_size(m, n) if chunk is None else chunk
    higher = method.higher_is_better
    weight_rng, score_rng = np.random.default_rng(seed).spawn(2)
    ranged = bool(np.any(high > low))
    has_minimum = bool(np.any(~np.isnan(criteria.minimum)))
    fixed_fails = _option_fails(scores, criteria) if has_minimum and not ranged else None

    # A method linear in the weights scores w @ parts: draws of scores cost one evaluation,
    # draws of weights a matrix product (see `_criterion_parts`).
    linear = method.exact_sensitivity
    singles = _one_criterion_models(criteria) if linear else []
    fixed_parts = _criterion_parts(method, scores, singles, vikor_v) if linear and not ranged else None

    rank_counts = np.zeros(m * m, dtype=np.int64)
    wins = np.zeros((m, m), dtype=np.int64)
    first_counts = np.zeros(m, dtype=np.int64)
    first_weight_sums = np.zeros((m, n))
    rank_slots = np.arange(m) * m
    for start in range(0, samples, step):
        k = min(step, samples - start)
        weights = sample_weights(
            weight_rng, k, group_index, group_weights, criterion_weights, weight_mode, spread
        )
        fails: BoolArray | None
        if ranged:
            drawn = sample_scores(score_rng, k, scores, low, high, score_dist)
            if linear:
                parts = _criterion_parts(method, drawn, singles, vikor_v)
                option_scores = (parts @ weights[:, :, None])[..., 0]
            else:
                option_scores = method(drawn, weights, criteria, vikor_v).score
            fails = _option_fails(drawn, criteria) if has_minimum else None
        else:
            fails = fixed_fails
            if fixed_parts is not None:
                option_scores = weights @ fixed_parts.T
            else:
                fixed = np.broadcast_to(scores, (k, m, n))
                option_scores = method(fixed, weights, criteria, vikor_v).score
        ranks = batch_ranks(option_scores, higher, fails)
        rank_counts += np.bincount((rank_slots + ranks - 1).ravel(), minlength=m * m)
        wins += (ranks[:, :, None] < ranks[:, None, :]).sum(axis=0)
        first = ranks == 1
        first_counts += first.sum(axis=0)
        first_weight_sums += first.T.astype(np.float64) @ weights

    acceptability = rank_counts.reshape(m, m) / samples
    ever_first = first_counts > 0
    central = np.full((m, n), np.nan)
    central[ever_first] = first_weight_sums[ever_first] / first_counts[ever_first, None]
    confidence = _confidence(
        scores,
        low,
        high,
        central,
        criteria,
        method,
        seed=seed,
        samples=samples,
        step=step,
        score_dist=score_dist,
        vikor_v=vikor_v,
    )
    return SmaaResult(
        rank_acceptability=acceptability,
        central_weights=central,
        confidence=confidence,
        expected_rank=acceptability @ np.arange(1, m + 1, dtype=np.float64),
        pairwise_winning=wins / samples,
        samples=samples,
        seed=seed,
        weight_mode=weight_mode,
        score_dist=score_dist,
        spread=spread,
    )


def _confidence(
    scores: FloatArray,
    low: FloatArray,
    high: FloatArray,
    central: FloatArray,
    criteria: CriteriaArrays,
    method: Method,
    *,
    seed: int,
    samples: int,
    step: int,
    score_dist: ScoreDistribution,
    vikor_v: float,
) -> FloatArray:
    """Confidence factors: each option evaluated with its central weights on the same score
    draws as the main pass (the score stream is drawn again from the seed); NaN where never
    first. All options with central weights are evaluated together, q weight vectors per draw,
    so a method not linear in the weights costs about q evaluations per draw here; it must
    broadcast a (k, 1, m, n) score batch against (q, n) weights, as topsis and vikor do."""
    m, n = scores.shape
    confidence = np.full(m, np.nan)
    options = np.flatnonzero(~np.isnan(central[:, 0]))
    q = options.shape[0]
    if q == 0:
        return confidence
    weights = central[options]  # (q, n)
    higher = method.higher_is_better
    has_minimum = bool(np.any(~np.isnan(criteria.minimum)))
    if not bool(np.any(high > low)):  # fixed scores: one evaluation decides, the share is 0 or 1
        result = method(np.broadcast_to(scores, (q, m, n)), weights, criteria, vikor_v).score
        fails = _option_fails(scores, criteria)[None, :] if has_minimum else None
        first = _first_under_own_weights(result[None], options, higher, fails)[0]
        confidence[options] = first.astype(np.float64)
        return confidence

    score_rng = np.random.default_rng(seed).spawn(2)[1]
    hits = np.zeros(q, dtype=np.int64)
    linear = method.exact_sensitivity
    singles = _one_criterion_models(criteria) if linear else []
    # the main pass's memory per chunk, spent on this pass's largest array per draw
    largest = max(m * n, q * m) if linear else q * m * n
    per_chunk = max(1, step * max(m * n, m * m) // largest)
    for start in range(0, samples, per_chunk):
        k = min(per_chunk, samples - start)
        drawn = sample_scores(score_rng, k, scores, low, high, score_dist)
        if linear:
            parts = _criterion_parts(method, drawn, singles, vikor_v)
            # one (k m, n) x (n, q) product rather than k small ones
            result = (parts.reshape(k * m, n) @ weights.T).reshape(k, m, q).swapaxes(1, 2)
        else:
            # (k, 1, m, n) draws against (q, n) weights: the method's weight-free work
            # (normalisation, column ends) is done once per draw, not once per option
            result = method(drawn[:, None], weights, criteria, vikor_v).score  # (k, q, m)
        fails = _option_fails(drawn, criteria) if has_minimum else None
        hits += _first_under_own_weights(result, options, higher, fails).sum(axis=0)
    confidence[options] = hits / samples
    return confidence
