"""Sweeps, critical weights and the tornado ordering of one weight profile.

The *top* is the option first in rank order at the current weights (the engine's rules: ties
within 1e-9 share the better rank, options failing a minimum come after all passing ones;
when several share rank 1 the first in rank order is the top).

PURE: imports numpy and the engine's own modules only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from decisiontool.engine.methods import Method
from decisiontool.engine.ranking import batch_ranks
from decisiontool.engine.sensitivity.basis import Members, sweep_basis, swept_weights
from decisiontool.engine.sensitivity.crossings import (
    Crossing,
    Line,
    bisected_crossings,
    evaluate,
    exact_crossings,
    first_in_order,
)
from decisiontool.engine.values import BoolArray, CriteriaArrays, FloatArray, IntArray

__all__ = [
    "BISECTION_TOLERANCE",
    "DEFAULT_STEPS",
    "GRID_POINTS",
    "Critical",
    "Progress",
    "Sweep",
    "TornadoBar",
    "critical_weights",
    "sweep",
    "tornado",
    "tornado_positions",
]

DEFAULT_STEPS = 21
"""Points of a sweep from weight 0 to 1 (0, 0.05, ..., 1)."""

GRID_POINTS = 401
"""Points of the grid scanned for a crossing when a method is not linear in the weights."""

BISECTION_TOLERANCE = 1e-6
"""Width of the bracket at which bisection of a crossing stops."""

Progress = Callable[[int, int], None]
"""A progress hook: called with (done, total) units of work; total is fixed for a run."""


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
    swept_scores = evaluate(scores, weight_rows, criteria, method, vikor_v)
    ranks = batch_ranks(swept_scores, method.higher_is_better, fails)
    return Sweep(t=t, weights=weight_rows, scores=swept_scores, ranks=ranks)


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
    line = Line(scores, inside, outside, criteria, method, vikor_v)
    top = int(first_in_order(line.at(np.array([current]))[0], method.higher_is_better, fails))
    m = scores.shape[0]
    status = np.zeros(m, dtype=np.bool_) if fails is None else np.asarray(fails, dtype=np.bool_)
    # only an option of the top's own status (passing or failing) can ever rank ahead of it
    candidates = status == status[top]
    candidates[top] = False
    exact = method.exact_sensitivity
    if not candidates.any():
        return Critical(weight=current, top=top, up=None, down=None, exact=exact)
    if exact:
        up, down = exact_crossings(line, current, top, candidates)
    else:
        up, down = bisected_crossings(line, current, top, fails, grid_points, tolerance)
    return Critical(weight=current, top=top, up=up, down=down, exact=exact)


def tornado(
    scores: FloatArray,
    weights: FloatArray,
    criteria: CriteriaArrays,
    method: Method,
    member_sets: Sequence[Members] | None = None,
    fails: BoolArray | None = None,
    vikor_v: float = 0.5,
    *,
    progress: Progress | None = None,
) -> tuple[TornadoBar, ...]:
    """Critical weights of every criterion (or of every set in `member_sets`), ordered by how
    little change of weight overturns the top: smallest `Critical.margin` first, criteria
    that nothing overturns last, input order among equals.

    `progress`, when given, is called with (sets done, sets) after each criterion (or set);
    it does not change the result.
    """
    sets: Sequence[Members] = list(range(criteria.n)) if member_sets is None else member_sets
    bars = []
    for index, members in enumerate(sets):
        bars.append(
            TornadoBar(index, critical_weights(scores, weights, criteria, method, members, fails, vikor_v))
        )
        if progress is not None:
            progress(index + 1, len(sets))
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
