"""SMAA-2 runs: the main pass (rank counts, central weights) and the confidence pass.

PURE: numpy and the engine only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from decisiontool.engine.methods import Method, products
from decisiontool.engine.ranking import batch_ranks
from decisiontool.engine.smaa.sampling import (
    DEFAULT_SAMPLES,
    DEFAULT_SPREAD,
    SCORE_DISTRIBUTIONS,
    WEIGHT_MODES,
    ScoreDistribution,
    WeightMode,
    _check_spread,
    sample_rows,
    sample_weights,
)
from decisiontool.engine.smaa.scoring import (
    CONFIDENCE_ARRAY_BYTES,
    _criterion_parts,
    _Draws,
    _first_under_own_weights,
    _one_criterion_models,
    _ScoreModel,
    chunk_size,
    smaa_work,
)
from decisiontool.engine.values import CriteriaArrays, FloatArray, IntArray

Progress = Callable[[int, int], None]
"""`progress(done, total)`, called by `smaa` as work completes (see `smaa_work`)."""


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

    `scores`, `low`, `high` (m, n) (low = high = score where there is no range); `group_index`
    (n,), `group_weights` (groups,), `criterion_weights` (n,) the profile's relative weights.
    Weights are drawn from the first child of `np.random.default_rng(seed).spawn(2)` and scores
    from the second, so the same seed gives the same result for any `chunk` (samples per chunk;
    default `chunk_size(m, n)`). Options failing a minimum (per sampled scores) rank after all
    passing ones. Confidence factors use the same score draws with each option's central weights.
    With `weight_mode="panel"`, weights are the rows of `weight_set` (p, n) (`sample_rows`).

    `progress(done, total)` is called after every chunk of both passes, from the calling
    thread; `total = smaa_work(samples, ranged)` is fixed, `done` grows to it (main pass 0 to
    `samples`, confidence pass with score ranges `samples` to `2 * samples`). It does not
    change the result; an exception it raises (KeyboardInterrupt, say) stops the run.
    """
    _check_arguments(samples, chunk, weight_mode, score_dist, spread, weight_set)
    m, n = scores.shape
    step = chunk_size(m, n) if chunk is None else chunk
    model = _score_model(scores, low, high, criteria, method, vikor_v, score_dist)

    def draw_weights(rng: np.random.Generator, k: int) -> FloatArray:
        if weight_set is None:
            return sample_weights(rng, k, group_index, group_weights, criterion_weights, weight_mode, spread)
        return sample_rows(rng, k, weight_set)

    tally, single_chunk = _main_pass(model, draw_weights, samples, step, seed, progress)
    acceptability = tally.rank_counts.reshape(m, m) / samples
    central = _central_weights(tally, m, n)
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


def _central_weights(tally: _Tally, m: int, n: int) -> FloatArray:
    """Each option's mean weights over the samples in which it ranked first (NaN where never)."""
    ever_first = tally.first_counts > 0
    central = np.full((m, n), np.nan)
    central[ever_first] = tally.first_weight_sums[ever_first] / tally.first_counts[ever_first, None]
    return central


def _main_pass(
    model: _ScoreModel,
    draw_weights: Callable[[np.random.Generator, int], FloatArray],
    samples: int,
    step: int,
    seed: int,
    progress: Progress | None,
) -> tuple[_Tally, _Draws | None]:
    """Rank every sample, `step` at a time, and count. Also returns the draws of the one
    chunk when it holds every sample (the confidence pass reuses them)."""
    m, n = model.scores.shape
    total = smaa_work(samples, model.ranged)
    weight_rng, score_rng = np.random.default_rng(seed).spawn(2)
    tally = _Tally.empty(m, n)
    single_chunk = None
    for start in range(0, samples, step):
        k = min(step, samples - start)
        single_chunk = _count_chunk(model, draw_weights(weight_rng, k), score_rng, tally, keep=k == samples)
        if progress is not None:
            progress(start + k, total)
    return tally, single_chunk


def _check_arguments(
    samples: int,
    chunk: int | None,
    weight_mode: WeightMode,
    score_dist: ScoreDistribution,
    spread: float,
    weight_set: FloatArray | None,
) -> None:
    """ValueError for arguments `smaa` cannot run with."""
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


def _score_model(
    scores: FloatArray,
    low: FloatArray,
    high: FloatArray,
    criteria: CriteriaArrays,
    method: Method,
    vikor_v: float,
    score_dist: ScoreDistribution,
) -> _ScoreModel:
    """What every chunk needs, built once per run."""
    scores = np.asarray(scores, dtype=np.float64)
    ranged = bool(np.any(high > low))
    singles = _one_criterion_models(criteria) if method.exact_sensitivity else []
    return _ScoreModel(
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
