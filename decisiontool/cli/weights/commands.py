"""`decisiontool weights rank`, `ahp`, `entropy` and `critic` (swing: `weights/swing.py`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from decisiontool.cli.common import (
    DataOption,
    ProfileOption,
    ViewFormatOption,
    WeightOption,
    build_analysis,
    handles_model_errors,
)
from decisiontool.cli.weights.options import ForceOption, NameOption, SaveProfileOption, weights_app
from decisiontool.cli.weights.output import output
from decisiontool.names import DEFAULT_PROFILE, RankMethod

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis


OrderArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="ID",
        help="Criteria (and, within groups, group ids), most important first; tie with '=': a b=c d.",
        show_default=False,
    ),
]
RankMethodOption = Annotated[
    RankMethod,
    typer.Option(
        "--method",
        help="roc: rank-order centroid; rs: rank sum; rr: reciprocal rank; equal: equal weights.",
    ),
]
FlatOption = Annotated[
    bool,
    typer.Option("--flat", help="Rank all criteria together: effective weights are the rank weights."),
]
KeepUnlistedOption = Annotated[
    bool,
    typer.Option(
        "--keep-unlisted",
        help="Criteria (and groups) not in the order keep their weights; listed ones share their total.",
    ),
]


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
    order: OrderArgument,
    method: RankMethodOption = "roc",
    flat: FlatOption = False,
    keep_unlisted: KeepUnlistedOption = False,
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


# the swing command registers here, so that `--help` lists it second
from decisiontool.cli.weights import swing as swing  # noqa: E402


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


def _objective_command(kind: Literal["entropy", "critic"], epilog: str, doc: str) -> None:
    """Register `decisiontool weights KIND`: objective weights of the scores, beside the profile's."""

    def command(
        data: DataOption = None,
        profile: ProfileOption = DEFAULT_PROFILE,
        weight: WeightOption = None,
        save_profile: SaveProfileOption = None,
        name: NameOption = None,
        force: ForceOption = False,
        output_format: ViewFormatOption = "table",
    ) -> None:
        _objective(kind, data, profile, weight, save_profile, name, force, output_format)

    command.__doc__ = doc
    command.__name__ = f"{kind}_command"
    weights_app.command(kind, epilog=epilog)(handles_model_errors(command))


_objective_command(
    "entropy",
    "Examples:  decisiontool weights entropy;  decisiontool weights entropy --profile cost_first",
    """Shannon-entropy weights of the options' scores, beside the profile's weights.

    A criterion on which the options differ more gets more weight; one on which they all
    score the same gets none. Scores are measured from the worst end of each scale. These
    weights describe the data, not anyone's priorities: a reference, not a recommendation.
    """,
)
_objective_command(
    "critic",
    "Examples:  decisiontool weights critic;  decisiontool weights critic --format json",
    """CRITIC weights (contrast and conflict between criteria) of the scores, beside the profile's.

    A criterion weighs more when its scores spread the options widely and disagree with the
    other criteria. These weights describe the data, not anyone's priorities: a reference,
    not a recommendation.
    """,
)
