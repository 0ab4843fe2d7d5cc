"""The workbook's Ranking, Weights and Scores sheets, with native bar charts.

The Ranking sheet heads each wsm contribution column `Contribution: <criterion name>` and
draws the scores as bars stacked by criterion (colours from `decisiontool.palette`, hatched
from the ninth criterion on), or the plain scores for methods without contributions. Every
chart titles both axes.

Must not import rich, textual or jinja2; xlsxwriter objects arrive as arguments.
"""

from __future__ import annotations

from typing import Any

from decisiontool.palette import ACCENT, CriterionStyle, criterion_styles
from decisiontool.reports.content import ReportContext
from decisiontool.reports.xlsx.sheet import Sheet

__all__ = ["CONTRIBUTION_PREFIX", "ranking_sheet", "scored_name", "scores_sheet", "styles", "weights_sheet"]

CONTRIBUTION_PREFIX = "Contribution: "
"""How the Ranking sheet heads a criterion's contribution column (then the criterion's name)."""

_FIRST_DETAIL = 6
"""The Ranking sheet's first column after Rank, Option, Name, Kind, Score and Flags."""


def styles(context: ReportContext) -> dict[str, CriterionStyle]:
    """Each criterion's colour and hatch, from the one palette, in model order."""
    return criterion_styles([w.criterion for w in context.weights])


def _fill(style: CriterionStyle) -> dict[str, Any]:
    if style.hatched:
        hatch = {"pattern": "wide_upward_diagonal", "fg_color": style.colour, "bg_color": "#ffffff"}
        return {"pattern": hatch}
    return {"fill": {"color": style.colour}}


def scored_name(context: ReportContext, criterion: str, name: str) -> str:
    """A criterion's name where its raw scores are shown: `(lower is better)` for a cost criterion."""
    cost = any(k.criterion == criterion and k.direction == "cost" for k in context.criteria)
    return f"{name} (lower is better)" if cost else name


def ranking_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "Ranking", formats)
    columns: list[tuple[str, float]] = [
        ("Rank", 6),
        ("Option", 24),
        ("Name", 40),
        ("Kind", 20),
        ("Score", 10),
        ("Flags", 36),
    ]
    if context.has_contributions:
        columns += [(CONTRIBUTION_PREFIX + w.name, 16) for w in context.weights]
    columns += [(context.reader.extra_label(key), 12) for key in context.extra_keys]
    columns += [("Lowest score (uncertain scores in their ranges)", 14), ("Highest score", 14)]
    page.header(columns)
    for index, row in enumerate(context.rows, start=1):
        page.number(index, 0, row.rank, "integer")
        page.text(index, 1, row.option, "plain")
        page.text(index, 2, row.name)
        page.text(index, 3, row.kind_label, "plain")
        page.number(index, 4, row.score)
        page.text(index, 5, "; ".join(row.flag_labels), "flag")
        column = _FIRST_DETAIL
        for part in row.contributions or ():
            page.number(index, column, part.value)
            column += 1
        for key in context.extra_keys:
            page.number(index, column, row.extra[key])
            column += 1
        for bound in context.reader.interval(row.option):
            page.number(index, column, bound)
            column += 1
    last = len(context.rows)
    page.table_end(last, len(columns))
    if context.rows:
        _ranking_chart(page, context)


INTERVAL_COLOUR = "#9aa0a6"
"""The score intervals' band on the ranking chart (the HTML chart's grey)."""


def _interval_bars(context: ReportContext) -> dict[str, Any]:
    """Custom error bars from each option's score to the ends of its score interval: drawn as
    a wide grey band without end caps at the end of the option's bar (the score)."""
    plus, minus = [], []
    for row in context.rows:
        low, high = context.reader.interval(row.option)
        plus.append(max(0.0, high - row.score))
        minus.append(max(0.0, row.score - low))
    return {
        "x_error_bars": {
            "type": "custom",
            "plus_values": plus,
            "minus_values": minus,
            "end_style": 0,
            "line": {"color": INTERVAL_COLOUR, "width": 5, "transparency": 35},
        }
    }


def _ranking_chart(page: Sheet, context: ReportContext) -> None:
    last = len(context.rows)
    name = page.name
    categories = [name, 1, 2, last, 2]
    legend: dict[str, Any] = {"none": True}
    if context.has_contributions:
        chart = page.bar_chart("stacked")
        for offset, (w, style) in enumerate(zip(context.weights, styles(context).values(), strict=True)):
            column = _FIRST_DETAIL + offset
            chart.add_series(
                {
                    # the legend names the criterion plainly (the column head says "Contribution: ...")
                    "name": page.safe(w.name),
                    "categories": categories,
                    "values": [name, 1, column, last, column],
                    "border": {"color": "#ffffff"},
                    "gap": 60,
                    **_fill(style),
                    # the last segment ends at the score: its error bars draw the interval there
                    **(_interval_bars(context) if offset == len(context.weights) - 1 else {}),
                }
            )
        title, legend = "Scores broken down by criterion", {"position": "bottom"}
        value_title = "Score: the sum of the criteria's contributions (higher is better)"
    else:
        chart = page.bar_chart()
        chart.add_series(
            {
                "name": [name, 0, 4],
                "categories": categories,
                "values": [name, 1, 4, last, 4],
                "fill": {"color": ACCENT},
                "gap": 60,
                **_interval_bars(context),
            }
        )
        title = f"Scores ({context.direction})"
        value_title = f"{context.method_label} score ({context.direction})"
    page.place_chart(
        chart,
        row=last + 3,
        title=title,
        axes=(value_title, "Option"),
        value_axis={"num_format": "0.00"},
        size=(900, max(320, 80 + 42 * last + 18 * len(context.weights) // 3)),
        legend=legend,
    )


def weights_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "Weights", formats)
    columns = [
        ("Criterion", 24),
        ("Name", 36),
        ("Group", 28),
        ("Group weight", 12),
        ("Weight in group", 12),
        ("Effective weight", 12),
    ]
    page.header(columns)
    for index, w in enumerate(context.weights, start=1):
        page.text(index, 0, w.criterion, "plain")
        page.text(index, 1, w.name)
        page.text(index, 2, w.group_name)
        page.number(index, 3, w.group_weight, "value")
        page.number(index, 4, w.relative, "value")
        page.number(index, 5, w.weight, "percent")
    last = len(context.weights)
    page.table_end(last, len(columns))
    if not last:
        return
    chart = page.bar_chart()
    chart.add_series(
        {
            "name": ["Weights", 0, 5],
            "categories": ["Weights", 1, 1, last, 1],
            "values": ["Weights", 1, 5, last, 5],
            "points": [_fill(style) for style in styles(context).values()],
            "gap": 50,
        }
    )
    page.place_chart(
        chart,
        row=last + 3,
        title="Effective weights",
        axes=("Effective weight (all criteria add up to 100%)", "Criterion"),
        value_axis={"num_format": "0%"},
        size=(720, max(300, 80 + 24 * last)),
    )


def scores_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "Scores", formats)
    columns: list[tuple[str, float]] = [("Rank", 6), ("Option", 24), ("Name", 40)]
    columns += [(scored_name(context, w.criterion, w.name), 14) for w in context.weights]
    page.header(columns)
    ranks = {row.option: row.rank for row in context.rows}
    for index, option in enumerate(context.options, start=1):
        page.number(index, 0, ranks[option.option], "integer")
        page.text(index, 1, option.option, "plain")
        page.text(index, 2, option.name)
        for column, score in enumerate(option.scores, start=3):
            page.number(index, column, score.value, "value")
    page.table_end(len(context.options), len(columns))
