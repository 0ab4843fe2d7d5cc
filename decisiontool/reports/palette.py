"""Colours shared by the HTML charts and the workbook's charts, so both read the same way.

Each criteria group gets a hue and each criterion in it a shade of that hue, from dark to
light: in a stacked bar, criteria of one group sit side by side in one colour family.
Colour is never the only carrier of meaning: every chart also has labels, titles and a
table with the same numbers.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import colorsys
from collections.abc import Sequence

GROUP_HUES = (212, 28, 145, 275, 350, 48, 185, 320)
"""Hues (degrees) for groups in model order; chosen to stay apart for common colour blindness."""

ACCENT = "#1f4e79"
"""The colour of single-series bars (scores of methods without contributions, weights)."""


def _hex(hue: float, lightness: float, saturation: float) -> str:
    red, green, blue = colorsys.hls_to_rgb(hue / 360.0, lightness, saturation)
    return f"#{round(red * 255):02x}{round(green * 255):02x}{round(blue * 255):02x}"


def criterion_colours(groups: Sequence[tuple[str, str]]) -> dict[str, str]:
    """Criterion id -> `#rrggbb`, given (criterion id, group id) pairs in model order."""
    group_order: list[str] = []
    members: dict[str, list[str]] = {}
    for criterion, group in groups:
        if group not in members:
            group_order.append(group)
            members[group] = []
        members[group].append(criterion)
    colours = {}
    for index, group in enumerate(group_order):
        hue = GROUP_HUES[index % len(GROUP_HUES)]
        # beyond the listed hues, shift around the wheel so that groups still differ
        hue = (hue + 17 * (index // len(GROUP_HUES))) % 360
        criteria = members[group]
        count = len(criteria)
        for position, criterion in enumerate(criteria):
            lightness = 0.32 + (0.42 * position / (count - 1) if count > 1 else 0.12)
            colours[criterion] = _hex(hue, lightness, 0.62)
    return colours


def heat_colour(share: float) -> tuple[str, str]:
    """Background and text colour for a share in [0, 1] (white to deep blue, dark text on light)."""
    share = min(1.0, max(0.0, share))
    start = (255, 255, 255)
    end = (8, 69, 148)
    red, green, blue = (round(a + (b - a) * share) for a, b in zip(start, end, strict=True))
    # the text colour with the better contrast (WCAG relative luminance)
    text = "#ffffff" if _luminance((red, green, blue)) < 0.18 else "#1a1a1a"
    return f"#{red:02x}{green:02x}{blue:02x}", text


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
