"""The tabs beside the detail panel: sensitivity chart, SMAA heat map and rank comparison.

These widgets only draw what they are given; the screen computes sweeps, SMAA and
comparisons in worker threads and hands the results over.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static
from textual_plotext import PlotextPlot

from decisiontool.tui.state import Sweep

MAX_LINES = 8
"""At most this many options are drawn in the sensitivity chart (the best under the current weights)."""


class SensitivityView(Vertical):
    """Every option's score against one criterion's weight, with current and critical weights."""

    def compose(self) -> ComposeResult:
        """A caption above the chart."""
        yield Static("Select a criterion in the weights panel.", id="sensitivity-caption")
        yield PlotextPlot(id="sensitivity-plot")

    def show(
        self,
        sweep: Sweep,
        criterion_name: str,
        option_names: dict[str, str],
        top: list[str],
        critical: dict[str, Any] | None,
        note: str = "",
    ) -> None:
        """Draw the sweep of one criterion for the options in `top` (best first)."""
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        for option in top[:MAX_LINES]:
            plt.plot(sweep.weights, sweep.scores[option], label=option_names[option][:24], marker="braille")
        plt.vertical_line(sweep.current, color="white")
        caption = Text()
        caption.append(criterion_name, style="bold")
        caption.append(f"  weight now {sweep.current:.3f} (white line)")
        if critical is not None:
            for key, label in (("critical_down", "down"), ("critical_up", "up")):
                found = critical.get(key)
                if found:
                    plt.vertical_line(found["weight"], color="red")
                    caption.append(
                        f" · critical {label} {found['weight']:.3f} → {found['new_top']}", style="red"
                    )
            if not critical.get("critical_down") and not critical.get("critical_up"):
                caption.append(" · no weight in [0, 1] changes the top option", style="green")
        if note:
            caption.append(f"\n{note}", style="dim")
        plt.xlim(0, 1)
        plt.xlabel("weight")
        self.query_one("#sensitivity-caption", Static).update(caption)
        plot.refresh()


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
        self.query_one("#smaa-table", Static).update(Text(message, style="dim"))

    def show(self, document: dict[str, Any], option_names: dict[str, str]) -> None:
        """Draw the heat map of a `decisiontool.smaa/1` document."""
        options = document.get("options", [])
        table = Table(show_edge=False, pad_edge=False, box=None, title=None)
        table.add_column("Option", no_wrap=True, max_width=24)
        ranks = len(options)
        for r in range(1, ranks + 1):
            table.add_column(str(r), justify="right", width=4)
        table.add_column("E[r]", justify="right")
        table.add_column("conf", justify="right")
        for row in options:
            cells: list[Text | str] = [option_names.get(row["option"], row["option"])]
            for share in row["rank_acceptability"]:
                cells.append(Text(f"{round(share * 100):>3}", style=f"on {heat_colour(share)}"))
            cells.append(f"{row.get('expected_rank', float('nan')):.2f}")
            confidence = row.get("confidence")
            cells.append("" if confidence is None else f"{confidence:.2f}")
            table.add_row(*cells)
        caption = Text(
            f"Share of {document.get('samples', '?')} samples (%) giving each option each rank; "
            f"seed {document.get('seed', '?')}.",
            style="dim",
        )
        from rich.console import Group

        self.query_one("#smaa-table", Static).update(Group(caption, table))


class CompareView(VerticalScroll):
    """Ranks of every option under every method (current weights) and every profile."""

    def compose(self) -> ComposeResult:
        """One table."""
        yield Static("", id="compare-table")

    def show(self, labels: list[str], ranks: dict[str, list[int]], option_names: dict[str, str]) -> None:
        """Draw the comparison; ranks different from the first column are highlighted."""
        table = Table(show_edge=False, pad_edge=False, box=None)
        table.add_column("Option", no_wrap=True, max_width=28)
        for label in labels:
            table.add_column(label, justify="right")
        for option, row in sorted(ranks.items(), key=lambda item: (item[1][0], item[0])):
            cells: list[Text | str] = [option_names.get(option, option)]
            for index, value in enumerate(row):
                style = "" if index == 0 or value == row[0] else ("green" if value < row[0] else "red")
                cells.append(Text(str(value), style=style))
            table.add_row(*cells)
        caption = Text(
            "Ranks now, under the other methods with the same weights, and under each profile's own weights.",
            style="dim",
        )
        from rich.console import Group

        self.query_one("#compare-table", Static).update(Group(caption, table))
