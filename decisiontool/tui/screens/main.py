"""The main screen: weights, ranking and tabs side by side, answering every change at once.

The screen renders and dispatches: it turns widget messages and key bindings into calls on
the `Session`, then asks each panel to redraw from it. The analysis tabs' workers live in
`tabs.AnalysisTabs`, method, profile and panel choices and the views in `choices.ChoiceActions`,
saving and exporting (through `decisiontool.services`) in `files.FileActions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.timer import Timer
from textual.widgets import Static, TabbedContent, TabPane

from decisiontool.tui.screens.choices import ChoiceActions
from decisiontool.tui.screens.commands import MAIN_BINDINGS, PALETTE_COMMANDS, PaletteCommand
from decisiontool.tui.screens.dialogs import WeightDialog
from decisiontool.tui.screens.files import FileActions
from decisiontool.tui.state import Session
from decisiontool.tui.text import one_line
from decisiontool.tui.widgets.analyses import CompareView, SensitivityView, SmaaView
from decisiontool.tui.widgets.detail import DetailPanel
from decisiontool.tui.widgets.keys import KeyLine
from decisiontool.tui.widgets.panel import PanelList, PanelView
from decisiontool.tui.widgets.ranking import RankingList, RankingPanel
from decisiontool.tui.widgets.rows import RowList
from decisiontool.tui.widgets.weights import WeightsList, WeightsPanel

if TYPE_CHECKING:
    pass

__all__ = ["PALETTE_COMMANDS", "MainScreen", "PaletteCommand"]

DETAIL_DELAY = 0.02
"""Seconds to wait before redrawing the detail and the open tab after a change (keys repeat faster)."""

TABS: tuple[tuple[str, str], ...] = (
    ("tab-detail", "Detail"),
    ("tab-sensitivity", "Sensitivity"),
    ("tab-smaa", "SMAA"),
    ("tab-compare", "Compare"),
    ("tab-panel", "Panel"),
)
"""The analysis tabs in order (id, title); a new tab adds a line here and a branch in `refresh_tab`."""


SHORT_HEIGHT = 30
"""Screens shorter than this show the ranking or the open tab, not both (all options stay visible)."""

TAB_KEYS = ("d detail · s sensitivity · a SMAA · c compare", "tabs: d s a c")
"""The tab keys (long, short), shown under the ranking when the tabs are out of sight."""


class Tabs(TabbedContent):
    """The analysis tabs; `z` zooms them to the whole screen."""

    ALLOW_MAXIMIZE = True


def changed_phrase(count: int, profile_name: str) -> str:
    """`3 weights changed from Cost first` (empty for none)."""
    if count == 0:
        return ""
    return f"{count} weight{'s' if count != 1 else ''} changed from {profile_name}"


class MainScreen(ChoiceActions, FileActions):
    """Weights panel, ranking panel and a tabbed area (detail, sensitivity, SMAA, compare)."""

    BINDINGS: ClassVar[list[BindingType]] = MAIN_BINDINGS

    # Screen declares this as an instance attribute (a ClassVar inside a union), hence no ClassVar here.
    HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] | None = [  # noqa: RUF012
        (0, "-tiny"),
        (72, "-narrow"),
        (100, "-medium"),
        (140, "-wide"),
    ]
    """Below 72 columns one column; below 140 the tabs sit under the ranking; from 140, three columns."""
    VERTICAL_BREAKPOINTS: list[tuple[int, str]] | None = [(0, "-short"), (SHORT_HEIGHT, "-tall")]  # noqa: RUF012
    """Below `SHORT_HEIGHT` rows the ranking and the open tab take turns (a tab key shows it, Esc returns)."""

    def __init__(self, session: Session) -> None:
        super().__init__(id="main")
        self.session = session
        self._detail_timer: Timer | None = None
        self._focus_keys: dict[str, str] = {}
        self._smaa_cache = None

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Status line, the three areas, footer."""
        yield Static("", id="status")
        with Container(id="body"):
            yield WeightsPanel(self.session)
            yield RankingPanel(self.session)
            with Tabs(id="tabs", initial="tab-detail"):
                with TabPane("Detail", id="tab-detail"):
                    yield DetailPanel(id="detail")
                with TabPane("Sensitivity", id="tab-sensitivity"):
                    yield SensitivityView(id="sensitivity")
                with TabPane("SMAA", id="tab-smaa"):
                    yield SmaaView(id="smaa")
                with TabPane("Compare", id="tab-compare"):
                    yield CompareView(id="compare")
                with TabPane("Panel", id="tab-panel"):
                    yield PanelView(self.session, id="panel")
        yield KeyLine(id="keys")

    def on_mount(self) -> None:
        """Focus the weights and draw the status line and detail."""
        self.query_one(WeightsList).focus()
        self.show_panel_tab()
        self.refresh_status()
        self.schedule_detail(0.0)

    def on_resize(self) -> None:
        """The status line is cut to the width; the keys and the tab hint follow the size class."""
        self.refresh_status()
        self.call_after_refresh(self.refresh_keys)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The key line follows the focus: ←→ weight and ⏎ set in the weights, ⏎ open elsewhere."""
        if isinstance(event.widget, WeightsList):
            context = {"⏎": "set"}
        elif isinstance(event.widget, RankingList):
            context = {"←→": "", "⏎": "why", "x": "mark"}
        elif isinstance(event.widget, PanelList):
            context = {"←→": "", "⏎": "use weights", "g": "aggregate"}
        else:
            context = {"←→": "", "⏎": "open"}
        self._focus_keys = context
        self.refresh_keys()

    @property
    def tabs_take_turns(self) -> bool:
        """True when the open tab shows instead of the ranking or the weights (a small screen)."""
        return self.has_class("-short") or self.has_class("-tiny")

    def refresh_keys(self) -> None:
        """The key line for the focus, with Esc when a tab covers the ranking or the weights."""
        keys = dict(self._focus_keys)
        if self.tabs_take_turns and self.has_class("-tabs-open"):
            keys["esc"] = "back"
        self.query_one(KeyLine).show(keys)
        panel = self.query_one(RankingPanel)
        extra = (" · n panel", " n") if self.session.model.panel else ("", "")
        long, short = (keys + more for keys, more in zip(TAB_KEYS, extra, strict=True))
        hint = long if len(long) + 6 <= panel.size.width else short
        panel.border_subtitle = hint if self.tabs_take_turns and not self.has_class("-tiny") else ""

    def action_back(self) -> None:
        """Esc: leave the zoomed tab, or on a small screen go back from the open tab."""
        if self.maximized is not None:
            self.minimize()
        elif self.has_class("-tabs-open") and self.tabs_take_turns:
            self.remove_class("-tabs-open")
            if self.query_one(Tabs).has_focus_within:
                self.ranking_list.focus()
            self.refresh_keys()

    # -- redrawing --------------------------------------------------------------------

    def status_text(self) -> Text:
        """Method, profile, what changed, unsaved and locks, in words."""
        session = self.session
        analysis = session.analysis
        profile_name = one_line(analysis.model.profile_name(analysis.profile))
        text = Text(" ")
        text.append(analysis.method_id, style="bold")
        text.append(" · ", style="dim")
        text.append(profile_name, style="bold")
        moved = changed_phrase(len(session.moved_items()), profile_name)
        if moved:
            text.append(" · " + moved, style="yellow")
        elif session.differs_from_profile:
            text.append(" · weights differ from the profile", style="yellow")
        if session.unsaved:
            text.append(" · unsaved", style="bold yellow")
        if session.locked:
            text.append(f" · {len(session.locked)} locked", style="yellow")
        text.append(" · " + one_line(analysis.model.name), style="dim")
        return text

    def refresh_status(self) -> None:
        """Redraw the status line, cut to the screen."""
        text = self.status_text()
        text.truncate(max(10, self.size.width), overflow="ellipsis")
        self.query_one("#status", Static).update(text, layout=False)  # one line, always

    def refresh_after_weights(self) -> None:
        """Redraw after a change of weights: weights, ranking, status now; the rest soon."""
        self.weights_list.refresh_weights()
        self.ranking_list.refresh_ranking()
        self.refresh_status()
        self.schedule_detail()

    def show_panel_tab(self) -> None:
        """The Panel tab is there only when the model has a panel."""
        tabs = self.query_one(TabbedContent)
        if self.session.model.panel:
            tabs.show_tab("tab-panel")
        else:
            if tabs.active == "tab-panel":
                tabs.active = "tab-detail"
            tabs.hide_tab("tab-panel")

    def refresh_all(self) -> None:
        """Redraw everything (after a method, profile or model change)."""
        self.show_panel_tab()
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
        if not self.is_mounted:
            return
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
        elif active == "tab-panel":
            self.refresh_panel_tab()
        self.refresh_bands()

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

    @on(WeightsList.Edit)
    def _edit(self, event: WeightsList.Edit) -> None:
        session = self.session
        item = event.item
        if event.kind == "step":
            self._apply(lambda: session.step_weight(item, event.value, burst=True))
        elif event.kind == "set":
            self._apply(lambda: session.set_weight(item, event.value))
        elif event.kind == "zero":
            self._apply(lambda: session.zero(item))
        elif event.kind == "lock":
            session.toggle_lock(item)
            self.weights_list.refresh_weights()
            self.refresh_status()
        elif event.kind == "ask":
            row = next((r for r in self.weights_list.rows if r.id == item), None)

            def answered(value: float | None) -> None:
                if value is not None:
                    self._apply(lambda: session.set_weight(item, value))

            label = row.name if row is not None else item
            self.app.push_screen(WeightDialog(label, session.effective_weight(item)), answered)
        elif event.kind == "open":
            self.action_criterion()

    @on(RankingList.Opened)
    def _ranking_opened(self, event: RankingList.Opened) -> None:
        self.open_why(event.option, self.ranking_list.marked)

    def action_lock_selected(self) -> None:
        """Lock or unlock the weight under the weights cursor."""
        self.weights_list.action_lock()

    def action_undo(self) -> None:
        """Undo the last change of weights."""
        if self.session.undo():
            self.refresh_all()
        else:
            self.notify("Nothing to undo.", timeout=2)

    def action_redo(self) -> None:
        """Redo the last undone change of weights."""
        if self.session.redo():
            self.refresh_all()
        else:
            self.notify("Nothing to redo.", timeout=2)

    def action_reset(self) -> None:
        """Back to the current profile's own weights (undoable)."""
        self._apply(self.session.reset)

    def action_toggle_weights(self) -> None:
        """Show or hide the weights pane (the ranking and tabs take its room)."""
        panel = self.query_one(WeightsPanel)
        if self.has_class("-tiny"):
            # one column: v brings the weights back in place of the open tab
            self.toggle_class("-tabs-open")
            self.refresh_keys()
            return
        panel.display = not panel.display
        self.set_class(not panel.display, "-no-weights")
        self.query_one(RankingPanel).refresh_panel()  # the legend lists the colours the weights showed
        if not panel.display and panel.has_focus_within:
            self.ranking_list.focus()

    def action_zoom(self) -> None:
        """The analysis tabs on the whole screen, or back (the tabs need room the most on a small screen)."""
        if self.maximized is not None:
            self.minimize()
        else:
            self.maximize(self.query_one(Tabs), container=False)

    def action_toggle_colours(self) -> None:
        """Colour the contribution bars by criterion or by group."""
        self.session.colour_by_group = not self.session.colour_by_group
        self.query_one(RankingPanel).refresh_panel()
        self.weights_list.refresh_weights()

    def action_show_tab(self, tab: str) -> None:
        """Open a tab (detail, sensitivity, SMAA, compare, panel); on a tiny screen instead of the weights."""
        if tab == "tab-panel" and not self.session.model.panel:
            self.notify("This model has no panel: add one file per participant in MODEL/panel/.", timeout=4)
            return
        if tab == "tab-panel":
            self.query_one(PanelList).focus()  # ⏎ takes the highlighted participant's weights
        elif self.has_class("-short") and not self.has_class("-tiny") and self.ranking_list.has_focus:
            self.weights_list.focus()  # the ranking is out of sight
        self.query_one(TabbedContent).active = tab
        self.add_class("-tabs-open")
        self.refresh_keys()

    def action_help(self) -> None:
        """Show every key binding."""
        from decisiontool.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
