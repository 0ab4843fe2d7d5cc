"""What the app's analysis tabs show, read from the same typed analyses as the CLI and the reports.

Sensitivity sweeps and SMAA come from `decisiontool.robustness`; the comparison of
methods and profiles adds Kendall's tau and Spearman's rho against the current ranking.
The widgets draw these objects and compute nothing.

Must not import textual or rich.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from decisiontool.analysis import METHOD_IDS, Analysis
from decisiontool.model import DecisionModel


def iter_lessons(model: DecisionModel, criterion_id: str) -> Iterator[tuple[str, str]]:
    """(lesson id, title) of the lessons behind one criterion."""
    for lesson_id in model.criterion(criterion_id).lessons:
        lesson = model.lessons.get(lesson_id)
        if lesson is not None:
            yield lesson_id, lesson.title


@dataclass(frozen=True)
class Comparison:
    """Ranks of every option under every method (these weights) and every profile (this method)."""

    labels: list[str]
    """Column labels; the first column is the current analysis (`now/<method>`)."""
    ranks: dict[str, list[int]]
    """Option id -> ranks in column order."""
    tau: list[float]
    """Kendall's tau of each column against the first (1.0 for the first)."""
    rho: list[float]
    """Spearman's rho of each column against the first."""


def compare_ranks(analysis: Analysis) -> Comparison:
    """Ranks under every method (these weights) and every profile's own weights (this method)."""
    from decisiontool.engine import kendall_tau, spearman_rho

    columns: list[tuple[str, Analysis]] = [("now/" + analysis.method_id, analysis)]
    columns += [(m, analysis.with_method(m)) for m in METHOD_IDS if m != analysis.method_id]
    for profile_id in analysis.model.profile_ids:
        columns.append((f"{profile_id}", analysis.with_profile(profile_id)))
    ranks: dict[str, list[int]] = {option: [] for option in analysis.arrays.option_ids}
    vectors = []
    for _, column in columns:
        vectors.append(np.asarray(column.ranking.ranks, dtype=np.float64))
        for i, option in enumerate(analysis.arrays.option_ids):
            ranks[option].append(int(column.ranking.ranks[i]))
    tau = [float(kendall_tau(vectors[0], vector)) for vector in vectors]
    rho = [float(spearman_rho(vectors[0], vector)) for vector in vectors]
    return Comparison([label for label, _ in columns], ranks, tau, rho)


@dataclass(frozen=True)
class Sensitivity:
    """Every option's score as one criterion's (or group's) weight runs from 0 to 1.

    docs/json.md's sweep: the item's weight goes to t and the others keep their
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
