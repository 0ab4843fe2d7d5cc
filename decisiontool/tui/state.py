"""The Textual app's state as plain Python: the current analysis, undo/redo and locks.

`Session` is the one object the app's widgets read and its actions call. It holds the
current `Analysis` (immutable), the analyses before and after it (undo and redo), the
set of locked criteria and the weights last saved; every change of weight goes through
it. It is tested without the app.

Weights are edited in *effective-weight space* (the numbers shown, summing to 1):

* Setting criterion k to t keeps every locked criterion's effective weight, and scales
  every other unlocked criterion by the same factor so that the total stays 1:
  ``w_j <- w_j * (1 - L - t) / U`` where L is the locked total and U the unlocked total
  before the change (when U is 0 the change is refused: nothing says how to share it).
* Setting group g's share to t does the same at two levels: inside g, unlocked criteria
  are scaled to fill ``t - L_g``; outside g, unlocked criteria are scaled to fill
  ``1 - t - L_out``.

The result is turned back into relative weights (which is what `Analysis` and profiles
hold) by making each criterion's relative weight its effective weight and each group's
weight the sum of its criteria's, so that SPEC section 2's formula gives back exactly
the effective weights: ``(G_g / sum G) * (c_j / sum_g c) = (G_g / 1) * (w_j / G_g) = w_j``.

Must not import textual or rich.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from decisiontool.analysis import METHOD_IDS, Analysis, Ranking
from decisiontool.engine.values import FloatArray
from decisiontool.model import DecisionModel
from decisiontool.problems import ModelError, Problem

STEP = 0.01
"""Effective-weight change of one arrow key press."""
BIG_STEP = 0.05
"""Effective-weight change of shift + arrow."""
UNDO_LIMIT = 500
"""How many weight changes undo remembers."""


@dataclass(frozen=True)
class WeightRow:
    """One row of the weights panel: a group or a criterion, with what is shown for it."""

    id: str
    name: str
    is_group: bool
    group: str
    """The group id (the row's own id for a group row)."""
    weight: float
    """Effective weight (a group's: the sum of its criteria's)."""
    relative: float
    """Relative weight as the analysis holds it."""
    locked: bool
    profile_weight: float
    """The effective weight under the profile's own weights (to mark differences)."""


def score_fraction(method_id: str, score: float) -> float:
    """Where a score sits between the method's worst and best possible, in [0, 1] (for bars)."""
    if method_id == "vikor":
        fraction = 1.0 - score
    elif method_id == "promethee2":
        fraction = (score + 1.0) / 2.0
    else:
        fraction = score
    return min(1.0, max(0.0, fraction))


def parse_weight_text(text: str) -> float:
    """An effective weight typed by the user: `0.25`, `.25` or `25%`; ValueError if not one."""
    cleaned = text.strip().replace(",", ".")
    percent = cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1].strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not a number (e.g. 0.25 or 25%)") from None
    if percent:
        value /= 100.0
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{text.strip()} must lie between 0 and 1 (or 0% and 100%)")
    return value


