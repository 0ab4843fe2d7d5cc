"""Findings checked against independent computations: brute force, re-ranking, hand-worked cases."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from decisiontool.analysis import Analysis
from decisiontool.engine import fails_minimum
from decisiontool.findings import compute_findings
from decisiontool.findings.compute import contenders_of, dominance, score_intervals, verdict_of, why
from decisiontool.findings.results import ClosestChange
from decisiontool.loading import load_model
from tests.findings.models import analysis_of, write_model

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def random_models(draw: st.DrawFn) -> dict[str, object]:
    """Small random models: integer scores on 0-5, some ranges, mixed directions and weights."""
    m = draw(st.integers(2, 5))
    n = draw(st.integers(1, 4))
    scores = [[draw(st.integers(0, 5)) for _ in range(n)] for _ in range(m)]
    directions = [draw(st.sampled_from(["benefit", "cost"])) for _ in range(n)]
    weights = [draw(st.sampled_from([0, 1, 2, 3])) for _ in range(n)]
    if not any(weights):
        weights[0] = 1
    ranges = {}
    for i in range(m):
        for j in range(n):
            if draw(st.booleans()) and draw(st.booleans()):
                value = scores[i][j]
                ranges[(i, j)] = (
                    max(0, value - draw(st.integers(0, 2))),
                    min(5, value + draw(st.integers(0, 2))),
                )
    minimum = {j: draw(st.integers(0, 5)) for j in range(n) if draw(st.integers(0, 4)) == 0}
    shapes = {"benefit": "[[0, 0.0], [2, 0.6], [5, 1.0]]", "cost": "[[0, 1.0], [3, 0.4], [5, 0.0]]"}
    value_functions = {j: shapes[directions[j]] for j in range(n) if draw(st.integers(0, 2)) == 0}
    preference = draw(
        st.sampled_from(
            [None, '{ function = "linear", q = 0.5, p = 2 }', '{ function = "level", q = 1, p = 2.5 }']
        )
    )
    return {
        "scores": scores,
        "directions": directions,
        "weights": weights,
        "ranges": ranges,
        "minimum": minimum,
        "value_functions": value_functions,
        "preference": preference,
    }


def _analysis(spec: dict[str, object], folders: pytest.TempPathFactory, method: str = "wsm") -> Analysis:
    root = folders.mktemp("model") / "model"
    write_model(root, **spec)  # type: ignore[arg-type]
    return analysis_of(root, method)


def with_score(analysis: Analysis, option: int, criterion: int, value: float) -> Analysis:
    """The same analysis with one score replaced (arrays rebuilt, so the ranking is recomputed)."""
    arrays = analysis.arrays
    scores = arrays.scores.copy()
    scores[option, criterion] = value
    changed = replace(arrays, scores=scores, fails=fails_minimum(scores, arrays.criteria))
    return replace(analysis, arrays=changed)


def first_alone(analysis: Analysis, option: int) -> bool:
    ranks = analysis.ranking.ranks
    return bool(ranks[option] == 1 and (ranks == 1).sum() == 1)


def assert_change_does_it(analysis: Analysis, option: int, change: ClosestChange) -> int:
    """Apply `change` and re-rank as `rank` does: a non-top option is then first alone, the
    top is no longer first and `new_top` is; returns the changed criterion's index."""
    arrays = analysis.arrays
    j = arrays.criterion_ids.index(change.criterion)
    assert change.from_value == arrays.scores[option, j]
    changed = with_score(analysis, option, j, change.to_value)
    if option == analysis.ranking.top.index:
        assert changed.ranking.ranks[option] != 1
        assert change.new_top == changed.ranking.top.option
    else:
        assert first_alone(changed, option)
    return j


# -- dominance ------------------------------------------------------------------------------


