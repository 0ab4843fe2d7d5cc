"""The workbook's first sheets: Summary (title, run, summary, flags) and Findings (the bottom
line, then what the ranking means in words and in tables).

The Findings sheet reads the report's one `Findings` object and its bottom line
(`ReportContext.reader`); nothing is computed again.

Must not import rich, textual or jinja2; xlsxwriter objects arrive as arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from decisiontool.reports.content import WIDE_UNCERTAINTY, ReportContext
from decisiontool.reports.xlsx.money import value_for_money_table
from decisiontool.reports.xlsx.sheet import Sheet

__all__ = ["findings_sheet", "summary_sheet"]

_LAST = 9
"""The Findings sheet's last table column: sentences span the sheet up to it."""


def summary_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    page = Sheet(workbook, "Summary", formats)
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
    status = context.reader.status_line
    if status:
        details.insert(2, ("Status", status))
    row = _pairs(page, 2, details)
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
    page.sheet.activate()


def _pairs(page: Sheet, row: int, pairs: Sequence[tuple[str, str]], last: int = 1) -> int:
    """Label and value rows from `row` on (the value across columns 1 to `last`); the next free row."""
    for label, value in pairs:
        page.text(row, 0, label, "label")
        if last > 1:
            page.merged(row, 1, last, value)
        else:
            page.text(row, 1, value)
        row += 1
    return row


def findings_sheet(workbook: Any, formats: dict[str, Any], context: ReportContext) -> None:
    """The bottom line, the findings' sentences, then the options, agreement, dominance and why."""
    page = Sheet(workbook, "Findings", formats)
    for column, width in enumerate((26, 34, 8, 10, 10, 10, 12, 10, 26, 40)):
        page.width(column, width)
    page.text(0, 0, "What the ranking means", "title")
    line = context.reader.bottom_line
    findings = context.reader.findings
    row = _pairs(
        page,
        2,
        [
            ("Question", line.question),
            ("Answer", line.answer),
            ("Verdict", line.verdict),
            ("Contenders", "\n".join(line.contenders) or "none"),
            ("What would change it", "\n".join(line.changes) or "no single change found"),
            ("Agreement", "\n".join(line.agreement)),
            ("Dominance", line.dominance or "no option dominates another"),
            ("Caveats", "\n".join(line.caveats)),
        ],
        last=_LAST,
    )
    row = _sentences(page, row + 1, findings.sentences)
    row = _options_table(page, row + 1, context)
    row = _agreement_tables(page, row + 1, context)
    row = _dominance_table(page, row + 1, context)
    row = _why_table(page, row + 1, context)
    value_for_money_table(page, row + 1, context)
    page.fit_rows()


def _sentences(page: Sheet, row: int, sentences: Sequence[str]) -> int:
    page.text(row, 0, "In words", "subtitle")
    row += 1
    for sentence in sentences:
        page.merged(row, 0, _LAST, sentence)
        row += 1
    return row


def _options_table(page: Sheet, row: int, context: ReportContext) -> int:
    findings = context.reader.findings
    page.text(row, 0, "Options", "subtitle")
    page.titles(
        row + 1,
        (
            "Option",
            "Name",
            "Rank",
            "Score",
            "Score low",
            "Score high",
            "First in (share of samples)",
            "Contender",
            "Closest change: criterion",
            "Closest change: from → to (and what it does)",
        ),
    )
    row += 2
    for ranked in context.rows:
        option = ranked.option
        low, high = context.reader.interval(option)
        page.text(row, 0, option, "plain")
        page.text(row, 1, ranked.name)
        page.number(row, 2, ranked.rank, "integer")
        page.number(row, 3, ranked.score)
        page.number(row, 4, low)
        page.number(row, 5, high)
        page.number(row, 6, findings.first_acceptability.get(option, 0.0), "percent")
        page.text(row, 7, "yes" if option in findings.contenders else "no", "plain")
        change = findings.closest_changes.get(option)
        if change is None:
            page.text(row, 8, "none", "plain")
            page.text(row, 9, "no single score within its scale makes it first")
        else:
            effect = (
                f"puts {findings.names.get(change.new_top, change.new_top)} first"
                if change.new_top is not None
                else "makes it first"
            )
            page.text(row, 8, findings.criterion_names.get(change.criterion, change.criterion))
            page.text(row, 9, f"{change.from_value:g} → {change.to_value:.4g}: {effect}")
        row += 1
    return row


def _agreement_tables(page: Sheet, row: int, context: ReportContext) -> int:
    findings = context.reader.findings
    names = findings.names
    page.text(row, 0, "Agreement", "subtitle")
    page.titles(row + 1, ("Method", "First option", "", "Profile", "First option"))
    method_names = dict(zip(context.reader.methods.columns, context.reader.methods.column_names, strict=True))
    profile_names = dict(
        zip(context.reader.profiles.columns, context.reader.profiles.column_names, strict=True)
    )
    methods = [(method_names.get(m, m), top) for m, top in findings.agreement.methods.items()]
    profiles = [(profile_names.get(p, p), top) for p, top in findings.agreement.profiles.items()]
    for offset, (label, top) in enumerate(methods):
        page.text(row + 2 + offset, 0, label)
        page.text(row + 2 + offset, 1, names.get(top, top))
    for offset, (label, top) in enumerate(profiles):
        page.text(row + 2 + offset, 3, label)
        page.text(row + 2 + offset, 4, names.get(top, top))
    return row + 2 + max(len(methods), len(profiles))


def _dominance_table(page: Sheet, row: int, context: ReportContext) -> int:
    findings = context.reader.findings
    names = findings.names
    page.text(row, 0, "Dominance", "subtitle")
    page.titles(row + 1, ("Option", "Dominates", "Robust to the score ranges"))
    row += 2
    if not findings.dominance:
        page.text(row, 0, "No option dominates another.")
        return row + 1
    for pair in findings.dominance:
        page.text(row, 0, names.get(pair.option, pair.option))
        page.text(row, 1, names.get(pair.dominates, pair.dominates))
        page.text(row, 2, "yes" if pair.robust else "no", "plain")
        row += 1
    return row


def _why_table(page: Sheet, row: int, context: ReportContext) -> int:
    findings = context.reader.findings
    why = findings.why
    if why is None:
        return row
    names = findings.names
    kind = "contribution to the difference" if why.decomposition else "weighted value difference"
    page.text(
        row,
        0,
        f"Why {names.get(why.option, why.option)} is ahead of {names.get(why.versus, why.versus)}",
        "subtitle",
    )
    page.titles(row + 1, ("Criterion", kind.capitalize()))
    row += 2
    for term in why.terms:
        page.text(row, 0, findings.criterion_names.get(term.criterion, term.criterion))
        page.number(row, 1, term.contribution)
        row += 1
    note = (
        f"The terms add up to the score difference of {why.difference:.4f}."
        if why.decomposition
        else "An explanation, not a decomposition: this method's scores do not add up over criteria."
    )
    page.merged(row, 0, _LAST, note)
    return row + 1
