"""Weight elicitation over a model: importance orders, swings, pairwise comparisons, the scores.

Behind `decisiontool weights rank|swing|ahp|entropy|critic` and the Textual weighting
screen. Each function takes an `Analysis` (a model under a profile and any overrides: the
"current weights") plus what the user judged, and returns an `ElicitedWeights`: the relative
group and criterion weights a profile would hold, the effective weights they give (SPEC
section 2) and the method's own detail (AHP consistency, the judgements that fit worst).
The numbers come from `decisiontool.engine.weights`; this module maps ids to positions,
checks the judgements against the model and reports every problem as `Problem`s in a
`ModelError`, like the loader does for model files.

Judgement files (AHP comparisons, swing answers) are TOML, read with tomli; problems name
the file, a dotted key (`pair[#3].value`) and the line where it can be had.

Must not import typer, rich or textual.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.engine.weights import (
    SAATY_MAX,
    SAATY_MIN,
    AhpResult,
    DisconnectedComparisonsError,
    ahp_eigen,
    ahp_geometric,
    ahp_incomplete,
    ahp_matrix,
    critic_weights,
    entropy_weights,
    rank_order_weights,
    smarter_weights,
    swing_weights,
)
from decisiontool.loading import key_lines, toml_type_name
from decisiontool.loading import read_toml as read_model_toml
from decisiontool.model import DecisionModel
from decisiontool.problems import ModelError, Problem, did_you_mean

__all__ = [
    "AHP_METHODS",
    "CR_THRESHOLD",
    "OBJECTIVE_CAVEAT",
    "RANK_METHOD_LABELS",
    "WEIGHTS_SCHEMA",
    "AhpProblem",
    "ElicitedWeights",
    "Judgement",
    "NamedPair",
    "SwingAnswers",
    "ahp_weights",
    "criterion_levels",
    "objective_weights",
    "rank_weights",
    "read_ahp_file",
    "read_swing_answers",
    "read_toml",
    "swing_problems",
    "swing_weights_for",
    "weights_document",
]

WEIGHTS_SCHEMA = "decisiontool.weights/1"

CR_THRESHOLD = 0.1
"""Saaty's rule of thumb: a consistency ratio above this calls for revising the judgements."""

AHP_METHODS: tuple[str, ...] = ("eigen", "geometric")
"""AHP prioritisation methods for complete comparison sets."""

RANK_METHOD_LABELS: dict[str, str] = {
    "roc": "rank-order centroid (ROC)",
    "rs": "rank-sum (RS)",
    "rr": "reciprocal-rank (RR)",
    "equal": "equal",
}

OBJECTIVE_CAVEAT = (
    "Objective weights describe how the options' scores vary, not what matters to anyone: "
    "use them as a reference, not as priorities."
)

GROUPS_PROBLEM = "groups"
"""The id of the AHP problem that compares groups with groups (criteria problems use the group id)."""

# Judgements are coarse: accept values within 1% of Saaty's scale ends (0.111 for 1/9).
_SCALE_TOLERANCE = 1e-2
# How many of a problem's worst judgements are named when its CR is above the threshold.
_NAMED_PAIRS = 3
_FRACTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamedPair:
    """One judgement next to what the derived weights imply, oriented as the user wrote it.

    "`a` is `given` times as important as `b`"; the weights say `implied`.
    """

    problem: str
    a: str
    b: str
    given: float
    implied: float
    line: int | None = None

    @property
    def deviation(self) -> float:
        """|log(given / implied)|: 0 when the judgement agrees with the weights."""
        return abs(math.log(self.given / self.implied))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "problem": self.problem,
            "a": self.a,
            "b": self.b,
            "given": self.given,
            "implied": self.implied,
            "line": self.line,
        }


