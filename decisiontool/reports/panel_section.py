"""The report's Panel section (docs/panel.md; issue 16 item 5), read off one `PanelResult`.

When the model has a panel (`MODEL/panel/`), a report shows its participants (each one's
top option and Kendall's tau to the group), the agreement (Kendall's W), the pivotal
participants (whose view alone changes the group's top), the participants' weights, the
scores they read differently and the dissent register in full. An illustrative panel says
so in its heading and first sentence, in every format. Every format renders this one
`PanelSection`, with names, not ids, wherever a reader looks; the JSON report embeds the
`decisiontool.panel/1` document without its header keys (`body_json`).

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from decisiontool.panel import ILLUSTRATIVE_NOTICE, PanelResult
from decisiontool.panel.tables import agreement_sentence

__all__ = [
    "HEADER_KEYS",
    "DissentRow",
    "PanelParticipantRow",
    "PanelSection",
    "PanelWeightRow",
    "ReadingRow",
    "panel_section",
]

HEADER_KEYS = ("schema", "model", "method", "profile", "higher_is_better", "weights")
"""The header keys of `decisiontool.panel/1`, which the report states once at its top."""


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


@dataclass(frozen=True)
class PanelParticipantRow:
    """One participant as the report lists them."""

    id: str
    name: str
    role: str
    given_as: str
    top: str
    top_name: str
    tau: float | None
    """Kendall's tau-b to the group ranking (None where undefined)."""
    own_scores: int
    consistency_ratio: float | None
    pivotal: bool
    top_without_name: str | None
    """The group's top with this participant left out (None when it was not computed)."""


@dataclass(frozen=True)
class PanelWeightRow:
    """One criterion's effective weight for each participant (in `participants` order) and the group."""

    criterion: str
    name: str
    weights: tuple[float, ...]
    group: float


@dataclass(frozen=True)
class ReadingRow:
    """A score that participants read differently from each other or from the model."""

    option_name: str
    criterion_name: str
    model_value: float
    readings: str
    """`Participant name: value` for each reading, joined by `; `."""
    spread: float
    pooled: float


@dataclass(frozen=True)
class DissentRow:
    """One entry of the dissent register."""

    participant: str
    participant_name: str
    about: str
    about_name: str
    about_kind: str
    text: str


@dataclass(frozen=True)
class PanelSection:
    """Everything the report's Panel section shows."""

    result: PanelResult
    title: str
    illustrative: bool
    notice: str
    """The illustrative notice (empty for a real panel)."""
    sentences: tuple[str, ...]
    group_top_name: str
    kendall_w: float | None
    participants: tuple[PanelParticipantRow, ...]
    weights: tuple[PanelWeightRow, ...]
    readings: tuple[ReadingRow, ...]
    dissent: tuple[DissentRow, ...]

    @property
    def pivotal(self) -> tuple[PanelParticipantRow, ...]:
        """The participants whose view alone changes the group's top option."""
        return tuple(row for row in self.participants if row.pivotal)

    def body_json(self) -> dict[str, Any]:
        """The `decisiontool.panel/1` document without its header keys (the report's `panel`)."""
        document = self.result.to_json()
        for key in HEADER_KEYS:
            document.pop(key, None)
        return document


def _about_name(result: PanelResult, about: str, kind: str) -> str:
    """What a dissent is about, by name: an option, a criterion, a group or the model."""
    if kind == "model" or about == "model":
        return "the model as a whole"
    model = result.base.model
    names: dict[str, dict[str, str]] = {
        "option": {item.id: item.name for item in model.options},
        "criterion": {item.id: item.name for item in model.criteria},
        "group": {item.id: item.name for item in model.groups},
    }
    return names.get(kind, {}).get(about, about)