@SETTINGS
@given(random_models())
def test_dominance_by_brute_force(tmp_path_factory: pytest.TempPathFactory, spec: dict[str, object]) -> None:
    analysis = _analysis(spec, tmp_path_factory)
    scores = spec["scores"]
    weights = spec["weights"]
    directions = spec["directions"]
    ranges = spec["ranges"]
    assert isinstance(scores, list) and isinstance(weights, list) and isinstance(directions, list)
    assert isinstance(ranges, dict)
    expected = []
    m, n = len(scores), len(scores[0])
    for a, b in itertools.permutations(range(m), 2):

        def better(x: float, y: float, j: int) -> int:
            gain = x - y if directions[j] == "benefit" else y - x
            return (gain > 0) - (gain < 0)

        live = [j for j in range(n) if weights[j] > 0]
        compared = [better(scores[a][j], scores[b][j], j) for j in live]
        if all(c >= 0 for c in compared) and any(c > 0 for c in compared):

            def end(i: int, j: int, worst: bool) -> float:
                low, high = ranges.get((i, j), (scores[i][j], scores[i][j]))
                return (
                    (low if directions[j] == "benefit" else high)
                    if worst
                    else (high if directions[j] == "benefit" else low)
                )

            robust = [better(end(a, j, True), end(b, j, False), j) for j in live]
            expected.append((f"o{a}", f"o{b}", all(c >= 0 for c in robust) and any(c > 0 for c in robust)))
    found = [(d.option, d.dominates, d.robust) for d in dominance(analysis)]
    assert found == sorted(expected)


# -- score intervals ------------------------------------------------------------------------


@SETTINGS
@given(random_models())
def test_wsm_intervals_by_brute_force_over_every_corner(
    tmp_path_factory: pytest.TempPathFactory, spec: dict[str, object]
) -> None:
    analysis = _analysis(spec, tmp_path_factory)
    arrays = analysis.arrays
    intervals = score_intervals(analysis, 100, 1)
    for i, option in enumerate(arrays.option_ids):
        ranged = [j for j in range(arrays.scores.shape[1]) if arrays.high[i, j] > arrays.low[i, j]]
        totals = []
        # every combination of range ends, and the midpoints: the extremes are at the corners
        for ends in itertools.product((0.0, 0.5, 1.0), repeat=len(ranged)):
            trial = analysis
            for j, t in zip(ranged, ends, strict=True):
                trial = with_score(trial, i, j, arrays.low[i, j] + t * (arrays.high[i, j] - arrays.low[i, j]))
            totals.append(trial.ranking.result.score[i])
        assert intervals[option].low == pytest.approx(min(totals), abs=1e-12)
        assert intervals[option].high == pytest.approx(max(totals), abs=1e-12)


def test_sampled_intervals_are_percentiles_of_the_scores(tmp_path: Path) -> None:
    root = write_model(tmp_path / "m", [[3, 1], [2, 4], [1, 1]], ranges={(0, 0): (1, 5), (1, 1): (3, 5)})
    analysis = analysis_of(root, "topsis")
    intervals = score_intervals(analysis, 4000, 3)
    rng = np.random.default_rng(99)
    draws = []
    for _ in range(4000):
        trial = with_score(analysis, 0, 0, rng.uniform(1, 5))
        trial = with_score(trial, 1, 1, rng.uniform(3, 5))
        draws.append(trial.ranking.result.score)
    every = np.array(draws)
    for i, option in enumerate(analysis.arrays.option_ids):
        low, high = np.percentile(every[:, i], [5, 95])
        assert intervals[option].low == pytest.approx(low, abs=0.02)
        assert intervals[option].high == pytest.approx(high, abs=0.02)


