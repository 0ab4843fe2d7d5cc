"""The result cache of `main()` (decisiontool/cli/cache.py), through real processes.

The expectation is always the same command run with the cache turned off: a cached answer
must be byte for byte what the command prints, and must follow every edit of the model.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], cache_home: Path, *, cache: bool = True) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONPATH": str(ROOT)}
    environment.pop("DECISIONTOOL_NO_CACHE", None)
    environment.pop("COLUMNS", None)
    if not cache:
        environment["DECISIONTOOL_NO_CACHE"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "decisiontool", *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=120,
    )


def entries(cache_home: Path) -> list[Path]:
    folder = cache_home / "decisiontool"
    return sorted(folder.iterdir()) if folder.is_dir() else []


@pytest.mark.parametrize(
    "command",
    [["rank", "--format", "json"], ["rank", "--method", "topsis"], ["show", "criteria"], ["validate"]],
)
def test_a_repeated_command_prints_what_the_command_prints(
    model_dir: Path, tmp_path: Path, command: list[str]
) -> None:
    args = [*command, "--data", str(model_dir)]
    expected = run(args, tmp_path, cache=False)
    assert expected.returncode == 0 and expected.stdout
    assert entries(tmp_path) == []
    first = run(args, tmp_path)
    assert len(entries(tmp_path)) == 1
    second = run(args, tmp_path)
    for result in (first, second):
        assert (result.returncode, result.stdout, result.stderr) == (0, expected.stdout, "")


def test_an_edited_model_is_read_again(model_dir: Path, tmp_path: Path) -> None:
    args = ["rank", "--format", "json", "--data", str(model_dir)]
    before = run(args, tmp_path).stdout
    option = model_dir / "options" / "large_mission.toml"
    option.write_text(option.read_text().replace("Large multidimensional mission", "Renamed mission"))
    after = run(args, tmp_path)
    assert "Renamed mission" in after.stdout and "Renamed mission" not in before
    assert after.stdout == run(args, tmp_path, cache=False).stdout
    assert len(entries(tmp_path)) == 2


def test_a_damaged_entry_is_ignored_and_replaced(model_dir: Path, tmp_path: Path) -> None:
    args = ["rank", "--format", "json", "--data", str(model_dir)]
    expected = run(args, tmp_path).stdout
    (entry,) = entries(tmp_path)
    entry.write_bytes(entry.read_bytes().replace(b'"rank"', b'"RANK"', 1))
    assert run(args, tmp_path).stdout == expected
    assert run(args, tmp_path).stdout == expected
    assert b'"RANK"' not in entry.read_bytes()


def test_failures_are_not_kept(model_dir: Path, tmp_path: Path) -> None:
    result = run(["rank", "--profile", "nope", "--data", str(model_dir)], tmp_path)
    assert result.returncode == 1 and "nope" in result.stderr
    assert entries(tmp_path) == []


def test_an_unusable_cache_is_never_required(model_dir: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    args = ["rank", "--format", "json", "--data", str(model_dir)]
    result = run(args, blocked)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == run(args, tmp_path, cache=False).stdout
