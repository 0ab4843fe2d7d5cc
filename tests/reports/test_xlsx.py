"""The workbook report opened as a reader's spreadsheet program would (openpyxl, and the chart XML
inside the file), checked against the starter model's numbers worked out by hand
(`tests.reports.starter_numbers`)."""

from __future__ import annotations

import datetime
import io
import math
import re
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from decisiontool.analysis import Analysis
from decisiontool.documents import DocumentHeader
from decisiontool.palette import SERIES
from decisiontool.reports import render_report
from decisiontool.reports.central import central_weights
from decisiontool.robustness import OptionAcceptability, SensitivityResult, SmaaResult
from tests.reports.starter_numbers import CONTRIBUTIONS, CRITERIA, INTERVALS, NAMES

DATE = datetime.date(2026, 1, 1)


def _book(analysis: Analysis, **kwargs: object) -> openpyxl.Workbook:
    data = render_report(analysis, ".xlsx", date=DATE, **kwargs)  # type: ignore[arg-type]
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_contribution_columns_are_headed_as_contributions_with_plain_names(analysis: Analysis) -> None:
    ranking = _book(analysis)["Ranking"]
    header = [cell.value for cell in ranking[1]]
    assert header[6:10] == [f"Contribution: {name}" for name in CRITERIA]
    for row in ranking.iter_rows(min_row=2, max_row=4, values_only=True):
        option = str(row[1])
        for got, expected in zip(row[6:10], CONTRIBUTIONS[option], strict=True):
            assert isinstance(got, int | float)  # a number, not text
            assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-15)
        assert math.isclose(float(row[4]), sum(CONTRIBUTIONS[option]), rel_tol=1e-12)  # type: ignore[arg-type]
    assert [row[1] for row in _rows(ranking)[1:4]] == [
        "regional_office",
        "law_enforcement_network",
        "large_mission",
    ]


