"""Where along a sweep the top option is overturned: solved exactly, or by a grid and bisection.

A *crossing* is a weight at which another option becomes strictly first, that is, the top's
rank (the engine's rules: ties within 1e-9 share the better rank, options failing a minimum
come after all passing ones) is no longer 1. Every grid or bisection step is one batched call
of the method, never a Python loop over weights.

PURE: imports numpy and the engine's own modules only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decisiontool.engine.methods import Method
from decisiontool.engine.ranking import TIE_TOLERANCE
from decisiontool.engine.sensitivity.basis import affine_weights
from decisiontool.engine.values import BoolArray, CriteriaArrays, FloatArray, IntArray

__all__ = [
    "Crossing",
    "Line",
    "bisected_crossings",
    "evaluate",
    "exact_crossings",
    "first_in_order",
    "top_is_first",
]


@dataclass(frozen=True)
class Crossing:
    """The swept weight at which the top changes and the option that takes over."""

    weight: float
    new_top: int


@dataclass(frozen=True)
class Line:
    """What a crossing search needs: the scores, the sweep's basis and the method."""

    scores: FloatArray
    inside: FloatArray
    outside: FloatArray
    criteria: CriteriaArrays
    method: Method
    vikor_v: float

    def at(self, t: FloatArray) -> FloatArray:
        """(len(t), m) scores of the method at swept weights t, in one batched call."""
        return evaluate(self.scores, affine_weights(self.inside, self.outside, t), self.criteria,
                        self.method, self.vikor_v)  # fmt: skip


def evaluate(
    scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, method: Method, vikor_v: float
) -> FloatArray:
    """(k, m) scores of the method under k weight vectors (k, n), in one batched call.

    A method with a weight-free preparation (topsis, vikor) prepares the scores once and
    weighs them under every weight vector: the same numbers as calling it on k copies.
    """
    if method.split is not None:
        prepared = method.split.prepare(scores, criteria)
        return np.asarray(method.split.weigh(prepared, weights, vikor_v).score, dtype=np.float64)
    k = weights.shape[0]
    batch_scores = np.broadcast_to(scores, (k, *scores.shape))
    return np.asarray(method(batch_scores, weights, criteria, vikor_v).score, dtype=np.float64)


def first_in_order(score: FloatArray, higher_is_better: bool, fails: BoolArray | None) -> IntArray:
    """(...,) the option first in rank order for each score vector (..., m).

    The best score among passing options (among all when every option fails); equal scores
    go to the lower index, as the engine's stable rank order does.
    """
    signed = score if higher_is_better else -score
    if fails is not None and fails.any() and not fails.all():
        signed = np.where(fails, -np.inf, signed)
    return np.asarray(np.argmax(signed, axis=-1), dtype=np.intp)


def top_is_first(score: FloatArray, higher_is_better: bool, fails: BoolArray | None, top: int) -> BoolArray:
    """(k,) True where option `top` has rank 1 in score vector (k, m), by `batch_ranks`' rule:
    no passing option when it fails, and no option of its status better by more than the tie
    tolerance. O(m) per vector (the ranks of every option are not needed)."""
    signed = score if higher_is_better else -score
    ahead = signed - signed[:, top : top + 1] > TIE_TOLERANCE
    if fails is not None and fails.any():
        ahead = (ahead & (fails == fails[top])) | (bool(fails[top]) & ~fails)
    return np.asarray(~ahead.any(axis=-1), dtype=np.bool_)


