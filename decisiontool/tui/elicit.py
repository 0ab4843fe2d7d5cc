"""The weighting screen's arithmetic: `decisiontool.elicitation` with the scopes it allows.

The app offers what `decisiontool weights rank` and `decisiontool weights ahp` do, with the
same scope rules: an importance order across all criteria (flat), of the groups, or of the
criteria of one group (the others keep their weights); pairwise comparisons of the groups,
or of the criteria within one group (elicitation never compares criteria of two groups).

Must not import textual or rich.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from decisiontool.analysis import Analysis
from decisiontool.elicitation import ElicitedWeights, Judgement, ahp_weights, rank_weights

SAATY_STEPS: tuple[float, ...] = tuple([1 / v for v in range(9, 1, -1)] + [float(v) for v in range(1, 10)])
"""The pairwise judgements offered, from 1/9 to 9 (index 8 is 1: equally important)."""
SHOWN_PAIRS = 3
"""How many of the most inconsistent judgements are named."""


@dataclass(frozen=True)
class WeightingScope:
    """What is being weighted: all criteria, the groups, or the criteria of one group."""

    id: str
    label: str
    items: tuple[str, ...]
    names: tuple[str, ...]


def weighting_scopes(analysis: Analysis, mode: Literal["rank", "ahp"] = "rank") -> list[WeightingScope]:
    """Every scope with at least two items that the mode can weigh (AHP: not all criteria at once)."""
    model = analysis.model
    scopes: list[WeightingScope] = []
    if mode == "rank":
        scopes.append(
            WeightingScope(
                "criteria",
                "All criteria",
                tuple(c.id for c in model.criteria),
                tuple(c.name for c in model.criteria),
            )
        )
    scopes.append(
        WeightingScope(
            "groups", "Groups", tuple(g.id for g in model.groups), tuple(g.name for g in model.groups)
        )
    )
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


@dataclass(frozen=True)
class Derived:
    """Weights derived for one scope, and what applying them gives."""

    values: list[float]
    """The scope's items' weights among themselves (summing to 1), in scope order."""
    effective: dict[str, float]
    """Every criterion's effective weight after applying."""
    lambda_max: float | None = None
    cr: float | None = None
    worst_pairs: tuple[tuple[int, int, float, float], ...] = ()
    """(i, j, given, implied) of the most inconsistent judgements, worst first (AHP)."""


def _among(weights: Mapping[str, float], items: Sequence[str]) -> list[float]:
    total = sum(weights[item] for item in items)
    return [weights[item] / total if total > 0 else 0.0 for item in items]


def _scope_values(result: ElicitedWeights, scope: WeightingScope) -> list[float]:
    if scope.id == "groups":
        return _among(result.group_weights, scope.items)
    return _among(result.effective, scope.items)


def rank_order(analysis: Analysis, scope: WeightingScope, levels: Sequence[int], method: str) -> Derived:
    """Weights from importance levels (1 = most important; equal levels tie) by roc, rs, rr or equal."""
    tiers = [
        [item for item, level in zip(scope.items, levels, strict=True) if level == wanted]
        for wanted in sorted(set(levels))
    ]
    if scope.id == "criteria":
        result = rank_weights(analysis, tiers, method, flat=True, source="the importance levels")
    else:
        result = rank_weights(analysis, tiers, method, keep_unlisted=True, source="the importance levels")
    return Derived(_scope_values(result, scope), result.effective)


def pairwise(analysis: Analysis, scope: WeightingScope, steps: Mapping[tuple[int, int], int]) -> Derived:
    """AHP (principal eigenvector) from judgements given as indices into `SAATY_STEPS`."""
    items = scope.items
    judgements = [Judgement(items[i], items[j], SAATY_STEPS[step]) for (i, j), step in sorted(steps.items())]
    result = ahp_weights(analysis, judgements, source="the pairwise judgements")
    problem = result.ahp[0]
    index = {item: i for i, item in enumerate(items)}
    worst = tuple(
        (index[pair.a], index[pair.b], pair.given, pair.implied)
        for pair in problem.pairs[:SHOWN_PAIRS]
        if pair.deviation > 0.05
    )
    return Derived(
        _scope_values(result, scope), result.effective, problem.result.lambda_max, problem.result.cr, worst
    )


def saaty_label(step: int) -> str:
    """`3 : 1` / `1 : 1` / `1 : 5` for a judgement index into `SAATY_STEPS`."""
    value = SAATY_STEPS[step]
    return f"{value:g} : 1" if value >= 1 else f"1 : {1 / value:g}"
