"""The time estimates behind the `--yes` bound (decisiontool/cli/budget.py) against measured runs.

Run: `python benchmarks/bench_budget.py [--quick]`. For each method and model size, SMAA-2
(free weights, uniform scores, as `smaa` runs by default) is timed with a sample count the
estimate puts at about ESTIMATED_SECONDS, and the ratio measured / estimated is printed (the
bound wants it within about 2x either way). The rates in budget.py were set from this output
on the 2-core development machine under the load printed at the top; asserts nothing.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.cli.budget import estimated_seconds
from decisiontool.engine import METHODS, CriteriaArrays
from decisiontool.engine.smaa import smaa
from decisiontool.loading import load_model

QUICK = "--quick" in sys.argv
ESTIMATED_SECONDS = 0.5 if QUICK else 1.5


def ranged_model(m: int, n: int, seed: int = 7) -> tuple[Any, ...]:
    """m options x n criteria, a range on every score (as benchmarks/run.py's 200 x 30)."""
    rng = np.random.default_rng(seed)
    scores = rng.uniform(1, 4, size=(m, n)).round(1)
    spread = rng.uniform(0.1, 1.0, size=(m, n))
    low, high = np.clip(scores - spread, 0, 5), np.clip(scores + spread, 0, 5)
    criteria = CriteriaArrays.simple([0.0] * n, [5.0] * n, list(rng.random(n) < 0.7))
    return scores, low, high, np.arange(n) % 5, np.ones(5), np.ones(n), criteria


def bundled() -> tuple[Any, ...]:
    analysis = Analysis.create(load_model())
    arrays = analysis.arrays
    return (arrays.scores, arrays.low, arrays.high, arrays.group_index, analysis.group_weights,
            analysis.criterion_weights, arrays.criteria)  # fmt: skip


def measure(setting: tuple[Any, ...], method_id: str) -> tuple[int, float, float]:
    """(samples, estimated s, measured s) of one run sized to about ESTIMATED_SECONDS."""
    m, n = setting[0].shape
    samples = int(ESTIMATED_SECONDS / estimated_seconds(1, m, n, method_id))
    samples = max(100, min(samples, 2_000_000))
    start = time.perf_counter()
    smaa(*setting, METHODS[method_id], samples=samples, seed=1)
    return samples, estimated_seconds(samples, m, n, method_id), time.perf_counter() - start


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    sizes: list[tuple[str, tuple[Any, ...]]] = [("bundled 14 x 13", bundled())]
    sizes += [("50 x 10", ranged_model(50, 10)), ("200 x 30", ranged_model(200, 30))]
    if not QUICK:
        sizes += [("1000 x 13", ranged_model(1000, 13))]
    print(f"{'model':<18}{'method':<12}{'samples':>10}{'estimated':>11}{'measured':>10}{'ratio':>8}")
    for label, setting in sizes:
        for method_id in METHODS:
            samples, estimate, measured = measure(setting, method_id)
            print(f"{label:<18}{method_id:<12}{samples:>10,}{estimate:>10.2f}s{measured:>9.2f}s"
                  f"{measured / estimate:>7.2f}x")  # fmt: skip
    print("aim: every ratio within 0.5x .. 2x")


if __name__ == "__main__":
    main()
