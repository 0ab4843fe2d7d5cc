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


@pytest.mark.parametrize("method", METHODS)
def test_a_scale_spanning_the_float_range_gives_finite_scores(
    model_dir: Path, edit: Edit, method: str
) -> None:
    # scale [-1e308, 1e308] for resources: its span overflows. Every resources score (2, 3,
    # 4) is then worth almost exactly 0.5, as on a scale [-L, L] of any huge L: the same as
    # scores of 0 on a scale [-5, 5].
    reference = run("rank", "--data", model_dir, "--method", method, "--format", "json")
    assert reference.returncode == 0
    text = (model_dir / "criteria" / "effectiveness.toml").read_text(encoding="utf-8")
    (model_dir / "criteria" / "effectiveness.toml").write_text(
        text.replace("scale = [0, 5]", "scale = [-1e308, 1e308]", 1), encoding="utf-8"
    )
    scores = scores_of(ranking(model_dir, method))
    assert all(math.isfinite(value) for value in scores.values())
    if method == "wsm":
        # default weights: groups 2:1, resources:reach 3:2 -> 0.4, 4/15; durability, cost 1/6.
        # resources 3 is worth 0.5 (to 1e-300); regional_office: reach 5 -> 1, durability 4 ->
        # 0.8, cost 1 -> 1 - 0.5/3 on the value function [[0, 1], [3, 0.5], [5, 0]]
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


def test_topsis_keeps_a_criterion_whose_scores_exceed_1e154(model_dir: Path, edit: Edit) -> None:
    # resources and its scores multiplied by 1e200: TOPSIS is invariant to scaling a column
    reference = scores_of(ranking(model_dir, "topsis"))
    path = model_dir / "criteria" / "effectiveness.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("scale = [0, 5]", "scale = [0, 5e200]", 1))
    edit("options/regional_office.toml", "resources = 3\n", "resources = 3e200\n")
    edit("options/large_mission.toml", "value = 4\nrange = [3, 5]", "value = 4e200\nrange = [3e200, 5e200]")
    edit(
        "options/law_enforcement_network.toml",
        "resources = { value = 2, range = [1, 3]",
        "resources = { value = 2e200, range = [1e200, 3e200]",
    )
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
