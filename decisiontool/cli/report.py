"""`decisiontool report -o FILE`: a ranked report a policy reader can use without the tool.

The format follows the suffix (.md .html .csv .json .xlsx); the work is done by
`decisiontool.reports.write_report`, imported inside the command so that other commands
never load jinja2 or xlsxwriter.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from decisiontool.cli import app
from decisiontool.cli.common import (
    DataOption,
    MethodOption,
    MissingOption,
    ProfileOption,
    VikorVOption,
    WeightOption,
    build_analysis,
    echo,
    handles_model_errors,
)
from decisiontool.cli.robustness import ScoreDistOption, SpreadOption
from decisiontool.names import DEFAULT_PROFILE
from decisiontool.sanitise import path_text

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis
    from decisiontool.commands import ReportSettings, ScoreDistribution

SUFFIXES = (".md", ".html", ".csv", ".json", ".xlsx")
"""The report formats (kept equal to `decisiontool.reports.RENDERERS`, which a test checks)."""


def parse_date(text: str | None) -> datetime.date | None:
    """`--date YYYY-MM-DD` -> a date; a malformed one is a usage error (exit 2)."""
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(
            f"{text!r} is not a date of the form YYYY-MM-DD", param_hint="--date"
        ) from None


OutputFlag = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="The report file; its suffix chooses the format: .md, .html, .csv, .json or .xlsx.",
        show_default=False,
    ),
]

ForceFlag = Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")]

SensitivityFlag = Annotated[
    bool,
    typer.Option(
        "--sensitivity",
        help="Include the weight sensitivity analysis (the default; kept for older scripts).",
    ),
]

SmaaFlag = Annotated[
    int | None,
    typer.Option(
        "--smaa",
        metavar="N",
        min=0,
        help="SMAA-2 samples for the robustness section and the findings (default 10000; 0: no "
        "robustness sections, as --no-robustness).",
        show_default=False,
    ),
]

NoRobustnessFlag = Annotated[
    bool,
    typer.Option(
        "--no-robustness",
        help="Leave out the sensitivity and SMAA sections (the findings stay).",
    ),
]

SmaaWeightsFlag = Annotated[
    Literal["free", "around", "ordinal"],
    typer.Option(
        "--smaa-weights",
        help="How SMAA draws weights: around the profile's (default), free, or keeping their order.",
    ),
]

SeedFlag = Annotated[int, typer.Option("--seed", min=0, help="Random seed of the SMAA samples.")]

AuthorFlag = Annotated[
    str | None,
    typer.Option("--author", metavar="NAME", help="Author shown on the title and every printed page."),
]

StatusFlag = Annotated[
    Literal["draft", "final"] | None,
    typer.Option("--status", help="draft or final, shown on the title and every printed page."),
]

FindingsCsvFlag = Annotated[
    bool,
    typer.Option(
        "--findings-csv",
        help="Also write the findings as CSV beside the report: FILE.findings.csv (r.csv -> "
        "r.findings.csv), one row per finding.",
    ),
]

DateTextFlag = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help="Date printed in the report, YYYY-MM-DD (default: SOURCE_DATE_EPOCH if set, else today); "
        "a fixed date gives byte-identical reports.",
        show_default=False,
    ),
]

YesFlag = Annotated[
    bool,
    typer.Option(
        "--yes", help="Run even when SMAA's estimated time or memory exceeds the bound (5 minutes, 4 GB)."
    ),
]


@app.command(
    epilog=(
        "Examples:  decisiontool report -o ranking.html;  "
        "decisiontool report -o ranking.xlsx --profile cost_first --method topsis;  "
        "decisiontool report -o ranking.md --date 2026-01-31 --force;  "
        "decisiontool report -o full.html --smaa 20000 --seed 7;  "
        "decisiontool report -o quick.md --no-robustness;  "
        "decisiontool report -o council.html --profile council_cost_conscious --status draft"
    )
)
@handles_model_errors
def report(
    output: OutputFlag,
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
    force: ForceFlag = False,
    sensitivity: SensitivityFlag = False,
    smaa: SmaaFlag = None,
    no_robustness: NoRobustnessFlag = False,
    smaa_weights: SmaaWeightsFlag = "around",
    spread: SpreadOption = 0.2,
    score_dist: ScoreDistOption = "uniform",
    seed: SeedFlag = 1,
    author: AuthorFlag = None,
    status: StatusFlag = None,
    findings_csv: FindingsCsvFlag = False,
    date_text: DateTextFlag = None,
    yes: YesFlag = False,
) -> None:
    """Write a ranked report: summary, weights, ranking, flags, robustness, evidence, provenance.

    HTML is one self-contained file (prints to A4); XLSX is a workbook with native charts;
    CSV has one row per option; JSON is schema decisiontool.report/1 (a superset of
    decisiontool.ranking/1); Markdown renders on code-hosting sites. An existing file is
    replaced only with --force.
    """
    targets = _check_output(output, force=force, findings_csv=findings_csv)
    date = parse_date(date_text)
    from decisiontool.commands import report_command
    from decisiontool.reports import report_date

    effective_date = report_date(date)
    analysis = build_analysis(data, profile, weight, method, vikor_v, missing)
    settings = _settings(no_robustness, smaa, seed, smaa_weights, spread, score_dist)
    estimate = check_report_budget(analysis, settings, yes=yes)
    argv = report_command(
        data=data,
        profile=profile,
        weights=weight or [],
        method=method,
        vikor_v=vikor_v,
        missing=missing,
        settings=settings,
        author=author,
        status=status,
        date=effective_date.isoformat(),
        output=output,
        findings_csv=findings_csv,
    )
    _write(analysis, output, settings, argv, force=force, date=effective_date, author=author, status=status,
           estimate=estimate)  # fmt: skip
    for written in targets:
        echo(f"Wrote {path_text(written)}")


def _check_output(output: Path, *, force: bool, findings_csv: bool) -> tuple[Path, ...]:
    """The report file (and its findings CSV beside it), checked at once: a report suffix
    (else a usage error), and writable (not after seconds of computing)."""
    if output.suffix.lower() not in SUFFIXES:
        raise typer.BadParameter(
            f"'{output.name}' has no report suffix; use one of {', '.join(SUFFIXES)}",
            param_hint="-o/--output",
        )
    from decisiontool.atomic import check_writable
    from decisiontool.reports.csv_report import findings_path

    targets = (output, findings_path(output)) if findings_csv else (output,)
    for target in targets:
        check_writable(target, force=force)
    return targets


def _settings(
    no_robustness: bool,
    smaa: int | None,
    seed: int,
    smaa_weights: Literal["free", "around", "ordinal"],
    spread: float,
    score_dist: ScoreDistribution,
) -> ReportSettings:
    """The report's robustness choices from its flags (`--smaa 0` is `--no-robustness`)."""
    from decisiontool.reports.inputs import ReportSettings

    return ReportSettings(
        robustness=not no_robustness and smaa != 0,
        samples=smaa or ReportSettings.samples,
        seed=seed,
        weight_mode=smaa_weights,
        spread=spread,
        score_dist=score_dist,
    )


