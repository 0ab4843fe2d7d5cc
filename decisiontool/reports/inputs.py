"""What a report computes before it renders: findings always, robustness unless told not to.

A report for a profile speaks to that profile: its SMAA draws weights *around* the chosen
profile's effective weights by default (not free weights, which would make every profile's
report the same). The findings' own SMAA run (around the current weights, spread 0.2,
uniform scores) is shared with the report's when the settings coincide, so nothing is
computed twice.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from decisiontool.commands import ReportSettings
from decisiontool.engine.smaa import DEFAULT_SAMPLES

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis
    from decisiontool.findings import Findings
    from decisiontool.robustness import SensitivityResult, SmaaResult

__all__ = ["FINDINGS_SPREAD", "ReportAnalyses", "ReportSettings", "findings_for", "run_analyses"]

PhaseProgress = Callable[[str, int, int], None]
"""A progress hook of work in phases: (phase, done, total); total is fixed for a phase."""

FINDINGS_SPREAD = 0.2
"""The spread of the findings' SMAA run (docs/findings.md): fixed, whatever the report's is."""


@dataclass(frozen=True)
class ReportAnalyses:
    """The results a report shows beside the ranking."""

    findings: Findings
    sensitivity: SensitivityResult | None
    smaa: SmaaResult | None


def _is_findings_run(smaa: SmaaResult) -> bool:
    """True when `smaa` was drawn exactly as the findings draw theirs."""
    return smaa.weight_mode == "around" and smaa.spread == FINDINGS_SPREAD and smaa.score_dist == "uniform"


def findings_for(
    analysis: Analysis, smaa: SmaaResult | None = None, *, samples: int = DEFAULT_SAMPLES, seed: int = 1
) -> Findings:
    """The findings of `analysis`, reusing `smaa` when it is the run the findings need."""
    from decisiontool.findings import compute_findings

    if smaa is not None and _is_findings_run(smaa):
        return compute_findings(analysis, samples=smaa.samples, seed=smaa.seed, smaa_result=smaa)
    return compute_findings(analysis, samples=samples, seed=seed)


def run_analyses(
    analysis: Analysis, settings: ReportSettings, progress: PhaseProgress | None = None
) -> ReportAnalyses:
    """Sensitivity and SMAA as `settings` say (none without robustness), then the findings.

    `progress(phase, done, total)`, when given, is told how each phase advances ("weight
    sensitivity", "SMAA-2", "findings"); it does not change the results."""
    from decisiontool import robustness

    def phase(name: str) -> Callable[[int, int], None] | None:
        return None if progress is None else functools.partial(progress, name)

    sensitivity = smaa = None
    if settings.robustness:
        sensitivity = robustness.sensitivity(analysis, progress=phase("weight sensitivity"))
        smaa = robustness.smaa(
            analysis,
            samples=settings.samples,
            seed=settings.seed,
            weight_mode=settings.weight_mode,
            spread=settings.spread,
            score_dist=settings.score_dist,
            progress=phase("SMAA-2"),
        )
    if progress is not None:
        progress("findings", 0, 1)
    findings = findings_for(analysis, smaa, samples=settings.samples, seed=settings.seed)
    if progress is not None:
        progress("findings", 1, 1)
    return ReportAnalyses(findings=findings, sensitivity=sensitivity, smaa=smaa)
