"""The typed results of a panel analysis and their `decisiontool.panel/1` JSON (docs/panel.md).

`to_json()` is the only place that knows the schema's key names; the CLI, the reports and
the app read the attributes.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from decisiontool.analysis import Analysis
from decisiontool.documents import DocumentHeader, ranking_document

__all__ = [
    "AGGREGATES",
    "ILLUSTRATIVE_NOTICE",
    "PANEL_SCHEMA",
    "SCORE_MODES",
    "Aggregate",
    "DissentEntry",
    "GroupAhp",
    "LeaveOneOut",
    "PanelResult",
    "ParticipantView",
    "ScoreDisagreement",
    "ScoreMode",
]

PANEL_SCHEMA = "decisiontool.panel/1"

Aggregate = Literal["geometric", "mean", "median"]
AGGREGATES: tuple[Aggregate, ...] = ("geometric", "mean", "median")
"""How the participants' weights are combined; the first is the default."""

ScoreMode = Literal["model", "pooled"]
SCORE_MODES: tuple[ScoreMode, ...] = ("model", "pooled")
"""Which scores the group ranking uses: the model's, or per cell the median of all readings."""

ILLUSTRATIVE_NOTICE = (
    "Illustrative panel: its participants are worked examples built from published positions, "
    "not the judgements of real delegations or offices."
)


def _number(value: float) -> float | None:
    """A JSON number, or null where the statistic is undefined (NaN)."""
    return None if math.isnan(value) else value


