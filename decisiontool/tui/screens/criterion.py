"""The criterion view: one criterion in full, for the reader deciding how much it should count.

Its description, scale and anchored levels, the lessons it derives from (with their
sources), every option's score on it with its range, and its critical weights (the
weights at which another option becomes first, from `decisiontool.robustness`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group as RichGroup
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from decisiontool.analysis import Analysis
from decisiontool.tui.results import Sensitivity, sensitivity
from decisiontool.tui.text import one_line, safe

SCORE_BAR = 20
"""Width of the bar that places each option's score (and range) on the criterion's scale."""


def scale_bar(
    low: float, high: float, value: float, scale: tuple[float, float], width: int = SCORE_BAR
) -> Text:
    """`···[──●──]·····`: a score and its range placed on the scale."""
    start, end = scale
    span = (end - start) or 1.0

    def cell(x: float) -> int:
        return min(width - 1, max(0, round((x - start) / span * (width - 1))))

    cells = ["·"] * width
    for index in range(cell(low), cell(high) + 1):
        cells[index] = "─"
    cells[cell(value)] = "●"
    return Text("".join(cells), style="#4e9ad6")


def criterion_text(analysis: Analysis, criterion_id: str) -> RichGroup:
    """Description, scale, levels, lessons and every option's score on one criterion."""
    model = analysis.model
    criterion = model.criterion(criterion_id)
    j = analysis.arrays.criterion_ids.index(criterion_id)
    head = Text()
    head.append(safe(criterion.name), style="bold")
    group = model.group(model.criterion_group[criterion_id])
    head.append(safe(f"  ({criterion.id}, in {group.name})"), style="dim")
    head.append(
        f"\nweight {float(analysis.weights[j]):.3f} · scale {criterion.scale[0]:g} to {criterion.scale[1]:g}"
    )
    head.append(" · higher is better" if criterion.direction == "benefit" else " · lower is better (a cost)")
    if criterion.minimum is not None:
        head.append(f" · minimum {criterion.minimum:g}", style="bold")
    parts: list[Text] = [head]
    if criterion.description:
        parts.append(Text("\n" + safe(criterion.description.strip())))
    if criterion.levels:
        levels = Text("\nAnchored levels\n", style="bold")
        for level, meaning in sorted(criterion.levels.items(), key=lambda item: float(item[0])):
            levels.append(f"  {safe(level):>3}  ", style="bold")
            levels.append(safe(one_line(meaning)) + "\n", style="")
        parts.append(levels)
    parts.append(_scores(analysis, criterion_id))
    parts.append(_lessons(analysis, criterion_id))
    return RichGroup(*parts)


def _scores(analysis: Analysis, criterion_id: str) -> Text:
    model = analysis.model
    criterion = model.criterion(criterion_id)
    text = Text("\nEvery option's score (● score, ─ range), in rank order\n", style="bold")
    width = max(len(one_line(entry.name)) for entry in analysis.ranking.entries)
    width = min(width, 34)
    for entry in analysis.ranking.entries:
        score = model.option(entry.option).file.scores[criterion_id]
        low, high = score.range if score.range is not None else (score.value, score.value)
        text.append(f"  {entry.rank:>2} ")
        name = one_line(entry.name)
        text.append((name if len(name) <= width else name[: width - 1] + "…").ljust(width) + " ")
        text.append_text(scale_bar(low, high, score.value, criterion.scale))
        text.append(f" {score.value:g}", style="bold")
        if score.range is not None:
            text.append(f" ({low:g}–{high:g})", style="dim")
        if (entry.option, criterion_id) in model.filled:
            text.append(" missing: set to the worst end", style="yellow")
        text.append("\n")
    return text


def _lessons(analysis: Analysis, criterion_id: str) -> Text:
    model = analysis.model
    criterion = model.criterion(criterion_id)
    text = Text("\nLessons it derives from\n", style="bold")
    if not criterion.lessons:
        text.append("  (none cited)\n", style="dim")
    for lesson_id in criterion.lessons:
        lesson = model.lessons.get(lesson_id)
        if lesson is None:
            continue
        text.append(f"  {safe(lesson.id)} ", style="bold")
        text.append(safe(one_line(lesson.title)) + "\n")
        for source in lesson.sources:
            text.append(f"     source: {safe(one_line(source))}\n", style="dim")
    return text


def critical_text(found: Sensitivity, names: dict[str, str]) -> Text:
    """The critical weights of the criterion in words."""
    text = Text("Critical weights\n", style="bold")
    if found.up is None and found.down is None:
        text.append("  No weight between 0 and 1 changes which option is first.\n", style="green")
    for crossing, direction in ((found.down, "lowered"), (found.up, "raised")):
        if crossing is not None:
            name = one_line(names.get(crossing[1], crossing[1]))
            text.append(
                f"  {direction} from {found.current:.3f} to {crossing[0]:.3f}: {name} becomes first\n"
            )
    if not found.exact:
        text.append("  (found by bisection)\n", style="dim")
    return text


class CriterionScreen(ModalScreen[None]):
    """One criterion in full; Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,i", "close", "Close", id="criterion.close", tooltip="Back to the main screen"),
    ]

    def __init__(self, analysis: Analysis, criterion_id: str) -> None:
        super().__init__(classes="dialog-screen", id="criterion-screen")
        self.analysis = analysis
        self.criterion_id = criterion_id

    def compose(self) -> ComposeResult:
        """The criterion, its critical weights (computed in a worker) and the keys."""
        with VerticalScroll(classes="dialog dialog-full", id="criterion-box"):
            yield Static(criterion_text(self.analysis, self.criterion_id), id="criterion-text")
            yield Static(Text("Critical weights: computing…", style="dim"), id="criterion-critical")
            yield Static(Text("Esc closes · ↑↓ scroll", style="dim"), classes="dialog-hint")

    def on_mount(self) -> None:
        """Focus the scroll area and start the sweep."""
        self.query_one("#criterion-box").focus()
        self.compute_critical()

    @work(thread=True, exclusive=True, exit_on_error=False, description="criterion details")
    def compute_critical(self) -> None:
        """The criterion's sweep and critical weights, off the UI thread."""
        try:
            found = sensitivity(self.analysis, self.criterion_id)
        except Exception as error:
            message = Text(safe(f"Critical weights could not be computed: {error}"), style="red")
            self.app.call_from_thread(self.query_one("#criterion-critical", Static).update, message)
            return
        names = {option.id: option.name for option in self.analysis.model.options}
        self.app.call_from_thread(
            self.query_one("#criterion-critical", Static).update, critical_text(found, names)
        )

    def action_close(self) -> None:
        """Back to the main screen."""
        self.dismiss(None)
