"""Hostile corpus, class 4: huge and tiny numbers give the right numbers or a clear refusal.

Each case edits the starter model so that one number sits at the edge of floating point and
checks, through the real CLI, that the result equals the one an ordinary-sized model gives
(weights and scores are invariant to scaling), never NaN or infinity, and that JSON and
XLSX reports are written.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from decisiontool.analysis import Analysis
from decisiontool.loading import load_model
from decisiontool.problems import ModelError
from tests.conftest import Edit
from tests.hostile.test_odd_input import run

METHODS = ("wsm", "topsis", "vikor", "promethee2")


def ranking(model: Path, method: str = "wsm") -> dict[str, object]:
    result = run("rank", "--data", model, "--method", method, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def scores_of(document: dict[str, object]) -> dict[str, float]:
    entries = document["ranking"]
    assert isinstance(entries, list)
    return {entry["option"]: entry["score"] for entry in entries}


def test_two_group_weights_of_1_7e308_weigh_like_two_equal_weights(model_dir: Path, edit: Edit) -> None:
    # Their sum overflows to inf; normalised first, they are 1:1. Starter: resources 3, reach 2
    # in effectiveness; durability 1, cost 1 in sustainability -> 0.3, 0.2, 0.25, 0.25.
    edit("criteria/effectiveness.toml", "weight = 2                       #", "weight = 1.7e308  #")
    edit("criteria/sustainability.toml", "weight = 1\n", "weight = 1.7e308\n")
    weights = ranking(model_dir)["weights"]
    assert weights == pytest.approx({"resources": 0.3, "reach": 0.2, "durability": 0.25, "cost": 0.25})


def test_a_subnormal_weight_beside_a_zero_takes_its_whole_group(model_dir: Path, edit: Edit) -> None:
    # resources 5e-324 and reach 0: resources has all of effectiveness (2 of 3), not infinity
    edit("criteria/effectiveness.toml", "weight = 3                       #", "weight = 5e-324  #")
    edit("criteria/effectiveness.toml", "weight = 2\n", "weight = 0\n")
    weights = ranking(model_dir)["weights"]
    assert weights == pytest.approx({"resources": 2 / 3, "reach": 0.0, "durability": 1 / 6, "cost": 1 / 6})


def test_a_scale_wider_than_floating_point_is_refused_naming_file_and_key(model_dir: Path) -> None:
    # [-1e308, 1e308] is 2e308 wide: beyond the largest float (1.8e308), so every division by
    # the width and many differences of scores on it would overflow
    path = model_dir / "criteria" / "effectiveness.toml"
    before = path.read_text(encoding="utf-8").replace("scale = [0, 5]", "scale = [-1e308, 1e308]", 1)
    path.write_text(before, encoding="utf-8")
    line = next(n for n, text in enumerate(before.splitlines(), 1) if text.startswith("scale = [-1e308"))
    target = model_dir.parent / "r.json"
    for args in (["rank", "--format", "json"], ["validate"], ["report", "-o", str(target)]):
        result = run(*args, "--data", model_dir)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert f"effectiveness.toml:{line}" in result.stderr and "criterion[resources].scale" in result.stderr
        assert "wider than floating point" in result.stderr
        assert result.stdout == ""
    assert not target.exists()
    assert path.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("method", METHODS)
def test_a_scale_almost_as_wide_as_floating_point_gives_finite_scores(
    model_dir: Path, edit: Edit, method: str
) -> None:
    # scale [-8e307, 8e307] for resources (1.6e308 wide, just inside): every resources score
    # (2, 3, 4) is then worth 0.5 to within 1e-300, as on a scale [-L, L] of any huge L
    text = (model_dir / "criteria" / "effectiveness.toml").read_text(encoding="utf-8")
    (model_dir / "criteria" / "effectiveness.toml").write_text(
        text.replace("scale = [0, 5]", "scale = [-8e307, 8e307]", 1), encoding="utf-8"
    )
    scores = scores_of(ranking(model_dir, method))
    assert all(math.isfinite(value) for value in scores.values())
    if method == "wsm":
        # default weights: groups 2:1, resources:reach 3:2 -> 0.4, 4/15; durability, cost 1/6.
        # regional_office: resources 3 -> 0.5, reach 5 -> 1, durability 4 -> 0.8, cost 1 ->
        # 1 - 0.5/3 on the value function [[0, 1], [3, 0.5], [5, 0]]
        expected = 0.4 * 0.5 + 4 / 15 + 0.8 / 6 + (1 - 0.5 / 3) / 6
        assert scores["regional_office"] == pytest.approx(expected)


def test_a_tiny_gaussian_s_gives_full_preference_not_nan(model_dir: Path, edit: Edit) -> None:
    # s = 1e-200: any positive difference is preferred fully, as with the usual function
    edit(
        "criteria/effectiveness.toml",
        'preference = { function = "linear", q = 0.5, p = 2 }',
        'preference = { function = "gaussian", s = 1e-200 }',
    )
    tiny = scores_of(ranking(model_dir, "promethee2"))
    edit(
        "criteria/effectiveness.toml",
        'preference = { function = "gaussian", s = 1e-200 }',
        'preference = { function = "usual" }',
    )
    usual = scores_of(ranking(model_dir, "promethee2"))
    assert tiny == pytest.approx(usual)


def resources_times_1e200(model_dir: Path, edit: Edit) -> None:
    """The starter's resources scale, scores and ranges multiplied by 1e200."""
    path = model_dir / "criteria" / "effectiveness.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("scale = [0, 5]", "scale = [0, 5e200]", 1))
    edit("options/regional_office.toml", "resources = 3\n", "resources = 3e200\n")
    edit("options/large_mission.toml", "value = 4\nrange = [3, 5]", "value = 4e200\nrange = [3e200, 5e200]")
    edit(
        "options/law_enforcement_network.toml",
        "resources = { value = 2, range = [1, 3]",
        "resources = { value = 2e200, range = [1e200, 3e200]",
    )


