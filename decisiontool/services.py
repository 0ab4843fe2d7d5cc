"""What the app and the CLI do to files: save weights as a profile, export a report, reload a model.

Each service takes an `Analysis` (or a model directory) and plain values, does its I/O, and
returns what it made. Every failure, whatever its cause (a bad id, a read-only folder,
`criteria/profiles` being a file, a home directory that does not exist, a working
directory deleted under us), is raised as `ModelError` whose problems name the file, so a
caller shows one kind of error and never a traceback. Nothing is half written: files are
replaced atomically (`decisiontool.atomic`) and a profile that would leave the model
invalid is taken back (`decisiontool.profile_writer`).

Layer: above the analyses and reports, below the CLI and the app; imports neither typer,
rich nor textual.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from decisiontool.analysis import Analysis
from decisiontool.commands import ReportSettings
from decisiontool.model import DecisionModel, MissingPolicy
from decisiontool.problems import ModelError, Problem

__all__ = [
    "REPORT_SMAA_SAMPLES",
    "ExportedReport",
    "FileStamp",
    "SavedProfile",
    "default_report_path",
    "export_report",
    "model_file_stamps",
    "profile_stamp",
    "reload_model",
    "resolve_output_path",
    "save_profile",
]

REPORT_SMAA_SAMPLES = 10_000
"""Samples for the SMAA section of a report (as `decisiontool report --smaa` uses by default)."""

FileStamp = tuple[int, int]
"""(mtime in ns, size) of a file: enough to notice an edit made elsewhere."""


def _problem(path: Path | str, message: str, key: str = "") -> ModelError:
    return ModelError([Problem(str(path), key, message)])


def _os_message(error: OSError) -> str:
    """An OSError in words, without repeating the file name the problem already names."""
    return error.strerror or str(error)


# -- reading the model's files ---------------------------------------------------------


def model_file_stamps(root: Path) -> dict[str, FileStamp]:
    """Relative path -> stamp of every .toml file of a model directory.

    Polled by the app to notice edits made in another window (no watcher dependency), and
    used to warn before saving over a profile edited outside since the last reload.
    """
    stamps: dict[str, FileStamp] = {}
    for folder in (root / "criteria", root / "criteria" / "profiles", root / "options"):
        try:
            entries: Iterable[Path] = list(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            if path.suffix == ".toml":
                try:
                    info = path.stat()
                except OSError:
                    continue
                stamps[path.relative_to(root).as_posix()] = (info.st_mtime_ns, info.st_size)
    return stamps


def profile_stamp(root: Path, profile_id: str) -> FileStamp | None:
    """The stamp of a profile's file, or None when it does not exist (or cannot be read)."""
    from decisiontool.profile_writer import profile_path

    try:
        info = profile_path(root, profile_id).stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def reload_model(root: Path, *, missing: MissingPolicy = "refuse") -> DecisionModel:
    """Load the model directory again (missing scores refused or filled as before).

    ModelError with its problems, or naming the OS error, if it fails.
    """
    from decisiontool.loading import load_model

    try:
        return load_model(root, missing=missing)
    except OSError as error:
        raise _problem(root, f"cannot read the model: {_os_message(error)}") from None


# -- saving a profile ------------------------------------------------------------------


@dataclass(frozen=True)
class SavedProfile:
    """A profile written to disk, and the model loaded again with it."""

    path: Path
    profile_id: str
    model: DecisionModel


def save_profile(
    analysis: Analysis,
    profile_id: str,
    name: str,
    *,
    description: str = "",
    comment: str = "",
    force: bool = False,
) -> SavedProfile:
    """Write the analysis's relative weights as `criteria/profiles/<profile_id>.toml`.

    An existing file is refused unless `force`; overwriting keeps its layout and its
    comments on unchanged lines, and rewrites the line that says how the weights were made.
    The model is loaded again (the way it was loaded: missing scores refused or filled)
    and returned.
    """
    weights = {
        c: float(w) for c, w in zip(analysis.arrays.criterion_ids, analysis.criterion_weights, strict=True)
    }
    groups = {g: float(w) for g, w in zip(analysis.arrays.group_ids, analysis.group_weights, strict=True)}
    model = analysis.model
    path = write_weights(
        model, profile_id, name, weights, groups, description=description, comment=comment, force=force
    )
    return SavedProfile(path, profile_id, reload_model(model.root, missing=model.missing))


