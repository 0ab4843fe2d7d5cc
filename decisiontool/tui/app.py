"""The Textual app: a thin shell that owns the `Session`, watches the model files and quits.

Everything the user sees lives in `screens/` and `widgets/`; everything computed lives in
the `Session` and the analysis beneath it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from decisiontool.model import DecisionModel
from decisiontool.problems import ModelError
from decisiontool.services import model_file_stamps, reload_model
from decisiontool.tui.screens.dialogs import QuitDialog
from decisiontool.tui.screens.invalid import InvalidModelScreen
from decisiontool.tui.screens.main import PALETTE_COMMANDS, MainScreen
from decisiontool.tui.state import Session
from decisiontool.tui.text import safe


def screenshot_folder(path: str | None, model_root: Path) -> Path:
    """Where a screenshot goes: `path`, else ~/Downloads when it exists, else beside the model."""
    if path:
        return Path(path)
    try:
        downloads = Path.home() / "Downloads"
    except RuntimeError:
        downloads = None
    if downloads is not None and downloads.is_dir():
        return downloads
    return model_root


POLL_SECONDS = 1.0
"""How often the model directory is checked for edits made in another window."""


class DecisionApp(App[None]):
    """Adjust weights and watch the ranking move."""

    CSS_PATH = "app.tcss"
    TITLE = "decisiontool"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit (asks first if weights are unsaved)"),
        Binding("question_mark,f1", "help", "Help", id="app.help", tooltip="Show every key binding"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            show=False,
            id="app.palette",
            tooltip="Every action, searchable",
        ),
    ]

    def __init__(self, session: Session, *, watch: bool = True) -> None:
        super().__init__()
        self.session = session
        """The app's state; screens read it and call it."""
        self.watch_files = watch
        self.failures = 0
        """How many operations failed (saving, exporting, a computation): the exit status is 1 after any."""
        self.model_root: Path = session.model.root
        self.file_stamps: dict[str, tuple[int, int]] = {}
        self.reloads = 0
        """How many times the model was reloaded (tests wait on it)."""

    def on_mount(self) -> None:
        """Show the main screen and start watching the model files."""
        self.push_screen(MainScreen(self.session))
        self.remember_model_files()
        if self.watch_files:
            self.set_interval(POLL_SECONDS, self.poll_model_files)

    @property
    def main_screen(self) -> MainScreen:
        """The main screen (wherever the user is)."""
        return next(screen for screen in self.screen_stack if isinstance(screen, MainScreen))

    # -- quitting and help ------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit; with unsaved weights, offer to save them first."""
        if not self.session.unsaved:
            self.exit(return_code=self.exit_status)
            return

        def answered(answer: str | None) -> None:
            if answer == "quit":
                self.exit(return_code=self.exit_status)
            elif answer == "save":
                self.main_screen.action_save_profile(then=lambda: self.exit(return_code=self.exit_status))

        self.push_screen(QuitDialog(), answered)

    @property
    def exit_status(self) -> int:
        """0, or 1 when something failed during the session (the user was told in the app)."""
        return 1 if self.failures else 0

    # -- messages --------------------------------------------------------------------

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification; its text is never read as markup (it may hold names and paths)."""
        super().notify(safe(message), title=safe(title), severity=severity, timeout=timeout, markup=False)

    def report_failure(self, title: str, message: str) -> None:
        """An operation failed: tell the user (the app goes on; the exit status will be 1)."""
        self.failures += 1
        self.notify(message, title=title, severity="error", timeout=10)

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        # the net under every worker: one that raised is a message, never an exit
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.report_failure("Something failed", f"{event.worker.name}: {type(error).__name__}: {error}")

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG screenshot: in Downloads when it exists, else beside the model (or here)."""
        if self.is_web:
            self.deliver_screenshot(filename, path)
            return
        folder = screenshot_folder(path, self.model_root)
        try:
            saved = self.save_screenshot(filename, str(folder))
        except OSError as error:
            self.report_failure("Screenshot not saved", f"{folder}: {error.strerror or error}")
            return
        self.notify(f"Saved {saved}", title="Screenshot")

    def action_help(self) -> None:
        """Show every key binding."""
        from decisiontool.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The built-in commands plus every action of the main screen."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for command in PALETTE_COMMANDS:
                yield SystemCommand(
                    command.title, command.help, lambda action=command.action: self._run_main(action)
                )

    def _run_main(self, action: str) -> None:
        self.call_later(self.main_screen.run_action, action)

    # -- watching the model files -----------------------------------------------------

    def remember_model_files(self) -> None:
        """Record the model files' stamps as seen (after loading or saving)."""
        self.file_stamps = model_file_stamps(self.model_root)

    def poll_model_files(self) -> bool:
        """Reload when a model file was added, removed or changed; True when a reload started."""
        stamps = model_file_stamps(self.model_root)
        if stamps == self.file_stamps:
            return False
        self.file_stamps = stamps
        self.reload_model()
        return True

    @work(thread=True, exclusive=True, group="reload", description="reload the model")
    def reload_model(self) -> None:
        """Load the model again off the UI thread, then apply it (or show its problems)."""
        try:
            model = reload_model(self.model_root, missing=self.session.model.missing)
        except ModelError as error:
            self.call_from_thread(self._model_invalid, error)
            return
        self.call_from_thread(self._model_loaded, model)

    def _model_invalid(self, error: ModelError) -> None:
        if isinstance(self.screen, InvalidModelScreen):
            self.screen.show_problems(error.problems)
        else:
            self.push_screen(InvalidModelScreen(error.problems))
        self.reloads += 1

    def _model_loaded(self, model: DecisionModel) -> None:
        # only the problems screen goes: a dialog the user has open stays open
        while isinstance(self.screen, InvalidModelScreen):
            self.pop_screen()
        notes = self.session.reload(model)
        self.main_screen.refresh_all()
        self.reloads += 1
        self.notify("\n".join(notes) or "The model files changed.", title="Model reloaded", timeout=3)
