"""The workbook's Sensitivity sheet (critical weights with a tornado chart) and SMAA sheet (rank
acceptability colour-scaled, the central weights a report shows, and what the confidence
factors say).

The central weights come from `decisiontool.reports.central`, the one table every format
shows (options first in at least 5% of the samples, rounded to what the samples support).

Must not import rich, textual or jinja2; xlsxwriter objects arrive as arguments.
"""

from __future__ import annotations

from typing import Any

from decisiontool.reports.content import ReportContext
from decisiontool.reports.xlsx.sheet import Sheet

__all__ = ["sensitivity_sheet", "smaa_sheet"]


def sensitivity_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "Sensitivity", formats)
    columns = [
        ("Criterion", 22),
        ("Name", 30),
        ("Weight now", 11),
        ("Lower critical weight", 12),
        ("First below it", 30),
        ("Upper critical weight", 12),
        ("First above it", 30),
        ("Solved exactly", 9),
        ("Stable from", 10),
        ("Stable width", 10),
    ]
    page.header(columns)
    rows = context.sensitivity_rows
    for index, s in enumerate(rows, start=1):
        page.text(index, 0, s.criterion, "plain")
        page.text(index, 1, s.name)
        page.number(index, 2, s.weight, "percent")
        page.number(index, 3, s.down, "percent")
        page.text(index, 4, context.option_name(s.down_top))
        page.number(index, 5, s.up, "percent")
        page.text(index, 6, context.option_name(s.up_top))
        page.text(index, 7, "yes" if s.exact else "no (sweep)", "plain")
        low = s.down if s.down is not None else 0.0
        high = s.up if s.up is not None else 1.0
        page.number(index, 8, low, "percent")
        page.number(index, 9, high - low, "percent")
    last = len(rows)
    page.table_end(last, len(columns))
    if last:
        _tornado(page, last)


def _tornado(page: Sheet, last: int) -> None:
    """An invisible bar up to the lower critical weight, then the stable interval."""
    name = page.name
    chart = page.bar_chart("stacked")
    chart.add_series(
        {
            "name": "Below",
            "categories": [name, 1, 1, last, 1],
            "values": [name, 1, 8, last, 8],
            "fill": {"none": True},
            "border": {"none": True},
        }
    )
    chart.add_series(
        {
            "name": "Weights at which the first option stays first",
            "categories": [name, 1, 1, last, 1],
            "values": [name, 1, 9, last, 9],
            "fill": {"color": "#9ecae1"},
            "gap": 50,
        }
    )
    page.place_chart(
        chart,
        row=last + 3,
        title="Weight ranges within which the first option does not change",
        axes=("Weight of the criterion (the others scaled to make room)", "Criterion"),
        value_axis={"min": 0, "max": 1, "num_format": "0%"},
        size=(760, max(300, 80 + 26 * last)),
    )


def smaa_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "SMAA", formats)
    ranks = max((len(row.acceptability) for row in context.smaa_rows), default=0)
    columns: list[tuple[str, float]] = [("Option", 22), ("Name", 36)]
    columns += [(f"Rank {rank}", 9) for rank in range(1, ranks + 1)]
    columns += [("Expected rank", 10), ("Confidence", 11)]
    page.header(columns)
    for index, s in enumerate(context.smaa_rows, start=1):
        page.text(index, 0, s.option, "plain")
        page.text(index, 1, s.name)
        for column, share in enumerate(s.acceptability, start=2):
            page.number(index, column, share, "percent")
        page.number(index, 2 + ranks, s.expected_rank, "decimal2")
        page.number(index, 3 + ranks, s.confidence, "percent")
    last = len(context.smaa_rows)
    page.table_end(last, len(columns))
    if last and ranks:
        page.sheet.conditional_format(
            1,
            2,
            last,
            1 + ranks,
            {
                "type": "2_color_scale",
                "min_type": "num",
                "min_value": 0,
                "max_type": "num",
                "max_value": 1,
                "min_color": "#ffffff",
                "max_color": "#5b8db8",
            },
        )
    span = max(1, len(columns) - 1)
    page.merged(last + 2, 1, span, context.smaa_description)
    row = _central_weights(page, last + 4, context)
    if context.central_weights is not None:
        page.merged(row + 1, 1, span, context.central_weights.confidence)
    page.fit_rows()


def _central_weights(page: Sheet, row: int, context: ReportContext) -> int:
    """The central-weights table from `row` on (criteria down, options across); the next free row."""
    table = context.central_weights
    if table is None:
        return row
    page.text(row, 0, "Central weights", "subtitle")
    page.merged(row + 1, 1, max(1, len(table.options) + 1), table.note)
    style = page.add_number_format(table.percent_format)
    page.titles(row + 2, ("Criterion", "Name", *table.names))
    row += 3
    for entry in table.rows:
        page.text(row, 0, entry.criterion, "plain")
        page.text(row, 1, entry.name)
        for column, value in enumerate(entry.values, start=2):
            page.number(row, column, value, style)
        row += 1
    return row
