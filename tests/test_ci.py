"""CI runs exactly the test command the README gives."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).parent.parent
COMMAND = "ruff check . && mypy --strict decisiontool && lint-imports && pytest"


def test_ci_runs_the_readmes_test_command() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert script[-1] == COMMAND
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"pip install '.[dev]' && {COMMAND}" in readme
    assert f"\n{COMMAND}\n" in readme
