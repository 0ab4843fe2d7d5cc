"""The app in a web browser: textual-serve running `decisiontool tui` for each browser session."""

from __future__ import annotations

import asyncio


def serve_app(
    command: str, *, host: str, port: int, public_url: str | None, stop_after: float | None
) -> None:
    """Serve `command` (a `decisiontool tui` command line) until Ctrl+C or `stop_after` seconds."""
    from textual_serve.server import Server

    server = Server(command, host=host, port=port, title="decisiontool", public_url=public_url)
    print(f"Serving decisiontool at {server.public_url} (Ctrl+C stops)", flush=True)
    if stop_after is not None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.call_later(stop_after, server.request_exit)
    server.serve()