class Session:
    """The app's state: current analysis, undo/redo history, locked criteria, saved weights.

    Every method that changes weights returns True when something changed (and records
    the previous analysis for undo), False when the change was a no-op; it raises
    ModelError when the change would leave no criterion weighted.
    """

    def __init__(self, analysis: Analysis) -> None:
        self.analysis: Analysis = analysis
        """The current analysis: what every panel shows."""
        self.undo_stack: list[Analysis] = []
        self.redo_stack: list[Analysis] = []
        self.locked: set[str] = set()
        """Locked criterion ids: their effective weights stay put when others change."""
        self.saved_weights: FloatArray = analysis.weights.copy()
        """Effective weights last saved (or loaded from the profile): `unsaved` compares with them."""
        self._profile_rankings: dict[tuple[str, str, float], Ranking] = {}
        self._profile_weights: dict[str, FloatArray] = {}

    # -- reading ----------------------------------------------------------------------

    @property
    def model(self) -> DecisionModel:
        """The loaded model."""
        return self.analysis.model

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        """Criterion ids in model order."""
        return self.analysis.arrays.criterion_ids

    @property
    def unsaved(self) -> bool:
        """True when the weights differ from those last saved or loaded."""
        return not np.allclose(self.analysis.weights, self.saved_weights, atol=1e-9)

    @property
    def differs_from_profile(self) -> bool:
        """True when the weights are not the current profile's own."""
        return not np.allclose(self.analysis.weights, self.profile_weights(), atol=1e-9)

    def profile_weights(self) -> FloatArray:
        """Effective weights under the current profile's own weights (cached)."""
        profile = self.analysis.profile
        if profile not in self._profile_weights:
            self._profile_weights[profile] = self.analysis.with_profile(profile).weights
        return self._profile_weights[profile]

    def profile_ranking(self) -> Ranking:
        """The ranking under the profile's own weights and the current method (cached)."""
        analysis = self.analysis
        key = (analysis.profile, analysis.method_id, analysis.vikor_v)
        if key not in self._profile_rankings:
            self._profile_rankings[key] = analysis.profile_ranking()
        return self._profile_rankings[key]

    def movement(self) -> dict[str, int]:
        """Option id -> places gained against the profile's own ranking (positive: moved up)."""
        before = {entry.option: entry.rank for entry in self.profile_ranking().entries}
        return {entry.option: before[entry.option] - entry.rank for entry in self.analysis.ranking.entries}

    def weight_rows(self) -> list[WeightRow]:
        """Groups, each followed by its criteria, in model order (what the weights panel shows)."""
        analysis = self.analysis
        weights = analysis.weights
        profile = self.profile_weights()
        index = analysis.arrays.group_index
        rows: list[WeightRow] = []
        for g, group in enumerate(self.model.groups):
            members = [j for j in range(len(self.criterion_ids)) if index[j] == g]
            rows.append(
                WeightRow(
                    id=group.id,
                    name=group.name,
                    is_group=True,
                    group=group.id,
                    weight=float(weights[members].sum()),
                    relative=float(analysis.group_weights[g]),
                    locked=bool(members) and all(self.criterion_ids[j] in self.locked for j in members),
                    profile_weight=float(profile[members].sum()),
                )
            )
            for j in members:
                criterion = self.model.criteria[j]
                rows.append(
                    WeightRow(
                        id=criterion.id,
                        name=criterion.name,
                        is_group=False,
                        group=group.id,
                        weight=float(weights[j]),
                        relative=float(analysis.criterion_weights[j]),
                        locked=criterion.id in self.locked,
                        profile_weight=float(profile[j]),
                    )
                )
        return rows

    def group_members(self, group_id: str) -> list[str]:
        """The criterion ids of one group, in model order."""
        return [cid for cid in self.criterion_ids if self.model.criterion_group[cid] == group_id]

    def effective_weight(self, item: str) -> float:
        """The effective weight of a criterion, or the share of a group."""
        weights = self.analysis.weights
        ids = self.criterion_ids
        if item in ids:
            return float(weights[ids.index(item)])
        return float(sum(weights[ids.index(cid)] for cid in self.group_members(item)))

    # -- changing weights -------------------------------------------------------------

    def _commit(self, analysis: Analysis) -> bool:
        if np.array_equal(analysis.criterion_weights, self.analysis.criterion_weights) and np.array_equal(
            analysis.group_weights, self.analysis.group_weights
        ):
            return False
        self.undo_stack.append(self.analysis)
        del self.undo_stack[:-UNDO_LIMIT]
        self.redo_stack.clear()
        self.analysis = analysis
        return True

    def _apply_effective(self, weights: FloatArray) -> bool:
        """Make `weights` (effective, summing to 1) the current weights; see the module docstring."""
        weights = np.where(weights < 1e-12, 0.0, weights)
        if not weights.any():
            raise ModelError(
                [Problem("weights", "", "these weights leave no criterion with a positive weight")]
            )
        weights = weights / weights.sum()
        ids = self.criterion_ids
        index = self.analysis.arrays.group_index
        changes: dict[str, float] = {cid: float(weights[j]) for j, cid in enumerate(ids)}
        for g, group_id in enumerate(self.analysis.arrays.group_ids):
            changes[group_id] = float(weights[index == g].sum())
        if np.allclose(weights, self.analysis.weights, atol=1e-12):
            return False
        return self._commit(_without_override_growth(self.analysis, changes))

    def set_weight(self, item: str, target: float) -> bool:
        """Set a criterion's effective weight (or a group's share) to `target`, rebalancing.

        Locked criteria keep their weights; the target is clipped to what the locks allow.
        """
        weights = self.analysis.weights.copy()
        ids = self.criterion_ids
        locked = np.array([cid in self.locked for cid in ids], dtype=np.bool_)
        if item in self.locked:
            raise ModelError([Problem("weights", item, f"{item} is locked: unlock it (l) to change it")])
        if item in ids:
            k = ids.index(item)
            selected = np.zeros(len(ids), dtype=np.bool_)
            selected[k] = True
            others = ~selected & ~locked
            room = 1.0 - float(weights[locked & ~selected].sum())
            if not others.any():
                return False
            target = min(max(target, 0.0), room)
            weights[k] = target
            _scale_to(weights, others, room - target)
        elif item in self.analysis.arrays.group_ids:
            members = np.array([self.model.criterion_group[cid] == item for cid in ids], dtype=np.bool_)
            inside_free = members & ~locked
            outside_free = ~members & ~locked
            locked_in = float(weights[members & locked].sum())
            locked_out = float(weights[~members & locked].sum())
            if not inside_free.any() or not outside_free.any():
                return False
            target = min(max(target, locked_in), 1.0 - locked_out)
            _scale_to(weights, inside_free, target - locked_in)
            _scale_to(weights, outside_free, 1.0 - target - locked_out)
        else:
            raise ModelError([Problem("weights", item, f"unknown criterion or group '{item}'")])
        return self._apply_effective(weights)

    def step_weight(self, item: str, delta: float) -> bool:
        """Change a criterion's effective weight (or a group's share) by `delta`."""
        return self.set_weight(item, self.effective_weight(item) + delta)

    def zero(self, item: str) -> bool:
        """Drop a criterion (or a whole group) by setting its weight to 0."""
        if item in self.locked:
            self.locked.discard(item)
        return self.set_weight(item, 0.0)

    def toggle_lock(self, item: str) -> bool:
        """Lock or unlock a criterion (a group: all its criteria); returns True when now locked."""
        members = [item] if item in self.criterion_ids else self.group_members(item)
        if all(cid in self.locked for cid in members):
            self.locked.difference_update(members)
            return False
        self.locked.update(members)
        return True

    def set_relative_weights(self, changes: Mapping[str, float]) -> bool:
        """Replace relative weights of criteria or groups (as `--weight` does)."""
        return self._commit(self.analysis.with_weights(changes))

    def apply_effective_weights(self, weights: Mapping[str, float]) -> bool:
        """Make these effective weights (by criterion id; unlisted ones 0) the current ones."""
        vector = np.array([weights.get(cid, 0.0) for cid in self.criterion_ids], dtype=np.float64)
        if not np.all(np.isfinite(vector)) or (vector < 0).any():
            raise ModelError([Problem("weights", "", "weights must be finite numbers >= 0")])
        return self._apply_effective(vector)

    def reset(self) -> bool:
        """Go back to the current profile's own weights (undoable)."""
        return self._commit(self.analysis.with_profile(self.analysis.profile))

    def undo(self) -> bool:
        """Undo the last weight change (the method in use stays)."""
        if not self.undo_stack:
            return False
        self.redo_stack.append(self.analysis)
        self.analysis = self._keep_method(self.undo_stack.pop())
        return True

    def redo(self) -> bool:
        """Redo the last undone weight change."""
        if not self.redo_stack:
            return False
        self.undo_stack.append(self.analysis)
        self.analysis = self._keep_method(self.redo_stack.pop())
        return True

    def _keep_method(self, analysis: Analysis) -> Analysis:
        current = self.analysis
        if analysis.method_id == current.method_id and analysis.vikor_v == current.vikor_v:
            return analysis
        return analysis.with_method(current.method_id, current.vikor_v)

    # -- method and profile -----------------------------------------------------------

    def set_method(self, method_id: str) -> bool:
        """Rank with another method (weights unchanged; not an undoable weight change)."""
        if method_id == self.analysis.method_id:
            return False
        self.analysis = self.analysis.with_method(method_id)
        return True

    def cycle_method(self) -> str:
        """Switch to the next method in `METHOD_IDS`; returns its id."""
        position = METHOD_IDS.index(self.analysis.method_id)
        self.set_method(METHOD_IDS[(position + 1) % len(METHOD_IDS)])
        return self.analysis.method_id

    def set_profile(self, profile_id: str) -> bool:
        """Switch to a profile's own weights (undoable; unsaved weights are replaced)."""
        if profile_id == self.analysis.profile and not self.differs_from_profile:
            return False
        previous = self.analysis
        self.analysis = previous.with_profile(profile_id)
        self.undo_stack.append(previous)
        self.redo_stack.clear()
        self.saved_weights = self.profile_weights().copy()
        return True

    def profiles(self) -> list[tuple[str, str, str]]:
        """(id, name, description) of every profile, `default` first."""
        model = self.model
        found = []
        for profile_id in model.profile_ids:
            description = (
                "The weights written in the group files."
                if profile_id not in model.profiles
                else model.profiles[profile_id].description
            )
            found.append((profile_id, model.profile_name(profile_id), description))
        return found

    # -- saving and reloading ---------------------------------------------------------

    def profile_to_save(self) -> tuple[dict[str, float], dict[str, float]]:
        """(criterion weights, group weights) as relative weights to write in a profile file."""
        analysis = self.analysis
        return (
            {cid: float(w) for cid, w in zip(self.criterion_ids, analysis.criterion_weights, strict=True)},
            {gid: float(w) for gid, w in zip(analysis.arrays.group_ids, analysis.group_weights, strict=True)},
        )

    def mark_saved(self) -> None:
        """Record the current weights as saved (after writing a profile)."""
        self.saved_weights = self.analysis.weights.copy()

    def reload(self, model: DecisionModel, profile: str | None = None) -> list[str]:
        """Use a newly loaded model, keeping unsaved weights where their criteria still exist.

        Returns notes for the user (a vanished profile, weights that could not be kept).
        Undo history is cleared: it belongs to the old model's arrays.
        """
        notes: list[str] = []
        old = self.analysis
        wanted = profile or old.profile
        if wanted not in model.profile_ids:
            notes.append(f"profile '{wanted}' is gone; using 'default'")
            wanted = "default"
        keep_weights = self.unsaved and profile is None
        fresh = Analysis.create(model, profile=wanted, method=old.method_id, vikor_v=old.vikor_v)
        self._profile_rankings.clear()
        self._profile_weights.clear()
        self.analysis = fresh
        self.saved_weights = self.profile_weights().copy()
        if keep_weights:
            kept = {
                item: old.relative_weight(item)
                for item in (*old.arrays.criterion_ids, *old.arrays.group_ids)
                if item in fresh.arrays.criterion_ids or item in fresh.arrays.group_ids
            }
            try:
                self.analysis = fresh.with_weights(kept)
            except ModelError:
                notes.append(
                    "your unsaved weights leave nothing weighted in the new model; using the profile's"
                )
        self.locked &= set(fresh.arrays.criterion_ids)
        self.undo_stack.clear()
        self.redo_stack.clear()
        return notes

    # -- comparisons ------------------------------------------------------------------

    def compare_ranks(self) -> tuple[list[str], dict[str, list[int]]]:
        """Ranks under every method (current weights) and every profile (current method)."""
        return compare_ranks(self.analysis)


