"""CSV out of `rank --format csv` and `report -o x.csv`: one header under every method, the run's
method, profile and direction on every row, and the findings beside the report when asked
(`--findings-csv`), written atomically. Numbers are checked against the starter model's
hand-worked values (`tests.reports.starter_numbers`)."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.sanitise import cell
from tests.conftest import Edit
from tests.reports.parsing import is_number
from tests.reports.starter_numbers import CONTRIBUTIONS, INTERVALS

runner = CliRunner()
DATE = "2026-03-15"
METHODS = ("wsm", "topsis", "vikor", "promethee2")
CRITERIA = ("resources", "reach", "durability", "cost")
HEADER = [
    "rank",
    "option",
    "name",
    "kind",
    "score",
    "method",
    "profile",
    "higher_is_better",
    "fails_minimum",
    "missing_scores",
    "wide_uncertainty",
    *(f"contribution:{c}" for c in CRITERIA),
    "d_plus",
    "d_minus",
    "S",
    "R",
    "Q",
    "phi_plus",
    "phi_minus",
]
OWN_VALUES = {
    "wsm": (),
    "topsis": ("d_plus", "d_minus"),
    "vikor": ("S", "R", "Q"),
    "promethee2": ("phi_plus", "phi_minus"),
}


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def rank_csv(model_dir: Path, *extra: str) -> str:
    code, out, err = invoke("rank", "--data", model_dir, "--format", "csv", *extra)
    assert code == 0, err
    return out


def report(model_dir: Path, target: Path, *extra: str) -> tuple[int, str, str]:
    return invoke("report", "--data", model_dir, "-o", target, "--date", DATE, *extra)


def rows_of(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.mark.parametrize("profile", ["default", "cost_first"])
def test_rank_and_report_csv_have_one_header_under_every_method(
    model_dir: Path, tmp_path: Path, profile: str
) -> None:
    for method in METHODS:
        header, rows = rows_of(rank_csv(model_dir, "--method", method, "--profile", profile))
        assert header == HEADER, method
        target = tmp_path / f"{method}-{profile}.csv"
        code, _, err = report(model_dir, target, "--method", method, "--profile", profile, "--no-robustness")
        assert code == 0, err
        report_header, report_rows = rows_of(target.read_text(encoding="utf-8"))
        assert report_header == HEADER, method
        # the same table either way
        assert report_rows == rows
        assert {row["method"] for row in rows} == {method}
        assert {row["profile"] for row in rows} == {profile}
        # VIKOR's Q is the only score where lower is better
        assert {row["higher_is_better"] for row in rows} == {"false" if method == "vikor" else "true"}


@pytest.mark.parametrize("method", METHODS)
def test_each_method_fills_its_own_columns_only(model_dir: Path, method: str) -> None:
    _, rows = rows_of(rank_csv(model_dir, "--method", method))
    expected = json.loads(invoke("rank", "--data", model_dir, "--format", "json", "--method", method)[1])
    by_option = {entry["option"]: entry for entry in expected["ranking"]}
    for row in rows:
        own = OWN_VALUES[method]
        for key in ("d_plus", "d_minus", "S", "R", "Q", "phi_plus", "phi_minus"):
            if key in own:
                assert float(row[key]) == by_option[row["option"]]["extra"][key]
            else:
                assert row[key] == ""
        contributions = [row[f"contribution:{c}"] for c in CRITERIA]
        if method == "wsm":
            for got, hand in zip(contributions, CONTRIBUTIONS[row["option"]], strict=True):
                assert math.isclose(float(got), hand, rel_tol=1e-12, abs_tol=1e-15)
            assert math.isclose(float(row["score"]), sum(CONTRIBUTIONS[row["option"]]), rel_tol=1e-12)
        else:
            assert contributions == ["", "", "", ""]


def test_flags_and_kinds_in_the_ranking_csv(model_dir: Path) -> None:
    _, rows = rows_of(rank_csv(model_dir))
    by_option = {row["option"]: row for row in rows}
    # the large mission's resources range [3, 5] is 40% of the scale: not more than 40%, not wide
    assert {row["wide_uncertainty"] for row in rows} == {""}
    assert by_option["regional_office"]["kind"] == "peace-operation"
    assert by_option["law_enforcement_network"]["kind"] == "multilateral-approach"
    assert [row["rank"] for row in rows] == ["1", "2", "3"]


def findings_of(path: Path) -> list[dict[str, str]]:
    return rows_of(path.read_text(encoding="utf-8"))[1]


def test_findings_csv_beside_the_report(model_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    code, out, err = report(model_dir, target, "--findings-csv", "--smaa", "2000")
    assert code == 0, err
    beside = tmp_path / "r.findings.csv"
    assert out.splitlines() == [f"Wrote {target}", f"Wrote {beside}"]
    rows = findings_of(beside)
    assert set(rows[0]) >= {"section", "method", "profile", "option", "value", "low", "high", "text"}
    intervals = {
        row["option"]: (float(row["low"]), float(row["high"]))
        for row in rows
        if row["section"] == "score_interval"
    }
    assert intervals.keys() == INTERVALS.keys()
    for option, (low, high) in INTERVALS.items():
        assert math.isclose(intervals[option][0], low, abs_tol=1e-9)
        assert math.isclose(intervals[option][1], high, abs_tol=1e-9)
    dominance = [(r["option"], r["about"], r["text"]) for r in rows if r["section"] == "dominance"]
    assert dominance == [("regional_office", "law_enforcement_network", "robust")]
    # agreement: each method's top is `rank`'s first option under that method
    agreement = {r["about"]: r["option"] for r in rows if r["section"] == "agreement_method"}
    for method in METHODS:
        _, ranked = rows_of(rank_csv(model_dir, "--method", method))
        assert agreement[method] == ranked[0]["option"]
    verdict = next(r for r in rows if r["section"] == "verdict")
    assert verdict["option"] == "regional_office" and verdict["text"] in ("clear", "likely", "contested")
    assert any(r["section"] == "sentence" and r["text"] for r in rows)
    assert {r["method"] for r in rows} == {"wsm"}


def test_findings_csv_for_another_format_goes_beside_it(model_dir: Path, tmp_path: Path) -> None:
    code, _, err = report(model_dir, tmp_path / "brief.md", "--findings-csv", "--no-robustness")
    assert code == 0, err
    assert (tmp_path / "brief.findings.csv").is_file()


def test_an_existing_findings_csv_stops_both_files(model_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    beside = tmp_path / "r.findings.csv"
    beside.write_text("keep me")
    code, out, err = report(model_dir, target, "--findings-csv", "--no-robustness")
    assert code == 1 and out == ""
    assert "r.findings.csv" in err and "exists" in err
    assert not target.exists() and beside.read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "r.findings.csv"]
    # --force replaces both
    code, _, err = report(model_dir, target, "--findings-csv", "--no-robustness", "--force")
    assert code == 0, err
    assert target.exists() and beside.read_text().startswith("section,")


def test_a_findings_csv_that_cannot_be_written_stops_both_files(model_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.csv"
    (tmp_path / "r.findings.csv").mkdir()
    code, _, err = report(model_dir, target, "--findings-csv", "--no-robustness", "--force")
    assert code == 1
    assert "r.findings.csv" in err and "directory" in err
    assert not target.exists()


def test_the_provenance_records_the_findings_csv_flag(model_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    code, _, err = report(model_dir, target, "--findings-csv", "--no-robustness")
    assert code == 0, err
    command = json.loads(target.read_text())["provenance"]["command"]
    assert "--findings-csv" in command


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://evil")', "@SUM(A1)", "+1", " \u200b=1+1"])
def test_no_csv_cell_is_a_live_formula(model_dir: Path, edit: Edit, tmp_path: Path, formula: str) -> None:
    edit(
        "options/regional_office.toml", 'name = "Regional political office"', f"name = {json.dumps(formula)}"
    )
    edit("criteria/effectiveness.toml", 'name = "Cross-border reach"', f"name = {json.dumps(formula)}")
    target = tmp_path / "r.csv"
    code, _, err = report(model_dir, target, "--findings-csv", "--no-robustness")
    assert code == 0, err
    for path in (target, tmp_path / "r.findings.csv"):
        cells = [value for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for value in row]
        assert any(formula.strip(" \u200b") in value for value in cells), "the hostile text is there"
        # every text cell reads as text (numbers, negative ones too, are never passed through cell)
        assert [value for value in cells if not is_number(value) and cell(value) != value] == []
