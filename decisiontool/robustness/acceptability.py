"""SMAA-2 of an Analysis as a typed result (`decisiontool.smaa/1`).

Runs `engine.smaa` and returns a frozen `SmaaResult`; its `to_json()` is the only place
that knows the document's key names (docs/json.md). Numbers that do not exist (an option
never first has no central weights) are `None`, never NaN.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.documents import DocumentHeader
from decisiontool.engine import smaa as engine_smaa
from decisiontool.engine.smaa import DEFAULT_SAMPLES, DEFAULT_SPREAD, Progress, ScoreDistribution, WeightMode
from decisiontool.engine.values import FloatArray
from decisiontool.problems import ModelError, Problem

__all__ = ["SMAA_SCHEMA", "OptionAcceptability", "SmaaResult", "smaa"]

SMAA_SCHEMA = "decisiontool.smaa/1"


@dataclass(frozen=True)
class OptionAcceptability:
    """The SMAA-2 indices of one option."""

    option: str
    name: str
    rank_acceptability: tuple[float, ...]
    """`rank_acceptability[r - 1]`: the share of samples in which the option has rank r."""
    expected_rank: float
    central_weights: Mapping[str, float] | None
    """The mean weights of the samples in which the option is first (None: it never is)."""
    confidence: float | None
    """How often it is first under its own central weights (None: never first)."""

    @property
    def first(self) -> float:
        """The share of samples in which the option is first."""
        return self.rank_acceptability[0]

    def to_json(self) -> dict[str, Any]:
        """One entry of the document's `options` list."""
        return {
            "option": self.option,
            "name": self.name,
            "rank_acceptability": list(self.rank_acceptability),
            "expected_rank": self.expected_rank,
            "central_weights": None if self.central_weights is None else dict(self.central_weights),
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class SmaaResult:
    """SMAA-2 over score ranges and weights (`decisiontool.smaa/1`)."""

    header: DocumentHeader
    samples: int
    seed: int
    weight_mode: WeightMode
    spread: float
    score_dist: ScoreDistribution
    options: tuple[OptionAcceptability, ...]
    """One entry per option, in the order of the ranking."""
    pairwise_winning: Mapping[str, Mapping[str, float]]
    """`pairwise_winning[a][b]`: the share of samples in which a ranks above b."""
    participants: tuple[str, ...] = ()
    """With `weight_mode="panel"`: the panel participants whose weight vectors were drawn."""
    illustrative: bool = False
    """With `weight_mode="panel"`: True when the panel is illustrative (its outputs say so)."""

    def option(self, option_id: str) -> OptionAcceptability:
        """The entry of one option (KeyError if there is none)."""
        for entry in self.options:
            if entry.option == option_id:
                return entry
        raise KeyError(option_id)

    def to_json(self) -> dict[str, Any]:
        """The `decisiontool.smaa/1` document."""
        document = self.header.to_json(SMAA_SCHEMA)
        document.update(
            {
                "samples": self.samples,
                "seed": self.seed,
                "weight_mode": self.weight_mode,
                "spread": self.spread,
                "score_dist": self.score_dist,
            }
        )
        if self.weight_mode == "panel":
            from decisiontool.panel import ILLUSTRATIVE_NOTICE

            document["panel"] = {
                "participants": list(self.participants),
                "illustrative": self.illustrative,
                "notice": ILLUSTRATIVE_NOTICE if self.illustrative else None,
            }
        document["options"] = [entry.to_json() for entry in self.options]
        document["pairwise_winning"] = {a: dict(row) for a, row in self.pairwise_winning.items()}
        return document


def smaa(
    analysis: Analysis,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 1,
    weight_mode: WeightMode = "free",
    spread: float = DEFAULT_SPREAD,
    score_dist: ScoreDistribution = "uniform",
    progress: Progress | None = None,
) -> SmaaResult:
    """SMAA-2 rank acceptability, central weights and confidence factors of `analysis`.

    Scores with a `range` are drawn in it; weights are drawn as `weight_mode` says (`free`: no
    preference information; `around`: the profile's weights within +-`spread`; `ordinal`: the
    profile's order of importance only; `panel`: one of the model's panel participants' weight
    vectors, each equally likely, every participant starting from the analysis' weights as in
    `decisiontool.panel`). Same seed, same result; `progress(done, total)` as in `engine.smaa`.
    ModelError for samples < 1, a spread outside [0, 1), or `panel` weights without a panel.

    >>> import decisiontool
    >>> analysis = decisiontool.Analysis.create(decisiontool.load())
    >>> result = decisiontool.smaa(analysis, samples=500, seed=1, weight_mode="around")
    >>> round(sum(entry.first for entry in result.options), 6)
    1.0
    >>> result.to_json()["options"][0]["option"] == analysis.ranking.top.option
    True
    """
    _check(samples, spread)
    arrays = analysis.arrays
    weight_set, participants = _panel_rows(analysis) if weight_mode == "panel" else (None, ())
    result = engine_smaa.smaa(
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
        weight_set=weight_set,
        progress=progress,
    )
    return SmaaResult(
        header=DocumentHeader.of(analysis),
        samples=samples,
        seed=seed,
        weight_mode=weight_mode,
        spread=spread,
        score_dist=score_dist,
        options=_acceptabilities(analysis, result),
        pairwise_winning=_pairwise(arrays.option_ids, result.pairwise_winning),
        participants=participants,
        illustrative=bool(participants) and any(p.file.illustrative for p in analysis.model.panel.values()),
    )


def _acceptabilities(analysis: Analysis, result: engine_smaa.SmaaResult) -> tuple[OptionAcceptability, ...]:
    """Each option's indices, in the order of the ranking; NaN (never first) as None."""
    criterion_ids = analysis.arrays.criterion_ids
    options = []
    for entry in analysis.ranking.entries:
        i = entry.index
        central = result.central_weights[i]
        options.append(
            OptionAcceptability(
                option=entry.option,
                name=entry.name,
                rank_acceptability=tuple(float(v) for v in result.rank_acceptability[i]),
                expected_rank=float(result.expected_rank[i]),
                central_weights=(
                    None
                    if np.isnan(central).any()
                    else {cid: float(w) for cid, w in zip(criterion_ids, central, strict=True)}
                ),
                confidence=None if np.isnan(result.confidence[i]) else float(result.confidence[i]),
            )
        )
    return tuple(options)


def _check(samples: int, spread: float) -> None:
    if samples < 1:
        raise ModelError([Problem.of_parameter("samples", "", f"{samples} must be at least 1")])
    if not 0.0 <= spread < 1.0:
        raise ModelError([Problem.of_parameter("spread", "", f"{spread:g} must lie in [0, 1)")])


def _pairwise(ids: Sequence[str], winning: FloatArray) -> dict[str, dict[str, float]]:
    """Option -> other option -> the share of samples in which the first ranks above the second."""
    return {
        ids[a]: {ids[b]: float(winning[a, b]) for b in range(len(ids)) if b != a} for a in range(len(ids))
    }


def _panel_rows(analysis: Analysis) -> tuple[FloatArray, tuple[str, ...]]:
    """The panel participants' effective weights (one row each) and their ids."""
    from decisiontool.panel import weight_set

    return weight_set(analysis), tuple(analysis.model.panel)
