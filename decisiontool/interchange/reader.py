"""Reading a performance matrix sheet (docs/spreadsheets.md) into a `Matrix`, every problem at once.

`parse_matrix` walks the sheet in the order the meaning needs: the header row (criteria
columns), the describing rows under it, ids reserved for what the sheet names explicitly,
the scores (a derived scale needs each column's lowest and highest score), each criterion,
the options' ids, then the Options and Evidence sheets (`decisiontool.interchange.details`).
What the sheet leaves out is assumed, and every assumption is recorded.

Must not import numpy, rich, textual or anything that reads or writes files.
"""

from __future__ import annotations

from decisiontool.interchange.criteria import Column, CriteriaReading
from decisiontool.interchange.details import read_details
from decisiontool.interchange.matrix import (
    DEFAULT_GROUP,
    DESCRIBING_ROWS,
    IMPORTED_KIND,
    CellError,
    CriterionColumn,
    Ids,
    Matrix,
    OptionRow,
    Score,
    cell_score,
    groups_of,
    shown,
    split_named,
)
from decisiontool.interchange.sheets import CellValue, Workbook, column_letter
from decisiontool.problems import ModelError, Problem

__all__ = ["parse_matrix"]


def parse_matrix(book: Workbook) -> Matrix:
    """Understand a workbook's matrix (and its Options and Evidence sheets); ModelError with every problem."""
    return _Reader(book).matrix()


