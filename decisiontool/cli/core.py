"""The core commands: validate, rank, compare, show and init."""

from __future__ import annotations

import csv
import io
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from decisiontool.cli import app
from decisiontool.cli.common import (
    DataOption,
    FormatOption,
    MethodOption,
    MissingOption,
    ProfileOption,
    ViewFormatOption,
    VikorVOption,
    WeightOption,
    as_cli_problem,
    build_analysis,
    csv_value,
    echo,
    handles_model_errors,
    print_json,
    stdout_console,
)
from decisiontool.sanitise import markdown

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from decisiontool.analysis import Analysis

BAR_WIDTH = 20


# ---------------------------------------------------------------------------------------
# validate


@app.command(
    epilog=(
        "Examples:  decisiontool validate;  decisiontool validate --data ./my-model;  "
        "decisiontool validate --profile balanced --weight cost_burden=2;  "
        "decisiontool validate --evidence --strict"
    )
)
@handles_model_errors
def validate(
    data: DataOption = None,
    profile: ProfileOption = "default",
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    missing: MissingOption = "refuse",
    output_format: ViewFormatOption = "table",
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Also audit the evidence: sources, dates, rationales, lessons.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="With --evidence: exit 1 on any warning.")] = False,
    max_source_share: Annotated[
        float,
        typer.Option(
            "--max-source-share",
            min=0.0,
            max=1.0,
            metavar="SHARE",
            help="With --evidence: flag a score whose only source more than this share of scores cite.",
        ),
    ] = 0.10,
) -> None:
    """Check a model and print every problem at once (exit 1 if there is any).

    Each problem is one line, `file: key.path: message`, with the line number where the
    file gives one. A clean model prints a one-line summary. With --profile or --weight,
    they are checked against the model too. With --evidence, the evidence audit's warnings
    follow (docs/sources.md); they fail the command only with --strict.
    """
    from decisiontool.analysis import Analysis
    from decisiontool.cli.common import parse_overrides
    from decisiontool.loading import load_model
    from decisiontool.problems import ModelError

    overrides = parse_overrides(weight)
    try:
        model = load_model(data, missing="worst" if missing == "worst" else "refuse")
        Analysis.create(model, profile=profile, overrides=overrides, method=method)
    except ModelError as error:
        if output_format == "json":
            print_json(
                {
                    "schema": "decisiontool.validate/1",
                    "valid": False,
                    "problems": [
                        {"path": p.path, "key": p.key, "line": p.line, "message": p.message}
                        for p in map(as_cli_problem, error.problems)
                    ],
                }
            )
        raise
    counts = {
        "groups": len(model.groups),
        "criteria": len(model.criteria),
        "options": len(model.options),
        "profiles": len(model.profile_ids),
        "lessons": len(model.lessons),
    }
    audit = None
    if evidence:
        from decisiontool.audit import audit_evidence

        audit = audit_evidence(model, max_source_share=max_source_share)
    if output_format == "json":
        document: dict[str, Any] = {
            "schema": "decisiontool.validate/1",
            "valid": True,
            "model": model.name,
            "counts": counts,
            "problems": [],
        }
        if audit is not None:
            document["evidence"] = audit.to_json()
        print_json(document)
    else:
        summary = ", ".join(f"{count} {what}" for what, count in counts.items())
        filled = f"; {len(model.filled)} missing scores set to the worst end" if model.filled else ""
        echo(f"OK: {model.name}: {summary}{filled}")
        if audit is not None:
            for finding in audit.findings:
                echo(f"{finding.path}: {finding.key}: {finding.message} [{finding.check}]")
            outcome = "passed" if audit.passed else f"{len(audit.findings)} warnings"
            date = audit.model_date or "no model date"
            echo(
                f"Evidence: {outcome} ({audit.scores} scores, {audit.sources_cited} citations of "
                f"{audit.distinct_sources} sources, {audit.lessons} lessons; model date {date})"
            )
    if audit is not None and strict and not audit.passed:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------
# rank


