"""The main screen's key line: the keys that matter most, as many as the width allows.

Textual's footer cuts keys off at the right edge (at 80 and 60 columns the last ones were
lost, "quit" and "help" among them). This line drops the least needed keys first and
always keeps `? help` (which lists every key) and `q quit`.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

KEYS: tuple[tuple[str, str, int], ...] = (
    ("←→", "weight", 3),
    ("⏎", "open", 6),
    ("x", "", 6),
    ("g", "", 6),
    ("m", "method", 5),
    ("p", "profile", 4),
    ("^z", "undo", 7),
    ("^s", "save", 2),
    ("^e", "export", 9),
    ("v", "weights pane", 10),
    ("z", "zoom", 5),
    ("esc", "", 1),
    ("q", "quit", 1),
    ("?", "help", 0),
    ("^p", "commands", 8),
)
"""(key, what it does, priority): 0 is kept longest."""


def key_line(width: int, context: dict[str, str] | None = None) -> Text:
    """The keys that fit in `width` cells, in screen order; `context` relabels keys for the focus."""
    labels = dict(context or {})
    entries = [(key, labels.get(key, label), priority) for key, label, priority in KEYS]
    entries = [entry for entry in entries if entry[1]]
    chosen = sorted(entries, key=lambda entry: entry[2])
    # a leading space, then `key label` and two spaces each, the last two dropped
    while chosen and 1 + sum(cell_len(key) + cell_len(label) + 3 for key, label, _ in chosen) - 2 > width:
        chosen.pop()
    keep = {key for key, _, _ in chosen}
    text = Text(" ")
    for key, label, _ in entries:
        if key in keep:
            text.append(key, style="bold #ffa62b")
            text.append(f" {label}  ")
    text.rstrip()
    return text


class KeyLine(Static):
    """One line of keys under the main screen."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.context: dict[str, str] = {}

    def on_resize(self) -> None:
        """Fit the keys to the new width."""
        self.show()

    def show(self, context: dict[str, str] | None = None) -> None:
        """Draw the keys for the focused area (`context` relabels keys)."""
        if context is not None:
            self.context = context
        self.update(key_line(self.size.width or 80, self.context))
