"""How sure is the ranking: weight sensitivity and SMAA for an Analysis, as SPEC documents.

Runs the pure engine (`engine.sensitivity`, `engine.smaa`) on an `Analysis` and returns the
JSON documents of SPEC.md section 6 (`decisiontool.sensitivity/1`, `decisiontool.smaa/1`),
which the CLI prints, the reports embed and the Textual app draws. Numbers that do not exist
(an option never first has no central weights) are `None`, never NaN, so every document is
valid JSON.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.documents import header
from decisiontool.engine.sensitivity import DEFAULT_STEPS, Crossing, critical_weights, sweep
from decisiontool.engine.smaa import DEFAULT_SAMPLES, DEFAULT_SPREAD, ScoreDistribution, WeightMode, smaa
from decisiontool.engine.values import BoolArray
from decisiontool.problems import ModelError, Problem, did_you_mean

SENSITIVITY_SCHEMA = "decisiontool.sensitivity/1"
SMAA_SCHEMA = "decisiontool.smaa/1"


def _failing(analysis: Analysis) -> BoolArray:
    return np.asarray(analysis.arrays.fails.any(axis=1), dtype=np.bool_)


def _crossing(analysis: Analysis, crossing: Crossing | None) -> dict[str, Any] | None:
    if crossing is None:
        return None
    return {"weight": crossing.weight, "new_top": analysis.arrays.option_ids[crossing.new_top]}


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
                Problem("--criterion", item, f"unknown {what} '{item}'{did_you_mean(item, known)}")
                for item in unknown
            ]
        )
    return [(item, known[item]) for item in wanted]


def sensitivity_document(
    analysis: Analysis,
    *,
    criteria: Sequence[str] | None = None,
    groups: bool = False,
    steps: int = DEFAULT_STEPS,
) -> dict[str, Any]:
    """`decisiontool.sensitivity/1`: one-way weight sweeps and critical weights.

    For each criterion (or group, with `groups=True`) its effective weight is swept from 0 to
    1 in `steps` steps, the others keeping their proportions, recording every option's score
    and rank; `critical_up` / `critical_down` are the nearest weights above and below the
    current one at which another option becomes strictly first. `tornado` lists the ids from
    the most fragile (smallest change that overturns the top) to the least.
    """
    if steps < 2:
        raise ModelError([Problem("--steps", "", f"{steps} must be at least 2")])
    arrays = analysis.arrays
    fails = _failing(analysis)
    ids = arrays.option_ids
    document = header(analysis, SENSITIVITY_SCHEMA)
    document["top"] = analysis.ranking.top.option
    document["by"] = "groups" if groups else "criteria"
    entries = []
    margins: list[tuple[float, int, str]] = []
    for position, (item, members) in enumerate(_targets(analysis, criteria, groups)):
        critical = critical_weights(
            arrays.scores,
            analysis.weights,
            arrays.criteria,
            analysis.method,
            members,
            fails,
            analysis.vikor_v,
        )
        swept = sweep(
            arrays.scores,
            analysis.weights,
            arrays.criteria,
            analysis.method,
            members,
            steps,
            fails,
            analysis.vikor_v,
        )
        entry: dict[str, Any] = {
            "criterion": item,
            "weight": critical.weight,
            "critical_up": _crossing(analysis, critical.up),
            "critical_down": _crossing(analysis, critical.down),
            "exact": critical.exact,
            "margin": critical.margin,
            "sweep": {
                "weights": [float(t) for t in swept.t],
                "scores": {ids[i]: [float(v) for v in swept.scores[:, i]] for i in range(len(ids))},
                "ranks": {ids[i]: [int(v) for v in swept.ranks[:, i]] for i in range(len(ids))},
            },
        }
        if groups:
            entry["members"] = [arrays.criterion_ids[j] for j in members]
        entries.append(entry)
        margin = critical.margin
        margins.append((math.inf if margin is None else margin, position, item))
    document["criteria"] = entries
    document["tornado"] = [item for _, _, item in sorted(margins)]
    return document


def smaa_document(
    analysis: Analysis,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 1,
    weight_mode: WeightMode = "free",
    spread: float = DEFAULT_SPREAD,
    score_dist: ScoreDistribution = "uniform",
) -> dict[str, Any]:
    """`decisiontool.smaa/1`: SMAA-2 rank acceptability, central weights, confidence factors.

    Scores with a `range` are drawn in it; weights are drawn as `weight_mode` says (`free`:
    no preference information; `around`: the profile's weights within +-`spread`;
    `ordinal`: the profile's order of importance only). `options` keeps the order of the
    ranking; `pairwise_winning[a][b]` is the share of samples in which a ranks above b.
    """
    if samples < 1:
        raise ModelError([Problem("--samples", "", f"{samples} must be at least 1")])
    if not 0.0 <= spread < 1.0:
        raise ModelError([Problem("--spread", "", f"{spread:g} must lie in [0, 1)")])
    arrays = analysis.arrays
    result = smaa(
        arrays.scores,
        arrays.low,
        arrays.high,
        arrays.group_index,
        analysis.group_weights,
        analysis.criterion_weights,
        arrays.criteria,
        analysis.method,
        samples=samples,
        seed=seed,
        weight_mode=weight_mode,
        spread=spread,
        score_dist=score_dist,
        vikor_v=analysis.vikor_v,
    )
    ids = arrays.option_ids
    document = header(analysis, SMAA_SCHEMA)
    document.update(
        {
            "samples": samples,
            "seed": seed,
            "weight_mode": weight_mode,
            "spread": spread,
            "score_dist": score_dist,
        }
    )
    options = []
    for entry in analysis.ranking.entries:
        i = entry.index
        central = result.central_weights[i]
        options.append(
            {
                "option": entry.option,
                "name": entry.name,
                "rank_acceptability": [float(v) for v in result.rank_acceptability[i]],
                "expected_rank": float(result.expected_rank[i]),
                "central_weights": (
                    None
                    if np.isnan(central).any()
                    else {cid: float(w) for cid, w in zip(arrays.criterion_ids, central, strict=True)}
                ),
                "confidence": None if np.isnan(result.confidence[i]) else float(result.confidence[i]),
            }
        )
    document["options"] = options
    document["pairwise_winning"] = {
        ids[a]: {ids[b]: float(result.pairwise_winning[a, b]) for b in range(len(ids)) if b != a}
        for a in range(len(ids))
    }
    return document
