"""Hostile corpus, pathological model files: each is named with a clear reason, none crashes,
none is silently ignored, and one broken file does not cascade into errors about others."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.loading import load_model
from decisiontool.problems import ModelError

runner = CliRunner()


def problems_of(model_dir: Path) -> list[str]:
    with pytest.raises(ModelError) as raised:
        load_model(model_dir)
    return [str(problem) for problem in raised.value.problems]


def validate(model_dir: Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["validate", "--data", str(model_dir)])
    return result.exit_code, result.stdout, result.stderr


def test_a_byte_order_mark_is_named(model_dir: Path) -> None:
    path = model_dir / "options" / "regional_office.toml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems_of(model_dir) == [
        "options/regional_office.toml:1: starts with a byte order mark (BOM); "
        "save the file as UTF-8 without BOM"
    ]


def test_deeply_nested_arrays_are_refused_not_a_recursion_error(model_dir: Path) -> None:
    deep = "a = " + "[" * 5000 + "]" * 5000 + "\n"
    (model_dir / "options" / "deep.toml").write_text(deep, encoding="utf-8")
    found = problems_of(model_dir)
    assert len(found) == 1
    assert found[0].startswith("options/deep.toml: ") and "nested too deeply" in found[0]


def test_profiles_as_a_file_is_a_problem(model_dir: Path) -> None:
    profiles = model_dir / "criteria" / "profiles"
    for child in profiles.iterdir():
        child.unlink()
    profiles.rmdir()
    profiles.write_text("x", encoding="utf-8")
    assert problems_of(model_dir) == ["criteria/profiles: should be a folder of profile files, not a file"]


def test_lessons_as_a_directory_does_not_cascade(model_dir: Path) -> None:
    lessons = model_dir / "criteria" / "lessons.toml"
    lessons.unlink()
    lessons.mkdir()
    assert problems_of(model_dir) == ["criteria/lessons.toml: not a regular file"]


def test_a_file_with_an_upper_case_suffix_is_not_silently_ignored(model_dir: Path) -> None:
    (model_dir / "options" / "extra.TOML").write_text('name = "x"\n', encoding="utf-8")
    found = problems_of(model_dir)
    assert found == ["options/extra.TOML: model files end in '.toml' (lower case); rename it or move it away"]


def test_a_dangling_symlink_is_named(model_dir: Path) -> None:
    (model_dir / "options" / "ghost.toml").symlink_to(model_dir / "nowhere.toml")
    assert problems_of(model_dir) == ["options/ghost.toml: cannot read: No such file or directory"]


def test_a_file_that_is_not_utf8_names_its_line(model_dir: Path) -> None:
    path = model_dir / "options" / "regional_office.toml"
    path.write_bytes(path.read_bytes() + b'\nnote = "\xff"\n')
    found = problems_of(model_dir)
    assert len(found) == 1 and "not UTF-8" in found[0]
    assert found[0].startswith("options/regional_office.toml:")


def test_an_unreadable_file_is_named(model_dir: Path) -> None:
    if os.geteuid() == 0:
        # root reads every file: make the file unreadable another way, as a folder would be
        path = model_dir / "options" / "locked.toml"
        path.mkdir()
    else:  # pragma: no cover - CI and this machine run as root
        path = model_dir / "options" / "locked.toml"
        path.write_text('name = "x"\n', encoding="utf-8")
        path.chmod(0)
    code, out, err = validate(model_dir)
    assert code == 1 and out == ""
    assert "options/locked.toml:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "text",
    [
        "a = 1\na = 2\n",  # duplicate key
        '"""unterminated',
        "x = 1e99999\n",  # infinite float
        "x = nan\n",
        "[scores]\n" + "".join(f"k{i} = {i}\n" for i in range(4000)),  # 4,000 unknown keys
    ],
)
def test_broken_option_files_give_problems_not_tracebacks(model_dir: Path, text: str) -> None:
    (model_dir / "options" / "broken.toml").write_text(text, encoding="utf-8")
    code, _, err = validate(model_dir)
    assert code == 1
    assert "options/broken.toml" in err and "Traceback" not in err
