"""The one application-state object: a model, a profile, weight overrides and a method.

`Analysis` turns a loaded `DecisionModel` into arrays once (`ModelArrays`), applies a
profile and `--weight` overrides (docs/model-format.md#weights), runs the engine and ranks (docs/methods.md).
The CLI, the reports and the Textual app all read results from it; an `Analysis` never
changes: `with_weight`, `with_method` and `with_profile` return new ones that share the
arrays, so the app's undo history is a list of analyses and a keystroke costs one engine
call.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np

from decisiontool.engine import (
    METHODS,
    CriteriaArrays,
    Method,
    MethodResult,
    VikorConditions,
    competition_ranks,
    effective_weights,
    fails_minimum,
    vikor_conditions,
)
from decisiontool.engine.values import PREFERENCE_CODES, BoolArray, FloatArray, IntArray
from decisiontool.model import DEFAULT_PROFILE, DecisionModel
from decisiontool.names import METHOD_IDS as METHOD_IDS
from decisiontool.problems import ModelError, Problem, did_you_mean


@dataclass(frozen=True)
class ModelArrays:
    """A model as the engine sees it; built once per loaded model and shared."""

    criterion_ids: tuple[str, ...]
    option_ids: tuple[str, ...]
    group_ids: tuple[str, ...]
    group_index: IntArray
    """(n,) the group of each criterion, as an index into `group_ids`."""
    scores: FloatArray
    """(m, n) options x criteria."""
    low: FloatArray
    """(m, n) low end of each score's uncertainty range (the value where there is no range)."""
    high: FloatArray
    criteria: CriteriaArrays
    fails: BoolArray
    """(m, n) True where a score is worse than its criterion's minimum."""

    @classmethod
    def from_model(cls, model: DecisionModel) -> ModelArrays:
        """Build the arrays of a validated model."""
        criteria = model.criteria
        group_ids = tuple(group.id for group in model.groups)
        n = len(criteria)
        shape = (len(model.options), n)
        scores = np.zeros(shape)
        low = np.zeros(shape)
        high = np.zeros(shape)
        for i, option in enumerate(model.options):
            for j, criterion in enumerate(criteria):
                score = option.file.scores[criterion.id]
                scores[i, j] = score.value
                low[i, j], high[i, j] = score.range if score.range is not None else (score.value, score.value)

        def parameter(name: str) -> FloatArray:
            found = [getattr(c.preference, name, None) if c.preference else None for c in criteria]
            return np.array([np.nan if v is None else v for v in found], dtype=np.float64)

        engine_criteria = CriteriaArrays(
            low=np.array([c.scale[0] for c in criteria], dtype=np.float64),
            high=np.array([c.scale[1] for c in criteria], dtype=np.float64),
            benefit=np.array([c.direction == "benefit" for c in criteria], dtype=np.bool_),
            value_points=tuple(
                None
                if c.value_function is None
                else (
                    np.array([x for x, _ in c.value_function], dtype=np.float64),
                    np.array([v for _, v in c.value_function], dtype=np.float64),
                )
                for c in criteria
            ),
            preference=np.array(
                [PREFERENCE_CODES[c.preference.function] if c.preference else 0 for c in criteria],
                dtype=np.intp,
            ),
            q=parameter("q"),
            p=parameter("p"),
            s=parameter("s"),
            minimum=np.array(
                [np.nan if c.minimum is None else c.minimum for c in criteria], dtype=np.float64
            ),
        )
        return cls(
            criterion_ids=tuple(c.id for c in criteria),
            option_ids=tuple(option.id for option in model.options),
            group_ids=group_ids,
            group_index=np.array(
                [group_ids.index(model.criterion_group[c.id]) for c in criteria], dtype=np.intp
            ),
            scores=scores,
            low=low,
            high=high,
            criteria=engine_criteria,
            fails=fails_minimum(scores, engine_criteria),
        )


@dataclass(frozen=True)
class RankedOption:
    """One row of a ranking."""

    index: int
    """Position of the option in the model (and in every array)."""
    option: str
    name: str
    rank: int
    score: float
    fails_minimum: tuple[str, ...]
    contributions: dict[str, float] | None
    extra: dict[str, float]


@dataclass(frozen=True)
class Ranking:
    """The result of one method run on one set of weights."""

    method: Method
    result: MethodResult
    order: IntArray
    ranks: IntArray
    entries: tuple[RankedOption, ...]
    vikor: VikorConditions | None

    @property
    def top(self) -> RankedOption:
        """The first-ranked option."""
        return self.entries[0]


