"""Shown instead of the main screen while the model files are invalid; goes when they are fixed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from decisiontool.problems import Problem


def problems_text(problems: Sequence[Problem]) -> Text:
    """The problems, one per line, as `decisiontool validate` prints them."""
    text = Text()
    for problem in problems:
        text.append(str(problem) + "\n", style="red")
    count = len(problems)
    text.append(f"\n{count} problem{'s' if count != 1 else ''} found.", style="bold")
    return text


class InvalidModelScreen(Screen[None]):
    """The validation messages of a model that stopped loading."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(id="invalid")
        self.problems = tuple(problems)

    def compose(self) -> ComposeResult:
        """A heading, the problems and the footer."""
        yield Static(
            Text.assemble(
                ("The model files have problems. ", "bold red"),
                "Fix them in your editor: the app reloads as soon as the model is valid again. "
                "Your unsaved weights are kept.",
            ),
            id="invalid-heading",
        )
        with VerticalScroll(id="invalid-problems"):
            yield Static(problems_text(self.problems), id="invalid-list")
        yield Footer()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        """Replace the problems shown (the files changed but are still invalid)."""
        self.problems = tuple(problems)
        self.query_one("#invalid-list", Static).update(problems_text(self.problems))
