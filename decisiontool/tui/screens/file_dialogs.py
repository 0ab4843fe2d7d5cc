"""The save-as-profile and export dialogs: what to write where, typed and checked before it is asked for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from decisiontool.model.files import ID_PATTERN, MAX_ID_LENGTH
from decisiontool.tui.screens.dialogs import CANCEL
from decisiontool.tui.text import safe


@dataclass(frozen=True)
class SaveRequest:
    """What the save dialog asked for."""

    profile_id: str
    name: str
    description: str


def check_profile_id(profile_id: str) -> str:
    """'' when `profile_id` is a valid new profile id, else why not."""
    if profile_id == "default":
        return "'default' is reserved for the weights in the group files"
    if len(profile_id) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(profile_id):
        return "use lower-case letters, digits and '_', starting with a letter"
    return ""


class SaveProfileDialog(ModalScreen[SaveRequest | None]):
    """Ask for the id, name and description of the profile to save.

    The name and description follow the id: an existing profile's id brings its own, a new
    id starts empty (never the old profile's), unless the user has typed in them.
    """

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, profile_id: str, known: dict[str, tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.initial_id = profile_id
        self.known = known
        """Existing profile id -> (name, description)."""
        self._filled: tuple[str, str] = known.get(profile_id, ("", ""))

    def compose(self) -> ComposeResult:
        """Three inputs and the buttons."""
        name, description = self._filled
        with Vertical(classes="dialog dialog-wide"):
            yield Label("Save the current weights as a profile", classes="dialog-title")
            yield Label("Id (the file name, e.g. council_view):")
            yield Input(value=self.initial_id, id="profile-id", placeholder="council_view", compact=True)
            yield Label("Name:")
            yield Input(value=name, id="profile-name", placeholder="Council view", compact=True)
            yield Label("Description (optional):")
            yield Input(
                value=description, id="profile-description", placeholder="Whose view, and why", compact=True
            )
            yield Static("", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield Static(
                Text("Tab moves between fields · Enter saves · Esc cancels", style="dim"),
                classes="dialog-hint",
            )

    @on(Input.Changed, "#profile-id")
    def _id_changed(self, event: Input.Changed) -> None:
        name_input = self.query_one("#profile-name", Input)
        description_input = self.query_one("#profile-description", Input)
        if (name_input.value, description_input.value) != self._filled:
            return  # the user typed there: keep it
        self._filled = self.known.get(event.value.strip(), ("", ""))
        name_input.value, description_input.value = self._filled

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        profile_id = self.query_one("#profile-id", Input).value.strip()
        name = self.query_one("#profile-name", Input).value.strip()
        problem = check_profile_id(profile_id) or ("" if name else "a profile needs a name")
        if problem:
            self.query_one(".dialog-error", Static).update(Text(problem))
            return
        description = self.query_one("#profile-description", Input).value.strip()
        self.dismiss(SaveRequest(profile_id, name, description))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Save nothing."""
        self.dismiss(None)


REPORT_FORMATS: tuple[str, ...] = ("md", "html", "csv", "json", "xlsx")
"""Report formats: the suffix of the file decides."""


@dataclass(frozen=True)
class ExportRequest:
    """What the export dialog asked for."""

    path_text: str
    """The path as typed (resolved by `decisiontool.services.resolve_output_path`)."""
    force: bool
    """Overwrite an existing file (set after the user confirmed)."""
    sensitivity: bool
    smaa: bool
    findings_csv: bool = False
    """Also write the findings as CSV beside the report (`FILE.findings.csv`, as `--findings-csv`)."""

    def forced(self) -> ExportRequest:
        """The same request, confirmed to overwrite."""
        return ExportRequest(self.path_text, True, self.sensitivity, self.smaa, self.findings_csv)


class ExportDialog(ModalScreen[ExportRequest | None]):
    """Ask where and in which format to write a report; shows why the last attempt failed."""

    BINDINGS: ClassVar[list[BindingType]] = [CANCEL]

    def __init__(self, request: ExportRequest, error: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.request = request
        self.error = error

    def compose(self) -> ComposeResult:
        """Path, format, options and buttons."""
        suffix = Path(self.request.path_text).suffix.lstrip(".")
        with Vertical(classes="dialog dialog-wide"):
            yield Label("Export a report", classes="dialog-title")
            yield Label("File (its suffix sets the format; ~ = home):")
            yield Input(value=self.request.path_text, id="export-path", compact=True)
            yield Select(
                [(f".{fmt}", fmt) for fmt in REPORT_FORMATS],
                value=suffix if suffix in REPORT_FORMATS else "md",
                allow_blank=False,
                id="export-format",
                compact=True,
            )
            yield Checkbox(
                "Include sensitivity", value=self.request.sensitivity, id="export-sensitivity", compact=True
            )
            yield Checkbox(
                "Include SMAA (10,000 samples)", value=self.request.smaa, id="export-smaa", compact=True
            )
            yield Checkbox(
                "Also the findings as CSV (FILE.findings.csv)",
                value=self.request.findings_csv,
                id="export-findings-csv",
                compact=True,
            )
            yield Static(Text(safe(self.error)), classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", variant="primary", id="export", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
            yield Static(Text("Enter exports · Esc cancels", style="dim"), classes="dialog-hint")

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        text = path_input.value.strip() or "report"
        stem, dot, suffix = text.rpartition(".")
        base = stem if dot and "/" not in suffix else text
        new = f"{base}.{event.value}"
        if new != path_input.value:
            path_input.value = new

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text or Path(text).suffix.lstrip(".") not in REPORT_FORMATS:
            self.query_one(".dialog-error", Static).update(
                Text("give a file ending in " + ", ".join(f".{fmt}" for fmt in REPORT_FORMATS))
            )
            return
        self.dismiss(
            ExportRequest(
                text,
                force=False,
                sensitivity=self.query_one("#export-sensitivity", Checkbox).value,
                smaa=self.query_one("#export-smaa", Checkbox).value,
                findings_csv=self.query_one("#export-findings-csv", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Export nothing."""
        self.dismiss(None)
