"""`decisiontool weights rank|swing|ahp|entropy|critic`: weights from judgements, optionally saved.

The judgements are turned into weights by `decisiontool.elicitation` (shared with the
Textual app); this module parses the command line, asks the swing questions in a terminal,
prints the result and writes the profile with `decisiontool.profile_writer`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TextIO

import typer

from decisiontool.cli import app
from decisiontool.cli.common import (
    DataOption,
    ProfileOption,
    ViewFormatOption,
    WeightOption,
    build_analysis,
    handles_model_errors,
    print_json,
    stdout_console,
)
from decisiontool.names import DEFAULT_PROFILE, RankMethod

if TYPE_CHECKING:
    from rich.console import Console

    from decisiontool.analysis import Analysis
    from decisiontool.elicitation import ElicitedWeights, SwingAnswers
    from decisiontool.model import DecisionModel

weights_app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
app.add_typer(
    weights_app,
    name="weights",
    help=(
        "Derive criteria weights from judgements (an importance order, swing ratings, AHP pairwise "
        "comparisons) or, for reference, from the scores (entropy, CRITIC); print them and, with "
        "--save-profile ID, write criteria/profiles/ID.toml.\n\n"
        "Each command starts from the weights of --profile (with any --weight overrides): whatever "
        "the judgements do not decide keeps those weights. `weights` in the output are the effective "
        "weights (summing to 1) that the new profile gives."
    ),
)

BAR_WIDTH = 16

SaveProfileOption = Annotated[
    str | None,
    typer.Option(
        "--save-profile",
        metavar="ID",
        help="Write the weights to criteria/profiles/ID.toml in the model (a comment records how).",
        show_default=False,
    ),
]
NameOption = Annotated[
    str | None,
    typer.Option(
        "--name", help="Display name of the saved profile (default: the method).", show_default=False
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", help="Overwrite an existing profile; its comments and layout are kept."),
]


# ---------------------------------------------------------------------------------------
# shared: saving and printing


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
    from decisiontool.profile_writer import profile_path, save_profile

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
    existing = result.base.model.profiles.get(profile_id)
    written = save_profile(
        root,
        profile_id,
        name or (existing.name if existing is not None else result.summary),
        result.criterion_weights,
        result.group_weights,
        description="" if path.exists() else f"{result.summary}.",
        comment=result.comment,
        force=force,
        missing=result.base.model.missing,
    )
    return {"id": profile_id, "path": str(written)}


def _bar(fraction: float) -> str:
    eighths = round(max(0.0, min(1.0, fraction)) * BAR_WIDTH * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + ("" if part == 0 else " ▏▎▍▌▋▊▉"[part])


def render(
    result: ElicitedWeights,
    console: Console,
    column: str = "Derived",
    saved: dict[str, str] | None = None,
    caveat: str | None = None,
) -> None:
    """The derived weights beside the profile's, by group, with the method's detail."""
    from rich.markup import escape
    from rich.table import Table

    base = result.base
    model = base.model
    console.print(f"[bold]{escape(model.name)}[/bold]")
    run = f"{result.summary} · Profile: {base.profile}"
    if base.overrides:
        run += " · Overrides: " + ", ".join(f"{k}={v:g}" for k, v in base.overrides)
    console.print(escape(run))
    if result.inputs:
        console.print(escape(f"Inputs: {result.inputs}"), style="dim")
    console.print()
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
                "[cyan]" + _bar(result.effective[criterion] / largest) + "[/cyan]",
            )
    console.print(table)
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


# ---------------------------------------------------------------------------------------
# rank




@weights_app.command(
    "rank",
    epilog=(
        "Examples:  decisiontool weights rank resources reach durability cost --flat;  "
        "decisiontool weights rank effectiveness sustainability resources reach cost=durability;  "
        "decisiontool weights rank cost durability --keep-unlisted --method rs --save-profile thrifty"
    ),
)
@handles_model_errors
def rank_command(
    order: Annotated[
        list[str],
        typer.Argument(
            metavar="ID",
            help="Criteria (and, within groups, group ids), most important first; tie with '=': a b=c d.",
            show_default=False,
        ),
    ],
    method: Annotated[
        RankMethod,
        typer.Option(
            "--method",
            help="roc: rank-order centroid; rs: rank sum; rr: reciprocal rank; equal: equal weights.",
        ),
    ] = "roc",
    flat: Annotated[
        bool,
        typer.Option("--flat", help="Rank all criteria together: effective weights are the rank weights."),
    ] = False,
    keep_unlisted: Annotated[
        bool,
        typer.Option(
            "--keep-unlisted",
            help="Criteria (and groups) not in the order keep their weights; listed ones share their total.",
        ),
    ] = False,
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    save_profile: SaveProfileOption = None,
    name: NameOption = None,
    force: ForceOption = False,
    output_format: ViewFormatOption = "table",
) -> None:
    """Weights from an importance order (rank-order centroid, rank sum, reciprocal rank).

    Within groups (the default) the order may list criteria of several groups: each
    group's criteria get rank weights from the order restricted to that group. If group
    ids are listed too, the groups get rank weights from their order; if none is, group
    weights stay as they are. Every criterion must be listed (and every group, if any
    is): a partial order is ambiguous, so it is refused unless --keep-unlisted, which
    keeps the weights of the unlisted ones and lets the listed ones share, by the order,
    the total they have now.

    With --flat the order lists criteria only and the effective weights become the rank
    weights of all criteria together (each group's weight is the sum of its criteria's).

    Ties share the weights of the positions they occupy: 'a b=c d' gives b and c the mean
    of the weights of positions 2 and 3. ROC weights of four criteria: 0.5208, 0.2708,
    0.1458, 0.0625.
    """
    from decisiontool.elicitation import rank_weights
    from decisiontool.engine.weights import parse_rank_order

    try:
        tiers = parse_rank_order(order)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="ID...") from None
    analysis = build_analysis(data, profile, weight, "wsm")
    result = rank_weights(analysis, tiers, method, flat=flat, keep_unlisted=keep_unlisted)
    output(result, output_format, save_profile, name, force, data is None)


# ---------------------------------------------------------------------------------------
# swing


@weights_app.command(
    "swing",
    epilog=(
        "Examples:  decisiontool weights swing --data ./my-model;  "
        "decisiontool weights swing --answers swing.toml --save-profile swing_2026 --name 'Workshop 2026'"
    ),
)
@handles_model_errors
def swing_command(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help='TOML answers: order = ["c1", "c2=c3", ...] and [ratings] c1 = 100 ... (else asks).',
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    save_profile: SaveProfileOption = None,
    name: NameOption = None,
    force: ForceOption = False,
    output_format: ViewFormatOption = "table",
) -> None:
    """Swing weighting (SMART, or SMARTER without ratings) across all criteria.

    Imagine every criterion at its worst level. Order the swings from worst to best level
    of each criterion, the one that would improve matters most first (ties as a=b), then
    rate each swing from 0 to 100 against the most important one, rated 100. The weights
    are the ratings divided by their sum; without ratings they are the rank-order
    centroid weights of the order (SMARTER). Swings are compared across groups, so the
    resulting profile sets group weights to the sums of their criteria's weights.

    In a terminal the command asks (the questions go to stderr); otherwise give the answers
    in a TOML file with --answers:

        \b
        order = ["resources", "cost=durability", "reach"]  # most important first
        [ratings]                                          # optional: SMARTER without
        resources = 100
        cost = 60
        durability = 60
        reach = 25
    """
    analysis = build_analysis(data, profile, weight, "wsm")
    from decisiontool.elicitation import read_swing_answers, swing_weights_for

    if answers is not None:
        given = read_swing_answers(answers, analysis.model)
        source = str(answers)
    else:
        if not sys.stdin.isatty():
            raise typer.BadParameter(
                "standard input is not a terminal, so the swing questions cannot be asked: "
                "give the answers in a TOML file with --answers FILE (see --help for the format)",
                param_hint="--answers",
            )
        given = ask_swing(analysis.model, stdout_console(stderr=True))
        source = "interactive answers"
    result = swing_weights_for(analysis, given, source=source)
    output(result, output_format, save_profile, name, force, data is None)


_MAX_ATTEMPTS = 10


def ask_swing(model: DecisionModel, console: Console, stream: TextIO | None = None) -> SwingAnswers:
    """Ask the swing questions with rich prompts on `console` (reading `stream`, default stdin).

    Invalid answers are explained and asked again; after many invalid answers in a row
    (or at the end of input) the command is aborted.
    """
    from rich.markup import escape
    from rich.prompt import Confirm, FloatPrompt, Prompt
    from rich.table import Table

    from decisiontool.elicitation import SwingAnswers, criterion_levels, swing_problems
    from decisiontool.engine.weights import parse_rank_order

    ids = [c.id for c in model.criteria]
    levels = {cid: criterion_levels(model, cid) for cid in ids}
    table = Table(show_edge=False, pad_edge=False, title="Swings: from the worst to the best level")
    table.add_column("#", justify="right")
    table.add_column("Criterion")
    table.add_column("Worst")
    table.add_column("Best")
    for number, cid in enumerate(ids, start=1):
        worst, best = levels[cid]
        table.add_row(
            str(number),
            f"{escape(cid)}\n[dim]{escape(model.criterion(cid).name)}[/dim]",
            escape(worst),
            escape(best),
        )
    console.print(table)
    console.print(
        "Imagine an option at the worst level of every criterion. Which swing to the best level "
        "would you improve first, second, ...?"
    )

    def attempts() -> range:
        return range(_MAX_ATTEMPTS)

    tiers: list[list[str]] | None = None
    for _ in attempts():
        text = Prompt.ask(
            "Order of the swings, most important first (ids or numbers, separated by spaces; ties as a=b)",
            console=console,
            stream=stream,
        )
        tokens = [
            "=".join(
                ids[int(part) - 1] if part.isdigit() and 1 <= int(part) <= len(ids) else part
                for part in token.split("=")
            )
            for token in text.split()
        ]
        try:
            candidate = parse_rank_order(tokens)
        except ValueError as error:
            console.print(f"[red]{escape(str(error))}[/red]")
            continue
        found = swing_problems(model, candidate, None)
        if found:
            for _key, message in found:
                console.print(f"[red]{escape(message)}[/red]")
            continue
        tiers = candidate
        break
    if tiers is None:
        raise typer.Abort()
    console.print("Order: " + escape(" > ".join("=".join(tier) for tier in tiers)))
    if not Confirm.ask(
        "Rate each swing against the most important one (SMART)? No: use the order alone (SMARTER)",
        console=console,
        stream=stream,
        default=True,
    ):
        return SwingAnswers(tuple(tuple(tier) for tier in tiers))
    ratings: dict[str, float] = dict.fromkeys(tiers[0], 100.0)
    console.print(f"{escape('='.join(tiers[0]))}: 100 (the most important swing)")
    previous = 100.0
    for tier in tiers[1:]:
        worst, best = levels[tier[0]]
        rating: float | None = None
        for _ in attempts():
            # the default is given as text so that it shows as 60, not 60.0
            value = float(
                FloatPrompt.ask(
                    f"{'='.join(tier)} ({worst} -> {best}): rating from 0 to {previous:g}",
                    console=console,
                    stream=stream,
                    default=f"{previous:g}",
                )
            )
            if 0 <= value <= previous:
                rating = float(value)
                break
            console.print(
                f"[red]{value:g} is not between 0 and {previous:g} (a later swing cannot count more "
                "than an earlier one)[/red]"
            )
        if rating is None:
            raise typer.Abort()
        ratings.update(dict.fromkeys(tier, rating))
        previous = rating
    return SwingAnswers(tuple(tuple(tier) for tier in tiers), ratings)


# ---------------------------------------------------------------------------------------
# ahp


@weights_app.command(
    "ahp",
    epilog=(
        "Examples:  decisiontool weights ahp pairs.toml;  decisiontool weights ahp pairs.toml "
        "--method geometric --format json;  decisiontool weights ahp pairs.toml --save-profile ahp_panel"
    ),
)
@handles_model_errors
def ahp_command(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="TOML file of [[pair]] comparisons.")],
    method: Annotated[
        Literal["eigen", "geometric"],
        typer.Option(
            "--method",
            help="eigen: Saaty's principal eigenvector; geometric: row geometric means (complete sets).",
        ),
    ] = "eigen",
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    save_profile: SaveProfileOption = None,
    name: NameOption = None,
    force: ForceOption = False,
    output_format: ViewFormatOption = "table",
) -> None:
    """AHP weights from pairwise comparisons on Saaty's 1-9 scale.

    Each [[pair]] table says a is `value` times as important as b (1 equal, 3 moderately,
    5 strongly, 7 very strongly, 9 extremely more important; a fraction such as "1/3" for
    less important); the reciprocal is implied. Compare criteria of one group with each
    other, and groups with groups: each group's criteria form one AHP problem, the groups
    another. A problem without any comparison keeps its current weights.

        \b
        [[pair]]
        a = "resources"
        b = "reach"
        value = 3                  # resources is 3 times as important as reach
        note = "optional: why"

    For each problem: the weights, lambda_max, the consistency index and Saaty's
    consistency ratio (CR); when CR > 0.1 the judgements that fit the weights worst are
    named. An incomplete set of comparisons is accepted when it connects every item
    (solved by logarithmic least squares) and refused when it does not.
    """
    from decisiontool.elicitation import ahp_weights, read_ahp_file

    analysis = build_analysis(data, profile, weight, "wsm")
    judgements, source = read_ahp_file(file)
    result = ahp_weights(analysis, judgements, method, source=source)
    output(result, output_format, save_profile, name, force, data is None)


# ---------------------------------------------------------------------------------------
# entropy and critic


def _objective(
    kind: Literal["entropy", "critic"],
    data: Path | None,
    profile: str,
    weight: list[str] | None,
    save_profile: str | None,
    name: str | None,
    force: bool,
    output_format: str,
) -> None:
    from decisiontool.elicitation import OBJECTIVE_CAVEAT, objective_weights

    analysis: Analysis = build_analysis(data, profile, weight, "wsm")
    result = objective_weights(analysis, kind)
    column = "Entropy" if kind == "entropy" else "CRITIC"
    output(result, output_format, save_profile, name, force, data is None, column, OBJECTIVE_CAVEAT)


@weights_app.command(
    "entropy",
    epilog="Examples:  decisiontool weights entropy;  decisiontool weights entropy --profile cost_first",
)
@handles_model_errors
def entropy_command(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    save_profile: SaveProfileOption = None,
    name: NameOption = None,
    force: ForceOption = False,
    output_format: ViewFormatOption = "table",
) -> None:
    """Shannon-entropy weights of the options' scores, beside the profile's weights.

    A criterion on which the options differ more gets more weight; one on which they all
    score the same gets none. Scores are measured from the worst end of each scale. These
    weights describe the data, not anyone's priorities: a reference, not a recommendation.
    """
    _objective("entropy", data, profile, weight, save_profile, name, force, output_format)


@weights_app.command(
    "critic",
    epilog="Examples:  decisiontool weights critic;  decisiontool weights critic --format json",
)
@handles_model_errors
def critic_command(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    save_profile: SaveProfileOption = None,
    name: NameOption = None,
    force: ForceOption = False,
    output_format: ViewFormatOption = "table",
) -> None:
    """CRITIC weights (contrast and conflict between criteria) of the scores, beside the profile's.

    A criterion weighs more when its scores spread the options widely and disagree with the
    other criteria. These weights describe the data, not anyone's priorities: a reference,
    not a recommendation.
    """
    _objective("critic", data, profile, weight, save_profile, name, force, output_format)
