"""Text from model files cannot inject markup into HTML or Markdown, nor formulas into CSV or XLSX."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from decisiontool.cli import app
from tests.reports.parsing import html_document, html_errors, html_table, is_number, markdown_tables, text_of

runner = CliRunner()

SCRIPT = "<script>alert(1)</script>"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = {
    "evil_equals": '=HYPERLINK("http://evil.example","click")',
    "evil_plus": "+1+2",
    "evil_minus": "-2+3",
    "evil_at": "@SUM(1,2)",
    "evil_tab": "\t=1+1",
    "evil_cr": "\r=1+1",
}


def _toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string with \t, \r and \" escapes is a valid TOML basic string


@pytest.fixture
def hostile_model(model_dir: Path) -> Path:
    """The starter model with markup and formulas in names, rationales, sources and lesson titles."""
    office = model_dir / "options" / "regional_office.toml"
    text = office.read_text(encoding="utf-8")
    text = text.replace('name = "Regional political office"', f"name = {_toml_string(SCRIPT)}")
    text = text.replace(
        'rationale = "About $10-50m a year."',
        'rationale = "a | pipe, *stars*, _under_, [link](javascript:alert(1)), '
        '<img src=x onerror=alert(1)>", '
        'sources = ["javascript:alert(1)", "https://example.org/a_b?x=1&y=<2>"]',
    )
    office.write_text(text, encoding="utf-8")
    lessons = model_dir / "criteria" / "lessons.toml"
    lessons.write_text(
        lessons.read_text(encoding="utf-8").replace(
            'title = "Consent can be withdrawn"', "title = \"=cmd|' /C calc'!A0 <b>bold</b>\""
        ),
        encoding="utf-8",
    )
    for stem, name in PAYLOADS.items():
        (model_dir / "options" / f"{stem}.toml").write_text(
            f'name = {_toml_string(name)}\nkind = "peace-operation"\n'
            "[scores]\nresources = 1\nreach = 1\ndurability = 2\ncost = 3\n",
            encoding="utf-8",
        )
    assert runner.invoke(app, ["validate", "--data", str(model_dir)]).exit_code == 0
    return model_dir


def report(model: Path, target: Path) -> bytes:
    result = runner.invoke(app, ["report", "--data", str(model), "-o", str(target), "--date", "2026-01-01"])
    assert result.exit_code == 0, result.stderr
    return target.read_bytes()


def test_html_shows_model_text_as_text(hostile_model: Path, tmp_path: Path) -> None:
    data = report(hostile_model, tmp_path / "r.html")
    assert b"<script" not in data and b"<img" not in data and b"<b>bold" not in data
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in data
    assert html_errors(data) == []
    document = html_document(data)
    assert not list(document.iter("script")) and not list(document.iter("img"))
    table = html_table(document, "Ranking of the options")
    assert any(row[1].startswith(SCRIPT) for row in table[1:])
    hrefs = [a.get("href") for a in document.iter("a")]
    assert not any(href.startswith("javascript:") for href in hrefs)
    assert "https://example.org/a_b?x=1&y=<2>" not in hrefs  # not a plain URL: shown as text, not linked
    assert "javascript:alert(1)" in text_of(document)


def test_markdown_escapes_model_text(hostile_model: Path, tmp_path: Path) -> None:
    text = report(hostile_model, tmp_path / "r.md").decode("utf-8")
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert re.search(r"(?<!\\)\]\(javascript:", text) is None  # the brackets are escaped: no link
    tables = markdown_tables(text)
    ranking = next(t for t in tables if t[0][:4] == ["Rank", "Option", "Kind", "Score"])
    # every row keeps the header's seven cells (rank, option, kind, score, interval, bar, flags):
    # the pipe in model text did not split a cell
    assert len(ranking[0]) == 7 and all(len(row) == 7 for row in ranking)
    assert any(row[1] == f"{SCRIPT} (`regional_office`)" for row in ranking)
    evidence = next(
        t
        for t in tables
        if t[0][0] == "Criterion" and "Rationale" in t[0] and any("pipe" in c for r in t for c in r)
    )
    cost = next(row for row in evidence if row[0] == "Annual cost (lower is better)")  # a cost criterion
    assert len(cost) == 6
    assert cost[4].startswith("a | pipe, *stars*, _under_, [link](javascript:alert(1))")


def test_csv_neutralises_formulas(hostile_model: Path, tmp_path: Path) -> None:
    text = report(hostile_model, tmp_path / "r.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    names = {row["option"]: row["name"] for row in rows}
    for stem, payload in PAYLOADS.items():
        assert names[stem] == "'" + payload
    for row in rows:
        for value in row.values():
            assert not value.startswith(TRIGGERS) or is_number(value), value


def test_xlsx_holds_no_formula_and_no_formula_like_text(hostile_model: Path, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    report(hostile_model, path)
    workbook = openpyxl.load_workbook(path)
    seen = set()
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(TRIGGERS), (sheet.title, cell.coordinate, cell.value)
                    seen.add(cell.value)
    for payload in PAYLOADS.values():
        # xlsxwriter stores a carriage return as `_x000D_`: what matters is the apostrophe in front
        assert any(v.startswith("'") and v.endswith(payload.lstrip("\t\r")) for v in seen), payload
    assert "'=cmd|' /C calc'!A0 <b>bold</b>" in "\n".join(seen)


def test_markdown_renders_inert(hostile_model: Path, tmp_path: Path) -> None:
    """Rendered by a CommonMark parser with GFM tables, the hostile text makes no element and no link."""
    from markdown_it import MarkdownIt

    text = report(hostile_model, tmp_path / "r.md").decode("utf-8")
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert 'href="javascript:' not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    document = html_document(rendered.encode("utf-8"))
    assert len(list(document.iter("table"))) == len(markdown_tables(text))
    for table in document.iter("table"):
        widths = {len([c for c in row if c.tag in ("td", "th")]) for row in table.iter("tr")}
        assert len(widths) == 1  # no cell was split or lost
