"""What the main screen opens and switches: methods, profiles, a panel row's weights, the views.

Method and profile choices, taking a participant's weights from the Panel tab (asking first
over unsaved weights), and the Why, criterion, lesson and weighting views. The main screen
(`main.MainScreen`) adds the layout and the redrawing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on

from decisiontool.analysis import METHOD_IDS, Analysis
from decisiontool.engine import METHODS
from decisiontool.problems import ModelError
from decisiontool.tui.screens.dialogs import ChoiceDialog, ConfirmDialog, LessonDialog
from decisiontool.tui.screens.tabs import AnalysisTabs
from decisiontool.tui.text import one_line, safe
from decisiontool.tui.widgets.detail import DetailPanel
from decisiontool.tui.widgets.panel import PanelList, PanelView, panel_weights, participant_label
from decisiontool.tui.widgets.ranking import RankingList
from decisiontool.tui.widgets.weights import WeightsList

if TYPE_CHECKING:
    from decisiontool.findings import Findings


class ChoiceActions(AnalysisTabs):
    """Methods, profiles, panel weights and the views, for the main screen."""

    def refresh_all(self) -> None:
        """Redraw everything (the main screen defines it)."""

    def refresh_after_weights(self) -> None:
        """Redraw after a change of weights (the main screen defines it)."""

    @property
    def weights_list(self) -> WeightsList:
        """The weights list widget."""
        return self.query_one(WeightsList)

    @property
    def ranking_list(self) -> RankingList:
        """The ranking list widget."""
        return self.query_one(RankingList)

    def _apply(self, change: Callable[[], bool]) -> None:
        """Run a session change; redraw if it changed something, report a refused one."""
        try:
            changed = change()
        except ModelError as error:
            self.notify(
                safe("\n".join(p.message for p in error.problems)), title="Weights refused", severity="error"
            )
            return
        if changed:
            self.refresh_after_weights()

    # -- panel ----------------------------------------------------------------------

    @on(PanelList.Use)
    def _use_panel_weights(self, event: PanelList.Use) -> None:
        result = self.panel_result()
        if result is None:
            return
        weights = panel_weights(result, event.row_id)
        if event.row_id:
            whose = participant_label(result.participant(event.row_id)) + "'s weights"
        else:
            whose = f"the panel's {result.aggregate} aggregate"
        if result.illustrative:
            whose += " (illustrative panel)"

        def use() -> None:
            before = len(self.session.undo_stack)
            self._apply(lambda: self.session.apply_effective_weights(weights))
            if len(self.session.undo_stack) > before:
                self.notify(safe(f"Weights: {whose}. Not saved; ctrl+z undoes."), timeout=4)
                self.query_one(PanelView).refresh_marks()

        self.ask_before_dropping(use, "Use " + whose)

    def ask_before_dropping(self, then: Callable[[], None], what: str) -> None:
        """Run `then` now, or after a yes when it would replace unsaved weights."""
        if not self.session.unsaved:
            then()
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                then()

        question = (
            f"Your weights are not saved. {what} instead? "
            "(ctrl+z brings yours back; ctrl+s saves them first.)"
        )
        self.app.push_screen(ConfirmDialog(question, yes="Replace", no="Stay"), confirmed)

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
        """Pick a profile from a list showing each one's description; ask before dropping changes."""

        def chosen(profile: str | None) -> None:
            if profile is None or (
                profile == self.session.analysis.profile and not self.session.differs_from_profile
            ):
                return
            name = one_line(self.session.model.profile_name(profile))
            self.ask_before_dropping(lambda: self.switch_profile(profile), f"Switch to the profile {name}")

        self.app.push_screen(
            ChoiceDialog("Weight profile", self.session.profiles(), self.session.analysis.profile), chosen
        )

    def switch_profile(self, profile: str) -> None:
        """Use a profile's own weights (undoable), keeping the cursor on the same option."""
        if self.session.set_profile(profile):
            self.refresh_all()
            self.notify(safe(f"Profile: {self.session.model.profile_name(profile)}"), timeout=2)

    # -- views ------------------------------------------------------------------------

    def action_why(self) -> None:
        """Why the top is first: against the runner-up (or the highlighted option)."""
        self.open_why(self.ranking_list.current_option)

    def open_why(self, option: str | None, first: str | None = None) -> None:
        """The Why view: `first` (by default the top) against `option` (the top: against the runner-up)."""
        from decisiontool.tui.screens.why import WhyScreen

        def show(analysis: Analysis, findings: Findings) -> None:
            if not isinstance(self.app.screen, WhyScreen):
                self.app.push_screen(WhyScreen(analysis, findings, option, first))

        self.with_findings(show)

    def action_criterion(self) -> None:
        """The criterion under the weights cursor, in full."""
        from decisiontool.tui.screens.criterion import CriterionScreen

        item = self.selected_item()
        if item is None:
            return
        if item not in self.session.criterion_ids:
            members = self.session.group_members(item)
            if not members:
                return
            item = members[0]
        self.app.push_screen(CriterionScreen(self.session.analysis, item))

    @on(DetailPanel.LessonRequested)
    def _lesson(self, event: DetailPanel.LessonRequested) -> None:
        lesson = self.session.model.lessons.get(event.lesson_id)
        if lesson is not None:
            self.app.push_screen(LessonDialog(lesson))

    # -- weighting --------------------------------------------------------------------

    def action_weighting(self) -> None:
        """Open the weight elicitation screen (rank order or AHP)."""
        from decisiontool.tui.screens.weighting import WeightingScreen

        def applied(weights: dict[str, float] | None) -> None:
            if weights:
                self._apply(lambda: self.session.apply_effective_weights(weights))

        self.app.push_screen(WeightingScreen(self.session), applied)
