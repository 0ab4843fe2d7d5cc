"""The loader: a good model loads; every kind of bad input becomes clear `file: key: message` lines."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from decisiontool.loading import key_lines, load_model
from decisiontool.problems import ModelError
from tests.conftest import Edit


def problems_of(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(ModelError) as caught:
        load_model(path, **kwargs)  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def one_problem(path: Path, needle: str) -> str:
    found = [p for p in problems_of(path) if needle in p]
    assert found, f"no problem mentions {needle!r}: {problems_of(path)}"
    return found[0]


def test_starter_model_loads(model_dir: Path) -> None:
    model = load_model(model_dir)
    assert [c.id for c in model.criteria] == ["resources", "reach", "durability", "cost"]
    assert [o.id for o in model.options] == ["large_mission", "law_enforcement_network", "regional_office"]
    assert model.profile_ids == ["default", "cost_first"]
    assert model.name.startswith("Starter model")
    assert model.option("regional_office").file.scores["cost"].range == (0, 1)


def test_toml_syntax_error_has_line_and_column(model_dir: Path, edit: Edit) -> None:
    edit("options/regional_office.toml", "reach = 5", "reach = = 5")
    problem = one_problem(model_dir, "TOML syntax error")
    assert problem.startswith("options/regional_office.toml:7: ")
    assert "line 7, column 9" in problem


def test_unknown_key_suggests_the_right_one(model_dir: Path, edit: Edit) -> None:
    edit(
        "criteria/effectiveness.toml",
        'direction = "benefit"            # "benefit"',
        'directon = "benefit"  #',
    )
    problem = one_problem(model_dir, "unknown key")
    assert problem.startswith("criteria/effectiveness.toml:14: criterion[resources].directon: ")
    assert "did you mean 'direction'" in problem


def test_score_outside_scale_names_file_key_and_scale(model_dir: Path, edit: Edit) -> None:
    edit("options/large_mission.toml", "value = 4\n", "value = 7\n")
    assert (
        one_problem(model_dir, "outside the scale")
        == "options/large_mission.toml:11: scores.resources.value: 7 is outside the scale [0, 5] of resources"
    )


def test_every_problem_is_reported_at_once(model_dir: Path, edit: Edit) -> None:
    edit("options/large_mission.toml", "value = 4\n", "value = 7\n")
    edit("options/regional_office.toml", "reach = 5", 'reach = "high"')
    edit("criteria/sustainability.toml", "weight = 1\n", "weight = -1\n")
    found = problems_of(model_dir)
    # 7 is outside the scale and outside the range [3, 5]; a broken group file does not
    # make every option's scores on its criteria "unknown"
    assert len(found) == 4, found
    assert any("scores.reach: a score is a number or a table" in p for p in found)
    assert any("group.weight" in p and "must be >= 0" in p for p in found)


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("options/regional_office.toml", "reach = 5", "reach = nan", "must be a finite number"),
        ("options/regional_office.toml", "reach = 5", "reach = inf", "must be a finite number"),
        ("options/regional_office.toml", "reach = 5", "reach = true", "a score is a number or a table"),
        (
            "options/regional_office.toml",
            "reach = 5",
            "reach = 5\nrech = 2",
            "unknown criterion 'rech' (did you mean 'reach'?)",
        ),
        (
            "options/regional_office.toml",
            'kind = "peace-operation"',
            'kind = "mission"',
            "kind: 'mission' is not one of the model's option kinds",
        ),
        (
            "options/regional_office.toml",
            'name = "Regional political office"\n',
            "",
            "name: required key is missing",
        ),
        (
            "options/regional_office.toml",
            "cost = { value = 1, range = [0, 1]",
            "cost = { value = 1, range = [2, 3]",
            "does not contain the value 1",
        ),
        (
            "options/regional_office.toml",
            "cost = { value = 1, range = [0, 1]",
            "cost = { value = 1, range = [1, 0]",
            "must be [low, high]",
        ),
        (
            "options/regional_office.toml",
            "cost = { value = 1, range = [0, 1]",
            "cost = { value = 1, range = [0, 9]",
            "outside the scale",
        ),
        ("options/regional_office.toml", "durability = 4\n", "", "scores.durability: missing score"),
        (
            "options/regional_office.toml",
            "[scores]",
            'id = "other"\n[scores]',
            "must equal the file name's stem",
        ),
        ("criteria/effectiveness.toml", 'id = "reach"', 'id = "resources"', "duplicate id 'resources'"),
        (
            "criteria/sustainability.toml",
            'id = "sustainability"',
            'id = "reach"',
            "group and criterion ids share one namespace",
        ),
        ("criteria/effectiveness.toml", 'id = "reach"', 'id = "Reach"', "not a valid id"),
        ("criteria/effectiveness.toml", 'lessons = ["L2"]', 'lessons = ["L3"]', "unknown lesson 'L3'"),
        (
            "criteria/effectiveness.toml",
            "scale = [0, 5]                   # [min, max]",
            "scale = [5, 0] #",
            "must be [min, max] with min < max",
        ),
        ("criteria/effectiveness.toml", "weight = 3 ", "weight = -3 ", "must be >= 0"),
        ("criteria/effectiveness.toml", "q = 0.5, p = 2", "q = 3, p = 2", "needs 0 <= q < p"),
        ("criteria/effectiveness.toml", "q = 0.5, p = 2", "p = 2", "'linear' needs the parameter q"),
        (
            "criteria/effectiveness.toml",
            'function = "linear", q = 0.5, p = 2',
            'function = "usual", q = 1',
            "'usual' takes no parameter q",
        ),
        (
            "criteria/effectiveness.toml",
            '"0" = "nothing dedicated"',
            '"9" = "nothing dedicated"',
            "not an integer point of the scale",
        ),
        ("criteria/sustainability.toml", "minimum = 1 ", "minimum = 8 ", "minimum: 8 is outside the scale"),
        (
            "criteria/sustainability.toml",
            "[[0, 1.0], [3, 0.5], [5, 0.0]]",
            "[[0, 0.0], [3, 0.5], [5, 1.0]]",
            "values must decrease",
        ),
        (
            "criteria/sustainability.toml",
            "[[0, 1.0], [3, 0.5], [5, 0.0]]",
            "[[0, 1.0], [3, 1.5], [5, 0.0]]",
            "value 1.5 is outside [0, 1]",
        ),
        (
            "criteria/sustainability.toml",
            "[[0, 1.0], [3, 0.5], [5, 0.0]]",
            "[[0, 1.0], [0, 0.5], [5, 0.0]]",
            "strictly increase",
        ),
        (
            "criteria/profiles/cost_first.toml",
            "cost = 4",
            "costs = 4",
            "unknown criterion 'costs' (did you mean 'cost'?)",
        ),
        (
            "criteria/profiles/cost_first.toml",
            "cost = 4",
            "sustainability = 4",
            "that is a group: use [group_weights]",
        ),
        (
            "criteria/profiles/cost_first.toml",
            "sustainability = 2",
            "sustainabilty = 2",
            "unknown group 'sustainabilty'",
        ),
        ("criteria/profiles/cost_first.toml", "cost = 4", "cost = -4", "must be >= 0"),
        ("criteria/lessons.toml", 'id = "L2"', 'id = "L1"', "duplicate lesson id 'L1'"),
        ("criteria/model.toml", 'version = "0.1"', "version = 1", "must be a string, not a number"),
    ],
)
def test_bad_input_is_reported(
    model_dir: Path, edit: Edit, file: str, old: str, new: str, expected: str
) -> None:
    edit(file, old, new)
    problem = one_problem(model_dir, expected)
    assert problem.startswith(file + ":")


def test_all_zero_weights_refused(model_dir: Path, edit: Edit) -> None:
    edit("criteria/effectiveness.toml", "weight = 2 ", "weight = 0 ")
    edit("criteria/sustainability.toml", "weight = 1\n", "weight = 0\n")
    assert "leave no criterion with a positive weight" in one_problem(model_dir, "positive weight")


def test_profile_that_zeroes_everything_refused(model_dir: Path, edit: Edit) -> None:
    edit("criteria/profiles/cost_first.toml", "sustainability = 2", "sustainability = 0\neffectiveness = 0")
    assert one_problem(model_dir, "positive weight").startswith("criteria/profiles/cost_first.toml: weights:")


def test_missing_worst_fills_and_flags(model_dir: Path, edit: Edit) -> None:
    edit("options/regional_office.toml", "durability = 4\n", "")
    edit(
        "options/regional_office.toml",
        'cost = { value = 1, range = [0, 1], rationale = "About $10-50m a year." }\n',
        "",
    )
    model = load_model(model_dir, missing="worst")
    assert model.filled == {("regional_office", "durability"), ("regional_office", "cost")}
    scores = model.option("regional_office").file.scores
    assert scores["durability"].value == 0  # benefit: worst is the low end
    assert scores["cost"].value == 5  # cost: worst is the high end


def test_missing_directory() -> None:
    assert problems_of(Path("/nonexistent/model")) == ["/nonexistent/model: no such model directory"]


def test_empty_directory(tmp_path: Path) -> None:
    found = problems_of(tmp_path)
    assert "criteria/: missing folder: a model directory holds criteria/ and options/" in found


def test_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "options").mkdir()
    found = " | ".join(problems_of(tmp_path))
    assert "criteria/lessons.toml: missing" in found
    assert "no criteria group files" in found
    assert "no option files" in found


def test_not_utf8(model_dir: Path) -> None:
    (model_dir / "options" / "regional_office.toml").write_bytes(b'name = "caf\xe9"\n')
    assert "not UTF-8 text" in one_problem(model_dir, "UTF-8")


def test_huge_file(model_dir: Path) -> None:
    path = model_dir / "options" / "regional_office.toml"
    path.write_text("# padding\n" * 200_000)
    assert "limited to 1 MiB" in one_problem(model_dir, "1 MiB")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_non_regular_file(model_dir: Path) -> None:
    os.mkfifo(model_dir / "options" / "pipe.toml")
    assert one_problem(model_dir, "regular") == "options/pipe.toml: not a regular file"


def test_option_stem_must_be_an_id(model_dir: Path) -> None:
    shutil.copy(model_dir / "options" / "regional_office.toml", model_dir / "options" / "Bad-Name.toml")
    assert "not a valid id" in one_problem(model_dir, "Bad-Name")


def test_default_profile_name_is_reserved(model_dir: Path) -> None:
    shutil.copy(model_dir / "criteria/profiles/cost_first.toml", model_dir / "criteria/profiles/default.toml")
    assert "reserved" in one_problem(model_dir, "default.toml")


def test_key_lines_never_invent_lines() -> None:
    text = 'a = 1\n[t]\nb = """\nc = 2\n"""\n[[arr]]\nx = 1\n[[arr]]\nx = 2\n'
    lines = key_lines(text)
    assert lines[("a",)] == 1
    assert lines[("t", "b")] == 3
    assert ("t", "c") not in lines  # inside a multi-line string
    assert lines[("arr", 1, "x")] == 9
