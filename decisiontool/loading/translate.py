"""pydantic's validation errors as `file: key.path: message` problems, with line numbers.

`validate(source, Model, problems)` is how every file format is checked (model files here,
judgement files in `decisiontool.elicitation`): the file model refuses what it must, and
this module turns each error into a Problem a person can act on (unknown keys with a
did-you-mean and the keys allowed there, types named as TOML names them).

Must not import numpy, rich or textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from decisiontool.loading.source import TomlSource, toml_type_name
from decisiontool.model.files import SOURCE_TABLE_TAG, SOURCE_TEXT_TAG
from decisiontool.problems import Problem, Problems, did_you_mean

__all__ = ["format_loc", "pydantic_problems", "validate"]

FileModel = TypeVar("FileModel", bound=BaseModel)

_UNION_TAGS = (SOURCE_TEXT_TAG, SOURCE_TABLE_TAG)
"""Tags pydantic puts in a location for the branch of a tagged union: not keys of the file."""


def format_loc(loc: Sequence[str | int], data: Any) -> str:
    """`criterion[cross_border_reach].scale` from pydantic's ('criterion', 3, 'scale')."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            label = str(part + 1)
            if isinstance(node, list) and part < len(node):
                node = node[part]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = node["id"]
                else:
                    label = f"#{part + 1}"
            else:
                node = None
            out += f"[{label}]"
        else:
            out += f".{part}" if out else part
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The keys a table at `loc` may hold, for did-you-mean suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(str(part))
        if field is None:
            # a dict keyed by user ids (scores.<criterion>): the value type is what matters
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The pydantic model inside `X | None`, `list[X]`, `dict[str, X]`, or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _message(model: type[BaseModel], item: Any, loc: Sequence[str | int]) -> str:
    """The message of one pydantic error, in the words of a TOML file's author."""
    kind = item["type"]
    if kind == "extra_forbidden":
        unknown = str(loc[-1])
        allowed = _allowed_keys(model, loc[:-1])
        message = f"unknown key '{unknown}'{did_you_mean(unknown, allowed)}"
        return message + (f"; allowed here: {', '.join(allowed)}" if allowed else "")
    if kind == "missing":
        return "required key is missing"
    if kind == "finite_number":
        return "must be a finite number (NaN and infinity are not allowed)"
    if kind == "literal_error":
        return f"{item['input']!r} is not allowed: {item['msg'].removeprefix('Input should be ')}"
    if kind in ("float_type", "int_type"):
        return f"must be a number, not {toml_type_name(item['input'])}"
    if kind == "greater_than_equal":
        return f"{item['input']!r} must be >= {item.get('ctx', {}).get('ge', 0)}"
    if kind == "string_type":
        return f"must be a string, not {toml_type_name(item['input'])}"
    return str(item["msg"]).removeprefix("Value error, ")


def pydantic_problems(source: TomlSource, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    """Turn pydantic's errors into `file: key.path: message` problems."""
    found = []
    for item in error.errors(include_url=False):
        loc = [part for part in item["loc"] if part not in _UNION_TAGS]
        message = _message(model, item, loc)
        found.append(Problem(source.name, format_loc(loc, source.data), message, source.line(*loc)))
    return found


def validate(source: TomlSource, model: type[FileModel], problems: Problems) -> FileModel | None:
    """The file's tables as `model`, or None with every problem recorded."""
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(pydantic_problems(source, model, error))
        return None
