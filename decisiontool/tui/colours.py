"""The colours of the app's bars, from `decisiontool.palette` (the one palette the reports use too).

By criterion (the default), criterion j has the palette's colour for criterion j, hatched
from the ninth criterion on, exactly as in the HTML report and the workbook. By group,
every criterion takes its group's colour and alternate criteria of a group are hatched, so
two segments of one stacked bar never look alike. A hatched cell is drawn with a shade
glyph instead of a full block.

Must not import textual.
"""

from __future__ import annotations

from decisiontool.analysis import Analysis
from decisiontool.palette import CriterionStyle, criterion_styles, group_colours

__all__ = ["FULL", "HATCHED", "bar_styles", "glyph"]

FULL = "█"
HATCHED = "▓"


def glyph(style: CriterionStyle) -> str:
    """The character a bar cell of this style is drawn with."""
    return HATCHED if style.hatched else FULL


def bar_styles(analysis: Analysis, by_group: bool) -> dict[str, CriterionStyle]:
    """Criterion id -> its bar colour and hatch, by criterion (as in the reports) or by group."""
    arrays = analysis.arrays
    if not by_group:
        return criterion_styles(arrays.criterion_ids)
    colours = group_colours(arrays.group_ids)
    seen: dict[str, int] = {}
    styles: dict[str, CriterionStyle] = {}
    for cid in arrays.criterion_ids:
        group = analysis.model.criterion_group[cid]
        position = seen.get(group, 0)
        seen[group] = position + 1
        styles[cid] = CriterionStyle(colours[group], position % 2 == 1)
    return styles
