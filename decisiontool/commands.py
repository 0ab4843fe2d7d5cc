"""The `decisiontool report` command line that reproduces a report, recorded in its provenance.

One home for the flags and their order, used by `decisiontool report` (from the options it
was given) and by the app's export (from the analysis on screen), so that running the
recorded command gives the same report again.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from decisiontool.model import DEFAULT_PROFILE
from decisiontool.sanitise import path_text

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis

WeightMode = Literal["free", "around", "ordinal"]
ScoreDistribution = Literal["uniform", "triangular"]


@dataclass(frozen=True)
class ReportSettings:
    """The robustness choices of a report (`decisiontool report`'s flags)."""

    robustness: bool = True
    """Include the sensitivity analysis and SMAA (`--no-robustness` turns both off)."""
    samples: int = 10_000
    seed: int = 1
    weight_mode: WeightMode = "around"
    spread: float = 0.2
    score_dist: ScoreDistribution = "uniform"


def report_command(
    *,
    data: Path | str | None,
    profile: str,
    weights: Sequence[str],
    method: str,
    vikor_v: float,
    missing: str,
    settings: ReportSettings,
    date: str,
    output: Path | str,
    author: str | None = None,
    status: str | None = None,
    findings_csv: bool = False,
) -> list[str]:
    """The command that makes this report: every choice spelled out, the date fixed.

    `weights` are `ID=VALUE` overrides as the command line spells them; `date` is ISO 8601.
    Defaults (the bundled model, profile `default`, missing scores refused) are left out.
    """
    argv = ["decisiontool", "report"]
    if data is not None:
        argv += ["--data", path_text(data)]
    if profile != DEFAULT_PROFILE:
        argv += ["--profile", profile]
    for weight in weights:
        argv += ["--weight", weight]
    argv += ["--method", method]
    if method == "vikor":
        argv += ["--vikor-v", f"{vikor_v:g}"]
    if missing != "refuse":
        argv += ["--missing", missing]
    argv += _settings_flags(settings)
    if author is not None:
        argv += ["--author", author]
    if status is not None:
        argv += ["--status", status]
    if findings_csv:
        argv += ["--findings-csv"]
    argv += ["--date", date, "-o", path_text(output)]
    return argv


def _settings_flags(settings: ReportSettings) -> list[str]:
    """The robustness flags whose values differ from the defaults (the findings' SMAA run
    depends on the samples and the seed even without the robustness sections)."""
    defaults = ReportSettings()
    flags = [] if settings.robustness else ["--no-robustness"]
    if settings.samples != defaults.samples:
        flags += ["--smaa", str(settings.samples)]
    if settings.seed != defaults.seed:
        flags += ["--seed", str(settings.seed)]
    if settings.weight_mode != defaults.weight_mode:
        flags += ["--smaa-weights", settings.weight_mode]
    if settings.spread != defaults.spread:
        flags += ["--spread", f"{settings.spread:g}"]
    if settings.score_dist != defaults.score_dist:
        flags += ["--score-dist", settings.score_dist]
    return flags


def analysis_report_command(
    analysis: Analysis,
    output: Path | str,
    *,
    date: str,
    settings: ReportSettings,
    author: str | None = None,
    status: str | None = None,
    findings_csv: bool = False,
) -> list[str]:
    """The `report_command` that reproduces a report of `analysis` (e.g. exported from the app).

    Every relative weight that differs from the profile's is spelled out as `--weight`, and
    a model loaded with missing scores filled gets `--missing worst`. The robustness choices
    come from `settings`.
    """
    from decisiontool.loading import bundled_model_dir

    root = analysis.model.root
    profile = analysis.with_profile(analysis.profile)
    weights = [
        f"{item}={analysis.relative_weight(item):.12g}"
        for item in (*analysis.arrays.group_ids, *analysis.arrays.criterion_ids)
        if not math.isclose(
            analysis.relative_weight(item), profile.relative_weight(item), rel_tol=1e-12, abs_tol=1e-15
        )
    ]
    return report_command(
        data=None if root.resolve() == bundled_model_dir().resolve() else root,
        profile=analysis.profile,
        weights=weights,
        method=analysis.method_id,
        vikor_v=analysis.vikor_v,
        missing=analysis.model.missing,
        settings=settings,
        date=date,
        output=output,
        author=author,
        status=status,
        findings_csv=findings_csv,
    )
