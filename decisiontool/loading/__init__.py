"""Read a model directory: discover files, parse TOML, validate, cross-check ids.

`load_model(path)` returns a `DecisionModel` or raises `ModelError` holding *every* problem
found, each as `file: key.path: message` with the line number where the file gives one.
No bad input gets past this package, and none produces a traceback. The format is
described in docs/model-format.md.

- `source`: reading one TOML file (size, encoding, syntax) and its key lines, once;
- `lines`: the linear scanner that finds the line of each key;
- `translate`: pydantic's errors as problems (shared with judgement files);
- `checks`: what a criterion or an option must satisfy beyond its file format;
- `directory`: each kind of file of a model directory, read and cross-checked.

Must not import numpy, rich or textual.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from decisiontool.loading.directory import (
    ModelReader,
    check_cost_criteria,
    check_weighted,
    fill_worst,
    read_groups,
    read_info,
    read_lessons,
    read_options,
    read_profiles,
    relative_weights,
    report_misplaced_files,
)
from decisiontool.loading.lines import key_lines
from decisiontool.loading.panel import read_panel
from decisiontool.loading.source import MAX_FILE_BYTES, TomlSource, read_source, read_toml, toml_type_name
from decisiontool.loading.translate import validate
from decisiontool.model import DecisionModel, MissingPolicy
from decisiontool.problems import ModelError, Problem

__all__ = [
    "MAX_FILE_BYTES",
    "MissingPolicy",
    "TomlSource",
    "bundled_model_dir",
    "key_lines",
    "load_model",
    "read_source",
    "read_toml",
    "relative_weights",
    "reload_model",
    "toml_type_name",
    "validate",
]


def bundled_model_dir() -> Path:
    """The MINUSMA model shipped with the package (or the repository's, in a source checkout)."""
    packaged = Path(str(resources.files("decisiontool"))) / "_bundled"
    if (packaged / "criteria").is_dir():
        return packaged
    # an editable install or a source checkout: the repository root holds the model
    return Path(__file__).resolve().parents[2]


def _model_root(path: Path | str | None) -> Path:
    """The model directory to read; ModelError when it is not one."""
    root = bundled_model_dir() if path is None else Path(path)
    shown = str(path) if path is not None else "bundled model"
    if not root.exists():
        raise ModelError([Problem(shown, "", "no such model directory")])
    if not root.is_dir():
        raise ModelError(
            [Problem(shown, "", "not a directory (a model directory holds criteria/ and options/)")]
        )
    missing = [
        Problem(f"{name}/", "", "missing folder: a model directory holds criteria/ and options/")
        for name in ("criteria", "options")
        if not (root / name).is_dir()
    ]
    if missing:
        raise ModelError(missing)
    return root


def load_model(path: Path | str | None = None, *, missing: MissingPolicy = "refuse") -> DecisionModel:
    """Load and validate the model directory at `path` (the bundled model when None).

    Raises ModelError with every problem found. With `missing="worst"`, an option's missing
    scores are set to the worst end of the scale and recorded in `DecisionModel.filled`;
    the model remembers the choice (`DecisionModel.missing`).

    >>> model = load_model()
    >>> model.name
    'MINUSMA lessons: options for countering organised crime'
    """
    reader = ModelReader(_model_root(path))
    report_misplaced_files(reader)
    info, info_source = read_info(reader)
    lessons = read_lessons(reader)
    groups = read_groups(reader, lessons)
    check_cost_criteria(reader, info, groups, info_source)
    options, filled = read_options(reader, info, groups, missing)
    profiles = read_profiles(reader, groups)
    panel = read_panel(reader, groups, options)
    reader.problems.raise_if_any()
    check_weighted(reader.problems, groups, profiles)
    reader.problems.raise_if_any()
    if filled:
        options = fill_worst(options, groups.criteria, filled)
    return DecisionModel(
        root=reader.root,
        name=info.name or (reader.root.name if path is not None else "bundled model"),
        info=info,
        lessons=lessons or {},
        groups=tuple(groups.groups),
        criteria=tuple(groups.criteria.values()),
        criterion_group=groups.criterion_group,
        options=tuple(options),
        profiles=profiles,
        files=tuple(reader.files),
        filled=frozenset(filled),
        missing=missing,
        panel=panel,
    )


def reload_model(model: DecisionModel) -> DecisionModel:
    """Load `model`'s directory again, the same way (missing scores refused or filled)."""
    return load_model(model.root, missing=model.missing)
