"""The core commands through the real entry point: formats, exit codes, stdout/stderr discipline."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.loading import load_model
from tests.conftest import Edit

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_validate_clean_model(model_dir: Path) -> None:
    code, out, err = run("validate", "--data", model_dir)
    assert code == 0
    assert out.strip() == (
        "OK: Starter model: replace with your own decision: "
        "2 groups, 4 criteria, 3 options, 2 profiles, 2 lessons"
    )
    assert err == ""


def test_validate_reports_problems_on_stderr(model_dir: Path, edit: Edit) -> None:
    edit("options/large_mission.toml", "value = 4\n", "value = 7\n")
    code, out, err = run("validate", "--data", model_dir)
    assert code == 1
    assert out == ""
    assert "options/large_mission.toml:11: scores.resources.value: 7 is outside the scale [0, 5]" in err


def test_validate_json(model_dir: Path, edit: Edit) -> None:
    edit("options/large_mission.toml", "value = 4\n", "value = 7\n")
    code, out, _ = run("validate", "--data", model_dir, "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["valid"] is False
    assert document["problems"][0]["key"] == "scores.resources.value"
    assert document["problems"][0]["line"] == 11


def test_missing_data_folder_is_exit_1(tmp_path: Path) -> None:
    code, _, err = run("rank", "--data", tmp_path / "nope")
    assert code == 1
    assert "no such model directory" in err


def test_rank_json_schema_and_numbers(model_dir: Path) -> None:
    code, out, err = run("rank", "--data", model_dir, "--format", "json")
    assert code == 0 and err == ""
    document = json.loads(out)
    assert document["schema"] == "decisiontool.ranking/1"
    assert document["method"] == "wsm" and document["profile"] == "default"
    assert document["higher_is_better"] is True
    # group weights 2:1; inside effectiveness 3:2, inside sustainability 1:1
    assert document["weights"] == pytest.approx(
        {"resources": 0.4, "reach": 4 / 15, "durability": 1 / 6, "cost": 1 / 6}
    )
    assert sum(document["weights"].values()) == pytest.approx(1.0)
    first = document["ranking"][0]
    # regional_office: resources 3/5, reach 5/5, durability 4/5, cost value function at 1: 1 - 0.5/3
    expected = 0.4 * 0.6 + 4 / 15 * 1.0 + 1 / 6 * 0.8 + 1 / 6 * (1 - 0.5 / 3)
    assert first["option"] == "regional_office" and first["rank"] == 1
    assert first["score"] == pytest.approx(expected)
    assert sum(first["contributions"].values()) == pytest.approx(first["score"])
    assert [entry["rank"] for entry in document["ranking"]] == [1, 2, 3]


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_rank_every_method(model_dir: Path, method: str) -> None:
    code, out, _ = run("rank", "--data", model_dir, "--method", method, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["method"] == method
    assert document["higher_is_better"] is (method != "vikor")
    scores = [entry["score"] for entry in document["ranking"]]
    assert scores == sorted(scores, reverse=method != "vikor")
    if method == "vikor":
        assert set(document["ranking"][0]["extra"]) == {"S", "R", "Q"}
        assert set(document["vikor_conditions"]) == {
            "acceptable_advantage",
            "acceptable_stability",
            "compromise_set",
        }
    if method == "promethee2":
        extra = document["ranking"][0]["extra"]
        assert extra["phi_plus"] - extra["phi_minus"] == pytest.approx(document["ranking"][0]["score"])


def test_minimum_failure_ranks_last_and_is_flagged(model_dir: Path, edit: Edit) -> None:
    # regional_office ranks first by default; a durability below the minimum of 1 sends it last
    edit("options/regional_office.toml", "durability = 4", "durability = 0")
    document = json.loads(run("rank", "--data", model_dir, "--format", "json")[1])
    last = document["ranking"][-1]
    assert last["option"] == "regional_office"
    assert last["fails_minimum"] == ["durability"]
    assert last["rank"] == 3


def test_profile_and_weight_override(model_dir: Path) -> None:
    document = json.loads(run("rank", "--data", model_dir, "--profile", "cost_first", "--format", "json")[1])
    # groups 2:2 (profile); sustainability: durability 1, cost 4
    assert document["weights"]["cost"] == pytest.approx(0.5 * 4 / 5)
    document = json.loads(
        run(
            "rank",
            "--data",
            model_dir,
            "--weight",
            "effectiveness=0",
            "--weight",
            "cost=3",
            "--format",
            "json",
        )[1]
    )
    assert document["weights"] == pytest.approx(
        {"resources": 0, "reach": 0, "durability": 0.25, "cost": 0.75}
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--weight", "costs=2"], 1, "unknown criterion or group 'costs' (did you mean 'cost'?)"),
        (["--weight", "cost=-1"], 1, "must be a finite number >= 0"),
        (["--weight", "cost=nan"], 1, "must be a finite number >= 0"),
        (
            ["--weight", "effectiveness=0", "--weight", "sustainability=0"],
            1,
            "no criterion with a positive weight",
        ),
        (["--weight", "cost"], 2, "is not ID=VALUE"),
        (["--weight", "cost=abc"], 2, "is not a number"),
        (["--profile", "cost_frist"], 1, "unknown profile 'cost_frist' (did you mean 'cost_first'?)"),
        (["--method", "electre"], 2, "electre"),
        (["--format", "xml"], 2, "xml"),
    ],
)
def test_rank_bad_arguments(model_dir: Path, args: list[str], code: int, message: str) -> None:
    exit_code, out, err = run("rank", "--data", model_dir, *args)
    assert exit_code == code
    assert out == ""
    assert message in err


def test_rank_csv(model_dir: Path) -> None:
    code, out, _ = run("rank", "--data", model_dir, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = json.loads(run("rank", "--data", model_dir, "--format", "json")[1])
    assert [r["option"] for r in rows] == [e["option"] for e in expected["ranking"]]
    for row, entry in zip(rows, expected["ranking"], strict=True):
        assert float(row["score"]) == pytest.approx(entry["score"], abs=1e-12)
        parts = sum(float(row[f"contribution:{c}"]) for c in expected["weights"])
        assert parts == pytest.approx(float(row["score"]))


def test_rank_markdown_is_a_gfm_table(model_dir: Path) -> None:
    code, out, _ = run("rank", "--data", model_dir, "--format", "md")
    assert code == 0
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert table[0].startswith("| rank | option | name | score |")
    assert set(table[1].replace("|", "").replace("-", "").replace(":", "")) <= {""}
    assert len(table) == 2 + 3


def test_rank_table_states_method_profile_weights(model_dir: Path) -> None:
    code, out, _ = run("rank", "--data", model_dir, "--method", "vikor")
    assert code == 0
    assert "Method: VIKOR (lower is better)" in out
    assert "Profile: default" in out
    assert "resources 0.400" in out
    assert "Regional political office" in out
    assert "compromise set" in out
    assert "\x1b[" not in out  # no colour codes outside a terminal


def test_missing_scores_refused_then_worst(model_dir: Path, edit: Edit) -> None:
    edit("options/regional_office.toml", "durability = 4\n", "")
    code, _, err = run("rank", "--data", model_dir)
    assert code == 1
    assert "options/regional_office.toml: scores.durability: missing score" in err
    code, out, _ = run("rank", "--data", model_dir, "--missing", "worst", "--format", "json")
    assert code == 0
    document = json.loads(out)
    entry = next(e for e in document["ranking"] if e["option"] == "regional_office")
    assert entry["filled"] == ["durability"]
    assert entry["fails_minimum"] == ["durability"]  # worst end 0 is below the minimum 1


def test_compare_methods_json(model_dir: Path) -> None:
    code, out, _ = run("compare", "--data", model_dir, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["columns"] == ["wsm", "topsis", "vikor", "promethee2"]
    wsm = json.loads(run("rank", "--data", model_dir, "--format", "json")[1])
    for entry in wsm["ranking"]:
        assert document["ranks"][entry["option"]]["wsm"] == entry["rank"]
    assert len(document["correlations"]) == 6
    for pair in document["correlations"]:
        assert -1 <= pair["kendall_tau"] <= 1


def test_compare_profiles_table(model_dir: Path) -> None:
    code, out, _ = run("compare", "--data", model_dir, "--profiles")
    assert code == 0
    assert "default" in out and "cost_first" in out
    assert "Kendall's tau below the diagonal, Spearman's rho above" in out


def test_compare_profiles_by_methods(model_dir: Path) -> None:
    document = json.loads(
        run("compare", "--data", model_dir, "--profiles", "--methods", "--format", "json")[1]
    )
    assert len(document["columns"]) == 2 * 4
    assert "cost_first/vikor" in document["columns"]


@pytest.mark.parametrize("kind", ["criteria", "options", "profiles", "lessons"])
def test_show_lists(model_dir: Path, kind: str) -> None:
    code, out, _ = run("show", kind, "--data", model_dir, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["kind"] == kind and document["items"]
    code, out, _ = run("show", kind, "--data", model_dir)
    assert code == 0 and out


def test_show_one_option_in_full(model_dir: Path) -> None:
    document = json.loads(run("show", "options", "large_mission", "--data", model_dir, "--format", "json")[1])
    score = document["item"]["scores"]["resources"]
    assert score == {
        "value": 4,
        "range": [3, 5],
        "rationale": "Say why this score, tied to facts.",
        "sources": ["https://example.org/budget"],
        "filled": False,
    }
    _, out, _ = run("show", "options", "large_mission", "--data", model_dir)
    assert "Say why this score" in out and "https://example.org/budget" in out


def test_show_one_criterion_with_levels_and_lessons(model_dir: Path) -> None:
    code, out, _ = run("show", "criteria", "resources", "--data", model_dir)
    assert code == 0
    assert "ring-fenced budget and staff" in out
    assert "Work that has no budget line does not survive" in out


def test_show_unknown_id(model_dir: Path) -> None:
    code, _, err = run("show", "options", "large_misson", "--data", model_dir)
    assert code == 1
    assert "did you mean 'large_mission'" in err


def test_init_writes_a_valid_model(tmp_path: Path) -> None:
    target = tmp_path / "new"
    code, _, _ = run("init", target)
    assert code == 0
    model = load_model(target)
    assert len(model.groups) == 2 and len(model.criteria) == 4
    assert len(model.options) == 3 and len(model.profiles) == 1
    text = (target / "criteria" / "effectiveness.toml").read_text()
    assert text.count("#") >= 5  # it teaches the format through comments


def test_init_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    code, _, err = run("init", tmp_path)
    assert code == 1
    assert "not an empty directory" in err
    assert (tmp_path / "keep.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("command", ["validate", "rank", "compare", "show", "init"])
def test_every_command_has_help_with_examples(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example" in out


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "rank" in result.output


def test_python_dash_m_entry_point(model_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "decisiontool", "rank", "--data", str(model_dir), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "decisiontool.ranking/1"


def test_validate_checks_profile_and_weights(model_dir: Path) -> None:
    code, _, err = run("validate", "--data", model_dir, "--profile", "cost_frist")
    assert code == 1 and "unknown profile 'cost_frist'" in err
    code, _, err = run("validate", "--data", model_dir, "--weight", "costs=1")
    assert code == 1 and "did you mean 'cost'" in err
    code, out, _ = run("validate", "--data", model_dir, "--profile", "cost_first", "--weight", "cost=2")
    assert code == 0 and out.startswith("OK: ")
