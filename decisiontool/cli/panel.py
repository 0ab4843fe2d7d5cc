"""`decisiontool panel`: many participants' weights and readings, aggregated (docs/panel.md)."""

from __future__ import annotations

import sys
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
    handles_model_errors,
    print_json,
    stdout_console,
)
from decisiontool.cli.weights import ForceOption, NameOption, SaveProfileOption
from decisiontool.names import DEFAULT_PROFILE

if TYPE_CHECKING:
    from rich.console import Console

    from decisiontool.elicitation import ElicitedWeights
    from decisiontool.panel import PanelResult

AggregateOption = Annotated[
    Literal["geometric", "mean", "median"],
    typer.Option(
        "--aggregate",
        help=(
            "How the participants' weights are combined: geometric (normalised geometric mean; AHP "
            "judgements by the geometric mean of the matrices, AIJ), mean or median."
        ),
    ),
]
ScoresOption = Annotated[
    Literal["model", "pooled"],
    typer.Option(
        "--scores",
        help=(
            "Scores of the group ranking: the model's, or pooled (per score the median of the "
            "participants' readings and the model's value)."
        ),
    ),
]
PanelFormatOption = Annotated[
    Literal["table", "json", "md"], typer.Option("--format", "-f", help="Output format: table, json or md.")
]


def aggregate_weights(result: PanelResult) -> ElicitedWeights:
    """The panel's aggregate as derived weights, ready for the profile writer."""
    from decisiontool.elicitation.results import finish, flat_relative

    group_weights, criterion_weights = flat_relative(result.base.model, result.group_weights)
    names = ", ".join(view.id for view in result.participants)
    kind = "illustrative participants" if result.illustrative else "participants"
    return finish(
        result.base,
        f"panel-{result.aggregate}",
        f"Panel aggregate ({result.aggregate}) of {len(result.participants)} {kind}",
        f"participants: {names}" + (" (illustrative panel)" if result.illustrative else ""),
        group_weights,
        criterion_weights,
        scope="flat",
    )


def _print_tables(result: PanelResult, console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    from decisiontool.panel.tables import panel_sentences, panel_tables

    model = result.base.model
    console.print(f"[bold]{escape(model.name)}[/bold]: panel")
    sentences = panel_sentences(result)
    for number, sentence in enumerate(sentences):
        style = "bold yellow" if number == 0 and result.illustrative else None
        console.print(escape(sentence), style=style)
    for panel_table in panel_tables(result):
        console.print()
        table = Table(title=escape(panel_table.title), title_justify="left", show_edge=False, pad_edge=False)
        for heading in panel_table.header:
            table.add_column(escape(heading), overflow="fold")
        for row in panel_table.rows:
            table.add_row(*(escape(str(cell)) for cell in row))
        if panel_table.rows:
            console.print(table)
        else:
            console.print(f"[bold]{escape(panel_table.title)}[/bold]: none")
        if panel_table.note:
            console.print(escape(panel_table.note), style="dim")
    if result.illustrative:
        console.print()
        console.print(escape(sentences[0]), style="bold yellow")


def _markdown(result: PanelResult) -> str:
    from decisiontool.cli.tables import markdown_table
    from decisiontool.panel.tables import panel_sentences, panel_tables
    from decisiontool.sanitise import markdown

    parts = [f"**{markdown(result.base.model.name)}: panel**", ""]
    sentences = panel_sentences(result)
    if result.illustrative:
        parts += [f"> **{markdown(sentences[0])}**", ""]
        sentences = sentences[1:]
    parts += [" ".join(markdown(sentence) for sentence in sentences), ""]
    for table in panel_tables(result):
        parts.append(f"### {markdown(table.title)}")
        parts.append("")
        if table.rows:
            parts.append(markdown_table(list(table.header), [list(row) for row in table.rows]))
        else:
            parts.append("None.")
        if table.note:
            parts += ["", markdown(table.note)]
        parts.append("")
    return "\n".join(parts)


@app.command(
    epilog=(
        "Examples:  decisiontool panel;  decisiontool panel --aggregate median --scores pooled;  "
        "decisiontool panel --format json;  decisiontool panel --save-profile panel_2026 --data ./my-model"
    )
)
@handles_model_errors
def panel(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
    aggregate: AggregateOption = "geometric",
    scores: ScoresOption = "model",
    output_format: PanelFormatOption = "table",
    save_profile: SaveProfileOption = None,
    name: NameOption = None,
    force: ForceOption = False,
) -> None:
    """Many participants, one model: their weights, the group, agreement and dissent.

    Reads MODEL/panel/<participant-id>.toml. Each participant starts from --profile (with
    any --weight overrides) and replaces weights with their own, given directly or as AHP,
    rank or swing judgements; their own [[scores]] count in their own ranking only. Shows
    each participant's weights and top option, the aggregated group weights and ranking,
    Kendall's W and each participant's tau to the group, the participants whose view alone
    changes the group's top (leave-one-out), differing readings of the same score, and the
    dissent register. `--format json` gives the schema decisiontool.panel/1.
    """
    from decisiontool.cli.weights import save
    from decisiontool.panel import analyse_panel

    analysis = build_analysis(data, profile, weight, method, vikor_v, missing)
    result = analyse_panel(analysis, aggregate=aggregate, scores=scores)
    saved = None
    if save_profile is not None:
        saved = save(aggregate_weights(result), save_profile, name, force, data is None)
    if output_format == "json":
        document = result.to_json()
        document["saved_profile"] = saved
        print_json(document)
        return
    if output_format == "md":
        sys.stdout.write(_markdown(result))
    else:
        _print_tables(result, stdout_console())
    if saved is not None:
        typer.echo(
            f"Saved the panel's aggregate as profile '{saved['id']}' to {saved['path']}; rank with: "
            f"decisiontool rank --profile {saved['id']}"
        )
