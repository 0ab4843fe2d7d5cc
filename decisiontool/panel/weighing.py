"""One participant's weights, through the elicitation code behind `decisiontool weights`.

`[weights]` replace relative weights like a profile; `[ahp]`, `[rank]` and `[swing]`
judgements go through `decisiontool.elicitation`. Problems name the participant's file,
key and line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.elicitation import (
    ElicitedWeights,
    Judgement,
    SwingAnswers,
    ahp_weights,
    rank_weights,
    saaty_value,
    swing_weights_for,
)
from decisiontool.elicitation.results import current_weights
from decisiontool.elicitation.results import flat_relative as elicited_flat_relative
from decisiontool.engine.values import FloatArray
from decisiontool.engine.weights import parse_rank_order
from decisiontool.model import DecisionModel, Participant
from decisiontool.problems import ModelError, Problem

__all__ = [
    "Weighed",
    "flat_relative",
    "no_panel_problem",
    "participant_weights",
    "weigh",
    "weigh_all",
    "weight_set",
]


def no_panel_problem(model: DecisionModel) -> Problem:
    """The problem to report when a panel is asked of a model that has none."""
    return Problem(
        "panel/",
        "",
        f"the model '{model.name}' has no panel: add one file per participant in "
        f"{model.root / 'panel'}/<participant-id>.toml (see docs/panel.md)",
    )


def flat_relative(analysis: Analysis, effective: Mapping[str, float]) -> dict[str, float]:
    """Relative group and criterion weights (one mapping, as `Analysis.with_weights` takes them)
    whose effective weights are `effective`."""
    groups, criteria = elicited_flat_relative(analysis.model, effective)
    return {**groups, **criteria}


@dataclass(frozen=True)
class Weighed:
    """A participant's weights: effective, relative, and how they were made."""

    effective: dict[str, float]
    relative: dict[str, float]
    summary: str
    elicited: ElicitedWeights | None
    judgements: tuple[Judgement, ...] = ()


def _in_file(participant: Participant, kind: str, error: ModelError) -> ModelError:
    """The elicitation code's problems, named by the participant's file and `kind.` key."""
    problems = []
    for problem in error.problems:
        key = problem.key
        if not key.startswith(f"{kind}.") and key != kind:
            key = f"{kind}.{key}" if key and kind != "weights" else kind
        parts = tuple(part for part in key.replace("[", ".").replace("]", "").split(".") if part)
        lines = participant.lines
        line = problem.line or lines.get(parts[:2]) or lines.get((kind, "order")) or lines.get((kind,))
        problems.append(Problem(participant.path, key, problem.message, line))
    return ModelError(problems)


def _ahp_judgements(participant: Participant) -> tuple[list[Judgement], list[Problem]]:
    ahp = participant.file.ahp
    assert ahp is not None
    judgements: list[Judgement] = []
    problems: list[Problem] = []
    for index, pair in enumerate(ahp.pair):
        key = f"ahp.pair[#{index + 1}]"
        line = participant.lines.get(
            ("ahp", "pair", index, "value"), participant.lines.get(("ahp", "pair", index))
        )
        value = saaty_value(pair.value)
        if isinstance(value, str):
            problems.append(Problem(participant.path, f"{key}.value", value, line))
            continue
        judgements.append(
            Judgement(pair.a, pair.b, value, key, participant.lines.get(("ahp", "pair", index)))
        )
    return judgements, problems


def weigh(base: Analysis, participant: Participant) -> Weighed:
    """One participant's weights from their file (ModelError naming the file if they do not fit)."""
    file = participant.file
    kind = file.weight_kind
    try:
        if file.weights is not None:
            analysis = base.with_weights(dict(file.weights))
            effective = analysis.weight_map()
            groups, criteria = current_weights(analysis)
            relative = {**groups, **criteria}
            listed = ", ".join(f"{item}={value:g}" for item, value in file.weights.items())
            return Weighed(effective, relative, f"weights given directly ({listed})", None)
        if file.ahp is not None:
            judgements, problems = _ahp_judgements(participant)
            if problems:
                raise ModelError(problems)
            elicited = ahp_weights(base, judgements, file.ahp.method, source=participant.path)
            return Weighed(
                elicited.effective, _relative(elicited), elicited.summary, elicited, tuple(judgements)
            )
        if file.rank is not None:
            tiers = _tiers(file.rank.order, participant, "rank")
            elicited = rank_weights(
                base, tiers, file.rank.method, flat=file.rank.flat, source=participant.path
            )
            return Weighed(elicited.effective, _relative(elicited), elicited.summary, elicited)
        assert file.swing is not None
        tiers = _tiers(file.swing.order, participant, "swing")
        answers = SwingAnswers(
            tuple(tuple(tier) for tier in tiers),
            None if file.swing.ratings is None else dict(file.swing.ratings),
        )
        elicited = swing_weights_for(base, answers, source=participant.path)
        return Weighed(elicited.effective, _relative(elicited), elicited.summary, elicited)
    except ModelError as error:
        raise _in_file(participant, kind, error) from None


def _tiers(order: Sequence[str], participant: Participant, kind: str) -> list[list[str]]:
    try:
        return parse_rank_order(order)
    except ValueError as error:
        raise ModelError(
            [Problem(participant.path, f"{kind}.order", str(error), participant.lines.get((kind, "order")))]
        ) from None


def _relative(elicited: ElicitedWeights) -> dict[str, float]:
    return {**elicited.group_weights, **elicited.criterion_weights}


def participant_weights(analysis: Analysis) -> dict[str, dict[str, float]]:
    """Participant id -> effective weights, every participant starting from `analysis`.

    Raises ModelError naming the file when a participant's judgements do not fit the model,
    and when the model has no panel.
    """
    model = analysis.model
    if not model.panel:
        raise ModelError([no_panel_problem(model)])
    return {pid: weigh(analysis, participant).effective for pid, participant in model.panel.items()}


def weight_set(analysis: Analysis) -> FloatArray:
    """(participants, n) the participants' effective weights, for SMAA over the panel."""
    weights = participant_weights(analysis)
    ids = analysis.arrays.criterion_ids
    return np.array([[row[c] for c in ids] for row in weights.values()], dtype=np.float64)


def weigh_all(analysis: Analysis) -> dict[str, Weighed]:
    """Every participant's weights; ModelError with every participant's problems at once."""
    model = analysis.model
    if not model.panel:
        raise ModelError([no_panel_problem(model)])
    weighed: dict[str, Weighed] = {}
    problems: list[Problem] = []
    for participant in model.panel.values():
        try:
            weighed[participant.id] = weigh(analysis, participant)
        except ModelError as error:
            problems.extend(error.problems)
    if problems:
        raise ModelError(problems)
    return weighed
