"""Every figure of issue 13 in one run, each as a ratio against a named baseline.

Run: `pip install '.[bench]' && python benchmarks/run.py` (add `--quick` for fewer repeats
and samples). Prints medians; asserts nothing (speed is measured here, never in unit tests).

- Start-up, whole processes, median of REPEAT: `rank --format json`, `validate` and
  `show criteria` on the bundled model, cold (DECISIONTOOL_NO_CACHE=1) and answered by the
  result cache, against `python -c "import numpy"` (aim: within 1.5x) and bare Python.
- SMAA-2 per method on the bundled model and on 200 options x 30 criteria with a range on
  every score, against a per-sample pymcdm loop computing the same indices (aim: >= 50x;
  bench_robustness.pymcdm_loop, its time scaled linearly from its own sample count).
- Peak memory and time of wsm SMAA on the bundled model at 10^5, 10^6 and 10^7 samples, with
  the progress hook the CLI's bar uses (and its number of calls).
- The time estimates of the `--yes` bound against measured runs (bench_budget.py).
- Hostile sizes (bench_hostile.py): 2,000 options through rank, compare, show, explain and
  smaa, and validation of a crafted ~1 MiB file, against the bundled model and issue 17's
  figures before the fixes.

A full run takes about 10 minutes on the loaded 2-core development machine; `--quick` about 3.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import bench_budget
import bench_hostile
import numpy as np
from bench_robustness import pymcdm_loop

from decisiontool.analysis import Analysis
from decisiontool.engine import METHODS, CriteriaArrays
from decisiontool.engine.smaa import smaa
from decisiontool.loading import load_model

QUICK = "--quick" in sys.argv
REPEAT = 5 if QUICK else 11
SAMPLES = 2_000 if QUICK else 10_000
LOOP_SAMPLES = 20 if QUICK else 100
MEMORY_SAMPLES = (100_000, 1_000_000) if QUICK else (100_000, 1_000_000, 10_000_000)


def median_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def process(args: list[str], environment: dict[str, str]) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run(args, capture_output=True, check=True, env=environment)

    return run


def start_up() -> None:
    cache_home = tempfile.mkdtemp(prefix="decisiontool-bench-cache-")
    cached = {**os.environ, "XDG_CACHE_HOME": cache_home}
    cached.pop("DECISIONTOOL_NO_CACHE", None)
    cold = {**cached, "DECISIONTOOL_NO_CACHE": "1"}
    numpy_time = median_time(process([sys.executable, "-c", "import numpy"], cold), REPEAT)
    bare = median_time(process([sys.executable, "-c", "pass"], cold), REPEAT)
    print(f"== start-up, whole process, median of {REPEAT}")
    print(f"baseline python -c 'import numpy'   {numpy_time * 1000:7.1f} ms")
    print(f"baseline python -c pass             {bare * 1000:7.1f} ms")
    print(f"{'command':<32}{'':>6}{'ms':>9}{'/ numpy':>9}{'/ bare':>9}")
    for command in (["rank", "--format", "json"], ["validate"], ["show", "criteria"]):
        args = [sys.executable, "-m", "decisiontool", *command]
        for label, environment in (("cold", cold), ("cached", cached)):
            elapsed = median_time(process(args, environment), REPEAT)
            print(
                f"{' '.join(command):<32}{label:>6}{elapsed * 1000:>9.1f}"
                f"{elapsed / numpy_time:>8.2f}x{elapsed / bare:>8.1f}x"
            )
    print("aim: within 1.5x of 'import numpy' ('cached': the second and later runs of a command)")


def smaa_ratios(label: str, scores: Any, low: Any, high: Any, setting: Any) -> None:
    group_index, group_weights, criterion_weights, criteria = setting
    m, n = scores.shape
    print(f"\n== SMAA-2, {SAMPLES:,} samples, {label}: {m} x {n}, against a per-sample pymcdm loop")
    print(f"{'method':<12}{'ours':>10}{'pymcdm loop':>16}{'ratio':>10}")
    for method_id, method in METHODS.items():

        def ours(method: Any = method) -> None:
            smaa(scores, low, high, group_index, group_weights, criterion_weights, criteria, method,
                 samples=SAMPLES, seed=1)  # fmt: skip

        ours_time = median_time(ours, 3 if m <= 20 else 1)

        def loop_run(method_id: str = method_id) -> None:
            pymcdm_loop(method_id, scores, low, high, criteria.benefit, LOOP_SAMPLES)

        loop = median_time(loop_run, 1) * (SAMPLES / LOOP_SAMPLES)
        print(f"{method_id:<12}{ours_time * 1000:>8.1f}ms{loop * 1000:>14.0f}ms{loop / ours_time:>9.0f}x")
    print("aim: >= 50x for every method")


def bundled_setting(analysis: Analysis) -> tuple[Any, ...]:
    """smaa's arguments before the method for the bundled model: scores, ranges, weights, criteria."""
    arrays = analysis.arrays
    return (
        arrays.scores,
        arrays.low,
        arrays.high,
        arrays.group_index,
        analysis.group_weights,
        analysis.criterion_weights,
        arrays.criteria,
    )


def memory(analysis: Analysis) -> None:
    print("\n== wsm SMAA on the bundled model: time, peak memory (tracemalloc) and the progress hook")
    print("baseline: the same run without the hook (progress=None), at the smallest sample count")
    plain = 0.0
    for samples in MEMORY_SAMPLES:
        calls: list[int] = []
        record = calls.append
        tracemalloc.start()
        start = time.perf_counter()
        smaa(*bundled_setting(analysis), METHODS["wsm"], samples=samples, seed=1,
             progress=lambda done, _total, record=record: record(done))  # fmt: skip
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        if not plain:
            start = time.perf_counter()
            smaa(*bundled_setting(analysis), METHODS["wsm"], samples=samples, seed=1)
            plain = time.perf_counter() - start
            print(f"{samples:>12,} samples without the hook: {plain:7.2f} s")
        print(
            f"{samples:>12,} samples: {elapsed:7.2f} s, peak {peak / 2**20:7.1f} MiB, "
            f"{len(calls):,} progress calls (one per chunk)"
        )
    print("aim: memory bounded at any sample count (chunked); the hook costs nothing measurable")


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures are medians)\n")
    start_up()
    analysis = Analysis.create(load_model())
    scores, low, high, *setting = bundled_setting(analysis)
    smaa_ratios("bundled model", scores, low, high, setting)
    rng = np.random.default_rng(7)
    m, n = 200, 30
    scores = rng.uniform(1, 4, size=(m, n)).round(1)
    spread = rng.uniform(0.1, 1.0, size=(m, n))
    low, high = np.clip(scores - spread, 0, 5), np.clip(scores + spread, 0, 5)
    criteria = CriteriaArrays.simple([0.0] * n, [5.0] * n, list(rng.random(n) < 0.7))
    setting = [np.arange(n) % 5, np.ones(5), np.ones(n), criteria]
    smaa_ratios("ranges on every score", scores, low, high, setting)
    memory(analysis)
    print()
    bench_budget.main()
    print()
    bench_hostile.main()


if __name__ == "__main__":
    main()
