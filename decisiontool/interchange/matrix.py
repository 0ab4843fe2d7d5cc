"""The performance matrix (docs/spreadsheets.md): cells -> criteria, groups and options, all problems at once.

A header row whose first cell is `option`, then one column per criterion (`name` or `name [id]`);
optional describing rows right under it (`direction`, `weight`, `scale_min`, `scale_max`,
`group`, and, so that a model's PROMETHEE and value-function settings survive a round trip,
`minimum`, `preference`, `preference_q`, `preference_p`, `preference_s`, `value_function`);
then one row per option: its name (or `name [id]`) and a score per criterion, each a number,
`number [low, high]`, or empty (missing). What the sheet leaves out is assumed, and every
assumption is kept (`Matrix.assumptions`, `CriterionColumn.assumed`) to be printed and written
into the model as comments.

Must not import numpy, rich, textual or anything that reads or writes files.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from decisiontool.interchange.sheets import CellValue, Sheet, Workbook, column_letter
from decisiontool.model.files import DEFAULT_OPTION_KINDS, ID_PATTERN, MAX_ID_LENGTH
from decisiontool.problems import ModelError, Problem, did_you_mean

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
    "parse_matrix",
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
_POINT = re.compile(rf"\s*({_NUMBER})\s*:\s*({_NUMBER})\s*")


class _CellError(ValueError):
    """A cell's problem, message only: the caller knows the cell."""


def _shown(value: CellValue) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def _finite(number: float, value: CellValue) -> float:
    if not math.isfinite(number):
        raise _CellError(f"{_shown(value)} is not a finite number")
    return number


def cell_number(value: CellValue) -> float:
    """A number cell; _CellError with a plain message for anything else."""
    if isinstance(value, int | float):
        return _finite(float(value), value)
    text = str(value)
    match = _NUMBER_ONLY.fullmatch(text)
    if match:
        return _finite(float(match.group(1)), value)
    hint = " (use a point for decimals, e.g. 3.5)" if _COMMA_DECIMAL.fullmatch(text) else ""
    raise _CellError(f"{_shown(value)} is not a number{hint}")


