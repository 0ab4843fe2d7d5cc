"""Findings benchmark: `decisiontool explain` as a whole process, and its parts in-process.

Run: `python benchmarks/bench_findings.py` (after `pip install .`, or with the checkout on
PYTHONPATH). Prints times and ratios against named baselines; asserts nothing (speed is
measured here, never in unit tests).

Aim (issue 11): `decisiontool explain` on the bundled model answers in under a second at
10,000 samples, whole process, under every method. Baselines: the bare interpreter and
`decisiontool rank --format json` (the start-up every command pays), and `decisiontool smaa
--weights around` (the SMAA run at the heart of the findings).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable

METHODS = ("wsm", "topsis", "vikor", "promethee2")


def best_of(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(best, median) wall time in seconds over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def process(*args: str) -> Callable[[], object]:
    def run() -> object:
        return subprocess.run([sys.executable, *args], capture_output=True, check=True)

    return run


def line(label: str, best: float, median: float, note: str = "") -> None:
    print(f"{label:<48} {best * 1000:7.0f} ms / {median * 1000:7.0f} ms{note}")


def main() -> None:
    repeat = 5
    print(f"== whole process, bundled model, 10,000 samples (best / median of {repeat})")
    bare = best_of(process("-c", "import json"), repeat)
    line("python -c 'import json'", *bare)
    rank = best_of(process("-m", "decisiontool", "rank", "--format", "json"), repeat)
    line("decisiontool rank --format json", *rank)
    for method in METHODS:
        smaa_args = ("smaa", "--weights", "around", "--method", method, "--format", "json")
        smaa = best_of(process("-m", "decisiontool", *smaa_args), repeat)
        explain = best_of(
            process("-m", "decisiontool", "explain", "--method", method, "--format", "json"), repeat
        )
        line(f"decisiontool smaa --weights around --method {method}", *smaa)
        verdict = "ok" if explain[1] < 1.0 else "OVER"
        line(
            f"decisiontool explain --method {method}",
            *explain,
            f"   {explain[0] / rank[0]:4.1f}x rank, {explain[0] / smaa[0]:4.1f}x smaa (aim < 1 s: {verdict})",
        )

    print("\n== in-process parts, bundled model (best / median of 5)")
    from decisiontool.analysis import Analysis
    from decisiontool.findings import compute
    from decisiontool.findings.changes import closest_changes
    from decisiontool.loading import load_model
    from decisiontool.robustness import smaa as run_smaa

    model = load_model()
    for method in METHODS:
        analysis = Analysis.create(model, method=method)
        parts: dict[str, Callable[[], object]] = {
            "smaa around": lambda a=analysis: run_smaa(a, samples=10_000, weight_mode="around"),
            "score intervals": lambda a=analysis: compute.score_intervals(a, 10_000, 1),
            "closest changes": lambda a=analysis: closest_changes(a),
            "agreement": lambda a=analysis: compute.agreement(a),
            "compute_findings": lambda a=analysis: compute.compute_findings(a),
        }
        for label, function in parts.items():
            line(f"{method:<11} {label}", *best_of(function, 5))


if __name__ == "__main__":
    main()
