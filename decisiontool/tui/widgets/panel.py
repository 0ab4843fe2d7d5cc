"""The Panel tab: each participant's top option, the agreement, who tips the group's top.

It draws a `decisiontool.panel.PanelResult` (the analysis behind `decisiontool panel`,
computed once per profile and method by the screen, in a worker) and lets the user take
any participant's weights, or the group's aggregate, as the current weights (an unsaved
change that ctrl+z undoes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

import numpy as np
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from decisiontool.tui.state import Session
from decisiontool.tui.text import cut, one_line
from decisiontool.tui.widgets.rows import RowList

if TYPE_CHECKING:  # decisiontool.panel is imported when a panel is first shown, not at start-up
    from decisiontool.panel import PanelResult, ParticipantView

__all__ = ["GROUP_ROW", "PanelList", "PanelView", "panel_weights"]

GROUP_ROW = ""
"""The id of the list's last row: the group's aggregated weights."""
SAME_WEIGHTS = 1e-6
"""Effective weights this close are the same weights (the row is marked as in use)."""


def participant_label(view: ParticipantView) -> str:
    """A participant's name on one line, without an "(illustrative)" the tab's notice already says."""
    name = one_line(view.name)
    if view.illustrative:
        name = name.removesuffix("(illustrative)").rstrip() or name
    return name


def panel_weights(result: PanelResult, row_id: str) -> dict[str, float]:
    """The effective weights of one row: a participant's, or the aggregate (`GROUP_ROW`)."""
    if row_id == GROUP_ROW:
        return dict(result.group_weights)
    return dict(result.participant(row_id).weights)


