"""The report's Panel section, in JSON, XLSX, HTML and Markdown.

A three-participant panel on a two-criterion model, worked out by hand (wsm, scales [0, 1]:
x scores w_a, y scores w_b, z scores 0.3 whatever the weights):
- p1 weighs (a 0.9, b 0.1): x 0.9, z 0.3, y 0.1; p2 (0.2, 0.8): y, z, x; p3 (0.6, 0.4): x, y, z.
- group (normalised geometric mean): a (0.9 * 0.2 * 0.6)^(1/3), b (0.1 * 0.8 * 0.4)^(1/3), that
  is a 0.6, b 0.4 exactly: x 0.6, y 0.4, z 0.3, so x, y, z.
- Kendall's W: rank sums x 5, y 6, z 7 around a mean of 6, S = 2, W = 12 S / (m^2 (n^3 - n)) =
  24 / (9 * 24) = 1/9.
- tau to the group: p3 1; p1 (x, z, y) 1 discordant pair of 3: 1/3; p2 (y, z, x): -1/3.
- left out: without p1 the group weighs a 0.38, b 0.62 and y is first, so p1 is pivotal;
  without p2 or p3, x stays first.
The bundled model's illustrative panel is checked against its own files, read with tomllib.
"""

from __future__ import annotations

import datetime
import io
import json
import math
import tomllib
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from decisiontool.analysis import Analysis
from decisiontool.loading import bundled_model_dir, load_model
from decisiontool.reports import render_report
from decisiontool.reports.content import build_context
from decisiontool.reports.templating import html_environment, markdown_environment
from tests.reports.parsing import html_document, html_table, markdown_tables, text_of, unescape_markdown

DATE = datetime.date(2026, 1, 1)
GROUP = """[group]
id = "g"
name = "Group G"

[[criterion]]
id = "a"
name = "Criterion A"
direction = "benefit"
scale = [0, 1]

[[criterion]]
id = "b"
name = "Criterion B"
direction = "benefit"
scale = [0, 1]
"""
OPTIONS = {"x": (1, 0), "y": (0, 1), "z": (0.3, 0.3)}
PARTICIPANTS = {
    "p1": ("Delegation One", "[weights]\na = 9\nb = 1\n"),
    "p2": (
        "Office Two",
        "[weights]\na = 2\nb = 8\n"
        '[[dissent]]\nabout = "x"\ntext = "X ignores what the region says."\n'
        '[[dissent]]\nabout = "model"\ntext = "Two criteria are too few; cost is missing."\n',
    ),
    "p3": (
        "Member Three",
        '[weights]\na = 6\nb = 4\n[[dissent]]\nabout = "a"\ntext = "A is measured badly."\n',
    ),
}
DISSENT = [
    ("Office Two", "Option X", "X ignores what the region says."),
    ("Office Two", "the model as a whole", "Two criteria are too few; cost is missing."),
    ("Member Three", "Criterion A", "A is measured badly."),
]


@pytest.fixture
def panel_model(tmp_path: Path) -> Path:
    root = tmp_path / "tiny"
    (root / "criteria").mkdir(parents=True)
    (root / "options").mkdir()
    (root / "panel").mkdir()
    (root / "criteria" / "lessons.toml").write_text("", encoding="utf-8")
    (root / "criteria" / "g.toml").write_text(GROUP, encoding="utf-8")
    for option, (a, b) in OPTIONS.items():
        (root / "options" / f"{option}.toml").write_text(
            f'name = "Option {option.upper()}"\nkind = "peace-operation"\n[scores]\na = {a}\nb = {b}\n',
            encoding="utf-8",
        )
    for pid, (name, text) in PARTICIPANTS.items():
        (root / "panel" / f"{pid}.toml").write_text(
            f'name = "{name}"\nrole = "role {pid}"\n{text}', encoding="utf-8"
        )
    return root