def _sentences(
    result: PanelResult, names: Mapping[str, str], section_rows: tuple[PanelParticipantRow, ...]
) -> tuple[str, ...]:
    sentences = [ILLUSTRATIVE_NOTICE] if result.illustrative else []
    sentences.append(
        f"{len(result.participants)} participants. {names.get(result.top, result.top)} ranks first "
        f"under the group's weights; method: {result.group.method.label}."
    )
    sentences += [result.aggregate_statement, result.scores_statement, agreement_sentence(result)]
    pivotal = [row for row in section_rows if row.pivotal]
    if pivotal:
        sentences.append(
            "Pivotal participants, each of whom alone changes the group's top option: "
            + "; ".join(f"without {row.name}, {row.top_without_name} would be first" for row in pivotal)
            + "."
        )
    else:
        sentences.append("No participant alone changes the group's top option (each left out in turn).")
    if result.group_ahp is not None and result.group_ahp.consistency_ratio is not None:
        sentences.append(
            "The consistency ratio of the aggregated AHP judgements is "
            f"{result.group_ahp.consistency_ratio:.3f}."
        )
    return tuple(sentences)


def _participant_rows(result: PanelResult, names: Mapping[str, str]) -> tuple[PanelParticipantRow, ...]:
    without = {entry.participant: entry.top_without for entry in result.leave_one_out}
    return tuple(
        PanelParticipantRow(
            id=view.id,
            name=view.name,
            role=view.role,
            given_as=view.given_as,
            top=view.top,
            top_name=names.get(view.top, view.top),
            tau=_number(view.tau),
            own_scores=view.own_scores,
            consistency_ratio=view.consistency_ratio,
            pivotal=view.id in result.pivotal,
            top_without_name=names.get(without[view.id], without[view.id]) if view.id in without else None,
        )
        for view in result.participants
    )


def _weight_rows(result: PanelResult) -> tuple[PanelWeightRow, ...]:
    group_weights = result.group_weights
    return tuple(
        PanelWeightRow(
            criterion.id,
            criterion.name,
            tuple(view.weights[criterion.id] for view in result.participants),
            group_weights[criterion.id],
        )
        for criterion in result.base.model.criteria
    )


def _reading_rows(
    result: PanelResult, names: Mapping[str, str], participant_names: Mapping[str, str]
) -> tuple[ReadingRow, ...]:
    criterion_names = {criterion.id: criterion.name for criterion in result.base.model.criteria}
    return tuple(
        ReadingRow(
            option_name=names.get(entry.option, entry.option),
            criterion_name=criterion_names.get(entry.criterion, entry.criterion),
            model_value=entry.model_value,
            readings="; ".join(
                f"{participant_names.get(p, p)}: {value:g}" for p, value in entry.readings.items()
            ),
            spread=entry.spread,
            pooled=entry.pooled,
        )
        for entry in result.disagreements
    )


def _dissent_rows(result: PanelResult, participant_names: Mapping[str, str]) -> tuple[DissentRow, ...]:
    return tuple(
        DissentRow(
            participant=entry.participant,
            participant_name=participant_names.get(entry.participant, entry.participant),
            about=entry.about,
            about_name=_about_name(result, entry.about, entry.about_kind),
            about_kind=entry.about_kind,
            text=entry.text.strip(),
        )
        for entry in result.dissent
    )


def panel_section(result: PanelResult) -> PanelSection:
    """The report's Panel section of `result` (the panel analysed under the report's analysis)."""
    names = {option.id: option.name for option in result.base.model.options}
    participant_names = {view.id: view.name for view in result.participants}
    rows = _participant_rows(result, names)
    return PanelSection(
        result=result,
        title="Panel (illustrative)" if result.illustrative else "Panel",
        illustrative=result.illustrative,
        notice=ILLUSTRATIVE_NOTICE if result.illustrative else "",
        sentences=_sentences(result, names, rows),
        group_top_name=names.get(result.top, result.top),
        kendall_w=_number(result.kendall_w),
        participants=rows,
        weights=_weight_rows(result),
        readings=_reading_rows(result, names, participant_names),
        dissent=_dissent_rows(result, participant_names),
    )
