"""The ranking panel: rank, movement, option, score and a stacked bar of contributions.

Redrawn on every change of weight; with the line API only the visible rows are drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from decisiontool.analysis import RankedOption
from decisiontool.bars import score_fraction
from decisiontool.palette import SERIES, CriterionStyle, group_colours
from decisiontool.tui.colours import FULL, bar_styles, glyph
from decisiontool.tui.state import Session
from decisiontool.tui.text import cut, one_line
from decisiontool.tui.widgets.rows import RowList

BAND_BACKGROUND = "#34405a"
"""The background of a bar's cells inside the option's score interval (the uncertainty band)."""


def stacked_bar(
    parts: list[tuple[float, str, str]], width: int, band: tuple[float, float] | None = None
) -> Text:
    """A bar `width` cells long split into coloured parts (value in [0, 1], colour, glyph).

    Cell boundaries are rounded from cumulative sums, so the parts add up to the rounded
    total and no rounding error accumulates. `band` (low, high fractions) is the score
    interval, drawn as a background behind the cells it covers.
    """
    cells: list[tuple[str, str]] = []
    total = 0.0
    start = 0
    for value, colour, char in parts:
        total += max(value, 0.0)
        end = min(width, round(total * width))
        cells.extend((char, colour) for _ in range(max(0, end - start)))
        start = max(start, end)
    cells.extend(("·", "#555555") for _ in range(width - len(cells)))
    low, high = (-1, -1) if band is None else (round(band[0] * width), max(round(band[1] * width), 1))
    text = Text()
    run, run_style = "", ""
    for index, (char, colour) in enumerate(cells):
        if low <= index < high:
            char, style = (" " if char == "·" else "▆"), f"{colour} on {BAND_BACKGROUND}"
        else:
            style = colour
        if style != run_style and run:
            text.append(run, style=run_style)  # one span per run of like cells
            run = ""
        run, run_style = run + char, style
    if run:
        text.append(run, style=run_style)
    return text


def score_change_text(change: float) -> Text:
    """+0.012 / −0.004 / blank: the score against the profile's own weights."""
    if abs(change) < 5e-4:
        return Text(" " * 7)
    sign = "+" if change > 0 else "−"
    return Text(f" {sign}{abs(change):.3f}"[:7].rjust(7), style="green" if change > 0 else "red")


def movement_text(places: int) -> Text:
    """▲2 / ▼1 / blank: places gained against the profile's own ranking."""
    if places > 0:
        return Text(f"▲{places}".ljust(3), style="bold green")
    if places < 0:
        return Text(f"▼{-places}".ljust(3), style="bold red")
    return Text("   ")


