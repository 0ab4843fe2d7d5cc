"""`decisiontool explain`: what the ranking means, in plain words first, then the tables."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal

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
from decisiontool.cli.robustness import SamplesOption, SeedOption, percent
from decisiontool.names import DEFAULT_PROFILE

if TYPE_CHECKING:
    from rich.console import Console

    from decisiontool.analysis import Analysis
    from decisiontool.findings import Findings, Trait, ValueForMoney, Why

ExplainFormat = Literal["table", "json", "md"]


def _number(value: float) -> str:
    from decisiontool.findings.sentences import number

    return number(value)


def _change_cell(findings: Findings, option: str) -> str:
    change = findings.closest_changes.get(option)
    if change is None:
        return "—"
    text = (
        f"{findings.criterion_names[change.criterion]}: "
        f"{_number(change.from_value)} → {_number(change.to_value)}"
    )
    if change.new_top is not None:
        text += f" (then {findings.names[change.new_top]} first)"
    return text


TableRows = tuple[str, list[str], list[list[Any]]]
"""(title, header, rows) of one table."""


def tables(analysis: Analysis, findings: Findings) -> list[TableRows]:
    """(title, header, rows) of every table `explain` shows after its sentences."""
    found = [_options_table(analysis, findings)]
    if findings.why is not None:
        found.append(_why_table(findings, findings.why))
    found.append(_agreement_table(findings))
    if findings.dominance:
        found.append(
            (
                "Dominance (no weights under any method can reverse these pairs)",
                ["Option", "Dominates", "Also at the ends of the ranges"],
                [
                    [findings.names[d.option], findings.names[d.dominates], "yes" if d.robust else "no"]
                    for d in findings.dominance
                ],
            )
        )
    found.append(_traits_table(findings))
    if findings.value_for_money is not None:
        found.append(_money_table(findings, findings.value_for_money))
    return found


def _options_table(analysis: Analysis, findings: Findings) -> TableRows:
    names = findings.names
    ranks = {entry.option: entry.rank for entry in analysis.ranking.entries}
    scores = {entry.option: entry.score for entry in analysis.ranking.entries}
    interval_kind = "exact" if findings.intervals_exact else "5th-95th percentile"
    return (
        "Options",
        [
            "Rank",
            "Option",
            "Score",
            f"Score interval ({interval_kind})",
            "First in",
            "Closest single-score change to the first place",
        ],
        [
            [
                ranks[option],
                names[option],
                f"{scores[option]:.3f}",
                f"{interval.low:.3f} – {interval.high:.3f}",
                percent(findings.first_acceptability[option]),
                _change_cell(findings, option),
            ]
            for option, interval in findings.score_intervals.items()
        ],
    )


def _why_table(findings: Findings, why: Why) -> TableRows:
    names = findings.names
    kind = "sums to the difference" if why.decomposition else "weighted value differences (an explanation)"
    return (
        f"Why {names[why.option]} against {names[why.versus]} (difference {why.difference:+.4f}; {kind})",
        ["Criterion", "Contribution"],
        [[findings.criterion_names[term.criterion], f"{term.contribution:+.4f}"] for term in why.terms],
    )


def _agreement_table(findings: Findings) -> TableRows:
    names = findings.names
    agreement = findings.agreement
    return (
        "Agreement: the first option under each method and each profile",
        ["Method or profile", "First"],
        [[f"method {m}", names[t]] for m, t in agreement.methods.items()]
        + [[f"profile {p}", names[t]] for p, t in agreement.profiles.items()],
    )


def _traits_table(findings: Findings) -> TableRows:
    criteria = findings.criterion_names

    def listed(items: Sequence[Trait]) -> str:
        return (
            "; ".join(
                f"{criteria[t.criterion]} {_number(t.score)} (others {_number(t.others_mean)})" for t in items
            )
            or "—"
        )

    return (
        "Strengths and weaknesses (against the other options' mean score)",
        ["Option", "Strengths", "Weaknesses"],
        [
            [findings.names[option], listed(traits.strengths), listed(traits.weaknesses)]
            for option, traits in findings.traits.items()
        ],
    )


def _money_table(findings: Findings, money: ValueForMoney) -> TableRows:
    without = ", ".join(findings.criterion_names[c] for c in money.cost_criteria)
    return (
        f"Value for money: benefit (without {without}) against cost",
        ["Option", "Benefit", "Cost", "On the frontier"],
        [
            [
                findings.names[option],
                f"{money.benefit[option]:.3f}",
                _number(money.cost[option]),
                "yes" if option in money.frontier else "",
            ]
            for option in money.benefit
        ],
    )


def print_findings(analysis: Analysis, findings: Findings, console: Console) -> None:
    """Sentences, then rich tables."""
    from rich.markup import escape
    from rich.table import Table

    console.print(f"[bold]{escape(analysis.model.name)}[/bold]")
    console.print(
        f"What the ranking means · {analysis.method.label} · profile {escape(analysis.profile)}",
        style="dim",
    )
    console.print()
    for sentence in findings.sentences:
        console.print(f"• {escape(sentence)}")
    for title, header, rows in tables(analysis, findings):
        console.print()
        table = Table(title=escape(title), title_justify="left", show_edge=False)
        for column in header:
            table.add_column(escape(column), overflow="fold")
        for row in rows:
            table.add_row(*(escape(str(value)) for value in row))
        console.print(table)


def markdown_findings(analysis: Analysis, findings: Findings) -> str:
    """Sentences as a list, then Markdown tables."""
    from decisiontool.cli.tables import markdown_table
    from decisiontool.sanitise import markdown

    lines = [
        f"**{markdown(analysis.model.name)}**  ",
        markdown(f"What the ranking means · {analysis.method.label} · profile {analysis.profile}"),
        "",
    ]
    lines += [f"- {markdown(sentence)}" for sentence in findings.sentences]
    for title, header, rows in tables(analysis, findings):
        lines += [
            "",
            f"### {markdown(title)}",
            "",
            markdown_table(header, [[str(v) for v in row] for row in rows]),
        ]
    return "\n".join(lines) + "\n"


@app.command(
    epilog=(
        "Examples:  decisiontool explain;  "
        "decisiontool explain --profile rights_victims_first --vs regional_spm_light;  "
        "decisiontool explain --method topsis --format json"
    )
)
@handles_model_errors
def explain(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    vikor_v: VikorVOption = 0.5,
    missing: MissingOption = "refuse",
    samples: SamplesOption = 10_000,
    seed: SeedOption = 1,
    versus: Annotated[
        str | None,
        typer.Option(
            "--vs", metavar="ID", help="Explain the top against this option (default: the runner-up)."
        ),
    ] = None,
    output_format: Annotated[
        ExplainFormat, typer.Option("--format", "-f", help="Output format: table, json or md.")
    ] = "table",
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Run SMAA even when its estimated time or memory exceeds the bound."),
    ] = False,
) -> None:
    """What does the ranking mean? Verdict, contenders, what would change it, and why.

    Plain sentences first: how often the top is first with the weights varied ±20% around
    the current ones (clear / likely / contested), the closest single-score changes, the
    agreement of the four methods and of every profile, dominance and caveats; then the
    tables. `--format json` gives the schema decisiontool.findings/1. A run whose SMAA is
    estimated past the bounds of `smaa` is refused (exit 2) unless `--yes`.
    """
    from decisiontool.cli.budget import check_samples
    from decisiontool.findings import compute_findings

    analysis = build_analysis(data, profile, weight, method, vikor_v, missing)
    options, criteria = analysis.arrays.scores.shape
    check_samples(samples, options, criteria, analysis.method_id, yes=yes)
    findings = compute_findings(analysis, samples=samples, seed=seed, versus=versus)
    if output_format == "json":
        print_json(findings.to_json())
    elif output_format == "md":
        sys.stdout.write(markdown_findings(analysis, findings))
    else:
        print_findings(analysis, findings, stdout_console())
