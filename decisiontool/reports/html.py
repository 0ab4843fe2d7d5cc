"""The HTML report: one self-contained file, readable on screen and printed to A4.

Inline CSS, inline SVG charts and no scripts, fonts, images or links that load anything:
the file can be mailed and opened offline. Rendered from `templates/report.html.j2` with
autoescaping on, so every text from the model is shown as text. The charts are laid out in
`decisiontool.reports.charts` (plain numbers in small dataclasses) and drawn by the
`svg_chart` macro in `templates/charts.html.j2`; each has a title and a description for
screen readers, a `<title>` on every bar, and a table beside it with the same numbers.
Colours come from `decisiontool.palette`, the one palette of app and reports.

jinja2 is imported inside `render` only. Must not import rich, textual or xlsxwriter.
"""

from __future__ import annotations

from decisiontool.palette import criterion_styles, heat_colour
from decisiontool.reports.charts import ranking_chart, tornado_chart, value_chart, weights_chart
from decisiontool.reports.content import WIDE_UNCERTAINTY, ReportContext


def swatch_style(colour: str, hatched: bool) -> str:
    """The CSS background of a criterion's swatch: its colour, striped with white when hatched."""
    if not hatched:
        return f"background:{colour}"
    stripes = f"repeating-linear-gradient(45deg,{colour} 0 3px,#ffffff 3px 5px)"
    return f"background:{stripes};border:1px solid {colour}"


def render(context: ReportContext) -> bytes:
    """The report as one UTF-8 HTML file."""
    from decisiontool.reports.templating import html_environment

    styles = criterion_styles([w.criterion for w in context.weights])
    swatches = {cid: swatch_style(style.colour, style.hatched) for cid, style in styles.items()}
    smaa_ranks = max((len(row.acceptability) for row in context.smaa_rows), default=0)
    template = html_environment().get_template("report.html.j2")
    text = template.render(
        c=context,
        swatches=swatches,
        weights_chart=weights_chart(context, styles),
        ranking_chart=ranking_chart(context, styles),
        tornado_chart=tornado_chart(context),
        value_chart=value_chart(context),
        heat=heat_colour,
        smaa_ranks=smaa_ranks,
        wide_threshold=WIDE_UNCERTAINTY,
    )
    return text.encode("utf-8")