def _analysis(root: Path) -> Analysis:
    return Analysis.create(load_model(root))


def _json(analysis: Analysis) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render_report(analysis, ".json", date=DATE))
    return document


def test_json_report_embeds_the_panel_without_its_header(panel_model: Path) -> None:
    document = _json(_analysis(panel_model))
    panel = document["panel"]
    for key in ("schema", "model", "method", "profile", "higher_is_better", "weights"):
        assert key not in panel
    assert document["schema"] == "decisiontool.report/1"
    assert set(panel["participants"]) == {"p1", "p2", "p3"}
    assert {pid: entry["top"] for pid, entry in panel["participants"].items()} == {
        "p1": "x",
        "p2": "y",
        "p3": "x",
    }
    assert panel["top"] == "x"
    assert math.isclose(panel["group_weights"]["a"], 0.6, rel_tol=1e-9)
    assert math.isclose(panel["kendall_w"], 1 / 9, rel_tol=1e-9)
    assert panel["tau"] == pytest.approx({"p1": 1 / 3, "p2": -1 / 3, "p3": 1.0})
    assert panel["pivotal"] == ["p1"]
    assert [(d["participant"], d["about"], d["text"]) for d in panel["dissent"]] == [
        ("p2", "x", "X ignores what the region says."),
        ("p2", "model", "Two criteria are too few; cost is missing."),
        ("p3", "a", "A is measured badly."),
    ]
    assert panel["illustrative"] is False


def test_a_model_without_a_panel_has_no_panel_section(analysis: Analysis) -> None:
    assert "panel" not in _json(analysis)
    book = openpyxl.load_workbook(io.BytesIO(render_report(analysis, ".xlsx", date=DATE)))
    assert "Panel" not in book.sheetnames
    assert build_context(analysis, date=DATE).panel is None


def _sheet_rows(analysis: Analysis) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(render_report(analysis, ".xlsx", date=DATE)))
    return [[cell.value for cell in row] for row in book["Panel"].iter_rows()]


def _after(rows: list[list[object]], title: str) -> list[list[object]]:
    start = next(i for i, row in enumerate(rows) if row[0] == title)
    found = []
    for row in rows[start + 2 :]:  # the subtitle, then the header
        if all(value is None for value in row):
            break
        found.append(row)
    return found


def test_xlsx_panel_sheet_lists_participants_agreement_pivotal_and_dissent(panel_model: Path) -> None:
    rows = _sheet_rows(_analysis(panel_model))
    assert rows[0][0] == "Panel"
    participants = _after(rows, "Participants")
    table = {
        row[0]: row for row in participants if row[0] in {"Delegation One", "Office Two", "Member Three"}
    }
    assert table.keys() == {"Delegation One", "Office Two", "Member Three"}
    assert table["Delegation One"][3] == "Option X" and table["Office Two"][3] == "Option Y"
    assert table["Delegation One"][4] == pytest.approx(1 / 3)
    assert table["Office Two"][4] == pytest.approx(-1 / 3)
    assert [table[name][6] for name in ("Delegation One", "Office Two", "Member Three")] == [
        "yes",
        "no",
        "no",
    ]
    assert table["Delegation One"][7] == "Option Y"
    w_row = next(row for row in participants if str(row[0]).startswith("Kendall's W"))
    assert w_row[1] == pytest.approx(1 / 9)
    dissent = _after(rows, "Dissent register")
    assert [(row[0], row[1], row[3]) for row in dissent] == DISSENT


def _include(environment: Any, name: str, analysis: Analysis) -> str:
    """The Panel section's own template, rendered alone (as the main templates include it)."""
    context = build_context(analysis, date=DATE)
    text: str = environment.get_template(name).render(c=context)
    return text


