"""`decisiontool weights swing`: swing weighting, asked in a terminal or read from a file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from decisiontool.cli.common import (
    DataOption,
    ProfileOption,
    ViewFormatOption,
    WeightOption,
    build_analysis,
    handles_model_errors,
    stdout_console,
)
from decisiontool.cli.weights.options import ForceOption, NameOption, SaveProfileOption, weights_app
from decisiontool.cli.weights.output import output
from decisiontool.names import DEFAULT_PROFILE

if TYPE_CHECKING:
    from rich.console import Console

    from decisiontool.elicitation import SwingAnswers
    from decisiontool.model import DecisionModel


@weights_app.command(
    "swing",
    epilog=(
        "Examples:  decisiontool weights swing --data ./my-model;  "
        "decisiontool weights swing --answers swing.toml --save-profile swing_2026 --name 'Workshop 2026'"
    ),
)
@handles_model_errors
def swing_command(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help='TOML answers: order = ["c1", "c2=c3", ...] and [ratings] c1 = 100 ... (else asks).',
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    save_profile: SaveProfileOption = None,
    name: NameOption = None,
    force: ForceOption = False,
    output_format: ViewFormatOption = "table",
) -> None:
    """Swing weighting (SMART, or SMARTER without ratings) across all criteria.

    Imagine every criterion at its worst level. Order the swings from worst to best level
    of each criterion, the one that would improve matters most first (ties as a=b), then
    rate each swing from 0 to 100 against the most important one, rated 100. The weights
    are the ratings divided by their sum; without ratings they are the rank-order
    centroid weights of the order (SMARTER). Swings are compared across groups, so the
    resulting profile sets group weights to the sums of their criteria's weights.

    In a terminal the command asks (the questions go to stderr); otherwise give the answers
    in a TOML file with --answers:

        \b
        order = ["resources", "cost=durability", "reach"]  # most important first
        [ratings]                                          # optional: SMARTER without
        resources = 100
        cost = 60
        durability = 60
        reach = 25
    """
    analysis = build_analysis(data, profile, weight, "wsm")
    from decisiontool.elicitation import read_swing_answers, swing_weights_for

    if answers is not None:
        given = read_swing_answers(answers, analysis.model)
        source = str(answers)
    else:
        if not sys.stdin.isatty():
            raise typer.BadParameter(
                "standard input is not a terminal, so the swing questions cannot be asked: "
                "give the answers in a TOML file with --answers FILE (see --help for the format)",
                param_hint="--answers",
            )
        given = ask_swing(analysis.model, stdout_console(stderr=True))
        source = "interactive answers"
    result = swing_weights_for(analysis, given, source=source)
    output(result, output_format, save_profile, name, force, data is None)


_MAX_ATTEMPTS = 10


def ask_swing(model: DecisionModel, console: Console, stream: TextIO | None = None) -> SwingAnswers:
    """Ask the swing questions with rich prompts on `console` (reading `stream`, default stdin).

    Invalid answers are explained and asked again; after many invalid answers in a row
    (or at the end of input) the command is aborted.
    """
    from rich.markup import escape
    from rich.prompt import Confirm

    from decisiontool.elicitation import SwingAnswers, criterion_levels

    ids = [c.id for c in model.criteria]
    levels = {cid: criterion_levels(model, cid) for cid in ids}
    _show_swings(model, levels, console)
    tiers = _ask_order(model, ids, console, stream)
    console.print("Order: " + escape(" > ".join("=".join(tier) for tier in tiers)))
    if not Confirm.ask(
        "Rate each swing against the most important one (SMART)? No: use the order alone (SMARTER)",
        console=console,
        stream=stream,
        default=True,
    ):
        return SwingAnswers(tuple(tuple(tier) for tier in tiers))
    return SwingAnswers(tuple(tuple(tier) for tier in tiers), _ask_ratings(tiers, levels, console, stream))


def _show_swings(model: DecisionModel, levels: dict[str, tuple[str, str]], console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, title="Swings: from the worst to the best level")
    table.add_column("#", justify="right")
    table.add_column("Criterion")
    table.add_column("Worst")
    table.add_column("Best")
    for number, (cid, (worst, best)) in enumerate(levels.items(), start=1):
        table.add_row(
            str(number),
            f"{escape(cid)}\n[dim]{escape(model.criterion(cid).name)}[/dim]",
            escape(worst),
            escape(best),
        )
    console.print(table)
    console.print(
        "Imagine an option at the worst level of every criterion. Which swing to the best level "
        "would you improve first, second, ...?"
    )


def _ask_order(
    model: DecisionModel, ids: list[str], console: Console, stream: TextIO | None
) -> list[list[str]]:
    """The order of the swings (ids or numbers, ties a=b), asked until it is valid."""
    from rich.markup import escape
    from rich.prompt import Prompt

    from decisiontool.elicitation import swing_problems
    from decisiontool.engine.weights import parse_rank_order

    for _ in range(_MAX_ATTEMPTS):
        text = Prompt.ask(
            "Order of the swings, most important first (ids or numbers, separated by spaces; ties as a=b)",
            console=console,
            stream=stream,
        )
        tokens = [
            "=".join(
                ids[int(part) - 1] if part.isdigit() and 1 <= int(part) <= len(ids) else part
                for part in token.split("=")
            )
            for token in text.split()
        ]
        try:
            candidate = parse_rank_order(tokens)
        except ValueError as error:
            console.print(f"[red]{escape(str(error))}[/red]")
            continue
        found = swing_problems(model, candidate, None)
        if found:
            for _key, message in found:
                console.print(f"[red]{escape(message)}[/red]")
            continue
        return candidate
    raise typer.Abort()


def _ask_ratings(
    tiers: list[list[str]], levels: dict[str, tuple[str, str]], console: Console, stream: TextIO | None
) -> dict[str, float]:
    """Each later swing's rating, from 0 to the rating of the swing before it."""
    from rich.markup import escape
    from rich.prompt import FloatPrompt

    ratings: dict[str, float] = dict.fromkeys(tiers[0], 100.0)
    console.print(f"{escape('='.join(tiers[0]))}: 100 (the most important swing)")
    previous = 100.0
    for tier in tiers[1:]:
        worst, best = levels[tier[0]]
        rating: float | None = None
        for _ in range(_MAX_ATTEMPTS):
            # the default is given as text so that it shows as 60, not 60.0
            value = float(
                FloatPrompt.ask(
                    f"{'='.join(tier)} ({worst} -> {best}): rating from 0 to {previous:g}",
                    console=console,
                    stream=stream,
                    default=f"{previous:g}",
                )
            )
            if 0 <= value <= previous:
                rating = float(value)
                break
            console.print(
                f"[red]{value:g} is not between 0 and {previous:g} (a later swing cannot count more "
                "than an earlier one)[/red]"
            )
        if rating is None:
            raise typer.Abort()
        ratings.update(dict.fromkeys(tier, rating))
        previous = rating
    return ratings
