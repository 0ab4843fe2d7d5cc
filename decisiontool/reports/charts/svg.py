"""The pieces every chart is drawn from: shapes as plain numbers, round ticks, axes, fills.

A `Chart` is laid out in Python (here and in the chart modules beside this one) and drawn by
the `svg_chart` macro in `templates/charts.html.j2`. Colours come from `decisiontool.palette`
only; a hatched criterion (the ninth on) is drawn with an SVG pattern of its colour and white
stripes, defined once per chart.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from decisiontool.palette import CriterionStyle

CHART_WIDTH = 820
CHAR_WIDTH = 6.6
"""Rough width of one character at the charts' 12px font, for wrapping labels."""
INK = "#1a1a1a"
MUTED = "#56606b"


@dataclass(frozen=True)
class Rect:
    """A bar, a band or a swatch; `title` is what a pointer or a screen reader gets."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str = ""
    stroke: str = ""
    css: str = ""


@dataclass(frozen=True)
class Text:
    """A label."""

    x: float
    y: float
    text: str
    anchor: str = "start"
    css: str = ""
    title: str = ""
    rotate: bool = False
    """Turned a quarter left (a y-axis title); x and y are then in the turned frame."""
    colour: str = ""
    """A fill other than the class's (a number on a coloured segment)."""
    halo: str = ""
    """A stroke drawn under the text, so it stays readable on a hatch."""


@dataclass(frozen=True)
class Line:
    """A grid line, an axis, a tick or a marker (the class sets its stroke)."""

    x1: float
    y1: float
    x2: float
    y2: float
    css: str = "grid"


@dataclass(frozen=True)
class Circle:
    """A point of a scatter chart."""

    cx: float
    cy: float
    r: float
    fill: str
    stroke: str
    title: str = ""
    css: str = ""


@dataclass(frozen=True)
class Polyline:
    """A line through points (a frontier)."""

    points: tuple[tuple[float, float], ...]
    stroke: str
    css: str = ""

    @property
    def points_text(self) -> str:
        """The `points` attribute."""
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)


@dataclass(frozen=True)
class Pattern:
    """A hatch: the colour with white diagonal stripes."""

    id: str
    colour: str


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
    circles: list[Circle] = field(default_factory=list)
    polylines: list[Polyline] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)

    def fill(self, style: CriterionStyle) -> str:
        """The fill for a criterion: its colour, or a pattern of it when hatched."""
        if not style.hatched:
            return style.colour
        pattern_id = f"{self.id}-hatch-{style.colour.lstrip('#').lower()}"
        if all(p.id != pattern_id for p in self.patterns):
            self.patterns.append(Pattern(pattern_id, style.colour))
        return f"url(#{pattern_id})"


def wrap(text: str, width: float) -> list[str]:
    """`text` broken at spaces into lines of about `width` pixels (a long word stays whole)."""
    limit = max(8, int(width / CHAR_WIDTH))
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > limit:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def nice_step(span: float, count: int = 5) -> float:
    """A round tick step (1, 2 or 5 times a power of ten) giving about `count` intervals."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power * (1 + 1e-9):
            return factor * power
    return 10 * power


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values from a multiple of the step at or below `low` to one at or above `high`."""
    if high <= low:
        high = low + 1.0
    step = nice_step(high - low, count)
    start = math.floor(low / step + 1e-9)
    end = math.ceil(high / step - 1e-9)
    return [_clean(i * step) for i in range(start, end + 1)]


def _clean(value: float) -> float:
    """A tick value without binary noise (0.30000000000000004 -> 0.3)."""
    return float(f"{value:.10g}") + 0.0


def tick_label(value: float, step: float, *, percent: bool = False) -> str:
    """A tick's label with just the decimals its step needs."""
    scaled_step = step * 100 if percent else step
    decimals = max(0, -math.floor(math.log10(scaled_step) + 1e-9)) if scaled_step < 1 else 0
    number = value * 100 if percent else value
    text = f"{number:.{decimals}f}"
    if text.startswith("-") and float(text) == 0:
        text = text[1:]
    return text.replace("-", "−") + ("%" if percent else "")


@dataclass(frozen=True)
class Scale:
    """A linear map from data values to x (or y) pixels: `first` maps to `start`, `last` to `end`."""

    first: float
    last: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        return self.start + (value - self.first) / (self.last - self.first) * (self.end - self.start)


def x_axis(
    chart: Chart,
    scale: Scale,
    ticks: list[float],
    top: float,
    bottom: float,
    title: str,
    *,
    percent: bool = False,
) -> float:
    """Grid lines, tick marks and labels at `ticks`, an axis line and the axis title under it.

    Returns the y below the title.
    """
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    for value in ticks:
        x = scale(value)
        chart.lines.append(Line(x, top, x, bottom, "grid"))
        chart.lines.append(Line(x, bottom, x, bottom + 4, "tick"))
        chart.texts.append(Text(x, bottom + 15, tick_label(value, step, percent=percent), "middle", "tick"))
    chart.lines.append(Line(min(scale.start, scale.end), bottom, max(scale.start, scale.end), bottom, "axis"))
    middle = (scale.start + scale.end) / 2
    chart.texts.append(Text(middle, bottom + 31, title, "middle", "axis-title"))
    return bottom + 38


def y_axis(chart: Chart, scale: Scale, ticks: list[float], left: float, right: float, title: str) -> None:
    """Grid lines, tick marks and labels at `ticks` on the left, and the axis title turned up."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    for value in ticks:
        y = scale(value)
        chart.lines.append(Line(left, y, right, y, "grid"))
        chart.lines.append(Line(left - 4, y, left, y, "tick"))
        chart.texts.append(Text(left - 7, y + 4, tick_label(value, step), "end", "tick"))
    chart.lines.append(Line(left, min(scale.start, scale.end), left, max(scale.start, scale.end), "axis"))
    middle = (scale.start + scale.end) / 2
    # turned a quarter left, the frame's (x, y) is the page's (y, -x)
    chart.texts.append(Text(-middle, 14, title, "middle", "axis-title", rotate=True))
