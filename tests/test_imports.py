"""Import discipline: the engine is pure, and the CLI's light commands never load heavy modules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ["textual", "jinja2", "xlsxwriter", "textual_plotext", "plotext", "openpyxl"]


def modules_after(code: str) -> set[str]:
    script = code + "\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_engine_is_pure() -> None:
    loaded = modules_after(
        "import decisiontool.engine, pkgutil, importlib\n"
        "for m in pkgutil.iter_modules(decisiontool.engine.__path__):\n"
        "    importlib.import_module('decisiontool.engine.' + m.name)"
    )
    for forbidden in [
        "pydantic",
        "rich",
        "typer",
        "tomli",
        "textual",
        "decisiontool.loading",
        "decisiontool.cli",
    ]:
        assert forbidden not in loaded, forbidden


@pytest.mark.parametrize("command", [["rank", "--format", "json"], ["rank"], ["validate"], ["compare"]])
def test_light_commands_load_nothing_heavy(model_dir: Path, command: list[str]) -> None:
    args = [*command, "--data", str(model_dir)]
    loaded = modules_after(
        "from decisiontool.cli import app\n"
        f"try:\n    app({args!r}, prog_name='decisiontool')\nexcept SystemExit:\n    pass"
    )
    for heavy in HEAVY:
        assert heavy not in loaded, heavy
