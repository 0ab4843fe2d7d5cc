"""Text tables the commands share: Markdown tables, rich-safe text, signed correlations."""

from __future__ import annotations

import math
from typing import Any

from decisiontool.sanitise import markdown

SCREEN_ROWS = 50
"""Rows a table format shows at most (the first in its order); json, csv and md list every row."""


def shown_line(
    total: int, order: str, formats: str = "json, csv or md", kind: tuple[str, str] = ("options", "option")
) -> str | None:
    """`Shown: the first 50 of 2,000 options (ORDER); --format FORMATS lists every option.`,
    or None when every row fits (`total` <= SCREEN_ROWS). `kind` names the rows (plural, singular)."""
    if total <= SCREEN_ROWS:
        return None
    return (
        f"Shown: the first {SCREEN_ROWS} of {total:,} {kind[0]} ({order}); "
        f"--format {formats} lists every {kind[1]}."
    )


def markdown_table(header: list[str], rows: list[list[Any]]) -> str:
    """A GitHub-flavoured Markdown table (text cells made inert by `sanitise.markdown`)."""

    def cell(value: Any) -> str:
        return f"{value:.4f}" if isinstance(value, float) else markdown(value)

    lines = ["| " + " | ".join(cell(h) for h in header) + " |"]
    lines.append(
        "|"
        + "|".join(
            "---:" if rows and isinstance(rows[0][i], int | float) else "---" for i in range(len(header))
        )
        + "|"
    )
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def escape(text: str) -> str:
    """Text with rich markup made literal."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def signed(value: float | None) -> str:
    """A correlation as `+0.42`, or `n/a` when it is undefined (None or NaN)."""
    return "n/a" if value is None or math.isnan(value) else f"{value:+.2f}"
