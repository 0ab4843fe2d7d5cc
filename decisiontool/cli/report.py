"""`decisiontool report -o FILE`: a ranked report a policy reader can use without the tool.

The format follows the suffix (.md .html .csv .json .xlsx); the work is done by
`decisiontool.reports.write_report`, imported inside the command so that other commands
never load jinja2 or xlsxwriter.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated, Literal

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
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The report file; its suffix chooses the format: .md, .html, .csv, .json or .xlsx.",
            show_default=False,
        ),
    ],
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
    sensitivity: Annotated[
        bool,
        typer.Option(
            "--sensitivity",
            help="Include the weight sensitivity analysis (the default; kept for older scripts).",
        ),
    ] = False,
    smaa: Annotated[
        int | None,
        typer.Option(
            "--smaa",
            metavar="N",
            min=0,
            help="SMAA-2 samples for the robustness section and the findings (default 10000; 0: no "
            "robustness sections, as --no-robustness).",
            show_default=False,
        ),
    ] = None,
    no_robustness: Annotated[
        bool,
        typer.Option(
            "--no-robustness",
            help="Leave out the sensitivity and SMAA sections (the findings stay).",
        ),
    ] = False,
    smaa_weights: Annotated[
        Literal["free", "around", "ordinal"],
        typer.Option(
            "--smaa-weights",
            help="How SMAA draws weights: around the profile's (default), free, or keeping their order.",
        ),
    ] = "around",
    spread: SpreadOption = 0.2,
    score_dist: ScoreDistOption = "uniform",
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed of the SMAA samples.")] = 1,
    author: Annotated[
        str | None,
        typer.Option("--author", metavar="NAME", help="Author shown on the title and every printed page."),
    ] = None,
    status: Annotated[
        Literal["draft", "final"] | None,
        typer.Option("--status", help="draft or final, shown on the title and every printed page."),
    ] = None,
    findings_csv: Annotated[
        bool,
        typer.Option(
            "--findings-csv",
            help="Also write the findings as CSV beside the report: FILE.findings.csv (r.csv -> "
            "r.findings.csv), one row per finding.",
        ),
    ] = False,
    date_text: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Date printed in the report, YYYY-MM-DD (default: SOURCE_DATE_EPOCH if set, else today); "
            "a fixed date gives byte-identical reports.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a ranked report: summary, weights, ranking, flags, robustness, evidence, provenance.

    HTML is one self-contained file (prints to A4); XLSX is a workbook with native charts;
    CSV has one row per option; JSON is schema decisiontool.report/1 (a superset of
    decisiontool.ranking/1); Markdown renders on code-hosting sites. An existing file is
    replaced only with --force.
    """
    if output.suffix.lower() not in SUFFIXES:
        raise typer.BadParameter(
            f"'{output.name}' has no report suffix; use one of {', '.join(SUFFIXES)}",
            param_hint="-o/--output",
        )
    date = parse_date(date_text)
    from decisiontool.atomic import check_writable
    from decisiontool.commands import report_command
    from decisiontool.reports import report_date, write_report
    from decisiontool.reports.csv_report import findings_path

    check_writable(output, force=force)  # at once, not after seconds of computing
    if findings_csv:
        check_writable(findings_path(output), force=force)

    from decisiontool.reports.inputs import ReportSettings, run_analyses

    effective_date = report_date(date)
    analysis = build_analysis(data, profile, weight, method, vikor_v, missing)
    settings = ReportSettings(
        robustness=not no_robustness and smaa != 0,
        samples=smaa or ReportSettings.samples,
        seed=seed,
        weight_mode=smaa_weights,
        spread=spread,
        score_dist=score_dist,
    )
    results = run_analyses(analysis, settings)
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
    write_report(
        analysis,
        output,
        force=force,
        date=effective_date,
        argv=argv,
        sensitivity=results.sensitivity,
        smaa=results.smaa,
        findings=results.findings,
        author=author,
        status=status,
        findings_csv=findings_csv,
    )
    echo(f"Wrote {path_text(output)}")
    if findings_csv:
        echo(f"Wrote {path_text(findings_path(output))}")
