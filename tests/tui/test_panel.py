"""The Panel tab, driven with Pilot, against a panel worked out by hand.

The small test model (tests/tui/data/small) gets three participants:

- two "Resources first" (relative weights effectiveness 9, sustainability 1; resources 9,
  reach 1; durability 1, cost 1): effective weights resources 0.81, reach 0.09,
  durability 0.05, cost 0.05;
- one "Even-handed" (every relative weight 1): effective weights 0.25 each.

Values (scales 0-5, linear for benefits; cost by its value function 0 -> 1, 3 -> 0.5,
5 -> 0): large_mission (0.8, 0.2, 0.2, 0), law_enforcement_network (0.4, 0.8, 0.6, 0.833),
regional_office (0.6, 1.0, 0.8, 0.833); sanctions_only fails the durability minimum and
ranks last.

- Resources first: large_mission 0.676 > regional_office 0.658 > network 0.468: top large_mission.
- Even-handed: regional_office 0.808 > network 0.658 > large_mission 0.300: top regional_office.
- Group (normalised geometric mean): resources (0.81^2 x 0.25)^(1/3) = 0.5474, reach 0.1265,
  durability and cost 0.0855 each; normalised 0.648, 0.150, 0.101, 0.101. Group scores:
  regional_office 0.704 > large_mission 0.569 > network 0.524: top regional_office.
- Leave one out: without the even-handed participant the group is the two resources-first
  ones, whose top is large_mission, so the even-handed participant is pivotal; without
  either resources-first participant the group top stays regional_office.
- Kendall's W over the three rankings (no ties): rank sums 5, 5, 8, 12 around a mean of
  7.5, S = 33, W = 12 S / (m^2 (n^3 - n)) = 396 / 540 = 0.733.
- The other aggregates: the mean of the effective weights is resources (2 x 0.81 + 0.25) / 3
  = 0.623, reach (2 x 0.09 + 0.25) / 3 = 0.143, durability and cost (2 x 0.05 + 0.25) / 3 = 0.117
  (summing to 1); group scores regional_office 0.708 > large_mission 0.551: top regional_office.
  The median of each criterion is the resources-first weight (two of three), 0.81 / 0.09 /
  0.05 / 0.05, summing to 1: the group is the resources-first ranking, top large_mission.
- Tau to the group: each ranking differs from the group's (regional, large, network,
  sanctions) by one swapped pair out of six: tau = (5 - 1) / 6 = 0.67.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from decisiontool.tui.app import DecisionApp
from decisiontool.tui.screens.dialogs import ConfirmDialog
from decisiontool.tui.screens.main import MainScreen
from decisiontool.tui.widgets.panel import GROUP_ROW, PanelList
from decisiontool.tui.widgets.ranking import RankingList
from tests.tui.conftest import make_app, run, settle

AppFactory = Callable[..., DecisionApp]

RESOURCES_FIRST = """name = "Resources first"
role = "funder"
illustrative = true

[weights]
effectiveness = 9
sustainability = 1
resources = 9
reach = 1
durability = 1
cost = 1
"""
EVEN = """name = "Even-handed"
role = "mediator"
illustrative = true

