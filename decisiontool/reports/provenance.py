"""Where a report's numbers come from: the model's files with their SHA-256 and the command.

Paths are relative to the model directory; a reader is shown the directory by its name, or as
the bundled model, never a local install path (`Provenance.directory_text`).

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import datetime
import hashlib
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from decisiontool import __version__

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis


@dataclass(frozen=True)
class InputFile:
    """One model file and its SHA-256, so a reader can check they hold the same inputs."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Provenance:
    """Where the numbers come from and how to produce them again."""

    model_directory: str | None
    """The model directory's name (the JSON report's `model_directory`), None for the bundled
    model: never a local path, as the other formats show it (a reader re-runs the command with
    `--data` pointing at their own copy)."""
    bundled: bool
    directory_text: str
    """What a reader is shown for the model directory: its name, or that it is the bundled
    model (never a local install path)."""
    files: tuple[InputFile, ...]
    command: tuple[str, ...]
    command_line: str
    tool_version: str
    date: str


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def provenance(analysis: Analysis, argv: Sequence[str], date: datetime.date) -> Provenance:
    from decisiontool.loading import bundled_model_dir

    model = analysis.model
    root = model.root.resolve()
    files = []
    for file in sorted(model.files, key=lambda p: p.resolve().relative_to(root).as_posix()):
        resolved = file.resolve()
        files.append(
            InputFile(resolved.relative_to(root).as_posix(), sha256_file(resolved), resolved.stat().st_size)
        )
    command = tuple(argv)
    bundled = root == bundled_model_dir().resolve()
    return Provenance(
        model_directory=None if bundled else root.name,
        bundled=bundled,
        directory_text=f"the model bundled with decisiontool {__version__}" if bundled else root.name,
        files=tuple(files),
        command=command,
        command_line=_join_command(command),
        tool_version=__version__,
        date=date.isoformat(),
    )


def _join_command(argv: Sequence[str]) -> str:
    return shlex.join(argv)