def test_html_panel_section(panel_model: Path) -> None:
    html = _include(html_environment(), "_panel.html.j2", _analysis(panel_model))
    document = html_document(f"<!DOCTYPE html><html><body>{html}</body></html>".encode())
    participants = html_table(document, "Participants")
    assert [row[0] for row in participants[1:]] == ["Delegation One", "Office Two", "Member Three"]
    assert participants[1][-1] == "yes: without them, Option Y would be first"
    assert [row[-1] for row in participants[2:]] == ["no", "no"]
    dissent = html_table(document, "Every dissent")
    assert [tuple(row) for row in dissent[1:]] == DISSENT
    assert "Kendall's W = 0.111" in text_of(document)


def test_markdown_panel_section(panel_model: Path) -> None:
    text = _include(markdown_environment(), "_panel.md.j2", _analysis(panel_model))
    assert text.lstrip().startswith("## Panel\n")
    tables = markdown_tables(text)
    participants, _weights, dissent = tables[0], tables[1], tables[-1]
    assert [row[0] for row in participants[1:]] == ["Delegation One", "Office Two", "Member Three"]
    assert [tuple(unescape_markdown(cell) for cell in row) for row in dissent[1:]] == DISSENT


def _bundled_panel_files() -> dict[str, dict[str, Any]]:
    folder = bundled_model_dir() / "panel"
    return {
        path.stem: tomllib.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.toml"))
    }


@pytest.fixture(scope="module")
def bundled() -> Analysis:
    return Analysis.create(load_model(bundled_model_dir()))


def test_the_bundled_panel_is_labelled_illustrative_everywhere(bundled: Analysis) -> None:
    files = _bundled_panel_files()
    assert len(files) >= 5 and all(data.get("illustrative") for data in files.values())
    document = _json(bundled)
    assert document["panel"]["illustrative"] is True and "Illustrative" in document["panel"]["notice"]
    rows = _sheet_rows(bundled)
    assert rows[0][0] == "Panel (illustrative)" and str(rows[2][0]).startswith("Illustrative panel")
    html = _include(html_environment(), "_panel.html.j2", bundled)
    assert '<h2 id="panel-heading">Panel (illustrative)</h2>' in html
    markdown = _include(markdown_environment(), "_panel.md.j2", bundled)
    assert "## Panel (illustrative)" in markdown and "**Illustrative panel:" in markdown


def test_the_bundled_report_lists_every_participant_and_every_dissent(bundled: Analysis) -> None:
    files = _bundled_panel_files()
    expected_dissent = sorted(
        (data["name"], " ".join(entry["text"].split()))
        for data in files.values()
        for entry in data.get("dissent", [])
    )
    assert expected_dissent, "the bundled panel records dissent"
    document = _json(bundled)["panel"]
    assert set(document["participants"]) == set(files)
    rows = _sheet_rows(bundled)
    participants = {row[0] for row in _after(rows, "Participants")}
    assert {data["name"] for data in files.values()} <= participants
    sheet_dissent = sorted(
        (str(row[0]), " ".join(str(row[3]).split())) for row in _after(rows, "Dissent register")
    )
    assert sheet_dissent == expected_dissent
    html = _include(html_environment(), "_panel.html.j2", bundled)
    table = html_table(html_document(f"<html><body>{html}</body></html>".encode()), "Every dissent")
    assert sorted((row[0], row[2]) for row in table[1:]) == expected_dissent


def test_the_full_reports_carry_the_panel_section(panel_model: Path) -> None:
    analysis = _analysis(panel_model)
    html = render_report(analysis, ".html", date=DATE)
    document = html_document(html)
    contents = [text_of(a) for a in document.iter("a") if a.get("href") == "#panel"]
    assert contents == ["Panel"]
    assert [tuple(row) for row in html_table(document, "Every dissent")[1:]] == DISSENT
    markdown = render_report(analysis, ".md", date=DATE).decode()
    assert markdown.index("## Panel\n") < markdown.index("## Appendix A")
    assert all(text in unescape_markdown(markdown) for _, _, text in DISSENT)
