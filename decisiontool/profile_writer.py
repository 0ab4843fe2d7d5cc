"""Write a weight profile, `criteria/profiles/<id>.toml`, the way a person would.

Used by the Textual app's "save weights as a profile" and by
`decisiontool weights --save-profile`. A new file starts with a comment saying how its
weights were made; an existing file is edited in place with tomlkit, so its comments,
key order and layout survive and only the values change. The file is replaced
atomically (`decisiontool.atomic`), and the model is loaded again afterwards: a profile that would leave the
model invalid is never left on disk.

Must not import numpy, rich or textual. tomlkit is imported here only, where a file is
written back (the loader reads with the fast parser).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from decisiontool.atomic import write_text_atomic
from decisiontool.model import DEFAULT_PROFILE, MissingPolicy
from decisiontool.model.files import ID_PATTERN, MAX_ID_LENGTH
from decisiontool.problems import ModelError, Problem

__all__ = ["profile_path", "save_profile"]

PROVENANCE_MARK = "# Weights written by decisiontool"
"""The start of the comment line that records how the weights were made (rewritten on each save)."""


def profile_path(model_root: Path, profile_id: str) -> Path:
    """Where the profile with this id lives in a model directory."""
    return Path(model_root) / "criteria" / "profiles" / f"{profile_id}.toml"


def _check_id(profile_id: str, where: str) -> None:
    if profile_id == DEFAULT_PROFILE:
        raise ModelError(
            [Problem(where, "", "the profile id 'default' is reserved for the weights in the group files")]
        )
    if len(profile_id) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(profile_id):
        raise ModelError(
            [
                Problem(
                    where,
                    "",
                    f"{profile_id!r} is not a valid profile id: use lower-case letters, digits and '_', "
                    f"starting with a letter, at most {MAX_ID_LENGTH} characters",
                )
            ]
        )


def _number(value: float) -> float | int:
    """A weight as it reads best in TOML: whole numbers as integers, others to 6 decimals."""
    rounded = round(float(value), 6)
    return int(rounded) if rounded.is_integer() else rounded


def _check_weights(
    where: str,
    weights: Mapping[str, float],
    group_weights: Mapping[str, float],
    model_root: Path,
    missing: MissingPolicy,
) -> None:
    """Refuse ids the model does not know and values that are not finite and >= 0."""
    from decisiontool.loading import load_model

    model = load_model(model_root, missing=missing)
    criterion_ids = {criterion.id for criterion in model.criteria}
    group_ids = {group.id for group in model.groups}
    problems: list[Problem] = []
    for table, values, known, what in (
        ("weights", weights, criterion_ids, "criterion"),
        ("group_weights", group_weights, group_ids, "group"),
    ):
        for item, value in values.items():
            if item not in known:
                problems.append(Problem(where, f"{table}.{item}", f"unknown {what} '{item}'"))
            elif not math.isfinite(value) or value < 0:
                problems.append(Problem(where, f"{table}.{item}", f"{value!r} must be a finite number >= 0"))
    if problems:
        raise ModelError(problems)


def _new_document(profile_id: str, name: str, description: str, comment: str) -> Any:
    import tomlkit

    document = tomlkit.document()
    document.add(tomlkit.comment(f"Weight profile '{profile_id}' (the id is the file name)."))
    document.add(tomlkit.comment(_provenance(comment)))
    document.add(tomlkit.nl())
    document["name"] = name
    document["description"] = description
    return document


def _provenance(comment: str) -> str:
    """The comment text (without '# ') recording how and when the weights were made."""
    text = f"{PROVENANCE_MARK[2:]} on {date.today().isoformat()}"
    return f"{text}: {comment}" if comment else f"{text}."


def _set_value(table: Any, key: str, value: Any) -> None:
    """Replace one value; the comment after it on its line stays only while the value does.

    A comment such as `cost = 4  # as much as everything else together` speaks of its
    value: when the value changes it is no longer true, so it goes.
    """
    import tomlkit

    existed = key in table
    if existed and table.item(key).unwrap() == value:
        return
    table[key] = tomlkit.item(value)
    if existed:  # tomlkit carries the old line's comment over to the new value: drop it
        trivia = table.item(key).trivia
        trivia.comment = ""
        trivia.comment_ws = ""


def _fill_table(document: Any, key: str, values: Mapping[str, float]) -> None:
    """Make `[key]` hold exactly `values`, keeping existing entries' order and comments."""
    import tomlkit

    if key not in document:
        if not values:
            return
        document.add(tomlkit.nl())
        document[key] = tomlkit.table()
    table = document[key]
    for stale in [item for item in table if item not in values]:
        del table[stale]
    for item, value in values.items():
        _set_value(table, item, _number(value))


