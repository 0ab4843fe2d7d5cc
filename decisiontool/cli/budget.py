"""How long a Monte-Carlo run will take, and the bound past which it needs `--yes`.

`smaa --samples 1000000000` used to be accepted and run silently for most of a day. A run is
estimated before it starts, from the work per sample (options x criteria, and options^2 x
criteria for PROMETHEE II's pairwise flows) at a rate measured by benchmarks/run.py on a
loaded 2-core machine; one that would take longer than TIME_BOUND_SECONDS is refused with the
estimate and a suggestion, unless `--yes`. Memory is bounded by the engine's chunks
(engine/smaa.py, CHUNK_ARRAY_BYTES) at any sample count, so only time is bounded here.
"""

from __future__ import annotations

import typer

TIME_BOUND_SECONDS = 300.0
"""Runs estimated to take longer than this need `--yes`."""

SECONDS_PER_CELL = {"wsm": 1.3e-7, "topsis": 2.2e-7, "vikor": 2.5e-7, "promethee2": 3.0e-8}
"""Seconds per sample per option x criterion (per option^2 x criterion for promethee2)."""


def estimated_seconds(samples: int, options: int, criteria: int, method: str) -> float:
    """About how long SMAA-2 of `samples` samples takes on an options x criteria model."""
    cells = options * criteria * (options if method == "promethee2" else 1)
    return samples * cells * SECONDS_PER_CELL.get(method, max(SECONDS_PER_CELL.values()))


def duration(seconds: float) -> str:
    """`45 seconds`, `12 minutes`, `3.4 hours`, `2.1 days`."""
    if seconds < 90:
        return f"{seconds:.0f} seconds"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} minutes"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} hours"
    return f"{seconds / 86400:.1f} days"


def refusal(samples: int, options: int, criteria: int, method: str) -> str | None:
    """Why a run of `samples` samples is refused without `--yes` (None when it is within the bound)."""
    seconds = estimated_seconds(samples, options, criteria, method)
    if seconds <= TIME_BOUND_SECONDS:
        return None
    within = max(1, int(samples * TIME_BOUND_SECONDS / seconds))
    return (
        f"{samples:,} samples would take about {duration(seconds)} ({options} options x {criteria} "
        f"criteria with {method}; the bound is {duration(TIME_BOUND_SECONDS)}). Use fewer samples "
        f"(about {within:,} fit in the bound; 10,000 already give shares to within about 1%), "
        "or add --yes to run it anyway."
    )


def check_samples(samples: int, options: int, criteria: int, method: str, *, yes: bool) -> None:
    """Refuse (usage error, exit 2) a run past the bound unless `yes`."""
    reason = None if yes else refusal(samples, options, criteria, method)
    if reason is not None:
        raise typer.BadParameter(reason, param_hint="--samples")
