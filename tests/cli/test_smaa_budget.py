"""`smaa`, `compare --smaa` and `report` refuse a run estimated past the time or memory bound unless
--yes (decisiontool/cli/budget.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.cli.budget import (
    MEMORY_BOUND_BYTES,
    TIME_BOUND_SECONDS,
    check_samples,
    estimated_bytes,
    estimated_seconds,
    refusal,
)

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
    assert base > 0
    step = estimated_seconds(20_000, 14, 13, method) - base
    later = estimated_seconds(30_000, 14, 13, method) - estimated_seconds(20_000, 14, 13, method)
    assert step > 0 and later == pytest.approx(step)  # linear in samples
    assert estimated_seconds(10_000, 14, 13, method, runs=2) == pytest.approx(2 * base)
    assert estimated_seconds(10_000, 28, 13, method) >= 2 * base  # at least linear in options
    assert estimated_seconds(10_000, 14, 26, method) > base


def test_the_memory_bound_refuses_a_model_of_too_many_options_at_any_sample_count() -> None:
    # the result keeps a share for every pair of options: m^2 grows past the bound
    options = next(m for m in range(1000, 100_000, 500) if estimated_bytes(m) > MEMORY_BOUND_BYTES)
    reason = refusal(1, options, 13, "wsm")
    assert reason is not None and "GB of memory" in reason and "--yes" in reason
    assert refusal(1, 1000, 13, "wsm") is None


def test_compare_smaa_is_refused_past_the_bound_unless_yes(model_dir: Path) -> None:
    args = ["compare", "--smaa", "--samples", "1000000000", "--data", str(model_dir)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "1,000,000,000 samples would take about" in result.stderr
    assert "--samples" in result.stderr and "--yes" in result.stderr
    assert result.stdout == ""
    # without --smaa the sample count is not used, so nothing is refused
    assert runner.invoke(app, ["compare", "--samples", "1000000000", "--data", str(model_dir)]).exit_code == 0


def test_explain_is_refused_past_the_bound_unless_yes(model_dir: Path) -> None:
    # explain runs SMAA (first-rank acceptability around the weights) with --samples
    result = runner.invoke(app, ["explain", "--samples", "1000000000", "--data", str(model_dir)])
    assert result.exit_code == 2
    assert "1,000,000,000 samples would take about" in result.stderr
    assert "--samples" in result.stderr and "--yes" in result.stderr
    assert result.stdout == ""
    assert runner.invoke(app, ["explain", "--samples", "2000", "--data", str(model_dir)]).exit_code == 0


def test_report_is_refused_past_the_bound_before_writing_anything(model_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    result = runner.invoke(
        app, ["report", "-o", str(target), "--smaa", "1000000000", "--data", str(model_dir)]
    )
    assert result.exit_code == 2
    assert "1,000,000,000 samples would take about" in result.stderr
    assert "Use fewer samples with --smaa" in result.stderr and "--yes" in result.stderr
    assert not target.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["model"]  # no report, no temporary file


def test_a_report_drawn_otherwise_than_the_findings_counts_both_runs(model_dir: Path, tmp_path: Path) -> None:
    # free weights: the findings draw their own SMAA run around the profile, so twice the work
    samples = next(s for s in (10**k for k in range(4, 12)) if refusal(s, 3, 4, "wsm", runs=2) is not None)
    args = ["report", "-o", str(tmp_path / "r.md"), "--smaa", str(samples), "--data", str(model_dir)]
    result = runner.invoke(app, [*args, "--smaa-weights", "free"])
    assert result.exit_code == 2
    assert "(twice: the findings draw their own)" in result.stderr


def test_the_suggested_sample_count_fits_the_bound() -> None:
    reason = refusal(10**9, 200, 30, "topsis")
    assert reason is not None
    suggested = int(reason.split("(about ")[1].split(" fit")[0].replace(",", ""))
    assert estimated_seconds(suggested, 200, 30, "topsis") <= TIME_BOUND_SECONDS
    assert refusal(suggested, 200, 30, "topsis") is None
