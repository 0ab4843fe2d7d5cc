"""AHP: pairwise comparison files and the weights they give (eigenvector, geometric, incomplete sets).

Must not import typer, rich or textual.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from decisiontool.analysis import Analysis
from decisiontool.elicitation.files import read_toml, unknown_keys
from decisiontool.elicitation.results import (
    GROUPS_PROBLEM,
    AhpProblem,
    ElicitedWeights,
    NamedPair,
    current_weights,
    finish,
    group_members,
)
from decisiontool.engine.weights import (
    SAATY_MAX,
    SAATY_MIN,
    DisconnectedComparisonsError,
    ahp_eigen,
    ahp_geometric,
    ahp_incomplete,
    ahp_matrix,
)
from decisiontool.loading import key_lines, toml_type_name
from decisiontool.loading.lines import KeyPath
from decisiontool.problems import ModelError, Problem, did_you_mean

AHP_METHODS: tuple[str, ...] = ("eigen", "geometric")
"""AHP prioritisation methods for complete comparison sets."""

# Judgements are coarse: accept values within 1% of Saaty's scale ends (0.111 for 1/9).
_SCALE_TOLERANCE = 1e-2

_FRACTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")


@dataclass(frozen=True)
class Judgement:
    """One pairwise comparison: `a` is `value` times as important as `b` (Saaty's 1-9 scale)."""

    a: str
    b: str
    value: float
    key: str = ""
    """Where it was given, e.g. `pair[#2]` (for messages)."""
    line: int | None = None


def saaty_value(raw: Any) -> float | str:
    """A judgement value (a number, or a fraction string such as "1/3") as a float, or why not.

    A judgement value as a float, or the reason it is not one."""
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
    problems = unknown_keys(data, ["pair"], shown, "", lambda key: lines.get((key,)))
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
        judgement = _read_pair(pair, index, shown, lines, problems)
        if judgement is not None:
            judgements.append(judgement)
    if not pairs and not problems:
        problems.append(Problem(shown, "pair", "no comparisons: the [[pair]] array is empty"))
    if problems:
        raise ModelError(problems)
    return judgements, shown


def _read_pair(
    pair: object, index: int, shown: str, lines: Mapping[KeyPath, int], problems: list[Problem]
) -> Judgement | None:
    """The judgement of `[[pair]]` number `index` (from 0), or None; its problems are
    appended to `problems`."""
    key = f"pair[#{index + 1}]"
    line = lines.get(("pair", index))
    if not isinstance(pair, dict):
        problems.append(
            Problem(shown, key, f"must be a table with a, b and value, not {toml_type_name(pair)}", line)
        )
        return None

    def line_of(field_name: str) -> int | None:
        return lines.get(("pair", index, field_name), lines.get(("pair", index)))

    problems.extend(unknown_keys(pair, ["a", "b", "value", "note"], shown, key, line_of))
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
                shown, f"{key}.note", f"must be a string, not {toml_type_name(pair['note'])}", line_of("note")
            )
        )
    if "value" not in pair:
        problems.append(Problem(shown, f"{key}.value", "required key is missing", line))
        return None
    value = saaty_value(pair["value"])
    if isinstance(value, str):
        problems.append(Problem(shown, f"{key}.value", value, line_of("value")))
        return None
    if len(fields) < 2:
        return None
    return Judgement(fields["a"], fields["b"], value, key, line_of("a"))


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
    by_problem = _sort_judgements(analysis, judgements, source)
    solved = _solve_all(analysis, by_problem, method, source)
    groups, criteria = current_weights(analysis)
    for problem in solved:
        target = groups if problem.id == GROUPS_PROBLEM else criteria
        target.update(problem.weights)
    label = "principal eigenvector" if method == "eigen" else "geometric mean"
    ratios = ", ".join(f"{p.id} {'n/a' if p.result.cr is None else f'{p.result.cr:.3f}'}" for p in solved)
    compared = ", ".join(p.id for p in solved)
    return finish(
        analysis,
        f"ahp-{method}",
        f"AHP ({label}) weights from pairwise comparisons",
        f"{len(judgements)} judgements in {source} ({compared}); CR: {ratios}",
        groups,
        criteria,
        ahp=tuple(solved),
        details={"source": source, "judgements": len(judgements)},
    )


def _sort_judgements(
    analysis: Analysis, judgements: Sequence[Judgement], source: str
) -> dict[str, list[Judgement]]:
    """Problem id (a group, or the groups) -> its judgements; ModelError for every bad one."""
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
        problem_id = GROUPS_PROBLEM if a_group else model.criterion_group[judgement.a]
        if not a_group and model.criterion_group[judgement.b] != problem_id:
            group_b = model.criterion_group[judgement.b]
            add(
                f"'{judgement.a}' (group {problem_id}) and '{judgement.b}' (group {group_b}) are in "
                "different groups: compare criteria within a group, and the groups themselves"
            )
            continue
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
    return by_problem


def _solve_all(
    analysis: Analysis, by_problem: dict[str, list[Judgement]], method: str, source: str
) -> list[AhpProblem]:
    """Each problem solved, groups' problems first; ModelError for comparisons that split items."""
    model = analysis.model
    group_ids = analysis.arrays.group_ids
    problems: list[Problem] = []
    solved: list[AhpProblem] = []
    order = [g for g in group_ids if g in by_problem]
    if GROUPS_PROBLEM in by_problem:
        order.append(GROUPS_PROBLEM)
    for problem_id in order:
        items = list(group_ids) if problem_id == GROUPS_PROBLEM else group_members(model, problem_id)
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

    return solved


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
