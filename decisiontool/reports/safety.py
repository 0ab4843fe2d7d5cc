"""Defences for text that comes from model files and ends up in a spreadsheet cell.

A spreadsheet treats a cell that begins with `=`, `+`, `-` or `@` (and, in some programs,
a tab or a carriage return) as a formula: an option named `=HYPERLINK(...)` would run when
a delegate opens the file. `neutralise_formula` puts an apostrophe in front of such text,
the convention spreadsheets themselves use for "this is text"; numbers are never touched.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from decisiontool.sanitise import cell


def neutralise_formula(text: str) -> str:
    """`text` with a leading apostrophe if it would otherwise be read as a formula
    (`decisiontool.sanitise.cell`, the one spreadsheet sanitiser)."""
    return cell(text)
