"""export then import: a model that validates, ranks the same under every method, and keeps its evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decisiontool.analysis import METHOD_IDS, Analysis
from decisiontool.interchange import export_model, import_matrix
from decisiontool.loading import load_model
from decisiontool.model import DecisionModel


def same_rankings(before: DecisionModel, after: DecisionModel) -> None:
    """Every method, the model's own (default profile) weights: same ids, ranks and scores."""
    assert Analysis.create(after).weight_map() == pytest.approx(
        Analysis.create(before).weight_map(), rel=1e-12
    )
    for method in METHOD_IDS:
        one = Analysis.create(before, method=method).ranking
        two = Analysis.create(after, method=method).ranking
        # by option: options tied within the ranking's tolerance may be listed in either order
        # when a round trip moves their scores by a rounding error
        assert {e.option: e.rank for e in two.entries} == {e.option: e.rank for e in one.entries}, method
        scores = {e.option: e.score for e in one.entries}
        assert {e.option: e.score for e in two.entries} == pytest.approx(scores, rel=1e-9, abs=1e-12)
        fails = {e.option: e.fails_minimum for e in one.entries}
        assert {e.option: e.fails_minimum for e in two.entries} == fails


def same_scores(before: DecisionModel, after: DecisionModel, *, evidence: bool) -> None:
    for option in before.options:
        twin = after.option(option.id)
        assert twin.name == option.name
        for criterion_id, score in option.file.scores.items():
            other = twin.file.scores[criterion_id]
            assert (other.value, other.range) == (score.value, score.range)
            if evidence:
                assert other.rationale == score.rationale
                assert [json.dumps(s, default=str) for s in other.sources] == [
                    json.dumps(s, default=str) for s in score.sources
                ]
        if evidence:
            assert (twin.file.kind, twin.file.summary, twin.file.precedents) == (
                option.file.kind,
                option.file.summary,
                option.file.precedents,
            )


def round_trip(model: DecisionModel, folder: Path, suffix: str) -> DecisionModel:
    sheet = folder / f"model{suffix}"
    export_model(model, sheet, force=True)
    target = folder / f"imported-{suffix[1:]}"
    import_matrix(sheet, target, force=True)
    return load_model(target)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_bundled_model_round_trips(tmp_path: Path, suffix: str) -> None:
    before = load_model()
    after = round_trip(before, tmp_path, suffix)
    assert [c.id for c in after.criteria] == sorted(
        (c.id for c in before.criteria), key=[c.id for c in after.criteria].index
    )
    assert {
        c.id: (c.direction, c.scale, c.minimum, c.preference, c.value_function) for c in after.criteria
    } == {c.id: (c.direction, c.scale, c.minimum, c.preference, c.value_function) for c in before.criteria}
    assert after.criterion_group == before.criterion_group
    same_rankings(before, after)
    same_scores(before, after, evidence=suffix == ".xlsx")
    if suffix == ".xlsx":
        assert after.info.option_kinds == before.info.option_kinds


# ---------------------------------------------------------------------------------------
# random models

_TEXT = st.text(alphabet=st.sampled_from(list('abcXYZ019 ,;"[]=+-@()éü\n')), min_size=1, max_size=20).filter(
    lambda t: t.strip() == t and not t.startswith("'")
)
_NAME = st.text(alphabet=st.sampled_from(list('abcXYZ019,;"=+-@()é&')), min_size=1, max_size=12).map(
    lambda t: t.replace("  ", " ")
)
_SOURCE = (
    st.text(alphabet=st.sampled_from(list("abcxyz019:/.-= ")), min_size=1, max_size=15)
    .map(lambda t: " ".join(t.split()))
    .filter(bool)
)


def toml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


@st.composite
def random_models(draw: st.DrawFn) -> dict[str, str]:
    """A model directory as files: 1-3 groups, 1-4 criteria each, 2-6 options, ranges and evidence."""
    files: dict[str, str] = {"criteria/lessons.toml": "", "criteria/model.toml": 'name = "random"\n'}
    criteria: list[tuple[str, float, float]] = []
    for g in range(draw(st.integers(1, 3))):
        group_weight = draw(st.sampled_from([0.5, 1, 2, 7]))
        lines = [f'[group]\nid = "g{g}"\nname = {toml(draw(_NAME))}\nweight = {group_weight}\n']
        for _ in range(draw(st.integers(1, 4))):
            j = len(criteria)
            low = draw(st.sampled_from([-10.0, 0.0, 1.0, 2.5]))
            high = low + draw(st.sampled_from([1.0, 5.0, 100.0, 0.75]))
            criteria.append((f"c{j}", low, high))
            lines.append(
                f'[[criterion]]\nid = "c{j}"\nname = {toml(draw(_NAME) + f" {j}")}\n'
                f'direction = "{draw(st.sampled_from(["benefit", "cost"]))}"\n'
                f"scale = [{low}, {high}]\nweight = {draw(st.sampled_from([0, 1, 2.5, 3]))}\n"
            )
            if draw(st.integers(0, 3)) == 0:
                lines.append(f"minimum = {low + (high - low) / 4}\n")
            preference = draw(
                st.sampled_from(
                    [None, '{ function = "linear", q = 0.1, p = 0.5 }', '{ function = "gaussian", s = 0.3 }']
                )
            )
            if preference:
                lines.append(f"preference = {preference}\n")
        files[f"criteria/g{g}.toml"] = "\n".join(lines).replace("weight = 0\n", "weight = 1\n", 1)
    for i in range(draw(st.integers(2, 6))):
        body = [
            f"name = {toml(draw(_NAME) + f' {i}')}",
            f'kind = "{draw(st.sampled_from(["peace-operation", "multilateral-approach"]))}"',
            f"summary = {toml(draw(st.one_of(st.just(''), _TEXT)))}",
            f"precedents = [{', '.join(toml(p) for p in draw(st.lists(_SOURCE, max_size=2)))}]",
        ]
        for cid, low, high in criteria:
            steps = draw(st.integers(0, 8))
            value = low + (high - low) * steps / 8
            body.append(f"[scores.{cid}]\nvalue = {value}")
            if draw(st.booleans()):
                body.append(f"range = [{max(low, value - (high - low) / 8)}, {value}]")
            rationale = draw(st.one_of(st.just(""), _TEXT))
            if rationale:
                body.append(f"rationale = {toml(rationale)}")
            sources = draw(st.lists(_SOURCE, max_size=2))
            if draw(st.integers(0, 4)) == 0:
                sources.append('{ title = "Report", publisher = "UN", date = "2023-05" }')
            body.append(f"sources = [{', '.join(s if s.startswith('{') else toml(s) for s in sources)}]")
        files[f"options/o{i}.toml"] = "\n".join(body) + "\n"
    return files


def write_files(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=random_models(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_models_round_trip(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, str], suffix: str
) -> None:
    folder = tmp_path_factory.mktemp("round")
    before = load_model(write_files(folder / "model", files))
    after = round_trip(before, folder, suffix)
    same_rankings(before, after)
    same_scores(before, after, evidence=suffix == ".xlsx")
