"""The weights panel: the criteria tree with each effective weight as a number and a bar.

The panel only draws the session's weight rows and turns keys and clicks into
`WeightsList.Edit` messages; the screen applies them to the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from decisiontool.bars import eighth_bar
from decisiontool.palette import CriterionStyle, group_colours
from decisiontool.tui.colours import HATCHED, bar_styles
from decisiontool.tui.state import BIG_STEP, STEP, Session
from decisiontool.tui.text import cut, one_line
from decisiontool.tui.weight_rows import WeightRow
from decisiontool.tui.widgets.rows import RowList

NICE_SCALES = (0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0)
"""Full-bar values: the bars of each kind (groups, criteria) reach the smallest that fits."""

EditKind = Literal["step", "set", "zero", "lock", "ask", "open"]


def nice_scale(largest: float) -> float:
    """The smallest of `NICE_SCALES` that holds `largest`."""
    for scale in NICE_SCALES:
        if largest <= scale + 1e-12:
            return scale
    return 1.0


def weight_bar(fraction: float, width: int) -> tuple[str, str]:
    """(filled, empty) parts of a bar of eighth-blocks `width` cells long."""
    filled = eighth_bar(fraction, width)
    return filled, "·" * (width - len(filled))


class WeightsList(RowList):
    """Groups and criteria with their effective weights; keys and clicks change them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right,plus,equals_sign",
            "step(1)",
            "More",
            id="weights.increase",
            tooltip="Raise the weight by one step (0.01)",
        ),
        Binding(
            "left,minus",
            "step(-1)",
            "Less",
            id="weights.decrease",
            tooltip="Lower the weight by one step (0.01)",
        ),
        Binding(
            "shift+right",
            "step(5)",
            "Weight ++",
            show=False,
            id="weights.increase_big",
            tooltip="Raise the weight by a large step (0.05)",
        ),
        Binding(
            "shift+left",
            "step(-5)",
            "Weight −−",
            show=False,
            id="weights.decrease_big",
            tooltip="Lower the weight by a large step (0.05)",
        ),
        Binding("enter", "ask", "Set", show=False, id="weights.set", tooltip="Type an exact weight"),
        Binding(
            "l",
            "lock",
            "Lock",
            show=False,
            id="weights.lock",
            tooltip="Lock this weight: others rebalance around it",
        ),
        Binding(
            "i",
            "open",
            "Criterion",
            show=False,
            id="weights.criterion",
            tooltip="The criterion in full: levels, lessons, every option's score, critical weights",
        ),
        Binding(
            "0",
            "zero",
            "Drop",
            show=False,
            id="weights.zero",
            tooltip="Set this weight to 0 (drop the criterion)",
        ),
    ]

    @dataclass
    class Edit(Message):
        """The user asked to change the weight of one row (criterion or group)."""

        item: str
        kind: EditKind
        value: float = 0.0

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.rows: list[WeightRow] = session.weight_rows()
        self.group_scale = 1.0
        self.criterion_scale = 1.0
        self.colours: dict[str, CriterionStyle] = {}
        """Row id -> its bar colour and hatch: the criterion's (by group, the group's) as in the ranking."""

    def row_count(self) -> int:
        """One row per group and criterion."""
        return len(self.rows)

    def header_lines(self) -> int:
        """The profile line."""
        return 1

    def refresh_weights(self) -> None:
        """Read the session's weights again and redraw."""
        self.rows = self.session.weight_rows()
        analysis = self.session.analysis
        by_group = self.session.colour_by_group
        self.colours = dict(bar_styles(analysis, by_group))
        if by_group:
            groups = group_colours(analysis.arrays.group_ids)
            self.colours.update({gid: CriterionStyle(colour, False) for gid, colour in groups.items()})
        # Scales follow the largest weight under any profile (with room to grow), so that
        # they jump neither while the user edits nor between profiles; they grow only when
        # a weight outgrows them.
        group_reference, criterion_reference = self.session.largest_weights()
        for is_group, reference in ((True, group_reference), (False, criterion_reference)):
            rows = [row for row in self.rows if row.is_group == is_group]
            largest = max([1.2 * reference, *(row.weight for row in rows)])
            if is_group:
                self.group_scale = nice_scale(largest)
            else:
                self.criterion_scale = nice_scale(largest)
        self.update_rows()
        parent = self.parent
        if isinstance(parent, WeightsPanel):
            parent.border_subtitle = f"bars 0–{self.group_scale:g} · 0–{self.criterion_scale:g}"

    def on_mount(self) -> None:
        """Draw the first weights."""
        self.refresh_weights()

    @property
    def current(self) -> WeightRow | None:
        """The row under the cursor."""
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def select(self, item: str) -> None:
        """Move the cursor to a criterion or group by id."""
        for index, row in enumerate(self.rows):
            if row.id == item:
                self.cursor = index
                return

    def bar_geometry(self, width: int) -> tuple[int, int]:
        """(x where the bar starts, bar width) for a panel `width` cells wide."""
        bar = max(7, min(24, (width - 24) // 2))
        return width - bar - 1, bar

    def render_header(self, line: int, width: int) -> Text:
        """Profile name, and a marker when the weights are not the profile's."""
        session = self.session
        text = Text()
        text.append(" Profile: ", style="dim")
        text.append(
            cut(one_line(session.analysis.model.profile_name(session.analysis.profile)), width - 22),
            style="bold",
        )
        if session.differs_from_profile:
            text.append("  * modified", style="bold yellow")
        return text

    def render_row(self, index: int, width: int, selected: bool) -> Text:
        """`name  0.123 ██████····` with lock (L) and moved (*) marks: * only on the weights you moved."""
        row = self.rows[index]
        bar_x, bar_width = self.bar_geometry(width)
        indent = 1 if row.is_group else 3
        number = f"{row.weight:.3f}"
        marks = ("L" if row.locked else " ") + ("*" if row.moved else " ")
        name_width = max(3, bar_x - indent - len(number) - len(marks) - 2)
        name = cut(one_line(row.name), name_width)
        text = Text(" " * indent)
        text.append(name.ljust(name_width), style="bold" if row.is_group else "")
        text.append(" ")
        text.append(marks[0], style="bold yellow")
        text.append(marks[1], style="yellow")
        text.append(number, style="bold" if row.is_group else "")
        text.append(" ")
        scale = self.group_scale if row.is_group else self.criterion_scale
        filled, empty = weight_bar(row.weight / scale if scale else 0.0, bar_width)
        style = self.colours.get(row.id, CriterionStyle("#d0d0d0", False))
        if style.hatched:  # drawn as in the ranking's bars (the ninth criterion on)
            filled = filled.replace("█", HATCHED)
        text.append(filled, style="#888888" if row.weight == 0 else style.colour)
        text.append(empty, style="#555555")
        return text

    def row_clicked(self, index: int, x: int) -> None:
        """A click on a bar sets the weight to where it was clicked."""
        bar_x, bar_width = self.bar_geometry(self.scrollable_content_region.width)
        if x < bar_x - 1:
            return
        row = self.rows[index]
        fraction = min(1.0, max(0.0, (x - bar_x + 1) / bar_width))
        scale = self.group_scale if row.is_group else self.criterion_scale
        self.post_message(self.Edit(row.id, "set", round(fraction * scale, 3)))

    def action_step(self, steps: int) -> None:
        """Change the weight under the cursor by `steps` small steps (5 = one big step)."""
        row = self.current
        if row is not None:
            delta = BIG_STEP * (steps / 5) if abs(steps) == 5 else STEP * steps
            self.post_message(self.Edit(row.id, "step", delta))

    def action_ask(self) -> None:
        """Ask for an exact weight."""
        if self.current is not None:
            self.post_message(self.Edit(self.current.id, "ask"))

    def action_lock(self) -> None:
        """Lock or unlock the weight under the cursor."""
        if self.current is not None:
            self.post_message(self.Edit(self.current.id, "lock"))

    def action_open(self) -> None:
        """Ask for the criterion view of the row under the cursor."""
        if self.current is not None:
            self.post_message(self.Edit(self.current.id, "open"))

    def action_zero(self) -> None:
        """Drop the criterion (or group) under the cursor."""
        if self.current is not None:
            self.post_message(self.Edit(self.current.id, "zero"))


class WeightsPanel(Vertical):
    """The weights list with a border title and a one-line key hint."""

    def __init__(self, session: Session) -> None:
        super().__init__(id="weights-panel")
        self.session = session
        self.border_title = "Weights"

    def compose(self) -> ComposeResult:
        """The list and the hint line."""
        yield WeightsList(self.session, id="weights")
        yield Static(
            "←→ ±0.01 ⇧±0.05 ⏎ set l lock 0 drop i info · * moved L locked", id="weights-hint", markup=False
        )