# -- closest changes ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
@SETTINGS
@given(spec=random_models())
def test_closest_changes_do_it_and_nothing_smaller_does(
    tmp_path_factory: pytest.TempPathFactory, method: str, spec: dict[str, object]
) -> None:
    analysis = _analysis(spec, tmp_path_factory, method)
    arrays = analysis.arrays
    criteria = arrays.criteria
    top = analysis.ranking.top.index
    findings = compute_findings(analysis, samples=50)
    for i, option in enumerate(arrays.option_ids):
        change = findings.closest_changes[option]
        movement = np.inf
        if change is not None:
            j = assert_change_does_it(analysis, i, change)
            width = criteria.high[j] - criteria.low[j]
            movement = abs(change.to_value - change.from_value) / width
            assert change.movement == pytest.approx(movement)
        # a scan of every criterion finds nothing that does it with less movement
        for j in range(arrays.scores.shape[1]):
            width = criteria.high[j] - criteria.low[j]
            for x in np.linspace(criteria.low[j], criteria.high[j], 101):
                moved = abs(x - arrays.scores[i, j]) / width
                if moved == 0 or moved >= movement - 2e-6:
                    continue
                if i == top:
                    worse = x < arrays.scores[i, j] if criteria.benefit[j] else x > arrays.scores[i, j]
                    if not worse:
                        continue
                    assert with_score(analysis, i, j, x).ranking.ranks[i] == 1
                else:
                    assert not first_alone(with_score(analysis, i, j, x), i)


def test_wsm_closest_change_by_hand(tmp_path: Path) -> None:
    # equal weights 0.5/0.5 on 0-5 scales: o0 = (4, 4) -> 0.8, o1 = (5, 2) -> 0.7.
    # o1 needs 0.8 + tiny: c1 from 2 to 3 (0.5 * 0.6 + 0.5 * 1 = 0.8, plus a hair).
    # o0 drops below 0.7 by c0 or c1 going from 4 to 3.
    root = write_model(tmp_path / "m", [[4, 4], [5, 2]])
    findings = compute_findings(analysis_of(root), samples=20)
    change = findings.closest_changes["o1"]
    assert change is not None and change.criterion == "c1" and change.to_value == pytest.approx(3, abs=1e-6)
    top = findings.closest_changes["o0"]
    assert top is not None and top.new_top == "o1" and top.to_value == pytest.approx(3, abs=1e-6)


def test_wsm_closest_change_through_a_value_function(tmp_path: Path) -> None:
    # c0's value: 0 -> 0, 4 -> 0.2, 5 -> 1. o1 = (4, 5) -> (0.2 + 1)/2 = 0.6 behind o0 = (5, 1) -> 0.6 + ...
    root = write_model(
        tmp_path / "m", [[5, 2], [3, 5]], value_functions={0: "[[0, 0.0], [4, 0.2], [5, 1.0]]"}
    )
    analysis = analysis_of(root)
    # o0 = (1 + 0.4)/2 = 0.7; o1 = (0.15 + 1)/2 = 0.575. o1 needs v(c0) > 0.4: 4 + (0.2/0.8) = 4.25
    findings = compute_findings(analysis, samples=20)
    change = findings.closest_changes["o1"]
    assert (
        change is not None and change.criterion == "c0" and change.to_value == pytest.approx(4.25, abs=1e-6)
    )


def test_minimum_counts_in_closest_changes(tmp_path: Path) -> None:
    # o0 leads, but dropping c1 below its minimum 3 (from 3) fails it: the smallest drop
    root = write_model(tmp_path / "m", [[5, 3], [1, 3]], minimum={1: 3})
    findings = compute_findings(analysis_of(root), samples=20)
    top = findings.closest_changes["o0"]
    assert top is not None and top.criterion == "c1" and top.to_value < 3 and top.movement < 1e-6
    assert top.new_top == "o1"


# -- why ------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["wsm", "promethee2"])
@SETTINGS
@given(spec=random_models())
def test_why_sums_to_the_score_difference(
    tmp_path_factory: pytest.TempPathFactory, method: str, spec: dict[str, object]
) -> None:
    analysis = _analysis(spec, tmp_path_factory, method)
    score = analysis.ranking.result.score
    for a, b in itertools.permutations(range(score.shape[0]), 2):
        explained = why(analysis, a, b)
        assert explained.decomposition
        assert sum(t.contribution for t in explained.terms) == pytest.approx(score[a] - score[b], abs=1e-12)
        assert explained.difference == pytest.approx(score[a] - score[b], abs=1e-12)
        contributions = [t.contribution for t in explained.terms]
        assert contributions == sorted(contributions, reverse=True)


