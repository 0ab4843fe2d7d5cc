"""The optional panel of a model directory: `panel/<participant-id>.toml` (docs/panel.md).

Each file is validated as a `ParticipantFile` and cross-checked against the model: unknown
criterion, group and option ids (with a did-you-mean), readings outside the scale or whose
range does not hold the value, the same score read twice, dissent about something the model
does not hold. The judgements themselves (AHP values, a rank or swing order) are checked by
`decisiontool.elicitation`, the code that turns them into weights, when the panel is
analysed (`decisiontool.panel`), with the same `file:line: key: message` problems.

Must not import numpy, rich or textual.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from decisiontool.loading.checks import check_score, check_stem
from decisiontool.loading.directory import GroupsRead, ModelReader, toml_files
from decisiontool.loading.source import TomlSource
from decisiontool.model import Option, Participant, ParticipantFile
from decisiontool.model.panel import ParticipantScore
from decisiontool.problems import Problems, did_you_mean

__all__ = ["PANEL_FOLDER", "read_panel"]

PANEL_FOLDER = "panel"
"""The optional folder of a model directory that holds the participants' files."""


def read_panel(
    reader: ModelReader, groups: GroupsRead, options: Collection[Option]
) -> dict[str, Participant]:
    """Every panel/<id>.toml (none when the folder is absent), checked against the model."""
    folder = reader.root / PANEL_FOLDER
    if folder.exists() and not folder.is_dir():
        reader.problems.add(PANEL_FOLDER, "", "should be a folder of participant files, not a file")
    option_ids = [option.id for option in options]
    panel: dict[str, Participant] = {}
    for file in toml_files(folder):
        source, participant = reader.parse(file, ParticipantFile)
        if (
            source is None
            or participant is None
            or not check_stem(file.stem, source.name, reader.problems, "participant")
        ):
            continue
        _check_participant(participant, source, groups, option_ids, reader.problems)
        panel[file.stem] = Participant(file.stem, participant, source.name, source.lines)
    return panel


def _check_participant(
    participant: ParticipantFile,
    source: TomlSource,
    groups: GroupsRead,
    option_ids: Collection[str],
    problems: Problems,
) -> None:
    """Every id the participant's file names is one the model holds; scores read once each."""
    name = source.name
    criteria = groups.criteria
    group_ids = [group.id for group in groups.groups]
    known_weights = (*criteria, *group_ids)
    for item in participant.weights or {}:
        if item not in known_weights and item not in groups.broken:
            problems.add(
                name,
                f"weights.{item}",
                f"unknown criterion or group '{item}'{did_you_mean(item, known_weights)}",
                source.line("weights", item),
            )
    _check_scores(participant.scores, source, groups, option_ids, problems)
    about_known = ("model", *option_ids, *criteria, *group_ids)
    for index, dissent in enumerate(participant.dissent):
        if dissent.about not in about_known and dissent.about not in groups.broken:
            problems.add(
                name,
                f"dissent[#{index + 1}].about",
                f"unknown option, criterion or group '{dissent.about}'"
                f'{did_you_mean(dissent.about, about_known)} (or "model" for the model as a whole)',
                source.line("dissent", index, "about"),
            )


def _check_scores(
    scores: Sequence[ParticipantScore],
    source: TomlSource,
    groups: GroupsRead,
    option_ids: Collection[str],
    problems: Problems,
) -> None:
    """Each `[[scores]]` reading: a known option and criterion, read once, inside the scale."""
    criteria, name = groups.criteria, source.name
    seen: dict[tuple[str, str], int] = {}
    for index, score in enumerate(scores):
        key = f"scores[#{index + 1}]"
        if score.option not in option_ids:
            problems.add(
                name,
                f"{key}.option",
                f"unknown option '{score.option}'{did_you_mean(score.option, option_ids)}",
                source.line("scores", index, "option"),
            )
        cell = (score.option, score.criterion)
        if cell in seen:
            problems.add(
                name,
                key,
                f"{score.option} x {score.criterion} is already read in scores[#{seen[cell] + 1}]",
                source.line("scores", index),
            )
        seen.setdefault(cell, index)
        criterion = criteria.get(score.criterion)
        if criterion is not None:
            check_score(score.criterion, score, criterion, source, problems, key, ("scores", index))
        elif score.criterion not in groups.broken:
            is_group = any(group.id == score.criterion for group in groups.groups)
            hint = " (that is a group: a score is read on one criterion)" if is_group else ""
            problems.add(
                name,
                f"{key}.criterion",
                f"unknown criterion '{score.criterion}'{hint or did_you_mean(score.criterion, criteria)}",
                source.line("scores", index, "criterion"),
            )
