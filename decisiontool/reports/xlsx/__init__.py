"""The workbook report (xlsxwriter): sheets a desk officer can sort, filter and chart further.

Sheets: Summary (title, run, summary, flags), Findings (the bottom line, what the ranking
means in words and tables), Ranking (contributions headed as such, with a native stacked
bar chart, or the scores for methods without contributions), Weights (with a bar chart),
Scores (options x criteria as scored), Evidence (every score with its range, meaning,
rationale and sources), Criteria, Lessons, Sources (each source once, as a hyperlink),
Sensitivity and SMAA (when run: rank acceptability colour-scaled, central weights, a note
on confidence), Panel (when the model has one: participants, agreement, pivotal
participants, weights, differing readings, the dissent register),
Provenance. Every table has a frozen header row and set column widths;
numbers are written as numbers with a number format, never as text; every chart titles
its axes and takes its colours from `decisiontool.palette`.

Text from the model goes through `decisiontool.sanitise.cell`, and strings are never
turned into formulas or links: the only hyperlinks are sources' own URLs. The workbook's
creation date is the report date, so a fixed date gives identical bytes.

xlsxwriter is imported inside `render` only. Must not import rich, textual or jinja2.
"""

from __future__ import annotations

import datetime
import io
from typing import Any

from decisiontool.reports.content import ReportContext
from decisiontool.reports.xlsx.evidence import (
    criteria_sheet,
    evidence_sheet,
    lessons_sheet,
    provenance_sheet,
    sources_sheet,
)
from decisiontool.reports.xlsx.overview import findings_sheet, summary_sheet
from decisiontool.reports.xlsx.panel import panel_sheet
from decisiontool.reports.xlsx.ranking import ranking_sheet, scores_sheet, weights_sheet
from decisiontool.reports.xlsx.robustness import sensitivity_sheet, smaa_sheet
from decisiontool.reports.xlsx.sheet import PERCENT_FORMAT, SCORE_FORMAT, formats

__all__ = ["PERCENT_FORMAT", "SCORE_FORMAT", "render"]


def _footer_text(text: str) -> str:
    # `&` starts a control code in a header or footer: doubled, it prints itself
    return text.replace("&", "&&")


def _footers(workbook: Any, context: ReportContext) -> None:
    """Every printed page says what it is: the model, the status and author, the page number."""
    left = context.model_name + (f" · {context.reader.status_line}" if context.reader.status_line else "")
    footer = f"&L&8{_footer_text(left)[:150]}&R&8&A · page &P of &N"
    for sheet in workbook.worksheets():
        sheet.set_footer(footer)


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
            "author": context.reader.author or "",
            "comments": f"decisiontool {context.tool_version}",
            "created": created.replace(tzinfo=None),
        }
    )
    styles = formats(workbook)
    summary_sheet(workbook, styles, context)
    findings_sheet(workbook, styles, context)
    ranking_sheet(workbook, styles, context)
    weights_sheet(workbook, styles, context)
    scores_sheet(workbook, styles, context)
    evidence_sheet(workbook, styles, context)
    criteria_sheet(workbook, styles, context)
    lessons_sheet(workbook, styles, context)
    sources_sheet(workbook, styles, context)
    if context.sensitivity is not None:
        sensitivity_sheet(workbook, styles, context)
    if context.smaa is not None:
        smaa_sheet(workbook, styles, context)
    if context.panel is not None:
        panel_sheet(workbook, styles, context.panel)
    provenance_sheet(workbook, styles, context)
    _footers(workbook, context)
    workbook.close()
    return buffer.getvalue()
