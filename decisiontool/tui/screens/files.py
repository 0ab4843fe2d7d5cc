"""Saving and exporting from the main screen: dialogs in, `decisiontool.services` out.

The screen only asks and shows: the services write (in thread workers), and every failure
comes back as a message in the app (the export dialog opens again with the typed path and
the reason), never as an exit.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from decisiontool import services
from decisiontool.problems import ModelError
from decisiontool.tui.screens.dialogs import ConfirmDialog
from decisiontool.tui.screens.file_dialogs import ExportDialog, ExportRequest, SaveProfileDialog, SaveRequest
from decisiontool.tui.state import Session
from decisiontool.tui.text import safe

if TYPE_CHECKING:
    from decisiontool.tui.app import DecisionApp


def problems_text(error: ModelError) -> str:
    """The problems of an error, one a line, safe to show."""
    return safe("\n".join(str(problem) for problem in error.problems))


class FileActions(Screen[None]):
    """Save-as-profile and export, for the main screen."""

    session: Session

    @property
    def decision_app(self) -> DecisionApp:
        """The app, typed."""
        from decisiontool.tui.app import DecisionApp

        app = self.app
        assert isinstance(app, DecisionApp)
        return app

    def refresh_all(self) -> None:
        """Redraw everything (the main screen defines it)."""

    # -- saving ----------------------------------------------------------------------

    def action_save_profile(self, then: Callable[[], None] | None = None) -> None:
        """Ask for an id, a name and a description, then write the weights as a profile."""
        analysis = self.session.analysis
        model = self.session.model
        profile = analysis.profile
        known = {pid: (model.profile_name(pid), model.profiles[pid].description) for pid in model.profiles}
        dialog = SaveProfileDialog(profile if profile in model.profiles else "", known)

        def requested(request: SaveRequest | None) -> None:
            if request is not None:
                self.confirm_and_save(request, then)

        self.app.push_screen(dialog, requested)

    def confirm_and_save(self, request: SaveRequest, then: Callable[[], None] | None) -> None:
        """Ask before overwriting a profile (and louder when it was edited outside); then save."""
        model = self.session.model
        if request.profile_id not in model.profiles:
            self.write_profile(request, False, then)
            return
        relative = f"criteria/profiles/{request.profile_id}.toml"
        seen = self.decision_app.file_stamps.get(relative)
        now = services.profile_stamp(model.root, request.profile_id)
        question = f"Profile '{request.profile_id}' exists. Overwrite its weights? (Its layout is kept.)"
        if now is not None and seen != now:
            question = (
                f"{relative} was edited outside the app since it was last loaded. "
                "Overwrite it anyway and lose that edit?"
            )

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.write_profile(request, True, then)

        self.app.push_screen(ConfirmDialog(safe(question), yes="Overwrite", no="Cancel"), confirmed)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False, description="save weights")
    def write_profile(
        self, request: SaveRequest, force: bool, then: Callable[[], None] | None = None
    ) -> None:
        """Write the profile through the services, then take in the reloaded model (off the UI thread)."""
        analysis = self.session.analysis
        try:
            saved = services.save_profile(
                analysis,
                request.profile_id,
                request.name,
                description=request.description,
                comment=services.save_comment(analysis),
                force=force,
            )
        except ModelError as error:
            self.app.call_from_thread(self.decision_app.report_failure, "Not saved", problems_text(error))
            return
        self.app.call_from_thread(self._saved, saved, then)

    def _saved(self, saved: services.SavedProfile, then: Callable[[], None] | None) -> None:
        self.session.reload(saved.model, profile=saved.profile_id)
        self.decision_app.remember_model_files()
        self.refresh_all()
        self.notify(safe(f"Saved {saved.path}"), title="Profile saved")
        if then is not None:
            then()

    # -- exporting -------------------------------------------------------------------

    def action_export(self, request: ExportRequest | None = None, error: str = "") -> None:
        """Ask for a path and what to include; a failed export opens the dialog again with the reason."""
        if request is None:
            default = services.default_report_path(self.session.analysis)
            request = ExportRequest(str(default), False, True, False)
        self.app.push_screen(ExportDialog(request, error), self._export_requested)

    def _export_requested(self, request: ExportRequest | None) -> None:
        if request is None:
            return
        try:
            path = services.resolve_output_path(request.path_text)
        except ModelError as error:
            self.action_export(request, problems_text(error))
            return
        if path.exists() and not request.force:

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.write_report(request.forced(), path)
                else:
                    self.action_export(request)

            self.app.push_screen(
                ConfirmDialog(safe(f"{path} exists. Overwrite it?"), yes="Overwrite", no="Cancel"), confirmed
            )
            return
        self.write_report(request, path)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False, description="export report")
    def write_report(self, request: ExportRequest, path: Path) -> None:
        """Write the report through the services (off the UI thread)."""
        try:
            exported = services.export_report(
                self.session.analysis,
                path,
                force=request.force,
                sensitivity=request.sensitivity,
                smaa_samples=services.REPORT_SMAA_SAMPLES if request.smaa else 0,
                findings_csv=request.findings_csv,
            )
        except ModelError as error:
            self.app.call_from_thread(self._export_failed, request, problems_text(error))
            return
        self.app.call_from_thread(self.notify, safe(f"Wrote {exported.path}"), title="Report exported")

    def _export_failed(self, request: ExportRequest, message: str) -> None:
        self.decision_app.report_failure("Not exported", message)
        self.action_export(request, message)
