"""The files of a model directory, read and cross-checked one kind at a time.

Each `read_*` step reads one kind of file (model.toml, lessons, groups, options, profiles)
through a `ModelReader`, which remembers every file read and collects every problem, so
that `load_model` can report all of them at once.

Must not import numpy, rich or textual.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from decisiontool.loading.checks import check_criterion, check_option, check_stem
from decisiontool.loading.source import TomlSource, read_source
from decisiontool.loading.translate import validate
from decisiontool.model import (
    DEFAULT_PROFILE,
    Criterion,
    Group,
    GroupFile,
    Lesson,
    LessonsFile,
    MissingPolicy,
    ModelInfo,
    Option,
    OptionFile,
    ProfileFile,
    ScoreDetail,
)
from decisiontool.problems import Problems, did_you_mean

FileModel = TypeVar("FileModel", bound=BaseModel)

_NAMESPACE = "group and criterion ids share one namespace"


@dataclass
class ModelReader:
    """Reads the files of one model directory, collecting every problem and every file read."""

    root: Path
    problems: Problems = field(default_factory=Problems)
    files: list[Path] = field(default_factory=list)

    def read(self, file: Path) -> TomlSource | None:
        """Read one file (named relative to the model directory)."""
        self.files.append(file)
        return read_source(file, file.relative_to(self.root).as_posix(), self.problems)

    def parse(self, file: Path, model: type[FileModel]) -> tuple[TomlSource | None, FileModel | None]:
        """Read one file and validate it as `model`; None for what failed (problems recorded)."""
        source = self.read(file)
        return source, (validate(source, model, self.problems) if source is not None else None)


def toml_files(folder: Path) -> list[Path]:
    """The .toml files of a folder, sorted (none when it cannot be listed)."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml")
    except OSError:
        return []


def report_misplaced_files(reader: ModelReader) -> None:
    """Say what would otherwise be silently ignored: `x.TOML` beside the model files, and a
    `criteria/profiles` that is a file rather than a folder."""
    root = reader.root
    profiles = root / "criteria" / "profiles"
    if profiles.exists() and not profiles.is_dir():
        reader.problems.add("criteria/profiles", "", "should be a folder of profile files, not a file")
    for folder in (root / "criteria", root / "options", profiles, root / "panel"):
        try:
            names = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".toml" and p.suffix != ".toml")
        except OSError:
            continue
        for path in names:
            reader.problems.add(
                path.relative_to(root).as_posix(),
                "",
                "model files end in '.toml' (lower case); rename it or move it away",
            )


def read_info(reader: ModelReader) -> tuple[ModelInfo, TomlSource | None]:
    """criteria/model.toml, which is optional; and its source, when it was read."""
    file = reader.root / "criteria" / "model.toml"
    if not file.exists():
        return ModelInfo(), None
    source, info = reader.parse(file, ModelInfo)
    if source is None or info is None:
        return ModelInfo(), source
    repeated = sorted({kind for kind in info.option_kinds if info.option_kinds.count(kind) > 1})
    if repeated:
        reader.problems.add(
            source.name,
            "option_kinds",
            f"names {', '.join(repr(kind) for kind in repeated)} more than once",
            source.line("option_kinds"),
        )
    return info, source


def check_cost_criteria(
    reader: ModelReader, info: ModelInfo, groups: GroupsRead, source: TomlSource | None
) -> None:
    """model.toml's `cost_criteria` must name criteria of the model, each once."""
    if source is None:
        return
    seen: set[str] = set()
    for position, criterion_id in enumerate(info.cost_criteria):
        key = f"cost_criteria[{position + 1}]"
        line = source.line("cost_criteria")
        if criterion_id in seen:
            reader.problems.add(source.name, key, f"'{criterion_id}' is named twice", line)
        elif criterion_id not in groups.criteria and criterion_id not in groups.broken:
            message = f"unknown criterion '{criterion_id}'{did_you_mean(criterion_id, groups.criteria)}"
            reader.problems.add(source.name, key, message, line)
        seen.add(criterion_id)


def read_lessons(reader: ModelReader) -> dict[str, Lesson] | None:
    """criteria/lessons.toml, which is required (None when it is missing or unreadable: then
    a criterion's lesson ids are not checked against it, which would only repeat the problem)."""
    file = reader.root / "criteria" / "lessons.toml"
    if not file.exists():
        reader.problems.add(
            "criteria/lessons.toml", "", "missing: every model needs a lessons file (it may hold no lessons)"
        )
        return None
    lessons: dict[str, Lesson] = {}
    source, lessons_file = reader.parse(file, LessonsFile)
    if source is None or lessons_file is None:
        return None
    for index, lesson in enumerate(lessons_file.lesson):
        if lesson.id in lessons:
            reader.problems.add(
                source.name,
                f"lesson[{lesson.id}].id",
                f"duplicate lesson id '{lesson.id}'",
                source.line("lesson", index, "id"),
            )
        lessons[lesson.id] = lesson
    return lessons


