"""`decisiontool sensitivity` and `decisiontool smaa`: how sure is the ranking."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from decisiontool.cli import app
from decisiontool.cli.common import (
    DataOption,
    MethodOption,
    MissingOption,
    ProfileOption,
    ViewFormatOption,
    VikorVOption,
    WeightOption,
    build_analysis,
    handles_model_errors,
    print_json,
    stdout_console,
)
from decisiontool.cli.tables import SCREEN_ROWS
from decisiontool.names import DEFAULT_PROFILE

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console
    from rich.table import Table

    from decisiontool.analysis import Analysis
    from decisiontool.robustness import CriterionSensitivity, SensitivityResult, SmaaResult

AXIS_WIDTH = 21
"""Characters of the 0-1 weight axis in the tornado view (one every 0.05)."""

SamplesOption = Annotated[int, typer.Option("--samples", min=1, help="Monte-Carlo samples.")]
SeedOption = Annotated[
    int, typer.Option("--seed", min=0, help="Random seed: the same seed gives the same result.")
]
WeightModeOption = Annotated[
    Literal["free", "around", "ordinal", "panel"],
    typer.Option(
        "--weights",
        help=(
            "How weights are drawn: free (no preference information), around (the profile's "
            "weights within +-spread), ordinal (only the profile's order of importance), panel "
            "(the weights of the model's panel participants, each equally likely)."
        ),
    ),
]
SpreadOption = Annotated[
    float,
    typer.Option("--spread", min=0.0, max=0.99, help="Relative spread of weights for --weights around."),
]
ScoreDistOption = Annotated[
    Literal["uniform", "triangular"],
    typer.Option(
        "--score-dist", help="How a score with a range is drawn (triangular: the value is the mode)."
    ),
]


# ---------------------------------------------------------------------------------------
# sensitivity


def _axis(weight: float, down: float | None, up: float | None) -> str:
    """A 0-1 weight axis: the stable interval as '═', the current weight as '●', '|' at the
    critical weights, '·' beyond them."""
    cells = []
    low = 0.0 if down is None else down
    high = 1.0 if up is None else up
    for k in range(AXIS_WIDTH):
        t = k / (AXIS_WIDTH - 1)
        cells.append("═" if low <= t <= high else "·")
    for edge in (down, up):
        if edge is not None:
            cells[round(edge * (AXIS_WIDTH - 1))] = "|"
    cells[round(weight * (AXIS_WIDTH - 1))] = "●"
    return "".join(cells)


def _leader_strip(entry: CriterionSensitivity, letters: dict[str, str]) -> str:
    """Which option is first at each step of the sweep, one letter per step."""
    ranks = entry.sweep.ranks
    steps = len(entry.sweep.weights)
    strip = []
    for k in range(steps):
        first = [option for option, r in ranks.items() if r[k] == 1]
        strip.append(letters.get(first[0], "?") if len(first) == 1 else "=")
    return "".join(strip)


def print_sensitivity(analysis: Analysis, result: SensitivityResult, console: Console) -> None:
    """The tornado (criteria by fragility) and who leads along each sweep."""
    from rich.markup import escape

    names = {o.id: o.name for o in analysis.model.options}
    console.print(f"[bold]{escape(analysis.model.name)}[/bold]")
    console.print(
        f"Weight sensitivity · {analysis.method.label} · profile {analysis.profile} · "
        f"first now: {escape(names[result.top])} ({result.top})"
    )
    exact = all(entry.exact for entry in result.criteria)
    how = (
        "solved exactly (scores are linear in the weight)"
        if exact
        else "found by a grid scan and bisection to 1e-6 "
        "(a change shorter than 1/400 of the axis could be missed)"
    )
    console.print(f"Critical weights {how}.", style="dim")
    console.print(_tornado_table(result, console.width))
    console.print(
        "Axis: ═ weights at which the current first option stays first, "
        "● today's weight, | critical weights.",
        style="dim",
    )
    _print_leaders(result, names, console)


def _tornado_table(result: SensitivityResult, width: int) -> Table:
    """The tornado: each criterion's critical weights, the smallest change first."""
    from rich.table import Table

    what = "Group" if result.by == "groups" else "Criterion"
    id_width = min(26, max(len(item) for item in result.tornado)) if result.tornado else 10
    show_axis = width >= 100
    fixed = id_width + 6 + 8 + 8 + 7 + (AXIS_WIDTH + 3 if show_axis else 0) + 3 * 5
    taker_width = max(10, width - fixed - 3)
    table = Table(show_edge=False, title="Tornado: the smallest weight change that overturns the top, first")
    table.add_column(what, no_wrap=True, overflow="ellipsis", width=id_width)
    table.add_column("Weight", justify="right", width=6)
    table.add_column("Lower to", justify="right", width=8)
    table.add_column("Raise to", justify="right", width=8)
    table.add_column("Change", justify="right", width=7)
    if show_axis:
        table.add_column("0 ─ weight ─ 1", no_wrap=True, width=AXIS_WIDTH)
    table.add_column("New first", no_wrap=True, overflow="ellipsis", width=taker_width)
    for entry in result.in_tornado_order():
        down, up = entry.critical_down, entry.critical_up
        takers = [c.new_top for c in (down, up) if c is not None]
        change = "never"
        distances = [(abs(c.weight - entry.weight), sign, c) for sign, c in (("-", down), ("+", up)) if c]
        if distances:
            distance, sign, _ = min(distances, key=lambda d: d[0])
            change = f"{sign}{distance:.3f}"
        cells = [
            entry.criterion,
            f"{entry.weight:.3f}",
            "—" if down is None else f"{down.weight:.3f}",
            "—" if up is None else f"{up.weight:.3f}",
            change,
        ]
        if show_axis:
            cells.append(
                _axis(entry.weight, None if down is None else down.weight, None if up is None else up.weight)
            )
        cells.append(", ".join(dict.fromkeys(takers)) or "—")
        table.add_row(*cells)
    return table


