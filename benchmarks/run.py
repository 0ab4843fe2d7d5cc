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

import bench_budget
import bench_hostile
from bench_robustness import bundled_setting, ranged_model, report_model

from decisiontool.analysis import Analysis
from decisiontool.engine import METHODS
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
    for label, setting in (
        ("bundled model", bundled_setting(analysis)),
        ("ranges on every score", ranged_model()),
    ):
        report_model(label, setting, samples=SAMPLES, loop_samples=LOOP_SAMPLES, timer=median_time)
    memory(analysis)
    print()
    bench_budget.main()
    print()
    bench_hostile.main()


if __name__ == "__main__":
    main()
