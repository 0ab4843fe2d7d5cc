"""A loaded, validated decision model: the file formats plus the whole they make.

`DecisionModel` is what `decisiontool.loading.load_model` returns once every file and every
cross-reference has been checked; nothing downstream re-validates it.

Must not import numpy, rich or textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from decisiontool.model.files import (
    Criterion,
    Group,
    GroupFile,
    Lesson,
    LessonsFile,
    ModelInfo,
    OptionFile,
    Preference,
    ProfileFile,
    ScoreDetail,
    Source,
    StructuredSource,
)
from decisiontool.model.panel import ParticipantFile
from decisiontool.names import DEFAULT_PROFILE

__all__ = [
    "DEFAULT_PROFILE",
    "Criterion",
    "DecisionModel",
    "Group",
    "GroupFile",
    "Lesson",
    "LessonsFile",
    "MissingPolicy",
    "ModelInfo",
    "Option",
    "OptionFile",
    "Participant",
    "ParticipantFile",
    "Preference",
    "ProfileFile",
    "ScoreDetail",
    "Source",
    "StructuredSource",
]

"""The profile that always exists: the weights written in the group files."""

MissingPolicy = Literal["refuse", "worst"]
"""What loading does with a missing score: refuse the model, or score it at the scale's worst end."""


@dataclass(frozen=True)
class Option:
    """One option with its id (the file stem unless the file says otherwise, which must agree)."""

    id: str
    file: OptionFile
    path: str

    @property
    def name(self) -> str:
        """The option's display name."""
        return self.file.name


@dataclass(frozen=True)
class Participant:
    """One panel participant (docs/panel.md): id (the file stem), the file and where it is."""

    id: str
    file: ParticipantFile
    path: str
    """The file as problems name it, relative to the model directory (`panel/<id>.toml`)."""
    lines: Mapping[tuple[str | int, ...], int] = field(default_factory=dict)
    """Key path -> line number in the file, for problems found after loading (judgements)."""

    @property
    def name(self) -> str:
        """The participant's display name."""
        return self.file.name


@dataclass(frozen=True)
class DecisionModel:
    """Everything a model directory holds, checked as a whole.

    Criteria keep the order of their group files (sorted by file name) and, inside a file,
    the order in which they are written; options and profiles are sorted by id.
    """

    root: Path
    name: str
    info: ModelInfo
    lessons: dict[str, Lesson]
    groups: tuple[Group, ...]
    criteria: tuple[Criterion, ...]
    criterion_group: dict[str, str]
    options: tuple[Option, ...]
    profiles: dict[str, ProfileFile]
    files: tuple[Path, ...]
    filled: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    """(option id, criterion id) pairs whose missing score was set to the scale's worst end."""
    missing: MissingPolicy = "refuse"
    """How the model was loaded; reloading it (after an edit, a saved profile) keeps the choice."""
    panel: dict[str, Participant] = field(default_factory=dict)
    """The panel's participants (MODEL/panel/<id>.toml) by id, sorted; empty when there is no panel."""

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id (KeyError if there is none)."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def option(self, option_id: str) -> Option:
        """The option with this id (KeyError if there is none)."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)

    def group(self, group_id: str) -> Group:
        """The group with this id (KeyError if there is none)."""
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)

    @property
    def profile_ids(self) -> list[str]:
        """Every profile id, `default` first."""
        return [DEFAULT_PROFILE, *self.profiles]

    def profile_name(self, profile_id: str) -> str:
        """A profile's display name."""
        if profile_id == DEFAULT_PROFILE:
            return "Default weights (as written in the group files)"
        return self.profiles[profile_id].name