def _print_leaders(result: SensitivityResult, names: Mapping[str, str], console: Console) -> None:
    """Who leads along each sweep, one letter per step, with the letters' legend."""
    from rich.markup import escape
    from rich.table import Table

    leaders = sorted({o for e in result.criteria for o, r in e.sweep.ranks.items() if 1 in r})
    letters = {option: chr(ord("A") + k) if k < 26 else "#" for k, option in enumerate(leaders)}
    steps = len(result.criteria[0].sweep.weights) if result.criteria else 0
    console.print()
    console.print(f"Who is first as each weight goes from 0 to 1 ({steps} steps; '=' a tie):")
    strips = Table(show_edge=False, show_header=False, box=None)
    strips.add_column(no_wrap=True)
    strips.add_column(no_wrap=True)
    for entry in result.criteria:
        strips.add_row(entry.criterion, _leader_strip(entry, letters))
    console.print(strips)
    console.print(
        "  " + " · ".join(f"{letter} {escape(names[o])}" for o, letter in letters.items()), style="dim"
    )


@app.command(
    epilog=(
        "Examples:  decisiontool sensitivity;  "
        "decisiontool sensitivity --criterion cost_burden --format json;  "
        "decisiontool sensitivity --groups --method topsis"
    )
)
@handles_model_errors
def sensitivity(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
    criterion: Annotated[
        list[str] | None,
        typer.Option("--criterion", "-c", help="Only these criteria (or groups, with --groups); repeatable."),
    ] = None,
    groups: Annotated[
        bool, typer.Option("--groups", help="Sweep group weights instead of criteria.")
    ] = False,
    steps: Annotated[
        int, typer.Option("--steps", min=2, max=1001, help="Steps of each sweep from 0 to 1.")
    ] = 21,
    output_format: ViewFormatOption = "table",
) -> None:
    """What weight change would overturn the top option? One-way weight sensitivity.

    Each criterion's weight is swept from 0 to 1 while the others keep their proportions;
    the critical weights are the nearest weights, above and below today's, at which another
    option becomes first. The tornado lists the most fragile criteria first.
    """
    from decisiontool.cli.progress import LongRun
    from decisiontool.robustness import sensitivity as run_sensitivity

    analysis = build_analysis(data, profile, weight, method, vikor_v, missing)
    with LongRun("Weight sensitivity") as run:
        hook = run.hook("groups" if groups else "criteria")
        result = run_sensitivity(analysis, criteria=criterion, groups=groups, steps=steps, progress=hook)
    if output_format == "json":
        print_json(result.to_json())
    else:
        print_sensitivity(analysis, result, stdout_console())


