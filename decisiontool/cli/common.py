"""What every command shares: the common options, loading, error handling and output.

Commands import heavy things (textual, jinja2, xlsxwriter) inside themselves; this module
imports only typer and the light core.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal, ParamSpec, TypeVar

import typer

from decisiontool.names import MethodName
from decisiontool.problems import ALREADY_EXISTS, MISSING_WORST, ModelError, Problem
from decisiontool.sanitise import cell, terminal

P = ParamSpec("P")
R = TypeVar("R")

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="Model directory holding criteria/ and options/ (default: the bundled MINUSMA model).",
        show_default=False,
    ),
]
ProfileOption = Annotated[
    str,
    typer.Option("--profile", metavar="ID", help="Weight profile id (see `decisiontool show profiles`)."),
]
WeightOption = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        metavar="ID=VALUE",
        help="Override a relative weight: ID=VALUE, ID a criterion or a group (repeatable).",
        show_default=False,
    ),
]
MethodOption = Annotated[
    MethodName,
    typer.Option(
        "--method",
        help="Scoring method: wsm (additive value), topsis, vikor (lower Q is better) or promethee2.",
    ),
]
VikorVOption = Annotated[
    float,
    typer.Option("--vikor-v", min=0.0, max=1.0, help="VIKOR's weight of group utility against regret."),
]
MissingOption = Annotated[
    Literal["refuse", "worst"],
    typer.Option(
        "--missing",
        help="Missing scores: refuse the model, or score them at the scale's worst end (flagged).",
    ),
]


TableFormat = Literal["table", "json", "csv", "md"]
FormatOption = Annotated[
    TableFormat, typer.Option("--format", "-f", help="Output format: table, json, csv or md.")
]
ViewFormat = Literal["table", "json"]
ViewFormatOption = Annotated[ViewFormat, typer.Option("--format", "-f", help="Output format: table or json.")]


def echo(text: object, *, err: bool = False) -> None:
    """typer.echo for a line that may hold model text: control characters shown, never sent raw."""
    typer.echo(terminal(text), err=err)


FLAGS: dict[str, str] = {
    "weights": "--weight",
    "method": "--method",
    "profile": "--profile",
    "vikor_v": "--vikor-v",
    "criteria": "--criterion",
    "steps": "--steps",
    "samples": "--samples",
    "spread": "--spread",
}
"""The flag of each library parameter a Problem may name (others: `--` + the name, '_' as '-')."""

PHRASES: dict[str, str] = {
    ALREADY_EXISTS: "already exists; use --force to replace it",
    MISSING_WORST: "`--missing worst`",
}
"""Library wording that names a parameter -> the CLI's wording, naming the flag."""


def as_cli_problem(problem: Problem) -> Problem:
    """The problem as the CLI reports it: a parameter named by its flag, hints naming flags."""
    message = problem.message
    for phrase, flag in PHRASES.items():
        message = message.replace(phrase, flag)
    path = problem.path
    if problem.parameter:
        path = FLAGS.get(path, "--" + path.replace("_", "-"))
    return replace(problem, path=path, message=message, parameter=False)


def fail(problems: list[Problem] | tuple[Problem, ...]) -> typer.Exit:
    """Print problems (in the CLI's words) to stderr and return the Exit(1) to raise."""
    for problem in problems:
        echo(as_cli_problem(problem), err=True)
    count = len(problems)
    typer.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
    return typer.Exit(1)


def handles_model_errors(function: Callable[P, R]) -> Callable[P, R]:
    """Turn a ModelError raised by a command into problems on stderr and exit code 1."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except ModelError as error:
            raise fail(error.problems) from None

    return wrapper


def parse_weight_override(text: str) -> tuple[str, float]:
    """`ID=VALUE` -> (id, value); ValueError with a plain message when malformed."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ValueError(f"{text!r} is not ID=VALUE (e.g. --weight cost_burden=2)")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{text!r}: {value!r} is not a number") from None
    return name.strip(), number


def parse_overrides(weights: list[str] | None) -> list[tuple[str, float]]:
    """`--weight ID=VALUE` options -> pairs; a malformed one is a usage error (exit 2)."""
    pairs = []
    for text in weights or []:
        try:
            pairs.append(parse_weight_override(text))
        except ValueError as error:
            raise typer.BadParameter(str(error), param_hint="--weight") from None
    return pairs


def build_analysis(
    data: Path | None,
    profile: str,
    weights: list[str] | None,
    method: str,
    vikor_v: float = 0.5,
    missing: str = "refuse",
) -> Any:
    """Load the model and create the Analysis the command works on (ModelError if bad)."""
    from decisiontool.analysis import Analysis
    from decisiontool.loading import load_model

    overrides = parse_overrides(weights)
    model = load_model(data, missing="worst" if missing == "worst" else "refuse")
    return Analysis.create(model, profile=profile, overrides=overrides, method=method, vikor_v=vikor_v)


def csv_value(value: object) -> str:
    """One CSV cell: a float written exactly, text never a live formula nor a raw control code."""
    if isinstance(value, float):
        return repr(value)
    return cell(terminal(value))


def print_json(document: Any) -> None:
    """Write one JSON document to stdout (and nothing else)."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n")


def stdout_console(*, stderr: bool = False) -> Any:
    """A rich console for results: colour only on a terminal, a sensible width in pipes.

    Everything it prints passes `decisiontool.sanitise.terminal` segment by segment (after
    layout, so tables, panels and markup all go through it): text from a model file can never
    send an escape sequence to the terminal. Only rich's own styling reaches it as codes.
    """
    from rich.console import Console

    from decisiontool.cli.terminal import TerminalSafe

    stream = sys.stderr if stderr else sys.stdout
    width = None if stream.isatty() or os.environ.get("COLUMNS") else 110
    console = Console(highlight=False, width=width, stderr=stderr)
    console.push_render_hook(TerminalSafe())
    return console


def examples(*lines: str) -> str:
    """An epilog listing example command lines, one per line (kept as written by --help)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)
