"""The ranking chart: one bar per option with its score interval drawn as a band under it.

For wsm the bar is stacked by criterion contributions (colours and hatches from
`decisiontool.palette`); the heaviest criteria's segments carry their number from the legend,
so they can be told apart without colour. Other methods draw one bar from the method's
baseline: 0 for TOPSIS, a visible zero line for PROMETHEE II's net flows (negative flows run
left of it), and for VIKOR's Q (lower is better) from the axis's worst end on the left. Ticks
sit at round numbers; every option is named in full above its bar.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from decisiontool.palette import ACCENT, CriterionStyle, contrast_ratio
from decisiontool.reports.charts.svg import (
    CHART_WIDTH,
    INK,
    MUTED,
    Chart,
    Line,
    Rect,
    Scale,
    Text,
    nice_ticks,
    wrap,
    x_axis,
)

if TYPE_CHECKING:
    from decisiontool.reports.content import RankRow, ReportContext

LEFT = 10
RIGHT = 110
"""Room right of the axis for the score labels."""
NAME_HEIGHT = 15
BAR_HEIGHT = 14
BAND_HEIGHT = 5
ROW_GAP = 9
HEAVY_COUNT = 3
"""How many of the heaviest criteria get their number printed on their segments."""
MIN_LABEL_WIDTH = 15.0
"""A segment narrower than this (pixels) carries no number."""

AXIS_TITLES = {
    "wsm": "Score (weighted sum of values; 0 = worst possible, 1 = best)",
    "topsis": "Closeness to the ideal (0 = the anti-ideal, 1 = the ideal; higher is better)",
    "vikor": "Q, compromise index (lower is better: the axis runs from worse on the left to 0 on the right)",
    "promethee2": "Net flow (positive flow − negative flow; higher is better, 0 marked)",
}


def axis_range(method: str, values: list[float]) -> tuple[list[float], float]:
    """Round ticks covering every score and interval end, and the value bars start from.

    Scores of wsm and TOPSIS start at 0, PROMETHEE II's net flows at 0 (the axis then covers
    0 on both sides as needed), VIKOR's Q at the axis's worse (higher) end.
    """
    low = min([0.0, *values])
    high = max([0.0, *values])
    if method == "vikor":
        ticks = nice_ticks(0.0, high)
        return ticks, ticks[-1]
    ticks = nice_ticks(low if method == "promethee2" else 0.0, high)
    return ticks, 0.0


def heavy_criteria(context: ReportContext) -> dict[str, int]:
    """The criteria carrying most weight (the top `HEAVY_COUNT`, ties included) -> legend number."""
    positive = sorted((w.weight for w in context.weights if w.weight > 0), reverse=True)
    if not positive:
        return {}
    threshold = positive[min(HEAVY_COUNT, len(positive)) - 1]
    return {
        w.criterion: number
        for number, w in enumerate(context.weights, start=1)
        if w.weight > 0 and w.weight >= threshold
    }


def _segment_label_colour(colour: str) -> str:
    return "#ffffff" if contrast_ratio(colour, "#ffffff") >= contrast_ratio(colour, INK) else INK


def ranking_chart(context: ReportContext, styles: dict[str, CriterionStyle]) -> Chart:
    """One horizontal bar per option (stacked by criterion for wsm) and its score interval as a band."""
    exact = context.reader.findings.intervals_exact
    intervals = {r.option: context.reader.interval(r.option) for r in context.rows}
    stacked = context.has_contributions
    chart = Chart(
        "chart-ranking",
        "Ranking" + (": scores broken down by criterion" if stacked else "") + ", with score intervals",
        (
            "Stacked horizontal bars: each option's score split into what each criterion contributes. "
            if stacked
            else f"Horizontal bars of each option's score by {context.method_label} ({context.direction}). "
        )
        + "Under each bar a band shows the option's score interval "
        + ("(exact). " if exact else "(5th to 95th percentile). ")
        + "; ".join(
            f"rank {r.rank} {r.name}: {r.score:.3f} ({low:.3f} to {high:.3f})"
            for r in context.rows
            for low, high in [intervals[r.option]]
        )
        + ". The same numbers are in the tables below.",
        CHART_WIDTH,
    )
    values = [r.score for r in context.rows] + [v for pair in intervals.values() for v in pair]
    ticks, baseline = axis_range(context.method, values)
    first, last = (ticks[-1], ticks[0]) if context.method == "vikor" else (ticks[0], ticks[-1])
    scale = Scale(first, last, LEFT, CHART_WIDTH - RIGHT)
    heavy = heavy_criteria(context) if stacked else {}
    top = 4.0
    y = top
    for r in context.rows:
        y = _option_row(chart, context, r, y, scale, baseline, intervals[r.option], styles, heavy, exact)
    bottom = y
    if context.method == "promethee2":
        chart.lines.append(Line(scale(0.0), top, scale(0.0), bottom, "zero"))
    below = x_axis(chart, scale, ticks, top, bottom, AXIS_TITLES.get(context.method, "Score"))
    chart.height = _legend(chart, context, styles, heavy, below + 12, exact)
    return chart


def _option_row(
    chart: Chart,
    context: ReportContext,
    r: RankRow,
    y: float,
    scale: Scale,
    baseline: float,
    interval: tuple[float, float],
    styles: dict[str, CriterionStyle],
    heavy: dict[str, int],
    exact: bool,
) -> float:
    """Draw one option (name, bar, band, score) from `y`; return the y of the next row."""
    for line in wrap(f"{r.rank}. {r.name}", CHART_WIDTH - LEFT - 4):
        chart.texts.append(Text(LEFT, y + 11, line, "start", "label"))
        y += NAME_HEIGHT
    bar_top = y + 1
    if r.contributions is not None:
        end = _segments(chart, r, bar_top, scale, styles, heavy)
    else:
        x0, x1 = sorted((scale(baseline), scale(r.score)))
        chart.rects.append(
            Rect(x0, bar_top, x1 - x0, BAR_HEIGHT, ACCENT, f"{r.name}: score {r.score:.4f}", css="bar")
        )
        end = max(x0, x1)
    low, high = interval
    x_low, x_high = sorted((scale(low), scale(high)))
    band_top = bar_top + BAR_HEIGHT + 2
    kind = "exact" if exact else "5th–95th percentile"
    chart.rects.append(
        Rect(
            x_low,
            band_top,
            max(1.0, x_high - x_low),
            BAND_HEIGHT,
            MUTED,
            f"{r.name}: score interval {low:.3f} to {high:.3f} ({kind})",
            css="band",
        )
    )
    chart.lines.append(
        Line(scale(r.score), band_top - 1, scale(r.score), band_top + BAND_HEIGHT + 1, "point")
    )
    note = " ✗ fails minimum" if r.fails_minimum else ""
    label_x = max(end, x_high, scale(baseline)) + 6
    chart.texts.append(
        Text(label_x, bar_top + 11, f"{r.score:.3f}{note}", "start", "value" + (" fail" if note else ""))
    )
    return band_top + BAND_HEIGHT + ROW_GAP


def _segments(
    chart: Chart,
    r: RankRow,
    bar_top: float,
    scale: Scale,
    styles: dict[str, CriterionStyle],
    heavy: dict[str, int],
) -> float:
    """The stacked criterion segments of one wsm bar; returns where the bar ends."""
    total = 0.0
    for part in r.contributions or ():
        if part.value <= 0:
            continue
        x0, x1 = scale(total), scale(total + part.value)
        total += part.value
        style = styles[part.criterion]
        share = part.value / r.score if r.score else 0.0
        chart.rects.append(
            Rect(
                x0,
                bar_top,
                x1 - x0,
                BAR_HEIGHT,
                chart.fill(style),
                f"{r.name}: {part.name} contributes {part.value:.4f} ({share:.0%} of {r.score:.4f})",
                "#ffffff",
                css="segment",
            )
        )
        number = heavy.get(part.criterion)
        if number is not None and x1 - x0 >= MIN_LABEL_WIDTH:
            chart.texts.append(
                Text(
                    (x0 + x1) / 2,
                    bar_top + 11,
                    str(number),
                    "middle",
                    "seg",
                    halo=style.colour,
                    colour=_segment_label_colour(style.colour),
                )
            )
    return scale(total)


def _legend(
    chart: Chart,
    context: ReportContext,
    styles: dict[str, CriterionStyle],
    heavy: dict[str, int],
    top: float,
    exact: bool,
) -> float:
    """The band's key and, for stacked bars, each criterion's swatch and number; returns the height."""
    y = top
    band = (
        "exact: every uncertain score at its worst and at its best end"
        if exact
        else ("5th to 95th percentile of the score as the uncertain scores vary, weights fixed")
    )
    chart.rects.append(Rect(LEFT, y + 4, 22, BAND_HEIGHT, MUTED, "score interval", css="band"))
    chart.texts.append(Text(LEFT + 28, y + 10, f"Score interval ({band})", "start", "legend"))
    y += 20
    if not context.has_contributions:
        return y
    if heavy:
        chart.texts.append(
            Text(LEFT, y + 10, "Numbered segments: the criteria that carry most weight.", "start", "legend")
        )
        y += 20
    column_width = (CHART_WIDTH - LEFT) / 2
    rows = [context.weights[i : i + 2] for i in range(0, len(context.weights), 2)]
    number = 0
    for pair in rows:
        height = 0
        for column, w in enumerate(pair):
            number += 1
            x = LEFT + column * column_width
            chart.rects.append(Rect(x, y, 12, 12, chart.fill(styles[w.criterion]), w.name, css="swatch"))
            lines = wrap(f"{number} {context.criterion_label(w.criterion, w.name)}", column_width - 30)
            for index, line in enumerate(lines):
                chart.texts.append(Text(x + 17, y + 10 + 14 * index, line, "start", "legend"))
            height = max(height, len(lines))
        y += 14 * height + 6
    return y + 4
