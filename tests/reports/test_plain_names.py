"""What a reader sees is named in plain words: no ids as column heads or in flags, PROMETHEE's
flows by name, cost criteria said to be 'lower is better', no local path in the provenance."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.loading import bundled_model_dir
from tests.conftest import Edit
from tests.reports.parsing import html_document, html_table, markdown_tables, text_of

runner = CliRunner()
SNAKE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


def write(model_dir: Path | None, target: Path, *extra: str) -> str:
    data = ["--data", str(model_dir)] if model_dir is not None else []
    result = runner.invoke(app, ["report", *data, "-o", str(target), "--date", "2026-03-15", *extra])
    assert result.exit_code == 0, result.stderr
    return target.read_text(encoding="utf-8")


@pytest.fixture
def failing(model_dir: Path, edit: Edit) -> Path:
    """The starter model with the large mission below durability's minimum of 1."""
    edit("options/large_mission.toml", "[scores.durability]\nvalue = 1", "[scores.durability]\nvalue = 0")
    return model_dir


@pytest.mark.parametrize("method", ["wsm", "promethee2"])
def test_html_column_heads_and_flags_are_names(failing: Path, tmp_path: Path, method: str) -> None:
    document = html_document(write(failing, tmp_path / "r.html", "--method", method).encode())
    heads = [text_of(th) for th in document.iter("th") if th.get("scope") in ("col", "colgroup")]
    assert heads and not [head for head in heads if SNAKE.search(head)]
    ranking = html_table(document, "Ranking of the options")
    flags = {row[1].split(" ")[0]: row[-1] for row in ranking[1:]}
    assert flags["Large"] == "⚠ fails minimum: Political durability"
    if method == "promethee2":
        detail = html_table(document, "Method detail")
        assert detail[0][2:] == ["Positive flow", "Negative flow"]


def test_markdown_column_heads_and_flags_are_names(failing: Path, tmp_path: Path) -> None:
    tables = markdown_tables(write(failing, tmp_path / "r.md", "--method", "promethee2"))
    for table in tables:
        assert not [head for head in table[0] if SNAKE.search(head)], table[0]
    ranking = next(t for t in tables if t[0][:2] == ["Rank", "Option"] and "Flags" in t[0])
    large = next(row for row in ranking if row[1].startswith("Large multidimensional mission"))
    assert large[-1] == "fails minimum: Political durability"
    detail = next(t for t in tables if "Positive flow" in t[0])
    assert detail[0][2:] == ["Positive flow", "Negative flow"]


def test_cost_criteria_say_lower_is_better(model_dir: Path, tmp_path: Path) -> None:
    # the starter's "Annual cost" is its one criterion with direction = "cost"
    document = html_document(write(model_dir, tmp_path / "r.html").encode())
    cells = [text_of(cell) for cell in document.iter("th")]
    cost_cells = [cell for cell in cells if cell.startswith("Annual cost")]
    assert len(cost_cells) >= 4  # contributions, weights, critical weights, evidence of each option
    assert all("(lower is better)" in cell for cell in cost_cells)
    svg = "{http://www.w3.org/2000/svg}"
    labels = [t.text or "" for t in document.iter(f"{svg}text") if "Annual cost" in (t.text or "")]
    assert labels and all("lower is better" in label for label in labels)
    benefit = [cell for cell in cells if cell.startswith("Dedicated resources")]
    assert benefit and not any("lower is better" in cell for cell in benefit)
    tables = markdown_tables(write(model_dir, tmp_path / "r.md"))
    md_cells = [row[0] for table in tables for row in table] + [h for table in tables for h in table[0]]
    md_cost = [cell for cell in md_cells if cell.startswith("Annual cost")]
    assert md_cost and all("(lower is better)" in cell for cell in md_cost)


def _model_directory_line(text: str) -> str:
    return next(line for line in re.sub(r"<[^>]+>", " ", text).splitlines() if "Model directory" in line)


def test_provenance_shows_no_local_path(model_dir: Path, tmp_path: Path) -> None:
    # the command that reproduces the report keeps the path as typed; the directory does not
    for suffix in (".html", ".md"):
        text = write(model_dir, tmp_path / f"r{suffix}")
        line = _model_directory_line(text)
        assert "/" + model_dir.name not in line and "model" in line
        assert "file paths below are relative to it" in line
        bundled = write(None, tmp_path / f"b{suffix}")
        assert str(bundled_model_dir().resolve()) not in bundled
        assert "the model bundled with decisiontool" in _model_directory_line(bundled)


def test_workbook_provenance_shows_no_local_path(model_dir: Path, tmp_path: Path) -> None:
    import openpyxl

    for source, target in ((model_dir, tmp_path / "r.xlsx"), (None, tmp_path / "b.xlsx")):
        data = ["--data", str(source)] if source is not None else []
        result = runner.invoke(app, ["report", *data, "-o", str(target), "--no-robustness"])
        assert result.exit_code == 0, result.stderr
        sheet = openpyxl.load_workbook(target)["Provenance"]
        cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
        line = next(cell for cell in cells if "relative to it" in cell)
        local = str((model_dir if source else bundled_model_dir()).resolve())
        assert local not in line
        assert (model_dir.name in line) if source else ("the model bundled with decisiontool" in line)
