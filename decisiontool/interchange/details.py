"""The Options and Evidence sheets beside a matrix: options' kinds, summaries, precedents and evidence."""

from __future__ import annotations

from decisiontool.interchange.matrix import (
    IMPORTED_KIND,
    CriterionColumn,
    OptionRow,
    Score,
    format_number,
    shown,
    split_named,
)
from decisiontool.interchange.sheets import CellValue, Sheet, Workbook
from decisiontool.model.files import DEFAULT_OPTION_KINDS
from decisiontool.problems import Problem, did_you_mean

__all__ = ["read_details"]


def _header(
    sheet: Sheet, wanted: tuple[str, ...], required: tuple[str, ...], problems: list[Problem]
) -> dict[str, int] | None:
    if not sheet.rows:
        return None
    found: dict[str, int] = {}
    for c, value in enumerate(sheet.rows[0]):
        if isinstance(value, str) and value.strip().lower() in wanted:
            found.setdefault(value.strip().lower(), c)
    for key in required:
        if key not in found:
            problems.append(
                sheet.problem(
                    0, len(sheet.rows[0]), f"no '{key}' column in the header row ({', '.join(wanted)})"
                )
            )
            return None
    return found


def _text_cell(row: tuple[CellValue, ...], column: int | None) -> str:
    if column is None or column >= len(row) or row[column] is None:
        return ""
    value = row[column]
    return format_number(float(value)) if isinstance(value, int | float) else str(value)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class _Lookup:
    """Options and criteria found by id or by name (case-insensitive), as the sheets name them."""

    def __init__(self, options: list[OptionRow], criteria: list[CriterionColumn]) -> None:
        self.options = options
        self.criteria = criteria
        self.by_key: dict[str, int] = {}
        for index, option in enumerate(options):
            self.by_key.setdefault(option.id, index)
            self.by_key.setdefault(option.name.casefold(), index)
        self.criterion_keys: dict[str, str] = {}
        for criterion in criteria:
            self.criterion_keys.setdefault(criterion.id, criterion.id)
            self.criterion_keys.setdefault(criterion.name.casefold(), criterion.id)

    def option(self, text: str) -> int | None:
        name, explicit = split_named(text)
        by_key = self.by_key
        return by_key.get(explicit) if explicit is not None else by_key.get(name.casefold(), by_key.get(name))

    def criterion(self, text: str) -> str | None:
        name, explicit = split_named(text)
        if explicit is not None:
            return self.criterion_keys.get(explicit)
        return self.criterion_keys.get(name.casefold(), self.criterion_keys.get(name))


def read_details(
    book: Workbook, options: list[OptionRow], criteria: list[CriterionColumn], problems: list[Problem]
) -> tuple[list[OptionRow], tuple[str, ...], list[str]]:
    """Options' kind, summary, precedents and scores' evidence from the Options and Evidence sheets."""
    find = _Lookup(options, criteria)
    kinds, details = _options_sheet(book, find, problems)
    evidence = _evidence_sheet(book, find, problems)
    notes: list[str] = []
    used = list(dict.fromkeys(kinds.values()))
    if not used:
        option_kinds: tuple[str, ...] = (IMPORTED_KIND,)
        notes.append(
            f"no kinds given{' (no Options sheet)' if book.options is None else ''}: every option is of kind "
            f"'{IMPORTED_KIND}' (option_kinds in criteria/model.toml)"
        )
    elif set(used) <= set(DEFAULT_OPTION_KINDS):
        option_kinds = DEFAULT_OPTION_KINDS
    else:
        option_kinds = tuple(used)
    result: list[OptionRow] = []
    for index, option in enumerate(options):
        given_kind = kinds.get(index)
        kind = given_kind if given_kind is not None else option_kinds[0]
        if given_kind is None and used:
            notes.append(f"option '{option.name}': no kind given; assumed '{kind}'")
        summary, precedents = details.get(index, ("", ()))
        scores = {
            cid: Score(score.value, score.range, *evidence[(index, cid)])
            if (index, cid) in evidence
            else score
            for cid, score in option.scores.items()
        }
        result.append(OptionRow(option.id, option.name, option.row, kind, scores, summary, precedents))
    return result, option_kinds, notes


def _options_sheet(
    book: Workbook, find: _Lookup, problems: list[Problem]
) -> tuple[dict[int, str], dict[int, tuple[str, tuple[str, ...]]]]:
    """Option index -> kind, and -> (summary, precedents), from the Options sheet."""
    options = find.options
    kinds: dict[int, str] = {}
    details: dict[int, tuple[str, tuple[str, ...]]] = {}
    if book.options is not None:
        sheet = book.options
        header = _header(sheet, ("option", "kind", "summary", "precedents"), ("option",), problems) or {}
        for r, row in enumerate(sheet.rows[1:], start=1) if header else ():
            label = _text_cell(row, header["option"])
            if not label:
                continue
            found = find.option(label)
            if found is None:
                problems.append(
                    sheet.problem(
                        r,
                        header["option"],
                        f"unknown option {shown(label)}{did_you_mean(label, [o.name for o in options])}",
                    )
                )
                continue
            kind = _text_cell(row, header.get("kind")).strip()
            if kind:
                kinds[found] = kind
            details[found] = (
                _text_cell(row, header.get("summary")),
                _lines(_text_cell(row, header.get("precedents"))),
            )
    return kinds, details


def _evidence_sheet(
    book: Workbook, find: _Lookup, problems: list[Problem]
) -> dict[tuple[int, str], tuple[str, tuple[str, ...]]]:
    """(option index, criterion id) -> (rationale, sources), from the Evidence sheet."""
    options, criteria = find.options, find.criteria
    evidence: dict[tuple[int, str], tuple[str, tuple[str, ...]]] = {}
    if book.evidence is not None:
        sheet = book.evidence
        header = (
            _header(sheet, ("option", "criterion", "rationale", "sources"), ("option", "criterion"), problems)
            or {}
        )
        for r, row in enumerate(sheet.rows[1:], start=1) if header else ():
            label = _text_cell(row, header["option"])
            criterion_label = _text_cell(row, header["criterion"])
            if not label and not criterion_label:
                continue
            found = find.option(label)
            if found is None:
                problems.append(sheet.problem(r, header["option"], f"unknown option {shown(label)}"))
                continue
            criterion_id = find.criterion(criterion_label)
            if criterion_id is None:
                problems.append(
                    sheet.problem(
                        r,
                        header["criterion"],
                        f"unknown criterion {shown(criterion_label)}"
                        f"{did_you_mean(criterion_label, [c.name for c in criteria])}",
                    )
                )
                continue
            if criterion_id not in options[found].scores:
                problems.append(
                    sheet.problem(r, header["criterion"], "evidence for a score the matrix leaves empty")
                )
                continue
            evidence[(found, criterion_id)] = (
                _text_cell(row, header.get("rationale")),
                _lines(_text_cell(row, header.get("sources"))),
            )

    return evidence
