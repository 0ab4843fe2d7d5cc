"""`decisiontool tui`: open the Textual app (textual is imported only inside the command)."""

from __future__ import annotations

import typer

from decisiontool.cli import app
from decisiontool.cli.common import (
    DataOption,
    MethodOption,
    MissingOption,
    ProfileOption,
    VikorVOption,
    WeightOption,
    build_analysis,
    handles_model_errors,
)
from decisiontool.names import DEFAULT_PROFILE


@app.command(
    epilog=(
        "Examples:  decisiontool tui;  decisiontool tui --profile council_cost_conscious --method topsis;  "
        "decisiontool tui --data ./my-model"
    )
)
@handles_model_errors
def tui(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
) -> None:
    """Open the interactive app: adjust weights and watch the ranking move.

    Weights, ranking and evidence side by side; every change of weight re-ranks at once.
    Press ? in the app for every key. A model that cannot load prints its problems and
    exits with 1 before the app starts; edits to the model files while the app runs are
    picked up (and problems shown) as you save them. The exit status is 1 when anything
    failed during the session (a save, an export, a computation: each was shown in the app).
    """
    analysis = build_analysis(data, profile, weight, method, vikor_v, missing)
    from decisiontool.tui import run_app

    status = run_app(analysis)
    if status:
        raise typer.Exit(status)
