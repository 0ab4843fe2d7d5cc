"""The checks of one criterion and one option that pydantic cannot make alone.

Scale order, minimum, levels, preference parameters and value functions of a criterion;
an option's scores against the scales, ranges and the list of criteria. Each records
problems with the file's line numbers and never raises.

Must not import numpy, rich or textual.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

from decisiontool.loading.source import TomlSource
from decisiontool.model import Criterion, MissingPolicy, OptionFile, ScoreDetail
from decisiontool.model.files import ID_PATTERN, MAX_ID_LENGTH
from decisiontool.model.panel import ParticipantScore
from decisiontool.problems import MISSING_WORST, Problems, did_you_mean

__all__ = ["check_criterion", "check_option", "check_stem"]

_PREFERENCE_PARAMETERS: dict[str, set[str]] = {
    "usual": set(),
    "u-shape": {"q"},
    "v-shape": {"p"},
    "level": {"q", "p"},
    "linear": {"q", "p"},
    "gaussian": {"s"},
}
"""The parameters each preference function needs (it takes no others)."""


def check_stem(stem: str, name: str, problems: Problems, what: str) -> bool:
    """True when a file name gives a valid id; otherwise record why not."""
    if len(stem) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(stem):
        problems.add(
            name,
            "",
            f"the file name gives the {what} id {stem!r}, which is not a valid id: use lower-case "
            f"letters, digits and '_', starting with a letter, at most {MAX_ID_LENGTH} characters",
        )
        return False
    return True


def check_criterion(criterion: Criterion, source: TomlSource, index: int, problems: Problems) -> None:
    """Scale order, minimum, levels, preference parameters and value function of one criterion."""
    key = f"criterion[{criterion.id}]"

    def add(subkey: str, message: str, *loc: str | int) -> None:
        problems.add(source.name, f"{key}.{subkey}", message, source.line("criterion", index, *loc))

    low, high = criterion.scale
    if not low < high:
        add("scale", f"[{low:g}, {high:g}] must be [min, max] with min < max", "scale")
        return
    if not math.isfinite(high - low):
        # every analysis divides by the width or by differences of scores inside it
        add("scale", f"[{low:g}, {high:g}] is wider than floating point can hold; rescale it", "scale")
        return
    if criterion.minimum is not None and not low <= criterion.minimum <= high:
        add("minimum", f"{criterion.minimum:g} is outside the scale [{low:g}, {high:g}]", "minimum")
    for level in criterion.levels:
        try:
            point = int(level)
        except ValueError:
            add(f"levels.{level}", f"level keys are integer points of the scale, not {level!r}", "levels")
            continue
        if str(point) != level.strip() or not low <= point <= high:
            add(
                f"levels.{level}",
                f"{level!r} is not an integer point of the scale [{low:g}, {high:g}]",
                "levels",
            )
    if criterion.preference is not None:
        for message in preference_problems(criterion):
            add("preference", message, "preference")
    if criterion.value_function is not None:
        for message in value_function_problems(criterion):
            add("value_function", message, "value_function")


def preference_problems(criterion: Criterion) -> list[str]:
    """What is wrong with a criterion's preference function parameters (docs/model-format.md)."""
    preference = criterion.preference
    assert preference is not None
    function = preference.function
    given = {name for name in ("q", "p", "s") if getattr(preference, name) is not None}
    needed = _PREFERENCE_PARAMETERS[function]
    found: list[str] = []
    for name in sorted(needed - given):
        found.append(f"'{function}' needs the parameter {name} (there are no defaults)")
    for name in sorted(given - needed):
        found.append(f"'{function}' takes no parameter {name}")
    if found:
        return found
    q, p, s = preference.q, preference.p, preference.s
    if q is not None and q < 0:
        found.append(f"q = {q:g} must be >= 0")
    if p is not None and function == "v-shape" and p <= 0:
        found.append(f"p = {p:g} must be > 0")
    if q is not None and p is not None and q >= p:
        found.append(f"needs 0 <= q < p, got q = {q:g}, p = {p:g}")
    if s is not None and s <= 0:
        found.append(f"s = {s:g} must be > 0")
    return found