def score_fraction(analysis: Analysis, score: float) -> float:
    """Where a score sits between the method's worst and best possible, in [0, 1] (for bars)."""
    method = analysis.method_id
    if method == "vikor":
        fraction = 1.0 - score
    elif method == "promethee2":
        fraction = (score + 1.0) / 2.0
    else:
        fraction = score
    return min(1.0, max(0.0, fraction))


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar of eighth-blocks."""
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + ("" if part == 0 else " ▏▎▍▌▋▊▉"[part])


def weights_lines(analysis: Analysis) -> list[str]:
    """One line per group: `Group name 0.25: criterion 0.125 · criterion 0.125`."""
    weights = analysis.weight_map()
    lines = []
    for group in analysis.model.groups:
        members = [c.id for c in analysis.model.criteria if analysis.model.criterion_group[c.id] == group.id]
        share = sum(weights[cid] for cid in members)
        parts = " · ".join(f"{cid} {weights[cid]:.3f}" for cid in members)
        lines.append(f"  {group.name} ({share:.3f}): {parts}")
    return lines


def describe_run(analysis: Analysis) -> str:
    """Method, profile and overrides in one line."""
    direction = "higher is better" if analysis.method.higher_is_better else "lower is better"
    text = f"Method: {analysis.method.label} ({direction}) · Profile: {analysis.profile}"
    if analysis.overrides:
        text += " · Overrides: " + ", ".join(f"{k}={v:g}" for k, v in analysis.overrides)
    if analysis.method_id == "vikor":
        text += f" · v = {analysis.vikor_v:g}"
    return text


def option_notes(analysis: Analysis, option_id: str, fails: tuple[str, ...]) -> list[str]:
    """Why an option is flagged: a failed minimum, missing scores set to the worst end."""
    notes = []
    if fails:
        notes.append("fails the minimum on " + ", ".join(fails) + " (ranked after all options that pass)")
    gaps = [cid for cid in analysis.arrays.criterion_ids if (option_id, cid) in analysis.model.filled]
    if gaps:
        notes.append("missing scores set to the scale's worst end: " + ", ".join(gaps))
    return notes


def rank_table(analysis: Analysis, width: int = 110) -> RenderableType:
    """The ranking as a rich table fitted to `width`, flagged options marked and explained below."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    entries = analysis.ranking.entries
    id_width = min(26, max(len(e.option) for e in entries))
    fixed = 4 + 7 + BAR_WIDTH + 3 * 4  # rank, score, bar and the four column separators
    name_width = max(len(e.name) for e in entries) + 3
    show_ids = width - fixed - id_width - 3 >= 24
    if show_ids:
        name_width = min(name_width, width - fixed - id_width - 3)
    else:
        name_width = min(name_width, max(12, width - fixed))
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Rank", justify="right", no_wrap=True, width=4)
    table.add_column("Option", overflow="ellipsis", no_wrap=True, width=name_width)
    if show_ids:
        table.add_column("Id", style="dim", no_wrap=True, overflow="ellipsis", width=id_width)
    table.add_column("Score", justify="right", no_wrap=True, width=7)
    table.add_column("", no_wrap=True, width=BAR_WIDTH)
    footnotes: list[Text] = []
    for entry in entries:
        notes = option_notes(analysis, entry.option, entry.fails_minimum)
        marker = ""
        if notes:
            stars = "*" * (len(footnotes) + 1)
            marker = " " + stars
            footnotes.append(Text(f"{stars} {entry.option}: {'; '.join(notes)}", style="red"))
        cells: list[RenderableType] = [
            f"{entry.rank}",
            Text(entry.name + marker, style="red" if entry.fails_minimum else ""),
        ]
        if show_ids:
            cells.append(entry.option)
        cells += [f"{entry.score:.4f}", Text(bar(score_fraction(analysis, entry.score)), style="cyan")]
        table.add_row(*cells)
    return Group(table, *footnotes)


