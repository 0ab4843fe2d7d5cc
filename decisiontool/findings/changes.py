"""Closest single-score changes: what one score would have to become to change the first place.

For an option other than the top, the change of one of its scores that makes it strictly
first (rank 1, alone) with the least movement relative to the criterion's scale width; for
the top, the drop of one of its own scores that costs it first place, and who is first then.
"First" follows the ranking rules of docs/methods.md: ties within 1e-9 share a rank, and an
option failing a minimum ranks after every option that passes.

- `wsm`: exact. Only the changed option's score moves (the method is scale-anchored), and it
  is linear in the raw score between the value function's points, so the crossing score is
  solved in closed form; the other candidates are where a minimum starts or stops failing.
  Moving towards the best end can only help an option (and towards the worst only hurt the
  top), so the nearest candidate at which the re-ranked result holds is the answer.
- `topsis`, `vikor`, `promethee2`: the changed score moves every option's score (column
  norms, column ends, pairwise preferences), so each criterion's whole scale is scanned on a
  grid and the nearest grid point where it holds is bisected against its neighbour to 1e-6 of
  the scale width. A window narrower than the grid step could be missed.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.engine import fails_minimum
from decisiontool.engine.ranking import TIE_TOLERANCE, rank_order
from decisiontool.engine.values import BoolArray, CriteriaArrays, FloatArray, IntArray
from decisiontool.findings.column import OneScoreChange
from decisiontool.findings.results import ClosestChange

__all__ = ["BISECTION_TOLERANCE", "GRID_BUDGET", "closest_changes"]

BISECTION_TOLERANCE = 1e-6
"""Bisection stops when the bracket is this share of the scale width."""

GRID_BUDGET = 20_000_000
"""Upper bound of (grid points x options x criteria) x (options x criteria) per scan."""

MARGIN = 1e-8
"""How far past a tie an exact crossing is placed (the tie tolerance is 1e-9)."""


@dataclass(frozen=True)
class _Problem:
    """What every evaluation needs: the analysis and its scores ready for single-score changes
    (`OneScoreChange`: O(m) per change instead of re-scoring the whole model)."""

    analysis: Analysis
    scores: FloatArray
    weights: FloatArray
    change: OneScoreChange

    @classmethod
    def of(cls, analysis: Analysis) -> _Problem:
        """The problem of `analysis` at its current weights."""
        scores = analysis.arrays.scores
        change = OneScoreChange.of(
            analysis.method_id, scores, analysis.weights, analysis.arrays.criteria, analysis.vikor_v
        )
        return cls(analysis, scores, analysis.weights, change)

    def evaluate(self, option: int, columns: IntArray, xs: FloatArray) -> tuple[FloatArray, BoolArray]:
        """After setting `option`'s score on criterion `columns[r]` to `xs[r]` (one row each):
        every option's score, (k, m), and which options fail a minimum, (k, m)."""
        arrays = self.analysis.arrays
        k = xs.shape[0]
        # who fails a minimum: only the changed option's status can move
        failing: BoolArray = np.asarray(arrays.fails.any(axis=1), dtype=np.bool_)
        option_fails = np.repeat(failing[None], k, axis=0)
        others = arrays.fails[option].copy()
        elsewhere = np.array([np.delete(others, j).any() for j in range(others.shape[0])], dtype=np.bool_)
        # each row's own criterion: a (1, k) score row against the k criteria it changes
        changed_fails = fails_minimum(xs[None, :], _criteria_at(arrays.criteria, columns))[0]
        option_fails[:, option] = elsewhere[columns] | changed_fails
        return self.change.scores(option, columns, xs), option_fails

    def met(self, option: int, top: int, columns: IntArray, xs: FloatArray) -> BoolArray:
        """(k,) whether each change does it: a non-top option first alone, the top not first."""
        score, fails = self.evaluate(option, columns, xs)
        higher = self.analysis.method.higher_is_better
        if option == top:
            first = _rank_one(score, higher, fails)
            return np.asarray(~first[:, top], dtype=np.bool_)
        return _first_alone(score, higher, fails, option)

    def holds(self, option: int, top: int, criterion: int, xs: FloatArray) -> BoolArray:
        """Whether setting `option`'s score on `criterion` to each of `xs` does it."""
        return self.met(option, top, np.full(xs.shape[0], criterion, dtype=np.intp), xs)