def compare_ranks(analysis: Analysis) -> tuple[list[str], dict[str, list[int]]]:
    """Ranks under every method (these weights) and every profile's own weights (this method).

    Returns (column labels, option id -> ranks in column order); the first column is `analysis`.
    """
    columns: list[tuple[str, Analysis]] = [("now/" + analysis.method_id, analysis)]
    columns += [(m, analysis.with_method(m)) for m in METHOD_IDS if m != analysis.method_id]
    for profile_id in analysis.model.profile_ids:
        columns.append((f"{profile_id}", analysis.with_profile(profile_id)))
    ranks: dict[str, list[int]] = {option: [] for option in analysis.arrays.option_ids}
    for _, column in columns:
        for i, option in enumerate(analysis.arrays.option_ids):
            ranks[option].append(int(column.ranking.ranks[i]))
    return [label for label, _ in columns], ranks


def _scale_to(weights: FloatArray, mask: np.ndarray, total: float) -> None:
    """Scale `weights[mask]` in place so that they sum to `total`.

    Raises ModelError when they are all 0 and must grow: nothing says how to share the
    difference, and reviving dropped criteria behind the user's back would be a surprise.
    """
    if not mask.any():
        return
    total = max(total, 0.0)
    current = float(weights[mask].sum())
    if current > 0:
        weights[mask] *= total / current
    elif total > 1e-12:
        raise ModelError(
            [Problem("weights", "", "every other unlocked weight is 0: raise one of them first")]
        )


