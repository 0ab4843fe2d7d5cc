"""The workbook report (xlsxwriter): sheets a desk officer can sort, filter and chart further.

Sheets: Summary (title, run, summary, flags), Ranking (with a native stacked bar chart of
criterion contributions, or of scores for methods without them), Weights (with a bar
chart), Scores (options x criteria as scored), Evidence (every score with its range,
meaning, rationale and sources), Criteria, Lessons, Sensitivity and SMAA (when run; rank
acceptability colour-scaled), Provenance. Every table has a frozen header row and set
column widths; numbers are written as numbers with a number format, never as text.

Text from the model goes through `neutralise_formula`, and strings are never turned into
formulas or links: the only hyperlinks are sources' own URLs. The workbook's creation date
is the report date, so a fixed date gives identical bytes.

xlsxwriter is imported inside `render` only. Must not import rich, textual or jinja2.
"""

from __future__ import annotations

import datetime
import io
import math
from collections.abc import Sequence
from typing import Any

from decisiontool.model.citations import Citation
from decisiontool.reports.content import WIDE_UNCERTAINTY, ReportContext
from decisiontool.reports.palette import ACCENT, criterion_colours
from decisiontool.reports.safety import neutralise_formula

_MAX_URL = 2079
"""Excel's longest hyperlink; a longer URL stays as text only."""
_WRAPPED = ("text", "flag")
"""Cell styles that wrap their text."""

SCORE_FORMAT = "0.0000"
PERCENT_FORMAT = "0.0%"


class _Sheet:
    """A worksheet with the report's formats, writing text safely and numbers as numbers."""

    def __init__(self, workbook: Any, name: str, formats: dict[str, Any]) -> None:
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

    def sources(self, row: int, column: int, citations: Sequence[Citation]) -> None:
        """Citations one a line; the cell links to the first source that has a URL (a cell holds one link)."""
        text = "\n".join(citation.line() for citation in citations)
        self.text(row, column, text)
        url = next((c.url for c in citations if c.url is not None), None)
        if url is not None and len(url) <= _MAX_URL:
            self.sheet.write_url(
                row,
                column,
                url,
                self.formats["text"],
                string=neutralise_formula(text),
                tip="Opens the first source",
            )

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
        for column, (title, width) in enumerate(columns):
            self.sheet.write_string(row, column, neutralise_formula(title), self.formats["header"])
            self.width(column, width)
        self.sheet.freeze_panes(row + 1, 0)
        self.sheet.repeat_rows(row)

    def table_end(self, last_row: int, columns: int, row: int = 0) -> None:
        """An autofilter over the table, and row heights that fit its wrapped text."""
        if last_row > row:
            self.sheet.autofilter(row, 0, last_row, columns - 1)
        self.fit_rows()


def _formats(workbook: Any) -> dict[str, Any]:
    wrap = {"text_wrap": True, "valign": "top"}
    return {
        "text": workbook.add_format(wrap),
        "plain": workbook.add_format({"valign": "top"}),
        "bold": workbook.add_format({"bold": True, "valign": "top"}),
        "title": workbook.add_format({"bold": True, "font_size": 16, "font_color": ACCENT}),
        "label": workbook.add_format({"bold": True, "font_color": "#56606b", "valign": "top"}),
        "header": workbook.add_format(
            {"bold": True, "bg_color": "#dde6ef", "bottom": 2, "text_wrap": True, "valign": "bottom"}
        ),
        "score": workbook.add_format({"num_format": SCORE_FORMAT, "valign": "top"}),
        "percent": workbook.add_format({"num_format": PERCENT_FORMAT, "valign": "top"}),
        "integer": workbook.add_format({"num_format": "0", "valign": "top"}),
        "decimal2": workbook.add_format({"num_format": "0.00", "valign": "top"}),
        "value": workbook.add_format({"num_format": "General", "valign": "top"}),
        "flag": workbook.add_format({"font_color": "#8a2c0d", "bold": True, **wrap}),
        "mono": workbook.add_format({"font_name": "Consolas", "valign": "top"}),
    }


