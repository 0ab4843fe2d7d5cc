"""Weights from an order of importance: rank-order centroid, rank-sum, reciprocal-rank, equal.

Must not import typer, rich or textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from decisiontool.analysis import Analysis
from decisiontool.elicitation.results import (
    ElicitedWeights,
    current_weights,
    finish,
    flat_relative,
    group_members,
    share_of,
)
from decisiontool.engine.weights import (
    rank_order_weights,
)
from decisiontool.names import RANK_METHOD_LABELS
from decisiontool.problems import ModelError, Problem, did_you_mean


def rank_weights(
    analysis: Analysis,
    tiers: Sequence[Sequence[str]],
    method: str = "roc",
    *,
    flat: bool = False,
    keep_unlisted: bool = False,
    source: str = "order",
) -> ElicitedWeights:
    """Weights from an importance order (tiers of tied ids, most important first).

    Within groups (the default) each group's criteria get rank-order weights from the order
    restricted to that group, and the groups from the order of the group ids if any is named
    (else they keep theirs). With `flat` the order names criteria only and the effective
    weights become the rank-order weights of all criteria. Unnamed criteria (and unnamed
    groups when some are named) are refused as ambiguous unless `keep_unlisted`: then they
    keep their weights and the named ones share, by the order, the total they have now.
    ModelError also for unknown ids (did-you-mean), a group id with `flat`, and a tie
    between a criterion and a group.
    """
    if method not in RANK_METHOD_LABELS:
        message = f"unknown method '{method}'; one of roc, rs, rr, equal"
        raise ModelError([Problem.of_parameter("method", "", message)])
    level = _levels(analysis, tiers, flat, source)
    unlisted = [c for c in analysis.arrays.criterion_ids if c not in level]
    named_groups = [g for g in analysis.arrays.group_ids if g in level]
    unlisted_groups = [g for g in analysis.arrays.group_ids if g not in level] if named_groups else []
    if not keep_unlisted:
        _refuse_unlisted(unlisted, unlisted_groups, source)
    label = RANK_METHOD_LABELS[method]
    title = f"{label[0].upper()}{label[1:]} weights"
    kept = f"; kept: {', '.join(unlisted + unlisted_groups)}" if unlisted or unlisted_groups else ""
    inputs = f"order: {' '.join('='.join(tier) for tier in tiers)}{kept}"
    order = [list(tier) for tier in tiers]
    if flat:
        group_weights, criterion_weights = _flat_weights(analysis, level, method, unlisted)
        return finish(
            analysis,
            method,
            f"{title} across all criteria (flat)",
            inputs,
            group_weights,
            criterion_weights,
            scope="flat",
            details={"order": order, "kept": unlisted},
        )
    groups, criteria = _grouped_weights(analysis, level, method)
    what = "within groups" + (" and for the groups" if named_groups else "")
    return finish(
        analysis,
        method,
        f"{title} {what}",
        inputs,
        groups,
        criteria,
        scope="groups",
        details={"order": order, "kept": unlisted + unlisted_groups},
    )


def _grouped_weights(
    analysis: Analysis, level: dict[str, int], method: str
) -> tuple[dict[str, float], dict[str, float]]:
    """Relative group and criterion weights: each group's criteria, and the groups, weighted by
    their order in `level` (items it does not name keep their current weights)."""
    groups, criteria = current_weights(analysis)
    for group in analysis.arrays.group_ids:
        _assign(criteria, group_members(analysis.model, group), level, method)
    _assign(groups, list(analysis.arrays.group_ids), level, method)
    return groups, criteria


def _levels(analysis: Analysis, tiers: Sequence[Sequence[str]], flat: bool, source: str) -> dict[str, int]:
    """Item -> its tier's number (1 first); ModelError for unknown ids and mixed tiers."""
    model = analysis.model
    criterion_ids = analysis.arrays.criterion_ids
    group_ids = analysis.arrays.group_ids
    problems: list[Problem] = []
    level: dict[str, int] = {}
    for number, tier in enumerate(tiers, start=1):
        kinds = set()
        for item in tier:
            if item in criterion_ids:
                kinds.add("criterion")
            elif item in group_ids:
                if flat:
                    problems.append(
                        Problem(
                            source,
                            item,
                            f"'{item}' is a group; with --flat, order criteria only "
                            f"(its criteria: {', '.join(group_members(model, item))})",
                        )
                    )
                kinds.add("group")
            else:
                known = (*criterion_ids, *group_ids) if not flat else criterion_ids
                what = "criterion" if flat else "criterion or group"
                problems.append(Problem(source, item, f"unknown {what} '{item}'{did_you_mean(item, known)}"))
            level[item] = number
        if len(kinds) > 1:
            problems.append(
                Problem(
                    source,
                    "=".join(tier),
                    "a criterion cannot be tied with a group: order groups and criteria separately",
                )
            )
    if problems:
        raise ModelError(problems)
    return level


def _refuse_unlisted(unlisted: list[str], unlisted_groups: list[str], source: str) -> None:
    problems = []
    if unlisted:
        problems.append(
            Problem(
                source,
                "",
                f"criteria not in the order: {', '.join(unlisted)}; a partial order is ambiguous: "
                "list every criterion (ties as a=b), or keep their current weights (--keep-unlisted)",
            )
        )
    if unlisted_groups:
        problems.append(
            Problem(
                source,
                "",
                f"groups not in the order: {', '.join(unlisted_groups)}; list every group "
                "(or none, to keep the group weights), or keep their current weights (--keep-unlisted)",
            )
        )
    if problems:
        raise ModelError(problems)


def _flat_weights(
    analysis: Analysis, level: dict[str, int], method: str, unlisted: list[str]
) -> tuple[dict[str, float], dict[str, float]]:
    """Relative weights whose effective weights are the rank weights of all criteria together."""
    criterion_ids = analysis.arrays.criterion_ids
    effective = analysis.weight_map()
    listed = [c for c in criterion_ids if c in level]
    derived = rank_order_weights([level[c] for c in listed], method)
    total = share_of(sum(effective[c] for c in listed), 1.0, len(listed), len(criterion_ids))
    if not unlisted:
        total = 1.0
    flat_weights = dict(effective)
    for item, weight in zip(listed, derived, strict=True):
        flat_weights[item] = float(weight) * total
    return flat_relative(analysis.model, flat_weights)


def _assign(weights: dict[str, float], items: list[str], level: dict[str, int], method: str) -> None:
    """The listed `items` get rank weights sharing, when some are unlisted, the total they have now."""
    listed = [item for item in items if item in level]
    if not listed:
        return
    derived = rank_order_weights([level[item] for item in listed], method)
    scale = 1.0
    if len(listed) < len(items):
        scale = share_of(
            sum(weights[i] for i in listed), sum(weights[i] for i in items), len(listed), len(items)
        )
    for item, weight in zip(listed, derived, strict=True):
        weights[item] = float(weight) * scale
