"""The typer app, built on the first use of `decisiontool.cli.app`, with every command module.

Kept apart from `decisiontool.cli` so that `main()` can answer a repeated command from the
result cache (decisiontool/cli/cache.py) without importing typer at all. Each command module
registers its commands on `app`; each command imports what it needs inside itself, so that
`decisiontool rank` never loads textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import importlib

import typer

from decisiontool.cli import COMMAND_MODULES

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
