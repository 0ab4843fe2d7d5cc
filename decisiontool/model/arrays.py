"""A model built from arrays and lists instead of a directory (the Python API's `from_arrays`).

One group holding every criterion, one option per row of the performance matrix. The same
checks as a model directory's apply where they can (ids, finite numbers, scores inside their
scales, weights >= 0 and not all zero); problems name the parameter (`scores`, `weights`,
...), as the library's errors do.

Must not import numpy, rich or textual (a numpy array is read as a sequence of rows).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import ValidationError

from decisiontool.model import DecisionModel, Option
from decisiontool.model.files import Criterion, Group, ModelInfo, OptionFile, _File
from decisiontool.problems import ModelError, Problem

__all__ = ["ARRAYS_OPTION_KIND", "from_arrays"]

ARRAYS_OPTION_KIND = "option"
"""The one option kind of a model built from arrays."""

Direction = Literal["benefit", "cost"]
T = TypeVar("T", bound=_File)


def from_arrays(
    scores: Sequence[Sequence[float]],
    *,
    options: Sequence[str],
    criteria: Sequence[str],
    weights: Sequence[float] | None = None,
    directions: Sequence[Direction] | None = None,
    scales: Sequence[tuple[float, float]] | None = None,
    names: Mapping[str, str] | None = None,
    name: str = "model",
) -> DecisionModel:
    """A model of `options` (ids, one per row of `scores`) on `criteria` (ids, one per column).

    `weights`: relative criterion weights (default: equal); `directions`: `benefit` (higher
    is better, the default) or `cost` per criterion; `scales`: (worst-or-low, high) per
    criterion, default the column's smallest and largest score (widened by 1 when they are
    equal); `names`: display names by id (default: the id). The model has no directory:
    it cannot save profiles, and reports list no input files.

    >>> import decisiontool
    >>> model = decisiontool.from_arrays(
    ...     [[7, 9], [8, 7], [9, 6]], options=["a", "b", "c"], criteria=["quality", "price"],
    ...     weights=[2, 1], directions=["benefit", "cost"], scales=[(0, 10), (0, 10)],
    ... )
    >>> [(entry.option, round(entry.score, 4)) for entry in decisiontool.rank(model).entries]
    [('c', 0.7333), ('b', 0.6333), ('a', 0.5)]
    """
    rows = [[_number(value) for value in row] for row in scores]
    _check_shape(rows, options, criteria, weights, directions, scales)
    weights = [1.0] * len(criteria) if weights is None else [_number(w) for w in weights]
    directions = ["benefit"] * len(criteria) if directions is None else list(directions)
    spans = [_scale(rows, j, scales) for j in range(len(criteria))]
    _check_values(rows, options, criteria, weights, spans)
    labels = dict(names or {})
    built = _criteria(criteria, labels, directions, spans, weights)
    group = Group(id="criteria", name="Criteria")
    built_options = _options(options, criteria, rows, labels)
    info = _validated("name", "", ModelInfo, {"name": name, "option_kinds": [ARRAYS_OPTION_KIND]})
    return DecisionModel(
        root=Path.cwd(),
        name=name,
        info=info,
        lessons={},
        groups=(group,),
        criteria=built,
        criterion_group={cid: group.id for cid in criteria},
        options=built_options,
        profiles={},
        files=(),
    )


def _criteria(
    criteria: Sequence[str],
    labels: Mapping[str, str],
    directions: Sequence[str],
    spans: Sequence[tuple[float, float]],
    weights: Sequence[float],
) -> tuple[Criterion, ...]:
    return tuple(
        _validated(
            "criteria",
            f"[{j}]",
            Criterion,
            {
                "id": cid,
                "name": labels.get(cid, cid),
                "direction": directions[j],
                "scale": spans[j],
                "weight": weights[j],
            },
        )
        for j, cid in enumerate(criteria)
    )


def _options(
    options: Sequence[str], criteria: Sequence[str], rows: list[list[float]], labels: Mapping[str, str]
) -> tuple[Option, ...]:
    return tuple(
        Option(
            oid,
            _validated(
                "options",
                f"[{i}]",
                OptionFile,
                {
                    "id": oid,
                    "name": labels.get(oid, oid),
                    "kind": ARRAYS_OPTION_KIND,
                    "scores": {cid: {"value": row[j]} for j, cid in enumerate(criteria)},
                },
            ),
            f"options[{i}]",
        )
        for i, (oid, row) in enumerate(zip(options, rows, strict=True))
    )


def _number(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ModelError([Problem.of_parameter("scores", "", f"{value!r} is not a number")]) from None
    if not math.isfinite(number):
        raise ModelError([Problem.of_parameter("scores", "", f"{number} is not a finite number")])
    return number


def _check_shape(
    rows: list[list[float]],
    options: Sequence[str],
    criteria: Sequence[str],
    weights: Sequence[float] | None,
    directions: Sequence[str] | None,
    scales: Sequence[tuple[float, float]] | None,
) -> None:
    problems = []
    if not criteria or not options:
        problems.append(Problem.of_parameter("scores", "", "give at least one option and one criterion"))
    if len(rows) != len(options):
        problems.append(Problem.of_parameter("scores", "", f"{len(rows)} rows for {len(options)} options"))
    for i, row in enumerate(rows):
        if len(row) != len(criteria):
            problems.append(
                Problem.of_parameter("scores", f"[{i}]", f"{len(row)} scores for {len(criteria)} criteria")
            )
    for parameter, given in (("weights", weights), ("directions", directions), ("scales", scales)):
        if given is not None and len(given) != len(criteria):
            problems.append(
                Problem.of_parameter(parameter, "", f"{len(given)} values for {len(criteria)} criteria")
            )
    for parameter, ids in (("options", options), ("criteria", criteria)):
        repeated = sorted({i for i in ids if list(ids).count(i) > 1})
        if repeated:
            problems.append(Problem.of_parameter(parameter, "", f"ids given twice: {', '.join(repeated)}"))
    if problems:
        raise ModelError(problems)


def _scale(
    rows: list[list[float]], j: int, scales: Sequence[tuple[float, float]] | None
) -> tuple[float, float]:
    if scales is not None:
        low, high = (_number(v) for v in scales[j])
        return low, high
    column = [row[j] for row in rows]
    low, high = min(column), max(column)
    # a constant column gets a width of 1 (or one step, where 1 is lost in rounding: 1e17)
    return (low, high) if high > low else (low, max(low + 1.0, math.nextafter(low, math.inf)))


def _check_values(
    rows: list[list[float]],
    options: Sequence[str],
    criteria: Sequence[str],
    weights: Sequence[float],
    spans: Sequence[tuple[float, float]],
) -> None:
    problems = []
    for j, (low, high) in enumerate(spans):
        if not low < high:
            problems.append(
                Problem.of_parameter("scales", f"[{j}]", f"[{low:g}, {high:g}]: low must be below high")
            )
            continue
        if not math.isfinite(high - low):
            problems.append(
                Problem.of_parameter(
                    "scales",
                    f"[{j}]",
                    f"[{low:g}, {high:g}] ({criteria[j]}: the scale, or the scores' range when no scale "
                    "is given) is wider than floating point can hold; rescale it",
                )
            )
            continue
        for i, row in enumerate(rows):
            if not low <= row[j] <= high:
                problems.append(
                    Problem.of_parameter(
                        "scores",
                        f"[{i}][{j}]",
                        f"{row[j]:g} ({options[i]} on {criteria[j]}) is outside the scale "
                        f"[{low:g}, {high:g}]",
                    )
                )
    if any(w < 0 for w in weights):
        problems.append(Problem.of_parameter("weights", "", "weights must be >= 0"))
    elif not any(w > 0 for w in weights):
        problems.append(Problem.of_parameter("weights", "", "at least one weight must be positive"))
    if problems:
        raise ModelError(problems)


def _validated(parameter: str, key: str, kind: type[T], data: dict[str, object]) -> T:
    """`kind.model_validate(data)`, its first complaint as a problem naming the parameter."""
    try:
        return kind.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        message = f"{where}: {first['msg']}" if where else first["msg"]
        raise ModelError([Problem.of_parameter(parameter, key, message)]) from None
