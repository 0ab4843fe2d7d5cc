"""The performance matrix (docs/spreadsheets.md): what a sheet holds, and how its cells read.

A header row whose first cell is `option`, then one column per criterion (`name` or `name [id]`);
optional describing rows right under it (`direction`, `weight`, `scale_min`, `scale_max`,
`group`, and, so that a model's PROMETHEE and value-function settings survive a round trip,
`minimum`, `preference`, `preference_q`, `preference_p`, `preference_s`, `value_function`);
then one row per option: its name (or `name [id]`) and a score per criterion, each a number,
`number [low, high]`, or empty (missing). What the sheet leaves out is assumed, and every
assumption is kept (`Matrix.assumptions`, `CriterionColumn.assumed`) to be printed and written
into the model as comments. Reading a whole sheet: `decisiontool.interchange.reader`.

Must not import numpy, rich, textual or anything that reads or writes files.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from decisiontool.interchange.sheets import CellValue, Sheet
from decisiontool.model.files import ID_PATTERN, MAX_ID_LENGTH
from decisiontool.problems import Problem, did_you_mean

__all__ = [
    "DESCRIBING_ROWS",
    "PREFERENCE_FUNCTIONS",
    "CriterionColumn",
    "GroupSpec",
    "Matrix",
    "OptionRow",
    "Score",
    "derive_id",
    "format_number",
]

DESCRIBING_ROWS = (
    "direction",
    "weight",
    "scale_min",
    "scale_max",
    "group",
    "minimum",
    "preference",
    "preference_q",
    "preference_p",
    "preference_s",
    "value_function",
)
"""First cells of the rows that describe the criteria (the five documented, then method settings)."""
PREFERENCE_FUNCTIONS = ("usual", "u-shape", "v-shape", "level", "linear", "gaussian")
DEFAULT_GROUP = "main"
IMPORTED_KIND = "option"
"""The kind every option gets when the sheet says none (the model's option_kinds is then just this)."""


@dataclass(frozen=True)
class Score:
    """One option's score on one criterion, with its range and evidence."""

    value: float
    range: tuple[float, float] | None = None
    rationale: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionColumn:
    """One criterion as the sheet describes it (and as assumed where it does not)."""

    id: str
    name: str
    column: int
    direction: str
    weight: float
    scale: tuple[float, float]
    group: str
    minimum: float | None = None
    preference: tuple[str, float | None, float | None, float | None] | None = None
    """(function, q, p, s)."""
    value_function: tuple[tuple[float, float], ...] | None = None
    assumed: dict[str, str] = field(default_factory=dict)
    """Key ('direction', 'weight', 'scale', 'group') -> the assumption made, for a TOML comment."""


@dataclass(frozen=True)
class GroupSpec:
    """A criteria group: its weight is the sum of its criteria's weights (see `parse_matrix`)."""

    id: str
    name: str
    weight: float


@dataclass(frozen=True)
class OptionRow:
    """One option: its row, its details from the Options sheet and its scores (missing ones absent)."""

    id: str
    name: str
    row: int
    kind: str
    scores: dict[str, Score]
    summary: str = ""
    precedents: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """A whole sheet, understood: what `build` turns into a model directory."""

    source: str
    criteria: tuple[CriterionColumn, ...]
    groups: tuple[GroupSpec, ...]
    options: tuple[OptionRow, ...]
    option_kinds: tuple[str, ...]
    assumptions: tuple[str, ...]
    missing: tuple[tuple[str, str], ...]
    """(option id, criterion id) of every empty score cell."""


# ---------------------------------------------------------------------------------------
# cells


_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_NUMBER_ONLY = re.compile(rf"\s*({_NUMBER})\s*")
_SCORE = re.compile(rf"\s*({_NUMBER})\s*\[\s*({_NUMBER})\s*[,;]\s*({_NUMBER})\s*\]\s*")
_COMMA_DECIMAL = re.compile(r"\s*[+-]?\d+,\d+\s*")
_NAMED = re.compile(r"(.*?)\s*\[\s*([^\[\]]*?)\s*\]\s*")
POINT = re.compile(rf"\s*({_NUMBER})\s*:\s*({_NUMBER})\s*")


class CellError(ValueError):
    """A cell's problem, message only: the caller knows the cell."""


def shown(value: CellValue) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _finite(number: float, value: CellValue) -> float:
    if not math.isfinite(number):
        raise CellError(f"{shown(value)} is not a finite number")
    return number


def cell_number(value: CellValue) -> float:
    """A number cell; CellError with a plain message for anything else."""
    if isinstance(value, int | float):
        return _finite(float(value), value)
    text = str(value)
    match = _NUMBER_ONLY.fullmatch(text)
    if match:
        return _finite(float(match.group(1)), value)
    hint = " (use a point for decimals, e.g. 3.5)" if _COMMA_DECIMAL.fullmatch(text) else ""
    raise CellError(f"{shown(value)} is not a number{hint}")


def cell_score(value: CellValue) -> Score:
    """A score cell: a number or `number [low, high]`."""
    if isinstance(value, int | float):
        return Score(_finite(float(value), value))
    text = str(value)
    match = _SCORE.fullmatch(text)
    if match is None:
        try:
            return Score(cell_number(value))
        except CellError as error:
            raise CellError(f"{error}; a score is a number, 'number [low, high]', or empty") from None
    number, low, high = (_finite(float(group), value) for group in match.groups())
    if low > high:
        raise CellError(f"the range [{format_number(low)}, {format_number(high)}] must be [low, high]")
    if not low <= number <= high:
        raise CellError(
            f"the range [{format_number(low)}, {format_number(high)}] does not contain its value "
            f"{format_number(number)}"
        )
    return Score(number, (low, high))


def format_number(number: float) -> str:
    """A number as a cell shows it: integers without '.0', others exactly (repr)."""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)


