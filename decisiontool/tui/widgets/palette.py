"""Colours for criteria and groups, shared by the ranking bars, the legend and the charts."""

from __future__ import annotations

from rich.color import Color

PALETTE: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#59a14f",
    "#e15759",
    "#b07aa1",
    "#edc948",
    "#76b7b2",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
)
"""Tableau 10: distinct hues that stay distinct for most colour-blind readers."""


def _shade(hex_colour: str, amount: float) -> str:
    """Blend a colour towards white by `amount` in [0, 1]."""
    triplet = Color.parse(hex_colour).get_truecolor()
    red, green, blue = (round(c + (255 - c) * amount) for c in triplet)
    return f"#{red:02x}{green:02x}{blue:02x}"


def group_colours(group_ids: tuple[str, ...]) -> dict[str, str]:
    """One colour per group."""
    return {gid: PALETTE[i % len(PALETTE)] for i, gid in enumerate(group_ids)}


def criterion_colours(
    criterion_ids: tuple[str, ...],
    criterion_group: dict[str, str],
    group_ids: tuple[str, ...],
    by_group: bool,
) -> dict[str, str]:
    """A colour per criterion: its group's hue in alternating shades, or one hue each."""
    if not by_group:
        return {
            cid: _shade(PALETTE[i % len(PALETTE)], 0.35 * ((i // len(PALETTE)) % 2))
            for i, cid in enumerate(criterion_ids)
        }
    colours = group_colours(group_ids)
    seen: dict[str, int] = {}
    found = {}
    for cid in criterion_ids:
        group = criterion_group[cid]
        position = seen.get(group, 0)
        seen[group] = position + 1
        found[cid] = _shade(colours[group], 0.3 * (position % 2))
    return found