class RankingList(RowList):
    """The options in rank order; Enter opens the Why view of the highlighted option."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "open",
            "Why",
            id="ranking.why",
            tooltip="Why the top (or the option marked with x) ranks above or below this option",
        ),
        Binding(
            "x",
            "mark",
            "Mark",
            id="ranking.mark",
            tooltip="Mark this option (◆): Enter on another row then compares the two",
        ),
    ]

    @dataclass
    class Opened(Message):
        """The user asked why an option ranks where it does."""

        option: str

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.entries: tuple[RankedOption, ...] = ()
        self.movement: dict[str, int] = {}
        self.score_change: dict[str, float] = {}
        self.segments: dict[str, CriterionStyle] = {}
        self.marked: str | None = None
        """The option marked with x (◆): the Why view compares it with the row Enter is pressed on."""
        self.bands: dict[str, tuple[float, float]] = {}
        """Option id -> its score interval as bar fractions (set when known for these weights)."""

    def action_open(self) -> None:
        """Ask for the Why view of the highlighted option."""
        if self.current_option is not None:
            self.post_message(self.Opened(self.current_option))

    def action_mark(self) -> None:
        """Mark the highlighted option for the Why view, or unmark it."""
        option = self.current_option
        self.marked = None if option is None or option == self.marked else option
        self.refresh()

    def row_count(self) -> int:
        """One row per option."""
        return len(self.entries)

    def header_lines(self) -> int:
        """The column titles."""
        return 1

    def refresh_ranking(self) -> None:
        """Read the session's ranking again and redraw, keeping the cursor on the same option."""
        current = self.current_option
        analysis = self.session.analysis
        self.entries = analysis.ranking.entries
        self.movement = self.session.movement()
        self.score_change = self.session.score_change()
        self.segments = bar_styles(analysis, self.session.colour_by_group)
        self.update_rows()
        if current is not None:
            self.select(current)

    def on_mount(self) -> None:
        """Draw the first ranking."""
        self.refresh_ranking()

    @property
    def current_option(self) -> str | None:
        """The option id under the cursor."""
        return self.entries[self.cursor].option if 0 <= self.cursor < len(self.entries) else None

    def select(self, option_id: str) -> None:
        """Move the cursor to an option by id."""
        for index, entry in enumerate(self.entries):
            if entry.option == option_id:
                if index != self.cursor:
                    self.cursor = index
                return

    def _columns(self, width: int) -> tuple[int, int]:
        """(name width, bar width) for a panel `width` cells wide."""
        fixed = 3 + 3 + 8 + 8
        bar = max(8, min(50, (width - fixed) // 3))
        name = max(6, width - fixed - bar - 1)
        return name, bar

    def render_header(self, line: int, width: int) -> Text:
        """Column titles (± is the change of rank, Δ the change of score, against the profile)."""
        name, _ = self._columns(width)
        method = self.session.analysis.method
        what = "contributions" if self.session.analysis.method_id == "wsm" else "score"
        direction = "" if method.higher_is_better else " (lower is better)"
        return Text(
            f"{'#':>2} {'±':<3}{'Option':<{name}} {'Score':>7}{'Δ':>7} {what}{direction}", style="bold dim"
        )

    def render_row(self, index: int, width: int, selected: bool) -> Text:
        """`rank move name score bar`; an option failing a minimum is marked ✗ and dimmed."""
        entry = self.entries[index]
        name_width, bar_width = self._columns(width)
        failing = bool(entry.fails_minimum)
        text = Text()
        text.append(f"{entry.rank:>2} ", style="bold")
        text.append_text(movement_text(self.movement.get(entry.option, 0)))
        mark = "◆ " if entry.option == self.marked else ""
        label = cut(mark + ("✗ " if failing else "") + one_line(entry.name), name_width)
        text.append(label.ljust(name_width), style="red" if failing else "")
        text.append(f" {entry.score:7.3f}")
        text.append_text(score_change_text(self.score_change.get(entry.option, 0.0)))
        text.append(" ")
        text.append_text(self._bar(entry, bar_width))
        return text

    def _bar(self, entry: RankedOption, width: int) -> Text:
        analysis = self.session.analysis
        band = self.bands.get(entry.option)
        if entry.contributions is None:
            colour = "#a05050" if entry.fails_minimum else SERIES[0]
            return stacked_bar([(score_fraction(analysis.method_id, entry.score), colour, FULL)], width, band)
        segments = self.segments
        parts = [(value, segments[c].colour, glyph(segments[c])) for c, value in entry.contributions.items()]
        return stacked_bar(parts, width, band)


class Legend(Static):
    """Which colour stands for which group or criterion (the palette the reports use)."""

    def show(self, session: Session, by_group: bool, *, weights_shown: bool = True) -> None:
        """Draw the legend for the current colouring and method (short when the weights show the colours)."""
        analysis = session.analysis
        arrays = analysis.arrays
        text = Text()
        if analysis.method_id != "wsm":
            text.append(
                "Bar: score between the method's worst and best. Contributions are shown for wsm.",
                style="dim",
            )
        elif by_group:
            for gid, colour in group_colours(arrays.group_ids).items():
                text.append("■ ", style=colour)
                text.append(one_line(analysis.model.group(gid).name) + "  ")
        elif weights_shown:
            text.append("Bars: each criterion in its colour in the weights pane (b: by group).", style="dim")
        else:
            for cid, style in bar_styles(analysis, False).items():
                text.append("▓ " if style.hatched else "■ ", style=style.colour)
                text.append(cut(one_line(analysis.model.criterion(cid).name), 24) + "  ")
        text.append("  ▆", style=f"#888888 on {BAND_BACKGROUND}")
        text.append(" range", style="")
        failing = sum(1 for entry in analysis.ranking.entries if entry.fails_minimum)
        if failing:
            text.append(f" ✗ fails a minimum ({failing})", style="red")
        self.update(text)


class RankingPanel(Vertical):
    """The ranking list with its legend."""

    def __init__(self, session: Session) -> None:
        super().__init__(id="ranking-panel")
        self.session = session
        self.border_title = "Ranking"

    def compose(self) -> ComposeResult:
        """The list and the legend."""
        yield RankingList(self.session, id="ranking")
        yield Legend(id="legend")

    def on_mount(self) -> None:
        """Draw the legend."""
        self.refresh_panel()

    def refresh_panel(self) -> None:
        """Redraw the title, the list and the legend from the session."""
        ranking = self.query_one(RankingList)
        ranking.refresh_ranking()
        analysis = self.session.analysis
        self.border_title = f"Ranking · {analysis.method.label}"
        weights = self.screen.query("#weights-panel")
        shown = bool(weights) and weights.first().display
        self.query_one(Legend).show(self.session, self.session.colour_by_group, weights_shown=shown)
