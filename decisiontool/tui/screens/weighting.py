"""The weighting screen: derive weights from an importance order or from pairwise judgements.

Rank order: give each item an importance level (1 = most important; equal levels are
ties) and pick ROC, rank-sum, reciprocal-rank or equal weights. Pairwise (AHP): judge
every pair on Saaty's scale; the weights, lambda max and the consistency ratio update
on every key, and the judgements that disagree most with the weights are named. Apply
dismisses the screen with the resulting effective weights of every criterion.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Select, Static, TabbedContent, TabPane

from decisiontool.problems import ModelError
from decisiontool.tui.elicit import (
    SAATY_STEPS,
    Derived,
    WeightingScope,
    pairwise,
    rank_order,
    saaty_label,
    weighting_scopes,
)
from decisiontool.tui.state import Session
from decisiontool.tui.text import safe
from decisiontool.tui.widgets.rows import RowList
from decisiontool.tui.widgets.weights import weight_bar

EQUAL = SAATY_STEPS.index(1.0)
"""Index of "equally important" in `SAATY_STEPS`."""
RANK_METHODS: tuple[tuple[str, str], ...] = (
    ("Rank-order centroid (ROC)", "roc"),
    ("Rank sum", "rs"),
    ("Reciprocal rank", "rr"),
    ("Equal", "equal"),
)


class LevelList(RowList):
    """Items with an importance level each; left/right change the level."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "left,minus",
            "level(-1)",
            "More important",
            id="rank.up",
            tooltip="Move to a more important level",
        ),
        Binding(
            "right,plus",
            "level(1)",
            "Less important",
            id="rank.down",
            tooltip="Move to a less important level",
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names: tuple[str, ...] = ()
        self.levels: list[int] = []
        self.weights: list[float] = []

    def set_items(self, names: tuple[str, ...], weights: list[float]) -> None:
        """Start from levels that follow the current weights (heavier first, equal ones tied)."""
        self.names = names
        distinct = sorted({round(w, 6) for w in weights}, reverse=True)
        self.levels = [distinct.index(round(w, 6)) + 1 for w in weights]
        self.weights = list(weights)
        self.cursor = 0
        self.update_rows()

    def row_count(self) -> int:
        """One row per item."""
        return len(self.names)

    def render_row(self, index: int, width: int, selected: bool) -> Text:
        """`level  name  weight bar`."""
        bar = max(6, min(20, width // 4))
        name_width = max(6, width - 6 - 7 - bar - 2)
        name = safe(self.names[index])[:name_width]
        text = Text()
        text.append(f" {self.levels[index]:>2}   ", style="bold cyan")
        text.append(name.ljust(name_width))
        weight = self.weights[index] if index < len(self.weights) else 0.0
        text.append(f" {weight:6.3f} ")
        filled, empty = weight_bar(weight, bar)
        text.append(filled, style="#4e9ad6")
        text.append(empty, style="#555555")
        return text

    def action_level(self, change: int) -> None:
        """Change the level of the item under the cursor (levels stay 1..n)."""
        if self.names:
            level = self.levels[self.cursor] + change
            self.levels[self.cursor] = max(1, min(len(self.names), level))
            self.post_message(RowList.Highlighted(self, self.cursor))


class PairList(RowList):
    """Every pair of items with a judgement on Saaty's scale; left/right tilt it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "tilt(1)", "Left more", id="pair.left", tooltip="The left item matters more"),
        Binding("right", "tilt(-1)", "Right more", id="pair.right", tooltip="The right item matters more"),
        Binding("1", "equal", "Equal", id="pair.equal", tooltip="Equally important"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names: tuple[str, ...] = ()
        self.pairs: list[tuple[int, int]] = []
        self.steps: dict[tuple[int, int], int] = {}
        self.flagged: set[tuple[int, int]] = set()

    def set_items(self, names: tuple[str, ...], weights: list[float]) -> None:
        """All pairs, judged to start with as the current weights imply (rounded to the scale)."""
        self.names = names
        n = len(names)
        self.pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
        self.steps = {}
        for i, j in self.pairs:
            ratio = weights[i] / weights[j] if weights[j] > 0 and weights[i] > 0 else 1.0
            self.steps[(i, j)] = min(range(len(SAATY_STEPS)), key=lambda k: abs(SAATY_STEPS[k] - ratio))
        self.cursor = 0
        self.update_rows()

    def row_count(self) -> int:
        """One row per pair."""
        return len(self.pairs)

    def render_row(self, index: int, width: int, selected: bool) -> Text:
        """`left name  ◀ 3 : 1 ▶  right name`, flagged when inconsistent."""
        i, j = self.pairs[index]
        side = max(6, (width - 16) // 2)
        step = self.steps[(i, j)]
        flag = "!" if (i, j) in self.flagged else " "
        text = Text()
        text.append(flag, style="bold red")
        text.append(safe(self.names[i])[:side].rjust(side), style="bold" if step > EQUAL else "")
        text.append(f" ◀{saaty_label(step):^9}▶ ", style="cyan")
        text.append(safe(self.names[j])[:side], style="bold" if step < EQUAL else "")
        return text

    def action_tilt(self, change: int) -> None:
        """Move the judgement one step towards the left (1) or the right (-1) item."""
        if self.pairs:
            pair = self.pairs[self.cursor]
            self.steps[pair] = max(0, min(len(SAATY_STEPS) - 1, self.steps[pair] + change))
            self.post_message(RowList.Highlighted(self, self.cursor))

    def action_equal(self) -> None:
        """Judge the pair equally important."""
        if self.pairs:
            self.steps[self.pairs[self.cursor]] = EQUAL
            self.post_message(RowList.Highlighted(self, self.cursor))


class WeightingScreen(ModalScreen[dict[str, float] | None]):
    """Rank-order and pairwise weighting; dismisses with effective weights (None: cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", "Cancel", id="weighting.cancel", tooltip="Close without changing the weights"
        ),
        Binding("ctrl+a", "apply", "Apply", id="weighting.apply", tooltip="Use these weights"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(id="weighting", classes="dialog-screen")
        self.session = session
        self.scopes = weighting_scopes(session.analysis, "rank")
        self.scope: WeightingScope = self.scopes[0]
        self.values: list[float] = []
        self.derived: Derived | None = None

    def compose(self) -> ComposeResult:
        """Scope, the two methods as tabs, the result and the buttons."""
        with Vertical(classes="dialog dialog-wide", id="weighting-box"):
            with Horizontal(id="weighting-top"):
                yield Label("Weigh: ")
                yield Select(
                    [(safe(scope.label), scope.id) for scope in self.scopes],
                    value=self.scope.id,
                    allow_blank=False,
                    id="weighting-scope",
                    compact=True,
                )
            with TabbedContent(id="weighting-tabs"):
                with TabPane("Rank order", id="tab-rank"):
                    yield Select(RANK_METHODS, value="roc", allow_blank=False, id="rank-method", compact=True)
                    yield Static("Level 1 is the most important; equal levels are ties. ←/→ change a level.")
                    yield LevelList(id="levels")
                with TabPane("Pairwise (AHP)", id="tab-ahp"):
                    yield Static(
                        "For each pair, ← if the left matters more, → if the right does; 1 for equal."
                    )
                    yield PairList(id="pairs")
            yield Static("", id="weighting-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply (ctrl+a)", variant="primary", id="apply", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the lists from the current weights; the arrows work at once."""
        self.load_scope()
        self.query_one(LevelList).focus()

    @on(TabbedContent.TabActivated, "#weighting-tabs")
    def _tab_changed(self) -> None:
        mode: Literal["rank", "ahp"] = "ahp" if self.mode == "ahp" else "rank"
        scopes = weighting_scopes(self.session.analysis, mode)
        if [s.id for s in scopes] != [s.id for s in self.scopes]:
            self.scopes = scopes
            if self.scope not in scopes:
                self.scope = scopes[0]
                self.load_scope()
            select = self.query_one("#weighting-scope", Select)
            with select.prevent(Select.Changed):
                select.set_options([(safe(scope.label), scope.id) for scope in scopes])
                select.value = self.scope.id
        self.query_one(PairList if self.mode == "ahp" else LevelList).focus()

    def current_values(self) -> list[float]:
        """The scope's items' current effective weights (groups: their shares)."""
        return [self.session.effective_weight(item) for item in self.scope.items]

    def load_scope(self) -> None:
        """Fill both lists for the chosen scope and compute the first result."""
        values = self.current_values()
        self.query_one(LevelList).set_items(self.scope.names, values)
        self.query_one(PairList).set_items(self.scope.names, values)
        self.recompute()

    @on(Select.Changed, "#weighting-scope")
    def _scope_changed(self, event: Select.Changed) -> None:
        chosen = next((scope for scope in self.scopes if scope.id == event.value), None)
        if chosen is not None and chosen != self.scope:
            self.scope = chosen
            self.load_scope()

    @on(Select.Changed, "#rank-method")
    @on(TabbedContent.TabActivated)
    @on(RowList.Highlighted)
    def _changed(self) -> None:
        self.recompute()

    @property
    def mode(self) -> str:
        """`rank` or `ahp`: the open tab."""
        return "ahp" if self.query_one("#weighting-tabs", TabbedContent).active == "tab-ahp" else "rank"

    def recompute(self) -> None:
        """Derive the weights from the open tab's judgements (through elicitation) and show them."""
        analysis = self.session.analysis
        self.derived = None
        try:
            if self.mode == "rank":
                levels = self.query_one(LevelList)
                method = str(self.query_one("#rank-method", Select).value)
                self.derived = rank_order(analysis, self.scope, levels.levels, method)
                levels.weights = self.derived.values
                levels.refresh()
            else:
                pairs = self.query_one(PairList)
                self.derived = pairwise(analysis, self.scope, pairs.steps)
                pairs.flagged = {(i, j) for i, j, _, _ in self.derived.worst_pairs}
                pairs.refresh()
        except (ModelError, ValueError) as error:
            message = (
                "\n".join(p.message for p in error.problems) if isinstance(error, ModelError) else str(error)
            )
            self.values = []
            self.query_one("#weighting-result", Static).update(Text(safe(message), style="red"))
            return
        self.values = self.derived.values
        self.query_one("#weighting-result", Static).update(self.result_text(self.derived))

    def result_text(self, derived: Derived) -> Text:
        """The consistency of AHP judgements, the worst pairs and the derived weights."""
        result = Text()
        names = [safe(name) for name in self.scope.names]
        if self.mode == "ahp":
            cr = derived.cr
            if cr is None:
                result.append("Consistency ratio (CR): not defined for more than 15 items. ", style="yellow")
            else:
                style = "bold green" if cr <= 0.1 else "bold red"
                result.append(f"Consistency ratio (CR) {cr:.3f}", style=style)
                result.append(
                    " (≤ 0.10 is acceptable)" if cr <= 0.1 else " > 0.10: revisit the pairs marked !"
                )
            if derived.lambda_max is not None:
                result.append(f" · λmax (principal eigenvalue) {derived.lambda_max:.3f}\n", style="dim")
            for i, j, given, implied in derived.worst_pairs:
                result.append(
                    f"  ! {names[i]} vs {names[j]}: judged {given:.3g}, the weights imply {implied:.3g}\n",
                    style="red" if (cr or 0) > 0.1 else "dim",
                )
        if self.mode == "ahp" or len(self.values) <= 6:
            # the rank-order list shows each weight already; the pairwise list does not
            result.append("Result: ", style="bold")
            result.append(
                " · ".join(f"{name} {value:.3f}" for name, value in zip(names, self.values, strict=True))
            )
        result.rstrip()
        return result

    def result_weights(self) -> dict[str, float] | None:
        """Effective weights of every criterion that applying would give (None if no result)."""
        if self.derived is None or not any(self.derived.values):
            return None
        return self.derived.effective

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        """Use the derived weights."""
        weights = self.result_weights()
        if weights is None:
            self.notify("No weights to apply: fix the judgements first.", severity="error")
            return
        self.dismiss(weights)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Keep the weights as they were."""
        self.dismiss(None)