@dataclass
class GroupsRead:
    """What the group files define."""

    groups: list[Group] = field(default_factory=list)
    criteria: dict[str, Criterion] = field(default_factory=dict)
    criterion_group: dict[str, str] = field(default_factory=dict)
    defined_in: dict[str, str] = field(default_factory=dict)
    """Group or criterion id -> the file that defines it."""
    broken: set[str] = field(default_factory=set)
    """Ids named by group files that failed to parse: not reported again as unknown."""


def read_groups(reader: ModelReader, lessons: Mapping[str, Lesson] | None) -> GroupsRead:
    """Every criteria/<group>.toml: groups, criteria, one namespace of ids, lesson references."""
    found = GroupsRead()
    folder = reader.root / "criteria"
    files = [p for p in toml_files(folder) if p.name not in ("model.toml", "lessons.toml")]
    if not files:
        reader.problems.add("criteria/", "", "no criteria group files (criteria/<group>.toml)")
    for file in files:
        source, group_file = reader.parse(file, GroupFile)
        if source is None or group_file is None:
            found.broken.update(_raw_ids(source))
            continue
        _add_group(reader, found, source, group_file, lessons)
    return found


def _raw_ids(source: TomlSource | None) -> set[str]:
    """Ids a group file that failed validation still names (its group's and its criteria's)."""
    if source is None:
        return set()
    ids: set[str] = set()
    group = source.data.get("group")
    if isinstance(group, dict) and isinstance(group.get("id"), str):
        ids.add(group["id"])
    entries = source.data.get("criterion")
    if isinstance(entries, list):
        ids.update(e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str))
    return ids


def _add_group(
    reader: ModelReader,
    found: GroupsRead,
    source: TomlSource,
    group_file: GroupFile,
    lessons: Mapping[str, Lesson] | None,
) -> None:
    problems = reader.problems
    group = group_file.group
    if group.id in found.defined_in:
        problems.add(
            source.name,
            "group.id",
            f"duplicate id '{group.id}' (also in {found.defined_in[group.id]}); {_NAMESPACE}",
            source.line("group", "id"),
        )
    found.defined_in.setdefault(group.id, source.name)
    found.groups.append(group)
    if not group_file.criterion:
        problems.add(source.name, "", f"group '{group.id}' has no [[criterion]]")
    for index, criterion in enumerate(group_file.criterion):
        if criterion.id in found.defined_in:
            problems.add(
                source.name,
                f"criterion[{criterion.id}].id",
                f"duplicate id '{criterion.id}' (also in {found.defined_in[criterion.id]}); {_NAMESPACE}",
                source.line("criterion", index, "id"),
            )
            continue
        found.defined_in[criterion.id] = source.name
        found.criteria[criterion.id] = criterion
        found.criterion_group[criterion.id] = group.id
        check_criterion(criterion, source, index, problems)
        if lessons is None:
            continue
        for position, lesson_id in enumerate(criterion.lessons):
            if lesson_id not in lessons:
                problems.add(
                    source.name,
                    f"criterion[{criterion.id}].lessons[{position + 1}]",
                    f"unknown lesson '{lesson_id}'{did_you_mean(lesson_id, lessons)}",
                    source.line("criterion", index, "lessons"),
                )


def read_options(
    reader: ModelReader, info: ModelInfo, groups: GroupsRead, missing: MissingPolicy
) -> tuple[list[Option], set[tuple[str, str]]]:
    """Every options/<id>.toml, checked against the criteria; and the (option, criterion) gaps."""
    options: list[Option] = []
    gaps: set[tuple[str, str]] = set()
    files = toml_files(reader.root / "options")
    if not files:
        reader.problems.add("options/", "", "no option files (options/<id>.toml)")
    for file in files:
        source, option_file = reader.parse(file, OptionFile)
        if (
            source is None
            or option_file is None
            or not check_stem(file.stem, source.name, reader.problems, "option")
        ):
            continue
        stem = file.stem
        if option_file.id is not None and option_file.id != stem:
            reader.problems.add(
                source.name,
                "id",
                f"'{option_file.id}' must equal the file name's stem '{stem}'",
                source.line("id"),
            )
        if stem in groups.defined_in:
            reader.problems.add(
                source.name,
                "",
                f"option id '{stem}' is already a group or criterion id in {groups.defined_in[stem]}",
            )
        if option_file.kind not in info.option_kinds:
            reader.problems.add(
                source.name,
                "kind",
                f"'{option_file.kind}' is not one of the model's option kinds "
                f"({', '.join(info.option_kinds)}; set them with option_kinds in criteria/model.toml)"
                f"{did_you_mean(option_file.kind, info.option_kinds)}",
                source.line("kind"),
            )
        unscored = check_option(option_file, source, groups.criteria, reader.problems, missing, groups.broken)
        gaps.update((stem, criterion_id) for criterion_id in unscored)
        options.append(Option(stem, option_file, source.name))
    return options, gaps


