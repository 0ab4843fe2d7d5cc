"""Ranked reports a policy reader can use without running the tool: .md .html .csv .json .xlsx.

`write_report(analysis, path)` builds one `ReportContext` from the analysis (see
`decisiontool.reports.content`), renders it with the format its suffix names and writes the
file atomically (`decisiontool.atomic`). The CLI's `report` command and the Textual app's
export dialog both call it.

Each format is a module with `render(context) -> bytes`, registered in `RENDERERS` by
suffix. The format modules import jinja2 and xlsxwriter inside `render`, so importing this
package stays light; `decisiontool rank` does not import it at all.

Must not import rich or textual (nor jinja2 or xlsxwriter at module level).
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from decisiontool.problems import ModelError, Problem
from decisiontool.reports import csv_report, html, json_report, markdown, xlsx
from decisiontool.reports.content import WIDE_UNCERTAINTY, ReportContext, build_context
from decisiontool.reports.inputs import findings_for

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis
    from decisiontool.findings import Findings
    from decisiontool.panel import PanelResult
    from decisiontool.robustness import SensitivityResult, SmaaResult

__all__ = [
    "RENDERERS",
    "WIDE_UNCERTAINTY",
    "ReportContext",
    "build_context",
    "render_report",
    "report_date",
    "report_format",
    "write_report",
]

Renderer = Callable[[ReportContext], bytes]

RENDERERS: dict[str, Renderer] = {
    ".md": markdown.render,
    ".html": html.render,
    ".csv": csv_report.render,
    ".json": json_report.render,
    ".xlsx": xlsx.render,
}
"""Every report format by its file suffix (lower case, with the dot)."""


def report_format(path: Path | str) -> str | None:
    """The registered suffix of `path` (case-insensitive), or None when it names no format."""
    suffix = Path(path).suffix.lower()
    return suffix if suffix in RENDERERS else None


def report_date(date: datetime.date | None = None) -> datetime.date:
    """The date a report carries: `date` if given, else SOURCE_DATE_EPOCH (UTC), else today.

    SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) makes two
    runs produce identical bytes; a value that is not an integer is a ModelError.
    """
    if date is not None:
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise ModelError(
                [Problem("SOURCE_DATE_EPOCH", "", f"{epoch!r} is not a whole number of seconds since 1970")]
            ) from None
    return datetime.date.today()


def render_report(
    analysis: Analysis,
    suffix: str,
    *,
    date: datetime.date | None = None,
    argv: Sequence[str] = (),
    sensitivity: SensitivityResult | None = None,
    smaa: SmaaResult | None = None,
    findings: Findings | None = None,
    author: str | None = None,
    status: str | None = None,
    panel: PanelResult | None = None,
) -> bytes:
    """The bytes of a report in the format of `suffix` (e.g. `.html`), without writing a file."""
    renderer = RENDERERS.get(suffix.lower())
    if renderer is None:
        raise ModelError([Problem(suffix, "", f"unknown report format; use {', '.join(RENDERERS)}")])
    context = build_context(
        analysis,
        date=report_date(date),
        argv=argv,
        sensitivity=sensitivity,
        smaa=smaa,
        findings=findings,
        author=author,
        status=status,
        panel=panel,
    )
    return renderer(context)


def _writable_targets(target: Path, *, findings_csv: bool, force: bool) -> list[Path]:
    """The report file (and its findings CSV), each checked writable before either is written
    and before the (possibly slow) rendering; `write_bytes_atomic` checks again."""
    from decisiontool.atomic import check_writable

    targets = [target, csv_report.findings_path(target)] if findings_csv else [target]
    for each in targets:
        check_writable(each, force=force)
    return targets


def _check_format(target: Path) -> None:
    """Raise ModelError unless the suffix of `target` names a report format."""
    if report_format(target) is None:
        raise ModelError(
            [
                Problem(
                    str(target),
                    "",
                    f"unknown report format '{target.suffix}'; the file name must end in "
                    f"{', '.join(RENDERERS)}",
                )
            ]
        )


def write_report(
    analysis: Analysis,
    path: Path,
    *,
    force: bool = False,
    date: datetime.date | None = None,
    argv: Sequence[str] = (),
    sensitivity: SensitivityResult | None = None,
    smaa: SmaaResult | None = None,
    findings: Findings | None = None,
    author: str | None = None,
    status: str | None = None,
    panel: PanelResult | None = None,
    findings_csv: bool = False,
) -> None:
    """Write a report of `analysis` to `path`; the format follows the suffix.

    `date` defaults to SOURCE_DATE_EPOCH, else today; `argv` is the command line recorded in
    the provenance; `sensitivity` and `smaa` are the robustness results to include (see
    `reports.inputs.run_analyses`); `findings` are computed when not given; `author` and
    `status` (`draft` or `final`) are printed on the title and on every printed page.
    `panel`: the model's panel analysed under `analysis` (computed when not given and the
    model has a panel). `findings_csv`: also write the report's findings as CSV beside it (`r.csv` ->
    `r.findings.csv`, `csv_report.findings_path`), from the same findings.
    Raises ModelError (nothing written) for an unknown suffix, an existing file without
    `force`, or a path that cannot be written; both files are checked before either is
    written, and each is written atomically.
    """
    target = Path(path)
    _check_format(target)
    from decisiontool.atomic import write_bytes_atomic

    targets = _writable_targets(target, findings_csv=findings_csv, force=force)
    if findings is None:
        findings = findings_for(analysis, smaa)  # once, for the report and its findings CSV
    data = render_report(
        analysis,
        target.suffix,
        date=date,
        argv=argv,
        sensitivity=sensitivity,
        smaa=smaa,
        findings=findings,
        author=author,
        status=status,
        panel=panel,
    )
    findings_data = csv_report.findings_render(findings) if findings_csv else None
    write_bytes_atomic(target, data, force=force)
    if findings_data is not None:
        write_bytes_atomic(targets[1], findings_data, force=force)
