"""Participants' own readings of scores: applied to them alone, pooled, and compared."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from decisiontool.analysis import Analysis, ModelArrays
from decisiontool.engine import fails_minimum
from decisiontool.model import Participant
from decisiontool.panel.results import ScoreDisagreement

__all__ = ["disagreements", "own_cells", "pooled_cells", "with_scores"]

_SAME = 1e-9
"""Readings closer than this are the same reading."""


def with_scores(analysis: Analysis, cells: Mapping[tuple[int, int], tuple[float, float, float]]) -> Analysis:
    """The analysis with some (option, criterion) cells' (value, low, high) replaced."""
    if not cells:
        return analysis
    arrays = analysis.arrays
    scores, low, high = arrays.scores.copy(), arrays.low.copy(), arrays.high.copy()
    for (i, j), (value, a, b) in cells.items():
        scores[i, j], low[i, j], high[i, j] = value, a, b
    new = replace(arrays, scores=scores, low=low, high=high, fails=fails_minimum(scores, arrays.criteria))
    return replace(analysis, arrays=new)


def _cell(arrays: ModelArrays, option: str, criterion: str) -> tuple[int, int]:
    return arrays.option_ids.index(option), arrays.criterion_ids.index(criterion)


def own_cells(
    arrays: ModelArrays, participant: Participant
) -> dict[tuple[int, int], tuple[float, float, float]]:
    cells = {}
    for score in participant.file.scores:
        a, b = score.range if score.range is not None else (score.value, score.value)
        cells[_cell(arrays, score.option, score.criterion)] = (score.value, a, b)
    return cells


def _readings(
    arrays: ModelArrays, participants: Sequence[Participant]
) -> dict[tuple[int, int], dict[str, float]]:
    found: dict[tuple[int, int], dict[str, float]] = {}
    for participant in participants:
        for score in participant.file.scores:
            found.setdefault(_cell(arrays, score.option, score.criterion), {})[participant.id] = score.value
    return found


def pooled_cells(
    arrays: ModelArrays, participants: Sequence[Participant]
) -> dict[tuple[int, int], tuple[float, float, float]]:
    """Per read cell: the median of the readings and the model's value; range over them all."""
    cells = {}
    for (i, j), readings in _readings(arrays, participants).items():
        values = [float(arrays.scores[i, j]), *readings.values()]
        median = float(np.median(values))
        low = min(float(arrays.low[i, j]), *values)
        high = max(float(arrays.high[i, j]), *values)
        cells[(i, j)] = (median, low, high)
    return cells


def disagreements(analysis: Analysis, participants: Sequence[Participant]) -> tuple[ScoreDisagreement, ...]:
    arrays = analysis.arrays
    found = []
    for (i, j), readings in _readings(arrays, participants).items():
        model_value = float(arrays.scores[i, j])
        values = [model_value, *readings.values()]
        spread = max(values) - min(values)
        if spread <= _SAME:
            continue
        width = float(arrays.criteria.high[j] - arrays.criteria.low[j])
        found.append(
            ScoreDisagreement(
                option=arrays.option_ids[i],
                criterion=arrays.criterion_ids[j],
                model_value=model_value,
                readings=readings,
                spread=spread,
                relative_spread=spread / width,
                pooled=float(np.median(values)),
            )
        )
    found.sort(key=lambda d: (-d.relative_spread, d.option, d.criterion))
    return tuple(found)
