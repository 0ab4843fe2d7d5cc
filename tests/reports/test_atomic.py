"""`decisiontool.atomic`: all or nothing, never over an existing file without force, clear errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from decisiontool.atomic import write_bytes_atomic, write_text_atomic
from decisiontool.problems import ModelError


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_a_new_file_with_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_text_atomic(target, "héllo\n")
    assert target.read_bytes() == "héllo\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
    assert leftovers(tmp_path) == []


def test_refuses_to_replace_without_force(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    with pytest.raises(ModelError) as error:
        write_bytes_atomic(target, b"new")
    assert str(error.value) == f"{target}: already exists; pass force=True to replace it"
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_replaces_with_force_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    target.chmod(0o640)
    write_bytes_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


def test_missing_folder_and_directory_target(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        write_bytes_atomic(tmp_path / "nope" / "r.md", b"x")
    with pytest.raises(ModelError, match="is a directory"):
        write_bytes_atomic(tmp_path, b"x", force=True)
    file = tmp_path / "file"
    file.write_text("")
    with pytest.raises(ModelError, match="does not exist"):
        write_bytes_atomic(file / "r.md", b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ModelError, match="permission denied"):
            write_bytes_atomic(folder / "r.md", b"x")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_failure_while_renaming_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")

    def fail(self: Path, other: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(ModelError, match="cannot write: No space left on device"):
        write_bytes_atomic(target, b"new", force=True)
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_failure_while_writing_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(ModelError, match="Input/output error"):
        write_bytes_atomic(tmp_path / "report.md", b"new")
    assert list(tmp_path.iterdir()) == []
