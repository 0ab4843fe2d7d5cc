"""Reading judgement files (AHP comparisons, swing answers) with the loader's TOML reader.

Must not import typer, rich or textual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from decisiontool.loading import read_toml as read_model_toml
from decisiontool.problems import Problem, did_you_mean


def read_toml(path: Path, name: str | None = None) -> tuple[str, dict[str, Any]]:
    """Read a judgement file: its text (for line numbers) and its tables.

    Problems (a missing file, not UTF-8, a TOML syntax error with its line and column)
    raise ModelError naming the file as `name` (default: the path as given).
    """
    return read_model_toml(path, name or str(path), "judgement files")


def unknown_keys(
    table: Mapping[str, Any], allowed: Sequence[str], name: str, prefix: str, line: Any
) -> list[Problem]:
    found = []
    for key in table:
        if key not in allowed:
            found.append(
                Problem(
                    name,
                    f"{prefix}.{key}" if prefix else key,
                    f"unknown key '{key}'{did_you_mean(key, allowed)}; allowed here: {', '.join(allowed)}",
                    line(key),
                )
            )
    return found
