"""How long and how much memory a Monte-Carlo run will take, and the bounds past which it needs `--yes`.

`smaa --samples 1000000000` used to be accepted and run silently for most of a day. Every
command that runs SMAA-2 (`smaa`, `compare --smaa`, `report`) estimates the run before it
starts and refuses one past TIME_BOUND_SECONDS or MEMORY_BOUND_BYTES with the estimate and a
suggestion, unless `--yes` (a usage error, exit 2, as `smaa` has always done).

Time per sample is modelled per method as `cell * m * n + pair * m^2 + spread * m * n *
sqrt(m)` seconds for m options and n criteria: drawing, preparing and weighing the scores
(m x n), counting who beats whom (m^2), and the confidence pass, which evaluates every option
ever first (about sqrt(m) of them) under its own weights. The rates were fitted by
benchmarks/bench_budget.py to process CPU time (the wall time of an otherwise idle machine)
on the 2-core development machine, bundled model to 1,000 options x 13 criteria with ranges
everywhere; the fit is within 0.5x-1.4x of every measured run. A busy machine takes longer
(at a load average of 11 on 2 cores, wall time was about 3 times CPU time). Building the
result (a share for every pair of options, as Python numbers) adds RESULT_SECONDS_PER_PAIR per
pair, once per run: at 2,000 options, 8 seconds whatever the sample count.

Memory of the run's arrays is bounded by the engine's chunks at any sample count; what grows
is the result, which holds every pair of options (rank acceptability and pairwise winning
shares, as Python numbers): about MEMORY_PER_PAIR bytes per pair of options (measured: 1,000
options, 0.49 GB for `smaa --format json`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import typer

TIME_BOUND_SECONDS = 300.0
"""Runs estimated to take longer than this need `--yes`."""

MEMORY_BOUND_BYTES = 4 * 2**30
"""Runs estimated to need more memory than this need `--yes`."""

MEMORY_BASE = 100 * 2**20
"""Bytes of a run before its result: Python, numpy, the model and the engine's chunks."""

MEMORY_PER_PAIR = 400
"""Bytes of the result per pair of options (m^2 of them)."""


RESULT_SECONDS_PER_PAIR = 2e-6
"""Seconds per pair of options to build the typed result and its JSON, once per run (measured:
1,000 options, one sample, about 2 s beyond loading)."""


@dataclass(frozen=True)
class Rates:
    """Seconds per sample per option x criterion, per pair of options, and per option x
    criterion x sqrt(options) (the confidence pass)."""

    cell: float
    pair: float
    spread: float


RATES = {
    "wsm": Rates(cell=5.3e-8, pair=3.0e-9, spread=1.5e-11),
    "topsis": Rates(cell=9.3e-8, pair=3.4e-9, spread=0.0),
    "vikor": Rates(cell=4.7e-8, pair=0.0, spread=2.7e-8),
    "promethee2": Rates(cell=1.8e-7, pair=2.8e-9, spread=0.0),
}
"""Fitted by benchmarks/bench_budget.py (see the module's docstring)."""


def estimated_seconds(samples: int, options: int, criteria: int, method: str, *, runs: int = 1) -> float:
    """About how long `runs` SMAA-2 runs of `samples` samples take on an options x criteria model."""
    rates = RATES.get(method, RATES["vikor"])
    cells = options * criteria
    per_sample = (
        rates.cell * cells + rates.pair * options * options + rates.spread * cells * math.sqrt(options)
    )
    return runs * (samples * per_sample + RESULT_SECONDS_PER_PAIR * options * options)


def estimated_bytes(options: int) -> int:
    """About how much memory an SMAA-2 run on `options` options needs, at any sample count."""
    return MEMORY_BASE + MEMORY_PER_PAIR * options * options


def duration(seconds: float) -> str:
    """`45 seconds`, `12 minutes`, `3.4 hours`, `2.1 days`."""
    if seconds < 90:
        return f"{seconds:.0f} seconds"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} minutes"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / 86400:.1f} days"


def refusal(
    samples: int, options: int, criteria: int, method: str, *, runs: int = 1, flag: str = "--samples"
) -> str | None:
    """Why a run of `samples` samples is refused without `--yes` (None when it is within the bounds)."""
    size = f"{options:,} options x {criteria} criteria with {method}"
    needed = estimated_bytes(options)
    if needed > MEMORY_BOUND_BYTES:
        return (
            f"SMAA-2 of {size} would need about {needed / 2**30:.1f} GB of memory at any sample count "
            f"(the bound is {MEMORY_BOUND_BYTES / 2**30:.0f} GB): it keeps a share for every pair of "
            "options. Rank fewer options, or add --yes to run it anyway."
        )
    seconds = estimated_seconds(samples, options, criteria, method, runs=runs)
    if seconds <= TIME_BOUND_SECONDS:
        return None
    fixed = estimated_seconds(0, options, criteria, method, runs=runs)  # the result, whatever the samples
    within = max(1, int(samples * (TIME_BOUND_SECONDS - fixed) / (seconds - fixed)))
    twice = " (twice: the findings draw their own)" if runs > 1 else ""
    return (
        f"{samples:,} samples{twice} would take about {duration(seconds)} ({size}; the bound is "
        f"{duration(TIME_BOUND_SECONDS)}). Use fewer samples with {flag} (about {within:,} fit in the "
        "bound; 10,000 already give shares to within about 1%), or add --yes to run it anyway."
    )


def check_samples(
    samples: int,
    options: int,
    criteria: int,
    method: str,
    *,
    yes: bool,
    runs: int = 1,
    flag: str = "--samples",
) -> float:
    """Refuse (usage error, exit 2) a run past the bounds unless `yes`; the estimated seconds."""
    reason = None if yes else refusal(samples, options, criteria, method, runs=runs, flag=flag)
    if reason is not None:
        raise typer.BadParameter(reason, param_hint=flag)
    return estimated_seconds(samples, options, criteria, method, runs=runs)
