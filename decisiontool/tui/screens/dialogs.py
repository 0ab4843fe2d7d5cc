"""Modal dialogs: each is a typed `ModalScreen[T]` that dismisses with its answer (None: cancelled)."""

from __future__ import annotations

import math
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from decisiontool.model import Lesson
from decisiontool.model.citations import cite_all
from decisiontool.tui.text import safe
from decisiontool.tui.widgets.detail import citation_text


def parse_weight_text(text: str) -> float:
    """An effective weight typed by the user: `0.25`, `.25` or `25%`; ValueError if not one."""
    cleaned = text.strip().replace(",", ".")
    percent = cleaned.endswith("%")
    if percent:
        cleaned = cleaned[:-1].strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text!r} is not a number (e.g. 0.25 or 25%)") from None
    if percent:
        value /= 100.0
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{text.strip()} must lie between 0 and 1 (or 0% and 100%)")
    return value


CANCEL = Binding("escape", "cancel", "Cancel", id="dialog.cancel", tooltip="Close without changing anything")


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CANCEL,
        Binding("y", "answer(True)", "Yes", id="confirm.yes", tooltip="Answer yes"),
        Binding("n", "answer(False)", "No", id="confirm.no", tooltip="Answer no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog-screen")
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        """The question and two buttons."""
        with Vertical(classes="dialog"):
            yield Static(Text(safe(self.question)), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="warning", id="yes", compact=True)
                yield Button(f"{self.no} (n)", id="no", compact=True)

    def on_mount(self) -> None:
        """Focus "no": the safe answer."""
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Answer with a key."""
        self.dismiss(answer)

    def action_cancel(self) -> None:
        """Escape means no."""
        self.dismiss(False)


class WeightDialog(ModalScreen[float | None]):
    """Type an exact effective weight (0.25 or 25%)."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, label: str, current: float) -> None:
        super().__init__(classes="dialog-screen")
        self.label = label
        self.current = current

    def compose(self) -> ComposeResult:
        """A label (wrapping, never cut), an input, an error line and the keys."""
        with Vertical(classes="dialog"):
            prompt = Text("Effective weight of ")
            prompt.append(safe(self.label), style="bold")
            prompt.append(": a number from 0 to 1, or a percentage (25%)")
            yield Static(prompt, id="weight-label")
            yield Input(value=f"{self.current:.3f}", id="weight-input", select_on_focus=True, compact=True)
            yield Static("", classes="dialog-error")
            yield Static(Text("Enter sets it · Esc keeps the weight", style="dim"), classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            value = parse_weight_text(event.value)
        except ValueError as error:
            self.query_one(".dialog-error", Static).update(Text(safe(error)))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        """Keep the weight."""
        self.dismiss(None)


class ChoiceDialog(ModalScreen[str | None]):
    """Pick one item from a list of (id, name, description)."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, title: str, choices: list[tuple[str, str, str]], current: str) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        """A title and the list."""
        options = []
        for item_id, name, description in self.choices:
            prompt = Text.assemble((safe(name), "bold"), "  ", (safe(item_id), "dim"))
            if description:
                prompt.append("\n" + safe(description.strip()), style="italic")
            options.append(Option(prompt, id=item_id))
        with Vertical(classes="dialog dialog-wide"):
            yield Label(Text(safe(self.title_text)), classes="dialog-title")
            yield OptionList(*options, id="choices")
            yield Static(
                Text("↑↓ choose · Enter takes it · Esc keeps the current one", style="dim"),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        """Highlight the current choice."""
        choices = self.query_one(OptionList)
        ids = [item_id for item_id, _, _ in self.choices]
        if self.current in ids:
            choices.highlighted = ids.index(self.current)
        choices.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Keep the current choice."""
        self.dismiss(None)


class LessonDialog(ModalScreen[None]):
    """A lesson's title, summary and sources."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CANCEL,
        Binding("enter", "cancel", "Close", id="lesson.close", tooltip="Close the lesson"),
    ]

    def __init__(self, lesson: Lesson) -> None:
        super().__init__(classes="dialog-screen")
        self.lesson = lesson

    def compose(self) -> ComposeResult:
        """Title, summary and sources, scrollable."""
        text = Text()
        text.append(safe(f"{self.lesson.id}  {self.lesson.title}") + "\n\n", style="bold")
        text.append(safe((self.lesson.summary or "(no summary)").strip()) + "\n")
        if self.lesson.sources:
            text.append("\nSources\n", style="bold")
            for citation in cite_all(self.lesson.sources):
                text.append_text(citation_text(citation, prefix="• ", style=""))
                text.append("\n")
        with VerticalScroll(classes="dialog dialog-wide"):
            yield Static(text, id="lesson-text")
            yield Static(Text("Esc or Enter closes", style="dim"), classes="dialog-hint")

    def action_cancel(self) -> None:
        """Close."""
        self.dismiss(None)


class QuitDialog(ModalScreen[str | None]):
    """Unsaved weights at quit: save and quit, quit without saving, or stay."""

    BINDINGS: ClassVar[list[BindingType]] = [
        CANCEL,
        Binding(
            "s", "answer('save')", "Save and quit", id="quit.save", tooltip="Save as a profile, then quit"
        ),
        Binding("q", "answer('quit')", "Quit", id="quit.discard", tooltip="Quit without saving"),
    ]

    def compose(self) -> ComposeResult:
        """The question and three buttons."""
        with Vertical(classes="dialog"):
            yield Static("The weights are not saved.", classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save and quit (s)", variant="primary", id="save", compact=True)
                yield Button("Quit without saving (q)", variant="warning", id="quit", compact=True)
                yield Button("Stay (Esc)", id="stay", compact=True)

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen")

    def on_mount(self) -> None:
        """Focus "save": the answer that loses nothing."""
        self.query_one("#save", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "stay" else event.button.id)

    def action_answer(self, answer: str) -> None:
        """Answer with a key."""
        self.dismiss(answer)

    def action_cancel(self) -> None:
        """Stay in the app."""
        self.dismiss(None)
