"""What a report says, computed once from an Analysis: every format renders this and nothing else.

`build_context` turns an `Analysis` (plus, when asked, the sensitivity and SMAA documents of
docs/json.md) into a `ReportContext` of plain, frozen values: the header, a one-paragraph
summary, the weights, the ranking with each option's contributions, the flags, the evidence
appendix and the provenance. The format modules only lay it out, so a number can never
differ between the HTML, the workbook and the JSON of one run.

The parts live beside it: `ranking_rows` (weights, ranking rows, flags), `evidence` (the
appendix), `provenance`, `robustness_rows` (sensitivity and SMAA tables), `summary` (the
paragraph) and `reading` (findings in words); this module assembles them. Its names are
re-exported here for the format modules.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from decisiontool import __version__
from decisiontool.bars import score_fraction as score_fraction
from decisiontool.csv_tables import WIDE_UNCERTAINTY as WIDE_UNCERTAINTY
from decisiontool.csv_tables import wide_scores
from decisiontool.documents import ranking_document
from decisiontool.reports.central import CentralWeights, central_weights
from decisiontool.reports.evidence import (
    KIND_LABELS,
    CriterionEvidence,
    LessonEvidence,
    OptionEvidence,
    ScoreEvidence,
    criterion_evidence,
    lesson_evidence,
    option_evidence,
)
from decisiontool.reports.inputs import findings_for
from decisiontool.reports.panel_section import PanelSection, panel_section
from decisiontool.reports.provenance import InputFile, Provenance, provenance, sha256_file
from decisiontool.reports.ranking_rows import (
    Contribution,
    Flag,
    RankRow,
    WeightRow,
    flag_rows,
    rank_row,
    weight_rows,
)
from decisiontool.reports.reading import ReaderContent, build_reader
from decisiontool.reports.robustness_rows import SensitivityRow, SmaaRow, sensitivity_rows, smaa_rows
from decisiontool.reports.summary import METHOD_PHRASES, summary_text

__all__ = [
    "KIND_LABELS",
    "METHOD_PHRASES",
    "REPORT_SCHEMA",
    "WIDE_UNCERTAINTY",
    "Contribution",
    "CriterionEvidence",
    "Flag",
    "InputFile",
    "LessonEvidence",
    "OptionEvidence",
    "Provenance",
    "RankRow",
    "ReportContext",
    "ScoreEvidence",
    "SensitivityRow",
    "SmaaRow",
    "WeightRow",
    "build_context",
    "score_fraction",
    "sha256_file",
    "summary_text",
]

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis
    from decisiontool.findings import Findings
    from decisiontool.panel import PanelResult
    from decisiontool.robustness import SensitivityResult, SmaaResult

REPORT_SCHEMA = "decisiontool.report/1"


@dataclass(frozen=True)
class ReportContext:
    """Everything a report shows, in the order a reader meets it."""

    title: str
    model_name: str
    model_description: str
    model_version: str | None
    date: datetime.date
    tool_version: str
    method: str
    method_label: str
    higher_is_better: bool
    vikor_v: float | None
    vikor_conditions: dict[str, Any] | None
    profile: str
    profile_name: str
    profile_description: str
    overrides: tuple[tuple[str, float], ...]
    summary: str
    weights: tuple[WeightRow, ...]
    criterion_names: dict[str, str]
    rows: tuple[RankRow, ...]
    flags: tuple[Flag, ...]
    options: tuple[OptionEvidence, ...]
    criteria: tuple[CriterionEvidence, ...]
    lessons: tuple[LessonEvidence, ...]
    provenance: Provenance
    ranking_document: dict[str, Any]
    sensitivity: SensitivityResult | None
    smaa: SmaaResult | None
    sensitivity_rows: tuple[SensitivityRow, ...]
    smaa_rows: tuple[SmaaRow, ...]
    reader: ReaderContent
    """The findings and everything the report says in words (`reports.reading`)."""
    panel: PanelSection | None = None
    """The Panel section, when the model has a panel (`reports.panel_section`)."""
    cost_criteria: frozenset[str] = frozenset()
    """The criteria where a lower score is better (direction `cost`): marked so wherever they appear."""

    def criterion_label(self, criterion: str, name: str) -> str:
        """A criterion's name, with `(lower is better)` for a cost criterion."""
        return f"{name} (lower is better)" if criterion in self.cost_criteria else name

    @property
    def direction(self) -> str:
        """`higher is better` or `lower is better`."""
        return "higher is better" if self.higher_is_better else "lower is better"

    @property
    def has_contributions(self) -> bool:
        """True when scores break down into criterion contributions (wsm)."""
        return bool(self.rows) and self.rows[0].contributions is not None

    @property
    def extra_keys(self) -> tuple[str, ...]:
        """The method-specific values each ranking row carries (VIKOR's S, R, Q, ...)."""
        return tuple(self.rows[0].extra) if self.rows else ()

    @property
    def date_text(self) -> str:
        """The report date, ISO 8601."""
        return self.date.isoformat()

    @property
    def overrides_text(self) -> str:
        """`--weight` overrides as `id=value, ...` (empty when none)."""
        return ", ".join(f"{item}={value:g}" for item, value in self.overrides)

    @property
    def smaa_description(self) -> str:
        """How the SMAA samples were drawn, in one sentence (empty when SMAA was not run)."""
        if self.smaa is None:
            return ""
        return (
            f"Share of {self.smaa.samples:,} random samples (weights: {self.smaa.weight_mode}; "
            f"scores: {self.smaa.score_dist} within their ranges; "
            f"seed {self.smaa.seed}) in which each option takes each rank."
        )

    @property
    def central_weights(self) -> CentralWeights | None:
        """The SMAA central weights every format shows (`reports.central`); None without SMAA."""
        if self.smaa is None:
            return None
        return central_weights(
            self.smaa,
            {w.criterion: w.name for w in self.weights},
            {row.option: row.name for row in self.smaa_rows},
        )

    @property
    def sensitivity_top(self) -> str:
        """The name of the option whose first place the sensitivity analysis tests."""
        if self.sensitivity is None:
            return ""
        return self.option_name(self.sensitivity.top)

    def option_name(self, option_id: str | None) -> str:
        """The display name of an option id (the id itself if unknown)."""
        if option_id is None:
            return ""
        for row in self.rows:
            if row.option == option_id:
                return row.name
        return option_id


