"""Text bars: where a score sits on its method's scale, drawn in eighth-blocks.

One home for both ideas, used by the CLI, the app and the text reports.
"""

from __future__ import annotations

EIGHTHS = " ▏▎▍▌▋▊▉"
"""The partial blocks, one to seven eighths of a cell (index 0 unused)."""


def score_fraction(method_id: str, score: float) -> float:
    """Where a score sits between the method's worst and best possible score, in [0, 1].

    VIKOR's Q runs from 0 (best) to 1, PROMETHEE II's net flow from -1 to 1, the others'
    scores from 0 to 1 (higher is better).

    >>> score_fraction("vikor", 0.25), score_fraction("promethee2", 0.5), score_fraction("wsm", 1.5)
    (0.75, 0.75, 1.0)
    """
    if method_id == "vikor":
        fraction = 1.0 - score
    elif method_id == "promethee2":
        fraction = (score + 1.0) / 2.0
    else:
        fraction = score
    return min(1.0, max(0.0, fraction))


def eighth_bar(fraction: float, width: int = 20) -> str:
    """A bar of `fraction` (clamped to [0, 1]) of `width` cells, in eighths of a cell.

    >>> eighth_bar(0.5, 4), eighth_bar(0.0625, 2), eighth_bar(2.0, 3)
    ('██', '▏', '███')
    """
    eighths = round(min(1.0, max(0.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + ("" if part == 0 else EIGHTHS[part])


__all__ = ["EIGHTHS", "eighth_bar", "score_fraction"]
