"""The workbook's evidence sheets: Evidence (every score with its reasons), Criteria, Lessons,
Sources (every source once, as a hyperlink, with what it supports) and Provenance.

A cell holds one link, so the Evidence and Lessons cells link their first source and the
Sources sheet gives each source its own linked row. Citations are formatted by
`decisiontool.model.citations` (`Citation.line`, `Citation.text`), as in every format.

Must not import rich, textual or jinja2; xlsxwriter objects arrive as arguments.
"""

from __future__ import annotations

from typing import Any

from decisiontool.model.citations import Citation
from decisiontool.reports.content import ReportContext
from decisiontool.reports.xlsx.ranking import scored_name
from decisiontool.reports.xlsx.sheet import Sheet

__all__ = ["criteria_sheet", "evidence_sheet", "lessons_sheet", "provenance_sheet", "sources_sheet"]


def evidence_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "Evidence", formats)
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
            page.text(row, 3, scored_name(context, score.criterion, score.criterion_name))
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


def criteria_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "Criteria", formats)
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
        ("How a score becomes a value", 45),
    ]
    page.header(columns)
    for index, k in enumerate(context.criteria, start=1):
        page.text(index, 0, k.criterion, "plain")
        page.text(index, 1, k.name)
        page.text(index, 2, k.group_name)
        page.text(index, 3, "benefit" if k.direction == "benefit" else "cost (lower is better)", "plain")
        page.number(index, 4, k.scale[0], "value")
        page.number(index, 5, k.scale[1], "value")
        page.number(index, 6, k.minimum, "value")
        page.number(index, 7, k.weight, "percent")
        page.text(index, 8, k.description)
        page.text(index, 9, "\n".join(f"{point}: {text}" for point, text in k.levels))
        page.text(index, 10, "\n".join(f"{lesson.id}: {lesson.title}" for lesson in k.lessons))
        page.text(index, 11, context.reader.functions.get(k.criterion, ""))
    page.table_end(len(context.criteria), len(columns))


def lessons_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "Lessons", formats)
    columns = [("Lesson", 10), ("Title", 40), ("Summary", 80), ("Sources", 50)]
    page.header(columns)
    for index, lesson in enumerate(context.lessons, start=1):
        page.text(index, 0, lesson.id, "plain")
        page.text(index, 1, lesson.title)
        page.text(index, 2, lesson.summary)
        page.sources(index, 3, lesson.sources)
    page.table_end(len(context.lessons), len(columns))


def cited_sources(context: ReportContext) -> list[tuple[Citation, list[str]]]:
    """Every distinct source of the report (by its printed line), first seen first, with what it supports."""
    found: dict[str, tuple[Citation, list[str]]] = {}
    for option in context.options:
        for score in option.scores:
            for citation in score.sources:
                entry = found.setdefault(citation.line(), (citation, []))
                entry[1].append(f"{option.name}: {score.criterion_name}")
    for lesson in context.lessons:
        for citation in lesson.sources:
            entry = found.setdefault(citation.line(), (citation, []))
            entry[1].append(f"Lesson {lesson.id}: {lesson.title}")
    return list(found.values())


def sources_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    """Each source once, linked to its URL, with its date and the scores and lessons it supports."""
    page = Sheet(workbook, "Sources", formats)
    columns = [("Source", 60), ("Date", 12), ("Link", 40), ("Supports", 70)]
    page.header(columns)
    row = 0
    for citation, uses in cited_sources(context):
        row += 1
        page.link(row, 0, citation.url, citation.text)
        page.text(row, 1, citation.date or "", "plain")
        page.link(row, 2, citation.url, citation.url or "")
        page.text(row, 3, "\n".join(uses))
    page.table_end(row, len(columns))


def provenance_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "Provenance", formats)
    columns = [("Item", 28), ("Value", 80), ("Bytes", 10)]
    page.header(columns)
    provenance = context.provenance
    items = [
        ("Model directory", provenance.directory_text + "; the file paths below are relative to it"),
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
