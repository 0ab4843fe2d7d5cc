"""decisiontool.services: a report exported from the app is the report its recorded command writes."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool import services
from decisiontool.analysis import Analysis
from decisiontool.loading import load_model
from decisiontool.problems import ModelError

runner = CliRunner()


@pytest.mark.parametrize(("sensitivity", "smaa_samples"), [(False, 0), (True, 0), (False, 500)])
def test_exported_report_is_what_its_recorded_command_writes(
    model_dir: Path, tmp_path: Path, sensitivity: bool, smaa_samples: int
) -> None:
    from decisiontool.cli import app

    analysis = Analysis.create(load_model(model_dir))
    first_id = analysis.arrays.criterion_ids[0]
    analysis = analysis.with_weights({first_id: analysis.relative_weight(first_id) * 2})
    exported = services.export_report(
        analysis,
        tmp_path / "app.json",
        sensitivity=sensitivity,
        smaa_samples=smaa_samples,
        date=datetime.date(2026, 3, 15),
    )
    argv = list(exported.argv)
    assert argv[:2] == ["decisiontool", "report"]
    again = tmp_path / "cli.json"
    argv[argv.index("-o") + 1] = str(again)
    result = runner.invoke(app, argv[1:])
    assert result.exit_code == 0, result.stderr
    app_text = exported.path.read_text(encoding="utf-8")
    cli_text = again.read_text(encoding="utf-8")
    # the two documents differ only in the output path each records in its command line
    assert app_text.replace(str(exported.path), "OUT") == cli_text.replace(str(again), "OUT")
    assert ('"smaa"' in app_text) == (sensitivity or smaa_samples > 0)


def test_exported_csv_with_its_findings_beside_it_as_the_command_writes(
    model_dir: Path, tmp_path: Path
) -> None:
    from decisiontool.cli import app

    analysis = Analysis.create(load_model(model_dir))
    exported = services.export_report(
        analysis, tmp_path / "app.csv", smaa_samples=300, date=datetime.date(2026, 3, 15), findings_csv=True
    )
    assert exported.findings_path == tmp_path / "app.findings.csv"
    assert "--findings-csv" in exported.argv
    argv = list(exported.argv)
    again = tmp_path / "cli.csv"
    argv[argv.index("-o") + 1] = str(again)
    result = runner.invoke(app, argv[1:])
    assert result.exit_code == 0, result.stderr
    assert exported.findings_path.read_bytes() == (tmp_path / "cli.findings.csv").read_bytes()
    assert exported.path.read_bytes() == again.read_bytes()
    # an existing findings file stops the export before anything is written, unless forced
    exported.path.unlink()
    with pytest.raises(ModelError, match=r"app\.findings\.csv"):
        services.export_report(analysis, tmp_path / "app.csv", findings_csv=True)
    assert not exported.path.exists()