# ---------------------------------------------------------------------------------------
# smaa


SCREEN_RANKS = 15
"""Rank columns the SMAA table shows at most; the rest share one column."""


def _heat(share: float) -> str:
    """A background colour from white (0) to deep blue (1), for the acceptability heat map."""
    level = max(0.0, min(1.0, share)) ** 0.6
    red = round(255 - 215 * level)
    green = round(255 - 155 * level)
    blue = round(255 - 75 * level)
    text = "white" if level > 0.55 else "black"
    return f"{text} on rgb({red},{green},{blue})"


def print_smaa(analysis: Analysis, result: SmaaResult, console: Console) -> None:
    """Rank acceptability as a heat map, with expected rank and confidence."""
    from rich.markup import escape

    console.print(f"[bold]{escape(analysis.model.name)}[/bold]")
    modes = {
        "free": "weights drawn with no preference information (uniform over all weight vectors)",
        "around": f"weights drawn within ±{result.spread:.0%} of profile {analysis.profile}",
        "ordinal": f"weights drawn keeping only the order of importance of profile {analysis.profile}",
        "panel": f"weights drawn from the {len(result.participants)} panel participants' weights "
        "(each equally likely)",
    }
    console.print(
        f"SMAA-2 · {analysis.method.label} · {result.samples:,} samples (seed {result.seed}) · "
        f"{modes[result.weight_mode]}; scores with a range drawn {result.score_dist}ly in it."
    )
    options = result.options
    m = len(options)
    ranks_shown = min(m, SCREEN_RANKS)
    console.print(_acceptability_table(result, ranks_shown))
    if m > SCREEN_ROWS or ranks_shown < m:
        console.print(
            f"Shown: the first {min(m, SCREEN_ROWS)} of {m:,} options and ranks 1-{ranks_shown}"
            f" ({ranks_shown + 1}+: any lower rank); --format json lists every option and rank.",
            style="bold",
        )
    console.print(
        "Cells are percentages (blank: under 0.5%). Confidence: how often the option is first when "
        "judged by its own most favourable (central) weights, given the score uncertainty; — never first.",
        style="dim",
    )
    first = max(options, key=lambda e: e.first)
    console.print(f"{escape(first.name)} ranks first in {first.first:.0%} of {result.samples:,} samples.")
    if result.weight_mode == "panel":
        from decisiontool.panel import ILLUSTRATIVE_NOTICE

        first_shares = ", ".join(
            f"{e.option} {e.first:.0%}" for e in sorted(options, key=lambda e: -e.first) if e.first
        )
        console.print(escape(f"First across the panel: {first_shares}."))
        if result.illustrative:
            console.print(escape(ILLUSTRATIVE_NOTICE), style="bold yellow")