def test_topsis_keeps_a_criterion_whose_scores_exceed_1e154(model_dir: Path, edit: Edit) -> None:
    # resources and its scores multiplied by 1e200: TOPSIS is invariant to scaling a column
    reference = scores_of(ranking(model_dir, "topsis"))
    resources_times_1e200(model_dir, edit)
    assert scores_of(ranking(model_dir, "topsis")) == pytest.approx(reference, rel=1e-12)


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_reports_of_extreme_models_are_written(
    model_dir: Path, edit: Edit, tmp_path: Path, suffix: str
) -> None:
    edit("criteria/sustainability.toml", "weight = 1\n", "weight = 1.7e308\n")
    edit(
        "criteria/effectiveness.toml",
        'preference = { function = "linear", q = 0.5, p = 2 }',
        'preference = { function = "gaussian", s = 1e-200 }',
    )
    target = tmp_path / f"report{suffix}"
    result = run("report", "--data", model_dir, "--method", "promethee2", "--smaa", "200", "-o", target)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert target.stat().st_size > 0
    if suffix == ".json":
        text = target.read_text(encoding="utf-8")
        assert "NaN" not in text and "Infinity" not in text
        json.loads(text)


def test_a_score_that_cannot_be_computed_is_refused_naming_the_option_file(model_dir: Path) -> None:
    # No valid model file gives a NaN any more; the guard behind the ranking is tested with
    # arrays made non-finite directly (as a future method or a value function might).
    analysis = Analysis.create(load_model(model_dir))
    scores = analysis.arrays.scores.copy()
    scores[1, 0] = np.nan
    broken = replace(analysis, arrays=replace(analysis.arrays, scores=scores))
    with pytest.raises(ModelError) as caught:
        _ = broken.ranking
    problem = caught.value.problems[0]
    assert problem.path == analysis.model.options[1].path
    assert "resources" in problem.message and "finite" in problem.message


def test_weights_near_the_largest_float_in_smaa_around_weigh_as_their_ratio(
    model_dir: Path, edit: Edit
) -> None:
    # `around` multiplies each profile weight by a factor up to 1 + spread: 1.7e308 * 1.2 is
    # infinite. Two group weights of 1.7e308 are in the ratio 1:1, so the SMAA indices equal
    # those of group weights 1 and 1 under the same seed.
    edit("criteria/effectiveness.toml", "weight = 2                       #", "weight = 1  #")
    args = ("smaa", "--data", model_dir, "--weights", "around", "--samples", "2000", "--format", "json")
    reference = run(*args)
    assert reference.returncode == 0, reference.stderr
    edit("criteria/effectiveness.toml", "weight = 1  #", "weight = 1.7e308  #")
    edit("criteria/sustainability.toml", "weight = 1\n", "weight = 1.7e308\n")
    huge = run(*args)
    assert huge.returncode == 0 and "Warning" not in huge.stderr, huge.stderr
    expected = {e["option"]: e["rank_acceptability"] for e in json.loads(reference.stdout)["options"]}
    found = {e["option"]: e["rank_acceptability"] for e in json.loads(huge.stdout)["options"]}
    assert found.keys() == expected.keys()
    for option, shares in expected.items():
        assert found[option] == pytest.approx(shares, abs=2e-3)