def print_rank_table(analysis: Analysis, console: Console) -> None:
    """Model, method, profile and weights, then the ranking and VIKOR's conditions."""
    console.print(f"[bold]{_escape(analysis.model.name)}[/bold]")
    console.print(_escape(describe_run(analysis)))
    console.print("Effective weights (sum to 1):", style="dim")
    for line in weights_lines(analysis):
        console.print(_escape(line), style="dim")
    console.print()
    console.print(rank_table(analysis, console.width))
    conditions = analysis.ranking.vikor
    if conditions is not None:
        ids = analysis.arrays.option_ids
        console.print()
        console.print(
            f"VIKOR: acceptable advantage {'holds' if conditions.acceptable_advantage else 'fails'}; "
            f"acceptable stability {'holds' if conditions.acceptable_stability else 'fails'}; "
            f"compromise set: {', '.join(ids[i] for i in conditions.compromise_set)}"
        )


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def ranking_rows(analysis: Analysis) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for csv and Markdown: rank, option, name, score, flags, then detail."""
    criterion_ids = analysis.arrays.criterion_ids
    entries = analysis.ranking.entries
    extra_keys = list(entries[0].extra) if entries else []
    header = ["rank", "option", "name", "score", "fails_minimum"]
    if analysis.method_id == "wsm":
        header += [f"contribution:{cid}" for cid in criterion_ids]
    header += extra_keys
    rows: list[list[Any]] = []
    for entry in entries:
        row: list[Any] = [entry.rank, entry.option, entry.name, entry.score, ";".join(entry.fails_minimum)]
        if entry.contributions is not None:
            row += [entry.contributions[cid] for cid in criterion_ids]
        row += [entry.extra[key] for key in extra_keys]
        rows.append(row)
    return header, rows


def markdown_table(header: list[str], rows: list[list[Any]]) -> str:
    """A GitHub-flavoured Markdown table (text cells made inert by `sanitise.markdown`)."""

    def cell(value: Any) -> str:
        return f"{value:.4f}" if isinstance(value, float) else markdown(value)

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append(
        "|"
        + "|".join(
            "---:" if rows and isinstance(rows[0][i], int | float) else "---" for i in range(len(header))
        )
        + "|"
    )
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


@app.command(
    epilog=(
        "Examples:  decisiontool rank;  decisiontool rank --method vikor --profile council_cost_conscious;  "
        "decisiontool rank --weight cost_burden=0 --format json"
    )
)
@handles_model_errors
def rank(
    data: DataOption = None,
    profile: ProfileOption = "default",
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
    output_format: FormatOption = "table",
) -> None:
    """Rank the options of a model under one method and one weight profile.

    The table shows each option's rank, score and a bar of where the score sits between the
    method's worst and best; `--format json` gives the schema decisiontool.ranking/1.
    """
    analysis = build_analysis(data, profile, weight, method, vikor_v, missing)
    if output_format == "json":
        from decisiontool.documents import ranking_document

        print_json(ranking_document(analysis))
    elif output_format == "csv":
        header, rows = ranking_rows(analysis)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([[csv_value(v) for v in row] for row in rows])
        sys.stdout.write(buffer.getvalue())
    elif output_format == "md":
        header, rows = ranking_rows(analysis)
        sys.stdout.write(f"**{markdown(analysis.model.name)}**  \n{markdown(describe_run(analysis))}\n\n")
        sys.stdout.write(markdown_table(header, rows) + "\n")
    else:
        print_rank_table(analysis, stdout_console())


# ---------------------------------------------------------------------------------------
# compare


@app.command(
    epilog=(
        "Examples:  decisiontool compare;  decisiontool compare --profiles;  "
        "decisiontool compare --profiles --methods"
    )
)
@handles_model_errors
def compare(
    data: DataOption = None,
    profile: ProfileOption = "default",
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
) -> None:
    """Every option's rank under each method (or each profile), with rank correlations.

    Kendall's tau and Spearman's rho between every pair of columns show at once whether the
    choice of method or of stakeholder changes the answer (1 = same order, -1 = reversed).
    """
    from decisiontool.analysis import METHOD_IDS
    from decisiontool.engine import kendall_tau, spearman_rho

    base = build_analysis(data, profile, weight, method, vikor_v, missing)
    columns: list[tuple[str, Analysis]] = []
    if by_profiles:
        methods = list(METHOD_IDS) if by_methods else [base.method_id]
        for profile_id in base.model.profile_ids:
            profiled = base.with_profile(profile_id)
            for method_id in methods:
                label = f"{profile_id}/{method_id}" if by_methods else profile_id
                columns.append((label, profiled.with_method(method_id, base.vikor_v)))
    else:
        columns = [(method_id, base.with_method(method_id)) for method_id in METHOD_IDS]
    option_ids = base.arrays.option_ids
    ranks = {label: analysis.ranking.ranks for label, analysis in columns}
    first_shares: dict[str, float] | None = None
    if with_smaa:
        from decisiontool.cli.robustness import first_rank_shares

        first_shares = first_rank_shares(base, samples, seed)
    correlations = []
    labels = [label for label, _ in columns]
    for a_index, a in enumerate(labels):
        for b in labels[a_index + 1 :]:
            correlations.append((a, b, kendall_tau(ranks[a], ranks[b]), spearman_rho(ranks[a], ranks[b])))
    if output_format == "json":
        from decisiontool.documents import header as document_header

        document = document_header(base, "decisiontool.compare/1")
        document["by"] = "profiles" if by_profiles else "methods"
        document["columns"] = labels
        document["ranks"] = {
            option_id: {label: int(ranks[label][i]) for label in labels}
            for i, option_id in enumerate(option_ids)
        }
        document["correlations"] = [
            {"a": a, "b": b, "kendall_tau": _finite(tau), "spearman_rho": _finite(rho)}
            for a, b, tau, rho in correlations
        ]
        if first_shares is not None:
            document["smaa"] = {
                "samples": samples,
                "seed": seed,
                "weight_mode": "free",
                "first_rank": first_shares,
            }
        print_json(document)
        return
    header = ["option", *labels]
    order = sorted(range(len(option_ids)), key=lambda i: (sum(int(ranks[lab][i]) for lab in labels), i))
    rows: list[list[Any]] = [[option_ids[i], *(int(ranks[lab][i]) for lab in labels)] for i in order]
    if first_shares is not None:
        from decisiontool.cli.robustness import percent

        header.append(f"first in SMAA ({base.method_id})")
        for row in rows:
            row.append(percent(first_shares[row[0]]))
    correlation_rows: list[list[Any]] = [[a, b, _fmt(tau), _fmt(rho)] for a, b, tau, rho in correlations]
    if output_format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([csv_value(v) for v in header])
        writer.writerows([[csv_value(v) for v in row] for row in rows])
        return
    if output_format == "md":
        sys.stdout.write(markdown_table(header, rows) + "\n\n")
        sys.stdout.write(markdown_table(["a", "b", "Kendall tau", "Spearman rho"], correlation_rows) + "\n")
        return
    extra = header[len(labels) + 1] if len(header) > len(labels) + 1 else None
    print_compare_table(base, labels, rows, correlations, by_profiles, by_methods, extra)


def print_compare_table(
    base: Analysis,
    labels: list[str],
    rows: list[list[Any]],
    correlations: list[tuple[str, str, float, float]],
    by_profiles: bool,
    by_methods: bool,
    extra: str | None = None,
) -> None:
    """The rank table (with an `extra` last column when given) and a correlation matrix
    (tau below the diagonal, rho above)."""
    from rich.table import Table

    console = stdout_console()
    console.print(f"[bold]{_escape(base.model.name)}[/bold]")
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
    for row in rows:
        table.add_row(*(str(v) for v in row))
    console.print(table)
    console.print()
    console.print("Rank correlation between columns: Kendall's tau below the diagonal, Spearman's rho above")
    console.print("(+1: the same order; 0: unrelated; -1: reversed).", style="dim")
    pair = {(a, b): (tau, rho) for a, b, tau, rho in correlations}
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
            cells.append(_fmt(tau if i > j else rho))
        matrix.add_row(f"{headers[i]} {a}" if numbered else a, *cells)
    console.print(matrix)


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:+.2f}"


def _finite(value: float) -> float | None:
    return None if math.isnan(value) else value


# ---------------------------------------------------------------------------------------
# show


ShowKind = Literal["criteria", "options", "profiles", "lessons"]


@app.command(
    epilog=(
        "Examples:  decisiontool show criteria;  decisiontool show options un_sanctions_poe;  "
        "decisiontool show lessons L09"
    )
)
@handles_model_errors
def show(
    kind: Annotated[ShowKind, typer.Argument(help="What to list: criteria, options, profiles or lessons.")],
    item: Annotated[str | None, typer.Argument(help="One id to show in full.", show_default=False)] = None,
    data: DataOption = None,
    profile: ProfileOption = "default",
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    missing: MissingOption = "refuse",
    output_format: ViewFormatOption = "table",
) -> None:
    """List what a model holds, or show one criterion, option, profile or lesson in full.

    Criteria are listed with their effective weights under --profile; an option in full
    shows every score with its range, rationale and sources.
    """
    from decisiontool.cli import show_items

    analysis = build_analysis(data, profile, weight, method, 0.5, missing)
    document = show_items.document(analysis, kind, item)
    if output_format == "json":
        print_json(document)
    else:
        show_items.render(analysis, kind, item, stdout_console())


# ---------------------------------------------------------------------------------------
# init


@app.command(epilog="Example:  decisiontool init my-model && decisiontool validate --data my-model")
@handles_model_errors
def init(
    directory: Annotated[
        Path, typer.Argument(help="Where to write the starter model (must not hold files).")
    ],
    from_sheet: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="FILE",
            help="Start from a spreadsheet (.csv or .xlsx): as `decisiontool import FILE --to DIR`.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a small, valid, commented starter model to DIRECTORY.

    Two groups, four criteria, three options and one profile, whose comments explain the
    format. The directory must not exist or be empty. With --from FILE, the model is the
    spreadsheet's instead (see `decisiontool import`).
    """
    from decisiontool.starter import write_starter

    if from_sheet is not None:
        from decisiontool.cli.interchange import run_import

        run_import(from_sheet, directory, None, False)
        return

    write_starter(directory)
    echo(f"Wrote a starter model to {directory}. Next: decisiontool validate --data {directory}")
