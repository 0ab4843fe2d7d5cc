"""The `decisiontool report` command line that reproduces a report, recorded in its provenance.

One home for the flags and their order, used by `decisiontool report` (from the options it
was given) and by the app's export (from the analysis on screen), so that running the
recorded command gives the same report again.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from decisiontool.model import DEFAULT_PROFILE
from decisiontool.sanitise import path_text

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis


def report_command(
    *,
    data: Path | str | None,
    profile: str,
    weights: Sequence[str],
    method: str,
    vikor_v: float,
    missing: str,
    sensitivity: bool,
    smaa_samples: int,
    seed: int,
    date: str,
    output: Path | str,
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
    if sensitivity:
        argv += ["--sensitivity"]
    if smaa_samples:
        argv += ["--smaa", str(smaa_samples), "--seed", str(seed)]
    argv += ["--date", date, "-o", path_text(output)]
    return argv


def analysis_report_command(
    analysis: Analysis,
    output: Path | str,
    *,
    sensitivity: bool,
    smaa_samples: int,
    seed: int,
    date: str,
) -> list[str]:
    """The `report_command` that reproduces a report of `analysis` (e.g. exported from the app).

    Every relative weight that differs from the profile's is spelled out as `--weight`, and
    a model loaded with missing scores filled gets `--missing worst`.
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
        sensitivity=sensitivity,
        smaa_samples=smaa_samples,
        seed=seed,
        date=date,
        output=output,
    )
