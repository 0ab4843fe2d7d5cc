"""The CSV report: one row per option, in rank order, UTF-8 with a header row.

Columns: rank, option, name, kind, score, fails_minimum, missing_scores, wide_uncertainty,
then one `contribution:<criterion>` column per criterion (wsm, whose contributions sum to
the score) or the method's own values (VIKOR's S, R, Q; PROMETHEE's phi_plus, phi_minus).
Numbers are written in full precision (Python's repr) so they equal `rank --format json`'s;
text cells are neutralised against formula injection. Named `csv_report` so that it does
not shadow the standard library's `csv`.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from decisiontool.reports.content import ReportContext
from decisiontool.reports.safety import neutralise_formula


def table(context: ReportContext) -> tuple[list[str], list[list[Any]]]:
    """The header and the rows (numbers as numbers, text as given)."""
    header = [
        "rank",
        "option",
        "name",
        "kind",
        "score",
        "fails_minimum",
        "missing_scores",
        "wide_uncertainty",
    ]
    criterion_ids = [row.criterion for row in context.weights]
    if context.has_contributions:
        header += [f"contribution:{cid}" for cid in criterion_ids]
    extra_keys = context.extra_keys
    header += list(extra_keys)
    rows: list[list[Any]] = []
    for row in context.rows:
        cells: list[Any] = [
            row.rank,
            row.option,
            row.name,
            row.kind,
            row.score,
            ";".join(row.fails_minimum),
            ";".join(row.filled),
            ";".join(row.wide),
        ]
        if row.contributions is not None:
            cells += [c.value for c in row.contributions]
        cells += [row.extra[key] for key in extra_keys]
        rows.append(cells)
    return header, rows


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise_formula(str(value))


def render(context: ReportContext) -> bytes:
    """The CSV bytes (UTF-8, no byte-order mark, CRLF line ends, quoted where needed)."""
    header, rows = table(context)
    buffer = io.StringIO()
    # CRLF as RFC 4180 says; it also makes the writer quote a field holding a lone carriage return
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_cell(h) for h in header])
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return buffer.getvalue().encode("utf-8")
