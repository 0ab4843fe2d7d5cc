"""The Markdown report: GitHub-flavoured Markdown (GFM tables), rendered from `report.md.j2`.

Every string from the model is escaped for GFM by the environment (see
`decisiontool.reports.templating.markdown_escape`), so an option called
`<script>alert(1)</script>` is shown as text.

jinja2 is imported inside `render` only. Must not import rich, textual or xlsxwriter.
"""

from __future__ import annotations

from decisiontool.reports.content import WIDE_UNCERTAINTY, ReportContext


def render(context: ReportContext) -> bytes:
    """The report as UTF-8 Markdown."""
    from decisiontool.reports.templating import markdown_environment

    template = markdown_environment().get_template("report.md.j2")
    text = template.render(
        c=context,
        max_weight=max((w.weight for w in context.weights), default=1.0) or 1.0,
        wide_threshold=WIDE_UNCERTAINTY,
        smaa_ranks=max((len(row.acceptability) for row in context.smaa_rows), default=0),
    )
    # at most one blank line in a row, and exactly one newline at the end
    lines = text.splitlines()
    tidy: list[str] = []
    for line in lines:
        line = line.rstrip()
        if not line and tidy and not tidy[-1]:
            continue
        tidy.append(line)
    return ("\n".join(tidy).strip() + "\n").encode("utf-8")
