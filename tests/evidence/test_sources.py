"""Structured sources: the file format, its error messages, the citation formatter, and how
reports and the CLI show them."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from decisiontool.analysis import Analysis
from decisiontool.cli import app
from decisiontool.loading import load_model
from decisiontool.model import StructuredSource
from decisiontool.model.citations import cite, human_date
from decisiontool.problems import ModelError
from decisiontool.reports import render_report
from tests.evidence.helpers import RATIONALE, clean_option, option_text, write_model

DATE = datetime.date(2026, 1, 1)
UNSC = "UN Security Council, Resolution 2100 (2013), 25 April 2013"


def _problems(root: Path) -> list[str]:
    with pytest.raises(ModelError) as caught:
        load_model(root)
    return [f"{p.path}: {p.key}: {p.message}" for p in caught.value.problems]


def test_plain_and_structured_sources_load_side_by_side(tmp_path: Path) -> None:
    mixed = option_text(
        "Mixed",
        {
            "reach": (3, RATIONALE, '["a plain citation", "https://example.org/plain"]'),
            "cost": (1, RATIONALE, '[{ title = "T", publisher = "P", date = "2019-01" }]'),
        },
    )
    model = load_model(write_model(tmp_path / "m", {"a": mixed, "b": clean_option("b")}))
    scores = model.option("a").file.scores
    assert scores["reach"].sources == ["a plain citation", "https://example.org/plain"]
    (table,) = scores["cost"].sources
    assert table == StructuredSource(title="T", publisher="P", date="2019-01")
    # a TOML date is kept as its ISO string
    lesson_source = model.lessons["L1"].sources[0]
    assert isinstance(lesson_source, StructuredSource)
    assert lesson_source.date == "2013-04-25"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            '{ title = "T", publisher = "P", date = "2013-13-01" }',
            "'2013-13-01' is not a date on the calendar",
        ),
        ('{ title = "T", publisher = "P", date = "25 April 2013" }', "is not an ISO date"),
        ('{ title = "T", publisher = "P", date = 2013-04-25T10:00:00 }', "not a date and time"),
        ('{ title = "T", publisher = "P", url = "www.un.org" }', "is not an http(s) URL"),
        ('{ title = "T", publisher = "P", accessed = "2024-02-30" }', "not a date on the calendar"),
        ('{ title = "T" }', "required key is missing"),
        ('{ titel = "T", publisher = "P" }', "unknown key 'titel'"),
        ("5", "a source is a string or a table"),
    ],
)
def test_a_bad_source_names_file_key_and_fault(tmp_path: Path, source: str, expected: str) -> None:
    bad = option_text("Bad", {"reach": (3, RATIONALE, f"[{source}]"), "cost": (1, RATIONALE, "[]")})
    problems = _problems(write_model(tmp_path / "m", {"bad": bad}))
    assert any(p.startswith("options/bad.toml: scores.reach.sources") and expected in p for p in problems), (
        problems
    )
    # the union's internal tags never reach the reader
    assert not any("<source" in p for p in problems)


def test_a_bad_lesson_source_is_reported_in_lessons_toml(tmp_path: Path) -> None:
    lessons = (
        '[[lesson]]\nid = "L1"\ntitle = "T"\nsources = [{ title = "T", publisher = "P", date = "2020-00" }]\n'
    )
    problems = _problems(write_model(tmp_path / "m", {"a": clean_option("a")}, lessons=lessons))
    assert any(p.startswith("criteria/lessons.toml: lesson[L1].sources") and "2020-00" in p for p in problems)


def test_model_date_must_be_a_date(tmp_path: Path) -> None:
    problems = _problems(write_model(tmp_path / "m", {"a": clean_option("a")}, model_toml='date = "soon"\n'))
    assert any(p.startswith("criteria/model.toml: date:") for p in problems), problems


def test_citation_text_and_link() -> None:
    table = StructuredSource(
        title="Resolution 2100 (2013)",
        publisher="UN Security Council",
        date="2013-04-25",
        url="https://undocs.org/S/RES/2100(2013)",
    )
    citation = cite(table)
    assert citation.text == UNSC
    assert citation.url == "https://undocs.org/S/RES/2100(2013)"
    assert citation.line() == f"{UNSC} <https://undocs.org/S/RES/2100(2013)>"
    assert citation.to_json() == {
        "title": "Resolution 2100 (2013)",
        "publisher": "UN Security Council",
        "date": "2013-04-25",
        "url": "https://undocs.org/S/RES/2100(2013)",
    }
    assert cite(StructuredSource(title="T", publisher="P")).text == "P, T"
    assert cite("https://example.org/a").url == "https://example.org/a"
    assert cite("Lacher, Carnegie, 2012").url is None
    assert cite("Lacher, Carnegie, 2012").to_json() == "Lacher, Carnegie, 2012"


@pytest.mark.parametrize(
    ("iso", "text"), [("2013-04-25", "25 April 2013"), ("2012-09", "September 2012"), ("2020", "2020")]
)
def test_human_date(iso: str, text: str) -> None:
    assert human_date(iso) == text


@pytest.fixture
def analysis(tmp_path: Path) -> Analysis:
    lesson_option = option_text(
        "Cited",
        {
            "reach": (
                3,
                RATIONALE,
                '[{ title = "Resolution 2100 (2013)", publisher = "UN Security Council", date = 2013-04-25, '
                'url = "https://undocs.org/S/RES/2100(2013)" }, "plain [text] source"]',
            ),
            "cost": (1, RATIONALE, '["https://example.org/bare"]'),
        },
    )
    return Analysis.create(load_model(write_model(tmp_path / "m", {"a": lesson_option})))


def test_html_report_links_citations(analysis: Analysis) -> None:
    html = render_report(analysis, ".html", date=DATE).decode()
    assert f'<a href="https://undocs.org/S/RES/2100(2013)">{UNSC}</a>' in html
    assert '<a href="https://example.org/bare">example.org/bare</a>' in html
    assert "<li>plain [text] source</li>" in html


def test_markdown_report_links_citations(analysis: Analysis) -> None:
    text = render_report(analysis, ".md", date=DATE).decode()
    assert f"[{UNSC}](<https://undocs.org/S/RES/2100(2013)>)" in text
    assert "<https://example.org/bare>" in text
    assert "plain \\[text\\] source" in text


def test_xlsx_report_hyperlinks_the_first_source(analysis: Analysis) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render_report(analysis, ".xlsx", date=DATE)))
    sheet = book["Evidence"]
    header = [cell.value for cell in sheet[1]]
    column = header.index("Sources") + 1
    cells = {sheet.cell(row, 3).value: sheet.cell(row, column) for row in range(2, sheet.max_row + 1)}
    reach = cells["reach"]
    assert reach.value == f"{UNSC} <https://undocs.org/S/RES/2100(2013)>\nplain [text] source"
    assert reach.hyperlink is not None and reach.hyperlink.target == "https://undocs.org/S/RES/2100(2013)"
    assert cells["cost"].hyperlink.target == "https://example.org/bare"
    lessons = book["Lessons"]
    assert lessons.cell(2, 4).hyperlink.target == "https://undocs.org/S/RES/2100(2013)"


def test_json_report_keeps_sources_as_written(analysis: Analysis) -> None:
    document = json.loads(render_report(analysis, ".json", date=DATE))
    option = document["evidence"]["options"]["a"]
    sources = option["scores"]["reach"]["sources"]
    assert sources[0]["url"] == "https://undocs.org/S/RES/2100(2013)"
    assert sources[1] == "plain [text] source"
    lesson = document["evidence"]["lessons"]["L1"]["sources"][0]
    assert lesson["date"] == "2013-04-25"


def test_show_options_prints_citations(analysis: Analysis) -> None:
    result = CliRunner().invoke(app, ["show", "options", "a", "--data", str(analysis.model.root)])
    assert result.exit_code == 0, result.output
    assert "UN Security Council, Resolution 2100 (2013)" in result.output
    as_json = CliRunner().invoke(
        app, ["show", "options", "a", "--format", "json", "--data", str(analysis.model.root)]
    )
    sources = json.loads(as_json.stdout)["item"]["scores"]["reach"]["sources"]
    assert sources[0]["publisher"] == "UN Security Council"
