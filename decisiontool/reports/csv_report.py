"""The CSV report: one row per option, in rank order, UTF-8 with a header row.

The layout is `decisiontool.csv_tables`' (the same as `rank --format csv`): a header that is
the same under every method, with `method`, `profile` and `higher_is_better` columns, one
`contribution:<criterion>` column per criterion (filled for wsm) and every method's own
values (empty where the method has none). `findings_render` gives the findings CSV that
`report --findings-csv` writes beside the report (`FILE.findings.csv`). Named `csv_report`
so that it does not shadow the standard library's `csv`.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from decisiontool.csv_tables import Cell, RankingLine, RankingRun, csv_bytes, findings_table, ranking_header
from decisiontool.reports.content import ReportContext

if TYPE_CHECKING:
    from decisiontool.findings import Findings

__all__ = ["FINDINGS_SUFFIX", "findings_path", "findings_render", "render", "table"]

FINDINGS_SUFFIX = ".findings.csv"
"""What replaces a report's suffix in the name of its findings CSV."""


def table(context: ReportContext) -> tuple[list[str], list[list[Cell]]]:
    """The header and the rows (numbers as numbers, text as given)."""
    criterion_ids = tuple(w.criterion for w in context.weights)
    run = RankingRun(context.method, context.profile, context.higher_is_better, criterion_ids)
    rows = [
        run.row(
            RankingLine(
                rank=row.rank,
                option=row.option,
                name=row.name,
                kind=row.kind,
                score=row.score,
                fails_minimum=row.fails_minimum,
                missing=row.filled,
                wide=row.wide,
                contributions=(
                    None if row.contributions is None else {c.criterion: c.value for c in row.contributions}
                ),
                extra=row.extra,
            )
        )
        for row in context.rows
    ]
    return ranking_header(criterion_ids), rows


def render(context: ReportContext) -> bytes:
    """The CSV bytes (UTF-8, no byte-order mark, CRLF line ends, quoted where needed)."""
    return csv_bytes(*table(context))


def findings_path(report: Path) -> Path:
    """Where the findings CSV of the report `report` goes: `r.csv` -> `r.findings.csv`."""
    return report.with_name(report.name[: len(report.name) - len(report.suffix)] + FINDINGS_SUFFIX)


def findings_render(findings: Findings) -> bytes:
    """The report's findings (the one `Findings` the report shows) as CSV bytes."""
    return csv_bytes(*findings_table(findings))
