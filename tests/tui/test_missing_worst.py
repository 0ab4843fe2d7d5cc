"""`decisiontool tui --missing worst`: saving a profile and exporting a report keep the choice.

The app reloads the model after saving a profile and records a reproducing command in an
exported report; both used to load the model refusing its gaps (the choice was not part of
the loaded model), so saving always failed and the recorded command exited 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.analysis import Analysis
from decisiontool.cli import app as cli_app
from decisiontool.loading import load_model
from decisiontool.tui.app import DecisionApp
from decisiontool.tui.screens.file_dialogs import ExportDialog, SaveProfileDialog
from decisiontool.tui.screens.main import MainScreen
from decisiontool.tui.state import Session
from tests.tui.conftest import run


@pytest.fixture
def gap_model(model_dir: Path) -> Path:
    """The test model with one score removed: it loads only with missing='worst'."""
    path = model_dir / "options" / "large_mission.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count("reach = 1 ") == 1
    path.write_text(text.replace("reach = 1 ", "# reach removed ", 1), encoding="utf-8")
    return model_dir


def _app(root: Path) -> DecisionApp:
    analysis = Analysis.create(load_model(root, missing="worst"))
    return DecisionApp(Session(analysis), watch=False)


async def _settle(app: DecisionApp, pilot: object) -> None:
    for _ in range(2):
        await app.workers.wait_for_complete()
        await pilot.pause()  # type: ignore[attr-defined]


def test_saving_a_profile_works(gap_model: Path) -> None:
    async def scenario() -> None:
        app = _app(gap_model)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "right", "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SaveProfileDialog)
            await pilot.press(*"gaps", "tab", *"With gaps", "enter")
            await _settle(app, pilot)
            assert isinstance(app.screen, MainScreen)
            assert app.session.analysis.profile == "gaps"
            assert app.session.analysis.model.missing == "worst"

    run(scenario)
    assert (gap_model / "criteria" / "profiles" / "gaps.toml").exists()
    result = CliRunner().invoke(
        cli_app, ["rank", "--data", str(gap_model), "--missing", "worst", "--profile", "gaps"]
    )
    assert result.exit_code == 0, result.output


def test_the_exported_reports_command_reproduces_it(gap_model: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"

    async def scenario() -> None:
        app = _app(gap_model)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            path_input = app.screen.query_one("#export-path")
            path_input.value = str(target)  # type: ignore[attr-defined]
            path_input.focus()
            await pilot.press("enter")
            await _settle(app, pilot)

    run(scenario)
    document = json.loads(target.read_text(encoding="utf-8"))
    command = list(document["provenance"]["command"])
    assert command[command.index("--missing") + 1] == "worst"
    again = tmp_path / "again.json"
    command[command.index("-o") + 1] = str(again)
    result = CliRunner().invoke(cli_app, command[1:])
    assert result.exit_code == 0, result.output
    reproduced = json.loads(again.read_text(encoding="utf-8"))
    assert [row["option"] for row in reproduced["ranking"]] == [row["option"] for row in document["ranking"]]
    filled = next(row for row in reproduced["ranking"] if row["option"] == "large_mission")
    assert filled["filled"] == ["reach"]