def write_weights(
    model: DecisionModel,
    profile_id: str,
    name: str,
    criterion_weights: Mapping[str, float],
    group_weights: Mapping[str, float],
    *,
    description: str = "",
    comment: str = "",
    force: bool = False,
) -> Path:
    """Write relative weights as the model's `criteria/profiles/<profile_id>.toml`; its path.

    The one writer behind `save_profile` (the app) and `decisiontool weights/panel
    --save-profile`. An existing file is refused unless `force` (then its layout and
    comments are kept); a failure to write is a ModelError naming the file.
    """
    from decisiontool.profile_writer import profile_path
    from decisiontool.profile_writer import save_profile as write_profile

    root = model.root
    where = profile_path(root, profile_id)
    folder = where.parent
    if folder.exists() and not folder.is_dir():
        raise _problem(folder, "is a file, not a folder: profiles are saved in a folder of that name")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return write_profile(
            root,
            profile_id,
            name,
            dict(criterion_weights),
            dict(group_weights),
            description=description,
            comment=comment,
            force=force,
            missing=model.missing,
        )
    except ModelError:
        raise
    except OSError as error:
        raise _problem(
            getattr(error, "filename", None) or where, f"cannot write: {_os_message(error)}"
        ) from None
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        # tomlkit could not edit the existing file in place (e.g. weights written as dotted keys)
        raise _problem(
            where, f"cannot update the existing file in place ({error}); save under a new id"
        ) from None


def save_comment(analysis: Analysis) -> str:
    """The provenance comment of a profile saved from an analysis."""
    return (
        f"saved from the decisiontool app (started from profile '{analysis.profile}', "
        f"ranked with {analysis.method_id})"
    )


# -- exporting a report ----------------------------------------------------------------


def default_report_path(analysis: Analysis, name: str = "decisiontool-report.md") -> Path:
    """Where a report goes unless the user says otherwise: the working folder, else beside the model."""
    try:
        folder = Path.cwd()
    except OSError:
        folder = analysis.model.root.parent
    return folder / name


def resolve_output_path(text: str, *, base: Path | None = None) -> Path:
    """A path typed by the user: `~` expanded, relative to `base` (default: the working folder).

    Raises ModelError for an empty path, an unknown user in `~user`, or a relative path when
    the working folder no longer exists.
    """
    cleaned = text.strip()
    if not cleaned:
        raise _problem("(output)", "give a file name")
    try:
        path = Path(cleaned).expanduser()
    except RuntimeError:
        user = cleaned.split("/", 1)[0]
        raise _problem(cleaned, f"there is no user '{user[1:]}' for {user} to stand for") from None
    if path.is_absolute():
        return path
    try:
        folder = base if base is not None else Path.cwd()
    except OSError:
        raise _problem(cleaned, "the working folder no longer exists: give an absolute path") from None
    return folder / path


@dataclass(frozen=True)
class ExportedReport:
    """A report written to disk, with the command that writes it again."""

    path: Path
    argv: tuple[str, ...]
    findings_path: Path | None = None
    """The findings CSV written beside the report (`FILE.findings.csv`), when asked for."""


def export_report(
    analysis: Analysis,
    path: Path,
    *,
    force: bool = False,
    sensitivity: bool = False,
    smaa_samples: int = 0,
    seed: int = 1,
    date: datetime.date | None = None,
    settings: ReportSettings | None = None,
    findings_csv: bool = False,
) -> ExportedReport:
    """Write a report of `analysis` to `path` (the suffix says the format), as `decisiontool report` does.

    `findings_csv`: also write the findings as CSV beside it (`FILE.findings.csv`), as
    `report --findings-csv` does; both files are checked before either is written.

    The robustness choices are `settings` (as the report command's flags); without it, robustness
    is on when `sensitivity` or `smaa_samples` asks for it. The report is computed exactly as the
    command recorded in it (`ExportedReport.argv`) computes it, so running that command writes
    the same report.
    """
    from decisiontool.commands import analysis_report_command
    from decisiontool.reports import write_report
    from decisiontool.reports.inputs import run_analyses

    if settings is None:
        settings = ReportSettings(
            robustness=sensitivity or smaa_samples > 0, samples=smaa_samples or REPORT_SMAA_SAMPLES, seed=seed
        )

    day = date or datetime.date.today()
    beside = _check_report_targets(path, force=force, findings_csv=findings_csv)
    argv = analysis_report_command(
        analysis, path, settings=settings, date=day.isoformat(), findings_csv=findings_csv
    )
    try:
        analyses = run_analyses(analysis, settings)
        write_report(
            analysis,
            path,
            force=force,
            date=day,
            argv=argv,
            sensitivity=analyses.sensitivity,
            smaa=analyses.smaa,
            findings=analyses.findings,
            findings_csv=findings_csv,
        )
    except OSError as error:
        raise _problem(
            getattr(error, "filename", None) or path, f"cannot write: {_os_message(error)}"
        ) from None
    except ValueError as error:
        raise _problem(path, str(error)) from None
    return ExportedReport(path, tuple(argv), beside)


def _check_report_targets(path: Path, *, force: bool, findings_csv: bool) -> Path | None:
    """Refuse at once a report (and findings CSV beside it) that could not be written; return
    the findings CSV's path, if one is asked for."""
    from decisiontool.atomic import check_writable
    from decisiontool.reports.csv_report import findings_path

    folder = check_writable(path, force=force).parent
    beside = findings_path(path) if findings_csv else None
    if beside is not None:
        check_writable(beside, force=force)
    if not os.access(folder, os.W_OK):
        raise _problem(folder, "cannot write here: permission denied")
    return beside
