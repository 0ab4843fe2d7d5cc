"""The analysis tabs of the main screen: sweeps, SMAA and comparisons computed in workers.

Each result is drawn only if the weights have not moved on in the meantime; a failure is
shown in its tab (and reported), never raised out of the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from decisiontool.analysis import Analysis
from decisiontool.bars import score_fraction
from decisiontool.problems import ModelError
from decisiontool.tui.results import (
    Comparison,
    Sensitivity,
    SmaaSummary,
    compare_ranks,
    sensitivity,
    smaa_summary,
)
from decisiontool.tui.state import Session
from decisiontool.tui.text import safe
from decisiontool.tui.widgets.analyses import CompareView, SensitivityView, SmaaView
from decisiontool.tui.widgets.weights import WeightsList

if TYPE_CHECKING:
    from decisiontool.findings import Findings, ScoreInterval
    from decisiontool.panel import Aggregate, PanelResult

SMAA_SAMPLES = 4000
"""Samples for the SMAA tab: enough for a stable picture at interactive speed."""
FINDINGS_SAMPLES = 10_000
"""Samples behind the findings and the score intervals: `decisiontool explain`'s default, so both agree."""
FINDINGS_SEED = 1

FindingsCallback = Callable[[Analysis, "Findings"], None]
"""What to do with an analysis's findings once they are known."""


