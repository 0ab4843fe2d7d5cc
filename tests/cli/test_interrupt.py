"""Ctrl+C (a real SIGINT to a real process) stops a long SMAA cleanly: exit 130, no traceback."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.signals import interruptible

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("delay", [0.2, 2.5])
def test_ctrl_c_during_a_long_smaa_exits_130_without_a_traceback(model_dir: Path, delay: float) -> None:
    command = [sys.executable, "-m", "decisiontool", "smaa", "--samples", "200000000", "--yes"]
    with interruptible(
        [*command, "--format", "json", "--data", str(model_dir)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ) as process:
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr
    assert stdout == ""
