"""The panel analysis against numbers worked out by hand on the two-criterion model (conftest)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from decisiontool.analysis import Analysis
from decisiontool.loading import load_model
from decisiontool.panel import analyse_panel
from decisiontool.problems import ModelError
from tests.eigen import power_iteration
from tests.panel.conftest import Participant


def test_participants_weights_and_tops(three: Path) -> None:
    result = analyse_panel(Analysis.create(load_model(three)))
    assert result.participant("p1").weights == pytest.approx({"a": 0.9, "b": 0.1})
    assert result.participant("p2").weights == pytest.approx({"a": 0.2, "b": 0.8})
    assert [view.top for view in result.participants] == ["x", "y", "x"]
    # p1: x 0.9, z 0.3, y 0.1
    assert result.participant("p1").ranks == {"x": 1, "y": 3, "z": 2}


def test_geometric_aggregate_by_hand(three: Path) -> None:
    # a: (0.9 * 0.2 * 0.6)^(1/3), b: (0.1 * 0.8 * 0.4)^(1/3); their ratio is (0.108 / 0.032)^(1/3) = 1.5
    result = analyse_panel(Analysis.create(load_model(three)))
    assert result.group_weights == pytest.approx({"a": 0.6, "b": 0.4})
    assert result.top == "x"
    assert [entry.option for entry in result.group.ranking.entries] == ["x", "y", "z"]


def test_mean_and_median_aggregates_by_hand(three: Path) -> None:
    analysis = Analysis.create(load_model(three))
    mean = analyse_panel(analysis, aggregate="mean")
    assert mean.group_weights["a"] == pytest.approx((0.9 + 0.2 + 0.6) / 3)
    median = analyse_panel(analysis, aggregate="median")
    assert median.group_weights == pytest.approx({"a": 0.6, "b": 0.4})


def test_kendall_w_and_tau_by_hand(three: Path) -> None:
    # rankings (x, y, z): p1 (1, 3, 2), p2 (3, 1, 2), p3 (1, 2, 3): W = 1/9 (test_statistics)
    result = analyse_panel(Analysis.create(load_model(three)))
    assert result.kendall_w == pytest.approx(1 / 9)
    # group order x, y, z: p3 agrees on every pair (tau 1), p2 reverses x-y and x-z, keeps y-z
    assert result.participant("p3").tau == pytest.approx(1.0)
    assert result.participant("p2").tau == pytest.approx(-1 / 3)


def test_pivotal_participant_by_construction(three: Path) -> None:
    # without p1: a sqrt(0.2 * 0.6) = 0.346 < b sqrt(0.8 * 0.4) = 0.566, so y is first;
    # without p2 or p3, a stays ahead (0.735 > 0.2; 0.424 > 0.283)
    result = analyse_panel(Analysis.create(load_model(three)))
    assert result.pivotal == ("p1",)
    assert {entry.participant: entry.top_without for entry in result.leave_one_out} == {
        "p1": "y",
        "p2": "x",
        "p3": "x",
    }
    document = result.to_json()
    assert document["pivotal"] == ["p1"]


def test_own_scores_count_for_the_participant_only(three: Path, participant: Participant) -> None:
    # p2 reads x's score on b as 1: under p2's weights x then scores 0.2 + 0.8 = 1.0 and is first
    participant("p2", "[weights]\na = 2\nb = 8\n[[scores]]\noption = 'x'\ncriterion = 'b'\nvalue = 1\n")
    result = analyse_panel(Analysis.create(load_model(three)))
    assert result.participant("p2").top == "x"
    # the group ranks with the model's scores: x 0.6, y 0.4, z 0.3
    assert result.group.ranking.top.score == pytest.approx(0.6)


def test_pooled_scores_by_hand(three: Path, participant: Participant) -> None:
    # x on b: the model says 0, p1 reads 0.5, p2 reads 0.1: the median of {0, 0.5, 0.1} is 0.1
    participant("p1", "[weights]\na = 9\nb = 1\n[[scores]]\noption = 'x'\ncriterion = 'b'\nvalue = 0.5\n")
    participant("p2", "[weights]\na = 2\nb = 8\n[[scores]]\noption = 'x'\ncriterion = 'b'\nvalue = 0.1\n")
    analysis = Analysis.create(load_model(three))
    model_scores = analyse_panel(analysis)
    pooled = analyse_panel(analysis, scores="pooled")
    x_model = next(e for e in model_scores.group.ranking.entries if e.option == "x")
    x_pooled = next(e for e in pooled.group.ranking.entries if e.option == "x")
    assert x_model.score == pytest.approx(0.6)
    assert x_pooled.score == pytest.approx(0.6 * 1 + 0.4 * 0.1)
    assert "median" in pooled.to_json()["scores_statement"]
    assert pooled.to_json()["scores"] == "pooled"
    (disagreement,) = pooled.disagreements
    assert (disagreement.option, disagreement.criterion) == ("x", "b")
    assert disagreement.spread == pytest.approx(0.5)
    assert disagreement.pooled == pytest.approx(0.1)
    assert dict(disagreement.readings) == {"p1": 0.5, "p2": 0.1}


def test_dissent_register_in_order(three: Path, participant: Participant) -> None:
    participant(
        "p3",
        "[weights]\na = 6\nb = 4\n[[dissent]]\nabout = 'model'\ntext = 'too few criteria'\n"
        "[[dissent]]\nabout = 'y'\ntext = 'y is unfunded'\n[[dissent]]\nabout = 'g'\ntext = 'one group'\n",
    )
    result = analyse_panel(Analysis.create(load_model(three)))
    assert result.to_json()["dissent"] == [
        {"participant": "p3", "about": "model", "about_kind": "model", "text": "too few criteria"},
        {"participant": "p3", "about": "y", "about_kind": "option", "text": "y is unfunded"},
        {"participant": "p3", "about": "g", "about_kind": "group", "text": "one group"},
    ]


def test_rank_and_swing_judgements_use_the_weights_code(tiny: Path, participant: Participant) -> None:
    # rank-order centroid of two criteria: 3/4 and 1/4; swing ratings 100 and 25: 0.8 and 0.2
    participant("ranker", "[rank]\norder = ['b', 'a']\n")
    participant("swinger", "[swing]\norder = ['a', 'b']\n[swing.ratings]\na = 100\nb = 25\n")
    result = analyse_panel(Analysis.create(load_model(tiny)), aggregate="mean")
    assert result.participant("ranker").weights == pytest.approx({"a": 0.25, "b": 0.75})
    assert result.participant("swinger").weights == pytest.approx({"a": 0.8, "b": 0.2})
    assert result.group_weights == pytest.approx({"a": 0.525, "b": 0.475})


def test_aij_reproduces_saatys_group_judgement(tiny: Path, participant: Participant) -> None:
    # Saaty's example of combining group judgements (Decision Lens blog, "Combining group members'
    # judgments", June 2007, after Aczel & Saaty 1983): three people judge an apple 2, 3 and 4 times
    # as large as an orange; the group judgement is the geometric mean 24^(1/3) = 2.884
    for name, value in (("one", 2), ("two", 3), ("three", "4/1")):
        value_text = f'"{value}"' if isinstance(value, str) else str(value)
        participant(name, f"[ahp]\n[[ahp.pair]]\na = 'a'\nb = 'b'\nvalue = {value_text}\n")
    result = analyse_panel(Analysis.create(load_model(tiny)))
    group_judgement = 24 ** (1 / 3)
    assert result.group_ahp is not None
    assert result.group_ahp.participants == ("one", "three", "two")
    assert result.group_ahp.weights["a"] / result.group_ahp.weights["b"] == pytest.approx(group_judgement)
    assert result.group_weights["a"] == pytest.approx(group_judgement / (1 + group_judgement))


def test_aij_of_three_criteria_with_its_consistency_ratio(tiny: Path, participant: Participant) -> None:
    tiny.joinpath("criteria", "g.toml").write_text(
        tiny.joinpath("criteria", "g.toml").read_text(encoding="utf-8")
        + '\n[[criterion]]\nid = "c"\nname = "C"\ndirection = "benefit"\nscale = [0, 1]\n',
        encoding="utf-8",
    )
    for option in ("x", "y", "z"):
        path = tiny / "options" / f"{option}.toml"
        path.write_text(path.read_text(encoding="utf-8") + "c = 0.5\n", encoding="utf-8")
    judged = {
        "d1": {("a", "b"): 3, ("a", "c"): 5, ("b", "c"): 2},
        "d2": {("a", "b"): 1, ("a", "c"): 3, ("b", "c"): 4},
    }
    for name, pairs in judged.items():
        text = "[ahp]\n" + "".join(
            f"[[ahp.pair]]\na = '{a}'\nb = '{b}'\nvalue = {v}\n" for (a, b), v in pairs.items()
        )
        participant(name, text)
    result = analyse_panel(Analysis.create(load_model(tiny)))
    # independent: the element-wise geometric mean matrix, its principal eigenvector and Saaty's CR
    g = {pair: math.sqrt(judged["d1"][pair] * judged["d2"][pair]) for pair in judged["d1"]}
    matrix = [
        [1, g[("a", "b")], g[("a", "c")]],
        [1 / g[("a", "b")], 1, g[("b", "c")]],
        [1 / g[("a", "c")], 1 / g[("b", "c")], 1],
    ]
    weights, lambda_max = power_iteration(matrix)
    cr = (lambda_max - 3) / 2 / 0.58  # Saaty's random index for n = 3
    assert result.group_ahp is not None
    assert [result.group_ahp.weights[c] for c in "abc"] == pytest.approx(list(weights))
    assert result.group_ahp.consistency_ratio == pytest.approx(cr)
    assert result.group_weights == pytest.approx(dict(zip("abc", weights, strict=True)))


def test_mixed_panel_counts_the_aij_once_per_ahp_participant(tiny: Path, participant: Participant) -> None:
    # two AHP participants judging a = 4 b (weights 0.8, 0.2 each) and one giving 0.5, 0.5:
    # a : b = (0.8^2 * 0.5)^(1/3) : (0.2^2 * 0.5)^(1/3) = 4^(2/3)
    for name in ("one", "two"):
        participant(name, "[ahp]\n[[ahp.pair]]\na = 'a'\nb = 'b'\nvalue = 4\n")
    participant("direct", "[weights]\na = 1\nb = 1\n")
    result = analyse_panel(Analysis.create(load_model(tiny)))
    ratio = 4 ** (2 / 3)
    assert result.group_weights["a"] == pytest.approx(ratio / (1 + ratio))


def test_geometric_mean_with_no_common_weight_is_refused(tiny: Path, participant: Participant) -> None:
    participant("only_a", "[weights]\na = 1\nb = 0\n")
    participant("only_b", "[weights]\na = 0\nb = 1\n")
    analysis = Analysis.create(load_model(tiny))
    with pytest.raises(ModelError, match="aggregate 'mean'"):
        analyse_panel(analysis)
    assert analyse_panel(analysis, aggregate="mean").group_weights == pytest.approx({"a": 0.5, "b": 0.5})


def test_no_panel_is_refused(tiny: Path) -> None:
    with pytest.raises(ModelError, match="has no panel"):
        analyse_panel(Analysis.create(load_model(tiny)))


def test_json_document_keys(three: Path) -> None:
    document = analyse_panel(Analysis.create(load_model(three))).to_json()
    assert document["schema"] == "decisiontool.panel/1"
    assert document["participants"]["p1"]["top"] == "x"
    assert document["participants"]["p1"]["weights"] == pytest.approx({"a": 0.9, "b": 0.1})
    assert document["group_weights"] == pytest.approx({"a": 0.6, "b": 0.4})
    assert [row["option"] for row in document["ranking"]] == ["x", "y", "z"]
    assert set(document["ranking"][0]) >= {
        "rank",
        "option",
        "name",
        "score",
        "fails_minimum",
        "contributions",
    }
    assert document["kendall_w"] == pytest.approx(1 / 9)
    assert document["illustrative"] is False
    for key in ("method", "profile", "weights", "dissent", "pivotal"):
        assert key in document
