"""The progress bar of long runs, in real processes on real pseudo-terminals (decisiontool/cli/progress.py).

stdout and stderr each get a pty of their own, so what reaches each can be told apart: the
bar is drawn on stderr only when both are terminals, never when either is a pipe, and the
JSON on stdout is byte for byte what a pipe receives. Ctrl+C (a real SIGINT) while the bar
shows exits 130 without a traceback, erases the bar and leaves no file behind.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOL = [sys.executable, "-m", "decisiontool"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": "100", "DECISIONTOOL_NO_CACHE": "1"}
BAR = b"SMAA-2 (about "
"""The bar's title: `smaa` and `compare --smaa` print the estimate beside it."""
SHOWN_CURSOR = b"\x1b[?25h"
"""rich hides the cursor while the bar is live and shows it again when the bar is removed."""


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as from an interactive shell (see tests/signals.py)


@dataclass
class Run:
    returncode: int
    stdout: bytes
    stderr: bytes


def on_terminals(args: list[str], *, interrupt_on: bytes | None = None, timeout: float = 120) -> Run:
    """Run the tool with stdout and stderr on two ptys; with `interrupt_on`, send SIGINT once
    stderr shows it."""
    out_master, out_slave = pty.openpty()
    err_master, err_slave = pty.openpty()
    process = subprocess.Popen(
        [*TOOL, *args],
        stdin=subprocess.DEVNULL,
        stdout=out_slave,
        stderr=err_slave,
        env=ENV,
        preexec_fn=_default_sigint,
    )
    os.close(out_slave)
    os.close(err_slave)
    received = {out_master: b"", err_master: b""}
    open_ = {out_master, err_master}
    deadline = time.monotonic() + timeout
    try:
        while open_ and time.monotonic() < deadline:
            ready, _, _ = select.select(list(open_), [], [], 0.1)
            for fd in ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the slave side closed: the process has ended
                    chunk = b""
                if not chunk:
                    open_.discard(fd)
                received[fd] += chunk
            if interrupt_on is not None and interrupt_on in received[err_master]:
                process.send_signal(signal.SIGINT)
                interrupt_on = None
        process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(out_master)
        os.close(err_master)
    # a pty turns each "\n" into "\r\n" (ONLCR)
    return Run(process.returncode, received[out_master].replace(b"\r\n", b"\n"), received[err_master])


def piped(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*TOOL, *args], capture_output=True, env=ENV, timeout=120, check=False)


SMAA = ["smaa", "--samples", "150000", "--format", "json"]
"""Estimated past a second (the bar shows at once), a few seconds at most."""


def test_on_a_terminal_a_long_smaa_shows_a_bar_on_stderr_and_the_same_json_on_stdout() -> None:
    shown = on_terminals(SMAA)
    assert shown.returncode == 0, shown.stderr
    assert BAR in shown.stderr and b"150,000 samples" in shown.stderr
    assert b"Traceback" not in shown.stderr
    plain = piped(SMAA)
    assert plain.returncode == 0
    assert plain.stderr == b""  # piped: no bar
    assert shown.stdout == plain.stdout  # the JSON is byte-identical with and without the bar
    assert BAR not in shown.stdout


def test_no_bar_when_only_stderr_is_a_terminal() -> None:
    err_master, err_slave = pty.openpty()
    try:
        result = subprocess.run(
            [*TOOL, *SMAA], stdout=subprocess.PIPE, stderr=err_slave, env=ENV, timeout=120
        )
        os.close(err_slave)
        stderr = b""
        while select.select([err_master], [], [], 0.2)[0]:
            try:
                chunk = os.read(err_master, 65536)
            except OSError:
                break
            if not chunk:
                break
            stderr += chunk
    finally:
        os.close(err_master)
    assert result.returncode == 0
    assert stderr == b""
    assert result.stdout.startswith(b"{")


def test_a_short_run_shows_no_bar_even_on_a_terminal() -> None:
    shown = on_terminals(["smaa", "--samples", "2000", "--format", "json"])
    assert shown.returncode == 0
    assert shown.stderr == b""


def test_compare_smaa_shows_a_bar_and_keeps_its_json() -> None:
    args = ["compare", "--smaa", "--samples", "150000", "--format", "json"]
    shown = on_terminals(args)
    assert shown.returncode == 0, shown.stderr
    assert BAR in shown.stderr
    assert shown.stdout == piped(args).stdout


def test_ctrl_c_while_the_smaa_bar_shows_exits_130_and_removes_the_bar() -> None:
    run = on_terminals(["smaa", "--samples", "200000000", "--yes"], interrupt_on=b"200,000,000 samples")
    assert run.returncode == 130
    assert b"Traceback" not in run.stderr
    assert run.stdout == b""
    last_bar = run.stderr.rindex(b"200,000,000 samples")
    assert SHOWN_CURSOR in run.stderr[last_bar:]  # the live bar was stopped (and erased: transient)


def test_ctrl_c_while_the_report_bar_shows_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "r.html"
    args = ["report", "-o", str(target), "--smaa", "50000000", "--yes"]
    run = on_terminals(args, interrupt_on=b"SMAA-2 ")
    assert run.returncode == 130
    assert b"Report (about " in run.stderr
    assert b"Traceback" not in run.stderr
    assert SHOWN_CURSOR in run.stderr[run.stderr.rindex(b"SMAA-2 ") :]
    assert list(tmp_path.iterdir()) == []  # no report, no temporary file
