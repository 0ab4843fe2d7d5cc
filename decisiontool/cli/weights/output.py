"""Saving derived weights as a profile and printing them (table or JSON)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from decisiontool.bars import eighth_bar
from decisiontool.cli.common import print_json, stdout_console

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from decisiontool.elicitation import ElicitedWeights

BAR_WIDTH = 16


def _writable_ancestor(folder: Path) -> Path:
    """The folder itself, or its nearest existing ancestor (where it would be created)."""
    current = folder
    while not current.exists() and current != current.parent:
        current = current.parent
    return current


def save(
    result: ElicitedWeights, profile_id: str, name: str | None, force: bool, bundled: bool
) -> dict[str, str]:
    """Write the derived weights as a profile; return its id and path (ModelError if refused)."""
    from decisiontool.problems import ModelError, Problem
    from decisiontool.profile_writer import profile_path

    root = result.base.model.root
    path = profile_path(root, profile_id)
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    ancestor = _writable_ancestor(path.parent)
    if not os.access(ancestor, os.W_OK):
        hint = (
            " The bundled model is part of the installed package, which is often read-only: copy its "
            "criteria/ and options/ folders to a directory of your own and pass --data DIR."
            if bundled
            else ""
        )
        raise ModelError([Problem(shown, "", f"cannot write: {ancestor} is not writable.{hint}")])
    if path.exists() and not force:
        raise ModelError(
            [
                Problem(
                    shown,
                    "",
                    "a profile with this id exists; use --force to overwrite it (comments are kept)",
                )
            ]
        )
    from decisiontool.services import write_weights

    existing = result.base.model.profiles.get(profile_id)
    written = write_weights(
        result.base.model,
        profile_id,
        name or (existing.name if existing is not None else result.summary),
        result.criterion_weights,
        result.group_weights,
        description="" if path.exists() else f"{result.summary}.",
        comment=result.comment,
        force=force,
    )
    return {"id": profile_id, "path": str(written)}


def render(
    result: ElicitedWeights,
    console: Console,
    column: str = "Derived",
    saved: dict[str, str] | None = None,
    caveat: str | None = None,
) -> None:
    """The derived weights beside the profile's, by group, with the method's detail."""
    from rich.markup import escape

    _render_heading(result, console)
    console.print(_weights_table(result, column))
    console.print(
        "Relative: the weight of a group, or of a criterion inside its group, as a profile holds it; "
        "the other columns are effective weights (a group's row: the sum of its criteria's).",
        style="dim",
    )
    if result.ahp:
        _render_ahp(result, console)
    if caveat:
        console.print()
        console.print(escape(caveat), style="yellow")
    if saved is not None:
        console.print()
        console.print(
            escape(
                f"Saved profile '{saved['id']}' to {saved['path']}; rank with: decisiontool rank "
                f"--profile {saved['id']}"
            )
        )


def _render_heading(result: ElicitedWeights, console: Console) -> None:
    """The model's name, the method, profile and overrides, and the inputs, then a blank line."""
    from rich.markup import escape

    base = result.base
    console.print(f"[bold]{escape(base.model.name)}[/bold]")
    run = f"{result.summary} · Profile: {base.profile}"
    if base.overrides:
        run += " · Overrides: " + ", ".join(f"{k}={v:g}" for k, v in base.overrides)
    console.print(escape(run))
    if result.inputs:
        console.print(escape(f"Inputs: {result.inputs}"), style="dim")
    console.print()


def _weights_table(result: ElicitedWeights, column: str) -> Table:
    """A row a group (bold, its criteria's sums) followed by a row for each of its criteria."""
    from rich.markup import escape
    from rich.table import Table

    base = result.base
    model = base.model
    before = base.weight_map()
    largest = max(result.effective.values()) or 1.0
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("Group / criterion", no_wrap=True)
    table.add_column("Relative", justify="right")
    table.add_column(f"Profile {escape(base.profile)}", justify="right")
    table.add_column(column, justify="right")
    table.add_column("", no_wrap=True)
    for group in model.groups:
        members = [c.id for c in model.criteria if model.criterion_group[c.id] == group.id]
        table.add_row(
            f"[bold]{escape(group.id)}[/bold]",
            f"[bold]{result.group_weights[group.id]:.4g}[/bold]",
            f"[bold]{sum(before[c] for c in members):.4f}[/bold]",
            f"[bold]{sum(result.effective[c] for c in members):.4f}[/bold]",
            "",
        )
        for criterion in members:
            table.add_row(
                f"  {escape(criterion)}",
                f"{result.criterion_weights[criterion]:.4g}",
                f"{before[criterion]:.4f}",
                f"{result.effective[criterion]:.4f}",
                "[cyan]" + eighth_bar(result.effective[criterion] / largest, BAR_WIDTH) + "[/cyan]",
            )
    return table


def _render_ahp(result: ElicitedWeights, console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    from decisiontool.elicitation import CR_THRESHOLD

    method_names = {
        "eigen": "eigenvector",
        "geometric": "geometric mean",
        "llsm": "log least squares (incomplete)",
    }
    table = Table(title="AHP consistency", show_edge=False, pad_edge=False)
    for heading, justify in (
        ("Problem", "left"),
        ("Items", "right"),
        ("Judgements", "right"),
        ("Method", "left"),
        ("lambda_max", "right"),
        ("CI", "right"),
        ("CR", "right"),
        ("", "left"),
    ):
        table.add_column(heading, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for problem in result.ahp:
        cr = problem.result.cr
        if cr is None:
            verdict = "no random index beyond 15 items"
        elif cr <= CR_THRESHOLD:
            verdict = "acceptable"
        else:
            verdict = "[red]above 0.1: revise[/red]"
        table.add_row(
            escape(problem.id),
            str(len(problem.items)),
            str(problem.judgements),
            method_names[problem.method],
            f"{problem.result.lambda_max:.4f}",
            f"{problem.result.ci:.4f}",
            "n/a" if cr is None else f"{cr:.3f}",
            verdict,
        )
    console.print()
    console.print(table)
    pairs = result.inconsistent_pairs
    if pairs:
        console.print(
            "Most inconsistent judgements (what you said, and what the weights imply):", style="red"
        )
        for pair in pairs:
            where = f" (line {pair.line})" if pair.line is not None else ""
            console.print(
                escape(
                    f"  {pair.problem}: {pair.a} vs {pair.b}: judged {_ratio(pair.given)}, "
                    f"weights imply {_ratio(pair.implied)}{where}"
                )
            )


def _ratio(value: float) -> str:
    """A judgement as Saaty writes it: 3, or 1/3 for its reciprocal."""
    return f"{value:.3g}" if value >= 1 or f"{1 / value:.3g}" == "1" else f"1/{1 / value:.3g}"


def output(
    result: ElicitedWeights,
    output_format: str,
    save_profile: str | None,
    name: str | None,
    force: bool,
    bundled: bool,
    column: str = "Derived",
    caveat: str | None = None,
) -> None:
    """Save the profile when asked, then print the result as a table or as JSON."""
    saved = save(result, save_profile, name, force, bundled) if save_profile is not None else None
    if output_format == "json":
        from decisiontool.elicitation import weights_document

        document = weights_document(result, saved)
        if caveat:
            document["caveat"] = caveat
        print_json(document)
    else:
        render(result, stdout_console(), column, saved, caveat)
