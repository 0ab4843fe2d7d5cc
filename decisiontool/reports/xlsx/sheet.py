"""The workbook's building blocks: a worksheet that writes text safely and numbers as numbers,
the cell formats, source hyperlinks and titled chart axes.

Text from the model goes through `neutralise_formula` (`decisiontool.sanitise.cell`), and
strings are never turned into formulas or links: the only hyperlinks are sources' own URLs.

Must not import rich, textual or jinja2; xlsxwriter objects arrive as arguments.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from decisiontool.model.citations import Citation
from decisiontool.palette import ACCENT
from decisiontool.reports.safety import neutralise_formula

__all__ = ["PERCENT_FORMAT", "SCORE_FORMAT", "Sheet", "formats"]

_MAX_URL = 2079
"""Excel's longest hyperlink; a longer URL stays as text only."""
_WRAPPED = ("text", "flag")
"""Cell styles that wrap their text."""

SCORE_FORMAT = "0.0000"
PERCENT_FORMAT = "0.0%"

GRIDLINES = {"visible": True, "line": {"color": "#e1e5ea"}}


class Sheet:
    """A worksheet with the report's formats, writing text safely and numbers as numbers."""

    def __init__(self, workbook: Any, name: str, formats: dict[str, Any]) -> None:
        self.workbook = workbook
        self.sheet = workbook.add_worksheet(name)
        self.name = name
        self.formats = formats
        self.widths: dict[int, float] = {}
        self.lines: dict[int, int] = {}
        # printed: A4 landscape, as wide as one page, the header row on every page
        self.sheet.set_paper(9)
        self.sheet.set_landscape()
        self.sheet.fit_to_pages(1, 0)

    def text(self, row: int, column: int, value: str, style: str = "text") -> None:
        self.sheet.write_string(row, column, neutralise_formula(value), self.formats[style])
        if style in _WRAPPED:
            # how many lines the wrapped text needs at this column's width (about a character a unit)
            width = max(4.0, self.widths.get(column, 8.43) - 1)
            needed = sum(max(1, math.ceil(len(line) / width)) for line in value.split("\n"))
            self.lines[row] = max(self.lines.get(row, 1), needed)

    @staticmethod
    def safe(value: str) -> str:
        """Text for a chart's series name or title, which a spreadsheet would also read as a formula."""
        return neutralise_formula(value)

    def sources(self, row: int, column: int, citations: Sequence[Citation]) -> None:
        """Citations one a line; the cell links to the first source that has a URL (a cell holds one link)."""
        text = "\n".join(citation.line() for citation in citations)
        url = next((c.url for c in citations if c.url is not None), None)
        self.link(row, column, url, text, "Opens the first source")

    def link(self, row: int, column: int, url: str | None, text: str, tip: str = "Opens the source") -> None:
        """`text` in the cell, linked to `url` when there is one Excel can hold."""
        self.text(row, column, text)
        if url is not None and len(url) <= _MAX_URL:
            self.sheet.write_url(
                row, column, url, self.formats["link"], string=neutralise_formula(text), tip=tip
            )

    def merged(self, row: int, first: int, last: int, value: str, style: str = "text") -> None:
        """Wrapped text across columns `first` to `last` of one row (for sentences beside tables)."""
        if last <= first:
            self.text(row, first, value, style)
            return
        self.sheet.merge_range(row, first, row, last, neutralise_formula(value), self.formats[style])
        width = max(4.0, sum(self.widths.get(c, 8.43) for c in range(first, last + 1)) - 1)
        needed = sum(max(1, math.ceil(len(line) / width)) for line in value.split("\n"))
        self.lines[row] = max(self.lines.get(row, 1), needed)

    def width(self, column: int, width: float) -> None:
        """Set a column's width (in characters)."""
        self.widths[column] = width
        self.sheet.set_column(column, column, width)

    def fit_rows(self) -> None:
        """Give rows with wrapped text the height they need: not every reader recomputes it on opening."""
        for row, lines in self.lines.items():
            if lines > 1:
                self.sheet.set_row(row, 15 * min(lines, 27))

    def number(self, row: int, column: int, value: float | None, style: str = "score") -> None:
        if value is None:
            self.sheet.write_blank(row, column, None, self.formats[style])
        else:
            self.sheet.write_number(row, column, value, self.formats[style])

    def header(self, columns: Sequence[tuple[str, float]], row: int = 0) -> None:
        """A bold header row, frozen, with the given column widths and an autofilter."""
        for column, (_, width) in enumerate(columns):
            self.width(column, width)
        self.titles(row, [title for title, _ in columns])
        self.sheet.freeze_panes(row + 1, 0)
        self.sheet.repeat_rows(row)

    def titles(self, row: int, titles: Sequence[str], first: int = 0) -> None:
        """A row of column titles in the header style (no freezing: for a second table on a sheet)."""
        for column, title in enumerate(titles, start=first):
            self.sheet.write_string(row, column, neutralise_formula(title), self.formats["header"])
            width = max(4.0, self.widths.get(column, 8.43) - 1)
            self.lines[row] = max(self.lines.get(row, 1), math.ceil(len(title) / width))

    def add_number_format(self, num_format: str) -> str:
        """The style name of a number format (added to the workbook once)."""
        style = f"number:{num_format}"
        if style not in self.formats:
            self.formats[style] = self.workbook.add_format({"num_format": num_format, "valign": "top"})
        return style

    def table_end(self, last_row: int, columns: int, row: int = 0) -> None:
        """An autofilter over the table, and row heights that fit its wrapped text."""
        if last_row > row:
            self.sheet.autofilter(row, 0, last_row, columns - 1)
        self.fit_rows()

    def place_chart(
        self,
        chart: Any,
        *,
        row: int,
        title: str,
        axes: tuple[str, str],
        value_axis: dict[str, Any],
        size: tuple[int, int],
        legend: dict[str, Any] | None = None,
    ) -> None:
        """Title a bar chart and both its axes (`axes`: the value axis's title, the category
        axis's), reverse the categories so that the table's first row is on top, and insert the
        chart at `row` (column B)."""
        value, category = axes
        chart.set_title({"name": self.safe(title)})
        chart.set_legend(legend or {"none": True})
        chart.set_y_axis({"reverse": True, "interval_unit": 1, "name": category})
        chart.set_x_axis({"name": value, "major_gridlines": GRIDLINES, **value_axis})
        chart.set_size({"width": size[0], "height": size[1]})
        self.sheet.insert_chart(row, 1, chart)

    def bar_chart(self, subtype: str | None = None) -> Any:
        """A new bar chart (subtype `stacked` or none) of this workbook."""
        options = {"type": "bar"} if subtype is None else {"type": "bar", "subtype": subtype}
        return self.workbook.add_chart(options)


