"""Analyse a model's panel (docs/panel.md): participants' weights, the group, agreement, dissent.

`analyse_panel(analysis)` starts every participant from `analysis` (its profile, overrides
and method): their weights come from `decisiontool.panel.weighing` (the elicitation code
behind `decisiontool weights`). Each participant's own `[[scores]]` replace the model's
scores in their own ranking only (`decisiontool.panel.scores`). The group's weights
aggregate the participants' effective weights (`decisiontool.panel.aggregate`); the group
ranking uses the model's scores or, with `scores="pooled"`, per cell the median of the
participants' readings and the model's value.

Must not import rich, textual, jinja2 or xlsxwriter; reads no files (the loader did).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.engine import kendall_tau, kendall_w
from decisiontool.model import DecisionModel, Participant
from decisiontool.panel.aggregate import group_analysis
from decisiontool.panel.results import (
    AGGREGATES,
    SCORE_MODES,
    Aggregate,
    DissentEntry,
    LeaveOneOut,
    PanelResult,
    ParticipantView,
    ScoreMode,
)
from decisiontool.panel.scores import disagreements, own_cells, with_scores
from decisiontool.panel.weighing import (
    Weighed,
    flat_relative,
    no_panel_problem,
    participant_weights,
    weigh_all,
    weight_set,
)
from decisiontool.problems import ModelError, Problem

__all__ = ["analyse_panel", "flat_relative", "no_panel_problem", "participant_weights", "weight_set"]


def analyse_panel(
    analysis: Analysis, *, aggregate: Aggregate = "geometric", scores: ScoreMode = "model"
) -> PanelResult:
    """The panel of `analysis.model` analysed under `analysis`'s profile, overrides and method.

    `aggregate`: `geometric` (default; the normalised geometric mean of the participants'
    effective weights, AHP participants first combined by AIJ), `mean` or `median`.
    `scores`: `model` (the group ranking uses the model's scores) or `pooled` (per cell
    the median of the participants' readings and the model's value).

    Raises ModelError when the model has no panel, when a participant's judgements do not
    fit the model (naming the file, key and line), or for an unknown `aggregate`/`scores`.

    >>> import decisiontool
    >>> result = decisiontool.analyse_panel(decisiontool.Analysis.create(decisiontool.load()))
    >>> result.illustrative
    True
    >>> result.to_json()["schema"]
    'decisiontool.panel/1'
    """
    _check_choice("aggregate", aggregate, AGGREGATES)
    _check_choice("scores", scores, SCORE_MODES)
    model = analysis.model
    weighed = weigh_all(analysis)
    participants = list(model.panel.values())
    group, group_ahp = group_analysis(analysis, participants, weighed, aggregate, scores)
    views = tuple(
        _view(analysis, group, participant, weighed[participant.id]) for participant in participants
    )
    option_ids = analysis.arrays.option_ids
    return PanelResult(
        base=analysis,
        group=group,
        aggregate=aggregate,
        scores=scores,
        illustrative=any(p.file.illustrative for p in participants),
        participants=views,
        kendall_w=kendall_w(np.array([[view.ranks[o] for o in option_ids] for view in views])),
        leave_one_out=_leave_one_out(analysis, participants, weighed, aggregate, scores),
        disagreements=disagreements(analysis, participants),
        dissent=tuple(
            DissentEntry(p.id, d.about, _about_kind(model, d.about), d.text)
            for p in participants
            for d in p.file.dissent
        ),
        group_ahp=group_ahp,
    )


def _check_choice(parameter: str, value: str, choices: Sequence[str]) -> None:
    if value not in choices:
        message = f"unknown {parameter} '{value}'; one of {', '.join(choices)}"
        raise ModelError([Problem.of_parameter(parameter, "", message)])


def _view(analysis: Analysis, group: Analysis, participant: Participant, own: Weighed) -> ParticipantView:
    """One participant: their weights, their own scores applied, their ranks and tau to the group."""
    view_analysis = with_scores(analysis.with_weights(own.relative), own_cells(analysis.arrays, participant))
    ranks = _ranks(view_analysis)
    group_ranks = _ranks(group)
    option_ids = analysis.arrays.option_ids
    return ParticipantView(
        id=participant.id,
        name=participant.name,
        role=participant.file.role,
        illustrative=participant.file.illustrative,
        given_as=participant.file.weight_kind,
        summary=own.summary,
        weights=own.effective,
        relative=own.relative,
        ranks=ranks,
        top=view_analysis.ranking.top.option,
        own_scores=len(participant.file.scores),
        tau=kendall_tau(
            np.array([ranks[o] for o in option_ids]), np.array([group_ranks[o] for o in option_ids])
        ),
        consistency_ratio=None if own.elicited is None else own.elicited.consistency_ratio,
        sources=tuple(participant.file.sources),
    )


def _leave_one_out(
    analysis: Analysis,
    participants: Sequence[Participant],
    weighed: Mapping[str, Weighed],
    aggregate: Aggregate,
    scores: ScoreMode,
) -> tuple[LeaveOneOut, ...]:
    """The group's top without each participant in turn (none for a panel of one)."""
    if len(participants) < 2:
        return ()
    found = []
    for participant in participants:
        others = [p for p in participants if p.id != participant.id]
        rest = {pid: w for pid, w in weighed.items() if pid != participant.id}
        try:
            without, _ = group_analysis(analysis, others, rest, aggregate, scores)
        except ModelError:
            continue  # the others' weights alone weigh nothing: no group to compare
        found.append(LeaveOneOut(participant.id, without.ranking.top.option))
    return tuple(found)


def _ranks(analysis: Analysis) -> dict[str, int]:
    ids = analysis.arrays.option_ids
    return {ids[i]: int(r) for i, r in enumerate(analysis.ranking.ranks)}


def _about_kind(model: DecisionModel, about: str) -> str:
    if about == "model":
        return "model"
    if about in model.criterion_group:
        return "criterion"
    if any(group.id == about for group in model.groups):
        return "group"
    return "option"
