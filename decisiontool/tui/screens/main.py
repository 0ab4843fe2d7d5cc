"""The main screen: weights, ranking and detail side by side, answering every change at once.

The screen turns widget messages and key bindings into calls on the `Session`, then asks
each panel to redraw from it. Slow work (sensitivity sweeps, SMAA, comparisons,
report writing, saving) runs in thread workers and comes back through `call_from_thread`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static, TabbedContent, TabPane

from decisiontool.analysis import METHOD_IDS, Analysis
from decisiontool.engine import METHODS
from decisiontool.problems import ModelError
from decisiontool.tui.screens.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    ExportDialog,
    ExportRequest,
    LessonDialog,
    SaveProfileDialog,
    SaveRequest,
    WeightDialog,
)
from decisiontool.tui.state import (
    Sensitivity,
    Session,
    SmaaSummary,
    compare_ranks,
    sensitivity,
    smaa_summary,
)
from decisiontool.tui.widgets.analyses import CompareView, SensitivityView, SmaaView
from decisiontool.tui.widgets.detail import DetailPanel
from decisiontool.tui.widgets.ranking import RankingList, RankingPanel
from decisiontool.tui.widgets.rows import RowList
from decisiontool.tui.widgets.weights import WeightsList, WeightsPanel

if TYPE_CHECKING:
    from decisiontool.tui.app import DecisionApp

DETAIL_DELAY = 0.08
"""Seconds to wait before redrawing the detail and the open tab after a change (keys repeat faster)."""
REPORT_SMAA_SAMPLES = 10_000
"""Samples for the SMAA section of an exported report (as `decisiontool report` uses by default)."""
SMAA_SAMPLES = 4000
"""Samples for the SMAA tab: enough for a stable picture at interactive speed."""


@dataclass(frozen=True)
class PaletteCommand:
    """An action offered in the command palette."""

    title: str
    help: str
    action: str


PALETTE_COMMANDS: tuple[PaletteCommand, ...] = (
    PaletteCommand("Undo weight change", "Undo the last change of weights", "undo"),
    PaletteCommand("Redo weight change", "Redo the last undone change of weights", "redo"),
    PaletteCommand("Reset weights to the profile", "Back to the current profile's own weights", "reset"),
    PaletteCommand("Next method", "Cycle wsm → topsis → vikor → promethee2", "cycle_method"),
    PaletteCommand("Choose method", "Pick the scoring method from a list", "choose_method"),
    PaletteCommand("Choose profile", "Switch to another weight profile", "choose_profile"),
    PaletteCommand("Save weights as profile", "Write criteria/profiles/<id>.toml", "save_profile"),
    PaletteCommand("Export report", "Write a report (md, html, csv, json, xlsx)", "export"),
    PaletteCommand("Elicit weights", "Rank-order or pairwise (AHP) weighting", "weighting"),
    PaletteCommand("Show detail", "The highlighted option's evidence", "show_tab('tab-detail')"),
    PaletteCommand(
        "Show sensitivity", "Scores against the selected criterion's weight", "show_tab('tab-sensitivity')"
    ),
    PaletteCommand("Show SMAA", "Rank acceptability heat map", "show_tab('tab-smaa')"),
    PaletteCommand(
        "Compare methods and profiles", "Ranks under every method and profile", "show_tab('tab-compare')"
    ),
    PaletteCommand(
        "Colour bars by criterion or group", "Toggle the colouring of the ranking bars", "toggle_colours"
    ),
    PaletteCommand("Lock or unlock weight", "Lock the selected weight", "lock_selected"),
    PaletteCommand("Help", "Every key binding", "help"),
)
"""Everything the screen can do, for the command palette (ctrl+p)."""


class MainScreen(Screen[None]):
    """Weights panel, ranking panel and a tabbed area (detail, sensitivity, SMAA, compare)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "cycle_method", "Method", id="main.cycle_method", tooltip="Next scoring method"),
        Binding(
            "M",
            "choose_method",
            "Methods…",
            show=False,
            id="main.choose_method",
            tooltip="Pick a method from a list",
        ),
        Binding("p", "choose_profile", "Profile", id="main.choose_profile", tooltip="Switch weight profile"),
        Binding("r", "reset", "Reset", id="main.reset", tooltip="Reset weights to the profile's"),
        Binding("ctrl+z", "undo", "Undo", id="main.undo", tooltip="Undo the last weight change"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="main.redo", tooltip="Redo a weight change"),
        Binding(
            "ctrl+s", "save_profile", "Save", id="main.save_profile", tooltip="Save the weights as a profile"
        ),
        Binding("ctrl+e", "export", "Export", show=False, id="main.export", tooltip="Export a report"),
        Binding(
            "w", "weighting", "Elicit", show=False, id="main.weighting", tooltip="Rank-order or AHP weighting"
        ),
        Binding(
            "d",
            "show_tab('tab-detail')",
            "Detail",
            show=False,
            id="main.tab_detail",
            tooltip="Show the option's detail",
        ),
        Binding(
            "s",
            "show_tab('tab-sensitivity')",
            "Sensitivity",
            show=False,
            id="main.tab_sensitivity",
            tooltip="Show the sensitivity chart",
        ),
        Binding(
            "a",
            "show_tab('tab-smaa')",
            "SMAA",
            show=False,
            id="main.tab_smaa",
            tooltip="Show rank acceptability (SMAA)",
        ),
        Binding(
            "c",
            "show_tab('tab-compare')",
            "Compare",
            show=False,
            id="main.tab_compare",
            tooltip="Compare methods and profiles",
        ),
        Binding(
            "b",
            "toggle_colours",
            "Colours",
            show=False,
            id="main.toggle_colours",
            tooltip="Colour bars by criterion or by group",
        ),
    ]

    # Screen declares this as an instance attribute (a ClassVar inside a union), hence no ClassVar here.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-narrow"),
        (100, "-medium"),
        (140, "-wide"),
    ]
    """Below 140 columns the tabs sit under the ranking (weights wider from 100); from 140, three columns."""

    def __init__(self, session: Session) -> None:
        super().__init__(id="main")
        self.session = session
        self._detail_timer: Timer | None = None
        self._smaa_cache: tuple[Analysis, SmaaSummary] | None = None

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Status line, the three areas, footer."""
        yield Static("", id="status")
        with Container(id="body"):
            yield WeightsPanel(self.session)
            yield RankingPanel(self.session)
            with TabbedContent(id="tabs", initial="tab-detail"):
                with TabPane("Detail", id="tab-detail"):
                    yield DetailPanel(id="detail")
                with TabPane("Sensitivity", id="tab-sensitivity"):
                    yield SensitivityView(id="sensitivity")
                with TabPane("SMAA", id="tab-smaa"):
                    yield SmaaView(id="smaa")
                with TabPane("Compare", id="tab-compare"):
                    yield CompareView(id="compare")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Focus the weights and draw the status line and detail."""
        self.query_one(WeightsList).focus()
        self.refresh_status()
        self.schedule_detail(0.0)

    @property
    def weights_list(self) -> WeightsList:
        """The weights list widget."""
        return self.query_one(WeightsList)

    @property
    def ranking_list(self) -> RankingList:
        """The ranking list widget."""
        return self.query_one(RankingList)

    # -- redrawing --------------------------------------------------------------------

    def refresh_status(self) -> None:
        """Model, method, profile and the unsaved marker on one line."""
        session = self.session
        analysis = session.analysis
        text = Text(" ")
        text.append(analysis.method_id, style="bold")
        text.append(" · profile ", style="dim")
        text.append(analysis.profile, style="bold")
        if session.differs_from_profile:
            text.append(" (modified)", style="yellow")
        if session.unsaved:
            text.append(" · unsaved", style="bold yellow")
        if session.locked:
            text.append(f" · {len(session.locked)} locked", style="yellow")
        text.append(" · " + analysis.model.name, style="dim")
        text.truncate(max(10, self.size.width), overflow="ellipsis")
        self.query_one("#status", Static).update(text)

    def refresh_after_weights(self) -> None:
        """Redraw after a change of weights: weights, ranking, status now; the rest soon."""
        self.weights_list.refresh_weights()
        self.ranking_list.refresh_ranking()
        self.refresh_status()
        self.schedule_detail()

    def refresh_all(self) -> None:
        """Redraw everything (after a method, profile or model change)."""
        self.weights_list.refresh_weights()
        self.query_one(RankingPanel).refresh_panel()
        self.refresh_status()
        self.schedule_detail(0.0)

    def schedule_detail(self, delay: float = DETAIL_DELAY) -> None:
        """Redraw the detail and the open tab after `delay` (a burst of keys redraws once)."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        if delay <= 0:
            self.call_after_refresh(self.refresh_tab)
        else:
            self._detail_timer = self.set_timer(delay, self.refresh_tab)

    def refresh_tab(self) -> None:
        """Redraw whichever tab is open."""
        self._detail_timer = None
        active = self.query_one(TabbedContent).active
        analysis = self.session.analysis
        if active == "tab-detail":
            self.query_one(DetailPanel).show(analysis, self.ranking_list.current_option)
        elif active == "tab-sensitivity":
            self.refresh_sensitivity()
        elif active == "tab-smaa":
            self.refresh_smaa()
        elif active == "tab-compare":
            self.compute_compare(analysis)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self) -> None:
        self.schedule_detail(0.0)

    @on(RowList.Highlighted)
    def _highlighted(self, event: RowList.Highlighted) -> None:
        active = self.query_one(TabbedContent).active
        if (isinstance(event.row_list, RankingList) and active == "tab-detail") or (
            isinstance(event.row_list, WeightsList) and active == "tab-sensitivity"
        ):
            self.schedule_detail()

    # -- weights ----------------------------------------------------------------------

    def _apply(self, change: Any) -> None:
        """Run a session change; redraw if it changed something, report a refused one."""
        try:
            changed = change()
        except ModelError as error:
            self.notify(
                "\n".join(p.message for p in error.problems), title="Weights refused", severity="error"
            )
            return
        if changed:
            self.refresh_after_weights()

    @on(WeightsList.Edit)
    def _edit(self, event: WeightsList.Edit) -> None:
        session = self.session
        if event.kind == "step":
            self._apply(lambda: session.step_weight(event.item, event.value))
        elif event.kind == "set":
            self._apply(lambda: session.set_weight(event.item, event.value))
        elif event.kind == "zero":
            self._apply(lambda: session.zero(event.item))
        elif event.kind == "lock":
            session.toggle_lock(event.item)
            self.weights_list.refresh_weights()
            self.refresh_status()
        elif event.kind == "ask":
            item = event.item

            def answered(value: float | None) -> None:
                if value is not None:
                    self._apply(lambda: session.set_weight(item, value))

            self.app.push_screen(WeightDialog(item, session.effective_weight(item)), answered)

    def action_lock_selected(self) -> None:
        """Lock or unlock the weight under the weights cursor."""
        self.weights_list.action_lock()

    def action_undo(self) -> None:
        """Undo the last change of weights."""
        if self.session.undo():
            self.refresh_after_weights()
        else:
            self.notify("Nothing to undo.", timeout=2)

    def action_redo(self) -> None:
        """Redo the last undone change of weights."""
        if self.session.redo():
            self.refresh_after_weights()
        else:
            self.notify("Nothing to redo.", timeout=2)

    def action_reset(self) -> None:
        """Back to the current profile's own weights (undoable)."""
        self._apply(self.session.reset)

    # -- method and profile -----------------------------------------------------------

    def action_cycle_method(self) -> None:
        """Switch to the next method, keeping the cursor on the same option."""
        method = self.session.cycle_method()
        self.refresh_all()
        self.notify(f"Method: {METHODS[method].label}", timeout=2)

    def action_choose_method(self) -> None:
        """Pick a method from a list."""
        choices = [
            (m, METHODS[m].label, "higher is better" if METHODS[m].higher_is_better else "lower is better")
            for m in METHOD_IDS
        ]

        def chosen(method: str | None) -> None:
            if method is not None and self.session.set_method(method):
                self.refresh_all()

        self.app.push_screen(ChoiceDialog("Method", choices, self.session.analysis.method_id), chosen)

    def action_choose_profile(self) -> None:
        """Pick a profile from a list showing each one's description."""

        def chosen(profile: str | None) -> None:
            if profile is not None:
                self.switch_profile(profile)

        self.app.push_screen(
            ChoiceDialog("Weight profile", self.session.profiles(), self.session.analysis.profile), chosen
        )

    def switch_profile(self, profile: str) -> None:
        """Use a profile's own weights (undoable), keeping the cursor on the same option."""
        if self.session.set_profile(profile):
            self.refresh_all()
            self.notify(f"Profile: {self.session.model.profile_name(profile)}", timeout=2)

    def action_toggle_colours(self) -> None:
        """Colour the contribution bars by criterion or by group."""
        ranking = self.ranking_list
        ranking.by_group = not ranking.by_group
        self.query_one(RankingPanel).refresh_panel()

    def action_show_tab(self, tab: str) -> None:
        """Open one of the tabs (detail, sensitivity, SMAA, compare)."""
        self.query_one(TabbedContent).active = tab

    def action_help(self) -> None:
        """Show every key binding."""
        from decisiontool.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())

    # -- detail -----------------------------------------------------------------------

    @on(DetailPanel.LessonRequested)
    def _lesson(self, event: DetailPanel.LessonRequested) -> None:
        lesson = self.session.model.lessons.get(event.lesson_id)
        if lesson is not None:
            self.app.push_screen(LessonDialog(lesson))

    # -- sensitivity, SMAA, compare ---------------------------------------------------

    def selected_item(self) -> str | None:
        """The criterion or group under the weights cursor."""
        row = self.weights_list.current
        return None if row is None else row.id

    def refresh_sensitivity(self) -> None:
        """Sweep the selected criterion (or group) in a worker and draw it."""
        item = self.selected_item()
        if item is not None:
            self.compute_sensitivity(self.session.analysis, item)

    @work(thread=True, exclusive=True, group="sensitivity")
    def compute_sensitivity(self, analysis: Analysis, item: str) -> None:
        """Sweep one criterion or group and find its critical weights (off the UI thread)."""
        try:
            found = sensitivity(analysis, item)
        except ValueError as error:
            self.app.call_from_thread(self.query_one(SensitivityView).show_message, str(error))
            return
        self.app.call_from_thread(self._show_sensitivity, analysis, found)

    def _show_sensitivity(self, analysis: Analysis, found: Sensitivity) -> None:
        if analysis is not self.session.analysis:
            return  # the weights moved on; a newer sweep is on its way
        names = {option.id: option.name for option in analysis.model.options}
        top = [entry.option for entry in analysis.ranking.entries]
        self.query_one(SensitivityView).show(found, names, top, analysis.method.higher_is_better)

    def refresh_smaa(self) -> None:
        """Run SMAA around the current weights in a worker (cached per analysis)."""
        view = self.query_one(SmaaView)
        analysis = self.session.analysis
        if self._smaa_cache is not None and self._smaa_cache[0] is analysis:
            view.show(self._smaa_cache[1], self._option_names())
            return
        view.show_message(f"Sampling {SMAA_SAMPLES} weight and score draws…")
        self.compute_smaa(analysis)

    def _option_names(self) -> dict[str, str]:
        return {option.id: option.name for option in self.session.model.options}

    @work(thread=True, exclusive=True, group="smaa")
    def compute_smaa(self, analysis: Analysis) -> None:
        """SMAA-2 off the UI thread."""
        try:
            summary = smaa_summary(analysis, samples=SMAA_SAMPLES, seed=1)
        except ValueError as error:
            self.app.call_from_thread(self.query_one(SmaaView).show_message, f"SMAA failed: {error}")
            return
        self.app.call_from_thread(self._show_smaa, analysis, summary)

    def _show_smaa(self, analysis: Analysis, summary: SmaaSummary) -> None:
        self._smaa_cache = (analysis, summary)
        if analysis is self.session.analysis:
            self.query_one(SmaaView).show(summary, self._option_names())

    @work(thread=True, exclusive=True, group="compare")
    def compute_compare(self, analysis: Analysis) -> None:
        """Ranks under every method and profile, off the UI thread."""
        labels, ranks = compare_ranks(analysis)
        names = {option.id: option.name for option in analysis.model.options}
        self.app.call_from_thread(self.query_one(CompareView).show, labels, ranks, names)

    # -- saving and exporting ---------------------------------------------------------

    def action_save_profile(self) -> None:
        """Ask for an id and a name, then write the weights as a profile."""
        analysis = self.session.analysis
        model = self.session.model
        profile = analysis.profile
        initial = SaveRequest(
            profile if profile != "default" else "",
            model.profile_name(profile) if profile != "default" else "",
            model.profiles[profile].description if profile in model.profiles else "",
        )

        def requested(request: SaveRequest | None) -> None:
            if request is None:
                return
            if request.profile_id in model.profiles:

                def confirmed(yes: bool | None) -> None:
                    if yes:
                        self.write_profile(request, force=True)

                self.app.push_screen(
                    ConfirmDialog(
                        f"Profile '{request.profile_id}' exists. Overwrite it? "
                        "(Its comments and layout are kept.)",
                        yes="Overwrite",
                        no="Cancel",
                    ),
                    confirmed,
                )
            else:
                self.write_profile(request, force=False)

        self.app.push_screen(
            SaveProfileDialog(initial.profile_id, initial.name, initial.description), requested
        )

    @work(thread=True, exclusive=True, group="save")
    def write_profile(self, request: SaveRequest, force: bool) -> None:
        """Write the profile file, then load the model again (off the UI thread)."""
        from decisiontool.loading import reload_model
        from decisiontool.profile_writer import save_profile

        session = self.session
        analysis = session.analysis
        weights, group_weights = session.profile_to_save()
        comment = (
            f"saved from the decisiontool app (started from profile '{analysis.profile}', "
            f"ranked with {analysis.method_id})"
        )
        try:
            path = save_profile(
                analysis.model.root,
                request.profile_id,
                request.name,
                weights,
                group_weights,
                description=request.description,
                comment=comment,
                force=force,
                missing=analysis.model.missing,
            )
            model = reload_model(analysis.model)
        except ModelError as error:
            self.app.call_from_thread(
                self.notify, "\n".join(str(p) for p in error.problems), title="Not saved", severity="error"
            )
            return
        self.app.call_from_thread(self._saved, model, request.profile_id, path)

    def _saved(self, model: Any, profile_id: str, path: Path) -> None:
        app: DecisionApp = self.app  # type: ignore[assignment]
        self.session.reload(model, profile=profile_id)
        app.remember_model_files()
        self.refresh_all()
        self.notify(f"Saved {path}", title="Profile saved")

    def action_export(self) -> None:
        """Ask for a path and format, then write a report through `decisiontool report`'s code."""

        def requested(request: ExportRequest | None) -> None:
            if request is None:
                return
            if request.path.exists():

                def confirmed(yes: bool | None) -> None:
                    if yes:
                        self.write_report(
                            ExportRequest(request.path, True, request.sensitivity, request.smaa)
                        )

                self.app.push_screen(
                    ConfirmDialog(f"{request.path} exists. Overwrite it?", yes="Overwrite", no="Cancel"),
                    confirmed,
                )
            else:
                self.write_report(request)

        self.app.push_screen(ExportDialog(Path.cwd() / "decisiontool-report.md"), requested)

    @work(thread=True, exclusive=True, group="export")
    def write_report(self, request: ExportRequest) -> None:
        """Write the report (off the UI thread)."""
        from decisiontool.reports import write_report

        analysis = self.session.analysis
        from decisiontool import robustness
        from decisiontool.commands import analysis_report_command

        sensitivity = smaa = None
        try:
            if request.sensitivity:
                sensitivity = robustness.sensitivity(analysis)
            if request.smaa:
                smaa = robustness.smaa(analysis, samples=REPORT_SMAA_SAMPLES, seed=1)
            today = datetime.date.today()
            argv = analysis_report_command(
                analysis,
                request.path,
                sensitivity=request.sensitivity,
                smaa_samples=REPORT_SMAA_SAMPLES if request.smaa else 0,
                seed=1,
                date=today.isoformat(),
            )
            write_report(
                analysis,
                request.path,
                force=request.force,
                date=today,
                argv=argv,
                sensitivity=sensitivity,
                smaa=smaa,
            )
        except ModelError as error:
            self.app.call_from_thread(
                self.notify, "\n".join(str(p) for p in error.problems), title="Not exported", severity="error"
            )
            return
        except OSError as error:
            self.app.call_from_thread(self.notify, str(error), title="Not exported", severity="error")
            return
        self.app.call_from_thread(self.notify, f"Wrote {request.path}", title="Report exported")

    # -- weighting --------------------------------------------------------------------

    def action_weighting(self) -> None:
        """Open the weight elicitation screen (rank order or AHP)."""
        try:
            from decisiontool.tui.screens.weighting import WeightingScreen
        except ImportError:
            self.notify("Weight elicitation is not available in this build.", severity="error")
            return

        def applied(weights: dict[str, float] | None) -> None:
            if weights:
                self._apply(lambda: self.session.apply_effective_weights(weights))

        self.app.push_screen(WeightingScreen(self.session), applied)
