"""`decisiontool serve`: the same app in a web browser (textual-serve), for colleagues without a terminal.

The model and the options are checked first, exactly as `decisiontool tui` checks them;
then each browser that opens the page gets its own `decisiontool tui` with those options.
textual-serve is imported only inside the command.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

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


def tui_command(
    data: Path | None, profile: str, weights: list[str] | None, method: str, vikor_v: float, missing: str
) -> str:
    """The `decisiontool tui` command line each browser session runs (quoted for a shell)."""
    argv = [sys.executable, "-m", "decisiontool", "tui"]
    if data is not None:
        argv += ["--data", str(data.resolve())]
    argv += ["--profile", profile, "--method", method, "--vikor-v", f"{vikor_v:g}", "--missing", missing]
    for weight in weights or []:
        argv += ["--weight", weight]
    return shlex.join(argv)


@app.command(
    epilog=(
        "Examples:  decisiontool serve;  decisiontool serve --port 8080 --profile balanced;  "
        "decisiontool serve --host 0.0.0.0 --public-url http://my-laptop:8000"
    )
)
@handles_model_errors
def serve(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (default: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    public_url: Annotated[
        str | None, typer.Option("--public-url", help="The address browsers use, when not host:port.")
    ] = None,
    stop_after: Annotated[
        float | None,
        typer.Option(
            "--stop-after", min=0.1, metavar="SECONDS", help="Stop serving after this many seconds."
        ),
    ] = None,
) -> None:
    """Serve the interactive app in a web browser: open the printed address.

    Everyone who opens the page gets their own session of `decisiontool tui` on the same
    model and options; saving and exporting write on this machine. Ctrl+C stops serving.
    """
    build_analysis(data, profile, weight, method, vikor_v, missing)  # refuse a bad model before serving
    from decisiontool.tui.serve import serve_app

    command = tui_command(data, profile, weight, method, vikor_v, missing)
    serve_app(command, host=host, port=port, public_url=public_url, stop_after=stop_after)