def formats(workbook: Any) -> dict[str, Any]:
    """The cell formats, by style name."""
    wrap = {"text_wrap": True, "valign": "top"}
    return {
        "text": workbook.add_format(wrap),
        "plain": workbook.add_format({"valign": "top"}),
        "bold": workbook.add_format({"bold": True, "valign": "top"}),
        "title": workbook.add_format({"bold": True, "font_size": 16, "font_color": ACCENT}),
        "subtitle": workbook.add_format({"bold": True, "font_size": 12, "font_color": ACCENT}),
        "label": workbook.add_format({"bold": True, "font_color": "#56606b", "valign": "top"}),
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#dde6ef", "bottom": 2, "text_wrap": True, "valign": "bottom"}
        ),
        "link": workbook.add_format({"font_color": "#0563c1", "underline": 1, **wrap}),
        "score": workbook.add_format({"num_format": SCORE_FORMAT, "valign": "top"}),
        "percent": workbook.add_format({"num_format": PERCENT_FORMAT, "valign": "top"}),
        "percent0": workbook.add_format({"num_format": "0%", "valign": "top"}),
        "integer": workbook.add_format({"num_format": "0", "valign": "top"}),
        "decimal2": workbook.add_format({"num_format": "0.00", "valign": "top"}),
        "value": workbook.add_format({"num_format": "General", "valign": "top"}),
        "flag": workbook.add_format({"font_color": "#8a2c0d", "bold": True, **wrap}),
        "mono": workbook.add_format({"font_name": "Consolas", "valign": "top"}),
    }