def test_why_for_topsis_and_vikor_is_an_explanation(tmp_path: Path) -> None:
    root = write_model(tmp_path / "m", [[4, 1], [2, 3], [1, 1]])
    for method in ("topsis", "vikor"):
        findings = compute_findings(analysis_of(root, method), samples=20)
        assert findings.why is not None and not findings.why.decomposition
        assert findings.why.to_json()["kind"] == "explanation"
        assert findings.why.difference > 0  # the top is ahead of the runner-up


# -- verdict and contenders -----------------------------------------------------------------


def test_verdict_thresholds() -> None:
    assert verdict_of(1.0) == "clear"
    assert verdict_of(0.75) == "clear"
    assert verdict_of(0.7499) == "likely"
    assert verdict_of(0.5) == "likely"
    assert verdict_of(0.4999) == "contested"
    assert contenders_of({"a": 0.04, "b": 0.05, "c": 0.6, "d": 0.31}) == ("c", "d", "b")


def test_verdict_on_constructed_models(tmp_path: Path) -> None:
    # o0 dominates: first in every sample
    clear = compute_findings(analysis_of(write_model(tmp_path / "a", [[5, 5], [1, 1]])), samples=500)
    assert clear.verdict == "clear" and clear.first_acceptability["o0"] == 1.0 and clear.contenders == ("o0",)
    # three options each best on one of three equal criteria, a hair apart: weights within
    # +-20% hand the first place to each about a third of the time
    near = [[5, 0, 0.01], [0, 5, 0], [0, 0, 5]]
    contested = compute_findings(analysis_of(write_model(tmp_path / "b", near)), samples=2000)
    assert contested.verdict == "contested"
    assert set(contested.contenders) == {"o0", "o1", "o2"}
    # two options a hair apart on two equal criteria plus a third that favours o0 slightly
    likely = compute_findings(
        analysis_of(write_model(tmp_path / "c", [[5, 0, 3], [0, 5, 2.6]])), samples=2000
    )
    assert 0.5 <= likely.first_acceptability["o0"] < 0.75 and likely.verdict == "likely"


# -- agreement ------------------------------------------------------------------------------


def test_agreement_matches_rank_per_method_and_profile() -> None:
    from tests.cli.test_robustness_cli import run_json

    model = load_model()
    analysis = Analysis.create(model)
    findings = compute_findings(analysis, samples=100)
    for method, top in findings.agreement.methods.items():
        assert top == run_json("rank", "--method", method, "--format", "json")["ranking"][0]["option"]
    assert set(findings.agreement.profiles) == set(model.profile_ids)
    for profile, top in findings.agreement.profiles.items():
        assert top == run_json("rank", "--profile", profile, "--format", "json")["ranking"][0]["option"]


# -- value for money ------------------------------------------------------------------------


@SETTINGS
@given(random_models(), st.sampled_from(["wsm", "vikor"]))
def test_value_for_money_frontier_by_brute_force(
    tmp_path_factory: pytest.TempPathFactory, spec: dict[str, object], method: str
) -> None:
    scores = spec["scores"]
    assert isinstance(scores, list)
    n = len(scores[0])
    assume(n >= 2)  # a frontier needs a cost criterion and a benefit
    root = tmp_path_factory.mktemp("model") / "model"
    weights = [w or 1 for w in spec["weights"]]  # type: ignore[attr-defined]
    write_model(root, scores, weights=weights, directions=["cost", *["benefit"] * (n - 1)], cost_criteria=[0])
    analysis = analysis_of(root, method)
    money = compute_findings(analysis, samples=20).value_for_money
    assert money is not None
    # benefit: the method's score with c0's weight set to 0 (as a weight override)
    without = Analysis.create(load_model(root), method=method, overrides=[("c0", 0.0)])
    sign = 1 if without.method.higher_is_better else -1
    benefit = {o.option: o.score for o in without.ranking.entries}
    cost = {f"o{i}": float(scores[i][0]) for i in range(len(scores))}
    assert money.benefit == pytest.approx(benefit)
    assert money.cost == pytest.approx(cost)
    frontier = {
        a
        for a in benefit
        if not any(sign * (benefit[b] - benefit[a]) > 1e-9 and cost[b] < cost[a] - 1e-9 for b in benefit)
    }
    assert set(money.frontier) == frontier


