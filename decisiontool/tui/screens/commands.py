"""The main screen's key bindings and command-palette entries, in one list each."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


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
    PaletteCommand("Why is it first?", "The top against the runner-up, criterion by criterion", "why"),
    PaletteCommand("Criterion view", "The selected criterion: levels, lessons, scores", "criterion"),
    PaletteCommand("Show detail", "The highlighted option's evidence", "show_tab('tab-detail')"),
    PaletteCommand(
        "Show sensitivity", "Scores against the selected criterion's weight", "show_tab('tab-sensitivity')"
    ),
    PaletteCommand("Show SMAA", "Rank acceptability heat map", "show_tab('tab-smaa')"),
    PaletteCommand(
        "Compare methods and profiles", "Ranks under every method and profile", "show_tab('tab-compare')"
    ),
    PaletteCommand(
        "Show the panel", "Participants' tops, agreement; use their weights", "show_tab('tab-panel')"
    ),
    PaletteCommand(
        "Colour bars by criterion or group", "Toggle the colouring of the ranking bars", "toggle_colours"
    ),
    PaletteCommand("Lock or unlock weight", "Lock the selected weight", "lock_selected"),
    PaletteCommand("Show or hide the weights", "Give the ranking the whole width", "toggle_weights"),
    PaletteCommand("Zoom the tabs", "The open tab on the whole screen (z or Esc returns)", "zoom"),
    PaletteCommand("Help", "Every key binding", "help"),
)
"""Everything the screen can do, for the command palette (ctrl+p)."""


def _key(key: str, action: str, label: str, tooltip: str, *, show: bool = False, name: str = "") -> Binding:
    return Binding(key, action, label, show=show, id=f"main.{name or action}", tooltip=tooltip)


MAIN_BINDINGS: list[BindingType] = [
    _key("m", "cycle_method", "Method", "Next scoring method", show=True),
    _key("M", "choose_method", "Methods…", "Pick a method from a list"),
    _key("p", "choose_profile", "Profile", "Switch weight profile (asks before dropping changes)", show=True),
    _key("r", "reset", "Reset", "Reset weights to the profile's"),
    _key("ctrl+z", "undo", "Undo", "Undo the last weight change", show=True),
    _key("ctrl+y", "redo", "Redo", "Redo a weight change"),
    _key("ctrl+s", "save_profile", "Save", "Save the weights as a profile", show=True),
    _key("ctrl+e", "export", "Export", "Export a report"),
    _key("w", "weighting", "Elicit", "Rank-order or AHP weighting"),
    _key("y", "why", "Why", "Why is the top first? (Enter on a ranking row: against that option)"),
    _key("i", "criterion", "Criterion", "The selected criterion in full"),
    _key("v", "toggle_weights", "Weights pane", "Show or hide the weights pane"),
    _key("z", "zoom", "Zoom", "Give the tabs the whole screen; z again (or Esc) returns"),
    _key("d", "show_tab('tab-detail')", "Detail", "Show the option's detail", name="tab_detail"),
    _key(
        "s",
        "show_tab('tab-sensitivity')",
        "Sensitivity",
        "Show the sensitivity chart",
        name="tab_sensitivity",
    ),
    _key("a", "show_tab('tab-smaa')", "SMAA", "Show rank acceptability (SMAA)", name="tab_smaa"),
    _key("c", "show_tab('tab-compare')", "Compare", "Compare methods and profiles", name="tab_compare"),
    _key("n", "show_tab('tab-panel')", "Panel", "Participants' tops, agreement", name="tab_panel"),
    _key("escape", "back", "Back", "Back from a zoomed tab (small screens: from the open tab)"),
    _key("b", "toggle_colours", "Colours", "Colour bars by criterion or by group"),
]
"""The main screen's bindings (every one with an id and a tooltip)."""