@dataclass(frozen=True)
class AhpProblem:
    """One AHP problem: the criteria of one group, or the groups themselves."""

    id: str
    """The group id, or `groups` for the comparison of groups."""
    items: tuple[str, ...]
    method: str
    """`eigen`, `geometric`, or `llsm` (logarithmic least squares, for incomplete sets)."""
    judgements: int
    result: AhpResult
    pairs: tuple[NamedPair, ...]
    """Every judgement of this problem, the most inconsistent first."""

    @property
    def weights(self) -> dict[str, float]:
        """Weight by item id (summing to 1)."""
        return {item: float(w) for item, w in zip(self.items, self.result.weights, strict=True)}

    @property
    def inconsistent(self) -> bool:
        """True when the consistency ratio is above Saaty's 0.1."""
        return self.result.cr is not None and self.result.cr > CR_THRESHOLD

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "problem": self.id,
            "items": list(self.items),
            "method": self.method,
            "judgements": self.judgements,
            "complete": self.judgements == len(self.items) * (len(self.items) - 1) // 2,
            "weights": self.weights,
            "lambda_max": self.result.lambda_max,
            "ci": self.result.ci,
            "cr": self.result.cr,
            "pairs": [pair.as_dict() for pair in self.pairs],
        }


@dataclass(frozen=True)
class ElicitedWeights:
    """Weights derived from judgements (or from the scores), ready to show or to save as a profile.

    `group_weights` and `criterion_weights` hold every group and criterion of the model
    (relative weights, as a profile file holds them); `effective` are the weights they give
    (SPEC section 2, summing to 1). `summary` says in a few words how they were made,
    `inputs` what they were made from; together they are the profile file's comment.
    """

    method: str
    summary: str
    inputs: str
    group_weights: dict[str, float]
    criterion_weights: dict[str, float]
    effective: dict[str, float]
    analysis: Analysis
    """The analysis under the derived weights (the base analysis with them applied)."""
    base: Analysis
    """The analysis the judgements were made against (profile and overrides)."""
    scope: Literal["groups", "flat"] = "groups"
    ahp: tuple[AhpProblem, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    """Method-specific inputs, JSON-ready (the order, the ratings, ...)."""

    @property
    def comment(self) -> str:
        """One line for the profile file: the method and the inputs."""
        return f"{self.summary}; {self.inputs}" if self.inputs else self.summary

    @property
    def consistency_ratio(self) -> float | None:
        """The largest consistency ratio of the AHP problems (None for other methods)."""
        ratios = [p.result.cr for p in self.ahp if p.result.cr is not None]
        return max(ratios) if ratios else None

    @property
    def inconsistent_pairs(self) -> tuple[NamedPair, ...]:
        """The worst judgements of every AHP problem whose CR is above 0.1."""
        found: list[NamedPair] = []
        for problem in self.ahp:
            if problem.inconsistent:
                found.extend([p for p in problem.pairs if p.deviation > 1e-9][:_NAMED_PAIRS])
        return tuple(found)


def _finish(
    base: Analysis,
    method: str,
    summary: str,
    inputs: str,
    group_weights: Mapping[str, float],
    criterion_weights: Mapping[str, float],
    **extra: Any,
) -> ElicitedWeights:
    """Apply derived relative weights to the base analysis and package the result."""
    groups = {g: float(group_weights[g]) for g in base.arrays.group_ids}
    criteria = {c: float(criterion_weights[c]) for c in base.arrays.criterion_ids}
    derived = base.with_weights({**groups, **criteria})
    return ElicitedWeights(
        method=method,
        summary=summary,
        inputs=inputs,
        group_weights=groups,
        criterion_weights=criteria,
        effective=derived.weight_map(),
        analysis=derived,
        base=base,
        **extra,
    )


def _current(analysis: Analysis) -> tuple[dict[str, float], dict[str, float]]:
    """The analysis's relative group and criterion weights by id."""
    groups = {g: float(w) for g, w in zip(analysis.arrays.group_ids, analysis.group_weights, strict=True)}
    criteria = {
        c: float(w) for c, w in zip(analysis.arrays.criterion_ids, analysis.criterion_weights, strict=True)
    }
    return groups, criteria


def _members(model: DecisionModel, group_id: str) -> list[str]:
    """The criteria of a group, in model order."""
    return [c.id for c in model.criteria if model.criterion_group[c.id] == group_id]


def _flat_relative(
    model: DecisionModel, flat: Mapping[str, float]
) -> tuple[dict[str, float], dict[str, float]]:
    """Relative weights whose effective weights are `flat` (normalised).

    Each group's weight is the sum of its criteria's flat weights and each criterion's
    weight its flat weight, so `G_g / sum G * c_j / sum_g c` is `flat_j / sum flat`.
    """
    groups = {g.id: sum(flat[c] for c in _members(model, g.id)) for g in model.groups}
    return groups, {c.id: float(flat[c.id]) for c in model.criteria}


def _share(listed_now: float, all_now: float, n_listed: int, n_all: int) -> float:
    """The total relative weight that listed items share when unlisted ones keep theirs.

    Listed items keep the total they have now (so unlisted items keep their share). If the
    listed items have no weight now, they get the mean weight of the set each, or 1 in all
    when the whole set has none.
    """
    if listed_now > 0:
        return listed_now
    if all_now > 0:
        return all_now * n_listed / n_all
    return 1.0


def _pretty(value: float) -> str:
    """A weight for a one-line comment: 4 significant digits."""
    return f"{value:.4g}"


# --------------------------------------------------------------------------------------
# Rank order
# --------------------------------------------------------------------------------------


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

    Within groups (the default), the order may name criteria of several groups and groups
    too: each group's criteria get rank-order weights from the order restricted to that
    group, and the groups get them from the order of the group ids when any is named
    (otherwise they keep their current weights). With `flat`, the order names criteria
    only, and the weights are set so that the effective weights are the rank-order weights
    of all criteria together.

    Criteria not named are refused (a partial order is ambiguous), as are groups not named
    when some are, unless `keep_unlisted`: then unnamed items keep their current weights
    and the named ones share, by the order, the total weight they have now.

    Raises ModelError for unknown ids (with a did-you-mean), a group id with `flat`, a tie
    between a criterion and a group, or unlisted items.
    """
    if method not in RANK_METHOD_LABELS:
        message = f"unknown method '{method}'; one of roc, rs, rr, equal"
        raise ModelError([Problem.of_parameter("method", "", message)])
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
                            f"(its criteria: {', '.join(_members(model, item))})",
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
    unlisted = [c for c in criterion_ids if c not in level]
    named_groups = [g for g in group_ids if g in level]
    unlisted_groups = [g for g in group_ids if g not in level] if named_groups else []
    if not keep_unlisted:
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

    groups, criteria = _current(analysis)
    order_text = " ".join("=".join(tier) for tier in tiers)
    label = RANK_METHOD_LABELS[method]
    kept = f"; kept: {', '.join(unlisted + unlisted_groups)}" if unlisted or unlisted_groups else ""
    if flat:
        effective = analysis.weight_map()
        listed = [c for c in criterion_ids if c in level]
        derived = rank_order_weights([level[c] for c in listed], method)
        total = _share(sum(effective[c] for c in listed), 1.0, len(listed), len(criterion_ids))
        if not unlisted:
            total = 1.0
        flat_weights = dict(effective)
        for item, weight in zip(listed, derived, strict=True):
            flat_weights[item] = float(weight) * total
        group_weights, criterion_weights = _flat_relative(model, flat_weights)
        return _finish(
            analysis,
            method,
            f"{label[0].upper()}{label[1:]} weights across all criteria (flat)",
            f"order: {order_text}{kept}",
            group_weights,
            criterion_weights,
            scope="flat",
            details={"order": [list(tier) for tier in tiers], "kept": unlisted},
        )

    def assign(weights: dict[str, float], items: list[str]) -> None:
        listed = [item for item in items if item in level]
        if not listed:
            return
        derived = rank_order_weights([level[item] for item in listed], method)
        scale = 1.0
        if len(listed) < len(items):
            scale = _share(
                sum(weights[i] for i in listed), sum(weights[i] for i in items), len(listed), len(items)
            )
        for item, weight in zip(listed, derived, strict=True):
            weights[item] = float(weight) * scale

    for group in group_ids:
        assign(criteria, _members(model, group))
    assign(groups, list(group_ids))
    what = "within groups" + (" and for the groups" if named_groups else "")
    return _finish(
        analysis,
        method,
        f"{label[0].upper()}{label[1:]} weights {what}",
        f"order: {order_text}{kept}",
        groups,
        criteria,
        scope="groups",
        details={"order": [list(tier) for tier in tiers], "kept": unlisted + unlisted_groups},
    )


# --------------------------------------------------------------------------------------
# Reading judgement files
# --------------------------------------------------------------------------------------


def read_toml(path: Path, name: str | None = None) -> tuple[str, dict[str, Any]]:
    """Read a judgement file: its text (for line numbers) and its tables.

    Problems (a missing file, not UTF-8, a TOML syntax error with its line and column)
    raise ModelError naming the file as `name` (default: the path as given).
    """
    return read_model_toml(path, name or str(path), "judgement files")


def _unknown_keys(
    table: Mapping[str, Any], allowed: Sequence[str], name: str, prefix: str, line: Any
) -> list[Problem]:
    found = []
    for key in table:
        if key not in allowed:
            found.append(
                Problem(
                    name,
                    f"{prefix}.{key}" if prefix else key,
                    f"unknown key '{key}'{did_you_mean(key, allowed)}; allowed here: {', '.join(allowed)}",
                    line(key),
                )
            )
    return found


# --------------------------------------------------------------------------------------
# AHP
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """One pairwise comparison: `a` is `value` times as important as `b` (Saaty's 1-9 scale)."""

    a: str
    b: str
    value: float
    key: str = ""
    """Where it was given, e.g. `pair[#2]` (for messages)."""
    line: int | None = None


def _saaty_value(raw: Any) -> float | str:
    """A judgement value as a float, or the reason it is not one."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return f'must be a number on Saaty\'s scale (or a fraction such as "1/3"), not {toml_type_name(raw)}'
    value: float
    if isinstance(raw, str):
        match = _FRACTION.match(raw)
        if not match or float(match.group(2)) == 0:
            return f'{raw!r} is not a number or a fraction such as "1/3"'
        value = float(match.group(1)) / float(match.group(2))
    else:
        value = float(raw)
    if not math.isfinite(value) or not (
        SAATY_MIN * (1 - _SCALE_TOLERANCE) <= value <= SAATY_MAX * (1 + _SCALE_TOLERANCE)
    ):
        return f"{raw!r} is off Saaty's scale: values lie from 1/9 to 9"
    return value


def read_ahp_file(path: Path, name: str | None = None) -> tuple[list[Judgement], str]:
    """Read pairwise comparisons from a TOML file of `[[pair]]` tables; return them and the file's name.

    Each table has `a` and `b` (criterion or group ids), `value` (how many times as
    important `a` is as `b`: a number from 1/9 to 9, or a fraction string such as "1/3")
    and optionally `note`. Structural problems raise ModelError, every one at once, as
    `file:line: pair[#k].key: message`; ids are checked against the model by `ahp_weights`.
    """
    shown = name or str(path)
    text, data = read_toml(path, shown)
    lines = key_lines(text)
    problems = _unknown_keys(data, ["pair"], shown, "", lambda key: lines.get((key,)))
    pairs = data.get("pair")
    if pairs is None:
        problems.append(
            Problem(
                shown, "pair", "no comparisons: add [[pair]] tables with a, b and value (a is value times b)"
            )
        )
        raise ModelError(problems)
    if not isinstance(pairs, list):
        problems.append(
            Problem(
                shown,
                "pair",
                f"must be an array of tables ([[pair]]), not {toml_type_name(pairs)}",
                lines.get(("pair",)),
            )
        )
        raise ModelError(problems)
    judgements: list[Judgement] = []
    for index, pair in enumerate(pairs):
        key = f"pair[#{index + 1}]"
        line = lines.get(("pair", index))
        if not isinstance(pair, dict):
            problems.append(
                Problem(shown, key, f"must be a table with a, b and value, not {toml_type_name(pair)}", line)
            )
            continue

        def line_of(field_name: str, index: int = index) -> int | None:
            return lines.get(("pair", index, field_name), lines.get(("pair", index)))

        problems.extend(_unknown_keys(pair, ["a", "b", "value", "note"], shown, key, line_of))
        fields: dict[str, str] = {}
        for field_name in ("a", "b"):
            raw = pair.get(field_name)
            if raw is None:
                problems.append(Problem(shown, f"{key}.{field_name}", "required key is missing", line))
            elif not isinstance(raw, str):
                problems.append(
                    Problem(
                        shown,
                        f"{key}.{field_name}",
                        f"must be a string (an id), not {toml_type_name(raw)}",
                        line_of(field_name),
                    )
                )
            else:
                fields[field_name] = raw
        if "note" in pair and not isinstance(pair["note"], str):
            problems.append(
                Problem(
                    shown,
                    f"{key}.note",
                    f"must be a string, not {toml_type_name(pair['note'])}",
                    line_of("note"),
                )
            )
        if "value" not in pair:
            problems.append(Problem(shown, f"{key}.value", "required key is missing", line))
            continue
        value = _saaty_value(pair["value"])
        if isinstance(value, str):
            problems.append(Problem(shown, f"{key}.value", value, line_of("value")))
            continue
        if len(fields) == 2:
            judgements.append(Judgement(fields["a"], fields["b"], value, key, line_of("a")))
    if not pairs and not problems:
        problems.append(Problem(shown, "pair", "no comparisons: the [[pair]] array is empty"))
    if problems:
        raise ModelError(problems)
    return judgements, shown


def ahp_weights(
    analysis: Analysis,
    judgements: Sequence[Judgement],
    method: str = "eigen",
    *,
    source: str = "comparisons",
) -> ElicitedWeights:
    """AHP weights from pairwise comparisons of criteria (within a group) and of groups.

    The criteria of each group form one AHP problem and the groups another; a problem with
    no judgements keeps its current weights. A complete problem is solved by the principal
    eigenvector (`eigen`) or row geometric means (`geometric`); an incomplete one by
    logarithmic least squares, provided its judgements connect every item. Saaty's CI and
    CR are reported per problem.

    Raises ModelError (problems name `source`, the judgement's key and line) for unknown
    ids, a criterion compared with itself, with a group or with a criterion of another
    group, a pair judged twice, and comparisons that leave items unconnected.
    """
    if method not in AHP_METHODS:
        message = f"unknown AHP method '{method}'; one of eigen, geometric"
        raise ModelError([Problem.of_parameter("method", "", message)])
    model = analysis.model
    criterion_ids = analysis.arrays.criterion_ids
    group_ids = analysis.arrays.group_ids
    known = (*criterion_ids, *group_ids)
    problems: list[Problem] = []
    by_problem: dict[str, list[Judgement]] = {}
    seen: dict[frozenset[str], Judgement] = {}
    for judgement in judgements:
        where = judgement.key or source

        def add(message: str, judgement: Judgement = judgement, where: str = where) -> None:
            problems.append(Problem(source, where, message, judgement.line))

        unknown = [item for item in (judgement.a, judgement.b) if item not in known]
        for item in unknown:
            add(f"unknown criterion or group '{item}'{did_you_mean(item, known)}")
        if unknown:
            continue
        if judgement.a == judgement.b:
            add(f"'{judgement.a}' is compared with itself")
            continue
        a_group = judgement.a in group_ids
        b_group = judgement.b in group_ids
        if a_group != b_group:
            criterion, group = (judgement.b, judgement.a) if a_group else (judgement.a, judgement.b)
            add(
                f"criterion '{criterion}' is compared with group '{group}': compare criteria of one "
                "group with each other, and groups with groups"
            )
            continue
        if a_group:
            problem_id = GROUPS_PROBLEM
        else:
            group_a = model.criterion_group[judgement.a]
            group_b = model.criterion_group[judgement.b]
            if group_a != group_b:
                add(
                    f"'{judgement.a}' (group {group_a}) and '{judgement.b}' (group {group_b}) are in "
                    "different groups: compare criteria within a group, and the groups themselves"
                )
                continue
            problem_id = group_a
        pair = frozenset((judgement.a, judgement.b))
        if pair in seen:
            earlier = seen[pair]
            at = f" (line {earlier.line})" if earlier.line is not None else ""
            add(
                f"'{judgement.a}' and '{judgement.b}' are already compared in "
                f"{earlier.key or 'an earlier pair'}{at}"
            )
            continue
        seen[pair] = judgement
        by_problem.setdefault(problem_id, []).append(judgement)
    if problems:
        raise ModelError(problems)
    if not by_problem:
        raise ModelError([Problem(source, "", "no comparisons given")])

    solved: list[AhpProblem] = []
    order = [g for g in group_ids if g in by_problem]
    if GROUPS_PROBLEM in by_problem:
        order.append(GROUPS_PROBLEM)
    for problem_id in order:
        items = list(group_ids) if problem_id == GROUPS_PROBLEM else _members(model, problem_id)
        try:
            solved.append(_solve(problem_id, items, by_problem[problem_id], method))
        except DisconnectedComparisonsError as error:
            sets = " | ".join("{" + ", ".join(items[i] for i in group) + "}" for group in error.groups)
            what = "the groups" if problem_id == GROUPS_PROBLEM else f"the criteria of group '{problem_id}'"
            problems.append(
                Problem(
                    source,
                    "",
                    f"the comparisons split {what} into {len(error.groups)} sets never compared with each "
                    f"other: {sets}; add a pair linking each set to another",
                )
            )
    if problems:
        raise ModelError(problems)

    groups, criteria = _current(analysis)
    for problem in solved:
        target = groups if problem.id == GROUPS_PROBLEM else criteria
        target.update(problem.weights)
    label = "principal eigenvector" if method == "eigen" else "geometric mean"
    ratios = ", ".join(f"{p.id} {'n/a' if p.result.cr is None else f'{p.result.cr:.3f}'}" for p in solved)
    compared = ", ".join(p.id for p in solved)
    return _finish(
        analysis,
        f"ahp-{method}",
        f"AHP ({label}) weights from pairwise comparisons",
        f"{len(judgements)} judgements in {source} ({compared}); CR: {ratios}",
        groups,
        criteria,
        ahp=tuple(solved),
        details={"source": source, "judgements": len(judgements)},
    )


def _solve(problem_id: str, items: list[str], judgements: list[Judgement], method: str) -> AhpProblem:
    """Solve one AHP problem; raises DisconnectedComparisonsError for unconnected items."""
    index = {item: i for i, item in enumerate(items)}
    n = len(items)
    pairs = [(index[j.a], index[j.b], j.value) for j in judgements]
    complete = len(judgements) == n * (n - 1) // 2
    if complete:
        matrix = ahp_matrix(n, pairs)
        result = ahp_eigen(matrix) if method == "eigen" else ahp_geometric(matrix)
        used = method
    else:
        result = ahp_incomplete(n, pairs)
        used = "llsm"
    given = {frozenset((index[j.a], index[j.b])): j for j in judgements}
    named: list[NamedPair] = []
    for deviation in result.inconsistent_pairs:
        judgement = given[frozenset((deviation.i, deviation.j))]
        if index[judgement.a] == deviation.i:
            given_value, implied = deviation.given, deviation.implied
        else:
            given_value, implied = 1.0 / deviation.given, 1.0 / deviation.implied
        named.append(NamedPair(problem_id, judgement.a, judgement.b, given_value, implied, judgement.line))
    return AhpProblem(problem_id, tuple(items), used, len(judgements), result, tuple(named))


# --------------------------------------------------------------------------------------
# Swing weighting
# --------------------------------------------------------------------------------------


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
    if ratings is None or found:
        return found
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
    if found:
        return found
    first = order[0]
    for item in first:
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
    problems = _unknown_keys(data, ["order", "ratings"], shown, "", lambda key: lines.get((key,)))
    raw_order = data.get("order")
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
    ratings: dict[str, float] | None = None
    raw_ratings = data.get("ratings")
    if raw_ratings is not None:
        if not isinstance(raw_ratings, dict):
            problems.append(
                Problem(
                    shown,
                    "ratings",
                    f"must be a table of criterion = rating, not {toml_type_name(raw_ratings)}",
                    lines.get(("ratings",)),
                )
            )
        else:
            ratings = {}
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
    if problems:
        raise ModelError(problems)
    for key, message in swing_problems(model, tiers, ratings):
        parts = tuple(key.split("."))
        problems.append(Problem(shown, key, message, lines.get(parts, lines.get(parts[:1]))))
    if problems:
        raise ModelError(problems)
    return SwingAnswers(tuple(tiers), ratings)


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
            f"{item}={_pretty(ratings[item])}" for tier in answers.order for item in tier
        )
    flat = {c: float(w) for c, w in zip(criterion_ids, weights, strict=True)}
    group_weights, criterion_weights = _flat_relative(model, flat)
    return _finish(
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


# --------------------------------------------------------------------------------------
# Objective weights
# --------------------------------------------------------------------------------------


def objective_weights(analysis: Analysis, method: Literal["entropy", "critic"]) -> ElicitedWeights:
    """Entropy or CRITIC weights of the model's scores, flat across all criteria.

    These describe how the options' scores vary (see `OBJECTIVE_CAVEAT`), not anyone's
    priorities; they are offered for reference beside a profile's weights.
    """
    arrays = analysis.arrays
    criteria = arrays.criteria
    function = entropy_weights if method == "entropy" else critic_weights
    try:
        weights = function(arrays.scores, criteria.low, criteria.high, np.asarray(criteria.benefit))
    except ValueError as error:
        raise ModelError([Problem(method, "", str(error))]) from None
    flat = {c: float(w) for c, w in zip(arrays.criterion_ids, weights, strict=True)}
    group_weights, criterion_weights = _flat_relative(analysis.model, flat)
    label = "Shannon-entropy" if method == "entropy" else "CRITIC"
    return _finish(
        analysis,
        method,
        f"{label} weights of the scores (objective: they describe the data, not priorities)",
        f"{len(arrays.option_ids)} options x {len(arrays.criterion_ids)} criteria",
        group_weights,
        criterion_weights,
        scope="flat",
        details={"options": len(arrays.option_ids)},
    )


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------


def weights_document(result: ElicitedWeights, saved: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`decisiontool.weights/1`: the derived weights with the method's detail.

    `weights` are the effective weights of every criterion (sum 1) that the derived profile
    gives; `criterion_weights` and `group_weights` the relative weights it holds;
    `profile_weights` the effective weights of the profile the command ran against.
    """
    document: dict[str, Any] = {
        "schema": WEIGHTS_SCHEMA,
        "model": result.base.model.name,
        "method": result.method,
        "profile": result.base.profile,
        "weights": result.effective,
        "consistency_ratio": result.consistency_ratio,
        "inconsistent_pairs": [pair.as_dict() for pair in result.inconsistent_pairs],
        "scope": result.scope,
        "criterion_weights": result.criterion_weights,
        "group_weights": result.group_weights,
        "profile_weights": result.base.weight_map(),
        "summary": result.summary,
        "inputs": result.inputs,
    }
    if result.base.overrides:
        document["overrides"] = {item: value for item, value in result.base.overrides}
    if result.ahp:
        document["ahp"] = [problem.as_dict() for problem in result.ahp]
    document["details"] = result.details
    document["saved_profile"] = dict(saved) if saved is not None else None
    return document
