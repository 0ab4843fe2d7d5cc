"""Each report format, written through the real CLI, parsed back and checked against `rank`'s numbers."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from decisiontool.cli import app
from tests.reports.parsing import html_document, html_errors, html_table, markdown_tables, text_of
from tests.reports.starter_numbers import INTERVALS

runner = CliRunner()
DATE = "2026-03-15"
SVG = "{http://www.w3.org/2000/svg}"


def rank_json(model_dir: Path, *extra: str) -> dict[str, Any]:
    result = runner.invoke(app, ["rank", "--data", str(model_dir), "--format", "json", *extra])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def write(model_dir: Path, target: Path, *extra: str) -> bytes:
    result = runner.invoke(
        app, ["report", "--data", str(model_dir), "-o", str(target), "--date", DATE, *extra]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"Wrote {target}"
    return target.read_bytes()


METHODS = ["wsm", "topsis", "vikor", "promethee2"]


@pytest.mark.parametrize("method", METHODS)
def test_json_report_is_a_superset_of_the_ranking(model_dir: Path, tmp_path: Path, method: str) -> None:
    expected = rank_json(model_dir, "--method", method)
    report = json.loads(write(model_dir, tmp_path / "r.json", "--method", method))
    assert report["schema"] == "decisiontool.report/1"
    for key, value in expected.items():
        if key != "schema":
            assert report[key] == value, key
    assert report["date"] == DATE
    assert set(report["evidence"]) == {"options", "criteria", "lessons"}
    # robustness is on by default: SMAA around the profile's weights, and the findings
    assert report["smaa"]["weight_mode"] == "around" and report["sensitivity"]["criteria"]
    assert report["findings"]["top"] == expected["ranking"][0]["option"]
    assert "schema" not in report["findings"] and "weights" not in report["findings"]
    quick = json.loads(write(model_dir, tmp_path / "q.json", "--method", method, "--no-robustness"))
    assert "sensitivity" not in quick and "smaa" not in quick
    assert quick["findings"]["top"] == report["findings"]["top"]


def test_json_evidence_and_provenance(model_dir: Path, tmp_path: Path) -> None:
    report = json.loads(write(model_dir, tmp_path / "r.json"))
    evidence = report["evidence"]
    cost = evidence["options"]["regional_office"]["scores"]["cost"]
    assert cost == {
        "value": 1,
        "range": [0, 1],
        "rationale": "About $10-50m a year.",
        "sources": [],
        "filled": False,
        "wide_uncertainty": False,
        "fails_minimum": False,
    }
    assert evidence["criteria"]["resources"]["lessons"] == ["L1"]
    assert evidence["criteria"]["durability"]["minimum"] == 1
    assert evidence["lessons"]["L2"]["sources"] == ["https://example.org/case-study"]
    provenance = report["provenance"]
    # the directory's name, never a local path (issue 11); the bundled model has none
    assert provenance["model_directory"] == model_dir.name and provenance["bundled_model"] is False
    assert str(model_dir.parent) not in json.dumps(provenance["files"])
    files = {entry["path"]: entry for entry in provenance["files"]}
    assert "options/regional_office.toml" in files and "criteria/lessons.toml" in files
    for path, entry in files.items():
        data = (model_dir / path).read_bytes()
        import hashlib

        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
    assert provenance["command"][:2] == ["decisiontool", "report"]
    assert provenance["command"][
        provenance["command"].index("--date") : provenance["command"].index("--date") + 2
    ] == ["--date", DATE]


@pytest.mark.parametrize("method", METHODS)
def test_csv_scores_equal_rank(model_dir: Path, tmp_path: Path, method: str) -> None:
    expected = rank_json(model_dir, "--method", method)
    text = write(model_dir, tmp_path / "r.csv", "--method", method).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["option"] for row in rows] == [entry["option"] for entry in expected["ranking"]]
    for row, entry in zip(rows, expected["ranking"], strict=True):
        assert int(row["rank"]) == entry["rank"]
        assert float(row["score"]) == entry["score"]
        assert row["name"] == entry["name"]
        if method == "wsm":
            contributions = {
                k.removeprefix("contribution:"): float(v)
                for k, v in row.items()
                if k.startswith("contribution:")
            }
            assert contributions == entry["contributions"]
            assert math.isclose(sum(contributions.values()), float(row["score"]), abs_tol=1e-12)
        for key, value in entry.get("extra", {}).items():
            assert float(row[key]) == value


def test_csv_header_and_encoding(model_dir: Path, tmp_path: Path) -> None:
    data = write(model_dir, tmp_path / "r.csv")
    assert not data.startswith(b"\xef\xbb\xbf")
    header = data.decode("utf-8").splitlines()[0].split(",")
    assert header[:5] == ["rank", "option", "name", "kind", "score"]
    assert [h for h in header if h.startswith("contribution:")] == [
        "contribution:resources",
        "contribution:reach",
        "contribution:durability",
        "contribution:cost",
    ]


def test_xlsx_sheets_and_numbers(model_dir: Path, tmp_path: Path) -> None:
    expected = rank_json(model_dir)
    path = tmp_path / "r.xlsx"
    write(model_dir, path)
    workbook = openpyxl.load_workbook(path)
    for name in ["Ranking", "Weights", "Scores", "Evidence", "Provenance"]:
        assert name in workbook.sheetnames
        assert workbook[name].freeze_panes == "A2"
    ranking = workbook["Ranking"]
    header = [cell.value for cell in ranking[1]]
    assert header[:6] == ["Rank", "Option", "Name", "Kind", "Score", "Flags"]
    rows = [
        [cell.value for cell in row]
        for row in ranking.iter_rows(min_row=2, max_row=1 + len(expected["ranking"]))
    ]
    for row, entry in zip(rows, expected["ranking"], strict=True):
        assert row[0] == entry["rank"] and row[1] == entry["option"]
        assert isinstance(row[4], float)
        assert math.isclose(row[4], entry["score"], rel_tol=1e-12)
        contributions = row[6 : 6 + len(expected["weights"])]
        assert all(isinstance(value, int | float) for value in contributions)
        assert math.isclose(sum(contributions), entry["score"], rel_tol=1e-12)
    assert len(ranking._charts) == 1  # the native bar chart
    weights = workbook["Weights"]
    effective = {row[0].value: row[5].value for row in weights.iter_rows(min_row=2)}
    assert effective.keys() == expected["weights"].keys()
    for criterion, weight in expected["weights"].items():
        assert math.isclose(effective[criterion], weight, rel_tol=1e-12)
    assert weights.column_dimensions["B"].width > 10
    evidence = workbook["Evidence"]
    assert evidence.max_row - 1 == len(expected["ranking"]) * len(expected["weights"])
    assert str(workbook.properties.created.date()) == DATE


def test_html_numbers_and_structure(model_dir: Path, tmp_path: Path) -> None:
    expected = rank_json(model_dir)
    data = write(model_dir, tmp_path / "r.html")
    assert html_errors(data) == []
    document = html_document(data)
    assert document.get("lang") == "en"
    table = html_table(document, "Ranking of the options")
    # wsm intervals are exact, so the column says so
    assert table[0] == ["Rank", "Option", "Kind", "Score", "Score interval (exact)", "Flags"]
    for row, entry in zip(table[1:], expected["ranking"], strict=True):
        assert row[0] == str(entry["rank"])
        assert row[1] == f"{entry['name']} {entry['option']}"
        assert row[3] == f"{entry['score']:.4f}"
        low, high = INTERVALS[entry["option"]]  # worked out by hand
        assert row[4] == f"{low:.3f}–{high:.3f}"
    contributions = html_table(document, "Each score broken down")
    assert contributions[-1][2:] == [f"{entry['score']:.4f}" for entry in expected["ranking"]]
    # every chart is inline SVG with an accessible title and description
    charts = list(document.iter(f"{SVG}svg"))
    assert len(charts) >= 2
    for chart in charts:
        assert chart.get("role") == "img"
        assert chart.find(f"{SVG}title") is not None and chart.find(f"{SVG}desc") is not None
        assert len(list(chart.iter(f"{SVG}rect"))) >= 3
    for header in document.iter("th"):
        assert header.get("scope") in ("col", "row", "colgroup")
    # self-contained: no scripts, no external resources
    assert not list(document.iter("script"))
    assert not list(document.iter("link")) and not list(document.iter("img"))
    style = text_of(document.find("head/style"))
    assert "url(" not in style and "@import" not in style
    assert "@page" in style and "break-before: page" in style
    appendices = [text_of(h) for h in document.iter("h2")]
    assert any(h.startswith("Appendix A") for h in appendices)
    assert any(h.startswith("Appendix D. Provenance") for h in appendices)


def test_html_evidence_appendix(model_dir: Path, tmp_path: Path) -> None:
    document = html_document(write(model_dir, tmp_path / "r.html"))
    scores = html_table(document, "Scores of Large multidimensional mission")
    assert scores[0] == ["Criterion", "Score", "Range", "Meaning on the scale", "Rationale", "Sources"]
    resources = next(row for row in scores if row[0].startswith("Dedicated resources"))
    assert resources[1:] == [
        "4",
        "3–5",
        "between levels 3 and 5",
        "Say why this score, tied to facts.",
        "example.org/budget",
    ]
    links = [a.get("href") for a in document.iter("a") if not a.get("href", "").startswith("#")]
    assert "https://example.org/budget" in links and "https://example.org/case-study" in links
    levels = html_table(document, "What the points of the scale mean")
    assert levels[1:] == [
        ["0", "nothing dedicated"],
        ["3", "tasks but no budget"],
        ["5", "ring-fenced budget and staff"],
    ]


def test_markdown_tables(model_dir: Path, tmp_path: Path) -> None:
    expected = rank_json(model_dir)
    text = write(model_dir, tmp_path / "r.md").decode("utf-8")
    assert text.startswith("# ")
    tables = markdown_tables(text)
    ranking = next(t for t in tables if t[0][:4] == ["Rank", "Option", "Kind", "Score"])
    for row, entry in zip(ranking[1:], expected["ranking"], strict=True):
        assert row[0] == str(entry["rank"])
        assert row[1] == f"{entry['name']} (`{entry['option']}`)"
        assert row[3] == f"{entry['score']:.4f}"
    breakdown = next(t for t in tables if t[0][-1] == "Score" and t[0][0] == "Rank" and len(t[0]) > 5)
    for row, entry in zip(breakdown[1:], expected["ranking"], strict=True):
        parts = [float(cell) for cell in row[2:-1]]
        assert parts == [round(v, 4) for v in entry["contributions"].values()]
        assert row[-1] == f"{entry['score']:.4f}"
    weights = next(t for t in tables if t[0][:3] == ["Criterion", "Group", "Effective weight"])
    assert [row[2] for row in weights[1:]] == [f"{w * 100:.1f}%" for w in expected["weights"].values()]
    files = next(t for t in tables if t[0][0] == "Input file")
    assert len(files) - 1 == len(list(model_dir.rglob("*.toml")))
    for heading in [
        "## Summary",
        "## Ranking",
        "## Flags",
        "## Appendix A",
        "## Appendix B",
        "## Appendix D",
    ]:
        assert f"\n{heading}" in text


@pytest.mark.parametrize("suffix", [".md", ".html", ".csv", ".json", ".xlsx"])
def test_reports_are_reproducible_with_a_fixed_date(model_dir: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"r{suffix}"
    first = write(model_dir, target)
    second = write(model_dir, target, "--force")
    assert first == second
    epoch = runner.invoke(
        app,
        ["report", "--data", str(model_dir), "-o", str(target), "--force"],
        env={"SOURCE_DATE_EPOCH": "1773532800"},  # 2026-03-15 00:00 UTC
    )
    assert epoch.exit_code == 0, epoch.stderr
    assert target.read_bytes() == first
