"""`smaa` refuses a run estimated past the time bound unless --yes (decisiontool/cli/budget.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.cli.budget import TIME_BOUND_SECONDS, check_samples, estimated_seconds, refusal

runner = CliRunner()


def test_a_billion_samples_are_refused_at_once_with_the_estimate(model_dir: Path) -> None:
    result = runner.invoke(app, ["smaa", "--samples", "1000000000", "--data", str(model_dir)])
    assert result.exit_code == 2
    assert "1,000,000,000 samples would take about" in result.stderr
    assert "--yes" in result.stderr
    assert result.stdout == ""


def test_the_default_run_is_within_the_bound(model_dir: Path) -> None:
    result = runner.invoke(app, ["smaa", "--samples", "10000", "--data", str(model_dir), "--format", "json"])
    assert result.exit_code == 0, result.stderr


def test_yes_lets_a_run_past_the_bound_start() -> None:
    with pytest.raises(typer.BadParameter):
        check_samples(10**9, 14, 13, "wsm", yes=False)
    check_samples(10**9, 14, 13, "wsm", yes=True)


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_the_estimate_grows_with_the_work(method: str) -> None:
    base = estimated_seconds(10_000, 14, 13, method)
    assert estimated_seconds(20_000, 14, 13, method) == pytest.approx(2 * base)
    assert estimated_seconds(10_000, 28, 13, method) == pytest.approx(
        (4 if method == "promethee2" else 2) * base
    )


def test_the_suggested_sample_count_fits_the_bound() -> None:
    reason = refusal(10**9, 200, 30, "topsis")
    assert reason is not None
    suggested = int(reason.split("(about ")[1].split(" fit")[0].replace(",", ""))
    assert estimated_seconds(suggested, 200, 30, "topsis") <= TIME_BOUND_SECONDS
    assert refusal(suggested, 200, 30, "topsis") is None