@dataclass(frozen=True)
class Analysis:
    """A model under one profile, with weight overrides, ranked by one method."""

    model: DecisionModel
    arrays: ModelArrays
    profile: str
    group_weights: FloatArray
    """(groups,) relative group weights after the profile and overrides."""
    criterion_weights: FloatArray
    """(n,) relative criterion weights after the profile and overrides."""
    method_id: str = "wsm"
    vikor_v: float = 0.5
    overrides: tuple[tuple[str, float], ...] = field(default=())

    @classmethod
    def create(
        cls,
        model: DecisionModel,
        *,
        profile: str = DEFAULT_PROFILE,
        overrides: Sequence[tuple[str, float]] = (),
        method: str = "wsm",
        vikor_v: float = 0.5,
        arrays: ModelArrays | None = None,
    ) -> Analysis:
        """Check the profile, overrides and method against the model; raise ModelError if bad."""
        _check_method(method)
        if not 0.0 <= vikor_v <= 1.0:
            raise ModelError([Problem.of_parameter("vikor_v", "", f"{vikor_v:g} must lie in [0, 1]")])
        if profile != DEFAULT_PROFILE and profile not in model.profiles:
            raise ModelError(
                [
                    Problem.of_parameter(
                        "profile",
                        "",
                        f"unknown profile '{profile}'{did_you_mean(profile, model.profile_ids)}; "
                        f"profiles: {', '.join(model.profile_ids)}",
                    )
                ]
            )
        arrays = arrays or ModelArrays.from_model(model)
        group_weights, criterion_weights = _profile_weights(model, arrays, profile)
        analysis = cls(model, arrays, profile, group_weights, criterion_weights, method, vikor_v)
        return analysis.with_weights(overrides) if overrides else analysis

    # -- weights ------------------------------------------------------------------------

    @cached_property
    def weights(self) -> FloatArray:
        """(n,) effective weights, summing to 1 (docs/model-format.md#weights)."""
        return effective_weights(self.arrays.group_index, self.group_weights, self.criterion_weights)

    def weight_map(self) -> dict[str, float]:
        """Effective weight by criterion id, in model order."""
        return {cid: float(w) for cid, w in zip(self.arrays.criterion_ids, self.weights, strict=True)}

    def relative_weight(self, item: str) -> float:
        """The relative (not effective) weight of a criterion or group."""
        if item in self.arrays.criterion_ids:
            return float(self.criterion_weights[self.arrays.criterion_ids.index(item)])
        return float(self.group_weights[self.arrays.group_ids.index(item)])

    def with_weights(self, changes: Sequence[tuple[str, float]] | Mapping[str, float]) -> Analysis:
        """A new analysis with relative weights of criteria or groups replaced.

        Raises ModelError for an unknown id, a negative or non-finite value, or weights that
        leave no criterion weighted.
        """
        items = list(changes.items()) if isinstance(changes, Mapping) else list(changes)
        problems: list[Problem] = []
        group_weights = self.group_weights.copy()
        criterion_weights = self.criterion_weights.copy()
        known = (*self.arrays.criterion_ids, *self.arrays.group_ids)
        for item, value in items:
            if not math.isfinite(value) or value < 0:
                message = f"{value:g} must be a finite number >= 0"
                problems.append(Problem.of_parameter("weights", item, message))
            elif item in self.arrays.criterion_ids:
                criterion_weights[self.arrays.criterion_ids.index(item)] = value
            elif item in self.arrays.group_ids:
                group_weights[self.arrays.group_ids.index(item)] = value
            else:
                problems.append(
                    Problem.of_parameter(
                        "weights", item, f"unknown criterion or group '{item}'{did_you_mean(item, known)}"
                    )
                )
        if problems:
            raise ModelError(problems)
        if not effective_weights(self.arrays.group_index, group_weights, criterion_weights).any():
            message = "these weights leave no criterion with a positive weight"
            raise ModelError([Problem.of_parameter("weights", "", message)])
        return replace(
            self,
            group_weights=group_weights,
            criterion_weights=criterion_weights,
            overrides=(*self.overrides, *items),
        )

    def with_method(self, method: str, vikor_v: float | None = None) -> Analysis:
        """The same weights ranked by another method."""
        _check_method(method)
        return replace(self, method_id=method, vikor_v=self.vikor_v if vikor_v is None else vikor_v)

    def with_profile(self, profile: str) -> Analysis:
        """The profile's own weights (overrides dropped), same method."""
        return Analysis.create(
            self.model, profile=profile, method=self.method_id, vikor_v=self.vikor_v, arrays=self.arrays
        )

    @property
    def differs_from_profile(self) -> bool:
        """True when the weights are not the profile's own."""
        group_weights, criterion_weights = _profile_weights(self.model, self.arrays, self.profile)
        return not (
            np.allclose(
                self.weights, effective_weights(self.arrays.group_index, group_weights, criterion_weights)
            )
        )

    # -- results --------------------------------------------------------------------------

    @property
    def method(self) -> Method:
        """The engine method in use."""
        return METHODS[self.method_id]

    @cached_property
    def ranking(self) -> Ranking:
        """Scores, ranks and per-option detail for the current weights and method."""
        return rank_with(self, self.weights)

    def profile_ranking(self) -> Ranking:
        """The ranking under the profile's own weights (for movement markers)."""
        return Analysis.create(
            self.model, profile=self.profile, method=self.method_id, vikor_v=self.vikor_v, arrays=self.arrays
        ).ranking


