"""Performance matrices in and out (docs/model-format.md): spreadsheets to model directories and back.

- `read_matrix(path, sheet=None) -> Matrix`: a .csv or .xlsx understood, with every assumption.
- `import_matrix(path, to, sheet=None, force=False) -> ImportResult`: the commented, validated
  model directory written (atomically; an existing one replaced only with `force`).
- `export_model(model, path, force=False)`: a model as .csv, .xlsx or XMCDA v4 .xml.

Bad input raises `decisiontool.problems.ModelError` whose problems read
`FILE: row R, column C: message`. An analysis-layer package: must not import rich or textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from decisiontool.interchange.export import EXPORT_SUFFIXES, export_bytes, export_model
from decisiontool.interchange.matrix import Matrix
from decisiontool.interchange.reader import parse_matrix
from decisiontool.interchange.sheets import MAX_SHEET_BYTES, read_workbook

__all__ = [
    "EXPORT_SUFFIXES",
    "MAX_SHEET_BYTES",
    "ImportResult",
    "Matrix",
    "export_bytes",
    "export_model",
    "import_matrix",
    "read_matrix",
]


@dataclass(frozen=True)
class ImportResult:
    """What `import_matrix` wrote and assumed."""

    source: str
    target: Path
    criteria: int
    groups: int
    options: int
    assumptions: tuple[str, ...]
    missing: int

    def to_json(self) -> dict[str, Any]:
        """The result as `decisiontool.import/1` JSON."""
        return {
            "schema": "decisiontool.import/1",
            "source": self.source,
            "target": str(self.target),
            "counts": {"criteria": self.criteria, "groups": self.groups, "options": self.options},
            "assumptions": list(self.assumptions),
            "missing_scores": self.missing,
        }


def read_matrix(path: Path | str, *, sheet: str | None = None) -> Matrix:
    """Read and understand a performance matrix (.csv or .xlsx); ModelError with every problem."""
    return parse_matrix(read_workbook(path, sheet=sheet))


def import_matrix(
    path: Path | str,
    to: Path | str,
    *,
    sheet: str | None = None,
    force: bool = False,
    name: str | None = None,
) -> ImportResult:
    """Turn a spreadsheet into a model directory at `to`; nothing is written unless all of it is good."""
    from decisiontool.interchange.build import check_target, model_files, write_model_directory

    target = Path(to)
    check_target(target, force=force)
    matrix = read_matrix(path, sheet=sheet)
    files = model_files(matrix, name or Path(path).stem)
    write_model_directory(files, target, force=force)
    return ImportResult(
        source=str(path),
        target=target,
        criteria=len(matrix.criteria),
        groups=len(matrix.groups),
        options=len(matrix.options),
        assumptions=matrix.assumptions,
        missing=len(matrix.missing),
    )