def exact_crossings(
    line: Line, current: float, top: int, candidates: BoolArray
) -> tuple[Crossing | None, Crossing | None]:
    """Crossings for a method whose scores are linear in the weights.

    Each option's score is then a + b t along the sweep; a and b come from the scores at t = 0
    and t = 1, and the crossing with the top is where the two lines meet. An option overturns
    the top above the current weight when it beats the top by more than the tie tolerance at
    t = 1 (below it: at t = 0); the reported weight is where the lines meet. When several
    options cross at the same weight, the one with the steepest gain takes over.
    """
    ends = evaluate(
        line.scores, np.stack([line.outside, line.inside]), line.criteria, line.method, line.vikor_v
    )
    signed = ends if line.method.higher_is_better else -ends
    lead_at_0 = signed[0] - signed[0, top]  # > 0: the option beats the top at t = 0
    lead_at_1 = signed[1] - signed[1, top]
    slope = lead_at_1 - lead_at_0
    root = np.divide(-lead_at_0, slope, out=np.full_like(slope, np.nan), where=slope != 0)

    up: Crossing | None = None
    rising = candidates & (lead_at_1 > TIE_TOLERANCE) & (slope > 0)
    if current < 1.0 and rising.any():
        t_up = np.where(rising, np.clip(root, current, 1.0), np.inf)
        first = float(t_up.min())
        # among options crossing together, the steepest is ahead just after the crossing
        together = rising & (t_up <= first + 1e-12)
        up = Crossing(weight=first, new_top=int(np.argmax(np.where(together, slope, -np.inf))))

    down: Crossing | None = None
    falling = candidates & (lead_at_0 > TIE_TOLERANCE) & (slope < 0)
    if current > 0.0 and falling.any():
        t_down = np.where(falling, np.clip(root, 0.0, current), -np.inf)
        last = float(t_down.max())
        together = falling & (t_down >= last - 1e-12)
        down = Crossing(weight=last, new_top=int(np.argmax(np.where(together, -slope, -np.inf))))
    return up, down


def _grid_brackets(
    grid: FloatArray, top_first: BoolArray, current: float
) -> tuple[list[float], list[float], list[str]]:
    """(kept, flipped, directions): on each side of `current`, the nearest grid point at which
    the top is not first and its neighbour towards the current weight (or the current weight)."""
    kept: list[float] = []  # bracket ends at which the top is still first
    flipped: list[float] = []  # bracket ends at which another option is strictly first
    directions: list[str] = []
    above = np.flatnonzero((grid > current) & ~top_first)
    if above.size:
        k = int(above[0])
        flipped.append(float(grid[k]))
        kept.append(float(grid[k - 1]) if k > 0 and grid[k - 1] > current else current)
        directions.append("up")
    below = np.flatnonzero((grid < current) & ~top_first)
    if below.size:
        k = int(below[-1])
        flipped.append(float(grid[k]))
        kept.append(float(grid[k + 1]) if grid[k + 1] < current else current)
        directions.append("down")
    return kept, flipped, directions


def bisected_crossings(
    line: Line, current: float, top: int, fails: BoolArray | None, grid_points: int, tolerance: float
) -> tuple[Crossing | None, Crossing | None]:
    """Crossings found by scanning a grid of weights (one batched call) and bisecting.

    The nearest grid point on each side of the current weight at which the top is no longer
    first brackets the crossing together with its neighbour towards the current weight; the
    brackets of both directions are then halved together until narrower than `tolerance`.
    The reported weight is the bracket's end at which the top has changed. A change that
    lasts less than one grid step (1 / (grid_points - 1)) can be missed.
    """
    higher = line.method.higher_is_better
    grid = np.linspace(0.0, 1.0, grid_points)
    kept, flipped, directions = _grid_brackets(grid, top_is_first(line.at(grid), higher, fails, top), current)
    if not directions:
        return None, None
    kept_t = np.array(kept)
    flipped_t = np.array(flipped)
    while float(np.max(np.abs(flipped_t - kept_t))) > tolerance:
        middle = (kept_t + flipped_t) / 2.0
        still_first = top_is_first(line.at(middle), higher, fails, top)
        kept_t = np.where(still_first, middle, kept_t)
        flipped_t = np.where(still_first, flipped_t, middle)
    new_tops = first_in_order(line.at(flipped_t), higher, fails)
    found = {
        direction: Crossing(weight=float(t), new_top=int(option))
        for direction, t, option in zip(directions, flipped_t, new_tops, strict=True)
    }
    return found.get("up"), found.get("down")
