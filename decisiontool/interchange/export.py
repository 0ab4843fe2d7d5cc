"""A loaded model -> a performance matrix file: .csv, .xlsx (matrix, Options, Evidence) or .xml (XMCDA v4).

The CSV and the workbook's Matrix sheet have the layout `decisiontool import` reads
(docs/model-format.md), so export then import gives back a model that ranks the same under
every method:
criteria and options as `name [id]` (ids kept), the describing rows, and each score as a
number or `number [low, high]`. The weight row holds the effective weights (docs/model-format.md#weights)
of the default profile; import makes a group's weight the sum of its criteria's, which gives
back exactly these effective weights. Text from the model goes through
`decisiontool.sanitise.cell`, so no cell of a written file is ever a live formula.

XMCDA v4 is written with the standard library's ElementTree: the `xmcda` package (0.3) has no
type information and an object model whose scales need its own value wrappers, while the five
elements written here are a short, fixed structure; the tests validate the output against the
official XMCDA-4.0.0 schema that the `xmcda` package ships.

xlsxwriter is imported inside the workbook writer only. Must not import rich or textual.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple
from xml.etree import ElementTree

from decisiontool.atomic import write_bytes_atomic
from decisiontool.interchange.matrix import format_number
from decisiontool.model import Criterion, DecisionModel
from decisiontool.model.files import StructuredSource
from decisiontool.problems import ModelError, Problem
from decisiontool.sanitise import cell

__all__ = ["EXPORT_SUFFIXES", "XMCDA_NAMESPACE", "export_bytes", "export_model", "matrix_rows"]

EXPORT_SUFFIXES = (".csv", ".xlsx", ".xml")
XMCDA_NAMESPACE = "http://www.decision-deck.org/2021/XMCDA-4.0.0"

Cell = str | float | None


def _named(name: str, item_id: str) -> str:
    return f"{name} [{item_id}]"


Weights = Mapping[str, float]
"""Effective weights by criterion id (docs/model-format.md#weights), as `Analysis.weight_map` gives them."""


def effective_weights(model: DecisionModel, weights: Weights | None = None) -> dict[str, float]:
    """`weights` if given, else the default profile's effective weights, by criterion id."""
    if weights is not None:
        return {criterion.id: float(weights[criterion.id]) for criterion in model.criteria}
    from decisiontool.analysis import Analysis

    return Analysis.create(model).weight_map()


def matrix_rows(model: DecisionModel, weights: Weights | None = None) -> list[list[Cell]]:
    """The matrix as rows of cells: header, describing rows, one row per option."""
    criteria = model.criteria
    weights = effective_weights(model, weights)
    groups = {group.id: group for group in model.groups}
    rows: list[list[Cell]] = [["option", *(_named(c.name, c.id) for c in criteria)]]
    rows.append(["direction", *(c.direction for c in criteria)])
    rows.append(["weight", *(weights[c.id] for c in criteria)])
    rows.append(["scale_min", *(float(c.scale[0]) for c in criteria)])
    rows.append(["scale_max", *(float(c.scale[1]) for c in criteria)])
    rows.append(
        [
            "group",
            *(
                _named(groups[model.criterion_group[c.id]].name, model.criterion_group[c.id])
                for c in criteria
            ),
        ]
    )

    def optional(key: str, values: Sequence[Cell]) -> None:
        if any(value is not None for value in values):
            rows.append([key, *values])

    optional("minimum", [c.minimum for c in criteria])
    optional("preference", [c.preference.function if c.preference else None for c in criteria])
    for name in ("q", "p", "s"):
        optional(
            f"preference_{name}", [getattr(c.preference, name) if c.preference else None for c in criteria]
        )
    optional("value_function", [_value_function(c) for c in criteria])
    for option in model.options:
        row: list[Cell] = [_named(option.name, option.id)]
        for criterion in criteria:
            score = option.file.scores.get(criterion.id)
            if score is None or (option.id, criterion.id) in model.filled:
                row.append(None)
            elif score.range is None:
                row.append(float(score.value))
            else:
                low, high = score.range
                row.append(f"{format_number(score.value)} [{format_number(low)}, {format_number(high)}]")
        rows.append(row)
    return rows


def _value_function(criterion: Criterion) -> str | None:
    if criterion.value_function is None:
        return None
    return ", ".join(f"{format_number(x)}: {format_number(v)}" for x, v in criterion.value_function)


def source_line(source: str | StructuredSource) -> str:
    """One source as one line of the Evidence sheet: a string as is, a table as a TOML inline table."""
    if isinstance(source, str):
        return " ".join(source.split())
    from decisiontool.interchange.build import toml_inline_table

    return toml_inline_table(source.model_dump(exclude_none=True))


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    return cell(value)


def _csv(model: DecisionModel, weights: Weights | None) -> bytes:
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\r\n")
    for row in matrix_rows(model, weights):
        writer.writerow([_csv_cell(value) for value in row])
    return stream.getvalue().encode("utf-8")


class _Formats(NamedTuple):
    """The cell formats of an exported workbook."""

    header: Any
    describing: Any
    wrapped: Any
    text: Any


def _xlsx(model: DecisionModel, weights: Weights | None) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    formats = _Formats(
        header=book.add_format(
            {"bold": True, "bg_color": "#DDE4EE", "text_wrap": True, "valign": "top", "border": 1}
        ),
        describing=book.add_format({"italic": True, "bg_color": "#F2F2F2"}),
        wrapped=book.add_format({"text_wrap": True, "valign": "top"}),
        text=book.add_format({"valign": "top"}),
    )
    _matrix_sheet(book.add_worksheet("Matrix"), formats, matrix_rows(model, weights))
    _options_sheet(book.add_worksheet("Options"), formats, model)
    _evidence_sheet(book.add_worksheet("Evidence"), formats, model)
    book.set_properties({"title": model.name, "comments": "Exported by decisiontool export"})
    book.close()
    written: bytes = buffer.getvalue()
    return written


def _text(sheet: Any, r: int, c: int, value: str, style: Any) -> None:
    sheet.write_string(r, c, cell(value), style)


def _matrix_sheet(sheet: Any, formats: _Formats, rows: list[list[Cell]]) -> None:
    """The performance matrix: the header row, the describing rows (shaded), an option a row."""
    describing_count = sum(1 for row in rows[1:] if isinstance(row[0], str) and not row[0].endswith("]"))
    for r, row in enumerate(rows):
        style = formats.header if r == 0 else formats.describing if r <= describing_count else None
        for c, value in enumerate(row):
            if value is None:
                if style is not None:
                    sheet.write_blank(r, c, None, style)
            elif isinstance(value, float):
                sheet.write_number(r, c, value, style)
            else:
                _text(sheet, r, c, value, style or formats.text)
    sheet.freeze_panes(describing_count + 1, 1)
    sheet.set_column(0, 0, min(60, max(12, *(len(str(row[0])) for row in rows)) + 2))
    sheet.set_column(1, max(1, len(rows[0]) - 1), 16)
    sheet.set_row(0, 45)


def _header_row(sheet: Any, formats: _Formats, columns: tuple[tuple[str, int], ...]) -> None:
    for c, (title, width) in enumerate(columns):
        sheet.write_string(0, c, title, formats.header)
        sheet.set_column(c, c, width)


def _options_sheet(sheet: Any, formats: _Formats, model: DecisionModel) -> None:
    """An option a row: its name, kind, summary and precedents."""
    _header_row(sheet, formats, (("option", 40), ("kind", 22), ("summary", 80), ("precedents", 50)))
    sheet.freeze_panes(1, 1)
    for r, option in enumerate(model.options, start=1):
        _text(sheet, r, 0, _named(option.name, option.id), formats.wrapped)
        _text(sheet, r, 1, option.file.kind, formats.text)
        _text(sheet, r, 2, option.file.summary, formats.wrapped)
        _text(sheet, r, 3, "\n".join(option.file.precedents), formats.wrapped)


def _evidence_sheet(sheet: Any, formats: _Formats, model: DecisionModel) -> None:
    """A row for each score with a rationale or sources (filled-in scores have none)."""
    _header_row(sheet, formats, (("option", 34), ("criterion", 30), ("rationale", 80), ("sources", 60)))
    sheet.freeze_panes(1, 2)
    r = 1
    for option in model.options:
        for criterion in model.criteria:
            score = option.file.scores.get(criterion.id)
            if score is None or (option.id, criterion.id) in model.filled:
                continue
            if not score.rationale and not score.sources:
                continue
            _text(sheet, r, 0, _named(option.name, option.id), formats.wrapped)
            _text(sheet, r, 1, _named(criterion.name, criterion.id), formats.wrapped)
            _text(sheet, r, 2, score.rationale, formats.wrapped)
            _text(sheet, r, 3, "\n".join(source_line(source) for source in score.sources), formats.wrapped)
            r += 1


def _xmcda(model: DecisionModel, weights: Weights | None) -> bytes:
    ElementTree.register_namespace("xmcda", XMCDA_NAMESPACE)
    ns = f"{{{XMCDA_NAMESPACE}}}"

    def sub(
        parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str
    ) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, ns + tag, attributes)
        if text is not None:
            element.text = text
        return element

    def real(parent: ElementTree.Element, value: float) -> None:
        sub(parent, "real", repr(float(value)))

    root = ElementTree.Element(ns + "xmcda")
    alternatives = sub(root, "alternatives")
    for option in model.options:
        sub(alternatives, "alternative", id=option.id, name=option.name)
    criteria = sub(root, "criteria")
    for criterion in model.criteria:
        sub(criteria, "criterion", id=criterion.id, name=criterion.name)
    scales = sub(root, "criteriaScales")
    for criterion in model.criteria:
        entry = sub(scales, "criterionScales")
        sub(entry, "criterionID", criterion.id)
        quantitative = sub(sub(sub(entry, "scales"), "scale"), "quantitative")
        sub(quantitative, "preferenceDirection", "max" if criterion.direction == "benefit" else "min")
        real(sub(quantitative, "minimum"), criterion.scale[0])
        real(sub(quantitative, "maximum"), criterion.scale[1])
    weight_values = sub(root, "criteriaValues", mcdaConcept="weights")
    for criterion_id, weight in effective_weights(model, weights).items():
        entry = sub(weight_values, "criterionValues")
        sub(entry, "criterionID", criterion_id)
        real(sub(sub(entry, "values"), "value"), weight)
    table = sub(root, "performanceTable", mcdaConcept="scores")
    for option in model.options:
        row = sub(table, "alternativePerformances")
        sub(row, "alternativeID", option.id)
        for criterion in model.criteria:
            score = option.file.scores.get(criterion.id)
            performance = sub(row, "performance")
            sub(performance, "criterionID", criterion.id)
            value = sub(sub(performance, "values"), "value")
            if score is None or (option.id, criterion.id) in model.filled:
                sub(value, "NA")
            else:
                real(value, score.value)
    # the schema's root is a sequence: the performance table comes before scales and values
    order = ["alternatives", "criteria", "performanceTable", "criteriaScales", "criteriaValues"]
    root[:] = sorted(root, key=lambda element: order.index(element.tag.removeprefix(ns)))
    ElementTree.indent(root)
    body: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