def test_a_huge_weight_in_one_group_keeps_a_tiny_one_in_another(model_dir: Path, edit: Edit) -> None:
    # resources 1.7e308 beside reach 2 takes all of effectiveness (2/3); durability 5e-324
    # beside cost 0 takes all of sustainability (1/3): scaling all criterion weights together
    # would round 5e-324 to 0 and drop the whole group
    edit("criteria/effectiveness.toml", "weight = 3                       #", "weight = 1.7e308  #")
    text = (model_dir / "criteria" / "sustainability.toml").read_text(encoding="utf-8")
    text = text.replace(
        'lessons = ["L2"]                 # weight left out', 'weight = 5e-324\nlessons = ["L2"]  #', 1
    )
    text = text.replace('direction = "cost"', 'weight = 0\ndirection = "cost"', 1)
    (model_dir / "criteria" / "sustainability.toml").write_text(text, encoding="utf-8")
    weights = ranking(model_dir)["weights"]
    assert weights == pytest.approx({"resources": 2 / 3, "reach": 0.0, "durability": 1 / 3, "cost": 0.0})


def test_triangular_score_draws_of_scores_beyond_1e154_do_not_overflow(model_dir: Path, edit: Edit) -> None:
    # the triangular inverse takes a root of width * (value - low): 2e200 * 1e200 overflows.
    # TOPSIS is invariant to scaling a column, and the draws scale with it: the same indices.
    args = ("smaa", "--data", model_dir, "--method", "topsis", "--score-dist", "triangular",
            "--samples", "2000", "--format", "json")  # fmt: skip
    reference = run(*args)
    assert reference.returncode == 0, reference.stderr
    resources_times_1e200(model_dir, edit)
    huge = run(*args)
    assert huge.returncode == 0 and "Warning" not in huge.stderr, huge.stderr
    expected = {e["option"]: e["rank_acceptability"] for e in json.loads(reference.stdout)["options"]}
    found = {e["option"]: e["rank_acceptability"] for e in json.loads(huge.stdout)["options"]}
    for option, shares in expected.items():
        assert found[option] == pytest.approx(shares, abs=2e-3)


@pytest.mark.parametrize("function", ["usual", "u-shape", "v-shape", "level", "linear"])
def test_promethee_sorted_flows_near_the_largest_float(function: str) -> None:
    # 300 options take the sorted-column path, whose y + p and prefix sums overflow near
    # 1.8e308: the flows must equal the plain pairwise matrix's
    from decisiontool.engine.methods import promethee2
    from decisiontool.engine.values import PREFERENCE_CODES, CriteriaArrays
    from tests.engine.test_methods import pairwise_flows

    scores = np.random.default_rng(3).uniform(0, 1.7e308, size=(300, 1))
    base = CriteriaArrays.simple([0.0], [1.7e308], [True])
    criteria = replace(
        base,
        preference=np.array([PREFERENCE_CODES[function]]),
        q=np.array([1e306]),
        p=np.array([5e307]),
    )
    with np.errstate(over="raise", invalid="raise"):
        result = promethee2(scores, np.array([1.0]), criteria)
    plus, minus = pairwise_flows(scores, np.array([1.0]), criteria)
    np.testing.assert_allclose(result.extras["phi_plus"], plus, rtol=0, atol=1e-9)
    np.testing.assert_allclose(result.extras["phi_minus"], minus, rtol=0, atol=1e-9)


@pytest.mark.parametrize(
    "preference", ['{ function = "linear", q = 0, p = 5e-324 }', '{ function = "v-shape", p = 5e-324 }']
)
def test_a_subnormal_preference_threshold_is_the_usual_function(
    model_dir: Path, edit: Edit, preference: str
) -> None:
    # p = 5e-324: any positive difference is preferred fully; d / p overflowing is no warning
    edit(
        "criteria/effectiveness.toml",
        'preference = { function = "linear", q = 0.5, p = 2 }',
        f"preference = {preference}",
    )
    tiny = scores_of(ranking(model_dir, "promethee2"))
    edit("criteria/effectiveness.toml", f"preference = {preference}", 'preference = { function = "usual" }')
    assert tiny == pytest.approx(scores_of(ranking(model_dir, "promethee2")))


def test_from_arrays_refuses_a_column_wider_than_floating_point() -> None:
    from decisiontool import from_arrays

    with pytest.raises(ModelError) as caught:
        from_arrays([[-1e308], [1e308]], options=["a", "b"], criteria=["c"])
    assert "wider than floating point" in str(caught.value) and "scales" in str(caught.value)


def test_from_arrays_accepts_a_constant_column_of_huge_values() -> None:
    # a constant column gets a scale one wide; at 1e17 one is lost in rounding (1e17 + 1 ==
    # 1e17), which made a valid matrix fail as "low must be below high"
    from decisiontool import from_arrays

    model = from_arrays([[1e17, 1.0], [1e17, 2.0]], options=["a", "b"], criteria=["c", "d"])
    analysis = Analysis.create(model)
    assert [entry.option for entry in analysis.ranking.entries] == ["b", "a"]
