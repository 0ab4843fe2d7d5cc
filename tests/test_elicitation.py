"""Weight elicitation over a model: expectations worked out by hand on the starter model.

The starter model has two groups, effectiveness (weight 2: resources 3, reach 2) and
sustainability (weight 1: durability 1, cost 1); default effective weights are
resources 0.4, reach 4/15, durability 1/6, cost 1/6.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from decisiontool.analysis import Analysis
from decisiontool.elicitation import (
    Judgement,
    SwingAnswers,
    ahp_weights,
    criterion_levels,
    objective_weights,
    rank_weights,
    read_ahp_file,
    read_swing_answers,
    swing_weights_for,
    weights_document,
)
from decisiontool.engine.weights import parse_rank_order
from decisiontool.loading import load_model
from decisiontool.problems import ModelError
from tests.eigen import power_iteration

CRITERIA = ("resources", "reach", "durability", "cost")


def analysis_of(model_dir: Path, profile: str = "default") -> Analysis:
    return Analysis.create(load_model(model_dir), profile=profile)


def order(*tokens: str) -> list[list[str]]:
    return parse_rank_order(tokens)


def problems_of(error: pytest.ExceptionInfo[ModelError]) -> str:
    return "\n".join(str(p) for p in error.value.problems)


# -- rank order -------------------------------------------------------------------------


def test_roc_flat_four_criteria(model_dir: Path) -> None:
    result = rank_weights(analysis_of(model_dir), order(*CRITERIA), "roc", flat=True)
    assert result.effective == pytest.approx(
        {"resources": 0.5208, "reach": 0.2708, "durability": 0.1458, "cost": 0.0625}, abs=5e-5
    )
    assert result.effective == pytest.approx(
        {"resources": 25 / 48, "reach": 13 / 48, "durability": 7 / 48, "cost": 3 / 48}
    )
    # group weight = sum of its criteria's flat weights, criterion weight = flat weight
    assert result.group_weights == pytest.approx({"effectiveness": 38 / 48, "sustainability": 10 / 48})
    assert result.criterion_weights == pytest.approx(result.effective)
    assert result.scope == "flat" and result.method == "roc"


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("rs", [0.4, 0.3, 0.2, 0.1]),
        ("rr", [0.48, 0.24, 0.16, 0.12]),  # 1, 1/2, 1/3, 1/4 over 25/12
        ("equal", [0.25, 0.25, 0.25, 0.25]),
    ],
)
def test_other_rank_methods_flat(model_dir: Path, method: str, expected: list[float]) -> None:
    result = rank_weights(analysis_of(model_dir), order(*CRITERIA), method, flat=True)
    assert [result.effective[c] for c in CRITERIA] == pytest.approx(expected)


def test_ties_share_their_positions(model_dir: Path) -> None:
    result = rank_weights(analysis_of(model_dir), order("resources", "reach=durability", "cost"), flat=True)
    assert result.effective == pytest.approx(
        {"resources": 25 / 48, "reach": 10 / 48, "durability": 10 / 48, "cost": 3 / 48}
    )


def test_within_groups_with_group_order(model_dir: Path) -> None:
    tiers = order("sustainability", "effectiveness", "reach", "resources", "durability", "cost")
    result = rank_weights(analysis_of(model_dir), tiers)
    # groups: ROC of 2 -> 0.75, 0.25; inside each group ROC of 2 -> 0.75, 0.25
    assert result.group_weights == pytest.approx({"sustainability": 0.75, "effectiveness": 0.25})
    assert result.criterion_weights == pytest.approx(
        {"reach": 0.75, "resources": 0.25, "durability": 0.75, "cost": 0.25}
    )
    assert result.effective == pytest.approx(
        {"resources": 0.0625, "reach": 0.1875, "durability": 0.5625, "cost": 0.1875}
    )
    assert sum(result.effective.values()) == pytest.approx(1.0)


def test_within_groups_interleaved_keeps_group_weights(model_dir: Path) -> None:
    # no group ids: group weights stay 2:1; the order restricted to each group decides inside it
    result = rank_weights(analysis_of(model_dir), order("cost", "resources", "durability", "reach"))
    assert result.group_weights == {"effectiveness": 2.0, "sustainability": 1.0}
    assert result.effective == pytest.approx(
        {"resources": 2 / 3 * 0.75, "reach": 2 / 3 * 0.25, "durability": 1 / 3 * 0.25, "cost": 1 / 3 * 0.75}
    )


def test_within_groups_starts_from_the_profile(model_dir: Path) -> None:
    # cost_first: groups 2:2
    result = rank_weights(analysis_of(model_dir, "cost_first"), order(*CRITERIA))
    assert result.effective == pytest.approx(
        {"resources": 0.375, "reach": 0.125, "durability": 0.375, "cost": 0.125}
    )
    assert result.base.profile == "cost_first"


def test_unlisted_criteria_are_refused_by_name(model_dir: Path) -> None:
    with pytest.raises(ModelError) as error:
        rank_weights(analysis_of(model_dir), order("cost", "resources"))
    assert "criteria not in the order: reach, durability" in problems_of(error)


def test_unlisted_groups_are_refused(three_criteria: Path) -> None:
    with pytest.raises(ModelError) as error:
        rank_weights(
            analysis_of(three_criteria),
            order("effectiveness", "resources", "reach", "staff", "cost", "durability"),
        )
    assert "groups not in the order: sustainability" in problems_of(error)


def test_keep_unlisted_within_groups(model_dir: Path) -> None:
    # effectiveness, not in the order, keeps 3 : 2; sustainability gets ROC 0.75 : 0.25
    result = rank_weights(analysis_of(model_dir), order("cost", "durability"), keep_unlisted=True)
    assert result.criterion_weights == pytest.approx(
        {"resources": 3, "reach": 2, "cost": 0.75, "durability": 0.25}
    )
    assert result.effective == pytest.approx(
        {"resources": 0.4, "reach": 4 / 15, "cost": 0.25, "durability": 1 / 12}
    )


def test_keep_unlisted_inside_a_group(three_criteria: Path) -> None:
    # effectiveness: resources 3, reach 2, staff 1; staff and resources share their 4 as 0.75 : 0.25
    result = rank_weights(analysis_of(three_criteria), order("staff", "resources"), keep_unlisted=True)
    assert result.criterion_weights == pytest.approx(
        {"staff": 3, "resources": 1, "reach": 2, "durability": 1, "cost": 1}
    )
    assert result.effective["staff"] == pytest.approx(2 / 3 * 3 / 6)
    assert result.details["kept"] == ["reach", "durability", "cost"]


def test_keep_unlisted_flat(model_dir: Path) -> None:
    # cost and durability share their current 1/3 effective weight 0.75 : 0.25
    result = rank_weights(analysis_of(model_dir), order("cost", "durability"), flat=True, keep_unlisted=True)
    assert result.effective == pytest.approx(
        {"resources": 0.4, "reach": 4 / 15, "cost": 0.25, "durability": 1 / 12}
    )


def test_unknown_ids_groups_in_flat_and_mixed_ties(model_dir: Path) -> None:
    with pytest.raises(ModelError) as error:
        rank_weights(analysis_of(model_dir), order("resourcs", "effectiveness=reach", "cost", "durability"))
    text = problems_of(error)
    assert "unknown criterion or group 'resourcs' (did you mean 'resources'?)" in text
    assert "a criterion cannot be tied with a group" in text
    with pytest.raises(ModelError) as error:
        rank_weights(analysis_of(model_dir), order("effectiveness", *CRITERIA), flat=True)
    assert "'effectiveness' is a group; with --flat, order criteria only" in problems_of(error)


# -- AHP -------------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def pair(a: str, b: str, value: float | str) -> str:
    shown = f'"{value}"' if isinstance(value, str) else value
    return f'[[pair]]\na = "{a}"\nb = "{b}"\nvalue = {shown}\n\n'


def test_ahp_complete_matches_the_eigenvector(three_criteria: Path, tmp_path: Path) -> None:
    file = write(
        tmp_path / "ahp.toml",
        pair("resources", "reach", 3) + pair("resources", "staff", 5) + pair("staff", "reach", "1/2"),
    )
    judgements, source = read_ahp_file(file)
    result = ahp_weights(analysis_of(three_criteria), judgements, "eigen", source=source)
    matrix = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]
    expected, lambda_max = power_iteration(matrix)
    problem = result.ahp[0]
    assert problem.id == "effectiveness" and problem.method == "eigen"
    assert [problem.weights[c] for c in ("resources", "reach", "staff")] == pytest.approx(expected)
    assert problem.result.lambda_max == pytest.approx(lambda_max)
    assert problem.result.ci == pytest.approx((lambda_max - 3) / 2)
    assert result.consistency_ratio == pytest.approx((lambda_max - 3) / 2 / 0.58)
    assert result.consistency_ratio is not None and result.consistency_ratio < 0.1
    assert result.inconsistent_pairs == ()
    # effectiveness keeps its 2/3; sustainability, not compared, keeps its 1:1
    assert result.effective["resources"] == pytest.approx(2 / 3 * expected[0])
    assert result.effective["cost"] == pytest.approx(1 / 6)


def test_ahp_geometric(three_criteria: Path) -> None:
    judgements = [
        Judgement("resources", "reach", 3),
        Judgement("resources", "staff", 5),
        Judgement("reach", "staff", 2),
    ]
    result = ahp_weights(analysis_of(three_criteria), judgements, "geometric")
    rows = np.array([(1 * 3 * 5) ** (1 / 3), (1 / 3 * 1 * 2) ** (1 / 3), (1 / 5 * 1 / 2 * 1) ** (1 / 3)])
    assert [result.ahp[0].weights[c] for c in ("resources", "reach", "staff")] == pytest.approx(
        rows / rows.sum()
    )
    assert result.method == "ahp-geometric" and result.ahp[0].method == "geometric"


def test_ahp_groups_and_criteria(model_dir: Path) -> None:
    judgements = [
        Judgement("sustainability", "effectiveness", 3),
        Judgement("cost", "durability", 4),
        Judgement("reach", "resources", 1),
    ]
    result = ahp_weights(analysis_of(model_dir), judgements)
    assert [p.id for p in result.ahp] == ["effectiveness", "sustainability", "groups"]
    assert result.effective == pytest.approx(
        {"resources": 0.125, "reach": 0.125, "durability": 0.75 * 0.2, "cost": 0.75 * 0.8}
    )
    assert result.consistency_ratio == 0.0


def test_ahp_incomplete_connected_uses_log_least_squares(three_criteria: Path) -> None:
    # resources = 2 x reach, reach = 3 x staff: consistent, so the weights are 6 : 3 : 1
    judgements = [Judgement("resources", "reach", 2), Judgement("reach", "staff", 3)]
    result = ahp_weights(analysis_of(three_criteria), judgements)
    assert result.ahp[0].method == "llsm"
    assert result.ahp[0].weights == pytest.approx({"resources": 0.6, "reach": 0.3, "staff": 0.1})
    assert result.consistency_ratio == pytest.approx(0.0, abs=1e-9)


def test_ahp_disconnected_is_refused(three_criteria: Path) -> None:
    with pytest.raises(ModelError) as error:
        ahp_weights(analysis_of(three_criteria), [Judgement("resources", "reach", 2)], source="pairs.toml")
    text = problems_of(error)
    assert "pairs.toml:" in text
    assert "split the criteria of group 'effectiveness' into 2 sets" in text
    assert "{resources, reach} | {staff}" in text


def test_ahp_inconsistent_pairs_are_named(three_criteria: Path) -> None:
    # a cycle: resources > reach > staff > resources
    judgements = [
        Judgement("resources", "reach", 5, "pair[#1]", 1),
        Judgement("reach", "staff", 5, "pair[#2]", 6),
        Judgement("staff", "resources", 5, "pair[#3]", 11),
    ]
    result = ahp_weights(analysis_of(three_criteria), judgements)
    assert result.consistency_ratio is not None and result.consistency_ratio > 0.1
    named = result.inconsistent_pairs
    assert named and all(p.problem == "effectiveness" for p in named)
    # oriented as written: each judgement says 5, the (equal) weights imply 1
    assert {(p.a, p.b) for p in named} == {("resources", "reach"), ("reach", "staff"), ("staff", "resources")}
    assert all(p.given == pytest.approx(5) and p.implied == pytest.approx(1) for p in named)


@pytest.mark.parametrize(
    ("judgements", "message"),
    [
        ([Judgement("resources", "cost", 2)], "are in different groups"),
        ([Judgement("resources", "sustainability", 2)], "criterion 'resources' is compared with group"),
        ([Judgement("reach", "reach", 2)], "'reach' is compared with itself"),
        ([Judgement("reech", "resources", 2)], "unknown criterion or group 'reech' (did you mean 'reach'?)"),
        (
            [
                Judgement("reach", "resources", 2, "pair[#1]"),
                Judgement("resources", "reach", 0.5, "pair[#2]"),
            ],
            "pair[#2]: 'resources' and 'reach' are already compared in pair[#1]",
        ),
    ],
)
def test_ahp_bad_judgements(model_dir: Path, judgements: list[Judgement], message: str) -> None:
    with pytest.raises(ModelError) as error:
        ahp_weights(analysis_of(model_dir), judgements)
    assert message in problems_of(error)


def test_ahp_file_problems_name_file_key_and_line(tmp_path: Path) -> None:
    file = write(
        tmp_path / "bad.toml",
        '[[pair]]\na = "reach"\nb = "resources"\nvalue = 10\n\n[[pair]]\na = "reach"\nb = "cost"\nvale = 3\n',
    )
    with pytest.raises(ModelError) as error:
        read_ahp_file(file, "bad.toml")
    text = problems_of(error)
    assert "bad.toml:4: pair[#1].value: 10 is off Saaty's scale" in text
    assert "bad.toml:9: pair[#2].vale: unknown key 'vale' (did you mean 'value'?)" in text
    assert "bad.toml:6: pair[#2].value: required key is missing" in text
    syntax = write(tmp_path / "syntax.toml", '[[pair]]\na = "reach\n')
    with pytest.raises(ModelError) as error:
        read_ahp_file(syntax, "syntax.toml")
    assert problems_of(error).startswith("syntax.toml:2: TOML syntax error")


# -- swing -------------------------------------------------------------------------------

SWING = (
    'order = ["resources", "cost=durability", "reach"]\n\n'
    "[ratings]\nresources = 100\ncost = 60\ndurability = 60\nreach = 25\n"
)


def test_swing_from_answers(model_dir: Path, tmp_path: Path) -> None:
    file = write(tmp_path / "swing.toml", SWING)
    analysis = analysis_of(model_dir)
    answers = read_swing_answers(file, analysis.model)
    result = swing_weights_for(analysis, answers, source=str(file))
    assert result.method == "swing" and result.scope == "flat"
    assert result.effective == pytest.approx(
        {"resources": 100 / 245, "cost": 60 / 245, "durability": 60 / 245, "reach": 25 / 245}
    )
    assert result.group_weights == pytest.approx({"effectiveness": 125 / 245, "sustainability": 120 / 245})


def test_smarter_without_ratings(model_dir: Path) -> None:
    answers = SwingAnswers((("resources",), ("cost", "durability"), ("reach",)))
    result = swing_weights_for(analysis_of(model_dir), answers)
    assert result.method == "smarter"
    assert result.effective == pytest.approx(
        {"resources": 25 / 48, "cost": 10 / 48, "durability": 10 / 48, "reach": 3 / 48}
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("resources = 100", "resources = 90", "ratings.resources: 90: the most important swing is rated 100"),
        ("reach = 25", "reach = 70", "ratings.reach: 70 is higher than cost (60)"),
        ("durability = 60", "durability = 50", "tied swings cost=durability have different ratings"),
        ("reach = 25\n", "", "ratings.reach: no rating"),
        (
            "reach = 25",
            "reach = 25\nreech = 3",
            "ratings.reech: unknown criterion 'reech' (did you mean 'reach'?)",
        ),
        ('"reach"]', '"effectiveness"]', "'effectiveness' is a group; swings are rated per criterion"),
        ('"reach"]', '"reach", "cost"]', "'cost' appears more than once"),
        ('order = ["resources", ', "order = [", "criteria not in the order: resources"),
        ("[ratings]", "[rating]", "unknown key 'rating' (did you mean 'ratings'?)"),
    ],
)
def test_swing_answer_problems(model_dir: Path, tmp_path: Path, old: str, new: str, message: str) -> None:
    assert SWING.count(old) == 1
    file = write(tmp_path / "swing.toml", SWING.replace(old, new))
    with pytest.raises(ModelError) as error:
        read_swing_answers(file, load_model(model_dir), "swing.toml")
    assert message in problems_of(error)


def test_criterion_levels_follow_the_direction(model_dir: Path) -> None:
    model = load_model(model_dir)
    assert criterion_levels(model, "resources") == (
        "0 (nothing dedicated)",
        "5 (ring-fenced budget and staff)",
    )
    assert criterion_levels(model, "cost") == ("5 (over $1bn)", "0 (under $10m)")


# -- objective weights ------------------------------------------------------------------


def test_entropy_by_hand(model_dir: Path) -> None:
    analysis = analysis_of(model_dir)
    result = objective_weights(analysis, "entropy")
    scores = analysis.arrays.scores  # options x criteria, all scales [0, 5]
    benefit = analysis.arrays.criteria.benefit
    values = np.where(benefit, scores, 5 - scores)
    p = values / values.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p), 0.0)
    divergence = 1 + terms.sum(axis=0) / np.log(len(scores))
    expected = divergence / divergence.sum()
    assert [result.effective[c] for c in analysis.arrays.criterion_ids] == pytest.approx(expected)
    assert result.scope == "flat" and "not priorities" in result.summary


def test_critic_by_hand(model_dir: Path) -> None:
    # Diakoulaki, Mavrotas & Papayannakis (1995), recomputed with the standard library's
    # statistics module: min-max normalise each column (cost reversed), C_j = sigma_j *
    # sum_k (1 - r_jk), w = C / sum C. The starter's criteria differ in contrast and
    # conflict, so equal weights would fail this test.
    import statistics

    analysis = analysis_of(model_dir)
    result = objective_weights(analysis, "critic")
    ids = analysis.arrays.criterion_ids
    columns = []
    for j, cid in enumerate(ids):
        column = [float(row[j]) for row in analysis.arrays.scores]
        low, high = min(column), max(column)
        assert high > low, cid  # every column of the starter varies
        values = [(x - low) / (high - low) for x in column]
        benefit = analysis.model.criterion(cid).direction == "benefit"
        columns.append(values if benefit else [1 - v for v in values])
    information = [
        statistics.stdev(a) * sum(1 - statistics.correlation(a, b) for b in columns) for a in columns
    ]
    expected = [c / sum(information) for c in information]
    assert [result.effective[c] for c in ids] == pytest.approx(expected)
    assert max(expected) - min(expected) > 0.01


def test_document_keys(model_dir: Path) -> None:
    result = rank_weights(analysis_of(model_dir), order(*CRITERIA), flat=True)
    document = weights_document(result, {"id": "x", "path": "/p"})
    assert {"schema", "method", "profile", "weights", "consistency_ratio", "inconsistent_pairs"} <= set(
        document
    )
    assert document["schema"] == "decisiontool.weights/1"
    assert document["consistency_ratio"] is None and document["inconsistent_pairs"] == []
    assert document["saved_profile"] == {"id": "x", "path": "/p"}
    assert "comment" not in document and ";" in result.comment and "\n" not in result.comment


def test_elicitation_imports_no_user_interface() -> None:
    script = "import decisiontool.elicitation, sys, json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    for forbidden in ("typer", "rich", "textual", "click", "decisiontool.cli"):
        assert forbidden not in loaded, forbidden