def _charts(data: bytes) -> list[ElementTree.Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        return [ElementTree.fromstring(archive.read(name)) for name in names]


C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _axis_titles(chart: ElementTree.Element) -> list[str]:
    titles = []
    for axis in [*chart.iter(f"{C}catAx"), *chart.iter(f"{C}valAx")]:
        title = axis.find(f"{C}title")
        assert title is not None, "every axis has a title"
        titles.append("".join(t.text or "" for t in title.iter(f"{A}t")))
    return titles


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_every_chart_titles_both_axes(
    analysis: Analysis, method: str, sensitivity_result: SensitivityResult, smaa_result: SmaaResult
) -> None:
    data = render_report(
        analysis.with_method(method), ".xlsx", date=DATE, sensitivity=sensitivity_result, smaa=smaa_result
    )
    charts = _charts(data)
    assert len(charts) == 3  # ranking, weights, tornado
    for chart in charts:
        titles = _axis_titles(chart)
        assert len(titles) == 2 and all(titles)
    assert "Option" in _axis_titles(charts[0])
    assert "Criterion" in _axis_titles(charts[1])


def test_ranking_chart_colours_come_from_the_palette(analysis: Analysis) -> None:
    ranking = _charts(render_report(analysis, ".xlsx", date=DATE))[0]
    colours = []
    for series in ranking.iter(f"{C}ser"):
        fill = series.find(f"{C}spPr/{A}solidFill/{A}srgbClr")
        assert fill is not None
        colours.append("#" + fill.attrib["val"].upper())
    assert colours == [colour.upper() for colour in SERIES[:4]]


def _model_urls(model_dir: Path) -> set[str]:
    """Every http(s) URL among the values of the model's files, read straight from the TOML."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str) and node.startswith(("http://", "https://")):
            found.add(node)

    for path in [*model_dir.glob("criteria/*.toml"), *model_dir.glob("options/*.toml")]:
        walk(tomllib.loads(path.read_text()))
    return found


def test_every_source_is_a_hyperlink_on_the_sources_sheet(analysis: Analysis, model_dir: Path) -> None:
    sheet = _book(analysis)["Sources"]
    assert [cell.value for cell in sheet[1]] == ["Source", "Date", "Link", "Supports"]
    targets = {cell.hyperlink.target for cell in sheet["A"][1:] if cell.hyperlink is not None}
    expected = _model_urls(model_dir)
    assert expected and targets == expected
    # the budget source supports the large mission's resources score
    budget = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "https://example.org/budget")
    assert "Large multidimensional mission: Dedicated resources" in str(budget[3].value)


def _table_after(rows: list[list[object]], title: str) -> list[list[object]]:
    """The rows under the last cell `title` in column A (its header first), up to an empty row."""
    start = max(i for i, row in enumerate(rows) if row[0] == title)
    table = []
    for row in rows[start + 1 :]:
        if all(value is None for value in row):
            break
        table.append(row)
    return table


def test_findings_sheet_has_the_bottom_line_and_the_tables(analysis: Analysis) -> None:
    book = _book(analysis)
    assert book.sheetnames[:3] == ["Summary", "Findings", "Ranking"]
    rows = _rows(book["Findings"])
    labels = {row[0]: row[1] for row in rows[:12] if row[0]}
    for label in (
        "Question",
        "Answer",
        "Verdict",
        "Contenders",
        "What would change it",
        "Agreement",
        "Dominance",
    ):
        assert labels.get(label), label
    assert labels["Verdict"] in ("clear", "likely", "contested")
    assert str(labels["Answer"]).startswith("Regional political office ranks first")
    options = _table_after(rows, "Options")
    assert options[0][:6] == ["Option", "Name", "Rank", "Score", "Score low", "Score high"]
    for row in options[1:]:
        low, high = INTERVALS[str(row[0])]
        assert math.isclose(float(row[4]), low, abs_tol=1e-9)  # type: ignore[arg-type]
        assert math.isclose(float(row[5]), high, abs_tol=1e-9)  # type: ignore[arg-type]
    assert [row[0] for row in options[1:]] == list(CONTRIBUTIONS)
    # the office beats the network on resources, reach and durability and ties on cost; even with
    # the office at its worst (cost 1) and the network at its best (resources 3) it is no worse
    dominance = _table_after(rows, "Dominance")
    assert dominance[1:] == [[NAMES["regional_office"], NAMES["law_enforcement_network"], "yes", *[None] * 7]]
    agreement = _table_after(rows, "Agreement")
    assert [row[0] for row in agreement[1:5]] == [
        "Weighted sum (additive value)",
        "TOPSIS",
        "VIKOR",
        "PROMETHEE II",
    ]


def test_smaa_sheet_central_weights_only_for_options_often_first(
    analysis: Analysis, smaa_result: SmaaResult
) -> None:
    # the fixture: first in 84%, 12% and 4% of 10,000 samples; 4% is below the 5% threshold
    rows = _rows(_book(analysis, smaa=smaa_result)["SMAA"])
    table = _table_after(rows, "Central weights")
    note, header = table[0], table[1]
    assert header[:4] == ["Criterion", "Name", NAMES["regional_office"], NAMES["law_enforcement_network"]]
    assert NAMES["large_mission"] not in header
    assert "Large multidimensional mission" in str(note[1])
    by_criterion = {row[0]: row[2:4] for row in table[2:]}
    assert by_criterion == {
        "resources": [0.3, 0.2],
        "reach": [0.4, 0.3],
        "durability": [0.2, 0.3],
        "cost": [0.1, 0.2],
    }
    assert any(str(row[1]).startswith("Confidence factor: the share of score draws") for row in rows)


def _smaa(
    samples: int, first: tuple[float, ...], weights: dict[str, float], analysis: Analysis
) -> SmaaResult:
    return SmaaResult(
        header=DocumentHeader.of(analysis),
        samples=samples,
        seed=1,
        weight_mode="around",
        spread=0.2,
        score_dist="uniform",
        options=tuple(
            OptionAcceptability(
                option=f"o{i}",
                name=f"O{i}",
                rank_acceptability=(share, 1 - share),
                expected_rank=2 - share,
                central_weights=weights if share > 0 else None,
                confidence=0.5 if share > 0 else None,
            )
            for i, share in enumerate(first)
        ),
        pairwise_winning={},
    )


def test_central_weights_are_rounded_to_what_the_samples_behind_them_support(analysis: Analysis) -> None:
    weights = {"a": 0.123456, "b": 0.876544}
    # 100,000 samples, first in half of them: 50,000 draws behind the mean, one decimal of a percent
    many = central_weights(_smaa(100_000, (0.5, 0.5), weights, analysis), {"a": "A", "b": "B"}, {})
    assert many.digits == 1 and many.percent_format == "0.0%"
    assert many.rows[0].values == (0.123, 0.123) and many.percent(0.123) == "12.3%"
    # the same shares of 2,000 samples: 1,000 draws, whole percentages
    few = central_weights(_smaa(2_000, (0.5, 0.5), weights, analysis), {"a": "A", "b": "B"}, {})
    assert few.digits == 0 and few.rows[1].values == (0.88, 0.88)
    # first in 4.9% of the samples: not shown, named as left out; never first: neither
    rare = central_weights(_smaa(10_000, (0.951, 0.049, 0.0), weights, analysis), {"a": "A"}, {"o1": "Rare"})
    assert rare.options == ("o0",) and rare.omitted == ("Rare",)


def test_ranking_intervals_and_lower_is_better_on_the_scores_sheet(analysis: Analysis) -> None:
    book = _book(analysis)
    ranking = book["Ranking"]
    header = [cell.value for cell in ranking[1]]
    low, high = header.index("Lowest score (uncertain scores in their ranges)"), header.index("Highest score")
    for row in ranking.iter_rows(min_row=2, max_row=4, values_only=True):
        expected = INTERVALS[str(row[1])]
        assert math.isclose(float(row[low]), expected[0], abs_tol=1e-9)  # type: ignore[arg-type]
        assert math.isclose(float(row[high]), expected[1], abs_tol=1e-9)  # type: ignore[arg-type]
    scores = [cell.value for cell in book["Scores"][1]]
    assert scores[3:] == [
        "Dedicated resources",
        "Cross-border reach",
        "Political durability",
        "Annual cost (lower is better)",
    ]


def test_every_printed_page_names_the_model_status_and_author(analysis: Analysis) -> None:
    book = _book(analysis, author="A. & B. Author", status="draft")
    for sheet in book.worksheets:
        footer = sheet.oddFooter
        # a literal & is stored doubled (a single & starts a footer code such as &P)
        assert (
            footer.left.text == "Starter model: replace with your own decision · Draft · by A. && B. Author"
        )
        assert "&P" in (footer.right.text or "")


def test_value_for_money_table_and_chart(tmp_path: Path) -> None:
    from decisiontool.loading import bundled_model_dir, load_model

    analysis = Analysis.create(load_model(bundled_model_dir()))
    data = render_report(analysis, ".xlsx", date=DATE)
    rows = _rows(openpyxl.load_workbook(io.BytesIO(data))["Findings"])
    table = _table_after(rows, "Value for money")
    header, body = table[0], table[1:]
    assert str(header[3]).startswith("Cost: Annual international cost")
    # benefit: the wsm score with the cost criterion's effective weight set to 0 and the others
    # rescaled to sum to 1, i.e. (score - its cost contribution) / (1 - the cost weight)
    w_cost = analysis.weight_map()["cost_burden"]
    without_cost = {
        entry.option: (entry.score - (entry.contributions or {})["cost_burden"]) / (1 - w_cost)
        for entry in analysis.ranking.entries
    }
    raw_cost = {option.id: option.file.scores["cost_burden"].value for option in analysis.model.options}
    assert {row[0] for row in body} == set(without_cost)
    for row in body:
        assert math.isclose(float(row[2]), without_cost[str(row[0])], rel_tol=1e-12)  # type: ignore[arg-type]
    # the frontier by brute force: no other option has a strictly higher benefit at a strictly lower cost
    on_frontier = {row[0] for row in body if row[4] == "yes"}
    brute = {
        a
        for a in without_cost
        if not any(without_cost[b] > without_cost[a] and raw_cost[b] < raw_cost[a] for b in without_cost)
    }
    assert on_frontier == brute
    scatter = [chart for chart in _charts(data) if chart.find(f".//{C}scatterChart") is not None]
    assert len(scatter) == 1
    titles = [
        "".join(t.text or "" for t in axis.find(f"{C}title").iter(f"{A}t"))  # type: ignore[union-attr]
        for axis in scatter[0].iter(f"{C}valAx")
    ]
    assert titles[0].startswith("Cost: Annual international cost") and titles[1].startswith("Benefit")


@pytest.mark.parametrize(
    ("method", "heads"),
    [
        ("promethee2", ["Positive flow", "Negative flow"]),
        ("vikor", ["S (group utility)", "R (individual regret)", "Q (compromise)"]),
        ("topsis", ["Distance to the ideal", "Distance to the anti-ideal"]),
    ],
)
def test_methods_values_are_headed_in_plain_words(analysis: Analysis, method: str, heads: list[str]) -> None:
    header = [cell.value for cell in _book(analysis.with_method(method))["Ranking"][1]]
    assert header[6 : 6 + len(heads)] == heads
    assert not [h for h in header if isinstance(h, str) and "_" in h]


def _error_values(bars: ElementTree.Element, end: str) -> list[float]:
    return [float(v.text or "nan") for v in bars.iter(f"{C}{end}") for v in v.iter(f"{C}v")]


def test_ranking_chart_draws_each_score_interval_as_a_band_at_the_bar_end(analysis: Analysis) -> None:
    # the stacked bar ends at the score (the contributions add up to it): the last segment's
    # custom error bars reach from the score to the interval's ends, by hand (starter_numbers)
    ranking = _charts(render_report(analysis, ".xlsx", date=DATE))[0]
    series = list(ranking.iter(f"{C}ser"))
    assert all(s.find(f"{C}errBars") is None for s in series[:-1])
    bars = series[-1].find(f"{C}errBars")
    assert bars is not None
    assert bars.find(f"{C}errValType").attrib["val"] == "cust"  # type: ignore[union-attr]
    assert bars.find(f"{C}noEndCap").attrib["val"] == "1"  # type: ignore[union-attr]
    order = sorted(CONTRIBUTIONS, key=lambda option: -sum(CONTRIBUTIONS[option]))
    scores = [sum(CONTRIBUTIONS[option]) for option in order]
    expected_plus = [INTERVALS[option][1] - score for option, score in zip(order, scores, strict=True)]
    expected_minus = [score - INTERVALS[option][0] for option, score in zip(order, scores, strict=True)]
    assert _error_values(bars, "plus") == pytest.approx(expected_plus, abs=1e-9)
    assert _error_values(bars, "minus") == pytest.approx(expected_minus, abs=1e-9)


def test_single_series_ranking_chart_has_the_band_too(analysis: Analysis) -> None:
    ranking = _charts(render_report(analysis.with_method("topsis"), ".xlsx", date=DATE))[0]
    (series,) = list(ranking.iter(f"{C}ser"))
    bars = series.find(f"{C}errBars")
    assert bars is not None
    plus, minus = _error_values(bars, "plus"), _error_values(bars, "minus")
    assert len(plus) == len(minus) == 3 and min(plus + minus) >= 0
