"""SMAA-2 (Lahdelma & Salminen 2001): rank acceptability, central weights, confidence.

Scores with an uncertainty range are drawn uniformly in it (or from a triangular distribution
with the score as its mode); scores without a range stay fixed. Weights are drawn in one of
three modes: `free` (no preference information: uniform on the simplex), `around` (the
profile's weights, each group and criterion weight multiplied by a factor in [1 - F, 1 + F])
or `ordinal` (uniform on the simplex subject to the profile's order of importance). The group
structure is kept: group weights and within-group weights are drawn separately and combined
by `effective_weights` (docs/model-format.md#weights). A criterion or group whose profile weight is 0 stays
at 0 in every mode.

Samples are processed in chunks (a Python loop per chunk, never per sample) so that memory
stays bounded for any number of samples. Every sampler makes exactly one `Generator.random`
call of shape (k, draws per sample), so a stream of draws split into chunks is the same as
one drawn at once: results depend on the seed only, never on the chunk size.

PURE: imports numpy and the engine's own modules only; never pydantic, rich, textual or
anything that reads or writes files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np

from decisiontool.engine.methods import Method, products
from decisiontool.engine.ranking import TIE_TOLERANCE, batch_ranks
from decisiontool.engine.values import (
    BoolArray,
    CriteriaArrays,
    FloatArray,
    IntArray,
    effective_weights,
    fails_minimum,
    scaled_to_one,
    scaled_within_groups,
)

__all__ = [
    "CHUNK_ARRAY_BYTES",
    "CONFIDENCE_ARRAY_BYTES",
    "DEFAULT_SAMPLES",
    "DEFAULT_SPREAD",
    "SCORE_DISTRIBUTIONS",
    "WEIGHT_MODES",
    "Progress",
    "ScoreDistribution",
    "SmaaResult",
    "WeightMode",
    "chunk_size",
    "sample_rows",
    "sample_scores",
    "sample_weights",
    "smaa",
    "smaa_work",
]

WeightMode = Literal["free", "around", "ordinal", "panel"]
"""How weights are drawn: no information, perturbed profile, the profile's order only, or the rows
of a given set of weight vectors (a panel's participants)."""

ScoreDistribution = Literal["uniform", "triangular"]
"""How a score with a range is drawn: uniform in the range, or triangular with the score as mode."""

Progress = Callable[[int, int], None]
"""`progress(done, total)`, called by `smaa` as work completes (see `smaa_work`)."""

WEIGHT_MODES: tuple[str, ...] = get_args(WeightMode)
SCORE_DISTRIBUTIONS: tuple[str, ...] = get_args(ScoreDistribution)

DEFAULT_SAMPLES = 10_000
DEFAULT_SPREAD = 0.2

CHUNK_ARRAY_BYTES = 16 * 2**20
"""Size bound of the largest per-chunk array (a (chunk, m, n) score or (chunk, m, m) pair block)."""

CONFIDENCE_ARRAY_BYTES = 2 * 2**20
"""Size bound of the (chunk, q, m, n) arrays of the confidence pass of a non-linear method."""

# Products over samples use einsum, not matmul: a tall, skinny BLAS product (10^4 x 12 by
# 12 x 10) was measured 20 times slower when OpenBLAS spread it over threads on a busy
# machine; einsum's cost is steady and small next to the methods'.


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


def chunk_size(m: int, n: int) -> int:
    """Samples per chunk: the largest (chunk, m, n) or (chunk, m, m) array stays under
    `CHUNK_ARRAY_BYTES` (PROMETHEE II and the ranks build an (m, m) block per sample)."""
    per_sample = 8 * max(m * n, m * m, n, 1)
    return max(1, CHUNK_ARRAY_BYTES // per_sample)


def smaa_work(samples: int, ranged: bool) -> int:
    """The `total` that `smaa` passes to its `progress` callback: `samples` for the main
    pass, and `samples` more for the confidence pass when some score has a range (without
    ranges the confidence factors take one evaluation, counted as no work)."""
    return 2 * samples if ranged else samples


def _check_spread(spread: float) -> None:
    if not 0.0 <= spread < 1.0:
        raise ValueError(f"spread must lie in [0, 1), not {spread}")


def _option_fails(scores: FloatArray, criteria: CriteriaArrays) -> BoolArray:
    """(..., m) True for options failing any minimum."""
    return np.asarray(fails_minimum(scores, criteria).any(axis=-1), dtype=np.bool_)


def _one_criterion_models(criteria: CriteriaArrays) -> list[CriteriaArrays]:
    """Each criterion alone, as a one-criterion `CriteriaArrays`."""
    return [criteria.single(j) for j in range(criteria.n)]


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


@dataclass(frozen=True)
class _Draws:
    """One chunk of score draws (k, m, n) and what the method derives from them without weights."""

    drawn: FloatArray
    parts: FloatArray | None
    """Per-criterion parts (k, m, n), for a method linear in the weights."""
    prepared: tuple[FloatArray, ...] | None
    """The weight-free preparation (`Method.split`), for topsis and vikor."""


@dataclass(frozen=True)
class _ScoreModel:
    """What every chunk needs to turn draws into option scores (built once per run)."""

    scores: FloatArray
    low: FloatArray
    high: FloatArray
    criteria: CriteriaArrays
    method: Method
    vikor_v: float
    score_dist: ScoreDistribution
    ranged: bool
    has_minimum: bool
    singles: list[CriteriaArrays]
    """One-criterion models, for a method linear in the weights; empty otherwise."""
    fixed_parts: FloatArray | None
    """(m, n) parts of the fixed scores, for a linear method without score ranges."""

    @property
    def linear(self) -> bool:
        """Scores are w @ parts (see `_criterion_parts`)."""
        return self.method.exact_sensitivity

    def draw(self, rng: np.random.Generator, k: int) -> _Draws:
        """(k, m, n) score draws and, for a linear method, their (k, m, n) parts; for a
        method with a weight-free preparation, the prepared arrays."""
        drawn = sample_scores(rng, k, self.scores, self.low, self.high, self.score_dist)
        if self.linear:
            return _Draws(drawn, _criterion_parts(self.method, drawn, self.singles, self.vikor_v), None)
        split = self.method.split
        return _Draws(drawn, None, None if split is None else split.prepare(drawn, self.criteria))

    def fails(self, drawn: FloatArray) -> BoolArray | None:
        """(..., m) options failing a minimum, or None when no criterion has one."""
        return _option_fails(drawn, self.criteria) if self.has_minimum else None


@dataclass
class _Tally:
    """Counts accumulated over chunks of samples."""

    rank_counts: IntArray
    """(m * m,) samples per (option, rank - 1)."""
    wins: IntArray
    """(m, m) samples in which a ranks strictly better than b."""
    first_counts: IntArray
    first_weight_sums: FloatArray

    @classmethod
    def empty(cls, m: int, n: int) -> _Tally:
        """Nothing counted yet."""
        return cls(
            rank_counts=np.zeros(m * m, dtype=np.intp),
            wins=np.zeros((m, m), dtype=np.intp),
            first_counts=np.zeros(m, dtype=np.intp),
            first_weight_sums=np.zeros((m, n)),
        )

    def add(self, ranks: IntArray, weights: FloatArray) -> None:
        """Count one chunk: ranks (k, m) under weights (k, n)."""
        m = ranks.shape[1]
        self.rank_counts += np.bincount((np.arange(m) * m + ranks - 1).ravel(), minlength=m * m)
        self.wins += (ranks[:, :, None] < ranks[:, None, :]).sum(axis=0)
        first = ranks == 1
        self.first_counts += first.sum(axis=0)
        self.first_weight_sums += np.einsum("km,kn->mn", first.astype(np.float64), weights)


def _count_chunk(
    model: _ScoreModel, weights: FloatArray, score_rng: np.random.Generator, tally: _Tally, keep: bool
) -> _Draws | None:
    """Rank one chunk of samples under `weights` (k, n) and count it into `tally`.

    Returns the chunk's score draws and parts when `keep` (for the confidence pass to reuse);
    otherwise everything the chunk built is freed on return, before the next chunk is built.
    """
    k = weights.shape[0]
    m, n = model.scores.shape
    draws = None
    if model.ranged:
        draws = model.draw(score_rng, k)
        split = model.method.split
        if draws.parts is not None:
            option_scores = (draws.parts @ weights[:, :, None])[..., 0]
        elif draws.prepared is not None and split is not None:
            option_scores = split.weigh(draws.prepared, weights, model.vikor_v).score
        else:
            option_scores = model.method(draws.drawn, weights, model.criteria, model.vikor_v).score
        fails = model.fails(draws.drawn)
    else:
        fails = model.fails(model.scores)
        if model.fixed_parts is not None:
            option_scores = np.einsum("kn,mn->km", weights, model.fixed_parts)
        else:
            fixed = np.broadcast_to(model.scores, (k, m, n))
            option_scores = model.method(fixed, weights, model.criteria, model.vikor_v).score
    tally.add(batch_ranks(option_scores, model.method.higher_is_better, fails), weights)
    return draws if keep else None


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
    weight_set: FloatArray | None = None,
    progress: Progress | None = None,
) -> SmaaResult:
    """SMAA-2 over score ranges and weights; see `SmaaResult` for what it returns.

    `scores`, `low`, `high` (m, n) (low = high = score where there is no range);
    `group_index` (n,), `group_weights` (groups,), `criterion_weights` (n,) the profile's
    relative weights. Weights are drawn from the first child of
    `np.random.default_rng(seed).spawn(2)` and scores from the second, so the same seed gives
    the same result for any `chunk` (samples per chunk; default `chunk_size(m, n)`). Options
    failing a minimum (per sampled scores) rank after all passing ones. Confidence factors
    use the same score draws with each option's central weights. With `weight_mode="panel"`,
    weights are the rows of `weight_set` (p, n), drawn by `sample_rows`.

    `progress(done, total)`, when given, is called after every chunk of the main pass and of
    the confidence pass, from the calling thread, with `total = smaa_work(samples, ranged)`
    fixed for the run and `done` growing to it: the main pass counts its samples (0 to
    `samples`), the confidence pass, when scores have ranges, its samples again (`samples`
    to `2 * samples`). The last call has `done == total`. It does not change the result; an
    exception it raises (KeyboardInterrupt, say) stops the run.
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
    if (weight_mode == "panel") != (weight_set is not None):
        raise ValueError("weight_mode 'panel' and a weight_set go together")

    m, n = scores.shape
    step = chunk_size(m, n) if chunk is None else chunk
    scores = np.asarray(scores, dtype=np.float64)
    ranged = bool(np.any(high > low))
    singles = _one_criterion_models(criteria) if method.exact_sensitivity else []
    model = _ScoreModel(
        scores=scores,
        low=np.asarray(low, dtype=np.float64),
        high=np.asarray(high, dtype=np.float64),
        criteria=criteria,
        method=method,
        vikor_v=vikor_v,
        score_dist=score_dist,
        ranged=ranged,
        has_minimum=bool(np.any(~np.isnan(criteria.minimum))),
        singles=singles,
        fixed_parts=None if ranged or not singles else _criterion_parts(method, scores, singles, vikor_v),
    )
    total = smaa_work(samples, ranged)
    weight_rng, score_rng = np.random.default_rng(seed).spawn(2)
    tally = _Tally.empty(m, n)
    single_chunk = None  # when one chunk holds every sample, the confidence pass reuses its draws
    for start in range(0, samples, step):
        k = min(step, samples - start)
        if weight_set is not None:
            weights = sample_rows(weight_rng, k, weight_set)
        else:
            weights = sample_weights(
                weight_rng, k, group_index, group_weights, criterion_weights, weight_mode, spread
            )
        single_chunk = _count_chunk(model, weights, score_rng, tally, keep=k == samples)
        if progress is not None:
            progress(start + k, total)

    acceptability = tally.rank_counts.reshape(m, m) / samples
    ever_first = tally.first_counts > 0
    central = np.full((m, n), np.nan)
    central[ever_first] = tally.first_weight_sums[ever_first] / tally.first_counts[ever_first, None]
    return SmaaResult(
        rank_acceptability=acceptability,
        central_weights=central,
        confidence=_confidence(model, central, seed, samples, step, single_chunk, progress),
        expected_rank=acceptability @ np.arange(1, m + 1, dtype=np.float64),
        pairwise_winning=tally.wins / samples,
        samples=samples,
        seed=seed,
        weight_mode=weight_mode,
        score_dist=score_dist,
        spread=spread,
    )


def _confidence(
    model: _ScoreModel,
    central: FloatArray,
    seed: int,
    samples: int,
    step: int,
    single_chunk: _Draws | None,
    progress: Progress | None = None,
) -> FloatArray:
    """Confidence factors: each option evaluated with its central weights on the same score
    draws as the main pass (drawn again from the seed, or `single_chunk`'s draws and parts
    when the main pass held them all in one chunk); NaN where never first.

    All options with central weights are evaluated together, q weight vectors per draw, so a
    method not linear in the weights costs about q evaluations per draw here; it must
    broadcast a (k, 1, m, n) score batch against (q, n) weights, as topsis and vikor do."""
    m, n = model.scores.shape
    confidence = np.full(m, np.nan)
    options = np.flatnonzero(~np.isnan(central[:, 0]))
    q = options.shape[0]
    if q == 0:
        return confidence
    weights = central[options]  # (q, n)
    if not model.ranged:  # fixed scores: one evaluation decides, the share is 0 or 1
        fixed = np.broadcast_to(model.scores, (q, m, n))
        result = model.method(fixed, weights, model.criteria, model.vikor_v).score
        fails = model.fails(model.scores[None])  # (1, m): one draw
        first = _first_under_own_weights(result[None], options, model.method.higher_is_better, fails)
        confidence[options] = first[0].astype(np.float64)
        return confidence

    # Linear methods keep (k, m, n) parts and a (k, q, m) result, as small as the main pass's
    # arrays. Other methods build (k, q, m, n) arrays, kept smaller: many short-lived large
    # temporaries cost more in page faults and cache misses than a longer loop.
    if model.linear or model.method.split is not None:
        per_chunk = max(1, step * max(m * n, m * m) // max(m * n, q * m))
    else:
        per_chunk = max(1, min(step, CONFIDENCE_ARRAY_BYTES // (8 * q * m * n)))
    score_rng = np.random.default_rng(seed).spawn(2)[1]
    hits = np.zeros(q, dtype=np.intp)
    for start in range(0, samples, per_chunk):
        k = min(per_chunk, samples - start)
        draws = single_chunk if single_chunk is not None and k == samples else model.draw(score_rng, k)
        hits += _confidence_hits(model, weights, options, draws)
        if progress is not None:
            progress(samples + start + k, 2 * samples)
    confidence[options] = hits / samples
    return confidence


def _confidence_hits(
    model: _ScoreModel,
    weights: FloatArray,
    options: IntArray,
    draws: _Draws,
) -> IntArray:
    """(q,) in how many of the (k, m, n) draws each of `options` is first under its own
    weights (q, n)."""
    drawn, parts, split = draws.drawn, draws.parts, model.method.split
    if parts is not None:
        result = products(parts, weights)  # (k, q, m)
    elif draws.prepared is not None and split is not None:
        # the draws were prepared once (normalisation, column ends); q weightings each
        result = split.many(draws.prepared, weights, model.vikor_v)
    else:
        # (k, 1, m, n) draws against (q, n) weights: the method's weight-free work
        # (normalisation, column ends) is done once per draw, not once per option
        result = model.method(drawn[:, None], weights, model.criteria, model.vikor_v).score
    first = _first_under_own_weights(result, options, model.method.higher_is_better, model.fails(drawn))
    return np.asarray(first.sum(axis=0), dtype=np.intp)
