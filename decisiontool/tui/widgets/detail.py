"""The detail panel: the highlighted option's summary, precedents and evidence per criterion.

For each criterion: the score and its range, the contribution to the score (wsm), the
rationale and sources, and the lessons behind the criterion as links; Enter (or a
click) on a lesson asks for its summary and sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group as RichGroup
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from decisiontool.analysis import Analysis, RankedOption
from decisiontool.model.citations import Citation, cite_all
from decisiontool.tui.results import iter_lessons
from decisiontool.tui.text import safe


class LessonLink(Static):
    """A lesson title under a criterion; a click opens the lesson.

    Not focusable itself (dozens of links would swamp the Tab order): the detail panel
    moves a highlight over its links with ↑/↓ and opens the highlighted one with Enter.
    """

    @dataclass
    class Opened(Message):
        """The user asked to read a lesson."""

        lesson_id: str

    def __init__(self, lesson_id: str, title: str) -> None:
        super().__init__(
            Text.assemble(("  ↳ ", "dim"), (safe(lesson_id), "bold"), " ", safe(title)), classes="lesson"
        )
        self.lesson_id = lesson_id

    def on_click(self) -> None:
        """A click opens the lesson."""
        self.post_message(self.Opened(self.lesson_id))


def citation_text(citation: Citation, *, prefix: str = "", style: str = "dim") -> Text:
    """A source as a line of rich text; its URL, when it has one, is a terminal hyperlink."""
    base = Style.parse(style) if style else Style()
    # the link is a Style object, never a parsed style string: a URL is model text
    linked = base + Style(link=safe(citation.url)) if citation.url else base
    text = Text(prefix, style=base)
    text.append(safe(citation.text), style=linked)
    if citation.url is not None and citation.url != citation.text:
        text.append(safe(f" <{citation.url}>"), style=linked)
    return text


def option_header(analysis: Analysis, entry: RankedOption) -> Text:
    """Name, rank, score, failures, summary and precedents of one option."""
    option = analysis.model.option(entry.option)
    text = Text()
    text.append(safe(option.name), style="bold")
    text.append(f"  ({safe(option.id)}, {safe(option.file.kind)})\n", style="dim")
    text.append(f"Rank {entry.rank} · score {entry.score:.4f} ({analysis.method_id})")
    for key, value in entry.extra.items():
        text.append(f" · {key} {value:.3f}", style="dim")
    text.append("\n")
    if entry.fails_minimum:
        failed = ", ".join(analysis.model.criterion(cid).name for cid in entry.fails_minimum)
        text.append(safe("✗ Fails the minimum of: " + failed) + "\n", style="bold red")
    if option.file.summary:
        text.append(safe(option.file.summary.strip()) + "\n")
    if option.file.precedents:
        text.append("Precedents: ", style="bold")
        text.append(safe("; ".join(option.file.precedents)))
    text.rstrip()
    return text


def criterion_block(analysis: Analysis, entry: RankedOption, criterion_id: str) -> list[Text]:
    """Score, range, contribution, rationale and sources of one option on one criterion (paragraphs)."""
    model = analysis.model
    criterion = model.criterion(criterion_id)
    score = model.option(entry.option).file.scores[criterion_id]
    j = analysis.arrays.criterion_ids.index(criterion_id)
    weight = float(analysis.weights[j])
    head = Text()
    head.append(safe(criterion.name), style="bold")
    head.append(f"  w {weight:.3f}", style="dim")
    line = Text("  score ")
    line.append(f"{score.value:g}", style="bold")
    line.append(f" on [{criterion.scale[0]:g}, {criterion.scale[1]:g}] ({criterion.direction})")
    if score.range is not None:
        line.append(f" · range {score.range[0]:g}–{score.range[1]:g}")
    if entry.contributions is not None:
        line.append(f" · contributes {entry.contributions[criterion_id]:.3f}")
    if criterion_id in entry.fails_minimum:
        line.append(f" · below minimum {criterion.minimum:g}", style="bold red")
    level = criterion.levels.get(str(int(score.value))) if float(score.value).is_integer() else None
    parts: list[Text] = [head, line]
    if level:
        parts.append(Text(safe(f"  level: {level}"), style="italic"))
    if (entry.option, criterion_id) in model.filled:
        parts.append(Text("  missing score set to the scale's worst end", style="yellow"))
    if score.rationale:
        parts.append(Text("  " + score.rationale.strip()))
    for citation in cite_all(score.sources):
        parts.append(citation_text(citation, prefix="  source: "))
    return parts


def paragraphs(parts: list[Text]) -> Text | RichGroup:
    """One paragraph as itself, several as a group (each wraps on its own)."""
    return parts[0] if len(parts) == 1 else RichGroup(*parts)


class TextBlock(Static):
    """Paragraphs of text that redraw only when they changed, and lay out only when their shape did.

    A weight key changes a few numbers in every criterion block of the detail panel; their
    lines keep their lengths, so the blocks are repainted without a layout of the panel.
    """

    def __init__(
        self, parts: list[Text], *, name: str | None = None, id: str | None = None, classes: str = ""
    ) -> None:
        super().__init__(paragraphs(parts), name=name, id=id, classes=classes)
        self.parts = parts

    def show(self, parts: list[Text]) -> bool:
        """Show these paragraphs; returns True when they differed from those shown."""
        if [(p.plain, p.spans) for p in parts] == [(p.plain, p.spans) for p in self.parts]:
            return False
        same_shape = [len(line) for p in parts for line in p.plain.split("\n")] == [
            len(line) for p in self.parts for line in p.plain.split("\n")
        ]
        self.parts = parts
        self.update(paragraphs(parts), layout=not same_shape)
        return True


class DetailPanel(VerticalScroll):
    """Everything known about the highlighted option, criterion by criterion."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down,j",
            "next_lesson",
            "Next lesson",
            id="detail.next_lesson",
            tooltip="Highlight the next lesson",
        ),
        Binding(
            "up,k",
            "previous_lesson",
            "Previous lesson",
            id="detail.previous_lesson",
            tooltip="Highlight the previous lesson",
        ),
        Binding(
            "enter",
            "open_lesson",
            "Open lesson",
            id="detail.open_lesson",
            tooltip="Show the highlighted lesson's summary and sources",
        ),
    ]

    @dataclass
    class LessonRequested(Message):
        """A lesson link was opened."""

        lesson_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.option_id: str | None = None
        self._criteria: tuple[str, ...] = ()
        self.lesson_index = -1
        """Which lesson link is highlighted (-1: none yet)."""

    def compose(self) -> ComposeResult:
        """The header; criterion blocks are mounted by `show`."""
        yield TextBlock([], id="detail-header")

    def show(self, analysis: Analysis, option_id: str | None) -> None:
        """Show one option; rebuilds the criterion blocks only when the option changes."""
        entry = next((e for e in analysis.ranking.entries if e.option == option_id), None)
        header = self.query_one("#detail-header", TextBlock)
        if entry is None:
            header.show([Text("No option selected.")])
            return
        header.show([option_header(analysis, entry)])
        criteria = analysis.arrays.criterion_ids
        if option_id == self.option_id and criteria == self._criteria:
            # the same option under other weights: only the numbers that moved are redrawn
            for block in self.query(".criterion-block").results(TextBlock):
                block.show(criterion_block(analysis, entry, block.name or ""))
            return
        self.option_id = option_id
        self._criteria = criteria
        widgets: list[Static] = []
        for criterion_id in criteria:
            widgets.append(
                TextBlock(
                    criterion_block(analysis, entry, criterion_id),
                    classes="criterion-block",
                    name=criterion_id,
                )
            )
            widgets.extend(
                LessonLink(lid, title) for lid, title in iter_lessons(analysis.model, criterion_id)
            )
        self.lesson_index = -1
        with self.app.batch_update():
            self.remove_children(".criterion-block, .lesson")
            self.mount_all(widgets)
            # another option: start at its name, not in the middle of its evidence
            self.scroll_home(animate=False, immediate=True)

    @property
    def links(self) -> list[LessonLink]:
        """The lesson links in the panel, top to bottom."""
        return list(self.query(LessonLink))

    def _highlight(self, index: int) -> None:
        links = self.links
        if not links:
            return
        self.lesson_index = max(0, min(len(links) - 1, index))
        for position, link in enumerate(links):
            link.set_class(position == self.lesson_index, "-selected")
        self.scroll_to_widget(links[self.lesson_index], animate=False)

    def action_next_lesson(self) -> None:
        """Highlight the next lesson link (scrolling to it)."""
        self._highlight(self.lesson_index + 1)

    def action_previous_lesson(self) -> None:
        """Highlight the previous lesson link."""
        self._highlight(self.lesson_index - 1)

    def action_open_lesson(self) -> None:
        """Open the highlighted lesson."""
        links = self.links
        if 0 <= self.lesson_index < len(links):
            self.post_message(self.LessonRequested(links[self.lesson_index].lesson_id))

    @on(LessonLink.Opened)
    def _lesson_opened(self, event: LessonLink.Opened) -> None:
        event.stop()
        self.post_message(self.LessonRequested(event.lesson_id))
