"""`decisiontool init`: a starter model (or one built from a spreadsheet)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decisiontool.cli import app
from decisiontool.cli.common import echo, handles_model_errors


@app.command(epilog="Example:  decisiontool init my-model && decisiontool validate --data my-model")
@handles_model_errors
def init(
    directory: Annotated[
        Path, typer.Argument(help="Where to write the starter model (must not hold files).")
    ],
    from_sheet: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Start from a spreadsheet (.csv or .xlsx): as `decisiontool import FILE --to DIR`.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a small, valid, commented starter model to DIRECTORY.

    Two groups, four criteria, three options and one profile, whose comments explain the
    format. The directory must not exist or be empty. With --from FILE, the model is the
    spreadsheet's instead (see `decisiontool import`).
    """
    from decisiontool.starter import write_starter

    if from_sheet is not None:
        from decisiontool.cli.interchange import run_import

        run_import(from_sheet, directory, None, False)
        return

    write_starter(directory)
    echo(f"Wrote a starter model to {directory}. Next: decisiontool validate --data {directory}")
