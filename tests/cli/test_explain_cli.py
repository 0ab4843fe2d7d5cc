"""`decisiontool explain` through the real CLI: formats, the JSON document, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from decisiontool.cli import app

runner = CliRunner()


def test_json_is_one_findings_document() -> None:
    result = runner.invoke(app, ["explain", "--format", "json", "--samples", "500"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)  # exactly one document: json.loads refuses anything after it
    assert document["schema"] == "decisiontool.findings/1"
    assert document["verdict"] in ("clear", "likely", "contested")
    assert document["samples"] == 500 and document["seed"] == 1
    rank = json.loads(runner.invoke(app, ["rank", "--format", "json"]).stdout)
    assert document["top"] == rank["ranking"][0]["option"]
    assert document["weights"] == rank["weights"]


def test_table_starts_with_the_sentences() -> None:
    result = runner.invoke(app, ["explain", "--samples", "300"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    document = json.loads(runner.invoke(app, ["explain", "--format", "json", "--samples", "300"]).stdout)
    first_words = document["sentences"][0].split()[:4]
    body = result.stdout.split("•", 1)
    assert len(body) == 2 and " ".join(first_words) in " ".join(body[1].split())
    assert body[1].index(first_words[0]) < body[1].index("Options")


def test_markdown_has_sentences_then_tables() -> None:
    result = runner.invoke(app, ["explain", "--format", "md", "--samples", "300"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.index("\n- ") < text.index("### Options") < text.index("| Rank |")


def test_vs_explains_against_the_option_asked_for() -> None:
    result = runner.invoke(
        app,
        ["explain", "--format", "json", "--samples", "200", "--vs", "au_pso_2719"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    why = json.loads(result.stdout)["why"]
    assert why["versus"] == "au_pso_2719" and why["difference"] > 0


def test_unknown_vs_is_exit_1_with_a_suggestion() -> None:
    result = runner.invoke(app, ["explain", "--vs", "au_pso_2791"])
    assert result.exit_code == 1
    assert "--vs" in result.stderr and "au_pso_2719" in result.stderr and "did you mean" in result.stderr
    assert result.stdout == ""


def test_usage_errors_are_exit_2() -> None:
    assert runner.invoke(app, ["explain", "--samples", "0"]).exit_code == 2
    assert runner.invoke(app, ["explain", "--format", "csv"]).exit_code == 2


def test_invalid_model_is_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["explain", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 1


def test_unknown_profile_is_exit_1() -> None:
    result = runner.invoke(app, ["explain", "--profile", "balancd"])
    assert result.exit_code == 1 and "balanced" in result.stderr
