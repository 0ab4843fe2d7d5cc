"""Library errors name parameters; the CLI names its flags for the same problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import decisiontool
from decisiontool.analysis import Analysis
from decisiontool.cli import app
from decisiontool.loading import load_model, reload_model
from decisiontool.problems import ModelError
from decisiontool.reports import write_report
from decisiontool.robustness import sensitivity, smaa
from tests.conftest import Edit


def _problem_lines(error: pytest.ExceptionInfo[ModelError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


@pytest.fixture
def analysis(model_dir: Path) -> Analysis:
    return Analysis.create(load_model(model_dir))


def test_library_errors_name_parameters_not_flags(analysis: Analysis, tmp_path: Path) -> None:
    model = analysis.model
    cases = [
        (lambda: Analysis.create(model, method="nope"), "method: unknown method 'nope'"),
        (lambda: Analysis.create(model, profile="nope"), "profile: unknown profile 'nope'"),
        (lambda: Analysis.create(model, vikor_v=2.0), "vikor_v: 2 must lie in [0, 1]"),
        (lambda: analysis.with_weights({"cots": 1}), "weights: cots: unknown criterion or group 'cots'"),
        (lambda: analysis.with_weights({"cost": -1}), "weights: cost: -1 must be a finite number >= 0"),
        (lambda: sensitivity(analysis, criteria=["cots"]), "criteria: cots: unknown criterion 'cots'"),
        (lambda: sensitivity(analysis, steps=1), "steps: 1 must be at least 2"),
        (lambda: smaa(analysis, samples=0), "samples: 0 must be at least 1"),
        (lambda: smaa(analysis, spread=1.0), "spread: 1 must lie in [0, 1)"),
    ]
    for call, expected in cases:
        with pytest.raises(decisiontool.ModelError) as error:
            call()
        (line,) = _problem_lines(error)
        assert line.startswith(expected), line
        assert "--" not in line
        assert error.value.problems[0].parameter
    target = tmp_path / "r.md"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(ModelError) as error:
        write_report(analysis, target)
    assert _problem_lines(error) == [f"{target}: already exists; pass force=True to replace it"]
    assert target.read_text(encoding="utf-8") == "mine"


def test_the_cli_names_its_flags(model_dir: Path) -> None:
    runner = CliRunner()
    cases = [
        (["rank", "--profile", "nope"], "--profile: unknown profile 'nope'"),
        (["rank", "--weight", "cots=1"], "--weight: cots: unknown criterion or group 'cots'"),
        (["sensitivity", "--criterion", "cots"], "--criterion: cots: unknown criterion 'cots'"),
    ]
    for args, expected in cases:
        result = runner.invoke(app, [*args, "--data", str(model_dir)])
        assert result.exit_code == 1
        assert result.stderr.startswith(expected), result.stderr


def test_a_missing_score_names_the_flag_in_the_cli_and_the_parameter_in_python(
    model_dir: Path, edit: Edit
) -> None:
    edit("options/regional_office.toml", "durability = 4\n", "")
    with pytest.raises(ModelError) as error:
        load_model(model_dir)
    (line,) = _problem_lines(error)
    assert "missing='worst' scores gaps" in line and "--missing" not in line
    result = CliRunner().invoke(app, ["validate", "--data", str(model_dir)])
    assert result.exit_code == 1
    assert "`--missing worst` scores gaps at the scale's worst end" in result.stderr


def test_the_loaded_model_remembers_missing_worst(model_dir: Path, edit: Edit) -> None:
    edit("options/regional_office.toml", "durability = 4\n", "")
    model = load_model(model_dir, missing="worst")
    assert model.missing == "worst"
    assert model.filled == {("regional_office", "durability")}
    again = reload_model(model)
    assert again.missing == "worst" and again.filled == model.filled
    with pytest.raises(ModelError):
        load_model(model_dir)  # the default still refuses


def test_a_complete_model_is_loaded_refusing_gaps(model_dir: Path) -> None:
    assert load_model(model_dir).missing == "refuse"
