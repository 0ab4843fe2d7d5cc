"""The Textual app's state as plain Python: the current analysis, undo/redo, locks and what moved.

`Session` is the one object the app's widgets read and its actions call. It holds the
current `Analysis` (immutable), the analyses before and after it (undo and redo), the
set of locked criteria, the weights the user moved, and the weights last saved; every
change of weight goes through it. The arithmetic lives in `rebalance`; it is tested
without the app.

Must not import textual or rich.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from decisiontool.analysis import METHOD_IDS, Analysis, Ranking
from decisiontool.engine.values import FloatArray
from decisiontool.model import DEFAULT_PROFILE, DecisionModel
from decisiontool.problems import ModelError
from decisiontool.tui import rebalance
from decisiontool.tui.weight_rows import CHANGED, WeightRow, weight_rows

STEP = 0.01
"""Effective-weight change of one arrow key press."""
BIG_STEP = 0.05
"""Effective-weight change of shift + arrow."""
UNDO_LIMIT = 500
"""How many weight changes undo remembers."""
BURST_SECONDS = 0.8
"""Key presses on one weight closer together than this are one undo step."""


@dataclass(frozen=True)
class _Step:
    """One entry of the undo history: an analysis and the weights moved in it."""

    analysis: Analysis
    moved: frozenset[str]


class Session:
    """The app's state: current analysis, undo/redo history, locked criteria, saved weights.

    Every method that changes weights returns True when something changed (and records
    the previous analysis for undo), False when the change was a no-op; it raises
    ModelError when the change would leave no criterion weighted.
    """

    def __init__(self, analysis: Analysis, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.analysis: Analysis = analysis
        """The current analysis: what every panel shows."""
        self.undo_stack: list[_Step] = []
        self.redo_stack: list[_Step] = []
        self.locked: set[str] = set()
        """Locked criterion ids: their effective weights stay put when others change."""
        self.moved: frozenset[str] = frozenset()
        """Criteria and groups the user moved (directly, not by rebalancing)."""
        self.saved_weights: FloatArray = analysis.weights.copy()
        """Effective weights last saved (or loaded from the profile): `unsaved` compares with them."""
        self.colour_by_group = False
        """Colour the bars by group (True) or by criterion, as the reports do (False)."""
        self._clock = clock
        self._burst: tuple[str, float] | None = None
        self._profile_rankings: dict[tuple[str, str, float], Ranking] = {}
        self._profile_analyses: dict[str, Analysis] = {}

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

    def profile_analysis(self, profile: str | None = None) -> Analysis:
        """A profile's own weights (the current one by default), current method (cached per profile)."""
        profile = profile or self.analysis.profile
        cached = self._profile_analyses.get(profile)
        if cached is None:
            cached = self.analysis.with_profile(profile)
            self._profile_analyses[profile] = cached
        return cached

    def profile_weights(self) -> FloatArray:
        """Effective weights under the current profile's own weights."""
        return self.profile_analysis().weights

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

    def score_change(self) -> dict[str, float]:
        """Option id -> score now minus its score under the profile's own weights."""
        before = {entry.option: entry.score for entry in self.profile_ranking().entries}
        return {entry.option: entry.score - before[entry.option] for entry in self.analysis.ranking.entries}

    def moved_items(self) -> list[str]:
        """The moved criteria and groups whose weight still differs from the profile's, in model order."""
        rows = self.weight_rows()
        return [row.id for row in rows if row.moved]

    def largest_weights(self) -> tuple[float, float]:
        """(largest group share, largest criterion weight) under any profile: stable bar scales."""
        groups, criteria = 0.0, 0.0
        index = self.analysis.arrays.group_index
        for profile in self.model.profile_ids:
            weights = self.profile_analysis(profile).weights
            criteria = max(criteria, float(weights.max()))
            groups = max(groups, max(float(weights[index == g].sum()) for g in range(int(index.max()) + 1)))
        return groups, criteria

    def weight_rows(self) -> list[WeightRow]:
        """Groups, each followed by its criteria, in model order (what the weights panel shows)."""
        return weight_rows(self.analysis, self.profile_weights(), self.locked, self.moved)

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

    def _commit(self, analysis: Analysis, moved: frozenset[str], burst: str | None = None) -> bool:
        if np.array_equal(analysis.criterion_weights, self.analysis.criterion_weights) and np.array_equal(
            analysis.group_weights, self.analysis.group_weights
        ):
            return False
        now = self._clock()
        same_burst = (
            burst is not None
            and self._burst is not None
            and self._burst[0] == burst
            and now - self._burst[1] < BURST_SECONDS
            and bool(self.undo_stack)
        )
        if not same_burst:
            self.undo_stack.append(_Step(self.analysis, self.moved))
            del self.undo_stack[:-UNDO_LIMIT]
        self._burst = (burst, now) if burst is not None else None
        self.redo_stack.clear()
        self.analysis = analysis
        self.moved = moved
        return True

    def _apply_effective(self, weights: FloatArray, moved: set[str], burst: str | None = None) -> bool:
        """Make `weights` (effective) the current weights."""
        weights = rebalance.normalised(weights)
        if np.allclose(weights, self.analysis.weights, atol=1e-12):
            return False
        return self._commit(self._closest_to_profile(weights), self.moved | frozenset(moved), burst)

    def _closest_to_profile(self, weights: FloatArray) -> Analysis:
        """The analysis with these effective weights, its relative weights closest to the profile's."""
        profile = self.profile_analysis()
        arrays = profile.arrays
        groups, criteria = rebalance.relative_weights(
            arrays.group_index, profile.group_weights, profile.criterion_weights, weights
        )
        changes = [
            (gid, float(groups[g]))
            for g, gid in enumerate(arrays.group_ids)
            if groups[g] != profile.group_weights[g]
        ] + [
            (cid, float(criteria[j]))
            for j, cid in enumerate(arrays.criterion_ids)
            if criteria[j] != profile.criterion_weights[j]
        ]
        changed = profile.with_weights(changes) if changes else profile
        return changed.with_method(self.analysis.method_id, self.analysis.vikor_v)

    def set_weight(self, item: str, target: float, *, burst: bool = False) -> bool:
        """Set a criterion's effective weight (or a group's share) to `target`, rebalancing.

        Locked criteria keep their weights; the target is clipped to what the locks allow.
        With `burst`, quick repeated changes of the same item make one undo step.
        """
        ids = self.criterion_ids
        locked = np.array([cid in self.locked for cid in ids], dtype=np.bool_)
        if item in self.locked:
            raise rebalance.refuse(f"{item} is locked: unlock it (l) to change it", item)
        if item in ids:
            found = rebalance.set_criterion(self.analysis.weights, locked, ids.index(item), target)
        elif item in self.analysis.arrays.group_ids:
            members = np.array([self.model.criterion_group[cid] == item for cid in ids], dtype=np.bool_)
            found = rebalance.set_group(self.analysis.weights, locked, members, target)
        else:
            raise rebalance.refuse(f"unknown criterion or group '{item}'", item)
        if found is None:
            return False
        return self._apply_effective(found, {item}, item if burst else None)

    def step_weight(self, item: str, delta: float, *, burst: bool = False) -> bool:
        """Change a criterion's effective weight (or a group's share) by `delta`."""
        return self.set_weight(item, self.effective_weight(item) + delta, burst=burst)

    def zero(self, item: str) -> bool:
        """Drop a criterion (or a whole group) by setting its weight to 0."""
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

    def apply_effective_weights(self, weights: Mapping[str, float]) -> bool:
        """Make these effective weights (by criterion id; unlisted ones 0) the current ones."""
        vector = np.array([weights.get(cid, 0.0) for cid in self.criterion_ids], dtype=np.float64)
        if not np.all(np.isfinite(vector)) or (vector < 0).any():
            raise rebalance.refuse("weights must be finite numbers >= 0")
        before = self.analysis.weight_map()
        moved = {cid for cid in self.criterion_ids if abs(weights.get(cid, 0.0) - before[cid]) > CHANGED}
        return self._apply_effective(vector, moved)

    def reset(self) -> bool:
        """Go back to the current profile's own weights (undoable)."""
        return self._commit(self.profile_analysis().with_method(self.analysis.method_id), frozenset())

    def undo(self) -> bool:
        """Undo the last weight change (the method in use stays)."""
        if not self.undo_stack:
            return False
        self.redo_stack.append(_Step(self.analysis, self.moved))
        self._restore(self.undo_stack.pop())
        return True

    def redo(self) -> bool:
        """Redo the last undone weight change."""
        if not self.redo_stack:
            return False
        self.undo_stack.append(_Step(self.analysis, self.moved))
        self._restore(self.redo_stack.pop())
        return True

    def _restore(self, step: _Step) -> None:
        current = self.analysis
        analysis = step.analysis
        if analysis.method_id != current.method_id or analysis.vikor_v != current.vikor_v:
            analysis = analysis.with_method(current.method_id, current.vikor_v)
        if analysis.profile != current.profile:
            self._profile_rankings.clear()
        self.analysis = analysis
        self.moved = step.moved
        self._burst = None

    # -- method and profile -----------------------------------------------------------

    def set_method(self, method_id: str) -> bool:
        """Rank with another method (weights unchanged; not an undoable weight change)."""
        if method_id == self.analysis.method_id:
            return False
        self.analysis = self.analysis.with_method(method_id)
        self._profile_analyses.clear()
        return True

    def cycle_method(self) -> str:
        """Switch to the next method in `METHOD_IDS`; returns its id."""
        position = METHOD_IDS.index(self.analysis.method_id)
        self.set_method(METHOD_IDS[(position + 1) % len(METHOD_IDS)])
        return self.analysis.method_id

    def set_profile(self, profile_id: str) -> bool:
        """Switch to a profile's own weights (undoable); locks and moved marks belong to the old one."""
        if profile_id == self.analysis.profile and not self.differs_from_profile:
            return False
        previous = self.analysis
        self.undo_stack.append(_Step(previous, self.moved))
        self.redo_stack.clear()
        self.analysis = self.profile_analysis(profile_id).with_method(previous.method_id, previous.vikor_v)
        self.moved = frozenset()
        self.locked.clear()
        self._burst = None
        self.saved_weights = self.analysis.weights.copy()
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
            notes.append(f"profile '{wanted}' is gone; using '{DEFAULT_PROFILE}'")
            wanted = DEFAULT_PROFILE
        keep_weights = self.unsaved and profile is None
        fresh = Analysis.create(model, profile=wanted, method=old.method_id, vikor_v=old.vikor_v)
        self._profile_rankings.clear()
        self._profile_analyses.clear()
        self.analysis = fresh
        self.saved_weights = fresh.weights.copy()
        if keep_weights:
            kept = {
                item: old.relative_weight(item)
                for item in (*old.arrays.criterion_ids, *old.arrays.group_ids)
                if item in fresh.arrays.criterion_ids or item in fresh.arrays.group_ids
            }
            try:
                self.analysis = self._closest_to_profile(fresh.with_weights(kept).weights)
            except ModelError:
                notes.append(
                    "your unsaved weights leave nothing weighted in the new model; using the profile's"
                )
        known = set(fresh.arrays.criterion_ids) | set(fresh.arrays.group_ids)
        self.locked &= set(fresh.arrays.criterion_ids)
        self.moved = frozenset(item for item in self.moved if item in known) if keep_weights else frozenset()
        self.undo_stack.clear()
        self.redo_stack.clear()
        self._burst = None
        return notes
