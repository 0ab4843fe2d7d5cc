"""The HTML report's SVG charts, parsed back and checked against numbers worked out by hand.

Positions are read through the chart's own axis: the tick labels and their x give the map from
value to pixel, which is then checked to be linear with round, evenly spaced ticks; bands,
bars, the zero line and points must sit where that map puts the hand-worked values.
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from decisiontool import from_arrays
from decisiontool.analysis import Analysis
from decisiontool.cli import app
from decisiontool.palette import SERIES
from decisiontool.reports import render_report
from decisiontool.robustness import SensitivityResult
from tests.reports.parsing import html_document
from tests.reports.starter_numbers import CONTRIBUTIONS, INTERVALS, NAMES

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"
DATE = "2026-03-15"


def report(model_dir: Path, tmp_path: Path, *extra: str) -> Any:
    target = tmp_path / "r.html"
    args = ["report", "--data", str(model_dir), "-o", str(target), "--date", DATE, *extra]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return html_document(target.read_bytes())


def chart(document: Any, chart_id: str) -> Any:
    for svg in document.iter(f"{SVG}svg"):
        title = svg.find(f"{SVG}title")
        if title is not None and title.get("id") == f"{chart_id}-title":
            return svg
    raise AssertionError(f"no chart {chart_id}")


def title_of(element: Any) -> str:
    found = element.find(f"{SVG}title")
    return "" if found is None else found.text or ""


def texts(svg: Any, css: str) -> list[Any]:
    return [t for t in svg.iter(f"{SVG}text") if css in (t.get("class") or "").split()]


def tick_value(label: str) -> float:
    return float(label.replace("−", "-").rstrip("%")) / (100 if label.endswith("%") else 1)


def is_round(step: float) -> bool:
    """1, 2 or 5 times a power of ten."""
    mantissa = step / 10 ** math.floor(math.log10(step) + 1e-12)
    return any(math.isclose(mantissa, m, rel_tol=1e-9) for m in (1, 2, 5, 10))


def x_map(svg: Any) -> tuple[float, float, list[float]]:
    """(offset, pixels per unit, tick values left to right) from the x-axis tick labels, checked
    round, evenly spaced and linear."""
    ticks = sorted(
        (
            (tick_value(t.text), float(t.get("x")))
            for t in texts(svg, "tick")
            if t.get("text-anchor") == "middle"
        ),
        key=lambda tick: tick[1],
    )
    assert len(ticks) >= 3
    values = [v for v, _ in ticks]
    steps = {round(b - a, 12) for a, b in itertools.pairwise(values)}
    assert len(steps) == 1, steps  # evenly spaced
    step = abs(steps.pop())
    assert is_round(step), step
    assert all(math.isclose(v / step, round(v / step), abs_tol=1e-9) for v in values)  # at multiples
    (v0, x0), (v1, x1) = ticks[0], ticks[-1]
    slope = (x1 - x0) / (v1 - v0)
    for value, x in ticks:  # linear
        assert math.isclose(x, x0 + (value - v0) * slope, abs_tol=0.15)
    return x0 - v0 * slope, slope, values


def test_ranking_bands_span_the_hand_worked_intervals(model_dir: Path, tmp_path: Path) -> None:
    svg = chart(report(model_dir, tmp_path), "chart-ranking")
    offset, slope, ticks = x_map(svg)
    assert ticks[0] == 0 and ticks[-1] >= max(high for _, high in INTERVALS.values())
    bands = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "band" and ":" in title_of(r)]
    assert len(bands) == len(INTERVALS)
    for option, (low, high) in INTERVALS.items():
        band = next(b for b in bands if title_of(b).startswith(NAMES[option] + ":"))
        x, width = float(band.get("x")), float(band.get("width"))
        assert math.isclose(x, offset + low * slope, abs_tol=0.02)
        assert math.isclose(x + width, offset + high * slope, abs_tol=0.02)
    # the stacked segments of each bar add up to the hand-worked score
    for option, parts in CONTRIBUTIONS.items():
        segments = [
            r
            for r in svg.iter(f"{SVG}rect")
            if r.get("class") == "segment" and title_of(r).startswith(NAMES[option] + ":")
        ]
        end = max(float(s.get("x")) + float(s.get("width")) for s in segments)
        assert math.isclose(end, offset + sum(parts) * slope, abs_tol=0.02)
    # full names, never shortened
    labels = " ".join(t.text for t in texts(svg, "label"))
    for name in NAMES.values():
        assert name in labels
    assert "…" not in labels
    axis_titles = [t.text for t in texts(svg, "axis-title")]
    assert axis_titles and "Score" in axis_titles[0]


def test_promethee_net_flows_start_at_a_visible_zero_line(model_dir: Path, tmp_path: Path) -> None:
    expected = runner.invoke(
        app, ["rank", "--data", str(model_dir), "--method", "promethee2", "--format", "json"]
    )
    import json

    ranking = json.loads(expected.stdout)["ranking"]
    assert min(e["score"] for e in ranking) < 0 < max(e["score"] for e in ranking)  # both signs drawn
    svg = chart(report(model_dir, tmp_path, "--method", "promethee2"), "chart-ranking")
    offset, slope, ticks = x_map(svg)
    assert 0.0 in ticks
    zero = [line for line in svg.iter(f"{SVG}line") if line.get("class") == "zero"]
    assert len(zero) == 1 and zero[0].get("x1") == zero[0].get("x2")
    zero_x = float(zero[0].get("x1"))
    assert math.isclose(zero_x, offset, abs_tol=0.06)
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]
    for entry in ranking:
        bar = next(b for b in bars if title_of(b).startswith(entry["name"] + ":"))
        x, width = float(bar.get("x")), float(bar.get("width"))
        start, end = (x + width, x) if entry["score"] < 0 else (x, x + width)
        assert math.isclose(start, zero_x, abs_tol=0.06)  # from the zero line
        assert math.isclose(end, offset + entry["score"] * slope, abs_tol=0.06)
    assert "Net flow" in texts(svg, "axis-title")[0].text


def test_vikor_axis_runs_from_worse_to_best(model_dir: Path, tmp_path: Path) -> None:
    svg = chart(report(model_dir, tmp_path, "--method", "vikor"), "chart-ranking")
    _, slope, ticks = x_map(svg)
    assert slope < 0 and ticks[-1] == 0  # Q = 0 (best) on the right


def test_tornado_labels_carry_a_tenth_of_a_percent(
    analysis: Analysis, sensitivity_result: SensitivityResult
) -> None:
    data = render_report(analysis, ".html", date=datetime.date(2026, 5, 1), sensitivity=sensitivity_result)
    svg = chart(html_document(data), "chart-tornado")
    labels = [t.text for t in texts(svg, "critical")]
    # the hand-made result: reach's lower critical weight 0.21, resources' upper 0.62
    assert any(label.endswith("21.0%") for label in labels), labels
    assert any(label.endswith("62.0%") for label in labels), labels
    assert all(re.search(r"\d+\.\d%$", label) for label in labels)
    _, _, ticks = x_map(svg)
    assert ticks[0] == 0 and ticks[-1] == 1


def _wide_model() -> Analysis:
    """Ten criteria with distinct weights (10, 9, ..., 1), three options."""
    criteria = [f"c{j}" for j in range(10)]
    scores = [[(i + j) % 5 for j in range(10)] for i in range(3)]
    model = from_arrays(
        scores,
        options=["a", "b", "c"],
        criteria=criteria,
        weights=[10 - j for j in range(10)],
        scales=[(0, 4)] * 10,
        names={"a": "Option A with a rather long name that must not be cut short", "b": "B", "c": "C"},
    )
    return Analysis.create(model)


def test_colours_come_from_the_palette_and_the_heaviest_segments_are_numbered() -> None:
    analysis = _wide_model()
    document = html_document(render_report(analysis, ".html", date=datetime.date(2026, 5, 1)))
    for chart_id in ("chart-ranking", "chart-weights"):
        svg = chart(document, chart_id)
        patterns = {p.get("id"): p for p in svg.iter(f"{SVG}pattern")}
        fills = [
            r.get("fill") for r in svg.iter(f"{SVG}rect") if r.get("class") in ("segment", "bar", "swatch")
        ]
        used = set()
        for fill in fills:
            found = re.fullmatch(r"url\(#(.+)\)", fill)
            if found:  # a hatch: the palette colour with white stripes
                colours = {r.get("fill") for r in patterns[found.group(1)].iter(f"{SVG}rect")}
                assert colours - {"#ffffff"} <= set(SERIES)
                used.add(("hatched", *(colours - {"#ffffff"})))
            else:
                assert fill in SERIES, fill
                used.add(("plain", fill))
        # ten criteria: the first eight plain, the ninth and tenth hatched in the first two colours
        assert ("hatched", SERIES[0]) in used and ("hatched", SERIES[1]) in used
    svg = chart(document, "chart-ranking")
    numbers = {t.text for t in texts(svg, "seg")}
    # weights 10, 9, 8 are the three heaviest: criteria 1, 2 and 3 of the legend
    assert numbers and numbers <= {"1", "2", "3"}
    legend = [t.text for t in texts(svg, "legend")]
    assert any(text.startswith("1 c0") for text in legend)
    assert any(
        "Option A with a rather long name that must not be cut short" in t.text for t in texts(svg, "label")
    )


@pytest.fixture
def cost_model(model_dir: Path) -> Path:
    toml = model_dir / "criteria" / "model.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\ncost_criteria = ["cost"]\n', encoding="utf-8")
    return model_dir


def test_value_for_money_points_and_frontier(cost_model: Path, tmp_path: Path) -> None:
    document = report(cost_model, tmp_path)
    svg = chart(document, "chart-value")
    # benefit: the wsm score without cost, the other weights rescaled (by 1 / (1 - 1/6))
    benefit = {option: sum(parts[:3]) / (5 / 6) for option, parts in CONTRIBUTIONS.items()}
    cost = {"regional_office": 1.0, "law_enforcement_network": 1.0, "large_mission": 5.0}
    offset, slope, _ = x_map(svg)
    y_ticks = [
        (tick_value(t.text), float(t.get("y")) - 4)
        for t in texts(svg, "tick")
        if t.get("text-anchor") == "end"
    ]
    (b0, y0), (b1, y1) = y_ticks[0], y_ticks[-1]
    assert y1 < y0  # more benefit is higher up
    circles = {title_of(c).split(":")[0]: c for c in svg.iter(f"{SVG}circle")}
    ranks = {"regional_office": 1, "law_enforcement_network": 2, "large_mission": 3}
    for option, rank in ranks.items():
        circle = circles[f"{rank}. {NAMES[option]}"]
        assert math.isclose(float(circle.get("cx")), offset + cost[option] * slope, abs_tol=0.06)
        expected_y = y0 + (benefit[option] - b0) * (y1 - y0) / (b1 - b0)
        assert math.isclose(float(circle.get("cy")), expected_y, abs_tol=0.06)
    # frontier by hand: the mission is dearer and less beneficial than the office; the network
    # is beaten on benefit by the office but not undercut on cost (both cost 1)
    on = {name for name, c in circles.items() if c.get("class") == "frontier"}
    assert on == {f"1. {NAMES['regional_office']}", f"2. {NAMES['law_enforcement_network']}"}
    assert "lower is better" in " ".join(t.text for t in texts(svg, "axis-title"))
