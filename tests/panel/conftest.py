"""A two-criterion model small enough to work every panel number out by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

GROUP = """[group]
id = "g"
name = "G"

[[criterion]]
id = "a"
name = "A"
direction = "benefit"
scale = [0, 1]

[[criterion]]
id = "b"
name = "B"
direction = "benefit"
scale = [0, 1]
"""

# WSM on [0, 1] scales: x scores w_a, y scores w_b, z scores 0.3 whatever the weights.
OPTIONS = {"x": (1, 0), "y": (0, 1), "z": (0.3, 0.3)}

Participant = Callable[[str, str], Path]


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The model directory, without a panel."""
    root = tmp_path / "tiny"
    (root / "criteria").mkdir(parents=True)
    (root / "options").mkdir()
    (root / "criteria" / "lessons.toml").write_text("", encoding="utf-8")
    (root / "criteria" / "g.toml").write_text(GROUP, encoding="utf-8")
    for option, (a, b) in OPTIONS.items():
        (root / "options" / f"{option}.toml").write_text(
            f'name = "{option.upper()}"\nkind = "peace-operation"\n[scores]\na = {a}\nb = {b}\n',
            encoding="utf-8",
        )
    return root


@pytest.fixture
def participant(tiny: Path) -> Participant:
    """Write `panel/<id>.toml` with the given text; returns the file."""

    def write(participant_id: str, text: str) -> Path:
        folder = tiny / "panel"
        folder.mkdir(exist_ok=True)
        path = folder / f"{participant_id}.toml"
        path.write_text(f'name = "{participant_id}"\n' + text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def three(tiny: Path, participant: Participant) -> Path:
    """p1 (a 0.9, b 0.1), p2 (0.2, 0.8), p3 (0.6, 0.4), weights given directly."""
    participant("p1", "[weights]\na = 9\nb = 1\n")
    participant("p2", "[weights]\na = 2\nb = 8\n")
    participant("p3", "[weights]\na = 6\nb = 4\n")
    return tiny
