"""The HTML report: one self-contained file, readable on screen and printed to A4.

Inline CSS, inline SVG charts and no scripts, fonts, images or links that load anything:
the file can be mailed and opened offline. Rendered from `templates/report.html.j2` with
autoescaping on, so every text from the model is shown as text. The charts are laid out
here (plain numbers in small dataclasses) and drawn by the `svg_chart` macro in
`templates/charts.html.j2`; each has a title and a description for screen readers, a
`<title>` on every bar, and a table beside it with the same numbers.

jinja2 is imported inside `render` only. Must not import rich, textual or xlsxwriter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from decisiontool.reports.content import WIDE_UNCERTAINTY, ReportContext
from decisiontool.reports.palette import ACCENT, criterion_colours, heat_colour

CHART_WIDTH = 820
LABEL_WIDTH = 300
VALUE_WIDTH = 70
CHAR_WIDTH = 6.6
"""Rough width of one character at the charts' 12px font, for shortening labels."""


@dataclass(frozen=True)
class Rect:
    """A bar or a swatch; `title` is what a pointer or a screen reader gets."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str = ""
    stroke: str = ""


@dataclass(frozen=True)
class Text:
    """A label."""

    x: float
    y: float
    text: str
    anchor: str = "start"
    css: str = ""
    title: str = ""


@dataclass(frozen=True)
class Line:
    """A grid line or a marker."""

    x1: float
    y1: float
    x2: float
    y2: float
    css: str = "grid"


@dataclass
class Chart:
    """An SVG chart: its size, its accessible title and description, and what it draws."""

    id: str
    title: str
    description: str
    width: float
    height: float = 0.0
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def shorten(text: str, width: float) -> str:
    """`text` cut with an ellipsis to fit about `width` pixels."""
    limit = max(4, int(width / CHAR_WIDTH))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _axis(
    chart: Chart, top: float, bottom: float, left: float, span: float, ticks: list[tuple[float, str]]
) -> None:
    for fraction, label in ticks:
        x = left + fraction * span
        chart.lines.append(Line(x, top, x, bottom, "grid"))
        chart.texts.append(Text(x, bottom + 13, label, "middle", "tick"))


def weights_chart(context: ReportContext, colours: dict[str, str]) -> Chart:
    """Horizontal bars of the effective weights, one per criterion, in model order."""
    row = 22
    top = 6
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    largest = max((w.weight for w in context.weights), default=0.0) or 1.0
    # an axis that ends at a round percentage just above the largest weight
    end = min(1.0, max(0.05, -(-largest * 20 // 1) / 20))
    chart = Chart(
        "chart-weights",
        "Effective weights",
        "Horizontal bar chart of each criterion's effective weight: "
        + "; ".join(f"{w.name} {w.weight:.1%}" for w in context.weights)
        + ".",
        CHART_WIDTH,
    )
    bottom = top + row * len(context.weights)
    ticks = [(i / 4, f"{end * i / 4 * 100:g}%") for i in range(5)]
    _axis(chart, top - 2, bottom, LABEL_WIDTH, span, ticks)
    for index, w in enumerate(context.weights):
        y = top + index * row
        width = span * w.weight / end
        chart.texts.append(
            Text(LABEL_WIDTH - 8, y + 14, shorten(w.name, LABEL_WIDTH - 10), "end", "label", w.name)
        )
        chart.rects.append(
            Rect(
                LABEL_WIDTH,
                y + 4,
                width,
                row - 8,
                colours[w.criterion],
                f"{w.name} ({w.group_name}): {w.weight:.1%}",
            )
        )
        chart.texts.append(Text(LABEL_WIDTH + width + 5, y + 14, f"{w.weight:.1%}", "start", "value"))
    chart.height = bottom + 20
    return chart


def ranking_chart(context: ReportContext, colours: dict[str, str]) -> Chart:
    """One horizontal bar per option: stacked by criterion contributions (wsm), or its score."""
    row = 30
    top = 6
    span = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
    stacked = context.has_contributions
    description = (
        "Stacked horizontal bars: each option's score split into what each criterion contributes. "
        if stacked
        else f"Horizontal bars of each option's score by {context.method_label}, "
        "from the worst possible score (left) to the best (right). "
    )
    chart = Chart(
        "chart-ranking",
        "Ranking" + (": scores broken down by criterion" if stacked else ""),
        description
        + "; ".join(f"rank {r.rank} {r.name}: {r.score:.3f}" for r in context.rows)
        + ". The same numbers are in the tables below.",
        CHART_WIDTH,
    )
    bottom = top + row * len(context.rows)
    if context.method == "vikor":
        ticks = [(i / 4, f"{1 - i / 4:g}") for i in range(5)]
    elif context.method == "promethee2":
        ticks = [(i / 4, f"{-1 + i / 2:g}") for i in range(5)]
    else:
        ticks = [(i / 4, f"{i / 4:g}") for i in range(5)]
    _axis(chart, top - 2, bottom, LABEL_WIDTH, span, ticks)
    for index, r in enumerate(context.rows):
        y = top + index * row
        label = f"{r.rank}. {r.name}"
        chart.texts.append(
            Text(LABEL_WIDTH - 8, y + 19, shorten(label, LABEL_WIDTH - 10), "end", "label", label)
        )
        if r.contributions is not None:
            x = float(LABEL_WIDTH)
            for part in r.contributions:
                width = max(0.0, part.value) * span
                if width <= 0:
                    continue
                share = part.value / r.score if r.score else 0.0
                chart.rects.append(
                    Rect(
                        x,
                        y + 5,
                        width,
                        row - 10,
                        colours[part.criterion],
                        f"{r.name}: {part.name} contributes {part.value:.4f} ({share:.0%} of {r.score:.4f})",
                        "#ffffff",
                    )
                )
                x += width
            end = x
        else:
            end = LABEL_WIDTH + r.fraction * span
            chart.rects.append(
                Rect(
                    LABEL_WIDTH, y + 5, r.fraction * span, row - 10, ACCENT, f"{r.name}: score {r.score:.4f}"
                )
            )
        note = " ✗ fails minimum" if r.fails_minimum else ""
        chart.texts.append(
            Text(end + 5, y + 19, f"{r.score:.3f}{note}", "start", "value" + (" fail" if note else ""))
        )
    chart.height = bottom + 20
    if stacked:
        _legend(chart, context, colours, bottom + 28)
    return chart


def _legend(chart: Chart, context: ReportContext, colours: dict[str, str], top: float) -> None:
    columns = 2
    column_width = CHART_WIDTH / columns
    for index, w in enumerate(context.weights):
        x = (index % columns) * column_width
        y = top + (index // columns) * 20
        chart.rects.append(Rect(x, y, 12, 12, colours[w.criterion], w.name))
        chart.texts.append(
            Text(x + 17, y + 10, shorten(w.name, column_width - 24), "start", "legend", w.name)
        )
    rows = -(-len(context.weights) // columns)
    chart.height = top + rows * 20 + 4


def tornado_chart(context: ReportContext) -> Chart | None:
    """Per criterion, the weight interval in which the first option stays first (most sensitive on top)."""
    rows = context.sensitivity_rows
    if not rows:
        return None
    row = 24
    top = 6
    span = CHART_WIDTH - LABEL_WIDTH - 30
    top_name = context.sensitivity_top
    chart = Chart(
        "chart-tornado",
        "Sensitivity to each weight",
        f"For each criterion, a bar from the lowest to the highest weight at which {top_name} stays first, "
        "and a dark mark at the current weight; a narrow bar means the ranking is sensitive to that weight. "
        + "; ".join(
            f"{s.name}: {s.down or 0:.0%} to {1 if s.up is None else s.up:.0%}, now {s.weight:.0%}"
            for s in rows
        )
        + ".",
        CHART_WIDTH,
    )
    bottom = top + row * len(rows)
    _axis(chart, top - 2, bottom, LABEL_WIDTH, span, [(i / 4, f"{i / 4:.0%}") for i in range(5)])
    for index, s in enumerate(rows):
        y = top + index * row
        low = s.down if s.down is not None else 0.0
        high = s.up if s.up is not None else 1.0
        x1 = LABEL_WIDTH + low * span
        x2 = LABEL_WIDTH + high * span
        chart.texts.append(
            Text(LABEL_WIDTH - 8, y + 16, shorten(s.name, LABEL_WIDTH - 10), "end", "label", s.name)
        )
        chart.rects.append(
            Rect(
                x1,
                y + 5,
                max(1.0, x2 - x1),
                row - 10,
                "#9ecae1",
                f"{s.name}: {top_name} stays first for weights from {low:.1%} to {high:.1%} "
                f"(now {s.weight:.1%})",
            )
        )
        x = LABEL_WIDTH + s.weight * span
        chart.rects.append(
            Rect(x - 2, y + 2, 4, row - 4, "#1a1a1a", f"{s.name}: current weight {s.weight:.1%}")
        )
        if s.down is not None and x1 - LABEL_WIDTH > 34:
            chart.texts.append(Text(x1 - 3, y + 16, f"{s.down:.0%}", "end", "tick"))
        if s.up is not None and LABEL_WIDTH + span - x2 > 34:
            chart.texts.append(Text(x2 + 3, y + 16, f"{s.up:.0%}", "start", "tick"))
    legend = bottom + 30
    chart.rects.append(Rect(LABEL_WIDTH, legend, 22, 12, "#9ecae1", "stable range"))
    chart.texts.append(
        Text(LABEL_WIDTH + 28, legend + 10, f"weights at which {top_name} stays first", "start", "legend")
    )
    chart.rects.append(Rect(LABEL_WIDTH, legend + 20, 4, 12, "#1a1a1a", "current weight"))
    chart.texts.append(Text(LABEL_WIDTH + 28, legend + 30, "the current weight", "start", "legend"))
    chart.height = legend + 38
    return chart


def render(context: ReportContext) -> bytes:
    """The report as one UTF-8 HTML file."""
    from decisiontool.reports.templating import html_environment

    colours = criterion_colours([(w.criterion, w.group) for w in context.weights])
    smaa_ranks = max((len(row.acceptability) for row in context.smaa_rows), default=0)
    template = html_environment().get_template("report.html.j2")
    text = template.render(
        c=context,
        colours=colours,
        weights_chart=weights_chart(context, colours),
        ranking_chart=ranking_chart(context, colours),
        tornado_chart=tornado_chart(context),
        heat=heat_colour,
        smaa_ranks=smaa_ranks,
        wide_threshold=WIDE_UNCERTAINTY,
    )
    return text.encode("utf-8")
