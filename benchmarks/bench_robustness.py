"""Robustness benchmark: SMAA-2 and weight sensitivity, against the obvious per-sample loop.

Run: `pip install '.[bench]' && python benchmarks/bench_robustness.py` (pymcdm is a
benchmark-only dependency). Prints sizes, times and ratios; asserts nothing.

Aims (issue 4): wsm SMAA of 10,000 samples on the bundled model under 0.1 s; every method at
least 50x faster than a Python loop calling pymcdm's method once per sample and computing the
same indices (rank acceptability, central weights, confidence factors); memory bounded by
chunking (peak reported for 1,000,000 samples on the bundled model). The loop runs
LOOP_SAMPLES samples and its time is scaled linearly to SAMPLES.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.engine import METHODS, CriteriaArrays
from decisiontool.engine.smaa import smaa
from decisiontool.loading import load_model
from decisiontool.robustness import sensitivity

SAMPLES = 10_000
LOOP_SAMPLES = 100
"""Samples run through the per-sample pymcdm loop; its time is scaled to SAMPLES."""


def timed(function: Callable[[], Any], repeat: int = 3) -> float:
    """Best wall time of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def pymcdm_loop(
    method_id: str,
    scores: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    benefit: np.ndarray,
    samples: int,
) -> None:
    """The obvious SMAA-2, computing what `smaa` computes, one pymcdm call at a time.

    Pass 1, per sample: draw weights and scores, call the method, rank, count ranks and sum
    the weights of each sample's first option. Pass 2 (confidence factors), for every option
    that was ever first: evaluate its central weights on fresh score draws and count how
    often it is first.
    """
    from pymcdm import methods

    makers: dict[str, Callable[[], Any]] = {
        "wsm": methods.WSM,
        "topsis": methods.TOPSIS,
        "vikor": methods.VIKOR,
        "promethee2": lambda: methods.PROMETHEE_II("usual"),
    }
    method = makers[method_id]()
    rng = np.random.default_rng(1)
    m, n = scores.shape
    types = np.where(benefit, 1, -1)
    counts = np.zeros((m, m))
    central = np.zeros((m, n))
    for _ in range(samples):
        weights = rng.dirichlet(np.ones(n))
        drawn = rng.uniform(low, high) + 1.0  # pymcdm's sum normalisation refuses zeros
        ranks = np.asarray(method.rank(method(drawn, weights, types, validation=False)), dtype=int)
        counts[np.arange(m), ranks - 1] += 1
        central[ranks == 1] += weights
    first = counts[:, 0] > 0
    central[first] /= counts[first, 0][:, None]
    confidence = np.zeros(m)
    for i in np.flatnonzero(first):
        for _ in range(samples):
            drawn = rng.uniform(low, high) + 1.0
            ranks = np.asarray(method.rank(method(drawn, central[i], types, validation=False)), dtype=int)
            confidence[i] += ranks[i] == 1


def bundled_setting(analysis: Analysis) -> tuple[Any, ...]:
    """smaa's arguments before the method for a model: scores, ranges, weights, criteria."""
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


def ranged_model(m: int = 200, n: int = 30, seed: int = 7) -> tuple[Any, ...]:
    """smaa's arguments before the method for a random m x n model with a range on every score."""
    rng = np.random.default_rng(seed)
    scores = rng.uniform(1, 4, size=(m, n)).round(1)
    spread = rng.uniform(0.1, 1.0, size=(m, n))
    low, high = np.clip(scores - spread, 0, 5), np.clip(scores + spread, 0, 5)
    criteria = CriteriaArrays.simple([0.0] * n, [5.0] * n, list(rng.random(n) < 0.7))
    return scores, low, high, np.arange(n) % 5, np.ones(5), np.ones(n), criteria


def report_model(
    label: str,
    setting: tuple[Any, ...],
    *,
    samples: int = SAMPLES,
    loop_samples: int = LOOP_SAMPLES,
    timer: Callable[[Callable[[], Any], int], float] = timed,
) -> None:
    """Time SMAA (free weights) of every method on `setting` (`bundled_setting`, `ranged_model`)
    against the per-sample pymcdm loop, whose time over `loop_samples` is scaled to `samples`."""
    scores, low, high, *_weights, criteria = setting
    m, n = scores.shape
    print(f"\n== SMAA-2, {samples:,} samples, {label}: {m} options x {n} criteria, free weights,")
    print("   against a per-sample pymcdm loop")
    print(f"{'method':<12}{'ours':>10}{'pymcdm loop':>16}{'ratio':>10}")
    for method_id, method in METHODS.items():

        def ours(method: Any = method) -> None:
            smaa(*setting, method, samples=samples, seed=1)

        def loop(method_id: str = method_id) -> None:
            pymcdm_loop(method_id, scores, low, high, criteria.benefit, loop_samples)

        ours_time = timer(ours, 3 if m <= 20 else 1)
        loop_time = timer(loop, 1) * (samples / loop_samples)
        ratio = loop_time / ours_time
        print(f"{method_id:<12}{ours_time * 1000:>8.1f}ms{loop_time * 1000:>14.0f}ms{ratio:>9.0f}x")
    print("aim: >= 50x for every method")


def main() -> None:
    analysis = Analysis.create(load_model())
    report_model("bundled model", bundled_setting(analysis))
    report_model("random model with ranges on every score", ranged_model())

    print("\n== peak memory, wsm SMAA on the bundled model (tracemalloc)")
    for samples in (10_000, 1_000_000):
        tracemalloc.start()
        start = time.perf_counter()
        smaa(*bundled_setting(analysis), METHODS["wsm"], samples=samples, seed=1)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"{samples:>10,} samples: {elapsed:6.2f} s, peak {peak / 2**20:6.1f} MiB")

    print("\n== weight sensitivity of every criterion, bundled model (sweeps of 21 steps + critical weights)")
    for method_id in METHODS:
        current = analysis.with_method(method_id)
        how = "exact" if current.method.exact_sensitivity else "grid + bisection to 1e-6"
        elapsed = timed(lambda current=current: sensitivity(current))
        print(f"{method_id:<12}{elapsed * 1000:8.1f} ms  ({how})")


if __name__ == "__main__":
    main()
