"""`save_profile`: new files, overwrites that keep comments, refusals, atomicity."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tomli

from decisiontool.loading import load_model
from decisiontool.problems import ModelError
from decisiontool.profile_writer import PROVENANCE_MARK, profile_path, save_profile

SMALL = Path(__file__).parent / "tui" / "data" / "small"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    shutil.copytree(SMALL, target)
    return target


def test_new_profile_is_valid_and_says_how_it_was_made(root: Path) -> None:
    path = save_profile(
        root,
        "council",
        "Council view",
        {"cost": 0.5, "reach": 0.25},
        {"sustainability": 2},
        description="What the council said.",
        comment="rank order by the council",
    )
    assert path == profile_path(root, "council")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Weight profile 'council'")
    assert f"{PROVENANCE_MARK[2:]} on " in text and "rank order by the council" in text
    parsed = tomli.loads(text)
    assert parsed == {
        "name": "Council view",
        "description": "What the council said.",
        "weights": {"cost": 0.5, "reach": 0.25},
        "group_weights": {"sustainability": 2},
    }
    model = load_model(root)
    assert model.profiles["council"].weights == {"cost": 0.5, "reach": 0.25}


def test_existing_profile_needs_force(root: Path) -> None:
    before = profile_path(root, "cost_first").read_text(encoding="utf-8")
    with pytest.raises(ModelError, match="exists"):
        save_profile(root, "cost_first", "Cost first", {"cost": 1})
    assert profile_path(root, "cost_first").read_text(encoding="utf-8") == before


def test_overwrite_keeps_comments_and_layout(root: Path) -> None:
    path = save_profile(
        root, "cost_first", "Cost first", {"cost": 3, "reach": 0.125}, {"sustainability": 1.5}, force=True
    )
    text = path.read_text(encoding="utf-8")
    assert "# A weight profile: a stakeholder's view." in text
    assert "[weights]                        # criterion id -> relative weight inside its group" in text
    assert "[group_weights]                  # group id -> relative weight (optional)" in text
    assert text.splitlines()[0].startswith(PROVENANCE_MARK)
    parsed = tomli.loads(text)
    assert parsed["weights"] == {"cost": 3, "reach": 0.125}
    assert parsed["group_weights"] == {"sustainability": 1.5}
    assert parsed["description"].startswith("A finance ministry's view")
    # a second save rewrites the provenance line instead of adding another
    save_profile(root, "cost_first", "Cost first", {"cost": 2}, force=True, comment="again")
    again = path.read_text(encoding="utf-8")
    assert again.count(PROVENANCE_MARK) == 1 and "again" in again
    assert tomli.loads(again)["group_weights"] == {}  # the emptied table keeps its place and comment


@pytest.mark.parametrize("bad", ["default", "Council", "1st", "a-b", "x" * 65, ""])
def test_bad_ids_are_refused(root: Path, bad: str) -> None:
    with pytest.raises(ModelError):
        save_profile(root, bad, "Name", {"cost": 1})


def test_unknown_ids_and_bad_values_are_refused(root: Path) -> None:
    with pytest.raises(ModelError) as error:
        save_profile(root, "p", "P", {"nope": 1, "cost": -1}, {"effectiveness": float("nan")})
    messages = " ".join(p.message for p in error.value.problems)
    assert "unknown criterion 'nope'" in messages and ">= 0" in messages
    assert not profile_path(root, "p").exists()


def test_weights_leaving_nothing_weighted_are_rolled_back(root: Path) -> None:
    zero = {"resources": 0, "reach": 0, "durability": 0, "cost": 0}
    with pytest.raises(ModelError):
        save_profile(root, "empty", "Empty", zero)
    assert not profile_path(root, "empty").exists()
    before = profile_path(root, "cost_first").read_text(encoding="utf-8")
    with pytest.raises(ModelError):
        save_profile(root, "cost_first", "Cost first", zero, force=True)
    assert profile_path(root, "cost_first").read_text(encoding="utf-8") == before


def test_no_temporary_files_are_left(root: Path) -> None:
    save_profile(root, "tidy", "Tidy", {"cost": 1})
    names = sorted(p.name for p in (root / "criteria" / "profiles").iterdir())
    assert names == ["cost_first.toml", "reach_first.toml", "tidy.toml"]