def split_named(text: str) -> tuple[str, str | None]:
    """`Name [id]` -> (Name, id); a bracket that does not hold a valid id is part of the name."""
    match = _NAMED.fullmatch(text)
    if (
        match
        and match.group(1).strip()
        and ID_PATTERN.fullmatch(match.group(2))
        and len(match.group(2)) <= MAX_ID_LENGTH
    ):
        return " ".join(match.group(1).split()), match.group(2)
    return " ".join(text.split()), None


def derive_id(name: str, fallback: str) -> str:
    """An id from a name: lower-case `[a-z0-9_]`, starting with a letter, at most 64 characters."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_") or fallback
    if not text[0].isalpha():
        text = f"{fallback}_{text}"
    return text[:MAX_ID_LENGTH].rstrip("_")


class Ids:
    """One namespace for groups, criteria and options; a derived id is made unique with _2, _3."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def take(self, name: str, explicit: str | None, fallback: str) -> str:
        if explicit is not None:
            self.taken.add(explicit)
            return explicit
        base = derive_id(name, fallback)
        candidate, number = base, 2
        while candidate in self.taken:
            suffix = f"_{number}"
            candidate = base[: MAX_ID_LENGTH - len(suffix)].rstrip("_") + suffix
            number += 1
        self.taken.add(candidate)
        return candidate


# ---------------------------------------------------------------------------------------
# describing rows


def derived_scale(
    low: float | None, high: float | None, values: list[float]
) -> tuple[tuple[float, float] | None, str]:
    """(scale, note): the note says what was assumed ('' if nothing); with no scale, the note is a problem."""
    if low is not None and high is not None:
        if not low < high:
            return None, f"scale_min {format_number(low)} must be below scale_max {format_number(high)}"
        return (low, high), ""
    column_low = min(values) if values else None
    column_high = max(values) if values else None
    if low is None and high is None:
        if column_low is None or column_high is None:
            return (0.0, 1.0), "[0, 1]: the column has no scores"
        if column_low < column_high:
            return (column_low, column_high), "the lowest and highest score in its column"
        value = column_low
        if value > 0:
            return (0.0, value), "from 0 to the column's one score"
        if value < 0:
            return (value, 0.0), "from the column's one score to 0"
        return (0.0, 1.0), "[0, 1]: every score in the column is 0"
    if low is not None:
        top = column_high if column_high is not None and column_high > low else low + 1
        return (
            low,
            top,
        ), "scale_max: the highest score in its column" if top != low + 1 else "scale_max: scale_min + 1"
    assert high is not None
    bottom = column_low if column_low is not None and column_low < high else high - 1
    return (
        bottom,
        high,
    ), "scale_min: the lowest score in its column" if bottom != high - 1 else "scale_min: scale_max - 1"


def read_preference(
    sheet: Sheet,
    describing: dict[str, int],
    c: int,
    number_row: Callable[[str], float | None],
    problems: list[Problem],
) -> tuple[str, float | None, float | None, float | None] | None:
    row = describing.get("preference")
    if row is None or c >= len(sheet.rows[row]) or sheet.rows[row][c] is None:
        return None
    value = sheet.rows[row][c]
    function = str(value).strip().lower()
    if function not in PREFERENCE_FUNCTIONS:
        problems.append(
            sheet.problem(
                row,
                c,
                f"unknown preference function {shown(value)}: one of {', '.join(PREFERENCE_FUNCTIONS)}"
                f"{did_you_mean(function, PREFERENCE_FUNCTIONS)}",
            )
        )
        return None
    q, p, s = number_row("preference_q"), number_row("preference_p"), number_row("preference_s")
    return function, q, p, s


def read_value_function(
    sheet: Sheet,
    describing_cell: Callable[[str, int], tuple[int, CellValue] | None],
    c: int,
    problems: list[Problem],
) -> tuple[tuple[float, float], ...] | None:
    found = describing_cell("value_function", c)
    if found is None or found[1] is None:
        return None
    points: list[tuple[float, float]] = []
    for part in str(found[1]).split(","):
        match = POINT.fullmatch(part)
        if match is None:
            problems.append(
                sheet.problem(
                    found[0],
                    c,
                    f"{shown(part.strip())} is not 'score: value'; write e.g. '0: 0, 2: 0.6, 5: 1'",
                )
            )
            return None
        points.append((float(match.group(1)), float(match.group(2))))
    return tuple(points)


def groups_of(criteria: Iterable[CriterionColumn], names: dict[str, str]) -> tuple[GroupSpec, ...]:
    totals: dict[str, float] = {}
    for criterion in criteria:
        totals[criterion.group] = totals.get(criterion.group, 0.0) + criterion.weight
    return tuple(GroupSpec(group_id, names[group_id], total) for group_id, total in totals.items())
