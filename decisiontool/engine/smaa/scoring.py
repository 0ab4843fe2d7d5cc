"""SMAA-2 per chunk: score draws turned into option scores, the first-place test, chunk sizes.

PURE: numpy and the engine only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decisiontool.engine.methods import Method
from decisiontool.engine.ranking import TIE_TOLERANCE
from decisiontool.engine.smaa.sampling import ScoreDistribution, sample_scores
from decisiontool.engine.values import BoolArray, CriteriaArrays, FloatArray, IntArray, fails_minimum

CHUNK_ARRAY_BYTES = 16 * 2**20
"""Size bound of the largest per-chunk array (a (chunk, m, n) score or (chunk, m, m) pair block)."""

CONFIDENCE_ARRAY_BYTES = 2 * 2**20
"""Size bound of the (chunk, q, m, n) arrays of the confidence pass of a non-linear method."""


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
