"""Hostile corpus, class 6: interrupted and redirected writes never lose or expose a file.

A write is interrupted at each of its steps (writing, flushing, renaming) by the exception a
Ctrl+C raises; the target must then hold exactly its old bytes and no temporary file may be
left beside it. Signals are sent to a real process too. Symbolic links are followed, never
replaced, and never lend a device's permissions to a report.
"""

from __future__ import annotations

import os
import signal
import stat
import sys
import time
from pathlib import Path

import pytest

from decisiontool.atomic import write_bytes_atomic, write_text_atomic
from decisiontool.problems import ModelError
from tests.signals import interruptible

REPOSITORY = Path(__file__).resolve().parents[2]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    ("step", "force"),
    # a replacing write renames over the target; a new file is hard-linked into place
    [("fsync", True), ("fsync", False), ("replace", True), ("hardlink", False)],
)
def test_ctrl_c_at_any_step_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, force: bool
) -> None:
    target = tmp_path / "report.md"
    if force:
        target.write_bytes(b"old")

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if step == "fsync":
        monkeypatch.setattr(os, "fsync", interrupt)
    elif step == "replace":
        monkeypatch.setattr(Path, "replace", interrupt)
    else:
        monkeypatch.setattr(Path, "hardlink_to", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(target, b"new", force=force)
    assert leftovers(tmp_path) == []
    assert (target.read_bytes() if target.exists() else None) == (b"old" if force else None)


def test_force_over_a_symlink_updates_the_file_it_names(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_text_atomic(link, "new", force=True)
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_a_symlink_to_a_device_is_refused_without_borrowing_its_mode(tmp_path: Path) -> None:
    link = tmp_path / "report.md"
    link.symlink_to("/dev/null")
    with pytest.raises(ModelError, match="not a regular file"):
        write_text_atomic(link, "x", force=True)
    assert link.is_symlink() and str(link.readlink()) == "/dev/null"
    assert leftovers(tmp_path) == []


def test_a_dangling_symlink_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "report.md"
    link.symlink_to(tmp_path / "missing.md")
    write_text_atomic(link, "new")
    assert link.is_symlink()
    assert (tmp_path / "missing.md").read_text(encoding="utf-8") == "new"


def test_a_symlink_loop_is_refused(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(ModelError):
        write_text_atomic(a, "x", force=True)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_a_long_report_stops_cleanly(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    with interruptible(
        [sys.executable, "-m", "decisiontool", "report", "-o", str(target), "--force", "--smaa", "2000000"],
        cwd=tmp_path,
        env=env,
    ) as process:
        time.sleep(2.5)  # past start-up, inside the computation (2,000,000 SMAA samples take longer)
        process.send_signal(signum)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_report_says_the_output_exists_before_computing(
    model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from decisiontool import robustness
    from decisiontool.cli import app

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("computed before checking the output")

    monkeypatch.setattr(robustness, "smaa", must_not_run)
    monkeypatch.setattr(robustness, "sensitivity", must_not_run)
    target = tmp_path / "r.md"
    target.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["report", "--data", str(model_dir), "-o", str(target), "--smaa", "1000", "--sensitivity"]
    )
    assert result.exit_code == 1
    assert "already exists; use --force to replace it" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine"
