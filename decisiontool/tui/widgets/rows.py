"""A fast scrolling list of one-line rows with a cursor, the base of the weights and ranking panels.

Rows are drawn with Textual's line API: only the visible lines are rendered, so a
keystroke on a 200-option model redraws about as many lines as fit on the screen.
Subclasses say how many rows there are and how to draw one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class RowList(ScrollView, can_focus=True):
    """A list of rows drawn by `render_row`, with a highlighted cursor row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False, id="rows.up", tooltip="Previous row"),
        Binding("down", "cursor_down", "Down", show=False, id="rows.down", tooltip="Next row"),
        Binding("pageup", "page_up", "Page up", show=False, id="rows.page_up", tooltip="One page up"),
        Binding(
            "pagedown", "page_down", "Page down", show=False, id="rows.page_down", tooltip="One page down"
        ),
        Binding("home", "first", "First", show=False, id="rows.first", tooltip="First row"),
        Binding("end", "last", "Last", show=False, id="rows.last", tooltip="Last row"),
    ]

    cursor: reactive[int] = reactive(0, always_update=False, init=False)
    """Index of the highlighted row."""

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another row."""

        row_list: RowList
        index: int

        @property
        def control(self) -> RowList:
            """The list that sent the message."""
            return self.row_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows = 0
        self._header_lines = 0

    # -- for subclasses ---------------------------------------------------------------

    def row_count(self) -> int:
        """How many rows there are."""
        return 0

    def render_row(self, index: int, width: int, selected: bool) -> Text:
        """One row as rich Text, at most `width` cells."""
        return Text()

    def render_header(self, line: int, width: int) -> Text:
        """A fixed header line above the rows (see `header_lines`)."""
        return Text()

    def header_lines(self) -> int:
        """How many fixed header lines the list starts with."""
        return 0

    # -- drawing ----------------------------------------------------------------------

    def update_rows(self) -> None:
        """Take in a new row count and redraw (call after the state changed)."""
        self._rows = self.row_count()
        self._header_lines = self.header_lines()
        self.virtual_size = Size(self.size.width, self._rows + self._header_lines)
        if self._rows and self.cursor >= self._rows:
            self.cursor = self._rows - 1
        self.refresh()

    def on_mount(self) -> None:
        """Size the list for its rows."""
        self.update_rows()

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual width equal to the widget's."""
        self.virtual_size = Size(event.size.width, self._rows + self._header_lines)

    def render_line(self, y: int) -> Strip:
        """Draw screen line `y`: a header line, or the row under it after scrolling."""
        width = self.scrollable_content_region.width
        if y < self._header_lines:
            text = self.render_header(y, width)
        else:
            index = y - self._header_lines + self.scroll_offset.y
            if index >= self._rows:
                return Strip.blank(width, self.rich_style)
            text = self.render_row(index, width, index == self.cursor)
            if index == self.cursor:
                text.truncate(width, pad=True)
                text.stylize_before(self.selected_style())
        text.truncate(width)
        segments = list(text.render(self.app.console, end=""))
        base = self.rich_style
        styled = [Segment(seg.text, base + seg.style if seg.style else base) for seg in segments]
        return Strip(styled).adjust_cell_length(width, base)

    def selected_style(self) -> Style:
        """The style of the cursor row: stronger when the list has focus."""
        if self.has_focus:
            return self.get_component_rich_style("row-list--cursor")
        return self.get_component_rich_style("row-list--cursor-blurred")

    COMPONENT_CLASSES: ClassVar[set[str]] = {"row-list--cursor", "row-list--cursor-blurred"}

    DEFAULT_CSS = """
    RowList { overflow-x: hidden; }
    RowList > .row-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    RowList > .row-list--cursor-blurred { background: $block-cursor-blurred-background; }
    """

    # -- cursor -----------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        """Redraw the two rows involved, keep the cursor visible and announce the move."""
        self.refresh()
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(self, new))

    def scroll_to_cursor(self) -> None:
        """Scroll so that the cursor row is visible below the header lines."""
        visible = self.size.height - self._header_lines
        if visible <= 0:
            return
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False)

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` (clipped to the rows)."""
        if self._rows:
            self.cursor = max(0, min(self._rows - 1, index))

    def action_cursor_up(self) -> None:
        """Move the cursor one row up."""
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        """Move the cursor one row down."""
        self.move_to(self.cursor + 1)

    def action_page_up(self) -> None:
        """Move the cursor one page up."""
        self.move_to(self.cursor - max(1, self.size.height - self._header_lines - 1))

    def action_page_down(self) -> None:
        """Move the cursor one page down."""
        self.move_to(self.cursor + max(1, self.size.height - self._header_lines - 1))

    def action_first(self) -> None:
        """Move the cursor to the first row."""
        self.move_to(0)

    def action_last(self) -> None:
        """Move the cursor to the last row."""
        self.move_to(self._rows - 1)

    def row_at(self, event: events.MouseEvent) -> tuple[int, int] | None:
        """(row index, x inside the widget) under the mouse, or None over a header line."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self._header_lines:
            return None
        index = offset.y - self._header_lines + self.scroll_offset.y
        if not 0 <= index < self._rows:
            return None
        return index, offset.x

    def on_click(self, event: events.Click) -> None:
        """Clicking a row moves the cursor there."""
        found = self.row_at(event)
        if found is not None:
            self.cursor = found[0]
            self.row_clicked(found[0], found[1])

    def row_clicked(self, index: int, x: int) -> None:
        """A click at cell `x` of row `index` (after the cursor moved there)."""

    def region_of(self, index: int) -> Region:
        """The screen region of one row (for tests and tooltips)."""
        return Region(0, index + self._header_lines - self.scroll_offset.y, self.size.width, 1)
