"""Pilot tests: every interaction of the main screen, asserting on state and rendered widgets."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import tomli
from textual.widgets import TabbedContent as TabbedContentType
from typer.testing import CliRunner

from decisiontool.analysis import Analysis
from decisiontool.cli import app as cli_app
from decisiontool.loading import load_model
from decisiontool.tui.app import DecisionApp
from decisiontool.tui.screens.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    LessonDialog,
    QuitDialog,
    WeightDialog,
)
from decisiontool.tui.screens.file_dialogs import ExportDialog, SaveProfileDialog
from decisiontool.tui.screens.help import HelpScreen, binding_sections
from decisiontool.tui.screens.invalid import InvalidModelScreen
from decisiontool.tui.screens.main import PALETTE_COMMANDS, MainScreen
from decisiontool.tui.widgets.detail import DetailPanel, LessonLink
from decisiontool.tui.widgets.ranking import RankingList
from decisiontool.tui.widgets.weights import WeightsList
from tests.tui.conftest import run, settle, wsm_critical_weights

AppFactory = Callable[..., DecisionApp]


def rendered_rows(row_list: Any) -> list[str]:
    """The plain text of every row of a weights or ranking list as drawn."""
    width = row_list.size.width
    return [row_list.render_row(i, width, False).plain for i in range(row_list.row_count())]


def ranking_order(app: DecisionApp) -> list[str]:
    return [entry.option for entry in app.screen.query_one(RankingList).entries]


def plain(static: Any) -> str:
    """The text a Static shows, whatever rich renderable it holds."""
    from rich.console import Console

    console = Console(width=200, record=True, file=__import__("io").StringIO())
    content = static.content
    console.print(content)
    return console.export_text()


def test_weight_keys_re_rank(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            weights = app.screen.query_one(WeightsList)
            assert weights.has_focus
            before = ranking_order(app)
            await pilot.press("down")  # Dedicated resources
            assert weights.current is not None and weights.current.id == "resources"
            for _ in range(10):
                await pilot.press("shift+right")
            await pilot.pause()
            session = app.session
            assert session.effective_weight("resources") == pytest.approx(0.9)
            after = ranking_order(app)
            assert after == [e.option for e in session.analysis.ranking.entries]
            assert after != before and after[0] == "large_mission"
            rows = rendered_rows(app.screen.query_one(RankingList))
            assert rows[0].lstrip().startswith("1 ▲2 Large multidim")
            assert "0.900" in rendered_rows(weights)[1]
            assert "* modified" in weights.render_header(0, 60).plain
            await pilot.press("left", "minus")
            assert session.effective_weight("resources") == pytest.approx(0.88)

    run(scenario)


def test_group_weight_keys(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("shift+left")  # the Effectiveness group row
            assert app.session.effective_weight("effectiveness") == pytest.approx(2 / 3 - 0.05)
            assert app.session.effective_weight("sustainability") == pytest.approx(1 / 3 + 0.05)

    run(scenario)


def test_lock_rebalances_around_locked_weight(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "down", "down", "down", "l")  # Political durability
            session = app.session
            assert session.locked == {"durability"}
            locked = session.effective_weight("durability")
            assert "L" in rendered_rows(app.screen.query_one(WeightsList))[4]
            await pilot.press("up", "up", "up", *["shift+right"] * 3)  # resources
            assert session.effective_weight("resources") == pytest.approx(0.55)
            assert session.effective_weight("durability") == pytest.approx(locked)
            assert session.analysis.weights.sum() == pytest.approx(1.0)
            await pilot.press("down", "down", "down", "l")
            assert session.locked == set()

    run(scenario)


def test_undo_redo_reset(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            session = app.session
            original = session.analysis.weight_map()
            await pilot.press("down", "right", "right")
            changed = session.analysis.weight_map()
            await pilot.press("ctrl+z", "ctrl+z")
            assert session.analysis.weight_map() == pytest.approx(original)
            await pilot.press("ctrl+y", "ctrl+y")
            assert session.analysis.weight_map() == pytest.approx(changed)
            await pilot.press("r")
            assert session.analysis.weight_map() == pytest.approx(original)
            assert not session.unsaved
            await pilot.press("ctrl+z")
            assert session.analysis.weight_map() == pytest.approx(changed)

    run(scenario)


def test_zero_exact_value_and_click(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            session = app.session
            await pilot.press("down", "0")
            assert session.effective_weight("resources") == 0.0
            await pilot.press("down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, WeightDialog)
            await pilot.press(*"25%", "enter")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert session.effective_weight("reach") == pytest.approx(0.25)
            # a click on the far end of the bar of "Annual cost" sets the bar's full value
            weights = app.screen.query_one(WeightsList)
            row = 5
            region = weights.region_of(row)
            await pilot.click(WeightsList, offset=(region.width - 2, region.y))
            assert weights.cursor == row
            assert session.effective_weight("cost") == pytest.approx(weights.criterion_scale, abs=0.05)

    run(scenario)


def test_method_switch_keeps_the_option(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            ranking = app.screen.query_one(RankingList)
            ranking.focus()
            await pilot.press("down", "down")
            chosen = ranking.current_option
            await pilot.press("m")
            assert app.session.analysis.method_id == "topsis"
            assert ranking.current_option == chosen
            await pilot.press("m", "m")
            assert app.session.analysis.method_id == "promethee2"
            assert ranking.current_option == chosen
            await pilot.press("M")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("home", "down", "down", "enter")
            await pilot.pause()
            assert app.session.analysis.method_id == "vikor"
            assert ranking.current_option == chosen
            assert "lower is better" in ranking.render_header(0, 80).plain

    run(scenario)


def test_profile_switch_lists_descriptions_and_keeps_the_option(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            ranking = app.screen.query_one(RankingList)
            ranking.focus()
            await pilot.press("end")
            chosen = ranking.current_option
            await pilot.press("p")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, ChoiceDialog)
            assert any("Cross-border reach above everything." in d for _, _, d in dialog.choices)
            await pilot.press("end", "enter")
            await pilot.pause()
            assert app.session.analysis.profile == "reach_first"
            assert ranking.current_option == chosen
            assert "Reach first" in plain(app.screen.query_one("#status"))

    run(scenario)


def test_failing_option_is_marked_and_legend_follows_colouring(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            rows = rendered_rows(app.screen.query_one(RankingList))
            assert "✗ Sanctions on" in rows[-1]
            assert "fails a minimum (1)" in plain(app.screen.query_one("#legend"))
            # coloured by criterion (as the reports are): the weights pane shows each colour; with
            # the pane hidden the legend names the criteria, not their ids
            assert "in its colour in the weights pane" in plain(app.screen.query_one("#legend"))
            await pilot.press("v")
            legend = plain(app.screen.query_one("#legend"))
            assert "■ Dedicated resources" in legend and "■ Annual cost" in legend
            assert "■ resources" not in legend
            await pilot.press("v", "b")  # colour by group
            assert "■ Effectiveness" in plain(app.screen.query_one("#legend"))

    run(scenario)


def test_detail_shows_evidence_and_lessons(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(120, 40)) as pilot:
            ranking = app.screen.query_one(RankingList)
            ranking.focus()
            await pilot.press("down", "down")  # large_mission
            await pilot.pause(0.2)
            detail = app.screen.query_one(DetailPanel)
            assert detail.option_id == "large_mission"
            text = " ".join(plain(w) for w in detail.query("Static"))
            assert "Mission A (2013-2023)" in text
            assert "Say why this score, tied to facts." in text
            assert "range 3–5" in text
            assert "https://example.org/budget" in text
            links = list(detail.query(LessonLink))
            assert [link.lesson_id for link in links] == ["L1", "L2", "L2", "L1"]
            detail.focus()
            await pilot.press("down", "down", "up", "enter")
            await pilot.pause()
            assert isinstance(app.screen, LessonDialog)
            assert app.screen.lesson.id == "L1"
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)

    run(scenario)


def test_compare_and_sensitivity_tabs(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("c")
            await settle(app, pilot)
            compare = plain(app.screen.query_one("#compare .table"))
            caption = plain(app.screen.query_one("#compare .table-caption"))
            caption = " ".join(caption.split())
            assert "prom = PROMETHEE II" in caption and "P3 = Reach first" in caption
            assert "Kendall's tau" in caption and "Spearman's rho" in caption
            lines = {line.split("  ")[0]: line.split() for line in compare.splitlines() if line.strip()}
            assert lines["Regional political office"][-7:] == ["1"] * 7
            assert lines["Sanctions only"][-7:] == ["4"] * 7
            # every column ranks the four options in the same order here: tau and rho are 1
            assert lines["τ vs now"][-7:] == ["1.00"] * 7
            await pilot.press("s", "down", "down")
            await pilot.pause(0.2)
            await settle(app, pilot)
            caption = plain(app.screen.query_one("#sensitivity-caption"))
            assert "Cross-border reach" in caption and "weight now 0.267" in caption
            # solved by hand: no weight of reach changes the top (test_state checks them all)
            assert wsm_critical_weights(app.session.analysis, "reach") == (None, None)
            assert "no weight in [0, 1] changes the top option" in caption and "critical" not in caption
            await pilot.press("up", "up")  # the group row: a group sweep
            await pilot.pause(0.2)
            await settle(app, pilot)
            assert "Effectiveness (group)" in plain(app.screen.query_one("#sensitivity-caption"))
            await pilot.press("a")
            await settle(app, pilot)
            await pilot.pause(0.2)
            await settle(app, pilot)
            heat_map = plain(app.screen.query_one("#smaa .table"))
            caption = " ".join(plain(app.screen.query_one("#smaa .table-caption")).split())
            assert "Sanctions only" in heat_map
            assert "Rank acceptability" in caption and "±20%" in caption
            assert "E(rank) = expected rank" in caption and "conf = confidence" in caption

    run(scenario)


def test_save_writes_a_valid_profile(app_factory: AppFactory, model_dir: Path) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "right", "right", "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SaveProfileDialog)
            await pilot.press(*"council", "tab", *"Council view", "enter")
            await pilot.pause()
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen)
            assert app.session.analysis.profile == "council"
            assert not app.session.unsaved
            assert app.session.effective_weight("resources") == pytest.approx(0.42)
        path = model_dir / "criteria" / "profiles" / "council.toml"
        parsed = tomli.loads(path.read_text(encoding="utf-8"))
        assert parsed["name"] == "Council view"
        saved = Analysis.create(load_model(model_dir), profile="council")
        assert saved.weight_map()["resources"] == pytest.approx(0.42)
        result = CliRunner().invoke(cli_app, ["validate", "--data", str(model_dir)])
        assert result.exit_code == 0, result.output

    run(scenario)


def test_overwriting_a_profile_asks_and_keeps_comments(app_factory: AppFactory, model_dir: Path) -> None:
    async def scenario() -> None:
        app = app_factory(profile="cost_first")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "right", "ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, SaveProfileDialog)
            await pilot.press("enter")  # id and name are the current profile's
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("y")
            await settle(app, pilot)
            assert not app.session.unsaved
        text = (model_dir / "criteria" / "profiles" / "cost_first.toml").read_text(encoding="utf-8")
        assert "# A weight profile: a stakeholder's view." in text
        assert "[weights]                        # criterion id" in text
        assert CliRunner().invoke(cli_app, ["validate", "--data", str(model_dir)]).exit_code == 0

    run(scenario)


def test_export_writes_a_report(app_factory: AppFactory, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()

    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "right", "ctrl+e")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            path_input = app.screen.query_one("#export-path")
            path_input.value = str(target)  # type: ignore[attr-defined]
            path_input.focus()
            await pilot.press("enter")
            await settle(app, pilot)
        document = json.loads(target.read_text(encoding="utf-8"))
        assert document["schema"] == "decisiontool.report/1"
        assert document["weights"]["resources"] == pytest.approx(0.41)
        assert document["sensitivity"]["schema"] == "decisiontool.sensitivity/1"
        # the recorded command reproduces the report
        command = list(document["provenance"]["command"])
        again = tmp_path / "out" / "again.json"
        command[command.index("-o") + 1] = str(again)
        result = CliRunner().invoke(cli_app, command[1:])
        assert result.exit_code == 0, result.output
        reproduced = json.loads(again.read_text(encoding="utf-8"))
        assert reproduced["weights"] == pytest.approx(document["weights"], abs=1e-9)
        assert [row["option"] for row in reproduced["ranking"]] == [
            row["option"] for row in document["ranking"]
        ]

    run(scenario)


def _touch_later(path: Path, text: str) -> None:
    """Rewrite a file so that its stamp surely changes (coarse file-system clocks)."""
    stamp = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    while path.stat().st_mtime_ns == stamp:
        time.sleep(0.01)
        path.write_text(text, encoding="utf-8")


def test_reload_on_file_change_keeps_unsaved_weights(app_factory: AppFactory, model_dir: Path) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "down", *["right"] * 5)
            wanted = app.session.analysis.weight_map()
            option = model_dir / "options" / "large_mission.toml"
            _touch_later(option, option.read_text(encoding="utf-8").replace("reach = 1", "reach = 5"))
            assert app.poll_model_files()
            await settle(app, pilot)
            assert app.reloads == 1
            session = app.session
            assert session.analysis.model.option("large_mission").file.scores["reach"].value == 5
            assert session.analysis.weight_map() == pytest.approx(wanted)
            assert session.unsaved
            assert not app.poll_model_files()

    run(scenario)


def test_invalid_model_screen_then_recovery(app_factory: AppFactory, model_dir: Path) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            option = model_dir / "options" / "regional_office.toml"
            good = option.read_text(encoding="utf-8")
            _touch_later(option, good.replace("reach = 5", "reach = 9"))
            app.poll_model_files()
            await settle(app, pilot)
            assert isinstance(app.screen, InvalidModelScreen)
            shown = plain(app.screen.query_one("#invalid-list"))
            assert "options/regional_office.toml" in shown and "outside the scale" in shown
            _touch_later(option, good)
            app.poll_model_files()
            await settle(app, pilot)
            assert isinstance(app.screen, MainScreen)

    run(scenario)


def test_quit_asks_when_weights_are_unsaved(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "right", "q")
            await pilot.pause()
            assert isinstance(app.screen, QuitDialog)
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            await pilot.press("q")
            await pilot.pause()
            await pilot.press("q")  # quit without saving
            await pilot.pause()
            assert app._exit
        assert app.return_code == 0

    run(scenario)


def test_quit_without_changes_needs_no_answer(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("q")
            await pilot.pause()
            assert app._exit

    run(scenario)


def test_help_lists_every_binding(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            for _, bindings in binding_sections():
                for binding in bindings:
                    assert binding.id and (binding.tooltip or binding.description)

    run(scenario)


def test_command_palette_offers_every_action(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            titles = {command.title for command in app.get_system_commands(app.screen)}
            assert {command.title for command in PALETTE_COMMANDS} <= titles
            for command in PALETTE_COMMANDS:
                name = command.action.split("(")[0]
                assert hasattr(MainScreen, f"action_{name}")
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Next method", "enter")
            await pilot.pause(0.2)
            assert app.session.analysis.method_id == "topsis"

    run(scenario)


def test_cli_refuses_a_model_that_cannot_load(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["tui", "--data", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert "no such model directory" in result.output


def test_weighting_rank_order_applies(app_factory: AppFactory) -> None:
    from decisiontool.tui.screens.weighting import LevelList, WeightingScreen

    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 34)) as pilot:
            await pilot.press("w")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WeightingScreen)
            levels = screen.query_one(LevelList)
            levels.focus()
            assert levels.levels == [1, 2, 3, 3]  # from the current weights
            await pilot.press("down", "left")  # reach up to level 1, tied with resources
            assert levels.levels == [1, 1, 3, 3]
            assert screen.values == pytest.approx([0.39583, 0.39583, 0.10417, 0.10417], abs=1e-4)
            await pilot.press("ctrl+a")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert app.session.analysis.weight_map() == pytest.approx(
                {"resources": 0.39583, "reach": 0.39583, "durability": 0.10417, "cost": 0.10417}, abs=1e-4
            )
            await pilot.press("ctrl+z")
            assert app.session.analysis.weight_map()["reach"] == pytest.approx(0.26667, abs=1e-4)
            await pilot.press("w")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WeightingScreen)
            screen.query_one("#weighting-scope").value = "groups"  # type: ignore[attr-defined]
            for _ in range(20):
                await pilot.pause(0.02)
                if screen.scope.id == "groups":
                    break
            assert screen.query_one(LevelList).names == ("Effectiveness", "Cost and durability")
            await pilot.press("right")  # effectiveness down to level 2: both groups equal
            await pilot.press("ctrl+a")
            await pilot.pause()
            weights = app.session.analysis.weight_map()
            assert weights["resources"] + weights["reach"] == pytest.approx(0.5)
            assert weights["resources"] / weights["reach"] == pytest.approx(1.5)

    run(scenario)


def test_weighting_pairwise_updates_consistency_live() -> None:
    """On the bundled model (a group of three criteria: two items are always consistent)."""
    from decisiontool.loading import bundled_model_dir
    from decisiontool.tui.screens.weighting import PairList, WeightingScreen
    from tests.tui.conftest import make_app

    async def scenario() -> None:
        app = make_app(bundled_model_dir())
        async with app.run_test(size=(110, 40)) as pilot:
            await pilot.press("w")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WeightingScreen)
            for _ in range(50):  # the tabs settle a moment after the screen is pushed
                screen.query_one("#weighting-tabs").active = "tab-ahp"  # type: ignore[attr-defined]
                await pilot.pause(0.02)
                if screen.mode == "ahp":
                    break
            await pilot.pause()
            # AHP compares within a group or the groups, never all criteria at once (as elicitation)
            assert "criteria" not in [scope.id for scope in screen.scopes]
            screen.query_one("#weighting-scope").value = "group:capability"  # type: ignore[attr-defined]
            await pilot.pause()
            assert screen.scope.items == ("analysis_to_action", "justice_chain", "coordination_coherence")
            pairs = screen.query_one(PairList)
            pairs.focus()
            assert screen.derived is not None and screen.derived.cr is not None
            assert screen.derived.cr < 0.1
            # a > b (9:1), b > c (9:1) but c > a (1:9): as inconsistent as three judgements get
            await pilot.press("home", *["left"] * 8, "down", *["right"] * 8, "down", *["left"] * 8)
            await pilot.pause()
            assert screen.derived.cr is not None and screen.derived.cr > 0.1
            assert pairs.flagged
            result = plain(screen.query_one("#weighting-result"))
            assert "Consistency ratio" in result and "revisit" in result
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
            assert not app.session.unsaved

    run(scenario)


def test_cli_prints_the_problems_of_an_invalid_model(model_dir: Path) -> None:
    option = model_dir / "options" / "regional_office.toml"
    option.write_text(option.read_text(encoding="utf-8").replace("reach = 5", "reach = 9"), encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["tui", "--data", str(model_dir)])
    assert result.exit_code == 1
    assert "options/regional_office.toml" in result.output
    assert "scores.reach.value: 9 is outside the scale [0, 5] of reach" in result.output


def test_zoom_gives_the_tabs_the_screen_and_escape_returns(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("c", "z")
            await settle(app, pilot)
            screen = app.screen
            assert screen.maximized is screen.query_one("#tabs")
            assert screen.query_one("#tabs").size.height >= 20
            await pilot.press("z")
            await pilot.pause()
            assert screen.maximized is None

    run(scenario)


def test_enter_on_a_ranking_row_opens_why_with_diverging_bars(app_factory: AppFactory) -> None:
    from decisiontool.tui.screens.why import WhyScreen

    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(120, 40)) as pilot:
            ranking = app.screen.query_one(RankingList)
            ranking.focus()
            await pilot.press("down", "enter")  # the runner-up: why is the top above it?
            await settle(app, pilot)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WhyScreen)
            top, second = (entry.option for entry in app.session.analysis.ranking.entries[:2])
            assert (screen.option, screen.versus) == (top, second)
            # wsm by hand: each criterion's part is w_j * (v_top,j - v_second,j); they sum to the gap
            analysis = app.session.analysis
            arrays = analysis.arrays
            i, k = arrays.option_ids.index(top), arrays.option_ids.index(second)
            span = arrays.criteria.high - arrays.criteria.low
            values = (arrays.scores - arrays.criteria.low) / span
            values = np.where(arrays.criteria.benefit, values, 1 - values)
            expected = analysis.weights * (values[i] - values[k])
            terms = {term.criterion: term.contribution for term in screen.why.terms}
            for j, cid in enumerate(arrays.criterion_ids):
                assert terms[cid] == pytest.approx(expected[j])
            gap = analysis.ranking.entries[0].score - analysis.ranking.entries[1].score
            assert sum(terms.values()) == pytest.approx(gap)
            bars = plain(screen.query_one("#why-bars")).splitlines()
            shown = [line for line in bars if "│" in line]
            magnitudes = [abs(float(line.split()[-1])) for line in shown]
            assert magnitudes == sorted(magnitudes, reverse=True)  # largest first
            words = plain(screen.query_one("#why-findings"))
            assert "ranks first" in words
            await pilot.press("right")  # compare with the next option down
            assert screen.versus == app.session.analysis.ranking.entries[2].option
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)

    run(scenario)


def test_why_compares_any_two_options_marked_in_the_ranking(app_factory: AppFactory) -> None:
    # small model, default weights: effective resources 2/3 x 3/5 = 0.4, reach 2/3 x 2/5 = 0.267,
    # durability and cost 1/3 x 1/2 = 0.167. Values: large_mission (0.8, 0.2, 0.2, cost 5 -> 0),
    # law_enforcement_network (0.4, 0.8, 0.6, cost 1 -> 1 - 0.5/3 = 0.833). Ranking: regional
    # office 0.779, network 0.612, large mission 0.407, sanctions last (fails a minimum).
    from decisiontool.tui.screens.why import WhyScreen

    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(120, 40)) as pilot:
            ranking = app.screen.query_one(RankingList)
            ranking.focus()
            await settle(app, pilot)
            await pilot.press("down", "down", "x")  # mark the third, the large mission
            assert ranking.marked == "large_mission"
            assert "◆ Large multidimensional" in rendered_rows(ranking)[2]
            await pilot.press("up", "enter")  # against the second, the network
            await settle(app, pilot)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WhyScreen)
            assert (screen.option, screen.versus) == ("large_mission", "law_enforcement_network")
            terms = {term.criterion: term.contribution for term in screen.why.terms}
            assert terms["resources"] == pytest.approx(0.4 * (0.8 - 0.4))
            assert terms["reach"] == pytest.approx(0.8 / 3 * (0.2 - 0.8))
            assert terms["durability"] == pytest.approx(1 / 6 * (0.2 - 0.6))
            assert terms["cost"] == pytest.approx(1 / 6 * (0.0 - (1 - 0.5 / 3)))
            assert "is behind" in plain(screen.query_one("#why-heading"))
            await pilot.press("shift+right")  # another first option: the next down, past the second
            assert (screen.option, screen.versus) == ("sanctions_only", "law_enforcement_network")
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press(
                "down", "x"
            )  # x on the marked row unmarks it: Enter compares with the top again
            assert ranking.marked is None

    run(scenario)


def test_criterion_view_shows_levels_lessons_scores_and_critical_weights(app_factory: AppFactory) -> None:
    from decisiontool.tui.screens.criterion import CriterionScreen

    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("down", "i")  # Dedicated resources
            await settle(app, pilot)
            screen = app.screen
            assert isinstance(screen, CriterionScreen)
            text = plain(screen.query_one("#criterion-text"))
            assert "Money, staff and a mandate set aside for the task." in text
            assert "ring-fenced budget and staff" in text  # an anchored level
            assert "Work that has no budget line does not survive" in text  # its lesson
            assert "https://example.org/evaluation-report" in text  # with its source
            assert "4 (3–5)" in text  # large_mission's score and range
            critical = plain(screen.query_one("#criterion-critical"))
            _, up = wsm_critical_weights(app.session.analysis, "resources")  # solved by hand
            assert up is not None  # raising resources overturns the top (see the snapshot)
            assert f"to {up:.3f}" in critical
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)

    run(scenario)


def test_score_bands_are_the_findings_intervals(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            await pilot.pause(0.1)
            await settle(app, pilot)
            ranking = app.screen.query_one(RankingList)
            # large_mission has resources in [3, 5] (value 4) on a 0-5 scale, every other score
            # fixed: its wsm score moves by w_resources * 1/5 either way (exact for wsm)
            weight = app.session.effective_weight("resources")
            score = next(e.score for e in app.session.analysis.ranking.entries if e.option == "large_mission")
            low, high = ranking.bands["large_mission"]
            assert low == pytest.approx(score - weight / 5)
            assert high == pytest.approx(score + weight / 5)
            assert "▆ range" in plain(app.screen.query_one("#legend"))

    run(scenario)


def test_a_burst_of_keys_on_one_weight_is_one_undo_step(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            before = app.session.effective_weight("resources")
            await pilot.press("down", "right", "right", "right", "right")
            assert app.session.effective_weight("resources") == pytest.approx(before + 0.04)
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert app.session.effective_weight("resources") == pytest.approx(before)
            assert not app.session.undo_stack

    run(scenario)


def test_only_the_moved_weight_is_marked_and_the_status_says_how_many(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("down", "right", "down", "down", "down", "right")  # resources, then durability
            await pilot.pause()
            marked = [row.id for row in app.session.weight_rows() if row.moved]
            assert marked == ["resources", "durability"]
            rows = rendered_rows(app.screen.query_one(WeightsList))
            assert sum("*" in row for row in rows) == 2
            status = plain(app.screen.query_one("#status"))
            assert "2 weights changed from Default" in " ".join(status.split())
            ranking_rows = rendered_rows(app.screen.query_one(RankingList))
            assert any("+0." in row or "−0." in row for row in ranking_rows)  # score change vs profile

    run(scenario)


def test_exported_report_lists_only_the_moved_weight(app_factory: AppFactory, tmp_path: Path) -> None:
    target = tmp_path / "report.json"

    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("down", "down", "right")  # reach only
            await pilot.press("ctrl+e")
            await pilot.pause()
            field = app.screen.query_one("#export-path")
            field.value = str(target)  # type: ignore[attr-defined]
            field.focus()
            await pilot.press("enter")
            await settle(app, pilot)

    run(scenario)
    command = json.loads(target.read_text(encoding="utf-8"))["provenance"]["command"]
    changed = [command[i + 1].split("=")[0] for i, part in enumerate(command) if part == "--weight"]
    # reach moved; the other criteria only rebalanced: reach and the two group weights
    # change, the other three criteria keep their relative weights
    assert "reach" in changed
    assert not set(changed) & {"resources", "durability", "cost"}


def test_profile_switch_asks_before_dropping_unsaved_weights(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "right", "l")  # a change and a lock
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("end", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert app.session.analysis.profile == "default" and app.session.unsaved
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("end", "enter")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            assert app.session.analysis.profile == "reach_first"
            assert not app.session.locked  # locks belong to the profile they were set on

    run(scenario)


def test_save_as_a_new_id_starts_with_an_empty_name(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory(profile="cost_first")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "right", "ctrl+s")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, SaveProfileDialog)
            assert dialog.query_one("#profile-name").value == "Cost first"  # type: ignore[attr-defined]
            field = dialog.query_one("#profile-id")
            field.value = "council"  # type: ignore[attr-defined]
            await pilot.pause()
            assert dialog.query_one("#profile-name").value == ""  # type: ignore[attr-defined]
            assert dialog.query_one("#profile-description").value == ""  # type: ignore[attr-defined]
            field.value = "cost_first"  # type: ignore[attr-defined]
            await pilot.pause()
            assert dialog.query_one("#profile-name").value == "Cost first"  # type: ignore[attr-defined]

    run(scenario)


def test_quit_can_save_first(app_factory: AppFactory, model_dir: Path) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("down", "right", "q")
            await pilot.pause()
            assert isinstance(app.screen, QuitDialog)
            await pilot.press("s")
            await pilot.pause()
            assert isinstance(app.screen, SaveProfileDialog)
            await pilot.press(*"before_quit", "tab", *"Before quit", "enter")
            await settle(app, pilot)
            assert app._exit
        assert app.return_code == 0

    run(scenario)
    assert (model_dir / "criteria" / "profiles" / "before_quit.toml").exists()


def test_detail_starts_at_the_top_for_another_option(app_factory: AppFactory) -> None:
    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            ranking = app.screen.query_one(RankingList)
            ranking.focus()
            await settle(app, pilot)
            detail = app.screen.query_one(DetailPanel)
            detail.scroll_end(animate=False, immediate=True)
            await pilot.pause()
            assert detail.scroll_y > 0
            await pilot.press("down")
            await pilot.pause(0.1)
            await settle(app, pilot)
            assert detail.scroll_y == 0

    run(scenario)


BUNDLED = Path(__file__).resolve().parents[2]


def test_short_screen_shows_every_option_and_the_tabs_take_turns_with_the_ranking() -> None:
    from tests.tui.conftest import make_app

    app = make_app(BUNDLED)  # fourteen options or more

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            ranking = screen.query_one(RankingList)
            tabs = screen.query_one("#tabs")
            panel = screen.query_one("#ranking-panel")
            assert ranking.size.height >= len(ranking.entries) + 1  # header and every option
            assert not tabs.display
            assert "d detail" in str(panel.border_subtitle) or "tabs: d" in str(panel.border_subtitle)
            await pilot.press("a")
            await settle(app, pilot)
            assert tabs.display and not panel.display
            assert tabs.size.height >= 15  # the SMAA tab has the column's height
            assert "esc back" in str(screen.query_one("#keys").render())
            screen.query_one(WeightsList).focus()
            await pilot.press("right")  # weights still work beside the tab
            await settle(app, pilot)
            assert app.session.unsaved
            await pilot.press("escape")
            await settle(app, pilot)
            assert panel.display and not tabs.display

    run(scenario)


def test_sixty_by_twenty_keeps_weights_and_ranking_and_reaches_every_tab() -> None:
    from tests.tui.conftest import make_app

    app = make_app(BUNDLED)

    async def scenario() -> None:
        async with app.run_test(size=(60, 20)) as pilot:
            await settle(app, pilot)
            screen = app.screen
            weights = screen.query_one(WeightsList)
            ranking = screen.query_one(RankingList)
            assert weights.size.height >= 5 and ranking.size.height >= 8
            keys = str(screen.query_one("#keys").render())
            assert "q quit" in keys and "? help" in keys
            for key, tab in (
                ("d", "tab-detail"),
                ("s", "tab-sensitivity"),
                ("a", "tab-smaa"),
                ("c", "tab-compare"),
                ("n", "tab-panel"),
            ):
                await pilot.press(key)
                await settle(app, pilot)
                tabs = screen.query_one("#tabs")
                assert tabs.display and tabs.size.height >= 15, key  # the whole screen but two lines
                assert screen.query_one("#tabs", TabbedContentType).active == tab
                assert not screen.query_one("#weights-panel").display
                await pilot.press("escape")
                await settle(app, pilot)
                assert not tabs.display and weights.size.height >= 5

    run(scenario)


def test_export_can_write_the_findings_csv_beside_the_report(app_factory: AppFactory, tmp_path: Path) -> None:
    target = tmp_path / "report.md"

    async def scenario() -> None:
        app = app_factory()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("ctrl+e")
            await pilot.pause()
            assert isinstance(app.screen, ExportDialog)
            app.screen.query_one("#export-findings-csv").value = True  # type: ignore[attr-defined]
            path_input = app.screen.query_one("#export-path")
            path_input.value = str(target)  # type: ignore[attr-defined]
            path_input.focus()
            await pilot.press("enter")
            await settle(app, pilot)

    run(scenario)
    beside = tmp_path / "report.findings.csv"
    assert target.exists() and beside.exists()
    # the same file as the report's own reproducing command writes with --findings-csv
    command = [part for part in _recorded_command(target) if part != "--findings-csv"]
    again = tmp_path / "again.md"
    command[command.index("-o") + 1] = str(again)
    result = CliRunner().invoke(cli_app, [*command[1:], "--findings-csv"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "again.findings.csv").read_bytes() == beside.read_bytes()


def _recorded_command(report: Path) -> list[str]:
    """The reproducing command a Markdown report records (its `decisiontool ...` line)."""
    import shlex

    for line in report.read_text(encoding="utf-8").splitlines():
        text = line.strip().strip("`")
        if text.startswith("decisiontool "):
            return shlex.split(text)
    raise AssertionError("no reproducing command in the report")
