"""The `decisiontool` command: a typer app whose commands live in this package's modules.

Each module registers its commands on `app`; each command imports what it needs inside
itself, so that `decisiontool rank` never loads textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="decisiontool",
    help=(
        "Compare future models of peace operations and multilateral approaches to organised "
        "crime with weighted multi-criteria analysis, scored against MINUSMA's lessons.\n\n"
        "Examples:\n\n"
        "  decisiontool rank\n\n"
        "  decisiontool rank --method topsis --profile rights_victims_first\n\n"
        "  decisiontool compare --profiles\n\n"
        "  decisiontool validate --data ./my-model"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

COMMAND_MODULES = (
    "validate",
    "rank",
    "compare",
    "show",
    "init",
    "robustness",
    "explain",
    "report",
    "interchange",
    "weights",
    "panel",
    "tui",
    "serve",
)
"""The modules that register commands on `app` when imported, in the order of `--help`."""

for _module in COMMAND_MODULES:
    importlib.import_module(f"decisiontool.cli.{_module}")


def _examples_one_per_line(typer_app: typer.Typer) -> None:
    """Commands write `Examples:  a;  b` on one line; --help shows one example per line."""
    from decisiontool.cli.common import examples

    for command in typer_app.registered_commands:
        epilog = command.epilog
        if isinstance(epilog, str) and epilog.startswith("Example") and ":  " in epilog:
            command.epilog = examples(*epilog.split(":  ", 1)[1].split(";  "))
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _examples_one_per_line(group.typer_instance)


_examples_one_per_line(app)

__all__ = ["COMMAND_MODULES", "app", "main"]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point.

    SIGTERM is turned into the KeyboardInterrupt of Ctrl+C, so both unwind the same way:
    every atomic write removes its temporary file, nothing partial is left, and typer exits
    with status 130 without a traceback.
    """
    import signal

    signal.signal(signal.SIGTERM, _interrupt)
    app(prog_name="decisiontool")
