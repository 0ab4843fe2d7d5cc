"""Weight sensitivity of an Analysis as a typed result (`decisiontool.sensitivity/1`).

Runs `engine.sensitivity` and returns a frozen `SensitivityResult`; its `to_json()` is the
only place that knows the document's key names (docs/json.md).

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.documents import DocumentHeader
from decisiontool.engine import sensitivity as engine_sensitivity
from decisiontool.engine.sensitivity import DEFAULT_STEPS
from decisiontool.engine.values import BoolArray
from decisiontool.problems import ModelError, Problem, did_you_mean

__all__ = [
    "SENSITIVITY_SCHEMA",
    "CriterionSensitivity",
    "CriticalWeight",
    "SensitivityResult",
    "Sweep",
    "sensitivity",
    "tornado_order",
]

SENSITIVITY_SCHEMA = "decisiontool.sensitivity/1"


@dataclass(frozen=True)
class CriticalWeight:
    """A weight at which another option becomes strictly first, and that option's id."""

    weight: float
    new_top: str

    def to_json(self) -> dict[str, Any]:
        """`{"weight": .., "new_top": ..}`."""
        return {"weight": self.weight, "new_top": self.new_top}


@dataclass(frozen=True)
class Sweep:
    """Every option's score and rank as one weight runs from 0 to 1, the others in proportion."""

    weights: tuple[float, ...]
    """The swept weight at each step."""
    scores: Mapping[str, tuple[float, ...]]
    """Option id -> the method's score at each step (options in model order)."""
    ranks: Mapping[str, tuple[int, ...]]
    """Option id -> rank at each step."""

    def to_json(self) -> dict[str, Any]:
        """`{"weights": [..], "scores": {option: [..]}, "ranks": {option: [..]}}`."""
        return {
            "weights": list(self.weights),
            "scores": {option: list(values) for option, values in self.scores.items()},
            "ranks": {option: list(values) for option, values in self.ranks.items()},
        }


@dataclass(frozen=True)
class CriterionSensitivity:
    """The sweep and the critical weights of one criterion (or of one group)."""

    criterion: str
    """The criterion's id, or the group's id when the result is `by` groups."""
    weight: float
    """Its current effective weight (a group's: the sum of its criteria's)."""
    critical_up: CriticalWeight | None
    """The smallest weight above `weight` at which another option becomes first (None: none)."""
    critical_down: CriticalWeight | None
    """The largest weight below `weight` at which another option becomes first (None: none)."""
    exact: bool
    """True when the critical weights were solved exactly, False when found by bisection."""
    margin: float | None
    """The smallest change of `weight`, up or down, that overturns the top (None: none does)."""
    sweep: Sweep
    members: tuple[str, ...] | None = None
    """A group's criteria (None for a criterion)."""

    @property
    def nearest(self) -> CriticalWeight | None:
        """The critical weight closest to the current one (the one `margin` measures)."""
        found = [c for c in (self.critical_down, self.critical_up) if c is not None]
        return min(found, key=lambda c: abs(c.weight - self.weight)) if found else None

    def to_json(self) -> dict[str, Any]:
        """One entry of the document's `criteria` list."""
        entry: dict[str, Any] = {
            "criterion": self.criterion,
            "weight": self.weight,
            "critical_up": None if self.critical_up is None else self.critical_up.to_json(),
            "critical_down": None if self.critical_down is None else self.critical_down.to_json(),
            "exact": self.exact,
            "margin": self.margin,
            "sweep": self.sweep.to_json(),
        }
        if self.members is not None:
            entry["members"] = list(self.members)
        return entry


@dataclass(frozen=True)
class SensitivityResult:
    """One-way weight sensitivity of the top option (`decisiontool.sensitivity/1`)."""

    header: DocumentHeader
    top: str
    """The option first at the current weights."""
    by: Literal["criteria", "groups"]
    criteria: tuple[CriterionSensitivity, ...]
    """One entry per swept criterion (or group), in model order (or the order asked for)."""
    tornado: tuple[str, ...]
    """The ids of `criteria`, the most fragile first (smallest margin; never-overturned last)."""

    def entry(self, item: str) -> CriterionSensitivity:
        """The entry of one criterion or group (KeyError if it was not swept)."""
        for entry in self.criteria:
            if entry.criterion == item:
                return entry
        raise KeyError(item)

    def in_tornado_order(self) -> tuple[CriterionSensitivity, ...]:
        """The entries, the most fragile first."""
        return tuple(self.entry(item) for item in self.tornado)

    def to_json(self) -> dict[str, Any]:
        """The `decisiontool.sensitivity/1` document."""
        document = self.header.to_json(SENSITIVITY_SCHEMA)
        document["top"] = self.top
        document["by"] = self.by
        document["criteria"] = [entry.to_json() for entry in self.criteria]
        document["tornado"] = list(self.tornado)
        return document


