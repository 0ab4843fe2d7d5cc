"""Core benchmark: the CLI as a whole process, and the engine alone on a large matrix.

Run: `python benchmarks/bench_core.py` (after `pip install .`). Prints sizes, times and
ratios; asserts nothing (speed is measured here, never in unit tests).

Aims (issue 2): `decisiontool rank --format json` on the bundled model answers in under
0.3 s; the engine ranks 500 options x 40 criteria with PROMETHEE II in under 50 ms.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

from decisiontool.engine import METHODS, CriteriaArrays, competition_ranks


def best_of(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best, median) wall time in seconds over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def process(args: list[str]) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run(args, capture_output=True, check=True)

    return run


def main() -> None:
    print("== whole process (best / median of 7)")
    baseline, baseline_median = best_of(process([sys.executable, "-c", "import json"]), 7)
    cli, cli_median = best_of(process([sys.executable, "-m", "decisiontool", "rank", "--format", "json"]), 7)
    print(f"python -c 'import json'             {baseline * 1000:7.1f} ms / {baseline_median * 1000:7.1f} ms")
    print(f"decisiontool rank --format json     {cli * 1000:7.1f} ms / {cli_median * 1000:7.1f} ms")
    print(f"ratio rank / bare interpreter       {cli / baseline:7.1f}x   (aim: rank under 300 ms)")

    m, n = 500, 40
    rng = np.random.default_rng(1)
    scores = rng.uniform(0, 5, size=(m, n)).round(1)
    weights = rng.dirichlet(np.ones(n))
    benefit = rng.random(n) < 0.7
    criteria = CriteriaArrays.simple([0.0] * n, [5.0] * n, list(benefit))
    print(f"\n== engine alone: {m} options x {n} criteria (best / median of 15), score + rank")
    for method_id, method in METHODS.items():

        def once(method_id: str = method_id) -> None:
            result = METHODS[method_id](scores, weights, criteria)
            competition_ranks(result.score, METHODS[method_id].higher_is_better)

        best, median = best_of(once, 15)
        aim = "   (aim: under 50 ms)" if method_id == "promethee2" else ""
        print(f"{method_id:<12} {best * 1000:8.2f} ms / {median * 1000:8.2f} ms{aim}")
        del method


if __name__ == "__main__":
    main()