def _update_provenance(text: str, comment: str) -> str:
    """Rewrite the provenance comment line of an existing file, or add one at the top."""
    line = f"# {_provenance(comment)}"
    lines = text.splitlines(keepends=True)
    for index, existing in enumerate(lines):
        if existing.startswith(PROVENANCE_MARK):
            lines[index] = line + "\n"
            return "".join(lines)
    return line + "\n" + text


def save_profile(
    model_root: Path,
    profile_id: str,
    name: str,
    weights: Mapping[str, float],
    group_weights: Mapping[str, float] | None = None,
    description: str = "",
    comment: str = "",
    force: bool = False,
    missing: MissingPolicy = "refuse",
) -> Path:
    """Write `criteria/profiles/<profile_id>.toml` and return its path.

    `weights` are relative criterion weights, `group_weights` relative group weights (the
    profile format of docs/model-format.md). An existing profile is refused unless `force`; when
    overwritten, its comments and layout are kept and only name, description (when given)
    and weights change. `comment` says how the weights were made; it goes in a comment at
    the top of the file with the date. Raises ModelError for a bad id, unknown criteria or
    groups, bad values, or weights that would leave the model invalid (the previous file
    is then restored). `missing` is how the model is loaded to check the profile (a model
    loaded with missing scores filled must be checked the same way).
    """
    root = Path(model_root)
    # the id is checked before it becomes part of a path: "/abs/path" or "../x" is no profile id
    _check_id(profile_id, "criteria/profiles")
    path = profile_path(root, profile_id)
    where = path.relative_to(root).as_posix()
    if not name.strip():
        raise ModelError([Problem(where, "name", "a profile needs a name")])
    group_values = dict(group_weights or {})
    _check_weights(where, weights, group_values, root, missing)
    previous: str | None = None
    if path.exists():
        if not force:
            raise ModelError(
                [Problem(where, "", "a profile with this id exists; confirm to overwrite it (force)")]
            )
        previous, document = _existing_document(path, where, name, description, comment)
    else:
        document = _new_document(profile_id, name, description, comment)
    _fill_table(document, "weights", weights)
    _fill_table(document, "group_weights", group_values)
    _write_checked(root, path, document, previous, force, missing)
    return path


def _existing_document(path: Path, where: str, name: str, description: str, comment: str) -> tuple[str, Any]:
    """The existing profile's text and its parsed document with the new name, description
    (when given) and provenance line; ModelError if it cannot be read or parsed."""
    import tomlkit

    try:
        previous = path.read_text(encoding="utf-8")
        document = tomlkit.parse(_update_provenance(previous, comment))
    except (OSError, UnicodeDecodeError, tomlkit.exceptions.ParseError) as error:
        raise ModelError([Problem(where, "", f"cannot update the existing file: {error}")]) from None
    document["name"] = name
    if description or "description" not in document:
        document["description"] = description
    return previous, document


def _write_checked(
    root: Path, path: Path, document: Any, previous: str | None, force: bool, missing: MissingPolicy
) -> None:
    """Write the profile, then load the model: if it no longer loads, put back what was there
    (nothing, or `previous`) and raise its ModelError."""
    import tomlkit

    from decisiontool.loading import load_model

    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, tomlkit.dumps(document), force=force)
    try:
        load_model(root, missing=missing)
    except ModelError:
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            write_text_atomic(path, previous, force=True)
        raise
