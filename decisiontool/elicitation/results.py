"""What a weight elicitation returns: the weights, their effect and the method's detail, and its JSON.

Must not import typer, rich or textual.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from decisiontool.analysis import Analysis
from decisiontool.engine.weights import (
    AhpResult,
)
from decisiontool.model import DecisionModel

WEIGHTS_SCHEMA = "decisiontool.weights/1"

CR_THRESHOLD = 0.1
"""Saaty's rule of thumb: a consistency ratio above this calls for revising the judgements."""

GROUPS_PROBLEM = "groups"
"""The id of the AHP problem that compares groups with groups (criteria problems use the group id)."""

# How many of a problem's worst judgements are named when its CR is above the threshold.
_NAMED_PAIRS = 3


@dataclass(frozen=True)
class NamedPair:
    """One judgement next to what the derived weights imply, oriented as the user wrote it.

    "`a` is `given` times as important as `b`"; the weights say `implied`.
    """

    problem: str
    a: str
    b: str
    given: float
    implied: float
    line: int | None = None

    @property
    def deviation(self) -> float:
        """|log(given / implied)|: 0 when the judgement agrees with the weights."""
        return abs(math.log(self.given / self.implied))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "problem": self.problem,
            "a": self.a,
            "b": self.b,
            "given": self.given,
            "implied": self.implied,
            "line": self.line,
        }


@dataclass(frozen=True)
class AhpProblem:
    """One AHP problem: the criteria of one group, or the groups themselves."""

    id: str
    """The group id, or `groups` for the comparison of groups."""
    items: tuple[str, ...]
    method: str
    """`eigen`, `geometric`, or `llsm` (logarithmic least squares, for incomplete sets)."""
    judgements: int
    result: AhpResult
    pairs: tuple[NamedPair, ...]
    """Every judgement of this problem, the most inconsistent first."""

    @property
    def weights(self) -> dict[str, float]:
        """Weight by item id (summing to 1)."""
        return {item: float(w) for item, w in zip(self.items, self.result.weights, strict=True)}

    @property
    def inconsistent(self) -> bool:
        """True when the consistency ratio is above Saaty's 0.1."""
        return self.result.cr is not None and self.result.cr > CR_THRESHOLD

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "problem": self.id,
            "items": list(self.items),
            "method": self.method,
            "judgements": self.judgements,
            "complete": self.judgements == len(self.items) * (len(self.items) - 1) // 2,
            "weights": self.weights,
            "lambda_max": self.result.lambda_max,
            "ci": self.result.ci,
            "cr": self.result.cr,
            "pairs": [pair.as_dict() for pair in self.pairs],
        }


