"""`decisiontool serve`: it starts, serves the app's page on a loopback port, and stops by itself."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
import urllib.request
from pathlib import Path

from typer.testing import CliRunner

from decisiontool.cli import app as cli_app
from tests.signals import interruptible
from tests.tui.conftest import DATA

ROOT = Path(__file__).parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def first_screen(url: str, seconds: float = 10.0) -> bytes:
    """Open the app as a browser does (a websocket and the terminal's size); what it draws first."""
    import aiohttp

    seen = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as websocket:
        await websocket.send_json(["resize", {"width": 100, "height": 30}])
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and b"Regional political office" not in seen:
            try:
                message = await websocket.receive(timeout=1)
            except TimeoutError:
                continue
            if isinstance(message.data, bytes):
                seen += message.data
            elif isinstance(message.data, str):
                seen += message.data.encode("utf-8")
    return seen


def test_serve_starts_serves_the_page_and_stops_on_ctrl_c() -> None:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "decisiontool", "serve", "--data", str(DATA), "--port", str(port)]
    # a loaded machine may take many seconds to start the server, then the app (textual-serve
    # starts one process per browser connection); --stop-after is only a safety net here
    with interruptible([*command, "--stop-after", "120"], env=env) as process:
        page = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert response.status == 200
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.2)
        assert "textual.js" in page  # the terminal in the browser that runs the app
        assert f"ws://127.0.0.1:{port}/ws" in page
        screen = asyncio.run(first_screen(f"ws://127.0.0.1:{port}/ws", seconds=45))
        assert b"Ranking" in screen and b"Regional political office" in screen
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert f"Serving decisiontool at http://127.0.0.1:{port}" in output


def test_serve_stops_by_itself_after_stop_after() -> None:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "decisiontool", "serve", "--data", str(DATA), "--port", str(port)]
    started = time.monotonic()
    with interruptible([*command, "--stop-after", "2"], env=env) as process:
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert time.monotonic() - started >= 2
    assert f"Serving decisiontool at http://127.0.0.1:{port}" in output


def test_serve_refuses_a_model_that_cannot_load(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--data", str(tmp_path / "nothing"), "--stop-after", "1"])
    assert result.exit_code == 1
    assert "Serving" not in result.output
