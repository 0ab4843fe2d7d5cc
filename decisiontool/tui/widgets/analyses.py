"""The analysis tabs: sensitivity chart, SMAA heat map and rank comparison.

These widgets only draw what they are given; the screen computes sweeps, SMAA and
comparisons in worker threads and hands the results over. Tables keep their natural width
and scroll sideways; their captions sit below, outside the scrolling area, and wrap to
the pane. Every abbreviation on screen is spelled out in its caption.
"""

from __future__ import annotations

from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import ScrollableContainer, Vertical
from textual.widgets import Static

from decisiontool.palette import SERIES, heat_colour
from decisiontool.tui.results import Comparison, Sensitivity, SmaaSummary
from decisiontool.tui.text import cut, one_line

MAX_LINES = 8
"""At most this many options are drawn in the sensitivity chart (the best under the current weights)."""
SERIES_COLOURS: tuple[tuple[int, int, int], ...] = tuple(
    (int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16)) for c in SERIES
)
"""The series colours of `decisiontool.palette` (the reports' charts use the same)."""
CURRENT_COLOUR = (230, 230, 230)
CRITICAL_COLOUR = (240, 228, 66)
"""Critical weights: a yellow no series uses."""


class SensitivityView(Vertical):
    """Every option's score against one criterion's weight, with current and critical weights."""

    def compose(self) -> ComposeResult:
        """A caption above the chart and a legend below it (never over the curves)."""
        yield Static("Select a criterion or group in the weights panel.", id="sensitivity-caption")
        # the chart (plotext) is made on the first sweep: the first screen does not wait for it
        yield Static("", id="sensitivity-legend")

    def show_message(self, message: str) -> None:
        """Show a state instead of a chart caption."""
        self.query_one("#sensitivity-caption", Static).update(Text(message, style="dim"))

    def show(
        self, found: Sensitivity, option_names: dict[str, str], top: list[str], higher_is_better: bool
    ) -> None:
        """Draw the sweep for the options in `top` (best first; at most `MAX_LINES`)."""
        from textual_plotext import PlotextPlot

        found_plots = self.query(PlotextPlot)
        if found_plots:
            plot = found_plots.first()
        else:
            plot = PlotextPlot(id="sensitivity-plot")
            self.mount(plot, before="#sensitivity-legend")
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        entries: list[tuple[str, tuple[int, int, int]]] = []
        for option, colour in zip(top[:MAX_LINES], SERIES_COLOURS, strict=False):
            plt.plot(found.weights, found.scores[option], marker="braille", color=colour)
            entries.append((one_line(option_names.get(option, option)), colour))
        self.legend_entries = entries
        plt.vertical_line(found.current, color=CURRENT_COLOUR)
        caption = Text()
        caption.append(one_line(found.label), style="bold")
        caption.append(f"  weight now {found.current:.3f} (white line)")
        if not higher_is_better:
            caption.append(" · lower score is better", style="dim")
        for crossing, label in ((found.down, "down"), (found.up, "up")):
            if crossing is not None:
                plt.vertical_line(crossing[0], color=CRITICAL_COLOUR)
                name = one_line(option_names.get(crossing[1], crossing[1]))
                caption.append(
                    f"\ncritical {label}: {crossing[0]:.3f} → {name} first (yellow line)", style="bold"
                )
        if found.up is None and found.down is None:
            caption.append("\nno weight in [0, 1] changes the top option", style="green")
        elif not found.exact:
            caption.append(" (found by bisection)", style="dim")
        plt.xlim(0, 1)
        plt.xlabel("weight")
        self.query_one("#sensitivity-caption", Static).update(caption)
        self.draw_legend()
        plot.refresh()

    legend_entries: list[tuple[str, tuple[int, int, int]]] = []  # noqa: RUF012 (set per instance in show)

    def draw_legend(self) -> None:
        """The legend in columns, each entry on one line with its marker (never split by wrapping)."""
        width = max(20, self.size.width - 2)
        columns = max(1, min(4, width // 30))
        cell = width // columns
        legend = Text()
        for index, (name, colour) in enumerate(self.legend_entries):
            if index and index % columns == 0:
                legend.append("\n")
            legend.append("━━ ", style="rgb({},{},{})".format(*colour))
            legend.append(cut(name, cell - 4).ljust(cell - 3))
        legend.rstrip()
        self.query_one("#sensitivity-legend", Static).update(legend)

    def on_resize(self) -> None:
        """The legend's columns follow the width."""
        if self.legend_entries:
            self.draw_legend()


def show_table(static: Static, table: Table) -> None:
    """Show a table at its natural width (its container scrolls sideways)."""
    console = static.app.console
    width = Measurement.get(console, console.options.update(width=1000), table).maximum
    static.styles.width = max(width, 30)
    static.update(table)


class TableView(Vertical):
    """A table that scrolls both ways, and its caption below, wrapping to the pane."""

    def compose(self) -> ComposeResult:
        """The scrolling table and the caption."""
        with ScrollableContainer(classes="table-scroll"):
            yield Static("", classes="table")
        yield Static("", classes="table-caption")

    def show_message(self, message: str) -> None:
        """Show a state such as 'computing' or 'not available'."""
        static = self.query_one(".table", Static)
        static.styles.width = "auto"
        static.update(Text(message, style="dim"))
        self.query_one(".table-caption", Static).update("")

    def show_table(self, table: Table, caption: Text) -> None:
        """Show a table and its caption."""
        show_table(self.query_one(".table", Static), table)
        self.query_one(".table-caption", Static).update(caption)


class SmaaView(TableView):
    """Rank acceptability (share of SMAA samples giving each option each rank) as a heat map."""

    def show(self, summary: SmaaSummary, option_names: dict[str, str]) -> None:
        """Draw the heat map: one row per option (current rank order), one column per rank."""
        table = Table(show_edge=False, pad_edge=False, box=None, title=None)
        table.add_column("Option", no_wrap=True, max_width=36, overflow="ellipsis")
        for r in range(1, len(summary.options) + 1):
            table.add_column(str(r), justify="right", width=3)
        table.add_column("E(rank)", justify="right")
        table.add_column("conf", justify="right")
        rows = zip(
            summary.options,
            summary.rank_acceptability,
            summary.expected_rank,
            summary.confidence,
            strict=True,
        )
        for option, shares, expected, confidence in rows:
            cells: list[Text] = [Text(one_line(option_names.get(option, option)))]
            for share in shares:
                background, ink = heat_colour(share)
                cells.append(Text(f"{round(share * 100):>3}", style=f"{ink} on {background}"))
            cells.append(Text(f"{expected:.2f}"))
            cells.append(Text("" if confidence is None else f"{confidence:.2f}"))
            table.add_row(*cells)
        caption = Text(
            f"Rank acceptability: the % of {summary.samples:,} samples (seed {summary.seed}) in which each "
            f"option takes each rank, with every weight drawn within ±{summary.spread:.0%} of its current "
            "value and every score within its range. E(rank) = expected rank (the mean rank over the "
            "samples); conf = confidence factor (the share of samples in which the option is first when "
            "the weights are its central weights).",
            style="dim",
        )
        self.show_table(table, caption)


METHOD_SHORT = {
    "wsm": ("wsm", "weighted sum"),
    "topsis": ("tops", "TOPSIS"),
    "vikor": ("vik", "VIKOR"),
    "promethee2": ("prom", "PROMETHEE II"),
}
"""Short column labels for methods, with what they stand for."""


class CompareView(TableView):
    """Ranks of every option under every method (current weights) and every profile."""

    def show(
        self, comparison: Comparison, option_names: dict[str, str], profile_names: dict[str, str]
    ) -> None:
        """Draw the comparison; ranks different from the first column are coloured; tau and rho below."""
        headers: list[str] = []
        key: list[str] = []
        for label in comparison.labels:
            if label.startswith("now/"):
                headers.append("now")
            elif label in METHOD_SHORT:
                short, long = METHOD_SHORT[label]
                headers.append(short)
                key.append(f"{short} = {long}")
            else:
                headers.append("")  # numbered below
        number = 0
        for index, label in enumerate(comparison.labels):
            if not label.startswith("now/") and label not in METHOD_SHORT:
                number += 1
                headers[index] = f"P{number}"
                key.append(f"P{number} = {one_line(profile_names.get(label, label))}")
        table = Table(show_edge=False, pad_edge=False, box=None)
        table.add_column("Option", no_wrap=True, max_width=28, min_width=10, overflow="ellipsis")
        for header in headers:
            table.add_column(header, justify="right", min_width=max(4, len(header)), no_wrap=True)
        for option, row in sorted(comparison.ranks.items(), key=lambda item: (item[1][0], item[0])):
            cells: list[Text] = [Text(one_line(option_names.get(option, option)))]
            for index, value in enumerate(row):
                style = "" if index == 0 or value == row[0] else ("green" if value < row[0] else "red")
                cells.append(Text(str(value), style=style))
            table.add_row(*cells)
        table.add_row(
            Text("τ vs now", style="bold"), *(Text(f"{t:.2f}", style="dim") for t in comparison.tau)
        )
        table.add_row(
            Text("ρ vs now", style="bold"), *(Text(f"{r:.2f}", style="dim") for r in comparison.rho)
        )
        caption = Text(
            "Ranks now, under the other methods with the same weights, and under each profile's own "
            "weights (green: better than now, red: worse). τ = Kendall's tau and ρ = Spearman's rho "
            "between that column's ranks and now (1: the same order, 0: unrelated, −1: reversed). "
            + " · ".join(key),
            style="dim",
        )
        self.show_table(table, caption)
