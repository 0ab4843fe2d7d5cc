"""`decisiontool.from_arrays`: a model from a performance matrix, checked like a model directory."""

from __future__ import annotations

import pytest

import decisiontool
from decisiontool import ModelError, from_arrays


def test_weighted_sum_by_hand() -> None:
    # values (score - 0) / 10, price a cost: 1 - price / 10; weights 2/3 and 1/3
    # a: 0.7 * 2/3 + 0.1 / 3 = 0.5; b: 0.8 * 2/3 + 0.3 / 3 = 0.6333; c: 0.9 * 2/3 + 0.4 / 3 = 0.7333
    model = from_arrays(
        [[7, 9], [8, 7], [9, 6]],
        options=["a", "b", "c"],
        criteria=["quality", "price"],
        weights=[2, 1],
        directions=["benefit", "cost"],
        scales=[(0, 10), (0, 10)],
        names={"a": "Option A"},
    )
    entries = decisiontool.rank(model).entries
    assert [(e.option, e.rank) for e in entries] == [("c", 1), ("b", 2), ("a", 3)]
    assert [e.score for e in entries] == pytest.approx([0.9 * 2 / 3 + 0.4 / 3, 0.8 * 2 / 3 + 0.1, 0.5])
    assert model.option("a").name == "Option A"
    assert decisiontool.Analysis.create(model).weight_map() == pytest.approx(
        {"quality": 2 / 3, "price": 1 / 3}
    )


def test_defaults_equal_weights_benefit_and_data_scales() -> None:
    # scales from the data: x in [1, 3], y constant 5 -> [5, 6]; equal weights 1/2
    # p: 0 * 0.5 + 0 = 0; q: 0.5 * 0.5 = 0.25; r: 1 * 0.5 = 0.5
    model = from_arrays([[1, 5], [2, 5], [3, 5]], options=["p", "q", "r"], criteria=["x", "y"])
    assert model.criterion("x").scale == (1.0, 3.0)
    assert model.criterion("y").scale == (5.0, 6.0)
    scores = {e.option: e.score for e in decisiontool.rank(model).entries}
    assert scores == pytest.approx({"p": 0.0, "q": 0.25, "r": 0.5})


def test_every_method_and_the_analyses_run_on_it() -> None:
    model = from_arrays([[1, 4], [3, 2], [2, 3]], options=["a", "b", "c"], criteria=["u", "v"])
    for method in ("wsm", "topsis", "vikor", "promethee2"):
        assert decisiontool.rank(model, method=method).entries[0].rank == 1
    analysis = decisiontool.Analysis.create(model)
    assert decisiontool.smaa(analysis, samples=200).to_json()["schema"] == "decisiontool.smaa/1"
    assert decisiontool.sensitivity(analysis).tornado


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"scores": [[1, 2]], "options": ["a", "b"], "criteria": ["x", "y"]}, "scores: 1 rows for 2 options"),
        ({"scores": [[1]], "options": ["a"], "criteria": ["x", "y"]}, "scores: [0]: 1 scores for 2 criteria"),
        ({"scores": [[1], [2]], "options": ["a", "a"], "criteria": ["x"]}, "options: ids given twice: a"),
        (
            {"scores": [[1, 20]], "options": ["a"], "criteria": ["x", "y"], "scales": [(0, 5), (0, 5)]},
            "scores: [0][1]: 20 (a on y) is outside the scale [0, 5]",
        ),
        (
            {"scores": [[1]], "options": ["a"], "criteria": ["x"], "weights": [0]},
            "weights: at least one weight must be positive",
        ),
        (
            {"scores": [[float("nan")]], "options": ["a"], "criteria": ["x"]},
            "scores: nan is not a finite number",
        ),
        (
            {"scores": [[1]], "options": ["A b"], "criteria": ["x"]},
            "options: [0]: id: Value error, 'A b' is not a valid id",
        ),
    ],
)
def test_bad_arrays_name_the_parameter(kwargs: dict[str, object], expected: str) -> None:
    with pytest.raises(ModelError) as caught:
        from_arrays(**kwargs)  # type: ignore[arg-type]
    assert str(caught.value.problems[0]).startswith(expected)
    assert all(problem.parameter for problem in caught.value.problems)
