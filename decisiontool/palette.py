"""The one palette of decisiontool: the colours of criteria, groups and series in the reports'
charts, the workbook's charts and the Textual app, so one criterion looks the same everywhere.

`SERIES` holds eight colours chosen for readers with colour vision deficiency and for both
a white page and a terminal: each has a contrast of at least 3:1 (WCAG 2.1, non-text
contrast) against white, against the dark backgrounds of Textual's dark theme (#121212,
#1E1E1E) and against the light grey of its light theme (#E0E0E0, #D8D8D8); any two stay at
least `MIN_DEUTERANOPIA_DISTANCE` apart (CIELAB delta E 1976) after simulating deuteranopia
(Machado, Oliveira and Fernandes 2009, severity 1), the most common form, and at least
`MIN_DISTANCE` apart for normal colour vision. They start from the Okabe-Ito and Tol
colours, moved to the nearest colours that meet all of this (the darkest of them, indigo
and dark grey, were all but invisible on a dark terminal). Criteria take the series in
model order; from the ninth criterion on the colours repeat with a hatch
(`CriterionStyle.hatched`), so two segments of one stacked bar never look alike. Colour is
never the only carrier of meaning: every chart also has labels and a table of the numbers.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "ACCENT",
    "BACKGROUNDS",
    "MIN_DEUTERANOPIA_DISTANCE",
    "MIN_DISTANCE",
    "SERIES",
    "CriterionStyle",
    "contrast_ratio",
    "criterion_colours",
    "criterion_styles",
    "delta_e",
    "deuteranopia",
    "group_colours",
    "heat_colour",
]

SERIES: tuple[str, ...] = (
    "#0077BB",  # blue
    "#CC5500",  # vermillion
    "#008866",  # bluish green
    "#6655DD",  # violet
    "#996622",  # ochre
    "#118888",  # teal
    "#AA55AA",  # purple
    "#337733",  # green
)
"""Eight series colours, each >= 3:1 against white and the app's dark and light backgrounds, pairwise
distinct under deuteranopia."""

BACKGROUNDS: tuple[str, ...] = ("#FFFFFF", "#121212", "#1E1E1E", "#E0E0E0", "#D8D8D8")
"""What the series are drawn on: the reports' white page, Textual's dark theme (background, surface)
and its light theme (background, surface)."""

MIN_DEUTERANOPIA_DISTANCE = 15.0
"""The least CIELAB distance between two `SERIES` colours as a deuteranope sees them."""
MIN_DISTANCE = 20.0
"""The least CIELAB distance between two `SERIES` colours for normal colour vision."""

ACCENT = "#1f4e79"
"""The colour of single-series bars (scores of methods without contributions, weights)."""


@dataclass(frozen=True)
class CriterionStyle:
    """How one criterion is drawn: a series colour, hatched from the ninth criterion on."""

    colour: str
    hatched: bool


def criterion_styles(criterion_ids: Sequence[str]) -> dict[str, CriterionStyle]:
    """Criterion id -> its colour and hatch, given the criteria in model order."""
    count = len(SERIES)
    return {
        cid: CriterionStyle(SERIES[index % count], (index // count) % 2 == 1)
        for index, cid in enumerate(criterion_ids)
    }


def criterion_colours(criterion_ids: Sequence[str]) -> dict[str, str]:
    """Criterion id -> `#rrggbb`, given the criteria in model order."""
    return {cid: style.colour for cid, style in criterion_styles(criterion_ids).items()}


def group_colours(group_ids: Sequence[str]) -> dict[str, str]:
    """Group id -> `#rrggbb`, given the groups in model order."""
    return {gid: SERIES[index % len(SERIES)] for index, gid in enumerate(group_ids)}


def heat_colour(share: float) -> tuple[str, str]:
    """Background and text colour for a share in [0, 1] (white to deep blue, dark text on light)."""
    share = min(1.0, max(0.0, share))
    start = (255, 255, 255)
    end = (8, 69, 148)
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
    background = f"#{red:02x}{green:02x}{blue:02x}"
    # the text colour with the better contrast
    on_white = contrast_ratio(background, "#ffffff")
    text = "#ffffff" if on_white >= contrast_ratio(background, "#1a1a1a") else "#1a1a1a"
    return background, text


# ---------------------------------------------------------------------------------------
# colour science (WCAG relative luminance, Machado 2009 deuteranopia, CIELAB)


def _rgb(colour: str) -> tuple[int, int, int]:
    text = colour.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def _linear(value: float) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(linear: tuple[float, float, float]) -> float:
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(a: str, b: str) -> float:
    """The WCAG 2.1 contrast ratio of two `#rrggbb` colours (1 to 21)."""
    la = _luminance(tuple(_linear(v) for v in _rgb(a)))  # type: ignore[arg-type]
    lb = _luminance(tuple(_linear(v) for v in _rgb(b)))  # type: ignore[arg-type]
    high, low = max(la, lb), min(la, lb)
    return (high + 0.05) / (low + 0.05)


_DEUTERANOPIA = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
"""Machado et al. (2009), deuteranomaly at severity 1.0, on linear RGB."""


def deuteranopia(colour: str) -> tuple[float, float, float]:
    """The linear RGB (each in [0, 1]) a deuteranope perceives for `#rrggbb`."""
    linear = [_linear(v) for v in _rgb(colour)]
    red, green, blue = (
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, linear, strict=True)))) for row in _DEUTERANOPIA
    )
    return red, green, blue


def _lab(linear: tuple[float, float, float]) -> tuple[float, float, float]:
    red, green, blue = linear
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str, *, simulate_deuteranopia: bool = False) -> float:
    """CIELAB delta E (1976) between two `#rrggbb` colours, optionally as a deuteranope sees them."""
    if simulate_deuteranopia:
        return math.dist(_lab(deuteranopia(a)), _lab(deuteranopia(b)))
    linear_a = tuple(_linear(v) for v in _rgb(a))
    linear_b = tuple(_linear(v) for v in _rgb(b))
    return math.dist(_lab(linear_a), _lab(linear_b))  # type: ignore[arg-type]