def _without_override_growth(analysis: Analysis, changes: Mapping[str, float]) -> Analysis:
    """`with_weights`, but recording only the latest value of each id in `overrides`.

    The app replaces every weight on each keystroke; without this the overrides tuple
    would grow by the number of criteria per keystroke.
    """
    from dataclasses import replace

    changed = analysis.with_weights(changes)
    latest = dict(analysis.overrides)
    latest.update(changes)
    return replace(changed, overrides=tuple(latest.items()))


def iter_lessons(model: DecisionModel, criterion_id: str) -> Iterator[tuple[str, str]]:
    """(lesson id, title) of the lessons behind one criterion."""
    for lesson_id in model.criterion(criterion_id).lessons:
        lesson = model.lessons.get(lesson_id)
        if lesson is not None:
            yield lesson_id, lesson.title


def model_file_stamps(root: Path) -> dict[str, tuple[int, int]]:
    """Relative path -> (mtime_ns, size) of every .toml file of a model directory.

    Polled by the app to notice edits made in another window (no watcher dependency).
    """
    stamps: dict[str, tuple[int, int]] = {}
    for folder in (root / "criteria", root / "criteria" / "profiles", root / "options"):
        try:
            entries: Iterable[Path] = list(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            if path.suffix == ".toml":
                try:
                    info = path.stat()
                except OSError:
                    continue
                stamps[path.relative_to(root).as_posix()] = (info.st_mtime_ns, info.st_size)
    return stamps


@dataclass(frozen=True)
class Sensitivity:
    """Every option's score as one criterion's (or group's) weight runs from 0 to 1.

    SPEC section 6's sweep: the item's weight goes to t and the others keep their
    proportions. `up` and `down` are the critical weights (nearest weight above and below
    the current one at which another option becomes strictly first) with that option's id.
    """

    item: str
    label: str
    weights: list[float]
    scores: dict[str, list[float]]
    """Option id -> score at each weight."""
    current: float
    top: str
    up: tuple[float, str] | None
    down: tuple[float, str] | None
    exact: bool
    """True when the critical weights were solved exactly (wsm, promethee2)."""


def sensitivity(analysis: Analysis, item: str, steps: int = 41) -> Sensitivity:
    """Sweep a criterion or a group and find its critical weights.

    The same `decisiontool.sensitivity/1` document as `decisiontool sensitivity` and the
    reports, for one item.
    """
    from decisiontool import robustness

    model = analysis.model
    is_group = item in analysis.arrays.group_ids
    result = robustness.sensitivity(analysis, criteria=[item], groups=is_group, steps=steps)
    entry = result.criteria[0]

    def crossing(found: robustness.CriticalWeight | None) -> tuple[float, str] | None:
        return None if found is None else (found.weight, found.new_top)

    return Sensitivity(
        item=item,
        label=f"{model.group(item).name} (group)" if is_group else model.criterion(item).name,
        weights=list(entry.sweep.weights),
        scores={option: list(values) for option, values in entry.sweep.scores.items()},
        current=entry.weight,
        top=result.top,
        up=crossing(entry.critical_up),
        down=crossing(entry.critical_down),
        exact=entry.exact,
    )


SMAA_SPREAD = 0.2
"""SMAA in the app draws every weight within ±20% of the current one (weight mode `around`)."""


@dataclass(frozen=True)
class SmaaSummary:
    """What the SMAA tab shows: rank acceptability per option, in the current rank order."""

    options: list[str]
    rank_acceptability: list[list[float]]
    expected_rank: list[float]
    confidence: list[float | None]
    samples: int
    seed: int
    spread: float


def smaa_summary(analysis: Analysis, samples: int = 4000, seed: int = 1) -> SmaaSummary:
    """SMAA-2 around the current weights (score ranges drawn uniformly), seeded.

    The same `decisiontool.smaa/1` document as `decisiontool smaa --weights around`.
    """
    from decisiontool import robustness

    result = robustness.smaa(analysis, samples=samples, seed=seed, weight_mode="around", spread=SMAA_SPREAD)
    options = result.options
    return SmaaSummary(
        options=[row.option for row in options],
        rank_acceptability=[list(row.rank_acceptability) for row in options],
        expected_rank=[row.expected_rank for row in options],
        confidence=[row.confidence for row in options],
        samples=samples,
        seed=seed,
        spread=SMAA_SPREAD,
    )


# -- weight elicitation (rank order, AHP) -------------------------------------------------

SAATY_STEPS: tuple[float, ...] = tuple([1 / v for v in range(9, 1, -1)] + [float(v) for v in range(1, 10)])
"""The pairwise judgements offered, from 1/9 to 9 (index 8 is 1: equally important)."""


@dataclass(frozen=True)
class WeightingScope:
    """What is being weighted: all criteria, the groups, or the criteria of one group."""

    id: str
    label: str
    items: tuple[str, ...]
    names: tuple[str, ...]


def weighting_scopes(analysis: Analysis) -> list[WeightingScope]:
    """Every scope that has at least two items to weigh against each other."""
    model = analysis.model
    scopes = [
        WeightingScope(
            "criteria",
            "All criteria",
            tuple(c.id for c in model.criteria),
            tuple(c.name for c in model.criteria),
        ),
        WeightingScope(
            "groups", "Groups", tuple(g.id for g in model.groups), tuple(g.name for g in model.groups)
        ),
    ]
    for group in model.groups:
        members = [c for c in model.criteria if model.criterion_group[c.id] == group.id]
        scopes.append(
            WeightingScope(
                f"group:{group.id}",
                f"Criteria of {group.name}",
                tuple(c.id for c in members),
                tuple(c.name for c in members),
            )
        )
    return [scope for scope in scopes if len(scope.items) >= 2]


def scope_to_effective(
    analysis: Analysis, scope: WeightingScope, values: Sequence[float]
) -> dict[str, float]:
    """Effective weights of every criterion after giving the scope's items these weights.

    All criteria: the values are the weights. Groups: each group's share becomes its value
    and its criteria keep their proportions inside it. One group's criteria: they share
    the group's current share in these proportions; every other criterion is unchanged.
    """
    current = analysis.weight_map()
    model = analysis.model
    total = float(sum(values))
    shares = {item: float(v) / total for item, v in zip(scope.items, values, strict=True)} if total else {}
    if scope.id == "criteria":
        return {cid: shares.get(cid, 0.0) for cid in current}
    if scope.id == "groups":
        result = {}
        for cid, weight in current.items():
            group = model.criterion_group[cid]
            inside = sum(w for c, w in current.items() if model.criterion_group[c] == group)
            members = [c for c in current if model.criterion_group[c] == group]
            within = weight / inside if inside > 0 else 1.0 / len(members)
            result[cid] = shares.get(group, 0.0) * within
        return result
    group_share = sum(current[cid] for cid in scope.items)
    return {cid: (group_share * shares[cid] if cid in shares else w) for cid, w in current.items()}


def rank_order_result(levels: Sequence[int], method: str) -> list[float]:
    """Weights from importance levels (1 = most important) by `method` (roc, rs, rr, equal)."""
    from decisiontool.engine.weights import rank_order_weights

    return [float(w) for w in rank_order_weights(list(levels), method)]


@dataclass(frozen=True)
class PairwiseResult:
    """AHP weights with Saaty's consistency ratio and the judgements that disagree most."""

    weights: list[float]
    lambda_max: float
    cr: float | None
    worst_pairs: list[tuple[int, int, float, float]]
    """(i, j, given, implied) of the most inconsistent judgements, worst first."""


def pairwise_result(n: int, judgements: Mapping[tuple[int, int], int]) -> PairwiseResult:
    """AHP (principal eigenvector) from judgements given as indices into `SAATY_STEPS`."""
    from decisiontool.engine.weights import ahp_eigen, ahp_matrix

    pairs = [(i, j, SAATY_STEPS[step]) for (i, j), step in judgements.items()]
    result = ahp_eigen(ahp_matrix(n, pairs))
    worst = [(p.i, p.j, p.given, p.implied) for p in result.inconsistent_pairs[:3] if p.deviation > 0.05]
    return PairwiseResult([float(w) for w in result.weights], result.lambda_max, result.cr, worst)


def saaty_label(step: int) -> str:
    """`3 : 1` / `1 : 1` / `1 : 5` for a judgement index into `SAATY_STEPS`."""
    value = SAATY_STEPS[step]
    return f"{value:g} : 1" if value >= 1 else f"1 : {1 / value:g}"
