"""The four scoring methods of SPEC.md section 3, one function each, with one signature.

Every method takes scores `(..., m, n)` (options x criteria, with any leading batch axes),
effective weights `(..., n)` and the `CriteriaArrays`, and returns a `MethodResult` whose
arrays keep the batch axes: the same function ranks one model, a weight sweep or 10,000
SMAA draws. Inputs are trusted (checked by the loader); nothing here validates.

PURE: imports numpy only; never pydantic, rich, textual or anything that reads files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from decisiontool.engine.values import PREFERENCE_CODES, CriteriaArrays, FloatArray, values


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

    def __call__(
        self, scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, vikor_v: float = 0.5
    ) -> MethodResult:
        return self.function(scores, weights, criteria, vikor_v)


def wsm(scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, _v: float = 0.5) -> MethodResult:
    """Additive value model: sum of w_j v_ij, with v from the scale (or a value function)."""
    contributions = values(scores, criteria) * weights[..., None, :]
    return MethodResult(score=contributions.sum(axis=-1), contributions=contributions)


def topsis(
    scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, _v: float = 0.5
) -> MethodResult:
    """TOPSIS (Hwang & Yoon 1981) with vector normalisation and Euclidean distances."""
    norm = np.sqrt(np.square(scores).sum(axis=-2, keepdims=True))
    normalised = np.divide(scores, norm, out=np.zeros_like(scores), where=norm > 0)
    weighted = normalised * weights[..., None, :]
    column_max = weighted.max(axis=-2, keepdims=True)
    column_min = weighted.min(axis=-2, keepdims=True)
    ideal = np.where(criteria.benefit, column_max, column_min)
    anti_ideal = np.where(criteria.benefit, column_min, column_max)
    d_plus = np.sqrt(np.square(weighted - ideal).sum(axis=-1))
    d_minus = np.sqrt(np.square(weighted - anti_ideal).sum(axis=-1))
    total = d_plus + d_minus
    closeness = np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)
    return MethodResult(score=closeness, extras={"d_plus": d_plus, "d_minus": d_minus})


def _rescale(values_: FloatArray, axis: int = -1) -> FloatArray:
    """(x - min)/(max - min) along an axis; 0 where max equals min."""
    low = values_.min(axis=axis, keepdims=True)
    span = values_.max(axis=axis, keepdims=True) - low
    rescaled: FloatArray = np.divide(values_ - low, span, out=np.zeros_like(values_), where=span > 0)
    return rescaled


def vikor(scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, v: float = 0.5) -> MethodResult:
    """VIKOR (Opricovic 1998): Q from group utility S and individual regret R; lower is better."""
    column_max = scores.max(axis=-2, keepdims=True)
    column_min = scores.min(axis=-2, keepdims=True)
    best = np.where(criteria.benefit, column_max, column_min)
    worst = np.where(criteria.benefit, column_min, column_max)
    span = best - worst
    gap = np.divide(best - scores, span, out=np.zeros_like(scores), where=span != 0)
    terms = gap * weights[..., None, :]
    s = terms.sum(axis=-1)
    r = terms.max(axis=-1)
    q = v * _rescale(s) + (1.0 - v) * _rescale(r)
    return MethodResult(score=q, extras={"S": s, "R": r, "Q": q})


def preference_degree(d: FloatArray, code: int, q: float, p: float, s: float) -> FloatArray:
    """P(d) of one PROMETHEE preference function (SPEC section 3 gives every boundary)."""
    if code == PREFERENCE_CODES["usual"]:
        return (d > 0).astype(np.float64)
    if code == PREFERENCE_CODES["u-shape"]:
        return (d > q).astype(np.float64)
    if code == PREFERENCE_CODES["v-shape"]:
        return np.asarray(np.clip(d / p, 0.0, 1.0), dtype=np.float64)
    if code == PREFERENCE_CODES["level"]:
        return np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
    if code == PREFERENCE_CODES["linear"]:
        return np.asarray(np.clip((d - q) / (p - q), 0.0, 1.0), dtype=np.float64)
    if code == PREFERENCE_CODES["gaussian"]:
        positive = np.maximum(d, 0.0)
        return np.asarray(1.0 - np.exp(-np.square(positive) / (2.0 * s * s)), dtype=np.float64)
    raise ValueError(f"unknown preference function code {code}")


def promethee2(
    scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, _v: float = 0.5
) -> MethodResult:
    """PROMETHEE II net flows (Brans & Vincke 1985); phi in [-1, 1], higher is better."""
    m = scores.shape[-2]
    # a batch of scores may meet a batch of weights (or one of either): broadcast the two
    batch = np.broadcast_shapes(scores.shape[:-2], weights.shape[:-1])
    plus = np.zeros((*batch, m))
    minus = np.zeros((*batch, m))
    # One criterion at a time: the (m, m) difference matrix of a single column is all that
    # is alive, instead of an (m, m, n) block; only its row and column sums are kept.
    for j in range(criteria.n):
        column = scores[..., j]
        d = column[..., :, None] - column[..., None, :]
        if not criteria.benefit[j]:
            np.negative(d, out=d)
        preference = preference_degree(
            d, int(criteria.preference[j]), float(criteria.q[j]), float(criteria.p[j]), float(criteria.s[j])
        )
        w = weights[..., j, None]
        plus += w * preference.sum(axis=-1)
        minus += w * preference.sum(axis=-2)
    if m > 1:
        plus /= m - 1
        minus /= m - 1
    return MethodResult(score=plus - minus, extras={"phi_plus": plus, "phi_minus": minus})


METHODS: dict[str, Method] = {
    "wsm": Method("wsm", "Weighted sum (additive value)", True, wsm, exact_sensitivity=True),
    "topsis": Method("topsis", "TOPSIS", True, topsis, exact_sensitivity=False),
    "vikor": Method("vikor", "VIKOR", False, vikor, exact_sensitivity=False),
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
