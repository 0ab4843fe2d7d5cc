"""The tabs beside the detail panel: sensitivity chart, SMAA heat map and rank comparison.

These widgets only draw what they are given; the screen computes sweeps, SMAA and
comparisons in worker threads and hands the results over.
"""

from __future__ import annotations

from rich.console import Group
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static
from textual_plotext import PlotextPlot

from decisiontool.tui.state import Sensitivity, SmaaSummary

MAX_LINES = 8
"""At most this many options are drawn in the sensitivity chart (the best under the current weights)."""


class SensitivityView(Vertical):
    """Every option's score against one criterion's weight, with current and critical weights."""

    def compose(self) -> ComposeResult:
        """A caption above the chart."""
        yield Static("Select a criterion or group in the weights panel.", id="sensitivity-caption")
        yield PlotextPlot(id="sensitivity-plot")

    def show_message(self, message: str) -> None:
        """Show a state instead of a chart caption."""
        self.query_one("#sensitivity-caption", Static).update(Text(message, style="dim"))

    def show(
        self, found: Sensitivity, option_names: dict[str, str], top: list[str], higher_is_better: bool
    ) -> None:
        """Draw the sweep for the options in `top` (best first; at most `MAX_LINES`)."""
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        for option in top[:MAX_LINES]:
            plt.plot(found.weights, found.scores[option], label=option_names[option][:24], marker="braille")
        plt.vertical_line(found.current, color="white")
        caption = Text()
        caption.append(found.label, style="bold")
        caption.append(f"  weight now {found.current:.3f} (white)")
        if not higher_is_better:
            caption.append(" · lower score is better", style="dim")
        for crossing, label in ((found.down, "down"), (found.up, "up")):
            if crossing is not None:
                plt.vertical_line(crossing[0], color="red")
                name = option_names.get(crossing[1], crossing[1])
                caption.append(f"\ncritical {label}: {crossing[0]:.3f} → {name} first (red)", style="red")
        if found.up is None and found.down is None:
            caption.append("\nno weight in [0, 1] changes the top option", style="green")
        elif not found.exact:
            caption.append(" (found by bisection)", style="dim")
        plt.xlim(0, 1)
        plt.xlabel("weight")
        self.query_one("#sensitivity-caption", Static).update(caption)
        plot.refresh()


def show_wide(static: Static, table: Table, caption: Text) -> None:
    """Show a table at its natural width (the container scrolls sideways), caption below."""
    console = static.app.console
    width = Measurement.get(console, console.options.update(width=1000), table).maximum
    static.styles.width = max(width, 30)
    static.update(Group(table, Text(), caption))


def heat_colour(share: float) -> str:
    """A background colour for a share in [0, 1]: dark for 0, bright blue for 1."""
    share = min(1.0, max(0.0, share))
    red, green, blue = (round(30 + (c - 30) * share) for c in (40, 120, 230))
    return f"#{red:02x}{green:02x}{blue:02x}"


class SmaaView(VerticalScroll):
    """Rank acceptability (share of SMAA samples giving each option each rank) as a heat map."""

    def compose(self) -> ComposeResult:
        """One table."""
        yield Static("", id="smaa-table")

    def show_message(self, message: str) -> None:
        """Show a state such as 'computing' or 'not available'."""
        static = self.query_one("#smaa-table", Static)
        static.styles.width = "auto"
        static.update(Text(message, style="dim"))

    def show(self, summary: SmaaSummary, option_names: dict[str, str]) -> None:
        """Draw the heat map: one row per option (current rank order), one column per rank."""
        table = Table(show_edge=False, pad_edge=False, box=None, title=None)
        table.add_column("Option", no_wrap=True, max_width=18, overflow="ellipsis")
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
            cells: list[Text | str] = [option_names.get(option, option)]
            for share in shares:
                cells.append(Text(f"{round(share * 100):>3}", style=f"on {heat_colour(share)}"))
            cells.append(f"{expected:.2f}")
            cells.append("" if confidence is None else f"{confidence:.2f}")
            table.add_row(*cells)
        caption = Text(
            f"Rank acceptability (% of {summary.samples} samples, seed {summary.seed}): weights drawn "
            f"within ±{summary.spread:.0%} of the current ones, scores within their ranges.",
            style="dim",
        )
        show_wide(self.query_one("#smaa-table", Static), table, caption)


class CompareView(VerticalScroll):
    """Ranks of every option under every method (current weights) and every profile."""

    def compose(self) -> ComposeResult:
        """One table."""
        yield Static("", id="compare-table")

    def show(self, labels: list[str], ranks: dict[str, list[int]], option_names: dict[str, str]) -> None:
        """Draw the comparison; ranks different from the first column are highlighted."""
        short = {"topsis": "tops", "vikor": "vik", "promethee2": "prom", "wsm": "wsm"}
        headers: list[str] = []
        profile_key: list[str] = []
        for label in labels:
            if label.startswith("now/"):
                headers.append("now")
            elif label in short:
                headers.append(short[label])
            else:
                headers.append(f"P{len(profile_key) + 1}")
                profile_key.append(f"P{len(profile_key) + 1} {label}")
        table = Table(show_edge=False, pad_edge=False, box=None)
        table.add_column("Option", no_wrap=True, max_width=28, min_width=10, overflow="ellipsis")
        for header in headers:
            table.add_column(header, justify="right", min_width=len(header), no_wrap=True)
        for option, row in sorted(ranks.items(), key=lambda item: (item[1][0], item[0])):
            cells: list[Text | str] = [option_names.get(option, option)]
            for index, value in enumerate(row):
                style = "" if index == 0 or value == row[0] else ("green" if value < row[0] else "red")
                cells.append(Text(str(value), style=style))
            table.add_row(*cells)
        caption = Text(
            "Ranks now, under the other methods with the same weights (tops = TOPSIS, vik = VIKOR, "
            "prom = PROMETHEE II), and under each profile's own weights: " + " · ".join(profile_key),
            style="dim",
        )
        show_wide(self.query_one("#compare-table", Static), table, caption)