[weights]
effectiveness = 1
sustainability = 1
resources = 1
reach = 1
durability = 1
cost = 1
"""
CRITERIA = ("resources", "reach", "durability", "cost")
GROUP_WEIGHTS = (0.648, 0.150, 0.101, 0.101)


@pytest.fixture
def panel_model(model_dir: Path) -> Path:
    """The small model with the three participants above."""
    panel = model_dir / "panel"
    panel.mkdir()
    (panel / "resources_a.toml").write_text(RESOURCES_FIRST, encoding="utf-8")
    (panel / "resources_b.toml").write_text(RESOURCES_FIRST, encoding="utf-8")
    (panel / "even.toml").write_text(EVEN, encoding="utf-8")
    return model_dir


def weights_of(app: DecisionApp) -> dict[str, float]:
    return app.session.analysis.weight_map()


def rows_text(panel_list: PanelList) -> list[str]:
    width = panel_list.size.width
    return [panel_list.render_row(i, width, False).plain for i in range(panel_list.row_count())]


def test_panel_tab_shows_tops_agreement_and_pivotal(panel_model: Path) -> None:
    app = make_app(panel_model)

    async def scenario() -> None:
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            await pilot.press("n")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            notice = str(screen.query_one("#panel-notice").render())
            assert "Illustrative panel" in notice
            summary = " ".join(str(screen.query_one("#panel-summary").render()).split())
            assert "Kendall's W = 0.733" in summary
            assert "3 participants; group top: Regional political office" in summary
            assert "without Even-handed the top would be Large multidimensional mission" in summary
            assert "without Resources first" not in summary
            panel_list = screen.query_one(PanelList)
            assert panel_list.row_ids == ["even", "resources_a", "resources_b", GROUP_ROW]
            rows = rows_text(panel_list)
            names = {o.id: o.name for o in app.session.model.options}
            assert names["regional_office"][:20] in rows[0] and "0.67" in rows[0] and "yes" in rows[0]
            for row in rows[1:3]:
                assert names["large_mission"][:20] in row and "0.67" in row and "yes" not in row
            assert "Group (geometric)" in rows[3] and names["regional_office"][:20] in rows[3]

    run(scenario)


def test_panel_weights_become_current_undoably_and_the_panel_is_analysed_once(panel_model: Path) -> None:
    app = make_app(panel_model)

    async def scenario() -> None:
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            before = weights_of(app)
            await pilot.press("n")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            panel_list = screen.query_one(PanelList)
            assert panel_list.has_focus
            await pilot.press("end", "enter")  # the group's aggregate
            await settle(app, pilot)
            current = weights_of(app)
            for criterion, expected in zip(CRITERIA, GROUP_WEIGHTS, strict=True):
                assert current[criterion] == pytest.approx(expected, abs=1e-3)
            assert app.session.unsaved
            assert "● " in rows_text(panel_list)[3]  # the aggregate's weights are in use
            ranking = screen.query_one(RankingList)
            assert ranking.entries[0].option == "regional_office"

            # another participant while the aggregate is unsaved: asked first
            await pilot.press("home", "down", "enter")  # resources_a
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(app, pilot)
            current = weights_of(app)
            for criterion, expected in zip(CRITERIA, (0.81, 0.09, 0.05, 0.05), strict=True):
                assert current[criterion] == pytest.approx(expected, abs=1e-9)
            assert screen.query_one(RankingList).entries[0].option == "large_mission"

            # undo goes back through the aggregate to the model's own weights
            await pilot.press("ctrl+z")
            await settle(app, pilot)
            assert weights_of(app)["resources"] == pytest.approx(GROUP_WEIGHTS[0], abs=1e-3)
            await pilot.press("ctrl+z")
            await settle(app, pilot)
            assert weights_of(app) == pytest.approx(before)
            assert not app.session.unsaved

            # weight keys, other tabs and coming back: the panel is not analysed again
            await pilot.press("d")
            screen.weights_list.focus()
            await pilot.press("down", "right", "right")
            await settle(app, pilot)
            await pilot.press("n")
            await settle(app, pilot)
            assert screen.panels_analysed == 1
            # a method change is a new analysis (the participants' tops depend on the method)
            await pilot.press("m")
            await settle(app, pilot)
            assert screen.panels_analysed == 2

    run(scenario)


def test_switching_to_a_participant_asks_and_stay_keeps_the_weights(panel_model: Path) -> None:
    app = make_app(panel_model)

    async def scenario() -> None:
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            app.screen.query_one("#weights").focus()
            await pilot.press("down", "right")  # one unsaved weight change
            await settle(app, pilot)
            mine = weights_of(app)
            await pilot.press("n")
            await settle(app, pilot)
            await pilot.press("enter")  # the first participant
            await settle(app, pilot)
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await settle(app, pilot)
            assert weights_of(app) == mine

    run(scenario)


def test_no_panel_no_tab(app_factory: AppFactory) -> None:
    app = app_factory()

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            from textual.widgets import TabbedContent

            tabs = app.screen.query_one(TabbedContent)
            assert tabs.get_tab("tab-panel").display is False
            await pilot.press("n")
            await settle(app, pilot)
            assert tabs.active == "tab-detail"
            assert any("no panel" in n.message for n in app._notifications)

    run(scenario)


def test_panel_weights_match_the_hand_worked_participants(panel_model: Path) -> None:
    # the weights the tab applies are the participants' effective weights, worked out above
    from decisiontool.tui.widgets.panel import panel_weights

    app = make_app(panel_model)

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("n")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            result = screen.panel_result()
            assert result is not None
            even = panel_weights(result, "even")
            assert np.allclose([even[c] for c in CRITERIA], 0.25)

    run(scenario)


def test_the_aggregate_can_be_geometric_mean_or_median(panel_model: Path) -> None:
    app = make_app(panel_model)

    async def scenario() -> None:
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            await pilot.press("n")
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            panel_list = screen.query_one(PanelList)
            names = {o.id: o.name for o in app.session.model.options}
            await pilot.press("g")  # geometric -> mean
            await settle(app, pilot)
            row = rows_text(panel_list)[3]
            assert "Group (mean)" in row and names["regional_office"][:20] in row
            await pilot.press("end", "enter")
            await settle(app, pilot)
            current = weights_of(app)
            for criterion, expected in zip(CRITERIA, (0.623, 0.143, 0.117, 0.117), strict=True):
                assert current[criterion] == pytest.approx(expected, abs=1e-3)
            await pilot.press("g")  # mean -> median: the resources-first weights
            await settle(app, pilot)
            row = rows_text(panel_list)[3]
            assert "Group (median)" in row and names["large_mission"][:20] in row
            summary = " ".join(str(screen.query_one("#panel-summary").render()).split())
            assert "group top: Large multidimensional mission (median aggregate" in summary
            assert screen.panels_analysed == 3
            await pilot.press("g")  # back to geometric: known already, not analysed again
            await settle(app, pilot)
            assert "Group (geometric)" in rows_text(panel_list)[3]
            assert screen.panels_analysed == 3

    run(scenario)
