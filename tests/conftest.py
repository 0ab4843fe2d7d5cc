"""Shared fixtures: a fresh copy of the starter model, and a runner for the real CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from decisiontool.starter import write_starter


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