def value_function_problems(criterion: Criterion) -> list[str]:
    """What is wrong with a criterion's value function: inside the scale, monotone, in [0, 1]."""
    points = criterion.value_function
    assert points is not None
    low, high = criterion.scale
    found: list[str] = []
    if len(points) < 2:
        return ["needs at least two [score, value] points"]
    xs = [x for x, _ in points]
    vs = [v for _, v in points]
    for x in xs:
        if not low <= x <= high:
            found.append(f"point {x:g} is outside the scale [{low:g}, {high:g}]")
    for v in vs:
        if not 0 <= v <= 1:
            found.append(f"value {v:g} is outside [0, 1]")
    if any(b <= a for a, b in itertools.pairwise(xs)):
        found.append("scores must strictly increase from one point to the next")
    steps = [b - a for a, b in itertools.pairwise(vs)]
    if criterion.direction == "benefit" and (any(d < 0 for d in steps) or vs[-1] <= vs[0]):
        found.append("values must increase with the score for a benefit criterion")
    if criterion.direction == "cost" and (any(d > 0 for d in steps) or vs[-1] >= vs[0]):
        found.append("values must decrease as the score rises for a cost criterion")
    return found


def check_score(
    criterion_id: str,
    score: ScoreDetail | ParticipantScore,
    criterion: Criterion,
    source: TomlSource,
    problems: Problems,
    key: str = "",
    loc: tuple[str | int, ...] = (),
) -> None:
    """One score against its criterion's scale, and its range.

    `key` and `loc` say where the score is (default: an option's `scores.<criterion>`; a
    panel participant's reading is `scores[#k]`).
    """
    key = key or f"scores.{criterion_id}"
    loc = loc or ("scores", criterion_id)
    low, high = criterion.scale
    if not low < high:
        return  # the scale itself is already reported
    if not low <= score.value <= high:
        problems.add(
            source.name,
            f"{key}.value",
            f"{score.value:g} is outside the scale [{low:g}, {high:g}] of {criterion_id}",
            source.line(*loc, "value"),
        )
    if score.range is None:
        return
    a, b = score.range
    if a > b:
        message = f"[{a:g}, {b:g}] must be [low, high] with low <= high"
    elif not low <= a <= b <= high:
        message = f"[{a:g}, {b:g}] is outside the scale [{low:g}, {high:g}]"
    elif not a <= score.value <= b:
        message = f"[{a:g}, {b:g}] does not contain the value {score.value:g}"
    else:
        return
    problems.add(source.name, f"{key}.range", message, source.line(*loc, "range"))


def check_option(
    option: OptionFile,
    source: TomlSource,
    criteria: Mapping[str, Criterion],
    problems: Problems,
    missing: MissingPolicy,
    broken: set[str],
) -> list[str]:
    """Scores against scales and ranges; returns the criteria the option leaves unscored.

    `broken` holds criterion ids of group files that failed to parse: not reported again.
    """
    for criterion_id, score in option.scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is not None:
            check_score(criterion_id, score, criterion, source, problems)
        elif criterion_id not in broken:
            problems.add(
                source.name,
                f"scores.{criterion_id}",
                f"unknown criterion '{criterion_id}'{did_you_mean(criterion_id, criteria)}",
                source.line("scores", criterion_id),
            )
    gaps = [criterion_id for criterion_id in criteria if criterion_id not in option.scores]
    if gaps and missing == "refuse":
        for criterion_id in gaps:
            problems.add(
                source.name,
                f"scores.{criterion_id}",
                "missing score (every option must score every criterion; "
                f"{MISSING_WORST} scores gaps at the scale's worst end)",
            )
    return gaps
