"""Analyse a model's panel (SPEC section 9): participants' weights, the group, agreement, dissent.

`analyse_panel(analysis)` starts every participant from `analysis` (its profile, overrides
and method): `[weights]` replace relative weights like a profile; `[ahp]`, `[rank]` and
`[swing]` judgements go through `decisiontool.elicitation`, the code behind `decisiontool
weights`. Each participant's own `[[scores]]` replace the model's scores in their own
ranking only. The group's weights aggregate the participants' effective weights; the group
ranking uses the model's scores or, with `scores="pooled"`, per cell the median of the
participants' readings and the model's value.

Must not import rich, textual, jinja2 or xlsxwriter; reads no files (the loader did).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from decisiontool.analysis import Analysis, ModelArrays
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
from decisiontool.engine import fails_minimum, kendall_tau, kendall_w
from decisiontool.engine.values import FloatArray
from decisiontool.engine.weights import parse_rank_order
from decisiontool.model import DecisionModel, Participant
from decisiontool.panel.results import (
    AGGREGATES,
    SCORE_MODES,
    Aggregate,
    DissentEntry,
    GroupAhp,
    LeaveOneOut,
    PanelResult,
    ParticipantView,
    ScoreDisagreement,
    ScoreMode,
)
from decisiontool.problems import ModelError, Problem

__all__ = ["analyse_panel", "flat_relative", "no_panel_problem", "participant_weights", "weight_set"]

_SAME = 1e-9
"""Readings closer than this are the same reading."""


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


# --------------------------------------------------------------------------------------
# one participant's weights, through the elicitation code
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Weighed:
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


def _weigh(base: Analysis, participant: Participant) -> _Weighed:
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
            return _Weighed(effective, relative, f"weights given directly ({listed})", None)
        if file.ahp is not None:
            judgements, problems = _ahp_judgements(participant)
            if problems:
                raise ModelError(problems)
            elicited = ahp_weights(base, judgements, file.ahp.method, source=participant.path)
            return _Weighed(
                elicited.effective, _relative(elicited), elicited.summary, elicited, tuple(judgements)
            )
        if file.rank is not None:
            tiers = _tiers(file.rank.order, participant, "rank")
            elicited = rank_weights(
                base, tiers, file.rank.method, flat=file.rank.flat, source=participant.path
            )
            return _Weighed(elicited.effective, _relative(elicited), elicited.summary, elicited)
        assert file.swing is not None
        tiers = _tiers(file.swing.order, participant, "swing")
        answers = SwingAnswers(
            tuple(tuple(tier) for tier in tiers),
            None if file.swing.ratings is None else dict(file.swing.ratings),
        )
        elicited = swing_weights_for(base, answers, source=participant.path)
        return _Weighed(elicited.effective, _relative(elicited), elicited.summary, elicited)
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
    return {pid: _weigh(analysis, participant).effective for pid, participant in model.panel.items()}


def weight_set(analysis: Analysis) -> FloatArray:
    """(participants, n) the participants' effective weights, for SMAA over the panel."""
    weights = participant_weights(analysis)
    ids = analysis.arrays.criterion_ids
    return np.array([[row[c] for c in ids] for row in weights.values()], dtype=np.float64)


# --------------------------------------------------------------------------------------
# scores
# --------------------------------------------------------------------------------------


def _with_scores(analysis: Analysis, cells: Mapping[tuple[int, int], tuple[float, float, float]]) -> Analysis:
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


def _own_cells(
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


def _pooled_cells(
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


# --------------------------------------------------------------------------------------
# aggregation
# --------------------------------------------------------------------------------------


def _aij(base: Analysis, weighed: Mapping[str, _Weighed]) -> tuple[ElicitedWeights, tuple[str, ...]] | None:
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
    base: Analysis, weighed: Mapping[str, _Weighed], aggregate: Aggregate
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


def _group(
    base: Analysis,
    participants: Sequence[Participant],
    weighed: Mapping[str, _Weighed],
    aggregate: Aggregate,
    scores: ScoreMode,
) -> tuple[Analysis, GroupAhp | None]:
    effective, group_ahp = _combine(base, weighed, aggregate)
    group = base.with_weights(flat_relative(base, effective))
    if scores == "pooled":
        group = _with_scores(group, _pooled_cells(base.arrays, participants))
    return group, group_ahp


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
    if aggregate not in AGGREGATES:
        raise ModelError(
            [
                Problem.of_parameter(
                    "aggregate", "", f"unknown aggregate '{aggregate}'; one of {', '.join(AGGREGATES)}"
                )
            ]
        )
    if scores not in SCORE_MODES:
        raise ModelError(
            [
                Problem.of_parameter(
                    "scores", "", f"unknown scores '{scores}'; one of {', '.join(SCORE_MODES)}"
                )
            ]
        )
    model = analysis.model
    if not model.panel:
        raise ModelError([no_panel_problem(model)])
    participants = list(model.panel.values())
    weighed: dict[str, _Weighed] = {}
    problems: list[Problem] = []
    for participant in participants:
        try:
            weighed[participant.id] = _weigh(analysis, participant)
        except ModelError as error:
            problems.extend(error.problems)
    if problems:
        raise ModelError(problems)

    group, group_ahp = _group(analysis, participants, weighed, aggregate, scores)
    group_ranks = _ranks(group)
    option_ids = analysis.arrays.option_ids

    views: list[ParticipantView] = []
    rank_rows: list[list[int]] = []
    for participant in participants:
        own = weighed[participant.id]
        view_analysis = _with_scores(
            analysis.with_weights(own.relative), _own_cells(analysis.arrays, participant)
        )
        ranks = _ranks(view_analysis)
        rank_rows.append([ranks[o] for o in option_ids])
        views.append(
            ParticipantView(
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
        )

    leave_one_out: list[LeaveOneOut] = []
    if len(participants) > 1:
        for participant in participants:
            others = [p for p in participants if p.id != participant.id]
            rest = {pid: w for pid, w in weighed.items() if pid != participant.id}
            try:
                without, _ = _group(analysis, others, rest, aggregate, scores)
            except ModelError:
                continue  # the others' weights alone weigh nothing: no group to compare
            leave_one_out.append(LeaveOneOut(participant.id, without.ranking.top.option))

    return PanelResult(
        base=analysis,
        group=group,
        aggregate=aggregate,
        scores=scores,
        illustrative=any(p.file.illustrative for p in participants),
        participants=tuple(views),
        kendall_w=kendall_w(np.array(rank_rows)),
        leave_one_out=tuple(leave_one_out),
        disagreements=_disagreements(analysis, participants),
        dissent=tuple(
            DissentEntry(p.id, d.about, _about_kind(model, d.about), d.text)
            for p in participants
            for d in p.file.dissent
        ),
        group_ahp=group_ahp,
    )


def _disagreements(analysis: Analysis, participants: Sequence[Participant]) -> tuple[ScoreDisagreement, ...]:
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
