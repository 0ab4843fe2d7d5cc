"""The Why view: why one option ranks above another, criterion by criterion, and the findings in words.

Everything shown comes from `decisiontool.findings` (the same findings as `decisiontool
explain` and the reports): the per-criterion parts of the score difference as diverging
bars, the largest first, and the findings' sentences (verdict and contenders, dominance,
closest changes, agreement across methods and profiles). ←/→ compare with another option.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from decisiontool.analysis import Analysis
from decisiontool.findings import Findings, Why
from decisiontool.findings.compute import why as why_of
from decisiontool.tui.text import cut, one_line, safe

FAVOURS = "#59a14f"
"""Bars of criteria on which the option is ahead (green)."""
AGAINST = "#e15759"
"""Bars of criteria on which the other option is ahead (red)."""


def diverging_bars(why: Why, names: dict[str, str], width: int) -> Text:
    """One line per criterion: its name, a bar left (favours `versus`) or right (favours `option`)."""
    terms = sorted(why.terms, key=lambda term: -abs(term.contribution))
    largest = max((abs(term.contribution) for term in terms), default=0.0) or 1.0
    name_width = max(12, min(34, width // 3))
    half = max(6, (width - name_width - 12) // 2)
    text = Text()
    for term in terms:
        cells = round(abs(term.contribution) / largest * half)
        if term.contribution > 0 and cells == 0:
            cells = 1 if term.contribution > largest * 1e-3 else 0
        left = "█" * cells if term.contribution < 0 else ""
        right = "█" * cells if term.contribution > 0 else ""
        text.append(
            cut(one_line(names.get(term.criterion, term.criterion)), name_width).ljust(name_width) + " "
        )
        text.append(left.rjust(half), style=AGAINST)
        text.append("│", style="dim")
        text.append(right.ljust(half), style=FAVOURS)
        text.append(f" {term.contribution:+.3f}\n", style="bold" if cells else "dim")
    return text


def why_heading(analysis: Analysis, why: Why, names: dict[str, str]) -> Text:
    """`A is ahead of B by 0.010 (score 0.652 against 0.642)` and what the bars are."""
    scores = {entry.option: entry.score for entry in analysis.ranking.entries}
    option = one_line(names.get(why.option, why.option))
    versus = one_line(names.get(why.versus, why.versus))
    text = Text()
    text.append(option, style="bold")
    text.append(" is ahead of " if why.difference >= 0 else " is behind ")
    text.append(versus, style="bold")
    text.append(
        f" by {abs(why.difference):.3f} ({analysis.method.label}: {scores[why.option]:.3f} against "
        f"{scores[why.versus]:.3f})\n"
    )
    if why.decomposition:
        text.append(
            "Each bar is the criterion's part of that difference; the parts add up to it.", style="dim"
        )
    else:
        text.append(
            "Each bar is the criterion's weighted value difference: an explanation of the ranking, "
            f"not a decomposition ({analysis.method_id}'s score is not additive over criteria).",
            style="dim",
        )
    text.append("\n")
    # one line each: side by side, two long names wrapped mid-name at 120 columns
    text.append("█ ", style=FAVOURS)
    text.append(f"favours {cut(option, 60)}\n")
    text.append("█ ", style=AGAINST)
    text.append(f"favours {cut(versus, 60)}   (largest first)", style="")
    return text


def findings_text(findings: Findings) -> Text:
    """The findings in plain words, one paragraph each."""
    text = Text("What the ranking means\n", style="bold")
    for sentence in findings.sentences:
        text.append("• " + safe(sentence) + "\n")
    return text


class WhyScreen(ModalScreen[None]):
    """Why `option` ranks above (or below) `versus`; ←/→ compare with the next or previous option."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,y", "close", "Close", id="why.close", tooltip="Back to the main screen"),
        Binding("right,n", "other(1)", "Next", id="why.next", tooltip="Compare with the next option down"),
        Binding(
            "left,b", "other(-1)", "Previous", id="why.previous", tooltip="Compare with the option above"
        ),
        Binding(
            "shift+right",
            "first(1)",
            "Next first",
            id="why.next_first",
            tooltip="Another first option of the pair: the next one down",
        ),
        Binding(
            "shift+left",
            "first(-1)",
            "Previous first",
            id="why.previous_first",
            tooltip="Another first option of the pair: the one above",
        ),
    ]

    def __init__(
        self, analysis: Analysis, findings: Findings, option: str | None = None, first: str | None = None
    ) -> None:
        super().__init__(classes="dialog-screen", id="why-screen")
        self.analysis = analysis
        self.findings = findings
        order = [entry.option for entry in analysis.ranking.entries]
        self.order = order
        top = findings.top
        # the top against the runner-up; any other option against the top; or `first` against `option`
        self.option = first if first in order else top
        if option is not None and option != self.option:
            self.versus = option
        elif self.option == top:
            self.versus = findings.runner_up or top
        else:
            self.versus = top
        self.names = {c.id: c.name for c in analysis.model.criteria}
        self.option_names = dict(findings.names)

    @property
    def why(self) -> Why:
        """The per-criterion comparison on screen (the findings' own for the top against the runner-up)."""
        found = self.findings.why
        if found is not None and found.option == self.option and found.versus == self.versus:
            return found
        arrays = self.analysis.arrays
        return why_of(
            self.analysis, arrays.option_ids.index(self.option), arrays.option_ids.index(self.versus)
        )

    def compose(self) -> ComposeResult:
        """Heading, bars, findings and keys."""
        with VerticalScroll(classes="dialog dialog-full", id="why-box"):
            yield Static("", id="why-heading")
            yield Static("", id="why-bars")
            yield Static(findings_text(self.findings), id="why-findings")
            yield Static(
                Text(
                    "←/→ another second option · ⇧←/⇧→ another first option · Esc closes · ↑↓ scroll",
                    style="dim",
                ),
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        """Draw the comparison and focus the scroll area."""
        self.query_one("#why-box").focus()
        self.show()

    def on_resize(self) -> None:
        """The bars follow the width."""
        self.show()

    def show(self) -> None:
        """Draw the heading and the bars of the current pair."""
        why = self.why
        box = self.query_one("#why-box")
        width = max(40, box.content_region.width - 2)
        self.query_one("#why-heading", Static).update(why_heading(self.analysis, why, self.option_names))
        self.query_one("#why-bars", Static).update(
            Text("\n").append_text(diverging_bars(why, self.names, width))
        )

    def action_other(self, step: int) -> None:
        """Compare the first option with the next (or previous) option in rank order."""
        others = [option for option in self.order if option != self.option]
        if not others:
            return
        position = others.index(self.versus) if self.versus in others else 0
        self.versus = others[(position + step) % len(others)]
        self.show()

    def action_first(self, step: int) -> None:
        """Another first option of the pair (the next or previous in rank order, not the second)."""
        others = [option for option in self.order if option != self.versus]
        if not others:
            return
        position = others.index(self.option) if self.option in others else 0
        self.option = others[(position + step) % len(others)]
        self.show()

    def action_close(self) -> None:
        """Back to the main screen."""
        self.dismiss(None)
