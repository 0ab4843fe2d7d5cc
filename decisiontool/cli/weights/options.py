"""The `weights` sub-app and the options its commands share."""

from __future__ import annotations

from typing import Annotated

import typer

from decisiontool.cli import app

weights_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(
    weights_app,
    name="weights",
    help=(
        "Derive criteria weights from judgements (an importance order, swing ratings, AHP pairwise "
        "comparisons) or, for reference, from the scores (entropy, CRITIC); print them and, with "
        "--save-profile ID, write criteria/profiles/ID.toml.\n\n"
        "Each command starts from the weights of --profile (with any --weight overrides): whatever "
        "the judgements do not decide keeps those weights. `weights` in the output are the effective "
        "weights (summing to 1) that the new profile gives."
    ),
)

BAR_WIDTH = 16

SaveProfileOption = Annotated[
    str | None,
    typer.Option(
        "--save-profile",
        metavar="ID",
        help="Write the weights to criteria/profiles/ID.toml in the model (a comment records how).",
        show_default=False,
    ),
]
NameOption = Annotated[
    str | None,
    typer.Option(
        "--name", help="Display name of the saved profile (default: the method).", show_default=False
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Overwrite an existing profile; its comments and layout are kept."),
]