def read_profiles(reader: ModelReader, groups: GroupsRead) -> dict[str, ProfileFile]:
    """Every criteria/profiles/<id>.toml, its ids checked against the criteria and groups."""
    profiles: dict[str, ProfileFile] = {}
    for file in toml_files(reader.root / "criteria" / "profiles"):
        source, profile = reader.parse(file, ProfileFile)
        if (
            source is None
            or profile is None
            or not check_stem(file.stem, source.name, reader.problems, "profile")
        ):
            continue
        if file.stem == DEFAULT_PROFILE:
            reader.problems.add(
                source.name,
                "",
                "the profile id 'default' is reserved for the weights in the group files; rename the file",
            )
            continue
        _check_profile_ids(reader.problems, source, profile, groups)
        profiles[file.stem] = profile
    return dict(sorted(profiles.items()))


def _check_profile_ids(
    problems: Problems, source: TomlSource, profile: ProfileFile, groups: GroupsRead
) -> None:
    criteria = groups.criteria
    group_ids = {group.id for group in groups.groups}
    for criterion_id in profile.weights:
        if criterion_id not in criteria and criterion_id not in groups.broken:
            hint = " (that is a group: use [group_weights])" if criterion_id in group_ids else ""
            problems.add(
                source.name,
                f"weights.{criterion_id}",
                f"unknown criterion '{criterion_id}'{hint or did_you_mean(criterion_id, criteria)}",
                source.line("weights", criterion_id),
            )
    for group_id in profile.group_weights:
        if group_id not in group_ids and group_id not in groups.broken:
            hint = " (that is a criterion: use [weights])" if group_id in criteria else ""
            problems.add(
                source.name,
                f"group_weights.{group_id}",
                f"unknown group '{group_id}'{hint or did_you_mean(group_id, group_ids)}",
                source.line("group_weights", group_id),
            )


def check_weighted(problems: Problems, groups: GroupsRead, profiles: Mapping[str, ProfileFile]) -> None:
    """Refuse the default weights, or a profile's, when they leave no criterion weighted."""
    default_problem = _nothing_weighted(groups, {}, {})
    if default_problem:
        problems.add("criteria/", "", f"the weights in the group files {default_problem}")
    for profile_id, profile in profiles.items():
        found = _nothing_weighted(groups, profile.weights, profile.group_weights)
        if found:
            problems.add(f"criteria/profiles/{profile_id}.toml", "weights", f"these weights {found}")


def relative_weights(
    groups: Iterable[Group],
    criteria: Mapping[str, Criterion],
    weights: Mapping[str, float],
    group_weights: Mapping[str, float],
) -> tuple[dict[str, float], dict[str, float]]:
    """(group weights, criterion weights) after a profile's replacements."""
    group_values = {group.id: group_weights.get(group.id, group.weight) for group in groups}
    criterion_values = {cid: weights.get(cid, criterion.weight) for cid, criterion in criteria.items()}
    return group_values, criterion_values


def _nothing_weighted(
    groups: GroupsRead, weights: Mapping[str, float], group_weights: Mapping[str, float]
) -> str:
    """A message when no criterion keeps a positive effective weight, else ''."""
    group_values, criterion_values = relative_weights(groups.groups, groups.criteria, weights, group_weights)
    live = any(
        value > 0 and group_values[groups.criterion_group[cid]] > 0 and math.isfinite(value)
        for cid, value in criterion_values.items()
    )
    return "" if live else "leave no criterion with a positive weight"


def fill_worst(
    options: Sequence[Option], criteria: Mapping[str, Criterion], filled: set[tuple[str, str]]
) -> list[Option]:
    """The options with every gap in `filled` scored at its scale's worst end."""
    result = []
    for option in options:
        scores = dict(option.file.scores)
        for option_id, criterion_id in filled:
            if option_id == option.id:
                criterion = criteria[criterion_id]
                worst = criterion.scale[0] if criterion.direction == "benefit" else criterion.scale[1]
                scores[criterion_id] = ScoreDetail(
                    value=worst, rationale="No score given: set to the scale's worst end (--missing worst)."
                )
        result.append(Option(option.id, option.file.model_copy(update={"scores": scores}), option.path))
    return result