def _first_alone(score: FloatArray, higher_is_better: bool, fails: BoolArray, option: int) -> BoolArray:
    """(k,) whether `option` has rank 1 alone by the rules of `competition_ranks`: it is in
    the status class that holds rank 1 and more than the tie tolerance ahead of every other
    option of that class (so no near-tie chains to it). O(k m), no sort."""
    signed = score if higher_is_better else -score
    any_pass: BoolArray = np.asarray((~fails).any(axis=-1, keepdims=True), dtype=np.bool_)
    in_front: BoolArray = np.where(any_pass, ~fails, True)
    rivals = in_front.copy()
    rivals[:, option] = False
    best_rival = np.where(rivals, signed, -np.inf).max(axis=-1)
    return np.asarray(in_front[:, option] & (signed[:, option] - best_rival > TIE_TOLERANCE), dtype=np.bool_)


def _rank_one(score: FloatArray, higher_is_better: bool, fails: BoolArray) -> BoolArray:
    """(k, m) which options have rank 1 by the rules of `competition_ranks` (the ranking's own):
    the status class that can hold rank 1 (the passing options, if any pass), sorted by score,
    and from its best option down every option within the tie tolerance of the one just before
    it (near-ties chain). O(k m log m) instead of an (k, m, m) comparison."""
    signed = score if higher_is_better else -score
    any_pass = (~fails).any(axis=-1, keepdims=True)
    in_front = np.where(any_pass, ~fails, True)  # the status class that can hold rank 1
    return np.asarray(
        in_front & (signed >= _chain_floor(np.where(in_front, signed, -np.inf))), dtype=np.bool_
    )


def _chain_floor(signed: FloatArray) -> FloatArray:
    """(..., 1) the lowest score of each row's chain of near-ties from its best score down
    (-inf entries are left out; a row of only -inf gives -inf)."""
    descending = -np.sort(-signed, axis=-1)
    if descending.shape[-1] < 2:
        return descending[..., :1]
    with np.errstate(invalid="ignore"):  # -inf less -inf
        gaps = descending[..., :-1] - descending[..., 1:]
    broken = ~(gaps <= TIE_TOLERANCE)  # a gap to -inf (inf or nan) breaks the chain too
    last = np.where(broken.any(axis=-1), broken.argmax(axis=-1), descending.shape[-1] - 1)
    return np.take_along_axis(descending, last[..., None], axis=-1)


def _criteria_at(criteria: CriteriaArrays, columns: IntArray) -> CriteriaArrays:
    """The criteria `columns` (repeats allowed) as a `CriteriaArrays` of that length."""
    return CriteriaArrays(
        low=criteria.low[columns],
        high=criteria.high[columns],
        benefit=criteria.benefit[columns],
        value_points=tuple(criteria.value_points[j] for j in columns),
        preference=criteria.preference[columns],
        q=criteria.q[columns],
        p=criteria.p[columns],
        s=criteria.s[columns],
        minimum=criteria.minimum[columns],
    )


def _new_top(analysis: Analysis, option: int, criterion: int, value: float) -> int:
    """The option first after the change, re-ranked in full as `Analysis.ranking` ranks (so
    that a tie for first is broken the same way)."""
    arrays = analysis.arrays
    scores = arrays.scores.copy()
    scores[option, criterion] = value
    score = analysis.method(scores, analysis.weights, arrays.criteria, analysis.vikor_v).score
    failing = np.asarray(fails_minimum(scores, arrays.criteria).any(axis=-1), dtype=np.bool_)
    return int(rank_order(score, analysis.method.higher_is_better, failing)[0])


def _value_path(analysis: Analysis, criterion: int) -> tuple[FloatArray, FloatArray]:
    """(xs, vs) of a criterion's value function, increasing xs (linear: the scale's ends)."""
    criteria = analysis.arrays.criteria
    points = criteria.value_points[criterion]
    if points is not None:
        return points
    low, high = float(criteria.low[criterion]), float(criteria.high[criterion])
    vs = np.array([0.0, 1.0]) if criteria.benefit[criterion] else np.array([1.0, 0.0])
    return np.array([low, high]), vs


