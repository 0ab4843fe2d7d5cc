"""A `Matrix` -> a commented model directory, written whole beside the target, validated, then swapped in.

One group file per group, one option file per option, `lessons.toml` and `model.toml`; every
assumption `parse_matrix` made is a TOML comment next to the key it concerns. Group and
model files are written with tomlkit (the project's writer for commented TOML); option
files, which carry no assumptions and are the bulk of a large sheet, are serialised by the
small `_toml_value` writer below, whose output the loader re-reads before anything is kept.

The directory is staged in a hidden sibling, loaded with `decisiontool.loading.load_model`
(so a model that would not validate is never kept), and renamed into place; an existing
target is replaced only with `force`, and only when it is empty or holds just a model
(criteria/, options/ and hidden files), by two renames: old out of the way, new in.

Must not import numpy, rich or textual.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from pathlib import Path

import tomlkit

from decisiontool.interchange.matrix import CriterionColumn, GroupSpec, Matrix, OptionRow, format_number
from decisiontool.problems import ModelError, Problem

__all__ = ["model_files", "write_model_directory"]


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _toml_string(text: str) -> str:
    # a JSON string is a TOML basic string, except that TOML also wants DEL escaped
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_value(value: object) -> str:
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(float(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for {type(value).__name__}")


def toml_inline_table(table: dict[str, object]) -> str:
    """`{ key = "value", ... }`: how a structured source is written on one line of a sheet."""
    return "{ " + ", ".join(f"{key} = {_toml_value(value)}" for key, value in table.items()) + " }"


def _source(line: str) -> str:
    """A source line of the Evidence sheet as TOML: a string, or the inline table it holds."""
    if line.startswith("{") and line.endswith("}"):
        import tomli

        try:
            tomli.loads(f"source = {line}")
        except tomli.TOMLDecodeError:
            return _toml_string(line)
        return line
    return _toml_string(line)


def model_files(matrix: Matrix, model_name: str) -> dict[str, str]:
    """Relative path -> text of every file of the model the matrix describes."""
    source = Path(matrix.source).name
    files = {
        "criteria/model.toml": _model_toml(matrix, model_name, source),
        "criteria/lessons.toml": _LESSONS,
    }
    for group in matrix.groups:
        files[f"criteria/{group.id}.toml"] = _group_toml(matrix, group, source)
    for option in matrix.options:
        files[f"options/{option.id}.toml"] = _option_toml(option, source)
    return files


_LESSONS = (
    "# The lessons criteria are derived from. A spreadsheet names none; add them as\n"
    "#\n"
    "# [[lesson]]\n"
    '# id = "L01"\n'
    '# title = "..."\n'
    '# sources = ["..."]\n'
    "#\n"
    '# and cite them from a criterion with lessons = ["L01"].\n'
)
"""criteria/lessons.toml of an imported model: no lessons, and how to add them."""


def _model_toml(matrix: Matrix, model_name: str, source: str) -> str:
    """criteria/model.toml: the name, where it came from, and the option kinds."""
    info = tomlkit.document()
    info.add(tomlkit.comment(f"Imported from {source} by `decisiontool import`."))
    info.add(tomlkit.comment("Assumptions made where the sheet said nothing are written as comments beside"))
    info.add(tomlkit.comment("the keys they concern (group and criterion files); check them."))
    info.add(tomlkit.nl())
    info.add("name", model_name)
    info.add("description", f"Imported from the performance matrix {source}.")
    info.add(tomlkit.nl())
    info.add(tomlkit.comment("The kinds an option may declare (`kind` in options/<id>.toml)."))
    info.add("option_kinds", list(matrix.option_kinds))
    return tomlkit.dumps(info)


def _group_toml(matrix: Matrix, group: GroupSpec, source: str) -> str:
    """criteria/<group>.toml: the group and its criteria, assumptions as comments."""
    document = tomlkit.document()
    document.add(tomlkit.comment(f"Criteria group '{group.name}', imported from {source}."))
    table = tomlkit.table()
    table.add("id", group.id)
    table.add("name", group.name)
    weight = tomlkit.item(_number(group.weight))
    weight.comment("the sum of its criteria's weights: each criterion counts as its weight in the sheet")
    table.add("weight", weight)
    document.add("group", table)
    criteria = tomlkit.aot()
    for criterion in matrix.criteria:
        if criterion.group == group.id:
            criteria.append(_criterion_table(criterion))
    document.add("criterion", criteria)
    return tomlkit.dumps(document)


def _criterion_table(criterion: CriterionColumn) -> tomlkit.items.Table:
    """One [[criterion]] table; an assumed direction, scale or weight carries its note."""
    entry = tomlkit.table()
    entry.add("id", criterion.id)
    entry.add("name", criterion.name)
    for key, value in (
        ("direction", criterion.direction),
        ("scale", [_number(criterion.scale[0]), _number(criterion.scale[1])]),
        ("weight", _number(criterion.weight)),
    ):
        item = tomlkit.item(value)
        note = criterion.assumed.get(key)
        if note:
            item.comment(note)
        entry.add(key, item)
    if criterion.minimum is not None:
        entry.add("minimum", _number(criterion.minimum))
    if criterion.preference is not None:
        function, q, p, s = criterion.preference
        preference = tomlkit.inline_table()
        preference.add("function", function)
        for name, parameter in (("q", q), ("p", p), ("s", s)):
            if parameter is not None:
                preference.add(name, _number(parameter))
        entry.add("preference", preference)
    if criterion.value_function is not None:
        entry.add("value_function", [[_number(x), _number(v)] for x, v in criterion.value_function])
    return entry


def _option_toml(option: OptionRow, source: str) -> str:
    """options/<id>.toml: bare scores under [scores], a table for a score with more to it."""
    lines = [
        f"# Option from row {option.row + 1} of {source}.",
        f"name = {_toml_string(option.name)}",
        f"kind = {_toml_string(option.kind)}",
    ]
    if option.summary:
        lines.append(f"summary = {_toml_string(option.summary)}")
    if option.precedents:
        lines.append(f"precedents = {_toml_value(list(option.precedents))}")
    short = [
        (cid, s) for cid, s in option.scores.items() if s.range is None and not s.rationale and not s.sources
    ]
    lines += ["", "[scores]", *(f"{cid} = {_toml_value(s.value)}" for cid, s in short)]
    for cid, score in option.scores.items():
        if (cid, score) in short:
            continue
        lines += ["", f"[scores.{cid}]", f"value = {_toml_value(score.value)}"]
        if score.range is not None:
            lines.append(f"range = {_toml_value(list(score.range))}")
        if score.rationale:
            lines.append(f"rationale = {_toml_string(score.rationale)}")
        if score.sources:
            lines.append(f"sources = [{', '.join(_source(line) for line in score.sources)}]")
    return "\n".join(lines) + "\n"


def _refuse(target: Path, message: str) -> ModelError:
    return ModelError([Problem(str(target), "", message)])


def _replaceable(target: Path) -> str:
    """'' when `target` may be replaced by a model directory, else why not."""
    if not target.is_dir() or target.is_symlink():
        return "exists and is not a directory; not replacing it"
    others = sorted(
        p.name
        for p in target.iterdir()
        if p.name not in ("criteria", "options") and not p.name.startswith(".")
    )
    if others:
        shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        return f"holds files that are not part of a model ({shown}); not replacing it, choose another folder"
    return ""


def check_target(target: Path, *, force: bool) -> None:
    """Refuse before any work when the target cannot be written: it exists (without force), or no parent."""
    parent = target.parent if str(target.parent) else Path()
    if not parent.is_dir():
        raise _refuse(target, f"cannot write: the folder '{parent}' does not exist")
    if target.exists() or target.is_symlink():
        if not force and not (target.is_dir() and not any(target.iterdir())):
            raise _refuse(target, "already exists; use --force to replace it")
        reason = _replaceable(target)
        if reason:
            raise _refuse(target, reason)


def write_model_directory(files: dict[str, str], target: Path, *, force: bool, validate: bool = True) -> None:
    """Write `files` as the directory `target`: staged beside it, validated, then renamed into place."""
    from decisiontool.loading import load_model

    check_target(target, force=force)
    parent = target.parent if str(target.parent) else Path()
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-import-", dir=parent))
    except OSError as error:
        raise _refuse(target, f"cannot write here: {error.strerror or error}") from None
    old: Path | None = None
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if validate:
            try:
                load_model(staging, missing="worst")
            except ModelError as error:
                raise ModelError(
                    [
                        Problem(str(target), "", f"the imported model would not validate: {p}")
                        for p in error.problems
                    ]
                ) from None
        staging.chmod(0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=parent))
            target.replace(old / target.name)
            try:
                staging.replace(target)
            except OSError:
                (old / target.name).replace(target)  # put the old model back
                raise
        else:
            staging.replace(target)
    except OSError as error:
        raise _refuse(target, f"cannot write here: {error.strerror or error}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            with contextlib.suppress(OSError):
                shutil.rmtree(old)