def _failing(analysis: Analysis) -> BoolArray:
    return np.asarray(analysis.arrays.fails.any(axis=1), dtype=np.bool_)


def _targets(analysis: Analysis, items: Sequence[str] | None, groups: bool) -> list[tuple[str, list[int]]]:
    """(id, criterion indices) of every criterion or group to sweep; ModelError for unknown ids."""
    arrays = analysis.arrays
    if groups:
        known = {
            gid: [j for j, g in enumerate(arrays.group_index) if int(g) == k]
            for k, gid in enumerate(arrays.group_ids)
        }
    else:
        known = {cid: [j] for j, cid in enumerate(arrays.criterion_ids)}
    wanted = list(items) if items else list(known)
    unknown = [item for item in wanted if item not in known]
    if unknown:
        what = "group" if groups else "criterion"
        raise ModelError(
            [
                Problem.of_parameter("criteria", item, f"unknown {what} '{item}'{did_you_mean(item, known)}")
                for item in unknown
            ]
        )
    return [(item, known[item]) for item in wanted]


def _critical(analysis: Analysis, crossing: engine_sensitivity.Crossing | None) -> CriticalWeight | None:
    if crossing is None:
        return None
    return CriticalWeight(weight=crossing.weight, new_top=analysis.arrays.option_ids[crossing.new_top])


def _criterion_sensitivity(
    analysis: Analysis, item: str, members: list[int], steps: int, groups: bool, fails: BoolArray
) -> CriterionSensitivity:
    arrays = analysis.arrays
    ids = arrays.option_ids
    critical = engine_sensitivity.critical_weights(
        arrays.scores, analysis.weights, arrays.criteria, analysis.method, members, fails, analysis.vikor_v
    )
    swept = engine_sensitivity.sweep(
        arrays.scores,
        analysis.weights,
        arrays.criteria,
        analysis.method,
        members,
        steps,
        fails,
        analysis.vikor_v,
    )
    return CriterionSensitivity(
        criterion=item,
        weight=critical.weight,
        critical_up=_critical(analysis, critical.up),
        critical_down=_critical(analysis, critical.down),
        exact=critical.exact,
        margin=critical.margin,
        sweep=Sweep(
            weights=tuple(float(t) for t in swept.t),
            scores={ids[i]: tuple(float(v) for v in swept.scores[:, i]) for i in range(len(ids))},
            ranks={ids[i]: tuple(int(v) for v in swept.ranks[:, i]) for i in range(len(ids))},
        ),
        members=tuple(arrays.criterion_ids[j] for j in members) if groups else None,
    )


def tornado_order(entries: Sequence[CriterionSensitivity]) -> tuple[str, ...]:
    """The ids of `entries`, the smallest margin first; never-overturned last; input order among equals."""
    order = engine_sensitivity.tornado_positions([entry.margin for entry in entries])
    return tuple(entries[i].criterion for i in order)


def sensitivity(
    analysis: Analysis,
    *,
    criteria: Sequence[str] | None = None,
    groups: bool = False,
    steps: int = DEFAULT_STEPS,
    progress: Callable[[int, int], None] | None = None,
) -> SensitivityResult:
    """One-way weight sweeps and critical weights of `analysis`'s top option.

    For each criterion (or group, with `groups=True`) its effective weight is swept from 0 to
    1 in `steps` steps, the others keeping their proportions, recording every option's score
    and rank; `critical_up` / `critical_down` are the nearest weights above and below the
    current one at which another option becomes strictly first. `tornado` lists the ids from
    the most fragile (smallest change that overturns the top) to the least. `progress`, when
    given, is called with (criteria done, criteria) after each criterion (or group); it does
    not change the result.

    Raises ModelError for an unknown criterion or group, or fewer than 2 steps.

    >>> import decisiontool
    >>> analysis = decisiontool.Analysis.create(decisiontool.load())
    >>> result = decisiontool.sensitivity(analysis, criteria=["cost_burden"], steps=11)
    >>> entry = result.entry("cost_burden")
    >>> len(entry.sweep.weights), entry.exact
    (11, True)
    >>> result.tornado
    ('cost_burden',)
    """
    if steps < 2:
        raise ModelError([Problem.of_parameter("steps", "", f"{steps} must be at least 2")])
    fails = _failing(analysis)
    targets = _targets(analysis, criteria, groups)
    found = []
    for done, (item, members) in enumerate(targets, start=1):
        found.append(_criterion_sensitivity(analysis, item, members, steps, groups, fails))
        if progress is not None:
            progress(done, len(targets))
    entries = tuple(found)
    return SensitivityResult(
        header=DocumentHeader.of(analysis),
        top=analysis.ranking.top.option,
        by="groups" if groups else "criteria",
        criteria=entries,
        tornado=tornado_order(entries),
    )
