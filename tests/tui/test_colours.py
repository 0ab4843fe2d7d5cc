"""The app's bar colours are `decisiontool.palette`'s, the palette the reports use.

Expected colours are written out from the palette's definition (its eight colours in model
order, hatched from the ninth criterion on), not read back from code; their contrast is
checked against the backgrounds Textual's own themes give the app.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.style import Style

from decisiontool.tui.app import DecisionApp
from decisiontool.tui.colours import HATCHED, bar_styles
from decisiontool.tui.widgets.ranking import RankingList
from decisiontool.tui.widgets.weights import WeightsList
from tests.tui.conftest import make_app, run

AppFactory = Callable[..., DecisionApp]
BUNDLED = Path(__file__).resolve().parents[2]

# the first criteria of the small model in order: resources, reach (group effectiveness),
# durability, cost (group sustainability)
EXPECTED = {"resources": "#0077bb", "reach": "#cc5500", "durability": "#008866", "cost": "#6655dd"}


def cell_colours(text: object) -> list[str]:
    """The foreground colour of every cell of a rich Text, as #rrggbb (blank for unstyled)."""
    from rich.text import Text

    assert isinstance(text, Text)
    colours = [""] * len(text.plain)
    for span in text.spans:
        style = span.style if isinstance(span.style, Style) else Style.parse(span.style)
        if style.color is not None:
            triplet = style.color.get_truecolor()
            for index in range(span.start, span.end):
                colours[index] = f"#{triplet.red:02x}{triplet.green:02x}{triplet.blue:02x}"
    return colours


def test_ranking_and_weight_bars_use_the_shared_palette(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.pause()
            ranking = app.screen.query_one(RankingList)
            width = ranking.size.width
            row = ranking.render_row(0, width, False)
            colours = cell_colours(row)
            used = {c for c, glyph in zip(colours, row.plain, strict=True) if glyph in "█▆"}
            top = ranking.entries[0]
            contributing = {cid for cid, value in (top.contributions or {}).items() if value > 0.02}
            # every criterion that contributes visibly has its palette colour in the top's bar
            assert {EXPECTED[cid] for cid in contributing} <= used
            assert used <= set(EXPECTED.values())

            weights = app.screen.query_one(WeightsList)
            for index, weight_row in enumerate(weights.rows):
                if not weight_row.is_group and weight_row.weight > 0:
                    drawn = cell_colours(weights.render_row(index, weights.size.width, False))
                    assert EXPECTED[weight_row.id] in drawn, weight_row.id

            await pilot.press("b")  # by group: each criterion takes its group's colour
            row = ranking.render_row(0, ranking.size.width, False)
            used = {c for c, glyph in zip(cell_colours(row), row.plain, strict=True) if glyph in "█▓▆"}
            assert used <= {"#0077bb", "#cc5500"}

    run(scenario)


def test_ninth_criterion_repeats_the_first_colour_hatched() -> None:
    from decisiontool.analysis import Analysis
    from decisiontool.loading import load_model

    analysis = Analysis.create(load_model(BUNDLED))
    ids = analysis.arrays.criterion_ids
    assert len(ids) >= 9
    styles = bar_styles(analysis, False)
    assert styles[ids[0]].colour.lower() == "#0077bb" and not styles[ids[0]].hatched
    assert styles[ids[8]].colour.lower() == "#0077bb" and styles[ids[8]].hatched
    app = make_app(BUNDLED)

    async def scenario() -> None:
        async with app.run_test(size=(200, 50)) as pilot:
            await pilot.pause()
            ranking = app.screen.query_one(RankingList)
            drawn = "".join(ranking.render_row(i, ranking.size.width, False).plain for i in range(3))
            assert HATCHED in drawn  # the ninth criterion's segments are hatched

    run(scenario)


def test_a_criterion_has_the_same_colour_and_hatch_in_the_app_and_the_html_report(tmp_path: Path) -> None:
    import re

    from typer.testing import CliRunner

    from decisiontool.cli import app as cli_app

    report = tmp_path / "report.html"
    outcome = CliRunner().invoke(
        cli_app, ["report", "--data", str(BUNDLED), "-o", str(report), "--no-robustness"]
    )
    assert outcome.exit_code == 0, outcome.output
    html = report.read_text(encoding="utf-8")
    # the weights table: a swatch, the criterion's name and its id; hatched swatches are a gradient
    found = re.findall(
        r'<th scope="row"><span class="swatch" style="([^"]*)" aria-hidden="true"></span>[^<]*'
        r'(?:<span class="lower">[^<]*</span>\s*)?<span class="id">([a-z0-9_]+)</span>',
        html,
    )
    in_report = {
        cid: (re.findall(r"#[0-9A-Fa-f]{6}", style)[0].lower(), "gradient" in style) for style, cid in found
    }
    app = make_app(BUNDLED)

    async def scenario() -> None:
        async with app.run_test(size=(200, 50)) as pilot:
            await pilot.pause()
            weights = app.screen.query_one(WeightsList)
            ids = app.session.criterion_ids
            assert set(in_report) == set(ids)
            for index, row in enumerate(weights.rows):
                if row.is_group or row.weight == 0:
                    continue
                line = weights.render_row(index, weights.size.width, False)
                colour, hatched = in_report[row.id]
                assert colour in cell_colours(line), row.id
                assert (HATCHED in line.plain) == hatched, row.id
            ranking = app.screen.query_one(RankingList)
            for cid, style in ranking.segments.items():
                assert (style.colour.lower(), style.hatched) == in_report[cid], cid

    run(scenario)


def test_every_bar_colour_stands_out_on_the_apps_dark_and_light_themes() -> None:
    # WCAG 2.1 success criterion 1.4.11 (non-text contrast): 3:1 against the adjacent colour.
    # The backgrounds are Textual's own theme colours, asked of Textual, not the palette's list.
    from textual.theme import BUILTIN_THEMES

    from decisiontool.palette import SERIES, contrast_ratio

    for theme in ("textual-dark", "textual-light"):
        variables = BUILTIN_THEMES[theme].to_color_system().generate()
        for area in ("background", "surface"):
            for colour in SERIES:
                ratio = contrast_ratio(colour, variables[area][:7])
                assert ratio >= 3.0, (theme, area, colour, round(ratio, 2))
    # the two colours the dark terminal hid: indigo #332288 was 1.5:1 on #121212, dark grey 2.2:1
    assert contrast_ratio("#332288", "#121212") < 2 and contrast_ratio("#4D4D4D", "#121212") < 3
