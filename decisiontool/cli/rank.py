"""`decisiontool rank`: one method, one profile, every option's rank and score."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from decisiontool.bars import eighth_bar, score_fraction
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
    handles_model_errors,
    print_json,
    stdout_console,
)
from decisiontool.cli.tables import SCREEN_ROWS, escape, markdown_table, shown_line
from decisiontool.names import DEFAULT_PROFILE
from decisiontool.sanitise import markdown

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from decisiontool.analysis import Analysis

BAR_WIDTH = 20


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
    """The ranking as a rich table fitted to `width`, flagged options marked and explained below:
    the first SCREEN_ROWS options in rank order (the other formats list every option)."""
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
    for entry in entries[:SCREEN_ROWS]:
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
        fraction = score_fraction(analysis.method_id, entry.score)
        cells += [f"{entry.score:.4f}", Text(eighth_bar(fraction, BAR_WIDTH), style="cyan")]
        table.add_row(*cells)
    return Group(table, *footnotes)


def print_rank_table(analysis: Analysis, console: Console) -> None:
    """Model, method, profile and weights, then the ranking and VIKOR's conditions."""
    console.print(f"[bold]{escape(analysis.model.name)}[/bold]")
    console.print(escape(describe_run(analysis)))
    console.print("Effective weights (sum to 1):", style="dim")
    for line in weights_lines(analysis):
        console.print(escape(line), style="dim")
    console.print()
    console.print(rank_table(analysis, console.width))
    shown = shown_line(len(analysis.ranking.entries), "in rank order")
    if shown is not None:
        console.print(shown, style="bold")
    conditions = analysis.ranking.vikor
    if conditions is not None:
        ids = analysis.arrays.option_ids
        console.print()
        console.print(
            f"VIKOR: acceptable advantage {'holds' if conditions.acceptable_advantage else 'fails'}; "
            f"acceptable stability {'holds' if conditions.acceptable_stability else 'fails'}; "
            f"compromise set: {', '.join(ids[i] for i in conditions.compromise_set)}"
        )


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


@app.command(
    epilog=(
        "Examples:  decisiontool rank;  decisiontool rank --method vikor --profile council_cost_conscious;  "
        "decisiontool rank --weight cost_burden=0 --format json"
    )
)
@handles_model_errors
def rank(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
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
        from decisiontool.csv_tables import csv_text, ranking_table

        sys.stdout.write(csv_text(*ranking_table(analysis), for_terminal=True))
    elif output_format == "md":
        header, rows = ranking_rows(analysis)
        sys.stdout.write(f"**{markdown(analysis.model.name)}**  \n{markdown(describe_run(analysis))}\n\n")
        sys.stdout.write(markdown_table(header, rows) + "\n")
    else:
        print_rank_table(analysis, stdout_console())