def test_no_value_for_money_without_cost_criteria(tmp_path: Path) -> None:
    findings = compute_findings(analysis_of(write_model(tmp_path / "m", [[1, 2], [2, 1]])), samples=20)
    assert findings.value_for_money is None and findings.to_json()["value_for_money"] is None


# -- the document ---------------------------------------------------------------------------


def test_document_header_and_keys() -> None:
    analysis = Analysis.create(load_model(), profile="balanced", method="topsis")
    document = compute_findings(analysis, samples=200).to_json()
    assert list(document)[:6] == ["schema", "model", "method", "profile", "higher_is_better", "weights"]
    assert document["schema"] == "decisiontool.findings/1"
    assert (document["method"], document["profile"]) == ("topsis", "balanced")
    assert document["weights"] == analysis.weight_map()
    for key in (
        "top",
        "dominance",
        "score_intervals",
        "first_acceptability",
        "contenders",
        "verdict",
        "agreement",
        "closest_changes",
        "why",
        "value_for_money",
        "sentences",
    ):
        assert key in document
    assert document["top"] == analysis.ranking.top.option
    assert set(document["closest_changes"]) == set(analysis.arrays.option_ids)
    names = {o.id: o.name for o in analysis.model.options}
    assert names[document["top"]] in document["sentences"][0]
    assert not any(option_id in " ".join(document["sentences"]) for option_id in names)


# -- the closest weight change --------------------------------------------------------------


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_closest_weight_change_overturns_the_top(method: str) -> None:
    from decisiontool.analysis import rank_with

    analysis = Analysis.create(load_model(), method=method)
    change = compute_findings(analysis, samples=100).closest_weight_change
    assert change is not None
    j = analysis.arrays.criterion_ids.index(change.criterion)
    weights = analysis.weights
    assert change.from_weight == pytest.approx(weights[j])
    # the sweep's rule (docs/json.md): w_k = t, the others w_j (1 - t) / (1 - w_k); a hair past t
    past = change.to_weight + (1e-5 if change.to_weight > change.from_weight else -1e-5)
    swept = weights * (1 - past) / (1 - weights[j])
    swept[j] = past
    assert rank_with(analysis, swept).top.option == change.new_top != analysis.ranking.top.option
    # a hair short of it, the top holds
    short = change.to_weight - (1e-5 if change.to_weight > change.from_weight else -1e-5)
    swept = weights * (1 - short) / (1 - weights[j])
    swept[j] = short
    assert rank_with(analysis, swept).top.option == analysis.ranking.top.option


def test_sentences_for_a_shared_first_place(tmp_path: Path) -> None:
    findings = compute_findings(
        analysis_of(write_model(tmp_path / "m", [[3, 3], [3, 3], [1, 1]])), samples=50
    )
    assert findings.sentences[0].startswith("Option 0 and Option 1 share first place")
    assert not any("from 3 to 3" in sentence for sentence in findings.sentences)
    assert not any("overlap" in sentence for sentence in findings.sentences)  # no ranges: nothing moves


def test_one_option(tmp_path: Path) -> None:
    findings = compute_findings(analysis_of(write_model(tmp_path / "m", [[3, 3]])), samples=20)
    assert findings.verdict == "clear" and findings.why is None and findings.closest_changes == {"o0": None}
    assert findings.to_json()["runner_up"] is None