def _summary(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = _Sheet(workbook, "Summary", formats)
    sheet = page.sheet
    page.width(0, 22)
    page.width(1, 100)
    page.text(0, 0, context.title, "title")
    details = [
        (
            "Model",
            context.model_name + (f" (version {context.model_version})" if context.model_version else ""),
        ),
        ("Date", context.date_text),
        ("Method", f"{context.method_label}: {context.direction}"),
        ("Weight profile", f"{context.profile_name} ({context.profile})"),
        ("Weights changed", context.overrides_text or "none"),
        ("Produced by", f"decisiontool {context.tool_version}"),
    ]
    row = 2
    for label, value in details:
        page.text(row, 0, label, "label")
        page.text(row, 1, value)
        row += 1
    row += 1
    page.text(row, 0, "Summary", "label")
    page.text(row, 1, context.summary)
    row += 2
    page.text(row, 0, "Flags", "label")
    if not context.flags:
        page.text(
            row,
            1,
            "None: no option fails a minimum, no score was missing, no score's range spans more than "
            f"{WIDE_UNCERTAINTY:.0%} of its scale.",
        )
    for flag in context.flags:
        page.text(row, 1, f"{flag.option_name}: {flag.kind} on {flag.criterion_name}: {flag.detail}", "flag")
        row += 1
    page.fit_rows()
    sheet.activate()


def _ranking(workbook: Any, formats: dict[str, Any], context: ReportContext, colours: dict[str, str]) -> None:
    page = _Sheet(workbook, "Ranking", formats)
    columns: list[tuple[str, float]] = [
        ("Rank", 6),
        ("Option", 24),
        ("Name", 40),
        ("Kind", 20),
        ("Score", 10),
        ("Flags", 36),
    ]
    if context.has_contributions:
        columns += [(w.name, 14) for w in context.weights]
    columns += [(key, 10) for key in context.extra_keys]
    page.header(columns)
    first_detail = 6
    for index, row in enumerate(context.rows, start=1):
        page.number(index, 0, row.rank, "integer")
        page.text(index, 1, row.option, "plain")
        page.text(index, 2, row.name)
        page.text(index, 3, row.kind_label, "plain")
        page.number(index, 4, row.score)
        page.text(index, 5, "; ".join(row.flag_labels), "flag")
        column = first_detail
        for part in row.contributions or ():
            page.number(index, column, part.value)
            column += 1
        for key in context.extra_keys:
            page.number(index, column, row.extra[key])
            column += 1
    last = len(context.rows)
    page.table_end(last, len(columns))
    if not context.rows:
        return
    chart = workbook.add_chart(
        {"type": "bar", "subtype": "stacked"} if context.has_contributions else {"type": "bar"}
    )
    name = page.name
    if context.has_contributions:
        for offset, w in enumerate(context.weights):
            column = first_detail + offset
            chart.add_series(
                {
                    "name": [name, 0, column],
                    "categories": [name, 1, 2, last, 2],
                    "values": [name, 1, column, last, column],
                    "fill": {"color": colours[w.criterion]},
                    "border": {"color": "#ffffff"},
                    "gap": 60,
                }
            )
        chart.set_title({"name": "Scores broken down by criterion"})
        chart.set_legend({"position": "bottom"})
    else:
        chart.add_series(
            {
                "name": [name, 0, 4],
                "categories": [name, 1, 2, last, 2],
                "values": [name, 1, 4, last, 4],
                "fill": {"color": ACCENT},
                "gap": 60,
            }
        )
        chart.set_title({"name": f"Scores ({context.direction})"})
        chart.set_legend({"none": True})
    # a bar chart draws its first category at the bottom: reverse so that rank 1 is on top
    chart.set_y_axis({"reverse": True, "interval_unit": 1})
    chart.set_x_axis(
        {"num_format": "0.00", "major_gridlines": {"visible": True, "line": {"color": "#e1e5ea"}}}
    )
    chart.set_size({"width": 900, "height": max(320, 60 + 42 * last + 18 * len(context.weights) // 3)})
    page.sheet.insert_chart(last + 3, 1, chart)


def _weights(workbook: Any, formats: dict[str, Any], context: ReportContext, colours: dict[str, str]) -> None:
    page = _Sheet(workbook, "Weights", formats)
    columns = [
        ("Criterion", 24),
        ("Name", 36),
        ("Group", 28),
        ("Group weight", 12),
        ("Weight in group", 12),
        ("Effective weight", 12),
    ]
    page.header(columns)
    for index, w in enumerate(context.weights, start=1):
        page.text(index, 0, w.criterion, "plain")
        page.text(index, 1, w.name)
        page.text(index, 2, w.group_name)
        page.number(index, 3, w.group_weight, "value")
        page.number(index, 4, w.relative, "value")
        page.number(index, 5, w.weight, "percent")
    last = len(context.weights)
    page.table_end(last, len(columns))
    if not last:
        return
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": ["Weights", 0, 5],
            "categories": ["Weights", 1, 1, last, 1],
            "values": ["Weights", 1, 5, last, 5],
            "points": [{"fill": {"color": colours[w.criterion]}} for w in context.weights],
            "gap": 50,
        }
    )
    chart.set_title({"name": "Effective weights"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True, "interval_unit": 1})
    chart.set_x_axis({"num_format": "0%"})
    chart.set_size({"width": 720, "height": max(300, 60 + 24 * last)})
    page.sheet.insert_chart(last + 3, 1, chart)


def _scores(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = _Sheet(workbook, "Scores", formats)
    columns: list[tuple[str, float]] = [("Rank", 6), ("Option", 24), ("Name", 40)]
    columns += [(w.name, 14) for w in context.weights]
    page.header(columns)
    ranks = {row.option: row.rank for row in context.rows}
    for index, option in enumerate(context.options, start=1):
        page.number(index, 0, ranks[option.option], "integer")
        page.text(index, 1, option.option, "plain")
        page.text(index, 2, option.name)
        for column, score in enumerate(option.scores, start=3):
            page.number(index, column, score.value, "value")
    page.table_end(len(context.options), len(columns))


def _evidence(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = _Sheet(workbook, "Evidence", formats)
    columns = [
        ("Option", 22),
        ("Option name", 30),
        ("Criterion", 20),
        ("Criterion name", 26),
        ("Score", 8),
        ("Low", 7),
        ("High", 7),
        ("Meaning on the scale", 28),
        ("Rationale", 60),
        ("Sources", 45),
        ("Flags", 22),
    ]
    page.header(columns)
    row = 0
    for option in context.options:
        for score in option.scores:
            row += 1
            page.text(row, 0, option.option, "plain")
            page.text(row, 1, option.name)
            page.text(row, 2, score.criterion, "plain")
            page.text(row, 3, score.criterion_name)
            page.number(row, 4, score.value, "value")
            page.number(row, 5, score.low, "value")
            page.number(row, 6, score.high, "value")
            page.text(row, 7, score.level)
            page.text(row, 8, score.rationale)
            page.sources(row, 9, score.sources)
            flags = [
                label
                for label, present in (
                    ("missing, set to worst", score.filled),
                    ("fails minimum", score.fails_minimum),
                    ("wide uncertainty", score.wide),
                )
                if present
            ]
            page.text(row, 10, "; ".join(flags), "flag")
    page.table_end(row, len(columns))


def _criteria(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = _Sheet(workbook, "Criteria", formats)
    columns = [
        ("Criterion", 22),
        ("Name", 28),
        ("Group", 24),
        ("Direction", 10),
        ("Scale low", 9),
        ("Scale high", 9),
        ("Minimum", 9),
        ("Effective weight", 11),
        ("Description", 50),
        ("Scale levels", 45),
        ("Lessons", 50),
    ]
    page.header(columns)
    for index, k in enumerate(context.criteria, start=1):
        page.text(index, 0, k.criterion, "plain")
        page.text(index, 1, k.name)
        page.text(index, 2, k.group_name)
        page.text(index, 3, k.direction, "plain")
        page.number(index, 4, k.scale[0], "value")
        page.number(index, 5, k.scale[1], "value")
        page.number(index, 6, k.minimum, "value")
        page.number(index, 7, k.weight, "percent")
        page.text(index, 8, k.description)
        page.text(index, 9, "\n".join(f"{point}: {text}" for point, text in k.levels))
        page.text(index, 10, "\n".join(f"{lesson.id}: {lesson.title}" for lesson in k.lessons))
    page.table_end(len(context.criteria), len(columns))


def _lessons(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = _Sheet(workbook, "Lessons", formats)
    columns = [("Lesson", 10), ("Title", 40), ("Summary", 80), ("Sources", 50)]
    page.header(columns)
    for index, lesson in enumerate(context.lessons, start=1):
        page.text(index, 0, lesson.id, "plain")
        page.text(index, 1, lesson.title)
        page.text(index, 2, lesson.summary)
        page.sources(index, 3, lesson.sources)
    page.table_end(len(context.lessons), len(columns))


def _sensitivity(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = _Sheet(workbook, "Sensitivity", formats)
    columns = [
        ("Criterion", 22),
        ("Name", 30),
        ("Weight now", 11),
        ("Lower critical weight", 12),
        ("First below it", 30),
        ("Upper critical weight", 12),
        ("First above it", 30),
        ("Solved exactly", 9),
        ("Stable from", 10),
        ("Stable width", 10),
    ]
    page.header(columns)
    rows = context.sensitivity_rows
    for index, s in enumerate(rows, start=1):
        page.text(index, 0, s.criterion, "plain")
        page.text(index, 1, s.name)
        page.number(index, 2, s.weight, "percent")
        page.number(index, 3, s.down, "percent")
        page.text(index, 4, context.option_name(s.down_top))
        page.number(index, 5, s.up, "percent")
        page.text(index, 6, context.option_name(s.up_top))
        page.text(index, 7, "yes" if s.exact else "no (sweep)", "plain")
        low = s.down if s.down is not None else 0.0
        high = s.up if s.up is not None else 1.0
        page.number(index, 8, low, "percent")
        page.number(index, 9, high - low, "percent")
    last = len(rows)
    page.table_end(last, len(columns))
    if not last:
        return
    # a tornado: an invisible bar up to the lower critical weight, then the stable interval
    chart = workbook.add_chart({"type": "bar", "subtype": "stacked"})
    chart.add_series(
        {
            "name": "Below",
            "categories": ["Sensitivity", 1, 1, last, 1],
            "values": ["Sensitivity", 1, 8, last, 8],
            "fill": {"none": True},
            "border": {"none": True},
        }
    )
    chart.add_series(
        {
            "name": "Weights at which the first option stays first",
            "categories": ["Sensitivity", 1, 1, last, 1],
            "values": ["Sensitivity", 1, 9, last, 9],
            "fill": {"color": "#9ecae1"},
            "gap": 50,
        }
    )
    chart.set_title({"name": "Weight ranges within which the first option does not change"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True, "interval_unit": 1})
    chart.set_x_axis({"min": 0, "max": 1, "num_format": "0%"})
    chart.set_size({"width": 760, "height": max(300, 60 + 26 * last)})
    page.sheet.insert_chart(last + 3, 1, chart)


def _smaa(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = _Sheet(workbook, "SMAA", formats)
    ranks = max((len(row.acceptability) for row in context.smaa_rows), default=0)
    columns: list[tuple[str, float]] = [("Option", 22), ("Name", 36)]
    columns += [(f"Rank {rank}", 9) for rank in range(1, ranks + 1)]
    columns += [("Expected rank", 10), ("Confidence", 11)]
    page.header(columns)
    for index, s in enumerate(context.smaa_rows, start=1):
        page.text(index, 0, s.option, "plain")
        page.text(index, 1, s.name)
        for column, share in enumerate(s.acceptability, start=2):
            page.number(index, column, share, "percent")
        page.number(index, 2 + ranks, s.expected_rank, "decimal2")
        page.number(index, 3 + ranks, s.confidence, "percent")
    last = len(context.smaa_rows)
    page.table_end(last, len(columns))
    if last and ranks:
        page.sheet.conditional_format(
            1,
            2,
            last,
            1 + ranks,
            {
                "type": "2_color_scale",
                "min_type": "num",
                "min_value": 0,
                "max_type": "num",
                "max_value": 1,
                "min_color": "#ffffff",
                "max_color": "#5b8db8",
            },
        )
    note = context.smaa_description
    page.text(last + 2, 1, note)
    page.fit_rows()


def _provenance(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = _Sheet(workbook, "Provenance", formats)
    columns = [("Item", 28), ("Value", 80), ("Bytes", 10)]
    page.header(columns)
    provenance = context.provenance
    items = [
        ("Model directory", provenance.model_directory + (" (bundled model)" if provenance.bundled else "")),
        ("Command", provenance.command_line),
        ("Produced by", f"decisiontool {provenance.tool_version}"),
        ("Date", provenance.date),
    ]
    row = 0
    for label, value in items:
        row += 1
        page.text(row, 0, label, "bold")
        page.text(row, 1, value)
    for file in provenance.files:
        row += 1
        page.text(row, 0, file.path, "plain")
        page.text(row, 1, f"SHA-256 {file.sha256}", "mono")
        page.number(row, 2, file.size, "integer")
    page.fit_rows()


def render(context: ReportContext) -> bytes:
    """The report as an .xlsx workbook."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    created = datetime.datetime.combine(context.date, datetime.time(0, 0), tzinfo=datetime.UTC)
    workbook.set_properties(
        {
            "title": context.title,
            "subject": context.model_name,
            "comments": f"decisiontool {context.tool_version}",
            "created": created.replace(tzinfo=None),
        }
    )
    formats = _formats(workbook)
    colours = criterion_colours([(w.criterion, w.group) for w in context.weights])
    _summary(workbook, formats, context)
    _ranking(workbook, formats, context, colours)
    _weights(workbook, formats, context, colours)
    _scores(workbook, formats, context)
    _evidence(workbook, formats, context)
    _criteria(workbook, formats, context)
    _lessons(workbook, formats, context)
    if context.sensitivity is not None:
        _sensitivity(workbook, formats, context)
    if context.smaa is not None:
        _smaa(workbook, formats, context)
    _provenance(workbook, formats, context)
    workbook.close()
    return buffer.getvalue()