# ---------------------------------------------------------------------------------------
# building


def build_context(
    analysis: Analysis,
    *,
    date: datetime.date,
    argv: Sequence[str] = (),
    sensitivity: SensitivityResult | None = None,
    smaa: SmaaResult | None = None,
    findings: Findings | None = None,
    author: str | None = None,
    status: str | None = None,
    panel: PanelResult | None = None,
) -> ReportContext:
    """Compute everything a report shows from an Analysis and the optional robustness results.

    `findings` are computed (reusing `smaa` when it is the findings' own run) when not given;
    so is the `panel` analysis, when the model has a panel.
    """
    model = analysis.model
    names = {c.id: c.name for c in model.criteria}
    wide = wide_scores(analysis)
    rows, sensitivity_table, smaa_table = _tables(analysis, wide, names, sensitivity, smaa)
    document = ranking_document(analysis)
    context = ReportContext(
        title=f"{model.name}: ranking of options",
        model_name=model.name,
        model_description=model.info.description.strip(),
        model_version=model.info.version,
        date=date,
        tool_version=__version__,
        method=analysis.method_id,
        method_label=analysis.method.label,
        higher_is_better=analysis.method.higher_is_better,
        vikor_v=analysis.vikor_v if analysis.method_id == "vikor" else None,
        vikor_conditions=document.get("vikor_conditions"),
        profile=analysis.profile,
        profile_name=model.profile_name(analysis.profile),
        profile_description=_profile_description(analysis),
        overrides=tuple(analysis.overrides),
        summary="",
        weights=weight_rows(analysis),
        criterion_names=names,
        rows=rows,
        flags=flag_rows(analysis, rows, names),
        options=option_evidence(analysis, wide, names),
        criteria=criterion_evidence(analysis),
        lessons=tuple(lesson_evidence(model.lessons[lesson_id]) for lesson_id in model.lessons),
        provenance=provenance(analysis, argv, date),
        ranking_document=document,
        sensitivity=sensitivity,
        smaa=smaa,
        sensitivity_rows=sensitivity_table,
        smaa_rows=smaa_table,
        reader=_reader(analysis, findings, sensitivity, smaa, author, status),
        panel=_panel(analysis, panel),
        cost_criteria=frozenset(c.id for c in model.criteria if c.direction == "cost"),
    )
    return _with_summary(context)


def _tables(
    analysis: Analysis,
    wide: set[tuple[int, int]],
    names: dict[str, str],
    sensitivity: SensitivityResult | None,
    smaa: SmaaResult | None,
) -> tuple[tuple[RankRow, ...], tuple[SensitivityRow, ...], tuple[SmaaRow, ...]]:
    """The ranking's rows and, when they were run, the sensitivity and SMAA tables' rows."""
    rows = tuple(
        rank_row(analysis, position, wide, names) for position in range(len(analysis.ranking.entries))
    )
    sensitivity_table = sensitivity_rows(sensitivity, names) if sensitivity is not None else ()
    smaa_table = smaa_rows(smaa, {row.option: row.name for row in rows}) if smaa is not None else ()
    return rows, sensitivity_table, smaa_table


def _reader(
    analysis: Analysis,
    findings: Findings | None,
    sensitivity: SensitivityResult | None,
    smaa: SmaaResult | None,
    author: str | None,
    status: str | None,
) -> ReaderContent:
    """The report's words: the findings (computed, reusing `smaa`, when not given) and the rest."""
    found = findings if findings is not None else findings_for(analysis, smaa)
    return build_reader(analysis, found, sensitivity=sensitivity, smaa=smaa, author=author, status=status)


def _with_summary(context: ReportContext) -> ReportContext:
    # the summary reads the finished context (rows, flags, robustness), so it is added last
    return replace(context, summary=summary_text(context))


def _profile_description(analysis: Analysis) -> str:
    profiles = analysis.model.profiles
    return profiles[analysis.profile].description.strip() if analysis.profile in profiles else ""


def _panel(analysis: Analysis, panel: PanelResult | None) -> PanelSection | None:
    """The Panel section: of `panel` if given, else of the model's panel, if it has one."""
    if panel is None and not analysis.model.panel:
        return None
    from decisiontool.panel import analyse_panel

    return panel_section(panel if panel is not None else analyse_panel(analysis))