@dataclass(frozen=True)
class ElicitedWeights:
    """Weights derived from judgements (or from the scores), ready to show or to save as a profile.

    `group_weights` and `criterion_weights` hold every group and criterion of the model
    (relative weights, as a profile file holds them); `effective` are the weights they give
    (docs/model-format.md#weights, summing to 1). `summary` says in a few words how they were made,
    `inputs` what they were made from; together they are the profile file's comment.
    """

    method: str
    summary: str
    inputs: str
    group_weights: dict[str, float]
    criterion_weights: dict[str, float]
    effective: dict[str, float]
    analysis: Analysis
    """The analysis under the derived weights (the base analysis with them applied)."""
    base: Analysis
    """The analysis the judgements were made against (profile and overrides)."""
    scope: Literal["groups", "flat"] = "groups"
    ahp: tuple[AhpProblem, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    """Method-specific inputs, JSON-ready (the order, the ratings, ...)."""

    @property
    def comment(self) -> str:
        """One line for the profile file: the method and the inputs."""
        return f"{self.summary}; {self.inputs}" if self.inputs else self.summary

    @property
    def consistency_ratio(self) -> float | None:
        """The largest consistency ratio of the AHP problems (None for other methods)."""
        ratios = [p.result.cr for p in self.ahp if p.result.cr is not None]
        return max(ratios) if ratios else None

    @property
    def inconsistent_pairs(self) -> tuple[NamedPair, ...]:
        """The worst judgements of every AHP problem whose CR is above 0.1."""
        found: list[NamedPair] = []
        for problem in self.ahp:
            if problem.inconsistent:
                found.extend([p for p in problem.pairs if p.deviation > 1e-9][:_NAMED_PAIRS])
        return tuple(found)


def finish(
    base: Analysis,
    method: str,
    summary: str,
    inputs: str,
    group_weights: Mapping[str, float],
    criterion_weights: Mapping[str, float],
    **extra: Any,
) -> ElicitedWeights:
    """Apply derived relative weights to the base analysis and package the result."""
    groups = {g: float(group_weights[g]) for g in base.arrays.group_ids}
    criteria = {c: float(criterion_weights[c]) for c in base.arrays.criterion_ids}
    derived = base.with_weights({**groups, **criteria})
    return ElicitedWeights(
        method=method,
        summary=summary,
        inputs=inputs,
        group_weights=groups,
        criterion_weights=criteria,
        effective=derived.weight_map(),
        analysis=derived,
        base=base,
        **extra,
    )


def current_weights(analysis: Analysis) -> tuple[dict[str, float], dict[str, float]]:
    """The analysis's relative group and criterion weights by id."""
    groups = {g: float(w) for g, w in zip(analysis.arrays.group_ids, analysis.group_weights, strict=True)}
    criteria = {
        c: float(w) for c, w in zip(analysis.arrays.criterion_ids, analysis.criterion_weights, strict=True)
    }
    return groups, criteria


def group_members(model: DecisionModel, group_id: str) -> list[str]:
    """The criteria of a group, in model order."""
    return [c.id for c in model.criteria if model.criterion_group[c.id] == group_id]


def flat_relative(
    model: DecisionModel, flat: Mapping[str, float]
) -> tuple[dict[str, float], dict[str, float]]:
    """Relative weights whose effective weights are `flat` (normalised).

    Each group's weight is the sum of its criteria's flat weights and each criterion's
    weight its flat weight, so `G_g / sum G * c_j / sum_g c` is `flat_j / sum flat`.
    """
    groups = {g.id: sum(flat[c] for c in group_members(model, g.id)) for g in model.groups}
    return groups, {c.id: float(flat[c.id]) for c in model.criteria}


def share_of(listed_now: float, all_now: float, n_listed: int, n_all: int) -> float:
    """The total relative weight that listed items share when unlisted ones keep theirs.

    Listed items keep the total they have now (so unlisted items keep their share). If the
    listed items have no weight now, they get the mean weight of the set each, or 1 in all
    when the whole set has none.
    """
    if listed_now > 0:
        return listed_now
    if all_now > 0:
        return all_now * n_listed / n_all
    return 1.0


def pretty(value: float) -> str:
    """A weight for a one-line comment: 4 significant digits."""
    return f"{value:.4g}"


def weights_document(result: ElicitedWeights, saved: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`decisiontool.weights/1`: the derived weights with the method's detail.

    `weights` are the effective weights of every criterion (sum 1) that the derived profile
    gives; `criterion_weights` and `group_weights` the relative weights it holds;
    `profile_weights` the effective weights of the profile the command ran against.
    """
    document: dict[str, Any] = {
        "schema": WEIGHTS_SCHEMA,
        "model": result.base.model.name,
        "method": result.method,
        "profile": result.base.profile,
        "weights": result.effective,
        "consistency_ratio": result.consistency_ratio,
        "inconsistent_pairs": [pair.as_dict() for pair in result.inconsistent_pairs],
        "scope": result.scope,
        "criterion_weights": result.criterion_weights,
        "group_weights": result.group_weights,
        "profile_weights": result.base.weight_map(),
        "summary": result.summary,
        "inputs": result.inputs,
    }
    if result.base.overrides:
        document["overrides"] = {item: value for item, value in result.base.overrides}
    if result.ahp:
        document["ahp"] = [problem.as_dict() for problem in result.ahp]
    document["details"] = result.details
    document["saved_profile"] = dict(saved) if saved is not None else None
    return document