@dataclass(frozen=True)
class ParticipantView:
    """One participant: their effective weights, and the ranking under them and their own readings."""

    id: str
    name: str
    role: str
    illustrative: bool
    given_as: str
    """How the weights were given: `weights`, `ahp`, `rank` or `swing`."""
    summary: str
    """How the weights were made, in a few words (the elicitation method for judgements)."""
    weights: Mapping[str, float]
    """Effective weight by criterion id (summing to 1)."""
    relative: Mapping[str, float]
    """Relative group and criterion weights that give `weights` (to apply to an analysis)."""
    ranks: Mapping[str, int]
    """Option id -> rank under this participant's weights and own scores (method of the panel)."""
    top: str
    own_scores: int
    """How many scores this participant reads differently from the model (applied to them only)."""
    tau: float
    """Kendall's tau-b between this participant's ranking and the group's (NaN when undefined)."""
    consistency_ratio: float | None
    """The largest consistency ratio of this participant's AHP judgements (None otherwise)."""
    sources: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """One entry of the document's `participants` object."""
        return {
            "name": self.name,
            "role": self.role,
            "illustrative": self.illustrative,
            "given_as": self.given_as,
            "summary": self.summary,
            "weights": dict(self.weights),
            "top": self.top,
            "ranks": dict(self.ranks),
            "tau": _number(self.tau),
            "own_scores": self.own_scores,
            "consistency_ratio": self.consistency_ratio,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class LeaveOneOut:
    """The group's top option with one participant left out (weights and readings)."""

    participant: str
    top_without: str

    def to_json(self) -> dict[str, Any]:
        """One entry of the document's `leave_one_out` list."""
        return {"participant": self.participant, "top_without": self.top_without}


@dataclass(frozen=True)
class ScoreDisagreement:
    """An option x criterion that participants read differently (from each other or the model)."""

    option: str
    criterion: str
    model_value: float
    readings: Mapping[str, float]
    """Participant id -> their value, for those who read this score."""
    spread: float
    """The largest value minus the smallest, the model's included."""
    relative_spread: float
    """`spread` as a share of the criterion's scale width."""
    pooled: float
    """The median of the readings and the model's value (what `--scores pooled` uses)."""

    def to_json(self) -> dict[str, Any]:
        """One entry of the document's `score_disagreements` list."""
        return {
            "option": self.option,
            "criterion": self.criterion,
            "model": self.model_value,
            "readings": dict(self.readings),
            "spread": self.spread,
            "relative_spread": self.relative_spread,
            "pooled": self.pooled,
        }


@dataclass(frozen=True)
class DissentEntry:
    """One recorded dissent."""

    participant: str
    about: str
    about_kind: str
    """`option`, `criterion`, `group` or `model`."""
    text: str

    def to_json(self) -> dict[str, Any]:
        """One entry of the document's `dissent` list."""
        return {
            "participant": self.participant,
            "about": self.about,
            "about_kind": self.about_kind,
            "text": self.text,
        }


@dataclass(frozen=True)
class GroupAhp:
    """The AHP participants' judgements aggregated by the element-wise geometric mean (AIJ)."""

    participants: tuple[str, ...]
    weights: Mapping[str, float]
    """The effective weights of the group's eigenvector weights."""
    consistency_ratio: float | None
    """The largest consistency ratio of the aggregated matrices (None when no matrix has one)."""
    problems: Mapping[str, float | None]
    """AHP problem (a group id, or `groups`) -> the consistency ratio of its aggregated matrix."""

    def to_json(self) -> dict[str, Any]:
        """The document's `group_ahp` object."""
        return {
            "participants": list(self.participants),
            "weights": dict(self.weights),
            "consistency_ratio": self.consistency_ratio,
            "problems": dict(self.problems),
        }


@dataclass(frozen=True)
class PanelResult:
    """A panel analysed under one method: who weighs what, where they agree, who tips the result."""

    base: Analysis
    """The analysis the participants start from (profile, overrides, method)."""
    group: Analysis
    """The group: aggregated weights and the scores of `scores` (the model's or pooled)."""
    aggregate: Aggregate
    scores: ScoreMode
    illustrative: bool
    participants: tuple[ParticipantView, ...]
    kendall_w: float
    """Kendall's W over the participants' rankings (tie-corrected; NaN when undefined)."""
    leave_one_out: tuple[LeaveOneOut, ...]
    disagreements: tuple[ScoreDisagreement, ...]
    """Largest spread first."""
    dissent: tuple[DissentEntry, ...]
    group_ahp: GroupAhp | None

    @property
    def group_weights(self) -> dict[str, float]:
        """The aggregated effective weights by criterion id."""
        return self.group.weight_map()

    @property
    def top(self) -> str:
        """The group's first option."""
        return self.group.ranking.top.option

    @property
    def pivotal(self) -> tuple[str, ...]:
        """The participants whose view alone changes the group's top option (leave-one-out)."""
        return tuple(entry.participant for entry in self.leave_one_out if entry.top_without != self.top)

    def participant(self, participant_id: str) -> ParticipantView:
        """One participant's view (KeyError if there is none)."""
        for view in self.participants:
            if view.id == participant_id:
                return view
        raise KeyError(participant_id)

    @property
    def scores_statement(self) -> str:
        """One sentence saying which scores the group ranking uses."""
        if self.scores == "pooled":
            return (
                "The group ranking uses pooled scores: for each score, the median of the participants' "
                "readings and the model's value."
            )
        return (
            "The group ranking uses the model's scores; participants' own readings count for "
            "their own rankings only."
        )

    @property
    def aggregate_statement(self) -> str:
        """One sentence saying how the group weights were made."""
        how = {
            "geometric": "the normalised geometric mean of the participants' effective weights",
            "mean": "the mean of the participants' effective weights",
            "median": "the normalised median of the participants' effective weights",
        }[self.aggregate]
        text = f"Group weights: {how}"
        if self.group_ahp is not None and self.aggregate == "geometric":
            text += (
                "; the AHP participants' judgements are first combined by the element-wise geometric "
                "mean of their matrices (AIJ) before the eigenvector, counted once per participant"
            )
        return text + "."

    def to_json(self) -> dict[str, Any]:
        """The `decisiontool.panel/1` document."""
        header = DocumentHeader.of(self.group)
        document = header.to_json(PANEL_SCHEMA)
        document["profile"] = self.base.profile
        ranking = ranking_document(self.group)
        document.update(
            {
                "illustrative": self.illustrative,
                "notice": ILLUSTRATIVE_NOTICE if self.illustrative else None,
                "aggregate": self.aggregate,
                "aggregate_statement": self.aggregate_statement,
                "scores": self.scores,
                "scores_statement": self.scores_statement,
                "participants": {view.id: view.to_json() for view in self.participants},
                "group_weights": self.group_weights,
                "group_ahp": None if self.group_ahp is None else self.group_ahp.to_json(),
                "top": self.top,
                "ranking": ranking["ranking"],
                "kendall_w": _number(self.kendall_w),
                "tau": {view.id: _number(view.tau) for view in self.participants},
                "pivotal": list(self.pivotal),
                "leave_one_out": [entry.to_json() for entry in self.leave_one_out],
                "score_disagreements": [entry.to_json() for entry in self.disagreements],
                "dissent": [entry.to_json() for entry in self.dissent],
            }
        )
        if "vikor_conditions" in ranking:
            document["vikor_v"] = ranking["vikor_v"]
            document["vikor_conditions"] = ranking["vikor_conditions"]
        return document
