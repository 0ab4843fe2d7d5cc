"""`decisiontool compare`: every option's rank under each method or profile, correlated."""

from __future__ import annotations

import csv
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from decisiontool.cli import app
from decisiontool.cli.common import (
    DataOption,
    FormatOption,
    MethodOption,
    MissingOption,
    ProfileOption,
    VikorVOption,
    WeightOption,
    build_analysis,
    csv_value,
    handles_model_errors,
    print_json,
    stdout_console,
)
from decisiontool.cli.tables import SCREEN_ROWS, escape, markdown_table, shown_line, signed
from decisiontool.comparison import compare_columns
from decisiontool.names import DEFAULT_PROFILE, METHOD_IDS

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis
    from decisiontool.comparison import Correlation, RankComparison


@app.command(
    epilog=(
        "Examples:  decisiontool compare;  decisiontool compare --profiles;  "
        "decisiontool compare --profiles --methods"
    )
)
@handles_model_errors
def compare(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
    by_profiles: Annotated[
        bool, typer.Option("--profiles", help="One column per weight profile (under --method).")
    ] = False,
    by_methods: Annotated[
        bool,
        typer.Option("--methods", help="One column per method (the default; with --profiles: every pair)."),
    ] = False,
    with_smaa: Annotated[
        bool,
        typer.Option(
            "--smaa", help="Add each option's first-rank acceptability (SMAA, free weights, --method)."
        ),
    ] = False,
    samples: Annotated[int, typer.Option("--samples", min=1, help="SMAA samples (with --smaa).")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", min=0, help="SMAA seed (with --smaa).")] = 1,
    output_format: FormatOption = "table",
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Run SMAA even when its estimated time or memory exceeds the bound."),
    ] = False,
) -> None:
    """Every option's rank under each method (or each profile), with rank correlations.

    Kendall's tau and Spearman's rho between every pair of columns show at once whether the
    choice of method or of stakeholder changes the answer (1 = same order, -1 = reversed).
    """
    from decisiontool.cli.robustness import first_rank_shares

    base = build_analysis(data, profile, weight, method, vikor_v, missing)
    first_shares = first_rank_shares(base, samples, seed, yes=yes) if with_smaa else None
    comparison = compare_columns(
        "profiles" if by_profiles else "methods", _columns(base, by_profiles, by_methods)
    )
    if output_format == "json":
        print_json(_compare_document(base, comparison, first_shares, samples, seed))
        return
    header, rows = _rank_rows(base, comparison, first_shares)
    if output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([csv_value(v) for v in header])
        writer.writerows([[csv_value(v) for v in row] for row in rows])
        return
    if output_format == "md":
        correlation_rows: list[list[Any]] = [
            [c.a, c.b, signed(c.kendall_tau), signed(c.spearman_rho)] for c in comparison.correlations
        ]
        sys.stdout.write(markdown_table(header, rows) + "\n\n")
        sys.stdout.write(markdown_table(["a", "b", "Kendall tau", "Spearman rho"], correlation_rows) + "\n")
        return
    labels = list(comparison.columns)
    extra = header[len(labels) + 1] if len(header) > len(labels) + 1 else None
    print_compare_table(base, labels, rows, comparison.correlations, by_profiles, by_methods, extra)


def _columns(base: Analysis, by_profiles: bool, by_methods: bool) -> list[tuple[str, str, Analysis]]:
    """(label, name, analysis) of each column: every method, every profile, or every pair."""
    if not by_profiles:
        return [(m, m, base.with_method(m)) for m in METHOD_IDS]
    methods = list(METHOD_IDS) if by_methods else [base.method_id]
    columns = []
    for profile_id in base.model.profile_ids:
        profiled = base.with_profile(profile_id)
        for method_id in methods:
            label = f"{profile_id}/{method_id}" if by_methods else profile_id
            columns.append((label, label, profiled.with_method(method_id, base.vikor_v)))
    return columns


def _compare_document(
    base: Analysis,
    comparison: RankComparison,
    first_shares: dict[str, float] | None,
    samples: int,
    seed: int,
) -> dict[str, Any]:
    from decisiontool.documents import header as document_header

    document = document_header(base, "decisiontool.compare/1")
    document.update(comparison.to_json())
    if first_shares is not None:
        document["smaa"] = {
            "samples": samples,
            "seed": seed,
            "weight_mode": "free",
            "first_rank": first_shares,
        }
    return document


def _rank_rows(
    base: Analysis, comparison: RankComparison, first_shares: dict[str, float] | None
) -> tuple[list[str], list[list[Any]]]:
    """Header and rows (options sorted by total rank, then model order), SMAA share last."""
    labels = comparison.columns
    ranks = comparison.ranks
    order = sorted(
        range(len(comparison.options)), key=lambda i: (sum(ranks[label][i] for label in labels), i)
    )
    header = ["option", *labels]
    rows: list[list[Any]] = [[comparison.options[i], *(ranks[label][i] for label in labels)] for i in order]
    if first_shares is not None:
        from decisiontool.cli.robustness import percent

        header.append(f"first in SMAA ({base.method_id})")
        for row in rows:
            row.append(percent(first_shares[row[0]]))
    return header, rows


def print_compare_table(
    base: Analysis,
    labels: list[str],
    rows: list[list[Any]],
    correlations: tuple[Correlation, ...],
    by_profiles: bool,
    by_methods: bool,
    extra: str | None = None,
) -> None:
    """The rank table (with an `extra` last column when given; the first SCREEN_ROWS rows) and
    a correlation matrix (tau below the diagonal, rho above)."""
    from rich.table import Table

    console = stdout_console()
    console.print(f"[bold]{escape(base.model.name)}[/bold]")
    what = f"profile ({base.method.label})" if by_profiles else "method"
    if by_profiles and by_methods:
        what = "profile and method"
    console.print(f"Rank of each option under each {what} (rows sorted by total rank).")
    option_width = max(len(str(row[0])) for row in rows)
    # numbered columns with a legend when the labels would not fit side by side
    numbered = option_width + sum(len(label) + 3 for label in labels) > console.width
    headers = [str(i + 1) for i in range(len(labels))] if numbered else labels
    if numbered:
        console.print("Columns: " + " · ".join(f"{i + 1} = {label}" for i, label in enumerate(labels)))
    table = Table(show_edge=False)
    table.add_column("Option", no_wrap=True)
    for header_text in headers:
        table.add_column(header_text, justify="right")
    if extra is not None:
        table.add_column(extra, justify="right")
    for row in rows[:SCREEN_ROWS]:
        table.add_row(*(str(v) for v in row))
    console.print(table)
    shown = shown_line(len(rows), "by total rank")
    if shown is not None:
        console.print(shown, style="bold")
    console.print()
    console.print("Rank correlation between columns: Kendall's tau below the diagonal, Spearman's rho above")
    console.print("(+1: the same order; 0: unrelated; -1: reversed).", style="dim")
    pair = {(c.a, c.b): (c.kendall_tau, c.spearman_rho) for c in correlations}
    matrix = Table(show_edge=False)
    matrix.add_column("", no_wrap=True)
    for header_text in headers:
        matrix.add_column(header_text, justify="right")
    for i, a in enumerate(labels):
        cells = []
        for j, b in enumerate(labels):
            if i == j:
                cells.append("·")
                continue
            tau, rho = pair[(a, b)] if (a, b) in pair else pair[(b, a)]
            cells.append(signed(tau if i > j else rho))
        matrix.add_row(f"{headers[i]} {a}" if numbered else a, *cells)
    console.print(matrix)