def _first_reach(
    xs: FloatArray, vs: FloatArray, start: float, end: float, target: float, rising: bool
) -> float | None:
    """The first raw score on the way from `start` to `end` at which the piecewise-linear value
    reaches `target` (>= when rising, <= when falling); None if it never does."""
    forward = end >= start
    inner = [float(x) for x in xs if (start < x < end if forward else end < x < start)]
    path = [start, *(inner if forward else reversed(inner)), end]
    levels = [float(np.interp(x, xs, vs)) for x in path]

    def reached(level: float) -> bool:
        return level >= target if rising else level <= target

    if reached(levels[0]):
        return start
    for (a, b), (va, vb) in zip(pairwise(path), pairwise(levels), strict=True):
        if reached(vb):
            if vb == va:
                return float(b)
            return float(a + (target - va) / (vb - va) * (b - a))
    return None


def _wsm_thresholds(problem: _Problem, option: int, top: int) -> set[float]:
    """The other options' scores that `option`'s score must pass (wsm moves only its own score):
    for a non-top option the best of the others, for the top the lowest of the others' chain of
    near-ties from their best down (the top stays first while it is within the tie tolerance of
    that chain); over every other option and over the passing ones (a change may move `option`
    in or out of the options failing a minimum)."""
    score = problem.analysis.ranking.result.score
    fails = np.asarray(problem.analysis.arrays.fails.any(axis=1), dtype=np.bool_)
    others = np.arange(score.shape[0]) != option
    found: set[float] = set()
    for among in (others, others & ~fails):
        if not among.any():
            continue
        if option == top:
            found.add(float(_chain_floor(score[among])[0]))
        else:
            found.add(float(score[among].max()))
    return found


def _wsm_candidates(
    problem: _Problem, option: int, top: int, criterion: int, thresholds: set[float]
) -> list[float]:
    """Raw scores at which the re-ranked result can first change (see the module docstring)."""
    analysis = problem.analysis
    criteria = analysis.arrays.criteria
    low, high = float(criteria.low[criterion]), float(criteria.high[criterion])
    width = high - low
    benefit = bool(criteria.benefit[criterion])
    start = float(problem.scores[option, criterion])
    improve = option != top
    end = (high if benefit else low) if improve else (low if benefit else high)
    score = analysis.ranking.result.score
    weight = float(problem.weights[criterion])
    candidates = [end]
    xs, vs = _value_path(analysis, criterion)
    value_now = float(np.interp(start, xs, vs))
    if weight > 0:
        for threshold in thresholds:
            if improve:
                target = value_now + (threshold + MARGIN - float(score[option])) / weight
            else:
                target = value_now - (float(score[option]) - threshold + MARGIN) / weight
            found = _first_reach(xs, vs, start, end, target, rising=improve)
            if found is not None:
                candidates.append(found)
    minimum = float(criteria.minimum[criterion])
    if not np.isnan(minimum):
        if improve:
            candidates.append(minimum)
        else:  # just worse than the minimum
            candidates.append(minimum - 1e-9 * width if benefit else minimum + 1e-9 * width)
    # a crossing placed by float arithmetic may land a hair short: a nudged copy of each
    step = 1e-9 * width * (1 if end >= start else -1)
    nudged = [c + step for c in candidates]
    inside = [c for c in (*candidates, *nudged) if min(start, end) <= c <= max(start, end) and c != start]
    return sorted(set(inside), key=lambda c: abs(c - start))


def _exact_change(
    problem: _Problem, option: int, top: int, criterion: int, thresholds: set[float]
) -> float | None:
    """The nearest raw score at which the target is met (wsm), or None."""
    candidates = _wsm_candidates(problem, option, top, criterion, thresholds)
    if not candidates:
        return None
    met = problem.holds(option, top, criterion, np.array(candidates))
    hits = np.flatnonzero(met)
    return float(candidates[int(hits[0])]) if hits.size else None


