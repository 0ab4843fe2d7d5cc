"""Value for money on the Findings sheet (when model.toml names `cost_criteria`): each option's
benefit (the method's score without the cost criteria) against its cost (the raw cost scores,
weighted among themselves; higher is costlier), and a scatter chart with the efficient
frontier drawn as a line, read off the report's one `Findings`.

Must not import rich, textual or jinja2; xlsxwriter objects arrive as arguments.
"""

from __future__ import annotations

from decisiontool.reports.content import ReportContext
from decisiontool.reports.xlsx.sheet import GRIDLINES, Sheet

__all__ = ["value_for_money_table"]


def value_for_money_table(page: Sheet, row: int, context: ReportContext) -> int:
    """The table (and its chart beside it) from `row` on; the next free row."""
    findings = context.reader.findings
    money = findings.value_for_money
    if money is None:
        return row
    names = findings.names
    costs = ", ".join(findings.criterion_names.get(c, c) for c in money.cost_criteria)
    page.text(row, 0, "Value for money", "subtitle")
    benefit_head = "Benefit: score without the cost criteria" + (
        "" if money.benefit_higher_is_better else " (lower is better)"
    )
    page.titles(
        row + 1, ("Option", "Name", benefit_head, f"Cost: {costs} (higher is costlier)", "On the frontier")
    )
    first = row + 2
    options = list(money.benefit)
    for offset, option in enumerate(options):
        at = first + offset
        page.text(at, 0, option, "plain")
        page.text(at, 1, names.get(option, option))
        page.number(at, 2, money.benefit[option])
        page.number(at, 3, money.cost.get(option))
        page.text(at, 4, "yes" if option in money.frontier else "no", "plain")
    last = first + len(options) - 1
    # the frontier as a line: its points in order of cost, in columns the chart reads
    sign = 1.0 if money.benefit_higher_is_better else -1.0
    frontier = sorted(
        money.frontier, key=lambda option: (money.cost.get(option, 0.0), sign * money.benefit[option])
    )
    for offset, option in enumerate(frontier):
        page.number(first + offset, 6, money.cost.get(option))
        page.number(first + offset, 7, money.benefit[option])
    page.titles(row + 1, ("Frontier: cost", "Frontier: benefit"), first=6)
    if options:
        _chart(page, (first, last, first + len(frontier) - 1), row, costs)
    return last + 1


def _chart(page: Sheet, rows: tuple[int, int, int], at: int, costs: str) -> None:
    first, last, frontier_last = rows
    name = page.name
    chart = page.workbook.add_chart({"type": "scatter"})
    chart.add_series(
        {
            "name": "Options",
            "categories": [name, first, 3, last, 3],
            "values": [name, first, 2, last, 2],
            "marker": {
                "type": "circle",
                "size": 7,
                "fill": {"color": "#0072B2"},
                "border": {"color": "#0072B2"},
            },
            # each point labelled with the option's name, read from its cell (never a formula built from text)
            "data_labels": {
                "custom": [{"value": f"='{name}'!$B${r + 1}"} for r in range(first, last + 1)],
                "position": "right",
                "font": {"size": 7},
            },
        }
    )
    if frontier_last >= first:
        chart.add_series(
            {
                "name": "Efficient frontier",
                "categories": [name, first, 6, frontier_last, 6],
                "values": [name, first, 7, frontier_last, 7],
                "line": {"color": "#D55E00", "width": 1.5},
                "marker": {"type": "none"},
            }
        )
    chart.set_title({"name": "Benefit against cost"})
    chart.set_x_axis({"name": page.safe(f"Cost: {costs} (higher is costlier)"), "major_gridlines": GRIDLINES})
    chart.set_y_axis({"name": "Benefit (score without the cost criteria)", "major_gridlines": GRIDLINES})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 760, "height": 460})
    page.sheet.insert_chart(at, 10, chart)
