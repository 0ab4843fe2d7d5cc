"""`decisiontool import` and `decisiontool export`: performance matrices in and out (docs/model-format.md).

Thin: `decisiontool.interchange` does the work; these commands print what it assumed and wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decisiontool.cli import app
from decisiontool.cli.common import (
    DataOption,
    MissingOption,
    ProfileOption,
    ViewFormatOption,
    WeightOption,
    build_analysis,
    echo,
    handles_model_errors,
    print_json,
)
from decisiontool.names import DEFAULT_PROFILE

ForceOption = Annotated[bool, typer.Option("--force", help="Replace the output if it exists.")]


def run_import(source: Path, to: Path, sheet: str | None, force: bool, output_format: str = "table") -> None:
    """Import `source` into `to` and report (shared with `init --from`)."""
    from decisiontool.interchange import import_matrix

    result = import_matrix(source, to, sheet=sheet, force=force)
    if output_format == "json":
        print_json(result.to_json())
        return
    for assumption in result.assumptions:
        echo(f"assumed: {assumption}")
    echo(
        f"Wrote a model to {to}: {result.criteria} criteria in {result.groups} "
        f"group{'s' if result.groups != 1 else ''}, {result.options} options. "
        f"Next: decisiontool validate --data {to}" + (" --missing worst" if result.missing else "")
    )


@app.command(
    "import",
    epilog=(
        "Examples:  decisiontool import options.xlsx --to my-model;  "
        "decisiontool import matrix.csv --to my-model --force;  "
        "decisiontool import book.xlsx --sheet Scores --to my-model"
    ),
)
@handles_model_errors
def import_command(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A .csv or .xlsx performance matrix.")],
    to: Annotated[Path, typer.Option("--to", metavar="DIR", help="The model directory to write.")],
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", metavar="NAME", help="The workbook's matrix sheet (default: the first)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace DIR if it holds a model.")] = False,
    output_format: ViewFormatOption = "table",
) -> None:
    """Turn a spreadsheet (one row per option, one column per criterion) into a model directory.

    The header row starts with `option`; optional rows `direction`, `weight`, `scale_min`,
    `scale_max`, `group` under it describe the criteria; each score is a number or
    `number [low, high]`. Whatever the sheet leaves out is assumed, printed, and written as a
    comment into the model. Nothing is written unless the whole sheet is good.
    """
    run_import(source, to, sheet, force, output_format)


@app.command(
    epilog=(
        "Examples:  decisiontool export -o model.xlsx;  decisiontool export -o matrix.csv --data my-model;  "
        "decisiontool export -o model.xml --force"
    )
)
@handles_model_errors
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Where to write: .csv, .xlsx or .xml (XMCDA v4)."
        ),
    ],
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    missing: MissingOption = "refuse",
    force: ForceOption = False,
) -> None:
    """Write a model as a performance matrix that `decisiontool import` reads back.

    .csv: the matrix; .xlsx: the matrix plus Options and Evidence sheets; .xml: XMCDA v4
    (alternatives, criteria with scales and directions, weights, performance table). The
    weights written are the effective weights of --profile (default: the group files') with any
    --weight overrides.
    """
    from decisiontool.interchange import export_model

    analysis = build_analysis(data, profile, weight, "wsm", missing=missing)
    model = analysis.model
    export_model(model, output, force=force, weights=analysis.weight_map())
    echo(f"Wrote {output}: {len(model.options)} options x {len(model.criteria)} criteria.")
