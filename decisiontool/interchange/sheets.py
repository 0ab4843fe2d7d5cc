"""Read a spreadsheet into plain rows of cell values: CSV with the standard library, XLSX with openpyxl.

Everything a file can get wrong before its cells mean anything is refused here, with the
file's name and, where there is one, the cell: a file above `MAX_SHEET_BYTES` (checked before
parsing, and for a workbook also the size its parts unpack to), text that is not UTF-8, a
workbook that is not one, a missing sheet, merged cells, formulas without a saved value.
Formulas with a saved (cached) value give that value.

Must not import numpy, rich, textual or xlsxwriter.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from decisiontool.problems import ModelError, Problem, Problems, did_you_mean
from decisiontool.sanitise import cell

__all__ = [
    "MAX_SHEET_BYTES",
    "MAX_UNPACKED_BYTES",
    "CellValue",
    "Sheet",
    "Workbook",
    "column_letter",
    "read_workbook",
    "where",
]

MAX_SHEET_BYTES = 16 * 1024 * 1024
"""A file above 16 MiB is refused before it is parsed (a 500 x 40 matrix is about 200 kB)."""
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
"""An .xlsx whose parts unpack to more than 128 MiB is refused before it is parsed (zip bombs)."""

OPTIONS_SHEET = "Options"
EVIDENCE_SHEET = "Evidence"

CellValue = str | float | int | None
"""A cell as read: text, a number, or nothing."""


def column_letter(index: int) -> str:
    """The spreadsheet letters of a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def where(row: int, column: int) -> str:
    """`row 4, column C` for 0-based indices, as the spreadsheet numbers them."""
    return f"row {row + 1}, column {column_letter(column)}"


@dataclass(frozen=True)
class Sheet:
    """One sheet's cells, trailing empty rows and columns dropped. `label` names it in messages."""

    label: str
    rows: tuple[tuple[CellValue, ...], ...]

    def problem(self, row: int, column: int, message: str) -> Problem:
        """A `FILE: row R, column C: message` problem (0-based indices)."""
        return Problem(self.label, where(row, column), message)


@dataclass(frozen=True)
class Workbook:
    """The matrix sheet and, for a workbook that has them, its Options and Evidence sheets."""

    label: str
    matrix: Sheet
    options: Sheet | None = None
    evidence: Sheet | None = None


def _refuse(label: str, message: str) -> ModelError:
    return ModelError([Problem(label, "", message)])


def _text(value: str) -> str | None:
    """A text cell as meant: blank is nothing; an apostrophe that `sanitise.cell` added is taken off."""
    if not value.strip():
        return None
    if value.startswith("'") and cell(value[1:]) == value:
        return value[1:]
    return value


def _trimmed(rows: list[list[CellValue]]) -> tuple[tuple[CellValue, ...], ...]:
    while rows and all(value is None for value in rows[-1]):
        rows.pop()
    width = max(
        (max((i + 1 for i, v in enumerate(row) if v is not None), default=0) for row in rows), default=0
    )
    return tuple(tuple(row[:width]) + (None,) * (width - len(row[:width])) for row in rows)


def read_workbook(path: Path | str, *, sheet: str | None = None) -> Workbook:
    """Read `path` (.csv or .xlsx; the suffix decides) into a Workbook; ModelError if it cannot be."""
    source = Path(path)
    label = str(path)
    suffix = source.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise _refuse(label, f"cannot import '{source.suffix or 'no suffix'}' files: use .csv or .xlsx")
    try:
        size = source.stat().st_size
    except OSError as error:
        raise _refuse(label, f"cannot read: {error.strerror or error}") from None
    if not source.is_file():
        raise _refuse(label, "not a regular file")
    if size > MAX_SHEET_BYTES:
        raise _refuse(
            label,
            f"file is {size:,} bytes; sheets are limited to {MAX_SHEET_BYTES // (1024 * 1024)} MiB "
            "(split the matrix or drop unused sheets)",
        )
    if suffix == ".csv":
        if sheet is not None:
            raise _refuse(label, "a CSV file has one sheet; a sheet name applies to .xlsx workbooks only")
        return Workbook(label, _read_csv(source, label))
    return _read_xlsx(source, label, sheet)


