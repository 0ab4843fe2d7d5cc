"""The weights chart (each criterion's effective weight) and the sensitivity tornado.

Criteria are named in full (wrapped into the label column), axes have titles and ticks at
round percentages, and the tornado's critical weights are labelled to a tenth of a percent
(8.2%, not 8%): the difference between a weight and its critical weight is often that small.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from decisiontool.palette import SERIES, CriterionStyle
from decisiontool.reports.charts.svg import (
    CHART_WIDTH,
    INK,
    Chart,
    Rect,
    Scale,
    Text,
    nice_ticks,
    wrap,
    x_axis,
)

if TYPE_CHECKING:
    from decisiontool.reports.content import ReportContext, SensitivityRow

LABEL_WIDTH = 300
LINE_HEIGHT = 14
STABLE = SERIES[0]
"""The tornado's stable range: the palette's first series colour."""


def _label(chart: Chart, text: str, y: float) -> float:
    """A right-aligned, wrapped label ending left of the plot; returns the height it takes."""
    lines = wrap(text, LABEL_WIDTH - 14)
    for index, line in enumerate(lines):
        chart.texts.append(Text(LABEL_WIDTH - 8, y + 13 + LINE_HEIGHT * index, line, "end", "label"))
    return LINE_HEIGHT * (len(lines) - 1)


def weights_chart(context: ReportContext, styles: dict[str, CriterionStyle]) -> Chart:
    """Horizontal bars of the effective weights, one per criterion, in model order."""
    chart = Chart(
        "chart-weights",
        "Effective weights",
        "Horizontal bar chart of each criterion's effective weight: "
        + "; ".join(f"{w.name} {w.weight:.1%}" for w in context.weights)
        + ".",
        CHART_WIDTH,
    )
    largest = max((w.weight for w in context.weights), default=0.0)
    ticks = nice_ticks(0.0, max(largest, 0.01), 5)
    scale = Scale(ticks[0], ticks[-1], LABEL_WIDTH, CHART_WIDTH - 60)
    top = 4.0
    y = top
    for w in context.weights:
        extra = _label(chart, context.criterion_label(w.criterion, w.name), y)
        x1 = scale(w.weight)
        chart.rects.append(
            Rect(
                LABEL_WIDTH,
                y + 4 + extra / 2,
                x1 - LABEL_WIDTH,
                14,
                chart.fill(styles[w.criterion]),
                f"{w.name} ({w.group_name}): {w.weight:.1%}",
                css="bar",
            )
        )
        chart.texts.append(Text(x1 + 5, y + 15 + extra / 2, f"{w.weight:.1%}", "start", "value"))
        y += 22 + extra
    chart.height = x_axis(
        chart, scale, ticks, top, y, "Effective weight (share of the decision)", percent=True
    )
    return chart


def tornado_chart(context: ReportContext) -> Chart | None:
    """Per criterion, the weight interval in which the first option stays first (most sensitive on top)."""
    rows = context.sensitivity_rows
    if not rows:
        return None
    top_name = context.sensitivity_top
    chart = Chart(
        "chart-tornado",
        "Sensitivity to each weight",
        f"For each criterion, a bar from the lowest to the highest weight at which {top_name} stays first, "
        "and a dark mark at the current weight; a narrow bar means the ranking is sensitive to that weight. "
        + "; ".join(
            f"{s.name}: {s.down or 0:.1%} to {1 if s.up is None else s.up:.1%}, now {s.weight:.1%}"
            for s in rows
        )
        + ".",
        CHART_WIDTH,
    )
    ticks = nice_ticks(0.0, 1.0, 5)
    scale = Scale(0.0, 1.0, LABEL_WIDTH, CHART_WIDTH - 30)
    top = 4.0
    y = top
    for s in rows:
        extra = _label(chart, context.criterion_label(s.criterion, s.name), y)
        middle = y + extra / 2
        low = s.down if s.down is not None else 0.0
        high = s.up if s.up is not None else 1.0
        x1, x2 = scale(low), scale(high)
        chart.rects.append(
            Rect(
                x1,
                middle + 5,
                max(1.0, x2 - x1),
                14,
                STABLE,
                f"{s.name}: {top_name} stays first for weights from {low:.1%} to {high:.1%} "
                f"(now {s.weight:.1%})",
                css="stable",
            )
        )
        x = scale(s.weight)
        chart.rects.append(
            Rect(x - 2, middle + 2, 4, 20, INK, f"{s.name}: current weight {s.weight:.1%}", css="current")
        )
        _critical_labels(chart, s, scale, middle)
        y += 24 + extra
    below = x_axis(
        chart,
        scale,
        ticks,
        top,
        y,
        "Weight of the criterion (the others keep their proportions)",
        percent=True,
    )
    chart.height = _tornado_legend(chart, top_name, below + 8)
    return chart


def _critical_labels(chart: Chart, s: SensitivityRow, scale: Scale, middle: float) -> None:
    """Each critical weight beside its end of the bar, or inside the bar (after the current-weight
    mark, in white) when there is no room beside it."""
    x = scale(s.weight)
    x1 = scale(s.down if s.down is not None else 0.0)
    x2 = scale(s.up if s.up is not None else 1.0)
    if s.down is not None:
        if x1 - LABEL_WIDTH > 40:
            chart.texts.append(Text(x1 - 4, middle + 16, f"{s.down:.1%}", "end", "critical"))
        else:
            chart.texts.append(Text(x + 6, middle + 16, f"from {s.down:.1%}", "start", "critical inside"))
    if s.up is not None:
        if scale.end - x2 > 40:
            chart.texts.append(Text(x2 + 4, middle + 16, f"{s.up:.1%}", "start", "critical"))
        else:
            chart.texts.append(Text(x2 - 4, middle + 16, f"up to {s.up:.1%}", "end", "critical inside"))


def _tornado_legend(chart: Chart, top_name: str, legend: float) -> float:
    """The key to the stable range and the current-weight mark; returns the chart's height."""
    chart.rects.append(Rect(LABEL_WIDTH, legend, 22, 12, STABLE, "stable range", css="stable"))
    chart.texts.append(
        Text(LABEL_WIDTH + 28, legend + 10, f"weights at which {top_name} stays first", "start", "legend")
    )
    chart.rects.append(Rect(LABEL_WIDTH + 9, legend + 20, 4, 12, INK, "current weight", css="current"))
    chart.texts.append(Text(LABEL_WIDTH + 28, legend + 30, "the current weight", "start", "legend"))
    return legend + 38
