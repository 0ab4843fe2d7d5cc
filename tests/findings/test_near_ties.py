"""Closest changes where near-tied options chain (docs/methods.md: an option within 1e-9 of the
one just before it shares its rank): each reported change is applied and the model re-ranked as
`rank` ranks it, which must confirm it (the option alone first, or the top no longer first)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.findings.changes import closest_changes
from tests.findings.models import analysis_of, write_model
from tests.findings.test_findings import assert_change_does_it, first_alone, with_score

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STEP = 0.9e-9
"""Spacing of a chain: each option within the tie tolerance of the next, the ends far apart."""


def chain_scores(count: int) -> list[list[float]]:
    """`count` options on one criterion, 0.5, 0.5 + STEP, ... (scale 0-1: the wsm score is the
    raw score), and one more far behind: every chained option shares rank 1."""
    return [[0.5 + k * STEP] for k in range(count)] + [[0.1]]


def test_ranking_chains_the_crafted_options(tmp_path: Path) -> None:
    analysis = analysis_of(write_model(tmp_path / "m", chain_scores(20), scale=(0, 1)))
    ids = analysis.arrays.option_ids
    ranks = {ids[i]: int(r) for i, r in enumerate(analysis.ranking.ranks)}
    assert [ranks[f"o{k}"] for k in range(20)] == [1] * 20 and ranks["o20"] == 21
    # the top and the chain's low end are 17.1e-9 apart, far beyond the tolerance
    score = analysis.ranking.result.score
    assert score[ids.index("o19")] - score[ids.index("o0")] == pytest.approx(19 * STEP, rel=1e-3)
    assert analysis.ranking.top.option == "o19"


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_knocking_the_top_off_a_chain(tmp_path: Path, method: str) -> None:
    # a drop just below the next option (as a best-score comparison would place it) is still
    # in the chain: the top must fall below the chain's low end, 0.5, less the tolerance
    analysis = analysis_of(write_model(tmp_path / "m", chain_scores(20), scale=(0, 1)), method)
    found = closest_changes(analysis)
    change = found[analysis.ranking.top.option]
    assert change is not None
    if method == "wsm":  # exact: the chain's low end less the tolerance, within the margins
        assert 0.5 - 3e-8 < change.to_value < 0.5 - 1e-9
    for option, each in found.items():
        if each is not None:
            assert_change_does_it(analysis, analysis.arrays.option_ids.index(option), each)


def test_explain_then_rank_through_the_cli(tmp_path: Path) -> None:
    # the whole path: explain's reported change written into the option's file, then `rank`
    root = write_model(tmp_path / "m", chain_scores(20), scale=(0, 1))
    runner = CliRunner()
    result = runner.invoke(app, ["explain", "--data", str(root), "--format", "json", "--samples", "50"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    top = document["top"]
    change = document["closest_changes"][top]
    assert change["criterion"] == "c0"
    (root / "options" / f"{top}.toml").write_text(
        f'name = "moved"\nkind = "peace-operation"\n[scores]\nc0 = {change["to"]!r}\n', encoding="utf-8"
    )
    ranked = runner.invoke(app, ["rank", "--data", str(root), "--format", "json"])
    assert ranked.exit_code == 0, ranked.stderr
    ranking = json.loads(ranked.stdout)["ranking"]
    rank_of = {entry["option"]: entry["rank"] for entry in ranking}
    assert rank_of[top] != 1
    assert ranking[0]["option"] == change["new_top"]


@st.composite
def near_tie_models(draw: st.DrawFn) -> dict[str, object]:
    """Few options whose scores differ by multiples of a step near the tie tolerance on the
    first criterion, and sit on a few shared integer rows elsewhere: chains, splits and exact
    ties at the top, under mixed weights, directions and minimums."""
    m = draw(st.integers(3, 6))
    n = draw(st.integers(1, 3))
    rows = [[draw(st.integers(1, 4)) for _ in range(n)] for _ in range(2)]
    step = draw(st.sampled_from([0.4e-9, 0.9e-9, 1.5e-9, 4e-9, 1e-8]))
    scores = []
    for _ in range(m):
        row = list(draw(st.sampled_from(rows)))
        row[0] = row[0] + draw(st.integers(0, 6)) * step
        scores.append(row)
    weights = [draw(st.sampled_from([1, 2, 3])) for _ in range(n)]
    directions = ["benefit"] + [draw(st.sampled_from(["benefit", "cost"])) for _ in range(n - 1)]
    minimum = {j: 1 for j in range(1, n) if draw(st.integers(0, 3)) == 0}
    return {"scores": scores, "weights": weights, "directions": directions, "minimum": minimum}


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
@SETTINGS
@given(spec=near_tie_models())
def test_reported_changes_hold_when_re_ranked(
    tmp_path_factory: pytest.TempPathFactory, method: str, spec: dict[str, object]
) -> None:
    root = tmp_path_factory.mktemp("model") / "model"
    write_model(root, **spec)  # type: ignore[arg-type]
    analysis = analysis_of(root, method)
    arrays = analysis.arrays
    top = analysis.ranking.top.index
    for option, change in closest_changes(analysis).items():
        i = arrays.option_ids.index(option)
        if change is None:
            continue
        j = assert_change_does_it(analysis, i, change)
        # wsm (exact, and monotone in one score): half the change is not enough, where the
        # change is more than the margin placed past a tie
        width = float(arrays.criteria.high[j] - arrays.criteria.low[j])
        short = change.from_value + 0.5 * (change.to_value - change.from_value)
        if method == "wsm" and abs(change.to_value - change.from_value) > 1e-5 * width:
            halfway = with_score(analysis, i, j, short)
            assert (halfway.ranking.ranks[i] == 1) if i == top else not first_alone(halfway, i)


def test_identical_twins_at_the_top(tmp_path: Path) -> None:
    # o0 and o1 are identical and share rank 1: a hair of either score decides it
    analysis = analysis_of(write_model(tmp_path / "m", [[3, 3], [3, 3], [1, 1]]))
    found = closest_changes(analysis)
    top = analysis.ranking.top
    drop, rise = found[top.option], found["o1"]
    assert drop is not None and rise is not None
    assert drop.movement < 1e-6 and rise.movement < 1e-6 and drop.new_top == "o1"
    j = analysis.arrays.criterion_ids.index(drop.criterion)
    assert with_score(analysis, top.index, j, drop.to_value).ranking.ranks[top.index] == 2
    assert first_alone(
        with_score(analysis, 1, analysis.arrays.criterion_ids.index(rise.criterion), rise.to_value), 1
    )
