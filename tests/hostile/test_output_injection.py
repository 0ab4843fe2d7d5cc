"""Hostile corpus, class 2: text from model files never acts in the output it lands in.

Each case puts hostile text into a model file and checks the promise of one output kind:
a terminal never receives a control character from the model, a CSV or XLSX cell is never a
live formula, Markdown never carries live HTML. The expected outputs are written out by hand.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from decisiontool import sanitise
from decisiontool.cli import app
from tests.conftest import Edit

runner = CliRunner()

ESCAPES = [
    "\x1b[2J\x1b[HOK",  # clear the screen, home the cursor, print a fake OK
    "\x1b]0;pwned\x07",  # OSC: set the window title
    "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "line\rOK",  # carriage return overwrites the line
    "\x9b2J",  # C1 CSI
    "a\u202eevil",  # right-to-left override
    "bell\x07\x08",  # bell and backspace
]
FORMULAS = [
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    " =1+1",  # leading space
    "\n=1+1",  # leading line feed
    "\u00a0=1+1",  # non-breaking space
    "\u200b=1+1",  # zero-width space
    "＝1+1",  # full-width equals sign
    "\t=1",
]


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def set_option_name(edit: Edit, name: str) -> None:
    edit("options/regional_office.toml", 'name = "Regional political office"', f"name = {json.dumps(name)}")


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def no_raw_controls(text: str) -> bool:
    """True when `text` holds no control character but newline, and no bidi override."""
    return not any(
        (unicodedata.category(c) == "Cc" and c != "\n") or c in BIDI for c in text
    )


@pytest.mark.parametrize("hostile", ESCAPES)
@pytest.mark.parametrize(
    "command",
    [
        ["rank"],
        ["rank", "--format", "md"],
        ["rank", "--format", "csv"],
        ["show", "options"],
        ["show", "options", "regional_office"],
        ["compare"],
    ],
)
def test_escape_sequences_never_reach_the_terminal(
    model_dir: Path, edit: Edit, hostile: str, command: list[str]
) -> None:
    set_option_name(edit, f"Regional {hostile} office")
    code, out, err = run(*command, "--data", model_dir)
    assert code == 0, err
    assert no_raw_controls(out) and no_raw_controls(err)


@pytest.mark.parametrize("hostile", ESCAPES)
def test_validate_shows_a_hostile_key_as_text(model_dir: Path, edit: Edit, hostile: str) -> None:
    key = json.dumps(f"k{hostile}")
    edit("options/regional_office.toml", "[scores]\n", f"{key} = 1\n[scores]\n")
    code, out, err = run("validate", "--data", model_dir)
    assert code == 1
    assert "unknown key" in err or "not allowed" in err or "Extra inputs" in err
    assert no_raw_controls(out) and no_raw_controls(err)
    assert "OK" not in out


def test_json_keeps_the_text_exactly(model_dir: Path, edit: Edit) -> None:
    # JSON is data: the name comes back byte for byte (json escapes the controls itself)
    set_option_name(edit, "Regional \x1b[2J office")
    code, out, _ = run("rank", "--data", model_dir, "--format", "json")
    assert code == 0 and "\x1b" not in out
    names = {entry["option"]: entry["name"] for entry in json.loads(out)["ranking"]}
    assert names["regional_office"] == "Regional \x1b[2J office"


@pytest.mark.parametrize("formula", FORMULAS)
def test_rank_csv_never_writes_a_live_formula(model_dir: Path, edit: Edit, formula: str) -> None:
    set_option_name(edit, formula)
    code, out, err = run("rank", "--data", model_dir, "--format", "csv")
    assert code == 0, err
    rows = {row["option"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["regional_office"]["name"].startswith("'")


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_cell_sanitiser_catches_every_formula(formula: str) -> None:
    assert sanitise.cell(formula) == "'" + formula


@pytest.mark.parametrize("text", ["Regional office", "UN 2719 (2023)", "a=b", "e-mail", "", "3 [2, 4]"])
def test_the_cell_sanitiser_leaves_plain_text_alone(text: str) -> None:
    assert sanitise.cell(text) == text


def test_rank_markdown_escapes_html(model_dir: Path, edit: Edit) -> None:
    set_option_name(edit, "<script>alert(1)</script> | <img src=x onerror=alert(1)>")
    code, out, _ = run("rank", "--data", model_dir, "--format", "md")
    assert code == 0
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| &lt;img src=x onerror=alert(1)&gt;" in out
    # the table still has exactly its columns on every row (the pipe did not split a cell)
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in out.splitlines() if line.startswith("|")}
    assert len(widths) == 1


@given(st.text())
def test_terminal_sanitiser_output_is_always_safe(text: str) -> None:
    safe = sanitise.terminal(text)
    assert no_raw_controls(safe.replace("\t", ""))
    # nothing printable is lost: removing the visible escapes gives back the printable text
    assert re.sub(r"\\x[0-9a-f]{2}|\\u[0-9a-f]{4}", "", safe).replace("\\", "") == re.sub(
        r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text
    ).replace("\\", "")


@given(st.text())
def test_markdown_sanitiser_output_holds_no_markup(text: str) -> None:
    safe = sanitise.markdown(text)
    assert "<" not in safe and ">" not in safe and "\n" not in safe
    assert re.search(r"(?<!\\)[*_`|\[\]]", safe) is None


def test_html_sanitiser() -> None:
    expected = "&lt;b title=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/b&gt;"
    assert sanitise.html("<b title=\"x\">'&'</b>") == expected


@pytest.mark.parametrize("formula", ["=HYPERLINK(\"http://evil\")", " \u200b=1+1", "＠SUM(A1)"])
def test_xlsx_report_never_holds_a_live_formula(
    model_dir: Path, edit: Edit, tmp_path: Path, formula: str
) -> None:
    import openpyxl

    # a criterion name lands in header cells and chart series names, an option name in rows
    edit("criteria/effectiveness.toml", 'name = "Cross-border reach"', f"name = {json.dumps(formula)}")
    set_option_name(edit, formula)
    target = tmp_path / "r.xlsx"
    code, _, err = run("report", "--data", model_dir, "-o", target, "--date", "2026-01-01")
    assert code == 0, err
    workbook = openpyxl.load_workbook(target)
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert any(formula.strip(" \u200b") in text for text in texts), "the hostile text is in the workbook"
    # every text cell is one a spreadsheet reads as text
    assert [text for text in texts if sanitise.cell(text) != text] == []
    assert all(c.data_type != "f" for c in cells)