def _read_csv(source: Path, label: str) -> Sheet:
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise _refuse(label, f"cannot read: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _refuse(
            label, f"not UTF-8 text (line {line}, byte {error.start}); save the CSV as UTF-8"
        ) from None
    rows: list[list[CellValue]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for record in reader:
            rows.append([_text(value) for value in record])
    except csv.Error as error:
        raise _refuse(label, f"row {reader.line_num}: not valid CSV: {error}") from None
    return Sheet(label, _trimmed(rows))


_FORMULA_HINT = (
    "open the file in a spreadsheet program and save it (so the result is stored), or paste values"
)


def _read_xlsx(source: Path, label: str, sheet: str | None) -> Workbook:
    _check_unpacked_size(source, label)
    book = _open_workbook(source, label)
    names = list(book.sheetnames)
    if sheet is not None and sheet not in names:
        raise _refuse(
            label, f"no sheet named '{sheet}'{did_you_mean(sheet, names)}; sheets: {', '.join(names)}"
        )
    matrix_name = sheet if sheet is not None else names[0]
    problems = Problems()
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    read: dict[str, Sheet] = {}
    for name in dict.fromkeys([matrix_name, OPTIONS_SHEET, EVIDENCE_SHEET]):
        if name not in names:
            continue
        shown = label if name == matrix_name else f"{label}, sheet {name}"
        worksheet = book[name]
        _refuse_merged_cells(worksheet, shown, problems)
        rows, formulas[name] = _worksheet_rows(worksheet)
        read[name] = Sheet(shown, tuple(tuple(row) for row in rows))
    if any(formulas.values()):
        _fill_cached_values(source, label, read, formulas, problems)
    problems.raise_if_any()
    final = {name: Sheet(s.label, _trimmed([list(row) for row in s.rows])) for name, s in read.items()}
    return Workbook(
        label,
        final[matrix_name],
        final.get(OPTIONS_SHEET) if matrix_name != OPTIONS_SHEET else None,
        final.get(EVIDENCE_SHEET) if matrix_name != EVIDENCE_SHEET else None,
    )


def _check_unpacked_size(source: Path, label: str) -> None:
    """Refuse a file that is not a zip archive, or one that unpacks to too much."""
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(
            label, "not an .xlsx workbook (the file is not a zip archive); save it as .xlsx"
        ) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise _refuse(
            label,
            f"workbook unpacks to {unpacked:,} bytes; workbooks are limited to "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MiB unpacked",
        )


def _open_workbook(source: Path, label: str) -> Any:
    """The workbook as openpyxl reads it (formulas as written), or a ModelError saying why not."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it does not read (data validation, styles): not our concern
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(source, data_only=False)
    except Exception as error:  # openpyxl raises many types for a broken workbook; all mean the same
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise _refuse(label, f"not a readable .xlsx workbook ({reason[:200]})") from None


def _refuse_merged_cells(worksheet: Any, shown: str, problems: Problems) -> None:
    for merged in sorted(worksheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        problems.add(
            shown,
            where(merged.min_row - 1, merged.min_col - 1),
            f"merged cells {merged.coord} are not allowed: unmerge them so each cell holds its own value",
        )


def _worksheet_rows(worksheet: Any) -> tuple[list[list[CellValue]], dict[tuple[int, int], str]]:
    """The cells' values row by row (None for a formula) and the formulas by (row, column)."""
    rows: list[list[CellValue]] = []
    found: dict[tuple[int, int], str] = {}
    for r, record in enumerate(worksheet.iter_rows()):
        values: list[CellValue] = []
        for c, item in enumerate(record):
            value = item.value
            if item.data_type == "f":
                found[(r, c)] = str(getattr(value, "text", value))
                values.append(None)
            elif isinstance(value, bool):
                values.append(str(value).upper())
            elif isinstance(value, int | float):
                values.append(value)
            elif value is None:
                values.append(None)
            elif isinstance(value, str):
                values.append(_text(value))
            else:  # dates and times: shown as text, refused where a number is needed
                values.append(str(value))
        rows.append(values)
    return rows, found


def _fill_cached_values(
    source: Path,
    label: str,
    read: dict[str, Sheet],
    formulas: dict[str, dict[tuple[int, int], str]],
    problems: Problems,
) -> None:
    """Replace formula cells by the value the spreadsheet program saved with them (a second read)."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cached_book = openpyxl.load_workbook(source, data_only=True)
    for name, found in formulas.items():
        if not found:
            continue
        rows = [list(row) for row in read[name].rows]
        worksheet = cached_book[name]
        for (r, c), formula in sorted(found.items()):
            value = worksheet.cell(row=r + 1, column=c + 1).value
            if value is None:
                problems.add(
                    read[name].label,
                    where(r, c),
                    f"the formula {_short(formula)} has no saved value; {_FORMULA_HINT}",
                )
            elif isinstance(value, int | float) and not isinstance(value, bool):
                rows[r][c] = value
            else:
                rows[r][c] = _text(str(value))
        read[name] = Sheet(read[name].label, tuple(tuple(row) for row in rows))


_SPACES = re.compile(r"\s+")


def _short(formula: str) -> str:
    text = _SPACES.sub(" ", formula if formula.startswith("=") else f"={formula}")
    return repr(text if len(text) <= 60 else text[:57] + "...")
