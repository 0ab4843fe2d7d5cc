"""Real processes for the signal tests: Ctrl+C must reach them, and none may outlive its test.

A shell starts a background job with SIGINT ignored, and a child inherits that disposition, so a
test suite run in the background would send a SIGINT that the tool never sees (Python keeps an
ignored SIGINT ignored). The child here gets the default disposition back before it starts, as a
process started from an interactive terminal has it, and is killed if the test fails first.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextmanager
def interruptible(args: list[str], **kwargs: Any) -> Iterator[subprocess.Popen[str]]:
    """`subprocess.Popen(args, text=True, stdout/stderr piped, **kwargs)` that takes Ctrl+C."""
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
        **kwargs,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