def _check_method(method: str) -> None:
    if method not in METHODS:
        message = f"unknown method '{method}'; one of {', '.join(METHODS)}"
        raise ModelError([Problem.of_parameter("method", "", message)])


def rank_with(analysis: Analysis, weights: FloatArray) -> Ranking:
    """Run the analysis's method with the given effective weights and rank the options."""
    arrays = analysis.arrays
    method = analysis.method
    result = method(arrays.scores, weights, arrays.criteria, analysis.vikor_v)
    _refuse_non_finite(analysis, result.score)
    failing: BoolArray = np.asarray(arrays.fails.any(axis=1), dtype=np.bool_)
    order, ranks = competition_ranks(result.score, method.higher_is_better, failing)
    entries = []
    for i in order:
        option = analysis.model.options[i]
        entries.append(
            RankedOption(
                index=int(i),
                option=option.id,
                name=option.name,
                rank=int(ranks[i]),
                score=float(result.score[i]),
                fails_minimum=tuple(
                    cid for cid, fails in zip(arrays.criterion_ids, arrays.fails[i], strict=True) if fails
                ),
                contributions=(
                    None
                    if result.contributions is None
                    else {
                        cid: float(c)
                        for cid, c in zip(arrays.criterion_ids, result.contributions[i], strict=True)
                    }
                ),
                extra={
                    key: float(value[i])
                    for key, value in result.extras.items()
                    if key in METHOD_EXTRAS[method.id]
                },
            )
        )
    conditions = None
    if method.id == "vikor":
        conditions = vikor_conditions(result.extras["Q"], result.extras["S"], result.extras["R"])
    return Ranking(method, result, order, ranks, tuple(entries), conditions)


def _refuse_non_finite(analysis: Analysis, score: FloatArray) -> None:
    """A NaN or infinite score is never ranked: name each option's file and the criteria whose
    scores, alone, cannot be computed either (the scale or parameters too extreme)."""
    bad = np.flatnonzero(~np.isfinite(score))
    if bad.shape[0] == 0:
        return
    arrays = analysis.arrays
    method = analysis.method
    causes: list[str] = []
    for j, cid in enumerate(arrays.criterion_ids):
        single = method(arrays.scores[:, j : j + 1], np.ones(1), arrays.criteria.single(j))
        if not np.isfinite(single.score).all():
            causes.append(cid)
    because = f" (criteria: {', '.join(causes)})" if causes else ""
    problems = [
        Problem(
            analysis.model.options[int(i)].path,
            "scores",
            f"{method.label} cannot compute a finite score for this option{because}: the scores, "
            "scale or preference parameters are too extreme for floating point; rescale them",
        )
        for i in bad
    ]
    raise ModelError(problems)


METHOD_EXTRAS: dict[str, tuple[str, ...]] = {
    "wsm": (),
    "topsis": ("d_plus", "d_minus"),
    "vikor": ("S", "R", "Q"),
    "promethee2": ("phi_plus", "phi_minus"),
}
"""The method-specific values reported in each ranking entry's `extra`."""


def _profile_weights(
    model: DecisionModel, arrays: ModelArrays, profile: str
) -> tuple[FloatArray, FloatArray]:
    if profile == DEFAULT_PROFILE:
        weights: Mapping[str, float] = {}
        group_weights: Mapping[str, float] = {}
    else:
        weights = model.profiles[profile].weights
        group_weights = model.profiles[profile].group_weights
    return (
        np.array([group_weights.get(g.id, g.weight) for g in model.groups], dtype=np.float64),
        np.array([weights.get(c.id, c.weight) for c in model.criteria], dtype=np.float64),
    )
