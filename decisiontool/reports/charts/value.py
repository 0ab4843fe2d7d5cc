"""The benefit-against-cost chart, when the model names `cost_criteria` (the findings' value for money).

Each option is a point: cost along the x axis (its weighted score on the cost criteria, higher
is costlier, so lower is better), benefit up the y axis (the method's score without the cost
criteria; for VIKOR the axis is turned so that better is still up). The efficient frontier,
the options no other option beats on both, is joined by a line, cheapest first, and its points
are filled. Points carry the option's rank; the table beside the chart names them in full.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from decisiontool.palette import SERIES
from decisiontool.reports.charts.svg import (
    CHART_WIDTH,
    MUTED,
    Chart,
    Circle,
    Polyline,
    Scale,
    Text,
    nice_ticks,
    x_axis,
    y_axis,
)

if TYPE_CHECKING:
    from decisiontool.findings import ValueForMoney
    from decisiontool.reports.content import ReportContext

LEFT = 72
TOP = 24
PLOT_HEIGHT = 340
FRONTIER = SERIES[1]
"""The frontier's colour: the palette's second series colour."""


def cost_axis_title(context: ReportContext, money: ValueForMoney) -> str:
    """`Cost: <criteria> (...; lower is better)`."""
    names = [context.criterion_names.get(c, c) for c in money.cost_criteria]
    what = names[0] if len(names) == 1 else "weighted score on " + ", ".join(names)
    return f"Cost: {what} (higher is costlier; lower is better)"


def value_chart(context: ReportContext) -> Chart | None:
    """Benefit against cost with the efficient frontier; None when the model names no cost criteria."""
    money = context.reader.findings.value_for_money
    if money is None or not context.rows:
        return None
    ranks = {r.option: r.rank for r in context.rows}
    names = {r.option: r.name for r in context.rows}
    up = "higher" if money.benefit_higher_is_better else "lower"
    chart = Chart(
        "chart-value",
        "Value for money: benefit against cost",
        _description(money, ranks, names),
        CHART_WIDTH,
    )
    costs = [money.cost[o] for o in ranks]
    benefits = [money.benefit[o] for o in ranks]
    x_ticks = nice_ticks(min(costs), max(costs), 6)
    y_ticks = nice_ticks(min(benefits), max(benefits), 5)
    x = Scale(x_ticks[0], x_ticks[-1], LEFT, CHART_WIDTH - 24)
    bottom = TOP + PLOT_HEIGHT
    # better is up: higher benefit up, or for VIKOR (lower is better) lower benefit up
    first, last = (y_ticks[0], y_ticks[-1]) if money.benefit_higher_is_better else (y_ticks[-1], y_ticks[0])
    y = Scale(first, last, bottom, TOP)
    y_axis(chart, y, y_ticks, LEFT, x.end, f"Benefit ({up} is better)")
    below = x_axis(chart, x, x_ticks, TOP, bottom, cost_axis_title(context, money))
    chart.polylines.append(
        Polyline(
            tuple((x(money.cost[o]), y(money.benefit[o])) for o in envelope(money)), FRONTIER, "frontier"
        )
    )
    labels = _label_positions({o: (x(money.cost[o]), y(money.benefit[o])) for o in ranks})
    for option in ranks:
        cx, cy = x(money.cost[option]), y(money.benefit[option])
        on = option in money.frontier
        chart.circles.append(
            Circle(
                cx,
                cy,
                5.5,
                FRONTIER if on else "#ffffff",
                FRONTIER if on else MUTED,
                f"{ranks[option]}. {names[option]}: benefit {money.benefit[option]:.3f}, "
                f"cost {money.cost[option]:.2f}" + (" (on the frontier)" if on else ""),
                "frontier" if on else "point",
            )
        )
        lx, ly, anchor = labels[option]
        chart.texts.append(Text(lx, ly, str(ranks[option]), anchor, "point-label"))
    chart.texts.append(
        Text(
            x.end,
            TOP - 8,
            "better: up and to the left · filled points and line: the efficient frontier",
            "end",
            "legend",
        )
    )
    chart.height = below + 4
    return chart


def _description(money: ValueForMoney, ranks: dict[str, int], names: dict[str, str]) -> str:
    """The chart's description for screen readers: every point in words."""
    up = "higher" if money.benefit_higher_is_better else "lower"
    return (
        f"Scatter chart of each option's benefit (its score without the cost criteria, {up} is better) "
        "against its cost (lower is better), with the efficient frontier joined by a line: "
        + "; ".join(
            f"rank {ranks[o]} {names[o]}: benefit {money.benefit[o]:.3f}, cost {money.cost[o]:.2f}"
            + (", on the frontier" if o in money.frontier else "")
            for o in ranks
        )
        + "."
    )


def envelope(money: ValueForMoney) -> list[str]:
    """The frontier's line: cheapest first, at each cost only the most beneficial frontier option.

    (Several options can share a cost on a banded scale; all of them are on the frontier as the
    findings define it, but the line joins only the best at each cost.)
    """
    sign = 1.0 if money.benefit_higher_is_better else -1.0
    best: dict[float, str] = {}
    for option in money.frontier:
        cost = money.cost[option]
        if cost not in best or sign * money.benefit[option] > sign * money.benefit[best[cost]]:
            best[cost] = option
    return [best[cost] for cost in sorted(best)]


def _label_positions(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float, str]]:
    """Where each point's label goes: beside it, alternating right and left among points at one x,
    and pushed down on each side so that two labels never sit closer than a line."""
    placed: dict[str, tuple[float, float, str]] = {}
    by_x: dict[float, list[str]] = {}
    for option, (px, _) in points.items():
        by_x.setdefault(round(px, 1), []).append(option)
    for group in by_x.values():
        last = {"start": -1e9, "end": -1e9}
        for index, option in enumerate(sorted(group, key=lambda o: points[o][1])):
            px, py = points[option]
            anchor = "start" if index % 2 == 0 else "end"
            label_y = max(py + 4, last[anchor] + 12)
            last[anchor] = label_y
            placed[option] = (px + 9 if anchor == "start" else px - 9, label_y, anchor)
    return placed
