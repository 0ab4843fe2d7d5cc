"""Weight sensitivity: sweeps, critical weights and the tornado ordering (docs/json.md).

Sweeping a criterion k to weight t sets w_k = t and rescales every other weight by
(1 - t) / (1 - w_k), so the others keep their proportions. The same sweep is defined for a
*set* of criteria (a group): the set's total weight goes to t, its members keep their
proportions and the others are rescaled by (1 - t) / (1 - W_set). In both cases the swept
weights are affine in t, `w(t) = t * inside + (1 - t) * outside`, which is what every function
here works with.

The *top* is the option first in rank order at the current weights (the engine's rules: ties
within 1e-9 share the better rank, options failing a minimum come after all passing ones; when
several share rank 1 the first in rank order is the top). A *crossing* is a weight at which
another option becomes strictly first, that is, the top's rank is no longer 1.

Every sweep or grid is one batched call of the method, never a Python loop over weights.

PURE: imports numpy and the engine's own modules only; never pydantic, rich, textual or
anything that reads or writes files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from decisiontool.engine.methods import Method
from decisiontool.engine.ranking import TIE_TOLERANCE, batch_ranks
from decisiontool.engine.values import BoolArray, CriteriaArrays, FloatArray, IntArray

__all__ = [
    "BISECTION_TOLERANCE",
    "DEFAULT_STEPS",
    "GRID_POINTS",
    "Critical",
    "Crossing",
    "Members",
    "Sweep",
    "TornadoBar",
    "critical_weights",
    "member_mask",
    "sweep",
    "sweep_basis",
    "swept_weights",
    "tornado",
    "tornado_positions",
]

Members = int | Sequence[int] | NDArray[np.bool_] | NDArray[np.integer[Any]]
"""A set of criteria: one index, a sequence or array of indices, or a boolean mask (n,)."""

DEFAULT_STEPS = 21
"""Points of a sweep from weight 0 to 1 (0, 0.05, ..., 1)."""

GRID_POINTS = 401
"""Points of the grid scanned for a crossing when a method is not linear in the weights."""

BISECTION_TOLERANCE = 1e-6
"""Width of the bracket at which bisection of a crossing stops."""


@dataclass(frozen=True)
class Sweep:
    """Every option's score and rank as the swept criteria's total weight goes from 0 to 1.

    `t` (steps,) is the swept weight, `weights` (steps, n) the full weight vector at each
    step, `scores` and `ranks` (steps, m) each option's score (the method's own) and rank.
    """

    t: FloatArray
    weights: FloatArray
    scores: FloatArray
    ranks: IntArray


@dataclass(frozen=True)
class Crossing:
    """The swept weight at which the top changes and the option that takes over."""

    weight: float
    new_top: int


@dataclass(frozen=True)
class Critical:
    """The critical weights of one criterion (or set of criteria).

    `weight` is its current (total) weight and `top` the option first at the current weights.
    `up` is the smallest weight above `weight` at which another option becomes strictly
    first, `down` the largest weight below it; None when no weight in [0, 1] overturns the
    top in that direction. `exact` is True when the crossings were solved exactly (methods
    linear in the weights) and False when they were found by a grid scan and bisection to
    `BISECTION_TOLERANCE`.
    """

    weight: float
    top: int
    up: Crossing | None
    down: Crossing | None
    exact: bool

    @property
    def margin(self) -> float | None:
        """The smallest change of weight, up or down, that overturns the top (None if none)."""
        changes = [abs(c.weight - self.weight) for c in (self.up, self.down) if c is not None]
        return min(changes) if changes else None


@dataclass(frozen=True)
class TornadoBar:
    """One bar of the tornado view: which criterion (or set) and its critical weights."""

    index: int
    """Position of the criterion (or set) in the input: criterion index, or index into the sets."""
    critical: Critical


def member_mask(members: Members, n: int) -> BoolArray:
    """A boolean mask (n,) of the criteria in `members` (an index, indices, or a mask).

    Raises ValueError for an empty set, a mask of the wrong length or an index outside 0..n-1.
    """
    array = np.asarray(members)
    if array.dtype == np.bool_:
        if array.shape != (n,):
            raise ValueError(f"a criteria mask must have shape ({n},), not {array.shape}")
        mask = array.copy()
    else:
        indices = array.astype(np.intp).ravel()
        if np.any(indices < 0) or np.any(indices >= n):
            raise ValueError(f"criterion indices must lie in 0..{n - 1}")
        mask = np.zeros(n, dtype=np.bool_)
        mask[indices] = True
    if not mask.any():
        raise ValueError("the set of swept criteria is empty")
    return np.asarray(mask, dtype=np.bool_)


def sweep_basis(weights: FloatArray, members: Members) -> tuple[FloatArray, FloatArray, float]:
    """(inside, outside, current): the swept weights are `t * inside + (1 - t) * outside`.

    `inside` holds the members' proportions (summing to 1), `outside` the others' proportions
    (summing to 1) and `current` the members' share of the total weight now. Weights need not
    sum to 1; they are normalised. Degenerate cases, without dividing by zero:
    members that all weigh 0 share the swept weight equally; others that all weigh 0 (the
    members hold every weight) share 1 - t equally; when the members are every criterion no
    weight can move, so `outside` equals `inside` and the weights stay as they are for every t.
    """
    mask = member_mask(members, weights.shape[0])
    inside_total = float(weights[mask].sum())
    outside_total = float(weights[~mask].sum())
    inside = np.zeros_like(weights, dtype=np.float64)
    outside = np.zeros_like(weights, dtype=np.float64)
    if inside_total > 0:
        inside[mask] = weights[mask] / inside_total
    else:
        inside[mask] = 1.0 / np.count_nonzero(mask)
    if not np.any(~mask):
        return inside, inside.copy(), 1.0
    if outside_total > 0:
        outside[~mask] = weights[~mask] / outside_total
    else:
        outside[~mask] = 1.0 / np.count_nonzero(~mask)
    total = inside_total + outside_total
    current = inside_total / total if total > 0 else 0.0
    return inside, outside, current


def _affine_weights(inside: FloatArray, outside: FloatArray, t: FloatArray) -> FloatArray:
    """(len(t), n) weights `t * inside + (1 - t) * outside`."""
    t_column = np.asarray(t, dtype=np.float64).reshape(-1, 1)
    return np.asarray(t_column * inside + (1.0 - t_column) * outside, dtype=np.float64)


def swept_weights(weights: FloatArray, members: Members, t: FloatArray) -> FloatArray:
    """(len(t), n) weight vectors with the members' total weight set to each t.

    The members keep their proportions and every other weight is rescaled by
    (1 - t) / (1 - W_set); see `sweep_basis` for the degenerate cases.
    """
    inside, outside, _ = sweep_basis(weights, members)
    return _affine_weights(inside, outside, t)


def _evaluate(
    scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, method: Method, vikor_v: float
) -> FloatArray:
    """(k, m) scores of the method under k weight vectors (k, n), in one batched call."""
    k = weights.shape[0]
    batch_scores = np.broadcast_to(scores, (k, *scores.shape))
    return np.asarray(method(batch_scores, weights, criteria, vikor_v).score, dtype=np.float64)


def _first_in_order(score: FloatArray, higher_is_better: bool, fails: BoolArray | None) -> IntArray:
    """(...,) the option first in rank order for each score vector (..., m).

    The best score among passing options (among all when every option fails); equal scores
    go to the lower index, as the engine's stable rank order does.
    """
    signed = score if higher_is_better else -score
    if fails is not None and fails.any() and not fails.all():
        signed = np.where(fails, -np.inf, signed)
    return np.asarray(np.argmax(signed, axis=-1), dtype=np.intp)


def sweep(
    scores: FloatArray,
    weights: FloatArray,
    criteria: CriteriaArrays,
    method: Method,
    members: Members,
    steps: int = DEFAULT_STEPS,
    fails: BoolArray | None = None,
    vikor_v: float = 0.5,
) -> Sweep:
    """Scores and ranks at `steps` evenly spaced weights from 0 to 1 of the swept criteria.

    `scores` (m, n), `weights` (n,) effective weights, `fails` (m,) True for options failing a
    minimum. One batched method call for the whole sweep.
    """
    if steps < 2:
        raise ValueError("a sweep needs at least 2 steps")
    t = np.linspace(0.0, 1.0, steps)
    weight_rows = swept_weights(weights, members, t)
    swept_scores = _evaluate(scores, weight_rows, criteria, method, vikor_v)
    ranks = batch_ranks(swept_scores, method.higher_is_better, fails)
    return Sweep(t=t, weights=weight_rows, scores=swept_scores, ranks=ranks)


def _exact_crossings(
    scores: FloatArray,
    inside: FloatArray,
    outside: FloatArray,
    current: float,
    top: int,
    candidates: BoolArray,
    criteria: CriteriaArrays,
    method: Method,
    vikor_v: float,
) -> tuple[Crossing | None, Crossing | None]:
    """Crossings for a method whose scores are linear in the weights.

    Each option's score is then a + b t along the sweep; a and b come from the scores at t = 0
    and t = 1, and the crossing with the top is where the two lines meet. An option overturns
    the top above the current weight when it beats the top by more than the tie tolerance at
    t = 1 (below it: at t = 0); the reported weight is where the lines meet. When several
    options cross at the same weight, the one with the steepest gain takes over.
    """
    ends = _evaluate(scores, np.stack([outside, inside]), criteria, method, vikor_v)
    signed = ends if method.higher_is_better else -ends
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
        new_top = int(np.argmax(np.where(together, slope, -np.inf)))
        up = Crossing(weight=first, new_top=new_top)

    down: Crossing | None = None
    falling = candidates & (lead_at_0 > TIE_TOLERANCE) & (slope < 0)
    if current > 0.0 and falling.any():
        t_down = np.where(falling, np.clip(root, 0.0, current), -np.inf)
        last = float(t_down.max())
        together = falling & (t_down >= last - 1e-12)
        new_top = int(np.argmax(np.where(together, -slope, -np.inf)))
        down = Crossing(weight=last, new_top=new_top)
    return up, down


def _bisected_crossings(
    scores: FloatArray,
    inside: FloatArray,
    outside: FloatArray,
    current: float,
    top: int,
    criteria: CriteriaArrays,
    method: Method,
    fails: BoolArray | None,
    vikor_v: float,
    grid_points: int,
    tolerance: float,
) -> tuple[Crossing | None, Crossing | None]:
    """Crossings found by scanning a grid of weights (one batched call) and bisecting.

    The nearest grid point on each side of the current weight at which the top is no longer
    first brackets the crossing together with its neighbour towards the current weight; the
    brackets of both directions are then halved together until narrower than `tolerance`.
    The reported weight is the bracket's end at which the top has changed. A change that
    lasts less than one grid step (1 / (grid_points - 1)) can be missed.
    """
    higher = method.higher_is_better
    grid = np.linspace(0.0, 1.0, grid_points)
    grid_scores = _evaluate(scores, _affine_weights(inside, outside, grid), criteria, method, vikor_v)
    top_first = batch_ranks(grid_scores, higher, fails)[:, top] == 1

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
    if not directions:
        return None, None

    kept_t = np.array(kept)
    flipped_t = np.array(flipped)
    while float(np.max(np.abs(flipped_t - kept_t))) > tolerance:
        middle = (kept_t + flipped_t) / 2.0
        middle_scores = _evaluate(scores, _affine_weights(inside, outside, middle), criteria, method, vikor_v)
        still_first = batch_ranks(middle_scores, higher, fails)[:, top] == 1
        kept_t = np.where(still_first, middle, kept_t)
        flipped_t = np.where(still_first, flipped_t, middle)

    final_scores = _evaluate(scores, _affine_weights(inside, outside, flipped_t), criteria, method, vikor_v)
    new_tops = _first_in_order(final_scores, higher, fails)
    found = {
        direction: Crossing(weight=float(t), new_top=int(option))
        for direction, t, option in zip(directions, flipped_t, new_tops, strict=True)
    }
    return found.get("up"), found.get("down")


def critical_weights(
    scores: FloatArray,
    weights: FloatArray,
    criteria: CriteriaArrays,
    method: Method,
    members: Members,
    fails: BoolArray | None = None,
    vikor_v: float = 0.5,
    *,
    grid_points: int = GRID_POINTS,
    tolerance: float = BISECTION_TOLERANCE,
) -> Critical:
    """The smallest increase and decrease of the members' weight that change the top option.

    For a method linear in the weights (`method.exact_sensitivity`: wsm, promethee2) the
    crossings are solved exactly. For the others (topsis, vikor) a grid of `grid_points`
    weights is scanned in one batched call and the first change on each side is bisected to
    within `tolerance` (default 1e-6); a change lasting less than one grid step can be missed.
    `scores` (m, n), `weights` (n,) effective weights, `fails` (m,) minimum failures.
    """
    inside, outside, current = sweep_basis(weights, members)
    now = _evaluate(scores, _affine_weights(inside, outside, np.array([current])), criteria, method, vikor_v)
    top = int(_first_in_order(now[0], method.higher_is_better, fails))
    m = scores.shape[0]
    status = np.zeros(m, dtype=np.bool_) if fails is None else np.asarray(fails, dtype=np.bool_)
    # only an option of the top's own status (passing or failing) can ever rank ahead of it
    candidates = status == status[top]
    candidates[top] = False
    exact = method.exact_sensitivity
    if not candidates.any():
        return Critical(weight=current, top=top, up=None, down=None, exact=exact)
    if exact:
        up, down = _exact_crossings(
            scores, inside, outside, current, top, candidates, criteria, method, vikor_v
        )
    else:
        up, down = _bisected_crossings(
            scores, inside, outside, current, top, criteria, method, fails, vikor_v, grid_points, tolerance
        )
    return Critical(weight=current, top=top, up=up, down=down, exact=exact)


def tornado(
    scores: FloatArray,
    weights: FloatArray,
    criteria: CriteriaArrays,
    method: Method,
    member_sets: Sequence[Members] | None = None,
    fails: BoolArray | None = None,
    vikor_v: float = 0.5,
) -> tuple[TornadoBar, ...]:
    """Critical weights of every criterion (or of every set in `member_sets`), ordered by how
    little change of weight overturns the top: smallest `Critical.margin` first, criteria
    that nothing overturns last, input order among equals."""
    sets: Sequence[Members] = list(range(criteria.n)) if member_sets is None else member_sets
    bars = [
        TornadoBar(index, critical_weights(scores, weights, criteria, method, members, fails, vikor_v))
        for index, members in enumerate(sets)
    ]
    return tuple(bars[i] for i in tornado_positions([bar.critical.margin for bar in bars]))


def tornado_positions(margins: Sequence[float | None]) -> list[int]:
    """Positions of `margins` in tornado order: the smallest margin first, None (nothing
    overturns the top) last, input order among equals.

    >>> tornado_positions([0.2, None, 0.1, 0.2])
    [2, 0, 3, 1]
    """
    return sorted(
        range(len(margins)),
        key=lambda i: (margins[i] is None, 0.0 if margins[i] is None else margins[i], i),
    )
