"""A panel result as titled tables of plain cells: the one layout the CLI, reports and app share.

Each `PanelTable` is a title, a header and rows of text or numbers; the CLI renders them
with rich or as Markdown, a report writes them in its own format. Cells are raw model text:
each renderer sanitises for its output.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from decisiontool.panel.results import ILLUSTRATIVE_NOTICE, PanelResult

__all__ = ["PanelTable", "agreement_sentence", "panel_sentences", "panel_tables"]

Cell = str | float | int


@dataclass(frozen=True)
class PanelTable:
    """One table of the panel's output."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""


def _number(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def agreement_sentence(result: PanelResult) -> str:
    """Kendall's W in words (Schmidt 1997's reading: 0.7 strong, 0.5 moderate, 0.3 weak)."""
    w = result.kendall_w
    if math.isnan(w):
        return "Kendall's W is undefined (fewer than two participants, or no order among the options)."
    if w >= 0.7:
        strength = "strong"
    elif w >= 0.5:
        strength = "moderate"
    elif w >= 0.3:
        strength = "weak"
    else:
        strength = "very weak"
    return (
        f"Agreement between the participants' rankings: Kendall's W = {w:.3f} ({strength}; "
        "1 is the same order for everyone, 0 no agreement)."
    )


def panel_sentences(result: PanelResult) -> list[str]:
    """The panel's findings in plain words, the illustrative notice first when it applies."""
    sentences = [ILLUSTRATIVE_NOTICE] if result.illustrative else []
    top = result.group.ranking.top
    sentences.append(f"{len(result.participants)} participants. Group top option: {top.name} ({top.option}).")
    sentences.append(result.aggregate_statement)
    sentences.append(result.scores_statement)
    sentences.append(agreement_sentence(result))
    firsts: dict[str, list[str]] = {}
    for view in result.participants:
        firsts.setdefault(view.top, []).append(view.id)
    sentences.append(
        "First under each participant's own weights and readings: "
        + "; ".join(f"{option} ({', '.join(ids)})" for option, ids in firsts.items())
        + "."
    )
    if result.pivotal:
        changes = [
            f"without {entry.participant} the top would be {entry.top_without}"
            for entry in result.leave_one_out
            if entry.participant in result.pivotal
        ]
        sentences.append(
            "Pivotal participants (each alone changes the group's top): " + "; ".join(changes) + "."
        )
    else:
        sentences.append("No participant alone changes the group's top option (leave-one-out).")
    if result.group_ahp is not None and result.group_ahp.consistency_ratio is not None:
        sentences.append(
            f"Group AHP consistency ratio (aggregated matrices): {result.group_ahp.consistency_ratio:.3f}."
        )
    return sentences


def panel_tables(result: PanelResult) -> list[PanelTable]:
    """Participants, weights, group ranking, pivotal check, score disagreements, dissent register."""
    return [
        _participants_table(result),
        _weights_table(result),
        PanelTable(
            f"Group ranking ({result.group.method.label})",
            ("Rank", "Option", "Name", "Score"),
            tuple(
                (entry.rank, entry.option, entry.name, f"{entry.score:.4f}")
                for entry in result.group.ranking.entries
            ),
            result.scores_statement,
        ),
        PanelTable(
            "Leave one out",
            ("Participant left out", "Group top without them", "Pivotal"),
            tuple(
                (entry.participant, entry.top_without, "yes" if entry.participant in result.pivotal else "no")
                for entry in result.leave_one_out
            ),
            "Pivotal: the participant's view alone (weights and readings) changes the group's top option.",
        ),
        _disagreements_table(result),
        PanelTable(
            "Dissent register",
            ("Participant", "About", "Dissent"),
            tuple((entry.participant, entry.about, entry.text) for entry in result.dissent),
        ),
    ]


def _participants_table(result: PanelResult) -> PanelTable:
    return PanelTable(
        "Participants",
        (
            "Participant",
            "Name",
            "Role",
            "Weights given as",
            "Top option",
            "Tau to group",
            "Own scores",
            "AHP CR",
        ),
        tuple(
            (
                view.id,
                view.name,
                view.role,
                view.given_as,
                view.top,
                _number(view.tau),
                view.own_scores,
                _number(view.consistency_ratio),
            )
            for view in result.participants
        ),
        "Tau: Kendall's tau-b between the participant's ranking and the group's.",
    )


def _weights_table(result: PanelResult) -> PanelTable:
    model = result.base.model
    group_weights = result.group_weights
    rows: list[tuple[Cell, ...]] = []
    for group in model.groups:
        members = [c.id for c in model.criteria if model.criterion_group[c.id] == group.id]
        for criterion in members:
            rows.append(
                (
                    criterion,
                    group.id,
                    *(f"{view.weights[criterion]:.3f}" for view in result.participants),
                    f"{group_weights[criterion]:.3f}",
                )
            )
    return PanelTable(
        "Effective weights",
        ("Criterion", "Group", *(view.id for view in result.participants), f"Group ({result.aggregate})"),
        tuple(rows),
        result.aggregate_statement,
    )


def _disagreements_table(result: PanelResult) -> PanelTable:
    return PanelTable(
        "Score disagreements",
        ("Option", "Criterion", "Model", "Readings", "Spread", "Pooled (median)"),
        tuple(
            (
                entry.option,
                entry.criterion,
                f"{entry.model_value:g}",
                ", ".join(f"{pid} {value:g}" for pid, value in entry.readings.items()),
                f"{entry.spread:g}",
                f"{entry.pooled:g}",
            )
            for entry in result.disagreements
        ),
        "Scores that participants read differently from each other or from the model, largest spread "
        "(relative to the scale) first.",
    )