def _acceptability_table(result: SmaaResult, ranks_shown: int) -> Table:
    """The heat map: a row an option (the first SCREEN_ROWS), a column a rank (the first
    `ranks_shown`, then one for any lower rank), expected rank and confidence."""
    from rich.table import Table
    from rich.text import Text

    options = result.options
    m = len(options)
    option_width = min(30, max(len(entry.option) for entry in options))
    table = Table(
        show_edge=False,
        box=None,
        padding=(0, 0),
        title="Rank acceptability (%): share of samples in which each option takes each rank",
    )
    table.add_column("Option", no_wrap=True, overflow="ellipsis", width=option_width + 1)
    # beyond what a screen shows, the first ranks and the best-ranked options (the JSON has all)
    for r in range(1, ranks_shown + 1):
        table.add_column(str(r), justify="center", width=5)
    if ranks_shown < m:
        table.add_column(f"{ranks_shown + 1}+", justify="center", width=6)
    table.add_column("E[rank]", justify="right", width=8)
    table.add_column("Conf.", justify="right", width=7)
    for entry in options[:SCREEN_ROWS]:
        cells: list[Any] = [entry.option]
        shares = list(entry.rank_acceptability[:ranks_shown])
        if ranks_shown < m:
            shares.append(max(0.0, 1.0 - sum(shares)))
        for share in shares:
            label = "" if share < 0.005 else f"{share * 100:.0f}"
            cells.append(Text(f"{label:^5}", style=_heat(share)))
        cells.append(f"{entry.expected_rank:.2f}")
        confidence = entry.confidence
        cells.append("—" if confidence is None else f"{confidence * 100:.0f}%")
        table.add_row(*cells)
    return table


@app.command(
    epilog=(
        "Examples:  decisiontool smaa;  decisiontool smaa --weights around --spread 0.3 --profile balanced;  "
        "decisiontool smaa --samples 100000 --seed 7 --format json"
    )
)
@handles_model_errors
def smaa(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
    samples: SamplesOption = 10_000,
    seed: SeedOption = 1,
    weight_mode: WeightModeOption = "free",
    spread: SpreadOption = 0.2,
    score_dist: ScoreDistOption = "uniform",
    output_format: ViewFormatOption = "table",
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", help="Run even when the estimated time or memory exceeds the bound (5 minutes, 4 GB)."
        ),
    ] = False,
) -> None:
    """How often does each option take each rank, over uncertain scores and weights? (SMAA-2)

    Monte-Carlo over the scores' uncertainty ranges and over weights: rank acceptability
    (share of samples giving each rank), expected rank, each option's central weights (the
    average weights that make it first) and confidence factor. Deterministic for a seed.
    """
    from decisiontool.cli.budget import check_samples
    from decisiontool.cli.progress import LongRun
    from decisiontool.robustness import smaa as run_smaa

    analysis = build_analysis(data, profile, weight, method, vikor_v, missing)
    options, criteria = analysis.arrays.scores.shape
    estimate = check_samples(samples, options, criteria, analysis.method_id, yes=yes)
    with LongRun("SMAA-2", estimate) as run:
        result = run_smaa(analysis, samples=samples, seed=seed, weight_mode=weight_mode, spread=spread,
                          score_dist=score_dist, progress=run.hook(f"{samples:,} samples"))  # fmt: skip
    if output_format == "json":
        print_json(result.to_json())
    else:
        print_smaa(analysis, result, stdout_console())


def first_rank_shares(analysis: Analysis, samples: int, seed: int, *, yes: bool = False) -> dict[str, float]:
    """Each option's first-rank acceptability under free weights (for `compare --smaa`); a run
    past the bounds of decisiontool/cli/budget.py is refused (exit 2) unless `yes`."""
    from decisiontool.cli.budget import check_samples
    from decisiontool.cli.progress import LongRun
    from decisiontool.robustness import smaa as run_smaa

    options, criteria = analysis.arrays.scores.shape
    estimate = check_samples(samples, options, criteria, analysis.method_id, yes=yes)
    with LongRun("SMAA-2", estimate) as run:
        result = run_smaa(analysis, samples=samples, seed=seed, progress=run.hook(f"{samples:,} samples"))
    return {entry.option: entry.first for entry in result.options}


def percent(share: float) -> str:
    """`84%`, or `<1%` for a small positive share."""
    if share > 0 and share < 0.005:
        return "<1%"
    return f"{share * 100:.0f}%" if not math.isnan(share) else "n/a"
