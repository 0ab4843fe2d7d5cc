"""One TOML file read for validation: its text, its tables and (once) its key lines.

`read_toml` is the one reader of model and judgement files: size, regular file, UTF-8 and
TOML syntax (with line and column) are checked here and nowhere else.

Must not import numpy, rich or textual.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from decisiontool.loading.lines import KeyPath, key_lines, line_of
from decisiontool.problems import ModelError, Problem, Problems

__all__ = ["MAX_FILE_BYTES", "TomlSource", "read_source", "read_toml", "toml_type_name"]

MAX_FILE_BYTES = 1 << 20
"""A model file larger than this (1 MiB) is refused: no honest model file is that big."""


@dataclass
class TomlSource:
    """A parsed file: where it is, how problems name it, its text and its TOML tables."""

    path: Path
    name: str
    text: str
    data: dict[str, Any]
    _lines: dict[KeyPath, int] | None = field(default=None, repr=False, compare=False)

    @property
    def lines(self) -> dict[KeyPath, int]:
        """Key path -> line number, read once per file however many problems ask."""
        if self._lines is None:
            self._lines = key_lines(self.text)
        return self._lines

    def line(self, *loc: str | int) -> int | None:
        """The line of a key path (or of its nearest enclosing key), None when unknown."""
        return line_of(self.lines, loc)


def read_toml(path: Path, name: str, limit_note: str = "model files") -> tuple[str, dict[str, Any]]:
    """Read one TOML file: its text (for line numbers) and its tables.

    Refuses, with a ModelError naming the file as `name`: an unreadable or non-regular file,
    one over 1 MiB, text that is not UTF-8 (with its line), a TOML syntax error (with line
    and column). Shared by model files and judgement files (`decisiontool weights`).
    """

    def refuse(message: str, line: int | None = None) -> ModelError:
        return ModelError([Problem(name, "", message, line)])

    try:
        info = path.stat()
    except OSError as error:
        raise refuse(f"cannot read: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise refuse("not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise refuse(f"file is {info.st_size:,} bytes; {limit_note} are limited to 1 MiB")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise refuse(f"cannot read: {error.strerror or error}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise refuse("starts with a byte order mark (BOM); save the file as UTF-8 without BOM", 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise refuse(f"not UTF-8 text (byte {error.start})", raw[: error.start].count(b"\n") + 1) from None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = getattr(error, "msg", str(error))
        line = getattr(error, "lineno", None)
        column = getattr(error, "colno", None)
        where = f" (line {line}, column {column})" if line is not None and column is not None else ""
        raise refuse(f"TOML syntax error: {message}{where}", line) from None
    except RecursionError:
        raise refuse("TOML arrays or inline tables nested too deeply to read") from None
    return text, data


def read_source(
    path: Path, name: str, problems: Problems, limit_note: str = "model files"
) -> TomlSource | None:
    """Read and parse one file, recording in `problems` why it could not be."""
    try:
        text, data = read_toml(path, name, limit_note)
    except ModelError as error:
        problems.extend(error.problems)
        return None
    return TomlSource(path, name, text, data)


def toml_type_name(value: Any) -> str:
    """How a TOML value's type reads in a message: 'a string', 'an array', ..."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
