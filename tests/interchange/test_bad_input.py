"""Bad sheets: `FILE: row R, column C: message` (docs/model-format.md), exit 1, and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.interchange.sheets import MAX_SHEET_BYTES

runner = CliRunner()


def refused(tmp_path: Path, source: Path, *extra: str) -> str:
    """Import `source`; assert exit 1, no traceback and nothing written; return stderr."""
    target = tmp_path / "model"
    result = runner.invoke(app, ["import", str(source), "--to", str(target), *extra])
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    return result.stderr


def csv_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sheet.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("option,A,B\nX,1,high\nY,2,3\n", "sheet.csv: row 2, column C: 'high' is not a number"),
        ('option,A,B\nX,1,2\nY,2,"3,5"\n', "sheet.csv: row 3, column C: '3,5' is not a number (use a point"),
        ("option,A\nX,nan\nY,2\n", "sheet.csv: row 2, column B: 'nan' is not a number"),
        (
            'option,A\nX,"2 [3, 4]"\nY,2\n',
            "row 2, column B: the range [3, 4] does not contain its value 2",
        ),
        ('option,A\nX,"3 [4, 2]"\nY,2\n', "row 2, column B: the range [4, 2] must be [low, high]"),
        (
            "option,A,A\nX,1,2\nY,2,3\n",
            "sheet.csv: row 1, column C: duplicate criterion name 'A' (also column B)",
        ),
        ("option,A\nX,1\nY,2\nX,3\n", "sheet.csv: row 4, column A: duplicate option name 'X' (also row 2)"),
        (
            "option,A\ndirection,more\nX,1\nY,2\n",
            "sheet.csv: row 2, column B: unknown direction 'more': 'benefit' or 'cost'",
        ),
        ("option,A\ndirection,cots\nX,1\nY,2\n", "(did you mean 'cost'?)"),
        (
            "name,A\nX,1\n",
            "sheet.csv: row 1, column A: the header row must start with 'option' (found 'name')",
        ),
        (
            "option,A\nscale_min,0\nscale_max,5\nX,7\nY,2\n",
            "sheet.csv: row 4, column B: 7 is outside the scale [0, 5]",
        ),
        ("option,A\nweight,-1\nX,1\nY,2\n", "sheet.csv: row 2, column B: the weight -1 must be >= 0"),
        ("option,A\nweight,0\nX,1\nY,2\n", "sheet.csv: row 2, column A: every weight is 0"),
        (
            "option,A\nscale_min,5\nscale_max,1\nX,1\n",
            "sheet.csv: row 3, column B: scale_min 5 must be below scale_max 1",
        ),
        ("option,A\n,3\n", "sheet.csv: row 2, column A: this row has scores but no option name"),
        ("option,,B\nX,1,2\n", "sheet.csv: row 1, column B: this column has scores but no criterion name"),
    ],
)
def test_bad_cells_name_their_row_and_column(tmp_path: Path, text: str, line: str) -> None:
    assert line in refused(tmp_path, csv_file(tmp_path, text))


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    err = refused(tmp_path, csv_file(tmp_path, "option,A,B\nX,one,2\nY,2,two\n"))
    assert "row 2, column B" in err and "row 3, column C" in err
    assert "2 problems found." in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "sheet.csv: the sheet is empty"),
        ("\n\n,,\n", "sheet.csv: the sheet is empty"),
        ("option,A,B\n", "sheet.csv: the sheet has a header but no option rows"),
        ("option,A\ndirection,cost\n", "sheet.csv: the sheet has a header but no option rows"),
    ],
)
def test_empty_and_header_only_sheets(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in refused(tmp_path, csv_file(tmp_path, text))


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes("option,Qualité\nX,1\n".encode("latin-1"))
    assert "not UTF-8 text" in refused(tmp_path, path)


def test_a_workbook_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_text("option,A\nX,1\n", encoding="utf-8")
    assert "book.xlsx: not an .xlsx workbook" in refused(tmp_path, path)
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook inside")
    assert "book.xlsx: not a readable .xlsx workbook" in refused(tmp_path, path)


def test_a_huge_sheet_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # 50 MB: sparse, so the test is cheap
    err = refused(tmp_path, path)
    assert f"sheets are limited to {MAX_SHEET_BYTES // (1024 * 1024)} MiB" in err


def test_a_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    assert "workbooks are limited to" in refused(tmp_path, path)


def test_formula_without_a_cached_value(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "book.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["option", "A"])
    sheet.append(["X", 1])
    sheet.append(["Y", "=B2*2"])  # openpyxl saves formulas without a value, as a script would
    book.save(path)
    err = refused(tmp_path, path)
    assert "book.xlsx: row 3, column B: the formula '=B2*2' has no saved value" in err


def test_merged_cells_are_refused_with_their_coordinates(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["option", "A", "B"])
    sheet.merge_range("B2:C2", 3)
    sheet.write_string(1, 0, "X")
    book.close()
    assert "book.xlsx: row 2, column B: merged cells B2:C2 are not allowed" in refused(tmp_path, path)


def test_unknown_sheet_and_sheet_for_csv(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Scores").write_row(0, 0, ["option", "A"])
    book.close()
    assert "no sheet named 'Score' (did you mean 'Scores'?)" in refused(tmp_path, path, "--sheet", "Score")
    assert "a CSV file has one sheet" in refused(
        tmp_path, csv_file(tmp_path, "option,A\nX,1\n"), "--sheet", "S"
    )


def test_unknown_suffix_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "sheet.ods"
    path.write_text("x", encoding="utf-8")
    assert "cannot import '.ods' files" in refused(tmp_path, path)
    assert "cannot read" in refused(tmp_path, tmp_path / "absent.csv")


def test_a_bad_sheet_leaves_an_existing_model_untouched_even_with_force(tmp_path: Path) -> None:
    target = tmp_path / "model"
    good = csv_file(tmp_path, "option,A\nX,1\nY,2\n")
    assert runner.invoke(app, ["import", str(good), "--to", str(target)]).exit_code == 0
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    bad = tmp_path / "bad.csv"
    bad.write_text("option,A\nX,bad\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(bad), "--to", str(target), "--force"])
    assert result.exit_code == 1
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before