_WRITERS = {".csv": _csv, ".xlsx": _xlsx, ".xml": _xmcda}


def export_bytes(model: DecisionModel, suffix: str, weights: Weights | None = None) -> bytes:
    """The model as a file of the format `suffix` names (.csv, .xlsx or .xml).

    `weights`: the effective weights to write (e.g. `Analysis.weight_map()` under a profile);
    default: the default profile's.
    """
    writer = _WRITERS.get(suffix.lower())
    if writer is None:
        raise ModelError(
            [
                Problem(
                    suffix or "(no suffix)",
                    "",
                    f"cannot export to '{suffix}': use {', '.join(EXPORT_SUFFIXES)}",
                )
            ]
        )
    return writer(model, weights)


def export_model(
    model: DecisionModel, path: Path | str, *, force: bool = False, weights: Weights | None = None
) -> Path:
    """Write `model` to `path` in the format its suffix names, atomically; replace a file only with force.

    `weights` as for `export_bytes`.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in _WRITERS:
        raise ModelError(
            [
                Problem(
                    str(target),
                    "",
                    f"cannot export to '{target.suffix or 'no suffix'}': use {', '.join(EXPORT_SUFFIXES)}",
                )
            ]
        )
    if target.exists() and not force:
        raise ModelError([Problem(str(target), "", "already exists; use --force to replace it")])
    write_bytes_atomic(target, export_bytes(model, suffix, weights), force=force)
    return target
