"""Typed robustness results: their attributes agree with the engine, their JSON with the documents.

The files in tests/data/robustness/ were written by the dict-building implementation that these
typed results replaced (same starter model, same seeds), so comparing against them proves the
documents did not change: the same text once numbers are masked, and the same numbers to 1e-12.
Not bytes: numpy's logarithm is vectorised differently on AVX-512 and AVX2 processors, so the
SMAA weight draws (and the central weights averaged from them) can differ in the last digit
between machines; on one machine a seed gives the same result (tests/engine/test_smaa.py).
The attribute tests check the numbers against the engine called directly and against
re-ranking, not against `to_json()`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from decisiontool.analysis import Analysis
from decisiontool.cli import app
from decisiontool.engine import sensitivity as engine_sensitivity
from decisiontool.engine import smaa as engine_smaa
from decisiontool.loading import load_model
from decisiontool.problems import ModelError
from decisiontool.robustness import sensitivity, smaa

DATA = Path(__file__).parent / "data" / "robustness"

GOLDEN = [
    ("starter-sensitivity-wsm.json", ["sensitivity", "--steps", "5"]),
    (
        "starter-sensitivity-groups-vikor.json",
        ["sensitivity", "--steps", "5", "--groups", "--method", "vikor"],
    ),
    ("starter-smaa-wsm.json", ["smaa", "--samples", "200", "--seed", "3"]),
    (
        "starter-smaa-topsis-around.json",
        [
            "smaa",
            "--samples",
            "200",
            "--seed",
            "3",
            "--method",
            "topsis",
            "--weights",
            "around",
            "--score-dist",
            "triangular",
        ],
    ),
]


@pytest.mark.parametrize(("name", "args"), GOLDEN, ids=[name for name, _ in GOLDEN])
def test_documents_are_byte_identical_to_the_dict_implementation(
    model_dir: Path, name: str, args: list[str]
) -> None:
    result = CliRunner().invoke(app, [*args, "--data", str(model_dir), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    expected = (DATA / name).read_text(encoding="utf-8")
    assert _NUMBER.sub("#", result.stdout) == _NUMBER.sub("#", expected)
    got = [float(x) for x in _NUMBER.findall(result.stdout)]
    want = [float(x) for x in _NUMBER.findall(expected)]
    assert got == pytest.approx(want, rel=1e-12, abs=1e-15)


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


@pytest.fixture
def analysis(model_dir: Path) -> Analysis:
    return Analysis.create(load_model(model_dir))


SENSITIVITY_KEYS = ["schema", "model", "method", "profile", "higher_is_better", "weights"]


def test_sensitivity_keys_in_documented_order(analysis: Analysis) -> None:
    document = sensitivity(analysis, steps=3).to_json()
    assert list(document) == [*SENSITIVITY_KEYS, "top", "by", "criteria", "tornado"]
    entry = document["criteria"][0]
    assert list(entry) == ["criterion", "weight", "critical_up", "critical_down", "exact", "margin", "sweep"]
    assert list(entry["sweep"]) == ["weights", "scores", "ranks"]
    assert document["schema"] == "decisiontool.sensitivity/1"
    groups = sensitivity(analysis, steps=3, groups=True).to_json()
    assert groups["by"] == "groups"
    assert groups["criteria"][0]["members"] == ["resources", "reach"]


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_sensitivity_attributes_agree_with_the_engine(analysis: Analysis, method: str) -> None:
    current = analysis.with_method(method)
    result = sensitivity(current, steps=6)
    arrays = current.arrays
    fails = arrays.fails.any(axis=1)
    assert result.top == current.ranking.top.option
    assert result.header.method == method
    assert [e.criterion for e in result.criteria] == list(arrays.criterion_ids)
    for j, entry in enumerate(result.criteria):
        critical = engine_sensitivity.critical_weights(
            arrays.scores, current.weights, arrays.criteria, current.method, [j], fails, current.vikor_v
        )
        assert entry.weight == critical.weight == pytest.approx(current.weights[j])
        for ours, theirs in ((entry.critical_up, critical.up), (entry.critical_down, critical.down)):
            if theirs is None:
                assert ours is None
            else:
                assert ours is not None
                assert (ours.weight, ours.new_top) == (theirs.weight, arrays.option_ids[theirs.new_top])
        assert entry.margin == critical.margin
        assert entry.sweep.weights == pytest.approx([k / 5 for k in range(6)])
        assert set(entry.sweep.ranks) == set(arrays.option_ids)
    # the tornado: ascending margins, never-overturned last
    margins = [result.entry(item).margin for item in result.tornado]
    finite = [m for m in margins if m is not None]
    assert finite == sorted(finite)
    assert margins[: len(finite)] == finite


def test_a_sweep_at_zero_and_one_ranks_as_the_method_does(analysis: Analysis) -> None:
    # at t = 1 the swept criterion carries all the weight: the ranking of that column alone
    result = sensitivity(analysis, criteria=["cost"], steps=2)
    entry = result.entry("cost")
    j = analysis.arrays.criterion_ids.index("cost")
    alone = {cid: (1.0 if cid == "cost" else 0.0) for cid in analysis.arrays.criterion_ids}
    overrides = [*alone.items(), ("effectiveness", 1.0), ("sustainability", 1.0)]
    flat = Analysis.create(analysis.model, overrides=overrides)
    assert flat.weights[j] == pytest.approx(1.0)
    for option in analysis.arrays.option_ids:
        index = analysis.arrays.option_ids.index(option)
        assert entry.sweep.scores[option][-1] == pytest.approx(flat.ranking.result.score[index])


def test_smaa_attributes_agree_with_the_engine(analysis: Analysis) -> None:
    result = smaa(analysis, samples=300, seed=4)
    arrays = analysis.arrays
    engine = engine_smaa.smaa(
        arrays.scores,
        arrays.low,
        arrays.high,
        arrays.group_index,
        analysis.group_weights,
        analysis.criterion_weights,
        arrays.criteria,
        analysis.method,
        samples=300,
        seed=4,
    )
    assert [o.option for o in result.options] == [e.option for e in analysis.ranking.entries]
    for entry in result.options:
        i = arrays.option_ids.index(entry.option)
        assert entry.rank_acceptability == tuple(engine.rank_acceptability[i])
        assert entry.first == engine.rank_acceptability[i, 0]
        assert entry.expected_rank == engine.expected_rank[i]
        if np.isnan(engine.confidence[i]):
            assert entry.confidence is None and entry.central_weights is None
        else:
            assert entry.confidence == engine.confidence[i]
            assert entry.central_weights is not None
            assert sum(entry.central_weights.values()) == pytest.approx(1.0)
    ids = arrays.option_ids
    for a, row in result.pairwise_winning.items():
        assert a not in row
        for b, share in row.items():
            assert share == engine.pairwise_winning[ids.index(a), ids.index(b)]
    document = result.to_json()
    assert list(document)[:6] == SENSITIVITY_KEYS
    assert list(document)[6:] == [
        "samples",
        "seed",
        "weight_mode",
        "spread",
        "score_dist",
        "options",
        "pairwise_winning",
    ]
    assert list(document["options"][0]) == [
        "option",
        "name",
        "rank_acceptability",
        "expected_rank",
        "central_weights",
        "confidence",
    ]
    json.dumps(document, allow_nan=False)  # valid JSON: no NaN anywhere


def test_results_are_frozen(analysis: Analysis) -> None:
    result = smaa(analysis, samples=10, seed=1)
    with pytest.raises(AttributeError):
        result.samples = 5  # type: ignore[misc]


def test_bad_arguments_are_model_errors(analysis: Analysis) -> None:
    with pytest.raises(ModelError, match=r"unknown criterion 'cots'.*did you mean 'cost'"):
        sensitivity(analysis, criteria=["cots"])
    with pytest.raises(ModelError, match="at least 2"):
        sensitivity(analysis, steps=1)
    with pytest.raises(ModelError, match="at least 1"):
        smaa(analysis, samples=0)
