"""Hostile corpus, class 5: odd but legal input gets a clear answer, never a traceback.

Each case runs the real entry point in a subprocess (so an uncaught exception would show as
a traceback on stderr and a non-zero status other than 1 or 2) and checks the promised exit
status, the message, and that nothing was written where nothing should be.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    env.pop("COLUMNS", None)
    return subprocess.run(
        [sys.executable, "-m", "decisiontool", *(os.fsdecode(a) if isinstance(a, Path) else a for a in args)],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
        cwd=cwd,
        env=env,
    )


def assert_clean_failure(result: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["smaa", "--seed", "-1"],
        ["compare", "--smaa", "--seed", "-1"],
        ["report", "-o", "r.md", "--smaa", "100", "--seed", "-1"],
    ],
)
def test_a_negative_seed_is_a_usage_error(model_dir: Path, tmp_path: Path, args: list[str]) -> None:
    result = run(*args, "--data", model_dir, cwd=tmp_path)
    assert_clean_failure(result, 2, "--seed")
    assert not (tmp_path / "r.md").exists()


@pytest.mark.parametrize("profile_id", ["/tmp/absolute", "../outside", "", "Has Spaces", "default"])
def test_save_profile_refuses_what_is_no_profile_id(model_dir: Path, tmp_path: Path, profile_id: str) -> None:
    before = sorted(p.name for p in (model_dir / "criteria" / "profiles").iterdir())
    result = run(
        "weights", "rank", "resources", "reach", "durability", "cost",
        "--data", model_dir, "--save-profile", profile_id, cwd=tmp_path,
    )  # fmt: skip
    assert_clean_failure(result, 1, "profile id")
    assert sorted(p.name for p in (model_dir / "criteria" / "profiles").iterdir()) == before
    assert not Path("/tmp/absolute.toml").exists()


@pytest.mark.parametrize("suffix", [".md", ".html", ".json", ".xlsx", ".csv"])
def test_report_to_a_path_that_is_not_utf8(model_dir: Path, tmp_path: Path, suffix: str) -> None:
    if sys.platform == "darwin":  # pragma: no cover - macOS refuses such names itself
        pytest.skip("the filesystem does not allow non-UTF-8 names")
    name = os.fsdecode(b"r\xff" + suffix.encode())
    result = run("report", "--data", model_dir, "-o", name, "--date", "2026-01-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / name).is_file()
    assert "Wrote r\\xff" in result.stdout


def test_init_in_the_current_empty_directory(tmp_path: Path) -> None:
    result = run("init", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["criteria", "options"]
    assert run("validate", "--data", ".", cwd=tmp_path).returncode == 0


def test_init_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("init", ".", cwd=tmp_path)
    assert_clean_failure(result, 1, "not an empty directory")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