class PanelList(RowList):
    """One row per participant (name, top option, tau to the group, pivotal), then the aggregate."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "use",
            "Use weights",
            id="panel.use",
            tooltip="Make this participant's (or the aggregate's) weights the current ones (ctrl+z undoes)",
        ),
        Binding(
            "g",
            "screen.cycle_panel_aggregate",
            "Aggregate",
            id="panel.aggregate",
            tooltip="Combine the participants' weights by their geometric mean, mean or median",
        ),
    ]

    @dataclass
    class Use(Message):
        """The user asked to take a row's weights (`GROUP_ROW`: the aggregate)."""

        row_id: str

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.result: PanelResult | None = None
        self.names: dict[str, str] = {}

    def show(self, result: PanelResult) -> None:
        """Draw a panel result (keeping the cursor)."""
        self.result = result
        self.names = {option.id: option.name for option in result.base.model.options}
        self.update_rows()

    @property
    def row_ids(self) -> list[str]:
        """Participant ids in the panel's order, then `GROUP_ROW`."""
        if self.result is None:
            return []
        return [view.id for view in self.result.participants] + [GROUP_ROW]

    @property
    def current_row(self) -> str | None:
        """The row id under the cursor."""
        ids = self.row_ids
        return ids[self.cursor] if 0 <= self.cursor < len(ids) else None

    def row_count(self) -> int:
        """Participants and the aggregate."""
        return len(self.row_ids)

    def header_lines(self) -> int:
        """The column titles."""
        return 1 if self.result is not None else 0

    def _columns(self, width: int) -> tuple[int, int]:
        """(participant width, top option width) for a list `width` cells wide."""
        rest = max(12, width - 2 - 6 - 9)
        name = max(8, min(40, rest // 2))
        return name, max(6, rest - name - 1)

    def render_header(self, line: int, width: int) -> Text:
        """`  Participant  Top option  τ  pivotal`."""
        name, top = self._columns(width)
        return Text(f"  {'Participant':<{name}} {'Top option':<{top}} {'τ':>5}  pivotal", style="bold dim")

    def in_use(self, row_id: str) -> bool:
        """True when the current weights are this row's."""
        if self.result is None:
            return False
        weights = panel_weights(self.result, row_id)
        ids = self.session.criterion_ids
        wanted = np.array([weights.get(cid, 0.0) for cid in ids])
        return bool(np.allclose(self.session.analysis.weights, wanted, atol=SAME_WEIGHTS))

    def render_row(self, index: int, width: int, selected: bool) -> Text:
        """`● name  top option  0.82  yes` (● marks the weights in use)."""
        result = self.result
        assert result is not None
        row_id = self.row_ids[index]
        name_width, top_width = self._columns(width)
        text = Text()
        text.append("● " if self.in_use(row_id) else "  ", style="bold yellow")
        if row_id == GROUP_ROW:
            text.append(cut(f"Group ({result.aggregate})", name_width).ljust(name_width), style="bold")
            top = cut(one_line(self.names.get(result.top, result.top)), top_width)
            text.append(" " + top.ljust(top_width))
            text.append(f" {'':>5}")
            return text
        view = result.participant(row_id)
        text.append(cut(participant_label(view), name_width).ljust(name_width))
        top = cut(one_line(self.names.get(view.top, view.top)), top_width).ljust(top_width)
        text.append(" " + top, style="bold" if view.top == result.top else "")
        tau = "  n/a" if np.isnan(view.tau) else f"{view.tau:5.2f}"
        text.append(f" {tau}")
        if view.id in result.pivotal:
            text.append("  yes", style="bold yellow")
        return text

    def action_use(self) -> None:
        """Ask to take the weights of the row under the cursor."""
        row = self.current_row
        if row is not None:
            self.post_message(self.Use(row))


def panel_summary(result: PanelResult, names: dict[str, str]) -> Text:
    """The group's top, the agreement and the pivotal participants, in words."""
    from decisiontool.panel.tables import agreement_sentence

    text = Text()
    top = one_line(names.get(result.top, result.top))
    text.append(f"{len(result.participants)} participants; group top: ")
    text.append(top, style="bold")
    base = result.base
    profile = one_line(base.model.profile_name(base.profile))
    text.append(
        f" ({result.aggregate} aggregate of their weights, {base.method_id}, from the profile {profile}).\n"
    )
    text.append(agreement_sentence(result) + "\n")
    if result.pivotal:
        people = {view.id: participant_label(view) for view in result.participants}
        changes = "; ".join(
            f"without {people.get(entry.participant, entry.participant)} the top would be "
            f"{one_line(names.get(entry.top_without, entry.top_without))}"
            for entry in result.leave_one_out
            if entry.participant in result.pivotal
        )
        text.append("Pivotal (each alone changes the group's top): " + changes + ".", style="yellow")
    else:
        text.append("No participant alone changes the group's top (leave-one-out).")
    return text


CAPTION = (
    "⏎ takes the row's weights as the current ones: an unsaved change, ctrl+z undoes it; the "
    "participant's own score readings are not applied (the ranking keeps the model's scores). "
    "g changes how the group's weights combine the participants': geometric (the normalised geometric "
    "mean, the default of `decisiontool panel`), mean or median (each criterion's median, normalised). "
    "● = the weights in use. τ = Kendall's tau-b between the participant's ranking (own weights and "
    "readings) and the group's (1 the same order, −1 reversed). Pivotal = leaving this participant "
    "out alone changes the group's top option. Kendall's W: agreement of all the participants' rankings."
)


class PanelView(VerticalScroll):
    """The Panel tab: the illustrative notice, the participants list, the summary and a key."""

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        """Notice, list (seen first, even on a small screen), summary, caption."""
        yield Static("", id="panel-notice")
        yield PanelList(self.session, id="panel-list")
        yield Static("", id="panel-summary")
        yield Static(Text(CAPTION, style="dim"), id="panel-caption")

    def show_message(self, message: str) -> None:
        """A state instead of the panel (computing, no panel, a problem)."""
        self.query_one("#panel-notice", Static).update(Text(message, style="dim"))
        self.query_one("#panel-summary", Static).update("")

    def show(self, result: PanelResult) -> None:
        """Draw a panel result."""
        from decisiontool.panel import ILLUSTRATIVE_NOTICE

        notice = Text()
        if result.illustrative:
            notice.append(ILLUSTRATIVE_NOTICE, style="bold yellow")
        self.query_one("#panel-notice", Static).update(notice)
        panel_list = self.query_one(PanelList)
        panel_list.show(result)
        self.query_one("#panel-summary", Static).update(panel_summary(result, panel_list.names))

    def refresh_marks(self) -> None:
        """Redraw the list (the ● follows the weights in use)."""
        self.query_one(PanelList).refresh()
