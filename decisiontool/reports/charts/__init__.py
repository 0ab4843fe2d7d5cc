"""The HTML report's charts, laid out as plain numbers and drawn by `templates/charts.html.j2`.

- `ranking.ranking_chart`: scores (stacked by criterion for wsm) with each score interval as a band;
- `weights.weights_chart` and `weights.tornado_chart`: effective weights and sensitivity;
- `value.value_chart`: benefit against cost with the efficient frontier (models with cost criteria);
- `svg`: the shapes, round ticks, axes and hatch patterns they share.

Colours come from `decisiontool.palette` only. Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from decisiontool.reports.charts.ranking import ranking_chart
from decisiontool.reports.charts.svg import Chart
from decisiontool.reports.charts.value import value_chart
from decisiontool.reports.charts.weights import tornado_chart, weights_chart

__all__ = ["Chart", "ranking_chart", "tornado_chart", "value_chart", "weights_chart"]
