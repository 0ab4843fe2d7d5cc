"""The `decisiontool` command: a typer app whose commands live in this package's modules.

`app` (decisiontool/cli/application.py) is built on first use; `main()` first asks the result
cache (decisiontool/cli/cache.py), which answers a repeated `rank`, `show` or `validate`
without importing typer, pydantic or numpy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer

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


def __getattr__(name: str) -> typer.Typer:
    """`decisiontool.cli.app`: the typer app, built (every command registered) on first use."""
    if name == "app":
        from decisiontool.cli.application import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["COMMAND_MODULES", "app", "main"]


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point.

    SIGTERM is turned into the KeyboardInterrupt of Ctrl+C, so both unwind the same way:
    every atomic write removes its temporary file, nothing partial is left, and typer exits
    with status 130 without a traceback. A command the result cache can answer is answered
    from it (byte for byte what the command printed before); any other runs the typer app.
    """
    import signal
    import sys

    from decisiontool.cli import cache

    signal.signal(signal.SIGTERM, _interrupt)
    try:
        cache.run(sys.argv[1:], _run_app)
    except KeyboardInterrupt:  # Ctrl+C before typer took over (while importing): no traceback either
        sys.exit(130)


def _run_app() -> None:
    from decisiontool.cli.application import app

    app(prog_name="decisiontool")
