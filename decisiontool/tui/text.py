"""Model text on screen: always as text, never as markup, never with raw control characters.

Names, descriptions, rationales, sources, lesson text and paths come from files anyone can
edit. Rich and Textual read `[...]` in a plain string as markup (`Cost first [/draft]`
raises MarkupError, `Rights first [v2]` loses its `[v2]`), and a terminal obeys escape
sequences (ESC, OSC titles, cursor moves). So every such string reaches a widget through
`safe` (control characters made visible by `decisiontool.sanitise.terminal`) inside a
`rich.text.Text` (never parsed as markup).
"""

from __future__ import annotations

from rich.text import Text

from decisiontool.sanitise import terminal


def safe(value: object) -> str:
    """Model text with every control character but newline and tab made visible."""
    return terminal(value)


def text(value: object, style: str = "") -> Text:
    """Model text as a rich Text (not markup), safe for the terminal."""
    return Text(terminal(value), style=style)


def one_line(value: object) -> str:
    """Model text on one line (newlines and tabs as spaces), safe for the terminal."""
    return " ".join(terminal(value).split())


def cut(value: str, width: int) -> str:
    """`value` cut to `width` cells with an ellipsis."""
    if width <= 0:
        return ""
    return value if len(value) <= width else value[: max(0, width - 1)] + "…"
