"""Shared fixtures: a fresh copy of the starter model, and a runner for the real CLI."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from decisiontool.starter import write_starter

# Property tests draw the same examples on every run (Hypothesis' advice for CI), so a run of
# the test command is repeatable; `HYPOTHESIS_PROFILE=explore` draws fresh ones.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _no_inherited_terminal_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest-xdist workers export COLUMNS=80; the CLI must be tested as in a plain pipe."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture(scope="session")
def _result_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache-home")


@pytest.fixture(autouse=True)
def _private_result_cache(monkeypatch: pytest.MonkeyPatch, _result_cache_home: Path) -> None:
    """The CLI's result cache (decisiontool/cli/cache.py) of test runs never touches ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(_result_cache_home))


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    """A valid model (the `decisiontool init` starter) in a temporary directory."""
    target = tmp_path / "model"
    write_starter(target)
    return target


Edit = Callable[[str, str, str], None]


@pytest.fixture
def edit(model_dir: Path) -> Edit:
    """Replace text in one file of `model_dir` (the text must be there exactly once)."""

    def replace(relative: str, old: str, new: str) -> None:
        path = model_dir / relative
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return replace


@pytest.fixture
def three_criteria(model_dir: Path, edit: Edit) -> Path:
    """The starter model with a third criterion, `staff`, in effectiveness (weight 1)."""
    path = model_dir / "criteria" / "effectiveness.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n[[criterion]]\nid = "staff"\nname = "Staff"\ndirection = "benefit"\nscale = [0, 5]\n',
        encoding="utf-8",
    )
    for option, score in (("large_mission", 4), ("law_enforcement_network", 2), ("regional_office", 1)):
        edit(f"options/{option}.toml", "[scores]\n", f"[scores]\nstaff = {score}\n")
    return model_dir