def _grid_points(m: int, n: int) -> int:
    """Grid points per criterion scan, so that one option's scan stays within the budget."""
    return int(np.clip(GRID_BUDGET // max(1, (m * n) ** 2), 17, 201))


def _scanned_changes(problem: _Problem, option: int, top: int) -> list[float | None]:
    """For each criterion, the nearest raw score (grid scan, then bisection) that meets the
    target, or None. The top only moves towards each scale's worst end."""
    analysis = problem.analysis
    criteria = analysis.arrays.criteria
    m, n = problem.scores.shape
    points = _grid_points(m, n)
    found: list[float | None] = []
    brackets: list[tuple[int, float, float]] = []  # (criterion, false end, true end)
    grids = []
    for j in range(n):
        low, high = float(criteria.low[j]), float(criteria.high[j])
        start = float(problem.scores[option, j])
        grid = np.linspace(low, high, points)
        if option == top:  # a drop: towards the worst end only
            grid = grid[grid < start] if criteria.benefit[j] else grid[grid > start]
        grid = grid[grid != start]
        grids.append(grid)
    lengths = [g.shape[0] for g in grids]
    every = np.concatenate(grids) if sum(lengths) else np.zeros(0)
    columns = np.repeat(np.arange(n), lengths).astype(np.intp)
    met = problem.met(option, top, columns, every)
    offset = 0
    for j, grid in enumerate(grids):
        hits = met[offset : offset + grid.shape[0]]
        offset += grid.shape[0]
        if not hits.any():
            found.append(None)
            continue
        start = float(problem.scores[option, j])
        distances = np.where(hits, np.abs(grid - start), np.inf)
        best = int(np.argmin(distances))
        true_end = float(grid[best])
        # the neighbour towards the current score (or the current score itself) does not meet it
        toward = best - 1 if true_end > start else best + 1
        between = 0 <= toward < grid.shape[0] and (grid[toward] - start) * (true_end - start) > 0
        false_end = float(grid[toward]) if between else start
        found.append(true_end)
        brackets.append((j, false_end, true_end))
    if brackets:
        found = _bisected(problem, option, top, brackets, found)
    return found


def _bisected(
    problem: _Problem,
    option: int,
    top: int,
    brackets: list[tuple[int, float, float]],
    found: list[float | None],
) -> list[float | None]:
    """`found` with each bracket (criterion, false end, true end) narrowed by bisection to
    `BISECTION_TOLERANCE` of its scale width, all criteria at once, each step one batch."""
    criteria = problem.analysis.arrays.criteria
    found = list(found)
    widths = {j: float(criteria.high[j] - criteria.low[j]) for j, _, _ in brackets}
    starts = {j: float(problem.scores[option, j]) for j, _, _ in brackets}
    state = {j: [a, b] for j, a, b in brackets}

    def moved(j: int, x: float) -> float:
        return abs(x - starts[j]) / widths[j]

    while True:
        # a criterion whose bracket starts no nearer than another's true end cannot end up
        # strictly nearest (its answer lies beyond its false end): it is not bisected further
        nearest = min(moved(j, b) for j, (_, b) in state.items())
        open_ = [
            j
            for j, (a, b) in state.items()
            if abs(b - a) > BISECTION_TOLERANCE * widths[j] and moved(j, a) < nearest
        ]
        if not open_:
            break
        middles = np.array([(state[j][0] + state[j][1]) / 2 for j in open_])
        met = problem.met(option, top, np.array(open_, dtype=np.intp), middles)
        for k, j in enumerate(open_):
            state[j][1 if met[k] else 0] = float(middles[k])
    for j, (_, b) in state.items():
        found[j] = b
    return found


def closest_changes(analysis: Analysis) -> dict[str, ClosestChange | None]:
    """Option id -> its closest single-score change (None where no single score does it), in
    rank order; see the module docstring."""
    arrays = analysis.arrays
    ranking = analysis.ranking
    problem = _Problem.of(analysis)
    top = ranking.top.index
    exact = analysis.method_id == "wsm"
    widths = arrays.criteria.high - arrays.criteria.low
    result: dict[str, ClosestChange | None] = {}
    for entry in ranking.entries:
        i = entry.index
        if arrays.scores.shape[0] < 2:
            result[entry.option] = None
            continue
        if exact:
            thresholds = _wsm_thresholds(problem, i, top)
            targets = [_exact_change(problem, i, top, j, thresholds) for j in range(arrays.scores.shape[1])]
        else:
            targets = _scanned_changes(problem, i, top)
        best: tuple[float, int, float] | None = None
        for j, target in enumerate(targets):
            if target is None:
                continue
            movement = abs(target - float(arrays.scores[i, j])) / float(widths[j])
            if best is None or movement < best[0]:
                best = (movement, j, target)
        if best is None:
            result[entry.option] = None
            continue
        movement, j, target = best
        new_top = None
        if i == top:
            new_top = arrays.option_ids[_new_top(analysis, i, j, target)]
        result[entry.option] = ClosestChange(
            option=entry.option,
            criterion=arrays.criterion_ids[j],
            from_value=float(arrays.scores[i, j]),
            to_value=float(target),
            movement=float(movement),
            exact=exact,
            new_top=new_top,
        )
    return result