def cell_score(value: CellValue) -> Score:
    """A score cell: a number or `number [low, high]`."""
    if isinstance(value, int | float):
        return Score(_finite(float(value), value))
    text = str(value)
    match = _SCORE.fullmatch(text)
    if match is None:
        try:
            return Score(cell_number(value))
        except _CellError as error:
            raise _CellError(f"{error}; a score is a number, 'number [low, high]', or empty") from None
    number, low, high = (_finite(float(group), value) for group in match.groups())
    if low > high:
        raise _CellError(f"the range [{format_number(low)}, {format_number(high)}] must be [low, high]")
    if not low <= number <= high:
        raise _CellError(
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


class _Ids:
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
# the sheet


@dataclass
class _Column:
    name: str
    explicit: str | None
    column: int


def parse_matrix(book: Workbook) -> Matrix:
    """Understand a workbook's matrix (and its Options and Evidence sheets); ModelError with every problem."""
    sheet = book.matrix
    problems: list[Problem] = []
    rows = sheet.rows
    first = next((i for i, row in enumerate(rows) if any(v is not None for v in row)), None)
    if first is None:
        raise ModelError(
            [Problem(sheet.label, "", "the sheet is empty: expected a header row starting with 'option'")]
        )
    header = rows[first]
    head = header[0]
    if not isinstance(head, str) or head.strip().lower() != "option":
        seen = "an empty cell" if head is None else _shown(head)
        raise ModelError(
            [
                sheet.problem(
                    first,
                    0,
                    f"the header row must start with 'option' (found {seen}); then one column per criterion",
                )
            ]
        )

    # criteria columns
    columns: list[_Column] = []
    seen_names: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for c in range(1, len(header)):
        value = header[c]
        has_scores = any(c < len(row) and row[c] is not None for row in rows[first + 1 :])
        if value is None:
            if has_scores:
                problems.append(sheet.problem(first, c, "this column has scores but no criterion name"))
            continue
        name, explicit = split_named(str(value))
        key = name.casefold()
        if explicit is not None and explicit in seen_ids:
            problems.append(
                sheet.problem(
                    first,
                    c,
                    f"duplicate criterion id '{explicit}' (also column {column_letter(seen_ids[explicit])})",
                )
            )
            continue
        if key in seen_names and explicit is None:
            problems.append(
                sheet.problem(
                    first,
                    c,
                    f"duplicate criterion name '{name}' (also column {column_letter(seen_names[key])})",
                )
            )
            continue
        seen_names.setdefault(key, c)
        if explicit is not None:
            seen_ids[explicit] = c
        columns.append(_Column(name, explicit, c))
    if not columns and not problems:
        problems.append(
            sheet.problem(first, 1, "no criterion columns: after 'option', one column per criterion")
        )

    # describing rows
    describing: dict[str, int] = {}
    r = first + 1
    while r < len(rows):
        label = rows[r][0]
        row_key = label.strip().lower().replace(" ", "_") if isinstance(label, str) else None
        if row_key is None or row_key not in DESCRIBING_ROWS:
            break
        if row_key in describing:
            problems.append(
                sheet.problem(r, 0, f"a second '{row_key}' row (the first is row {describing[row_key] + 1})")
            )
        describing[row_key] = r
        r += 1
    option_rows = [i for i in range(r, len(rows)) if any(v is not None for v in rows[i])]
    if not option_rows and not problems:
        problems.append(
            Problem(
                sheet.label,
                "",
                "the sheet has a header but no option rows: one row per option, its name first",
            )
        )
    if problems:
        raise ModelError(problems)

    def describing_cell(key: str, column: int) -> tuple[int, CellValue] | None:
        row = describing.get(key)
        if row is None or column >= len(rows[row]):
            return None
        return row, rows[row][column]

    ids = _Ids()
    for column in columns:
        if column.explicit is not None:
            ids.taken.add(column.explicit)
    group_cells: dict[int, tuple[str, str | None]] = {}
    for column in columns:
        entry = describing_cell("group", column.column)
        if entry is not None and entry[1] is not None:
            group_cells[column.column] = split_named(str(entry[1]))
    for _, explicit in group_cells.values():
        if explicit is not None:
            ids.taken.add(explicit)
    option_named = [
        split_named(str(rows[i][0])) if rows[i][0] is not None else ("", None) for i in option_rows
    ]
    for _, explicit in option_named:
        if explicit is not None:
            ids.taken.add(explicit)

    # scores first: a derived scale needs the column's lowest and highest score
    kept_rows: list[int] = []
    """The rows whose options are kept; their ids are given once criteria and groups hold theirs."""
    scores: list[dict[int, Score]] = []
    seen_options: dict[str, int] = {}
    seen_option_ids: dict[str, int] = {}
    missing_cells: list[tuple[int, int]] = []
    criterion_ids = {column.column: ids.take(column.name, column.explicit, "c") for column in columns}
    for i, (name, explicit) in zip(option_rows, option_named, strict=True):
        row = rows[i]
        if not name:
            problems.append(sheet.problem(i, 0, "this row has scores but no option name"))
            continue
        key = name.casefold()
        if explicit is not None and explicit in seen_option_ids:
            problems.append(
                sheet.problem(
                    i, 0, f"duplicate option id '{explicit}' (also row {seen_option_ids[explicit] + 1})"
                )
            )
            continue
        if explicit is None and key in seen_options:
            problems.append(
                sheet.problem(i, 0, f"duplicate option name '{name}' (also row {seen_options[key] + 1})")
            )
            continue
        if explicit is not None and explicit in criterion_ids.values():
            problems.append(sheet.problem(i, 0, f"the id '{explicit}' is already a criterion's"))
            continue
        seen_options.setdefault(key, i)
        if explicit is not None:
            seen_option_ids[explicit] = i
        option_scores: dict[int, Score] = {}
        for column in columns:
            value = row[column.column] if column.column < len(row) else None
            if value is None:
                missing_cells.append((i, column.column))
                continue
            try:
                option_scores[column.column] = cell_score(value)
            except _CellError as error:
                problems.append(sheet.problem(i, column.column, str(error)))
        kept_rows.append(i)
        scores.append(option_scores)

    # criteria
    assumptions: list[str] = []
    criteria: list[CriterionColumn] = []
    group_ids: dict[str, str] = {}
    group_names: dict[str, str] = {}
    absent = [key for key in ("direction", "weight", "group") if key not in describing]
    for column in columns:
        c = column.column
        where_text = f"criterion '{column.name}' (column {column_letter(c)})"
        assumed: dict[str, str] = {}

        entry = describing_cell("direction", c)
        direction = "benefit"
        if entry is None or entry[1] is None:
            assumed["direction"] = "assumed benefit (more is better): the sheet gives no direction"
            if "direction" in describing:
                assumptions.append(f"{where_text}: no direction given; assumed benefit (more is better)")
        else:
            text = str(entry[1]).strip().lower()
            if text not in ("benefit", "cost"):
                problems.append(
                    sheet.problem(
                        entry[0],
                        c,
                        f"unknown direction {_shown(entry[1])}: 'benefit' or 'cost'"
                        f"{did_you_mean(text, ('benefit', 'cost'))}",
                    )
                )
            direction = text

        weight = 1.0
        entry = describing_cell("weight", c)
        if entry is None or entry[1] is None:
            assumed["weight"] = "assumed 1: the sheet gives no weight"
            if "weight" in describing:
                assumptions.append(f"{where_text}: no weight given; assumed 1")
        else:
            try:
                weight = cell_number(entry[1])
                if weight < 0:
                    raise _CellError(f"the weight {format_number(weight)} must be >= 0")
            except _CellError as error:
                problems.append(sheet.problem(entry[0], c, str(error)))

        def number_row(key: str, c: int = c) -> float | None:
            entry = describing_cell(key, c)
            if entry is None or entry[1] is None:
                return None
            try:
                return cell_number(entry[1])
            except _CellError as error:
                problems.append(sheet.problem(entry[0], c, str(error)))
                return None

        given_low, given_high = number_row("scale_min"), number_row("scale_max")
        column_values = [
            bound
            for option_scores in scores
            if c in option_scores
            for bound in (
                (option_scores[c].value,) if option_scores[c].range is None else option_scores[c].range or ()
            )
        ]
        scale, scale_note = _scale(given_low, given_high, column_values)
        if scale is None:
            scale_row = describing.get("scale_max", describing.get("scale_min", first))
            problems.append(sheet.problem(scale_row, c, scale_note))
            continue
        if scale_note:
            assumed["scale"] = f"assumed: {scale_note}"
            assumptions.append(
                f"{where_text}: scale [{format_number(scale[0])}, {format_number(scale[1])}], {scale_note}"
            )
        low, high = scale
        for option_scores, i in zip(scores, kept_rows, strict=True):
            score = option_scores.get(c)
            if score is None:
                continue
            ends = score.range or (score.value, score.value)
            if not (low <= ends[0] and ends[1] <= high):
                shown = (
                    format_number(score.value)
                    if score.range is None
                    else (
                        f"{format_number(score.value)} [{format_number(ends[0])}, {format_number(ends[1])}]"
                    )
                )
                problems.append(
                    sheet.problem(
                        i,
                        c,
                        f"{shown} is outside the scale [{format_number(low)}, {format_number(high)}] "
                        "of this criterion",
                    )
                )

        group_cell = group_cells.get(c)
        if group_cell is None:
            group_name, group_explicit = DEFAULT_GROUP, None
            assumed["group"] = f"assumed group '{DEFAULT_GROUP}': the sheet gives no group"
            if "group" in describing:
                assumptions.append(f"{where_text}: no group given; assumed group '{DEFAULT_GROUP}'")
        else:
            group_name, group_explicit = group_cell
        group_key = group_explicit or group_name.casefold()
        if group_key not in group_ids:
            group_ids[group_key] = (
                DEFAULT_GROUP
                if group_cell is None and DEFAULT_GROUP not in ids.taken
                else ids.take(group_name, group_explicit, "g")
            )
            ids.taken.add(group_ids[group_key])
            group_names[group_ids[group_key]] = group_name.capitalize() if group_cell is None else group_name

        minimum = number_row("minimum")
        preference = _preference(sheet, describing, c, number_row, problems)
        value_function = _value_function(sheet, describing_cell, c, problems)
        criteria.append(
            CriterionColumn(
                id=criterion_ids[c],
                name=column.name,
                column=c,
                direction=direction,
                weight=weight,
                scale=scale,
                group=group_ids[group_key],
                minimum=minimum,
                preference=preference,
                value_function=value_function,
                assumed=assumed,
            )
        )
    if criteria and not any(criterion.weight > 0 for criterion in criteria) and "weight" in describing:
        problems.append(
            sheet.problem(
                describing["weight"], 0, "every weight is 0: at least one criterion needs a positive weight"
            )
        )

    # option ids now that criteria and groups hold theirs
    options: list[OptionRow] = []
    by_column = {criterion.column: criterion.id for criterion in criteria}
    missing: list[tuple[str, str]] = []
    for option_scores, i in zip(scores, kept_rows, strict=True):
        name, explicit = option_named[option_rows.index(i)]
        option_id = ids.take(name, explicit, "o")
        options.append(
            OptionRow(
                id=option_id,
                name=name,
                row=i,
                kind=IMPORTED_KIND,
                scores={by_column[c]: score for c, score in option_scores.items() if c in by_column},
            )
        )
        missing.extend((option_id, by_column[c]) for r_, c in missing_cells if r_ == i and c in by_column)
    if problems:
        raise ModelError(problems)

    # assumptions that hold for every criterion: one line each
    everyone = {
        "direction": "no direction row: every criterion is a benefit criterion (more is better)",
        "weight": "no weight row: every criterion has weight 1",
        "group": f"no group row: every criterion is in one group '{DEFAULT_GROUP}'",
    }
    assumptions[:0] = [everyone[key] for key in absent]
    groups = _groups(criteria, group_names)
    if len(groups) > 1 or any(criterion.weight != 1 for criterion in criteria):
        assumptions.append(
            "each group's weight is the sum of its criteria's weights, so every criterion counts "
            "as its weight in the sheet says (effective weight = weight / sum of all weights)"
        )
    options, kinds, kind_notes = _details(book, options, criteria, problems)
    assumptions.extend(kind_notes)
    if problems:
        raise ModelError(problems)
    if missing:
        assumptions.append(
            f"{len(missing)} empty score cell{'s' if len(missing) != 1 else ''} left unscored: "
            "fill them, or run with --missing worst (scores them at the scale's worst end)"
        )
    return Matrix(
        source=book.label,
        criteria=tuple(criteria),
        groups=groups,
        options=tuple(options),
        option_kinds=kinds,
        assumptions=tuple(assumptions),
        missing=tuple(missing),
    )


def _scale(
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


def _preference(
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
                f"unknown preference function {_shown(value)}: one of {', '.join(PREFERENCE_FUNCTIONS)}"
                f"{did_you_mean(function, PREFERENCE_FUNCTIONS)}",
            )
        )
        return None
    q, p, s = number_row("preference_q"), number_row("preference_p"), number_row("preference_s")
    return function, q, p, s


def _value_function(
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
        match = _POINT.fullmatch(part)
        if match is None:
            problems.append(
                sheet.problem(
                    found[0],
                    c,
                    f"{_shown(part.strip())} is not 'score: value'; write e.g. '0: 0, 2: 0.6, 5: 1'",
                )
            )
            return None
        points.append((float(match.group(1)), float(match.group(2))))
    return tuple(points)


def _groups(criteria: Iterable[CriterionColumn], names: dict[str, str]) -> tuple[GroupSpec, ...]:
    totals: dict[str, float] = {}
    for criterion in criteria:
        totals[criterion.group] = totals.get(criterion.group, 0.0) + criterion.weight
    return tuple(GroupSpec(group_id, names[group_id], total) for group_id, total in totals.items())


# ---------------------------------------------------------------------------------------
# Options and Evidence sheets


def _header(
    sheet: Sheet, wanted: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> dict[str, int] | None:
    if not sheet.rows:
        return None
    found: dict[str, int] = {}
    for c, value in enumerate(sheet.rows[0]):
        if isinstance(value, str) and value.strip().lower() in wanted:
            found.setdefault(value.strip().lower(), c)
    for key in required:
        if key not in found:
            problems.append(
                sheet.problem(
                    0, len(sheet.rows[0]), f"no '{key}' column in the header row ({', '.join(wanted)})"
                )
            )
            return None
    return found


def _text_cell(row: tuple[CellValue, ...], column: int | None) -> str:
    if column is None or column >= len(row) or row[column] is None:
        return ""
    value = row[column]
    return format_number(float(value)) if isinstance(value, int | float) else str(value)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _details(
    book: Workbook, options: list[OptionRow], criteria: list[CriterionColumn], problems: list[Problem]
) -> tuple[list[OptionRow], tuple[str, ...], list[str]]:
    """Options' kind, summary, precedents and scores' evidence from the Options and Evidence sheets."""
    by_key: dict[str, int] = {}
    for index, option in enumerate(options):
        by_key.setdefault(option.id, index)
        by_key.setdefault(option.name.casefold(), index)
    criterion_keys: dict[str, str] = {}
    for criterion in criteria:
        criterion_keys.setdefault(criterion.id, criterion.id)
        criterion_keys.setdefault(criterion.name.casefold(), criterion.id)

    def find_option(text: str) -> int | None:
        name, explicit = split_named(text)
        return by_key.get(explicit) if explicit is not None else by_key.get(name.casefold(), by_key.get(name))

    def find_criterion(text: str) -> str | None:
        name, explicit = split_named(text)
        if explicit is not None:
            return criterion_keys.get(explicit)
        return criterion_keys.get(name.casefold(), criterion_keys.get(name))

    kinds: dict[int, str] = {}
    details: dict[int, tuple[str, tuple[str, ...]]] = {}
    notes: list[str] = []
    if book.options is not None:
        sheet = book.options
        header = _header(sheet, ("option", "kind", "summary", "precedents"), ("option",), problems) or {}
        for r, row in enumerate(sheet.rows[1:], start=1) if header else ():
            label = _text_cell(row, header["option"])
            if not label:
                continue
            found = find_option(label)
            if found is None:
                problems.append(
                    sheet.problem(
                        r,
                        header["option"],
                        f"unknown option {_shown(label)}{did_you_mean(label, [o.name for o in options])}",
                    )
                )
                continue
            kind = _text_cell(row, header.get("kind")).strip()
            if kind:
                kinds[found] = kind
            details[found] = (
                _text_cell(row, header.get("summary")),
                _lines(_text_cell(row, header.get("precedents"))),
            )
    evidence: dict[tuple[int, str], tuple[str, tuple[str, ...]]] = {}
    if book.evidence is not None:
        sheet = book.evidence
        header = (
            _header(sheet, ("option", "criterion", "rationale", "sources"), ("option", "criterion"), problems)
            or {}
        )
        for r, row in enumerate(sheet.rows[1:], start=1) if header else ():
            label = _text_cell(row, header["option"])
            criterion_label = _text_cell(row, header["criterion"])
            if not label and not criterion_label:
                continue
            found = find_option(label)
            if found is None:
                problems.append(sheet.problem(r, header["option"], f"unknown option {_shown(label)}"))
                continue
            criterion_id = find_criterion(criterion_label)
            if criterion_id is None:
                problems.append(
                    sheet.problem(
                        r,
                        header["criterion"],
                        f"unknown criterion {_shown(criterion_label)}"
                        f"{did_you_mean(criterion_label, [c.name for c in criteria])}",
                    )
                )
                continue
            if criterion_id not in options[found].scores:
                problems.append(
                    sheet.problem(r, header["criterion"], "evidence for a score the matrix leaves empty")
                )
                continue
            evidence[(found, criterion_id)] = (
                _text_cell(row, header.get("rationale")),
                _lines(_text_cell(row, header.get("sources"))),
            )

    used = list(dict.fromkeys(kinds.values()))
    if not used:
        option_kinds: tuple[str, ...] = (IMPORTED_KIND,)
        notes.append(
            f"no kinds given{' (no Options sheet)' if book.options is None else ''}: every option is of kind "
            f"'{IMPORTED_KIND}' (option_kinds in criteria/model.toml)"
        )
    elif set(used) <= set(DEFAULT_OPTION_KINDS):
        option_kinds = DEFAULT_OPTION_KINDS
    else:
        option_kinds = tuple(used)
    result: list[OptionRow] = []
    for index, option in enumerate(options):
        given_kind = kinds.get(index)
        kind = given_kind if given_kind is not None else option_kinds[0]
        if given_kind is None and used:
            notes.append(f"option '{option.name}': no kind given; assumed '{kind}'")
        summary, precedents = details.get(index, ("", ()))
        scores = {
            cid: Score(score.value, score.range, *evidence[(index, cid)])
            if (index, cid) in evidence
            else score
            for cid, score in option.scores.items()
        }
        result.append(OptionRow(option.id, option.name, option.row, kind, scores, summary, precedents))
    return result, option_kinds, notes
