"""Reading each criterion column of a matrix: direction, weight, scale, group and method settings.

A mixin of the sheet reader (`decisiontool.interchange.reader`): it reads the describing
rows of one column, records what it assumed and the problems it found.

Must not import numpy, rich, textual or anything that reads or writes files.
"""

from __future__ import annotations

from dataclasses import dataclass

from decisiontool.interchange.matrix import (
    DEFAULT_GROUP,
    CellError,
    CriterionColumn,
    Ids,
    Score,
    cell_number,
    derived_scale,
    format_number,
    read_preference,
    read_value_function,
    shown,
)
from decisiontool.interchange.sheets import CellValue, Sheet, column_letter
from decisiontool.problems import Problem, did_you_mean

__all__ = ["Column", "CriteriaReading"]


@dataclass
class Column:
    """A criterion column of the header row: its name, the id it gives (if any), its index."""

    name: str
    explicit: str | None
    column: int


class CriteriaReading:
    """Turns one header column and the describing rows under it into a `CriterionColumn`."""

    sheet: Sheet
    rows: tuple[tuple[CellValue, ...], ...]
    first: int
    problems: list[Problem]
    assumptions: list[str]
    describing: dict[str, int]
    scores: list[dict[int, Score]]
    kept_rows: list[int]
    criterion_ids: dict[int, str]
    group_cells: dict[int, tuple[str, str | None]]
    ids: Ids
    group_ids: dict[str, str]
    group_names: dict[str, str]

    def describing_cell(self, key: str, column: int) -> tuple[int, CellValue] | None:
        """(row, value) of a describing row's cell in `column`, None when there is no such cell."""
        row = self.describing.get(key)
        if row is None or column >= len(self.rows[row]):
            return None
        return row, self.rows[row][column]

    def _criterion(self, column: Column) -> CriterionColumn | None:
        c = column.column
        where_text = f"criterion '{column.name}' (column {column_letter(c)})"
        assumed: dict[str, str] = {}
        direction = self._direction(c, where_text, assumed)
        weight = self._weight(c, where_text, assumed)
        scale = self._scale(c, where_text, assumed)
        if scale is None:
            return None
        self._check_in_scale(c, scale)
        group = self._group(c, where_text, assumed)
        return CriterionColumn(
            id=self.criterion_ids[c],
            name=column.name,
            column=c,
            direction=direction,
            weight=weight,
            scale=scale,
            group=group,
            minimum=self.number_row("minimum", c),
            preference=read_preference(
                self.sheet, self.describing, c, lambda key: self.number_row(key, c), self.problems
            ),
            value_function=read_value_function(self.sheet, self.describing_cell, c, self.problems),
            assumed=assumed,
        )

    def _direction(self, c: int, where_text: str, assumed: dict[str, str]) -> str:
        entry = self.describing_cell("direction", c)
        if entry is None or entry[1] is None:
            assumed["direction"] = "assumed benefit (more is better): the sheet gives no direction"
            if "direction" in self.describing:
                self.assumptions.append(f"{where_text}: no direction given; assumed benefit (more is better)")
            return "benefit"
        text = str(entry[1]).strip().lower()
        if text not in ("benefit", "cost"):
            self.problems.append(
                self.sheet.problem(
                    entry[0],
                    c,
                    f"unknown direction {shown(entry[1])}: 'benefit' or 'cost'"
                    f"{did_you_mean(text, ('benefit', 'cost'))}",
                )
            )
        return text

    def _weight(self, c: int, where_text: str, assumed: dict[str, str]) -> float:
        entry = self.describing_cell("weight", c)
        if entry is None or entry[1] is None:
            assumed["weight"] = "assumed 1: the sheet gives no weight"
            if "weight" in self.describing:
                self.assumptions.append(f"{where_text}: no weight given; assumed 1")
            return 1.0
        weight = 1.0
        try:
            weight = cell_number(entry[1])
            if weight < 0:
                raise CellError(f"the weight {format_number(weight)} must be >= 0")
        except CellError as error:
            self.problems.append(self.sheet.problem(entry[0], c, str(error)))
        return weight

    def number_row(self, key: str, c: int) -> float | None:
        """The number in describing row `key` of column `c` (None if empty; a problem if not a number)."""
        entry = self.describing_cell(key, c)
        if entry is None or entry[1] is None:
            return None
        try:
            return cell_number(entry[1])
        except CellError as error:
            self.problems.append(self.sheet.problem(entry[0], c, str(error)))
            return None

    def _scale(self, c: int, where_text: str, assumed: dict[str, str]) -> tuple[float, float] | None:
        given_low, given_high = self.number_row("scale_min", c), self.number_row("scale_max", c)
        column_values = [
            bound
            for option_scores in self.scores
            if c in option_scores
            for bound in (
                (option_scores[c].value,) if option_scores[c].range is None else option_scores[c].range or ()
            )
        ]
        scale, scale_note = derived_scale(given_low, given_high, column_values)
        if scale is None:
            scale_row = self.describing.get("scale_max", self.describing.get("scale_min", self.first))
            self.problems.append(self.sheet.problem(scale_row, c, scale_note))
            return None
        if scale_note:
            assumed["scale"] = f"assumed: {scale_note}"
            self.assumptions.append(
                f"{where_text}: scale [{format_number(scale[0])}, {format_number(scale[1])}], {scale_note}"
            )
        return scale

    def _check_in_scale(self, c: int, scale: tuple[float, float]) -> None:
        low, high = scale
        for option_scores, i in zip(self.scores, self.kept_rows, strict=True):
            score = option_scores.get(c)
            if score is None:
                continue
            ends = score.range or (score.value, score.value)
            if low <= ends[0] and ends[1] <= high:
                continue
            if score.range is None:
                text = format_number(score.value)
            else:
                text = f"{format_number(score.value)} [{format_number(ends[0])}, {format_number(ends[1])}]"
            self.problems.append(
                self.sheet.problem(
                    i,
                    c,
                    f"{text} is outside the scale [{format_number(low)}, {format_number(high)}] "
                    "of this criterion",
                )
            )

    def _group(self, c: int, where_text: str, assumed: dict[str, str]) -> str:
        group_cell = self.group_cells.get(c)
        if group_cell is None:
            group_name, group_explicit = DEFAULT_GROUP, None
            assumed["group"] = f"assumed group '{DEFAULT_GROUP}': the sheet gives no group"
            if "group" in self.describing:
                self.assumptions.append(f"{where_text}: no group given; assumed group '{DEFAULT_GROUP}'")
        else:
            group_name, group_explicit = group_cell
        group_key = group_explicit or group_name.casefold()
        if group_key not in self.group_ids:
            self.group_ids[group_key] = (
                DEFAULT_GROUP
                if group_cell is None and DEFAULT_GROUP not in self.ids.taken
                else self.ids.take(group_name, group_explicit, "g")
            )
            self.ids.taken.add(self.group_ids[group_key])
            self.group_names[self.group_ids[group_key]] = (
                group_name.capitalize() if group_cell is None else group_name
            )
        return self.group_ids[group_key]
