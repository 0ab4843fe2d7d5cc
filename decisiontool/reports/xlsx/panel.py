"""The workbook's Panel sheet (when the model has a panel): the illustrative notice first, the
panel's findings in words, then the participants, their weights, the scores they read
differently and the dissent register in full, from the report's one `PanelSection`.

Must not import rich, textual or jinja2; xlsxwriter objects arrive as arguments.
"""

from __future__ import annotations

from typing import Any

from decisiontool.reports.panel_section import PanelSection
from decisiontool.reports.xlsx.sheet import Sheet

__all__ = ["panel_sheet"]

_LAST = 7
"""The last column the sentences span."""


def panel_sheet(workbook: Any, formats: dict[str, Any], section: PanelSection) -> None:
    page = Sheet(workbook, "Panel", formats)
    for column, width in enumerate((30, 34, 16, 30, 10, 10, 10, 50)):
        page.width(column, width)
    page.text(0, 0, section.title, "title")
    row = 2
    if section.notice:
        page.merged(row, 0, _LAST, section.notice, "flag")
        row += 2
    for sentence in section.sentences[1 if section.notice else 0 :]:
        page.merged(row, 0, _LAST, sentence)
        row += 1
    row = _participants(page, row + 1, section)
    row = _weights(page, row + 1, section)
    row = _readings(page, row + 1, section)
    _dissent(page, row + 1, section)
    page.fit_rows()


def _participants(page: Sheet, row: int, section: PanelSection) -> int:
    page.text(row, 0, "Participants", "subtitle")
    page.titles(
        row + 1,
        (
            "Participant",
            "Role",
            "Weights given as",
            "First option under their weights",
            "Kendall's tau to the group",
            "Own readings",
            "Pivotal",
            "The group's first option without them",
        ),
    )
    row += 2
    for entry in section.participants:
        page.text(row, 0, entry.name)
        page.text(row, 1, entry.role)
        page.text(row, 2, entry.given_as, "plain")
        page.text(row, 3, entry.top_name)
        page.number(row, 4, entry.tau, "decimal2")
        page.number(row, 5, entry.own_scores, "integer")
        page.text(row, 6, "yes" if entry.pivotal else "no", "plain")
        page.text(row, 7, entry.top_without_name or "")
        row += 1
    page.text(row, 0, "Kendall's W (agreement of all rankings)", "label")
    page.number(row, 1, section.kendall_w, "decimal2")
    return row + 1


def _weights(page: Sheet, row: int, section: PanelSection) -> int:
    page.text(row, 0, "Effective weights", "subtitle")
    names = [entry.name for entry in section.participants]
    page.titles(row + 1, ("Criterion", *names, f"Group ({section.result.aggregate})"))
    row += 2
    for entry in section.weights:
        page.text(row, 0, entry.name)
        for column, weight in enumerate((*entry.weights, entry.group), start=1):
            page.number(row, column, weight, "percent")
        row += 1
    return row


def _readings(page: Sheet, row: int, section: PanelSection) -> int:
    page.text(row, 0, "Scores read differently", "subtitle")
    page.titles(row + 1, ("Option", "Criterion", "Model's score", "Readings", "Spread", "Pooled (median)"))
    row += 2
    if not section.readings:
        page.text(row, 0, "Every participant reads every score as the model does.")
        return row + 1
    for entry in section.readings:
        page.text(row, 0, entry.option_name)
        page.text(row, 1, entry.criterion_name)
        page.number(row, 2, entry.model_value, "value")
        page.text(row, 3, entry.readings)
        page.number(row, 4, entry.spread, "value")
        page.number(row, 5, entry.pooled, "value")
        row += 1
    return row


def _dissent(page: Sheet, row: int, section: PanelSection) -> int:
    page.text(row, 0, "Dissent register", "subtitle")
    page.titles(row + 1, ("Participant", "About", "Kind", "Dissent"))
    row += 2
    if not section.dissent:
        page.text(row, 0, "No participant recorded a dissent.")
        return row + 1
    for entry in section.dissent:
        page.text(row, 0, entry.participant_name)
        page.text(row, 1, entry.about_name)
        page.text(row, 2, entry.about_kind, "plain")
        page.merged(row, 3, _LAST, entry.text)
        row += 1
    return row
