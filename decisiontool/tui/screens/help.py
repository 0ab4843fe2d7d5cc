"""The help screen: every key binding of the app, read from the bindings themselves."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_NAMES = {
    "question_mark": "?",
    "equals_sign": "=",
    "plus": "+",
    "minus": "-",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "escape": "Esc",
    "enter": "Enter",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
}


def key_label(keys: str) -> str:
    """`shift+right,plus` -> `shift+→ / +`."""
    labels = []
    for key in keys.split(","):
        parts = [KEY_NAMES.get(part, part) for part in key.strip().split("+")]
        labels.append("+".join(parts))
    return " / ".join(labels)


def binding_sections() -> list[tuple[str, list[Binding]]]:
    """(section title, bindings) for every part of the app, in the order help shows them."""
    from decisiontool.tui.app import DecisionApp
    from decisiontool.tui.screens.main import MainScreen
    from decisiontool.tui.screens.weighting import LevelList, PairList, WeightingScreen
    from decisiontool.tui.widgets.detail import DetailPanel
    from decisiontool.tui.widgets.rows import RowList
    from decisiontool.tui.widgets.weights import WeightsList

    def bindings(items: list[BindingType]) -> list[Binding]:
        return [item for item in items if isinstance(item, Binding)]

    return [
        ("Everywhere", bindings(DecisionApp.BINDINGS) + bindings(MainScreen.BINDINGS)),
        ("Weights panel", bindings(WeightsList.BINDINGS)),
        ("Weights and ranking lists", bindings(RowList.BINDINGS)),
        ("Detail panel (a click on a lesson opens it too)", bindings(DetailPanel.BINDINGS)),
        ("Weighting screen (w)", bindings(WeightingScreen.BINDINGS)),
        ("Weighting: rank order", bindings(LevelList.BINDINGS)),
        ("Weighting: pairwise (AHP)", bindings(PairList.BINDINGS)),
    ]


class HelpScreen(ModalScreen[None]):
    """Every binding with what it does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close", tooltip="Close the help"),
    ]

    def compose(self) -> ComposeResult:
        """One table per part of the app."""
        text = Text()
        with VerticalScroll(id="help", classes="dialog dialog-wide"):
            yield Static(
                Text("Keys  (Esc closes; ctrl+p opens the command palette with every action)", style="bold")
            )
            for title, bindings in binding_sections():
                table = Table(
                    title=title, title_justify="left", title_style="bold", show_header=False, box=None
                )
                table.add_column("Key", style="bold cyan", no_wrap=True, min_width=16)
                table.add_column("Does")
                for binding in bindings:
                    table.add_row(key_label(binding.key), binding.tooltip or binding.description)
                yield Static(table)
            text.append(
                "Mouse: click a row to select it; click on a weight bar to set the weight there.\n"
                "Weights are effective weights (they sum to 1). A locked weight (L) stays put when others "
                "change; * marks a weight that differs from the profile. In the ranking, ▲/▼ show places "
                "gained or lost against the profile's own ranking, ✗ an option failing a minimum.",
                style="dim",
            )
            yield Static(text)

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