def _write(
    analysis: Analysis,
    output: Path,
    settings: ReportSettings,
    argv: list[str],
    *,
    force: bool,
    date: datetime.date,
    author: str | None,
    status: str | None,
    estimate: float,
) -> None:
    """Run the robustness analyses and the findings once (a progress bar on a terminal when
    they take a while), and write the report (and its findings CSV when the command line asks
    for it)."""
    from decisiontool.cli.progress import LongRun
    from decisiontool.reports import write_report
    from decisiontool.reports.inputs import run_analyses

    with LongRun("Report", estimate) as run:
        results = run_analyses(analysis, settings, progress=run.phases())
    write_report(
        analysis,
        output,
        force=force,
        date=date,
        argv=argv,
        sensitivity=results.sensitivity,
        smaa=results.smaa,
        findings=results.findings,
        author=author,
        status=status,
        findings_csv="--findings-csv" in argv,
    )


def check_report_budget(analysis: Analysis, settings: ReportSettings, *, yes: bool) -> float:
    """Refuse (exit 2) a report whose SMAA runs are estimated past the bounds, unless `yes`:
    the findings' run, and the robustness section's when it is drawn otherwise. Returns the
    estimated seconds."""
    from decisiontool.cli.budget import check_samples
    from decisiontool.reports.inputs import FINDINGS_SPREAD

    shared = settings.weight_mode == "around" and settings.spread == FINDINGS_SPREAD
    runs = 1 if not settings.robustness or (shared and settings.score_dist == "uniform") else 2
    options, criteria = analysis.arrays.scores.shape
    return check_samples(
        settings.samples, options, criteria, analysis.method_id, yes=yes, runs=runs, flag="--smaa"
    )
