"""Swing weighting (and SMARTER): answer files, their checks against the model, the weights.

Must not import typer, rich or textual.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from decisiontool.analysis import Analysis
from decisiontool.elicitation.files import read_toml, unknown_keys
from decisiontool.elicitation.results import ElicitedWeights, finish, flat_relative, pretty
from decisiontool.engine.weights import (
    smarter_weights,
    swing_weights,
)
from decisiontool.loading import key_lines, toml_type_name
from decisiontool.loading.lines import KeyPath
from decisiontool.model import DecisionModel
from decisiontool.problems import ModelError, Problem, did_you_mean


@dataclass(frozen=True)
class SwingAnswers:
    """A swing-weighting session: the swings in order (most important first) and their ratings.

    `order` holds tiers of tied criteria; `ratings` (0-100, the first tier rated 100) may
    be None, for SMARTER weights (rank-order centroid weights of the order).
    """

    order: tuple[tuple[str, ...], ...]
    ratings: dict[str, float] | None = None


def criterion_levels(model: DecisionModel, criterion_id: str) -> tuple[str, str]:
    """The worst and best level of a criterion, with their anchored meanings where given."""
    criterion = model.criterion(criterion_id)
    low, high = criterion.scale
    worst, best = (low, high) if criterion.direction == "benefit" else (high, low)

    def describe(point: float) -> str:
        meaning = None
        for key, text in criterion.levels.items():
            try:
                if float(key) == point:
                    meaning = text
            except ValueError:
                continue
        return f"{point:g} ({meaning})" if meaning else f"{point:g}"

    return describe(worst), describe(best)


def swing_problems(
    model: DecisionModel, order: Sequence[Sequence[str]], ratings: Mapping[str, float] | None
) -> list[tuple[str, str]]:
    """Check swing answers against the model: a list of (key, message), empty when fine.

    The order must name every criterion once (criteria only); ratings, when given, must
    rate every criterion from 0 to 100, the first tier 100, tied criteria alike, and never
    higher than a criterion earlier in the order.
    """
    criterion_ids = [c.id for c in model.criteria]
    found = _order_problems(model, criterion_ids, order)
    if ratings is None or found:
        return found
    found = _rating_problems(criterion_ids, ratings)
    if found:
        return found
    return _rating_order_problems(order, ratings)


def _order_problems(
    model: DecisionModel, criterion_ids: list[str], order: Sequence[Sequence[str]]
) -> list[tuple[str, str]]:
    """Items of the order that are not criteria, named twice, and criteria it leaves out."""
    found: list[tuple[str, str]] = []
    listed: list[str] = []
    for tier in order:
        for item in tier:
            if item not in criterion_ids:
                what = (
                    "a group; swings are rated per criterion" if item in [g.id for g in model.groups] else ""
                )
                found.append(
                    (
                        "order",
                        f"'{item}' is {what}"
                        if what
                        else f"unknown criterion '{item}'{did_you_mean(item, criterion_ids)}",
                    )
                )
            elif item in listed:
                found.append(("order", f"'{item}' appears more than once"))
            else:
                listed.append(item)
    missing = [c for c in criterion_ids if c not in listed]
    if missing:
        found.append(
            ("order", f"criteria not in the order: {', '.join(missing)}; order every swing (ties as a=b)")
        )
    return found


def _rating_problems(criterion_ids: list[str], ratings: Mapping[str, float]) -> list[tuple[str, str]]:
    """Ratings of unknown criteria, criteria without a rating, and ratings outside 0-100."""
    found: list[tuple[str, str]] = []
    for item in ratings:
        if item not in criterion_ids:
            found.append(
                (f"ratings.{item}", f"unknown criterion '{item}'{did_you_mean(item, criterion_ids)}")
            )
    for item in criterion_ids:
        if item not in ratings:
            found.append((f"ratings.{item}", "no rating: rate every swing from 0 to 100"))
        elif not math.isfinite(ratings[item]) or not 0 <= ratings[item] <= 100:
            found.append((f"ratings.{item}", f"{ratings[item]:g} must lie between 0 and 100"))
    return found


def _rating_order_problems(
    order: Sequence[Sequence[str]], ratings: Mapping[str, float]
) -> list[tuple[str, str]]:
    """Ratings that disagree with the order: the first tier not 100, ties rated apart, a
    swing rated above one that comes before it."""
    found: list[tuple[str, str]] = []
    for item in order[0]:
        if ratings[item] != 100:
            found.append(
                (
                    f"ratings.{item}",
                    f"{ratings[item]:g}: the most important swing is rated 100 (it is first in the order)",
                )
            )
    previous: float | None = None
    previous_item = ""
    for tier in order:
        values = {ratings[item] for item in tier}
        if len(values) > 1:
            found.append(
                ("ratings", f"tied swings {'='.join(tier)} have different ratings: give them the same rating")
            )
        for item in tier:
            if previous is not None and ratings[item] > previous:
                found.append(
                    (
                        f"ratings.{item}",
                        f"{ratings[item]:g} is higher than {previous_item} ({previous:g}), which comes "
                        "before it in the order: reorder the swings or revise the rating",
                    )
                )
        previous = min(ratings[item] for item in tier)
        previous_item = tier[0]
    return found


def read_swing_answers(path: Path, model: DecisionModel, name: str | None = None) -> SwingAnswers:
    """Read swing answers from TOML: `order = ["c1", "c2=c3", ...]` and optionally `[ratings]`.

    Raises ModelError naming the file, key and line for every problem, including answers
    that do not fit the model (see `swing_problems`).
    """
    shown = name or str(path)
    text, data = read_toml(path, shown)
    lines = key_lines(text)
    problems = unknown_keys(data, ["order", "ratings"], shown, "", lambda key: lines.get((key,)))
    tiers = _read_order(data.get("order"), shown, lines, problems)
    ratings = _read_ratings(data.get("ratings"), shown, lines, problems)
    if problems:
        raise ModelError(problems)
    for key, message in swing_problems(model, tiers, ratings):
        parts = tuple(key.split("."))
        problems.append(Problem(shown, key, message, lines.get(parts, lines.get(parts[:1]))))
    if problems:
        raise ModelError(problems)
    return SwingAnswers(tuple(tiers), ratings)


def _read_order(
    raw_order: object, shown: str, lines: Mapping[KeyPath, int], problems: list[Problem]
) -> list[tuple[str, ...]]:
    """The `order` array as tiers of tied names; its problems are appended to `problems`."""
    tiers: list[tuple[str, ...]] = []
    if raw_order is None:
        problems.append(
            Problem(shown, "order", "required key is missing: the criteria, most important swing first")
        )
    elif not isinstance(raw_order, list) or not all(isinstance(item, str) for item in raw_order):
        problems.append(
            Problem(shown, "order", "must be an array of criterion ids (strings)", lines.get(("order",)))
        )
    else:
        for item in raw_order:
            names = tuple(part.strip() for part in item.split("="))
            if any(not part for part in names):
                problems.append(
                    Problem(
                        shown, "order", f"empty name in {item!r}: write ties as a=b", lines.get(("order",))
                    )
                )
            else:
                tiers.append(names)
        if not raw_order:
            problems.append(Problem(shown, "order", "is empty: list every criterion", lines.get(("order",))))
    return tiers


def _read_ratings(
    raw_ratings: object, shown: str, lines: Mapping[KeyPath, int], problems: list[Problem]
) -> dict[str, float] | None:
    """The `[ratings]` table (None when absent); its problems are appended to `problems`."""
    if raw_ratings is None:
        return None
    if not isinstance(raw_ratings, dict):
        problems.append(
            Problem(
                shown,
                "ratings",
                f"must be a table of criterion = rating, not {toml_type_name(raw_ratings)}",
                lines.get(("ratings",)),
            )
        )
        return None
    ratings: dict[str, float] = {}
    for item, value in raw_ratings.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(
                Problem(
                    shown,
                    f"ratings.{item}",
                    f"must be a number from 0 to 100, not {toml_type_name(value)}",
                    lines.get(("ratings", item)),
                )
            )
        else:
            ratings[item] = float(value)
    return ratings


def swing_weights_for(
    analysis: Analysis, answers: SwingAnswers, *, source: str = "answers"
) -> ElicitedWeights:
    """Swing weights (SMART) from ratings, or SMARTER (ROC of the order) without ratings.

    Swings are compared across all criteria, so the weights are flat: the effective
    weights are the normalised ratings. Raises ModelError when the answers do not fit the
    model (see `swing_problems`).
    """
    model = analysis.model
    found = swing_problems(model, answers.order, answers.ratings)
    if found:
        raise ModelError([Problem(source, key, message) for key, message in found])
    criterion_ids = [c.id for c in model.criteria]
    order_text = " ".join("=".join(tier) for tier in answers.order)
    if answers.ratings is None:
        level = {item: number for number, tier in enumerate(answers.order, start=1) for item in tier}
        weights = smarter_weights([level[c] for c in criterion_ids])
        method, summary = "smarter", "SMARTER swing weights (rank-order centroid of the swing order)"
        inputs = f"order of swings: {order_text}"
    else:
        ratings = answers.ratings
        weights = swing_weights([ratings[c] for c in criterion_ids])
        method, summary = "swing", "Swing weights (SMART) from swing ratings"
        inputs = "ratings: " + " ".join(
            f"{item}={pretty(ratings[item])}" for tier in answers.order for item in tier
        )
    flat = {c: float(w) for c, w in zip(criterion_ids, weights, strict=True)}
    group_weights, criterion_weights = flat_relative(model, flat)
    return finish(
        analysis,
        method,
        summary,
        f"{inputs} (from {source})",
        group_weights,
        criterion_weights,
        scope="flat",
        details={
            "source": source,
            "order": [list(tier) for tier in answers.order],
            "ratings": answers.ratings,
        },
    )
