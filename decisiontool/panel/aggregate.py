"""The group's weights: geometric, mean or median of the participants', AHP judgements by AIJ."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.elicitation import ElicitedWeights, Judgement, ahp_weights
from decisiontool.model import Participant
from decisiontool.panel.results import Aggregate, GroupAhp, ScoreMode
from decisiontool.panel.scores import pooled_cells, with_scores
from decisiontool.panel.weighing import Weighed, flat_relative
from decisiontool.problems import ModelError, Problem

__all__ = ["group_analysis"]


def _aij(base: Analysis, weighed: Mapping[str, Weighed]) -> tuple[ElicitedWeights, tuple[str, ...]] | None:
    """The AHP participants' judgements combined pair by pair by the geometric mean (AIJ).

    A pair judged by several participants gets the geometric mean of their values, each
    oriented as the first participant wrote it; for complete matrices this is the
    element-wise geometric mean of the matrices (Aczél & Saaty 1983; Forman & Peniwati 1998).
    The combined judgements go through the same AHP code (eigenvector, consistency ratio).
    """
    ahp = {pid: w for pid, w in weighed.items() if w.judgements}
    if not ahp:
        return None
    logs: dict[frozenset[str], tuple[str, str, list[float]]] = {}
    for w in ahp.values():
        for judgement in w.judgements:
            pair = frozenset((judgement.a, judgement.b))
            if pair not in logs:
                logs[pair] = (judgement.a, judgement.b, [])
            a, _, values = logs[pair]
            value = judgement.value if judgement.a == a else 1.0 / judgement.value
            values.append(math.log(value))
    combined = [
        Judgement(a, b, math.exp(sum(values) / len(values)), f"{a}/{b}") for a, b, values in logs.values()
    ]
    return ahp_weights(base, combined, "eigen", source="panel (AIJ)"), tuple(ahp)


def _combine(
    base: Analysis, weighed: Mapping[str, Weighed], aggregate: Aggregate
) -> tuple[dict[str, float], GroupAhp | None]:
    """The group's effective weights and, when some participants gave AHP judgements, their AIJ."""
    ids = base.arrays.criterion_ids
    aij = _aij(base, weighed)
    group_ahp = None
    if aij is not None:
        elicited, members = aij
        group_ahp = GroupAhp(
            participants=members,
            weights=elicited.effective,
            consistency_ratio=elicited.consistency_ratio,
            problems={problem.id: problem.result.cr for problem in elicited.ahp},
        )
    rows: list[list[float]] = []
    counts: list[float] = []
    if aggregate == "geometric" and aij is not None:
        rows.append([aij[0].effective[c] for c in ids])
        counts.append(float(len(aij[1])))
        rows.extend([w.effective[c] for c in ids] for pid, w in weighed.items() if pid not in aij[1])
    else:
        rows.extend([w.effective[c] for c in ids] for w in weighed.values())
    counts.extend([1.0] * (len(rows) - len(counts)))
    matrix = np.array(rows, dtype=np.float64)
    multiplicity = np.array(counts, dtype=np.float64)
    if aggregate == "geometric":
        with np.errstate(divide="ignore"):
            logs = np.log(matrix)
        combined = np.exp((multiplicity[:, None] * logs).sum(axis=0) / multiplicity.sum())
    elif aggregate == "mean":
        combined = matrix.mean(axis=0)
    else:
        combined = np.median(matrix, axis=0)
    total = float(combined.sum())
    if not total > 0:
        raise ModelError(
            [
                Problem.of_parameter(
                    "aggregate",
                    "",
                    f"the {aggregate} of the participants' weights leaves no criterion weighted (each "
                    "criterion has a participant who gives it no weight); try aggregate 'mean'",
                )
            ]
        )
    return {c: float(v) / total for c, v in zip(ids, combined, strict=True)}, group_ahp


def group_analysis(
    base: Analysis,
    participants: Sequence[Participant],
    weighed: Mapping[str, Weighed],
    aggregate: Aggregate,
    scores: ScoreMode,
) -> tuple[Analysis, GroupAhp | None]:
    effective, group_ahp = _combine(base, weighed, aggregate)
    group = base.with_weights(flat_relative(base, effective))
    if scores == "pooled":
        group = with_scores(group, pooled_cells(base.arrays, participants))
    return group, group_ahp