class _Reader(CriteriaReading):
    """The state of one reading: the sheet, what has been found so far and every problem."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.sheet = book.matrix
        self.rows = self.sheet.rows
        self.problems: list[Problem] = []
        self.first = 0
        self.columns: list[Column] = []
        self.describing: dict[str, int] = {}
        self.option_rows: list[int] = []
        self.option_named: list[tuple[str, str | None]] = []
        self.ids = Ids()
        self.group_cells: dict[int, tuple[str, str | None]] = {}
        self.kept_rows: list[int] = []
        """The rows whose options are kept; their ids are given once criteria and groups hold theirs."""
        self.scores: list[dict[int, Score]] = []
        self.missing_cells: list[tuple[int, int]] = []
        self.criterion_ids: dict[int, str] = {}
        self.assumptions: list[str] = []
        self.group_ids: dict[str, str] = {}
        self.group_names: dict[str, str] = {}

    def matrix(self) -> Matrix:
        self._header()
        self._describing_rows()
        self._reserve_ids()
        self._read_scores()
        absent = [key for key in ("direction", "weight", "group") if key not in self.describing]
        criteria = [c for c in map(self._criterion, self.columns) if c is not None]
        if criteria and not any(c.weight > 0 for c in criteria) and "weight" in self.describing:
            self.problems.append(
                self.sheet.problem(
                    self.describing["weight"],
                    0,
                    "every weight is 0: at least one criterion needs a positive weight",
                )
            )
        options, missing = self._options(criteria)
        self._raise_problems()
        return self._finish(criteria, options, missing, absent)

    def _raise_problems(self) -> None:
        if self.problems:
            raise ModelError(self.problems)

    # -- the header row and the describing rows ------------------------------------------

    def _header(self) -> None:
        sheet, rows = self.sheet, self.rows
        first = next((i for i, row in enumerate(rows) if any(v is not None for v in row)), None)
        if first is None:
            raise ModelError(
                [Problem(sheet.label, "", "the sheet is empty: expected a header row starting with 'option'")]
            )
        self.first = first
        header = rows[first]
        head = header[0]
        if not isinstance(head, str) or head.strip().lower() != "option":
            seen = "an empty cell" if head is None else shown(head)
            message = f"the header row must start with 'option' (found {seen}); then one column per criterion"
            raise ModelError([sheet.problem(first, 0, message)])
        seen_names: dict[str, int] = {}
        seen_ids: dict[str, int] = {}
        for c in range(1, len(header)):
            self._header_cell(c, header[c], seen_names, seen_ids)
        if not self.columns and not self.problems:
            self.problems.append(
                sheet.problem(first, 1, "no criterion columns: after 'option', one column per criterion")
            )

    def _header_cell(
        self, c: int, value: CellValue, seen_names: dict[str, int], seen_ids: dict[str, int]
    ) -> None:
        sheet, first = self.sheet, self.first
        if value is None:
            if any(c < len(row) and row[c] is not None for row in self.rows[first + 1 :]):
                self.problems.append(sheet.problem(first, c, "this column has scores but no criterion name"))
            return
        name, explicit = split_named(str(value))
        key = name.casefold()
        if explicit is not None and explicit in seen_ids:
            also = column_letter(seen_ids[explicit])
            self.problems.append(
                sheet.problem(first, c, f"duplicate criterion id '{explicit}' (also column {also})")
            )
            return
        if key in seen_names and explicit is None:
            also = column_letter(seen_names[key])
            self.problems.append(
                sheet.problem(first, c, f"duplicate criterion name '{name}' (also column {also})")
            )
            return
        seen_names.setdefault(key, c)
        if explicit is not None:
            seen_ids[explicit] = c
        self.columns.append(Column(name, explicit, c))

    def _describing_rows(self) -> None:
        rows, sheet = self.rows, self.sheet
        r = self.first + 1
        while r < len(rows):
            label = rows[r][0]
            row_key = label.strip().lower().replace(" ", "_") if isinstance(label, str) else None
            if row_key is None or row_key not in DESCRIBING_ROWS:
                break
            if row_key in self.describing:
                self.problems.append(
                    sheet.problem(
                        r, 0, f"a second '{row_key}' row (the first is row {self.describing[row_key] + 1})"
                    )
                )
            self.describing[row_key] = r
            r += 1
        self.option_rows = [i for i in range(r, len(rows)) if any(v is not None for v in rows[i])]
        if not self.option_rows and not self.problems:
            self.problems.append(
                Problem(
                    sheet.label,
                    "",
                    "the sheet has a header but no option rows: one row per option, its name first",
                )
            )
        self._raise_problems()

    def _reserve_ids(self) -> None:
        """Ids the sheet gives explicitly are taken first, so that no derived id takes one."""
        for column in self.columns:
            if column.explicit is not None:
                self.ids.taken.add(column.explicit)
        for column in self.columns:
            entry = self.describing_cell("group", column.column)
            if entry is not None and entry[1] is not None:
                self.group_cells[column.column] = split_named(str(entry[1]))
        for _, explicit in self.group_cells.values():
            if explicit is not None:
                self.ids.taken.add(explicit)
        self.option_named = [
            split_named(str(self.rows[i][0])) if self.rows[i][0] is not None else ("", None)
            for i in self.option_rows
        ]
        for _, explicit in self.option_named:
            if explicit is not None:
                self.ids.taken.add(explicit)

    # -- scores ---------------------------------------------------------------------------

    def _read_scores(self) -> None:
        """Scores first: a derived scale needs the column's lowest and highest score."""
        sheet = self.sheet
        seen_options: dict[str, int] = {}
        seen_option_ids: dict[str, int] = {}
        self.criterion_ids = {
            column.column: self.ids.take(column.name, column.explicit, "c") for column in self.columns
        }
        for i, (name, explicit) in zip(self.option_rows, self.option_named, strict=True):
            if not name:
                self.problems.append(sheet.problem(i, 0, "this row has scores but no option name"))
                continue
            key = name.casefold()
            if explicit is not None and explicit in seen_option_ids:
                also = seen_option_ids[explicit] + 1
                self.problems.append(
                    sheet.problem(i, 0, f"duplicate option id '{explicit}' (also row {also})")
                )
                continue
            if explicit is None and key in seen_options:
                also = seen_options[key] + 1
                self.problems.append(sheet.problem(i, 0, f"duplicate option name '{name}' (also row {also})"))
                continue
            if explicit is not None and explicit in self.criterion_ids.values():
                self.problems.append(sheet.problem(i, 0, f"the id '{explicit}' is already a criterion's"))
                continue
            seen_options.setdefault(key, i)
            if explicit is not None:
                seen_option_ids[explicit] = i
            self.kept_rows.append(i)
            self.scores.append(self._row_scores(i))

    def _row_scores(self, i: int) -> dict[int, Score]:
        row = self.rows[i]
        option_scores: dict[int, Score] = {}
        for column in self.columns:
            value = row[column.column] if column.column < len(row) else None
            if value is None:
                self.missing_cells.append((i, column.column))
                continue
            try:
                option_scores[column.column] = cell_score(value)
            except CellError as error:
                self.problems.append(self.sheet.problem(i, column.column, str(error)))
        return option_scores

    # -- options and the result -------------------------------------------------------------

    def _options(self, criteria: list[CriterionColumn]) -> tuple[list[OptionRow], list[tuple[str, str]]]:
        """Option ids now that criteria and groups hold theirs; the empty score cells."""
        options: list[OptionRow] = []
        by_column = {criterion.column: criterion.id for criterion in criteria}
        missing: list[tuple[str, str]] = []
        for option_scores, i in zip(self.scores, self.kept_rows, strict=True):
            name, explicit = self.option_named[self.option_rows.index(i)]
            option_id = self.ids.take(name, explicit, "o")
            options.append(
                OptionRow(
                    id=option_id,
                    name=name,
                    row=i,
                    kind=IMPORTED_KIND,
                    scores={by_column[c]: score for c, score in option_scores.items() if c in by_column},
                )
            )
            missing.extend(
                (option_id, by_column[c]) for r_, c in self.missing_cells if r_ == i and c in by_column
            )
        return options, missing

    def _finish(
        self,
        criteria: list[CriterionColumn],
        options: list[OptionRow],
        missing: list[tuple[str, str]],
        absent: list[str],
    ) -> Matrix:
        assumptions = self.assumptions
        # assumptions that hold for every criterion: one line each
        everyone = {
            "direction": "no direction row: every criterion is a benefit criterion (more is better)",
            "weight": "no weight row: every criterion has weight 1",
            "group": f"no group row: every criterion is in one group '{DEFAULT_GROUP}'",
        }
        assumptions[:0] = [everyone[key] for key in absent]
        groups = groups_of(criteria, self.group_names)
        if len(groups) > 1 or any(criterion.weight != 1 for criterion in criteria):
            assumptions.append(
                "each group's weight is the sum of its criteria's weights, so every criterion counts "
                "as its weight in the sheet says (effective weight = weight / sum of all weights)"
            )
        options, kinds, kind_notes = read_details(self.book, options, criteria, self.problems)
        assumptions.extend(kind_notes)
        self._raise_problems()
        if missing:
            assumptions.append(
                f"{len(missing)} empty score cell{'s' if len(missing) != 1 else ''} left unscored: "
                "fill them, or run with --missing worst (scores them at the scale's worst end)"
            )
        return Matrix(
            source=self.book.label,
            criteria=tuple(criteria),
            groups=groups,
            options=tuple(options),
            option_kinds=kinds,
            assumptions=tuple(assumptions),
            missing=tuple(missing),
        )
