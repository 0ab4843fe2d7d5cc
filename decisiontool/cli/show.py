"""`decisiontool show`: what a model holds, or one item of it in full."""

from __future__ import annotations

from typing import Annotated, Literal

import typer

from decisiontool.cli import app
from decisiontool.cli.common import (
    DataOption,
    MethodOption,
    MissingOption,
    ProfileOption,
    ViewFormatOption,
    WeightOption,
    build_analysis,
    handles_model_errors,
    print_json,
    stdout_console,
)
from decisiontool.names import DEFAULT_PROFILE

ShowKind = Literal["criteria", "options", "profiles", "lessons"]


@app.command(
    epilog=(
        "Examples:  decisiontool show criteria;  decisiontool show options un_sanctions_poe;  "
        "decisiontool show lessons L09"
    )
)
@handles_model_errors
def show(
    kind: Annotated[ShowKind, typer.Argument(help="What to list: criteria, options, profiles or lessons.")],
    item: Annotated[str | None, typer.Argument(help="One id to show in full.", show_default=False)] = None,
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    missing: MissingOption = "refuse",
    output_format: ViewFormatOption = "table",
) -> None:
    """List what a model holds, or show one criterion, option, profile or lesson in full.

    Criteria are listed with their effective weights under --profile; an option in full
    shows every score with its range, rationale and sources.
    """
    from decisiontool.cli import show_items

    analysis = build_analysis(data, profile, weight, method, 0.5, missing)
    document = show_items.document(analysis, kind, item)
    if output_format == "json":
        print_json(document)
    else:
        show_items.render(analysis, kind, item, stdout_console())