class AnalysisTabs(Screen[None]):
    """Sensitivity, SMAA and Compare for the main screen."""

    session: Session
    _smaa_cache: tuple[Analysis, SmaaSummary] | None = None
    _findings_cache: tuple[Analysis, Findings] | None = None
    _panel_cache: dict[Aggregate, tuple[Analysis, PanelResult]] | None = None
    """Aggregate -> (the base analysis, its panel result): the last result for each aggregate."""
    _panel_pending: tuple[Analysis, Aggregate] | None = None
    panel_aggregate: Aggregate = "geometric"
    """How the Panel tab combines the participants' weights (`decisiontool panel --aggregate`)."""

    def option_names(self) -> dict[str, str]:
        """Option id -> name (as in the model; widgets make it safe)."""
        return {option.id: option.name for option in self.session.model.options}

    def selected_item(self) -> str | None:
        """The criterion or group under the weights cursor."""
        row = self.query_one(WeightsList).current
        return None if row is None else row.id

    def tab_failed(self, what: str, error: Exception) -> None:
        """A computation failed: say so in the app (never an exit)."""
        from decisiontool.tui.app import DecisionApp

        if isinstance(self.app, DecisionApp):
            self.app.report_failure(f"{what} failed", safe(f"{type(error).__name__}: {error}"))

    # -- sensitivity -----------------------------------------------------------------

    def refresh_sensitivity(self) -> None:
        """Sweep the selected criterion (or group) in a worker and draw it."""
        item = self.selected_item()
        if item is not None:
            self.compute_sensitivity(self.session.analysis, item)

    @work(
        thread=True, exclusive=True, group="sensitivity", exit_on_error=False, description="sensitivity sweep"
    )
    def compute_sensitivity(self, analysis: Analysis, item: str) -> None:
        """Sweep one criterion or group and find its critical weights (off the UI thread)."""
        try:
            found = sensitivity(analysis, item)
        except Exception as error:
            self.app.call_from_thread(
                self.query_one(SensitivityView).show_message, safe(f"Sensitivity failed: {error}")
            )
            self.app.call_from_thread(self.tab_failed, "Sensitivity", error)
            return
        self.app.call_from_thread(self._show_sensitivity, analysis, found)

    def _show_sensitivity(self, analysis: Analysis, found: Sensitivity) -> None:
        if analysis is not self.session.analysis:
            return  # the weights moved on; a newer sweep is on its way
        top = [entry.option for entry in analysis.ranking.entries]
        self.query_one(SensitivityView).show(
            found, self.option_names(), top, analysis.method.higher_is_better
        )

    # -- SMAA ------------------------------------------------------------------------

    def refresh_smaa(self) -> None:
        """Run SMAA around the current weights in a worker (cached per analysis)."""
        view = self.query_one(SmaaView)
        analysis = self.session.analysis
        if self._smaa_cache is not None and self._smaa_cache[0] is analysis:
            view.show(self._smaa_cache[1], self.option_names())
            return
        view.show_message(f"Sampling {SMAA_SAMPLES} weight and score draws…")
        self.compute_smaa(analysis)

    @work(thread=True, exclusive=True, group="smaa", exit_on_error=False, description="SMAA")
    def compute_smaa(self, analysis: Analysis) -> None:
        """SMAA-2 off the UI thread."""
        try:
            summary = smaa_summary(analysis, samples=SMAA_SAMPLES, seed=1)
        except Exception as error:
            self.app.call_from_thread(self.query_one(SmaaView).show_message, safe(f"SMAA failed: {error}"))
            self.app.call_from_thread(self.tab_failed, "SMAA", error)
            return
        self.app.call_from_thread(self._show_smaa, analysis, summary)

    def _show_smaa(self, analysis: Analysis, summary: SmaaSummary) -> None:
        self._smaa_cache = (analysis, summary)
        if analysis is self.session.analysis:
            self.query_one(SmaaView).show(summary, self.option_names())

    # -- compare ---------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False, description="compare ranks")
    def compute_compare(self, analysis: Analysis) -> None:
        """Ranks under every method and profile, off the UI thread."""
        try:
            comparison = compare_ranks(analysis)
        except Exception as error:
            self.app.call_from_thread(self.tab_failed, "Compare", error)
            return
        self.app.call_from_thread(self._show_compare, analysis, comparison)

    def _show_compare(self, analysis: Analysis, comparison: Comparison) -> None:
        if analysis is self.session.analysis:
            profiles = {pid: analysis.model.profile_name(pid) for pid in analysis.model.profile_ids}
            self.query_one(CompareView).show(comparison, self.option_names(), profiles)

    # -- panel -----------------------------------------------------------------------

    def panel_result(self) -> PanelResult | None:
        """The panel analysed from the current profile and method, when it is known."""
        base = self.session.profile_analysis()
        cached = (self._panel_cache or {}).get(self.panel_aggregate)
        if cached is not None and cached[0] is base:
            return cached[1]
        return None

    def action_cycle_panel_aggregate(self) -> None:
        """The Panel tab's aggregate: geometric, mean, median, and round again."""
        from decisiontool.panel import AGGREGATES

        order = list(AGGREGATES)
        self.panel_aggregate = order[(order.index(self.panel_aggregate) + 1) % len(order)]
        self.notify(f"Panel aggregate: {self.panel_aggregate}", timeout=2)
        self.refresh_panel_tab()

    def refresh_panel_tab(self) -> None:
        """Draw the panel; analyse it in a worker once per profile and method (never twice)."""
        from decisiontool.tui.widgets.panel import PanelList, PanelView

        view = self.query_one(PanelView)
        if not self.session.model.panel:
            view.show_message("This model has no panel: add one file per participant in MODEL/panel/.")
            return
        result = self.panel_result()
        if result is not None:
            if view.query_one(PanelList).result is result:
                view.refresh_marks()
            else:
                view.show(result)
            return
        base = self.session.profile_analysis()
        wanted = (base, self.panel_aggregate)
        if (
            self._panel_pending is not None
            and self._panel_pending[0] is base
            and wanted[1] == self._panel_pending[1]
        ):
            return  # already being analysed
        view.show_message(f"Analysing the panel ({self.panel_aggregate} aggregate)…")
        self._panel_pending = wanted
        self.compute_panel(base, self.panel_aggregate)

    @work(thread=True, exclusive=True, group="panel", exit_on_error=False, description="panel analysis")
    def compute_panel(self, base: Analysis, aggregate: Aggregate) -> None:
        """`decisiontool panel --aggregate AGGREGATE`'s analysis (decisiontool.panel), off the UI thread."""
        from decisiontool.panel import analyse_panel
        from decisiontool.tui.widgets.panel import PanelView

        try:
            result = analyse_panel(base, aggregate=aggregate)
        except ModelError as error:
            message = (
                "The panel cannot be analysed:\n"
                + "\n".join(str(p) for p in error.problems)
                + "\n(g: another aggregate)"
            )
            self.app.call_from_thread(self.query_one(PanelView).show_message, safe(message))
            self.app.call_from_thread(self._panel_done, base, aggregate, None)
            return
        except Exception as error:
            self.app.call_from_thread(self.query_one(PanelView).show_message, safe(f"Panel failed: {error}"))
            self.app.call_from_thread(self.tab_failed, "Panel", error)
            self.app.call_from_thread(self._panel_done, base, aggregate, None)
            return
        self.app.call_from_thread(self._panel_done, base, aggregate, result)

    def _panel_done(self, base: Analysis, aggregate: Aggregate, result: PanelResult | None) -> None:
        if self._panel_pending is not None and self._panel_pending[0] is base:
            self._panel_pending = None
        if result is None:
            return
        if self._panel_cache is None:
            self._panel_cache = {}
        self._panel_cache[aggregate] = (base, result)
        self.panels_analysed += 1
        if base is self.session.profile_analysis() and aggregate == self.panel_aggregate:
            from decisiontool.tui.widgets.panel import PanelView

            self.query_one(PanelView).show(result)

    panels_analysed = 0
    """How many times a panel was analysed (tests check it is once per profile and method)."""

    # -- findings: the score bands behind the bars and the Why view -------------------

    def refresh_bands(self) -> None:
        """Work out every option's score interval for the current weights (in a worker)."""
        self.compute_bands(self.session.analysis)

    @work(thread=True, exclusive=True, group="bands", exit_on_error=False, description="score intervals")
    def compute_bands(self, analysis: Analysis) -> None:
        """The findings' score intervals (exact for wsm, else 5th-95th percentiles), off the UI thread."""
        from decisiontool.findings.compute import score_intervals

        try:
            intervals = score_intervals(analysis, FINDINGS_SAMPLES, FINDINGS_SEED)
        except Exception as error:
            self.app.call_from_thread(self.tab_failed, "Score intervals", error)
            return
        self.app.call_from_thread(self._show_bands, analysis, intervals)

    def _show_bands(self, analysis: Analysis, intervals: dict[str, ScoreInterval]) -> None:
        from decisiontool.tui.widgets.ranking import RankingList

        if analysis is not self.session.analysis:
            return
        method = analysis.method_id
        bands = {}
        for option, interval in intervals.items():
            ends = sorted((score_fraction(method, interval.low), score_fraction(method, interval.high)))
            bands[option] = (ends[0], ends[1])
        ranking = self.query_one(RankingList)
        ranking.bands = bands
        ranking.refresh()

    def with_findings(self, then: FindingsCallback) -> None:
        """Call `then` with the current analysis's findings (computed in a worker the first time)."""
        analysis = self.session.analysis
        if self._findings_cache is not None and self._findings_cache[0] is analysis:
            then(analysis, self._findings_cache[1])
            return
        self.compute_findings(analysis, then)

        def still_working() -> None:
            if self._findings_cache is None or self._findings_cache[0] is not analysis:
                self.notify("Working out what the ranking means…", timeout=3)

        self.set_timer(0.6, still_working)  # only when it takes long enough to wonder

    @work(thread=True, exclusive=True, group="findings", exit_on_error=False, description="findings")
    def compute_findings(self, analysis: Analysis, then: FindingsCallback) -> None:
        """`decisiontool explain`'s findings, off the UI thread."""
        from decisiontool.findings import compute_findings

        try:
            findings = compute_findings(analysis, samples=FINDINGS_SAMPLES, seed=FINDINGS_SEED)
        except Exception as error:
            self.app.call_from_thread(self.tab_failed, "Findings", error)
            return
        self.app.call_from_thread(self._found, analysis, findings, then)

    def _found(self, analysis: Analysis, findings: Findings, then: FindingsCallback) -> None:
        self._findings_cache = (analysis, findings)
        if analysis is self.session.analysis:
            then(analysis, findings)
