"""What a report says, computed once from an Analysis: every format renders this and nothing else.

`build_context` turns an `Analysis` (plus, when asked, the sensitivity and SMAA documents of
docs/json.md) into a `ReportContext` of plain, frozen values: the header, a one-paragraph
summary, the weights, the ranking with each option's contributions, the flags, the evidence
appendix and the provenance. The format modules only lay it out, so a number can never
differ between the HTML, the workbook and the JSON of one run.

Flags raised here:
- *fails minimum*: the option scores worse than a criterion's `minimum` (ranked last);
- *missing score*: the score was absent and set to the scale's worst end (`--missing worst`);
- *wide uncertainty*: the score's `range` spans more than `WIDE_UNCERTAINTY` (40 %) of the
  criterion's scale, i.e. the scorers could not place it within two fifths of the scale.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decisiontool import __version__
from decisiontool.csv_tables import WIDE_UNCERTAINTY as WIDE_UNCERTAINTY
from decisiontool.csv_tables import wide_scores
from decisiontool.documents import ranking_document
from decisiontool.model import Lesson
from decisiontool.model.citations import Citation, cite_all
from decisiontool.reports.central import CentralWeights, central_weights
from decisiontool.reports.inputs import findings_for
from decisiontool.reports.panel_section import PanelSection, panel_section
from decisiontool.reports.reading import ReaderContent, build_reader

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis
    from decisiontool.findings import Findings
    from decisiontool.panel import PanelResult
    from decisiontool.robustness import SensitivityResult, SmaaResult

REPORT_SCHEMA = "decisiontool.report/1"

KIND_LABELS = {"peace-operation": "Peace operation", "multilateral-approach": "Multilateral approach"}

METHOD_PHRASES = {
    "wsm": "the weighted-sum method (scores from 0 to 1, higher is better)",
    "topsis": "TOPSIS (closeness to the ideal from 0 to 1, higher is better)",
    "vikor": "VIKOR (Q from 0 to 1, lower is better)",
    "promethee2": "PROMETHEE II (net flow from -1 to 1, higher is better)",
}
"""How the summary names each method for a reader who does not know it."""


@dataclass(frozen=True)
class WeightRow:
    """One criterion's weight: effective (sums to 1 over criteria) and as written (relative)."""

    criterion: str
    name: str
    group: str
    group_name: str
    weight: float
    relative: float
    group_weight: float


@dataclass(frozen=True)
class Contribution:
    """What one criterion adds to an option's wsm score (w_j v_ij)."""

    criterion: str
    name: str
    value: float


@dataclass(frozen=True)
class RankRow:
    """One option in the ranking, with everything the ranking tables and charts show."""

    rank: int
    option: str
    name: str
    kind: str
    score: float
    fraction: float
    """Where the score sits between the method's worst (0) and best (1) possible score."""
    contributions: tuple[Contribution, ...] | None
    extra: dict[str, float]
    fails_minimum: tuple[str, ...]
    filled: tuple[str, ...]
    wide: tuple[str, ...]
    flag_labels: tuple[str, ...] = ()
    """Short notes for the ranking table, criteria by name (each spelled out in the flags section)."""

    @property
    def kind_label(self) -> str:
        """The option's kind in words."""
        return KIND_LABELS.get(self.kind, self.kind)

    def contribution(self, criterion: str) -> float | None:
        """What one criterion contributes to the score (None without contributions)."""
        for part in self.contributions or ():
            if part.criterion == criterion:
                return part.value
        return None


def flag_labels(row: RankRow, names: Mapping[str, str]) -> tuple[str, ...]:
    """The ranking table's notes for one row: `fails minimum: <criterion name>, ...`."""
    notes = []
    for label, criteria in (
        ("fails minimum", row.fails_minimum),
        ("missing score set to worst", row.filled),
        ("wide uncertainty", row.wide),
    ):
        if criteria:
            notes.append(f"{label}: " + ", ".join(names.get(cid, cid) for cid in criteria))
    return tuple(notes)


@dataclass(frozen=True)
class Flag:
    """Something a reader must know about one score of one option."""

    option: str
    option_name: str
    kind: str
    """`fails minimum`, `missing score` or `wide uncertainty`."""
    criterion: str
    criterion_name: str
    detail: str


@dataclass(frozen=True)
class ScoreEvidence:
    """An option's score on one criterion with the reasons and sources given for it."""

    criterion: str
    criterion_name: str
    value: float
    low: float | None
    high: float | None
    scale: tuple[float, float]
    level: str
    """The anchored meaning of this score on the criterion's scale, when there is one."""
    rationale: str
    sources: tuple[Citation, ...]
    filled: bool
    wide: bool
    fails_minimum: bool


@dataclass(frozen=True)
class OptionEvidence:
    """Everything the model says about one option."""

    option: str
    name: str
    kind: str
    summary: str
    precedents: tuple[str, ...]
    path: str
    scores: tuple[ScoreEvidence, ...]

    @property
    def kind_label(self) -> str:
        """The option's kind in words."""
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass(frozen=True)
class LessonEvidence:
    """A lesson from the evidence base."""

    id: str
    title: str
    summary: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class CriterionEvidence:
    """Everything the model says about one criterion, with the lessons it derives from."""

    criterion: str
    name: str
    group: str
    group_name: str
    description: str
    direction: str
    scale: tuple[float, float]
    weight: float
    minimum: float | None
    levels: tuple[tuple[str, str], ...]
    lessons: tuple[LessonEvidence, ...]


@dataclass(frozen=True)
class InputFile:
    """One model file and its SHA-256, so a reader can check they hold the same inputs."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Provenance:
    """Where the numbers come from and how to produce them again."""

    model_directory: str
    bundled: bool
    directory_text: str
    """What a reader is shown for the model directory: its name, or that it is the bundled
    model (never a local install path)."""
    files: tuple[InputFile, ...]
    command: tuple[str, ...]
    command_line: str
    tool_version: str
    date: str


@dataclass(frozen=True)
class SensitivityRow:
    """One criterion of a sensitivity document: the weight interval that keeps the top option first."""

    criterion: str
    name: str
    weight: float
    down: float | None
    down_top: str | None
    up: float | None
    up_top: str | None
    exact: bool

    @property
    def margin(self) -> float:
        """The smallest change of this weight that changes the first-ranked option (inf if none)."""
        gaps = [abs(t - self.weight) for t in (self.down, self.up) if t is not None]
        return min(gaps) if gaps else math.inf


@dataclass(frozen=True)
class SmaaRow:
    """One option of a SMAA document."""

    option: str
    name: str
    acceptability: tuple[float, ...]
    expected_rank: float | None
    confidence: float | None
    central_weights: dict[str, float]


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
    weights = _weight_rows(analysis)
    wide = wide_scores(analysis)
    rows = tuple(
        _rank_row(analysis, position, wide, names) for position in range(len(analysis.ranking.entries))
    )
    flags = _flags(analysis, rows, names)
    sensitivity_rows = _sensitivity_rows(sensitivity, names) if sensitivity is not None else ()
    smaa_rows = _smaa_rows(smaa, {row.option: row.name for row in rows}) if smaa is not None else ()
    document = ranking_document(analysis)
    conditions = document.get("vikor_conditions")
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
        vikor_conditions=conditions,
        profile=analysis.profile,
        profile_name=model.profile_name(analysis.profile),
        profile_description=(
            model.profiles[analysis.profile].description.strip() if analysis.profile in model.profiles else ""
        ),
        overrides=tuple(analysis.overrides),
        summary="",
        weights=weights,
        criterion_names=names,
        rows=rows,
        flags=flags,
        options=_option_evidence(analysis, wide, names),
        criteria=_criterion_evidence(analysis),
        lessons=tuple(_lesson(model.lessons[lesson_id]) for lesson_id in model.lessons),
        provenance=_provenance(analysis, argv, date),
        ranking_document=document,
        sensitivity=sensitivity,
        smaa=smaa,
        sensitivity_rows=sensitivity_rows,
        smaa_rows=smaa_rows,
        reader=build_reader(
            analysis,
            findings if findings is not None else findings_for(analysis, smaa),
            sensitivity=sensitivity,
            smaa=smaa,
            author=author,
            status=status,
        ),
        panel=_panel(analysis, panel),
        cost_criteria=frozenset(c.id for c in model.criteria if c.direction == "cost"),
    )
    return _with_summary(context)


def _panel(analysis: Analysis, panel: PanelResult | None) -> PanelSection | None:
    """The Panel section: of `panel` if given, else of the model's panel, if it has one."""
    if panel is None and not analysis.model.panel:
        return None
    from decisiontool.panel import analyse_panel

    return panel_section(panel if panel is not None else analyse_panel(analysis))


def _weight_rows(analysis: Analysis) -> tuple[WeightRow, ...]:
    model = analysis.model
    effective = analysis.weight_map()
    rows = []
    for index, criterion in enumerate(model.criteria):
        group_id = model.criterion_group[criterion.id]
        group_index = analysis.arrays.group_ids.index(group_id)
        rows.append(
            WeightRow(
                criterion=criterion.id,
                name=criterion.name,
                group=group_id,
                group_name=model.group(group_id).name,
                weight=effective[criterion.id],
                relative=float(analysis.criterion_weights[index]),
                group_weight=float(analysis.group_weights[group_index]),
            )
        )
    return tuple(rows)


def score_fraction(method: str, score: float) -> float:
    """Where a score sits between the method's worst and best possible score, in [0, 1]."""
    if method == "vikor":
        fraction = 1.0 - score
    elif method == "promethee2":
        fraction = (score + 1.0) / 2.0
    else:
        fraction = score
    return min(1.0, max(0.0, fraction))


def _rank_row(
    analysis: Analysis, position: int, wide: set[tuple[int, int]], names: Mapping[str, str]
) -> RankRow:
    entry = analysis.ranking.entries[position]
    criterion_ids = analysis.arrays.criterion_ids
    option = analysis.model.options[entry.index]
    filled = analysis.model.filled
    row = RankRow(
        rank=entry.rank,
        option=entry.option,
        name=entry.name,
        kind=option.file.kind,
        score=entry.score,
        fraction=score_fraction(analysis.method_id, entry.score),
        contributions=(
            None
            if entry.contributions is None
            else tuple(Contribution(cid, names[cid], entry.contributions[cid]) for cid in criterion_ids)
        ),
        extra=dict(entry.extra),
        fails_minimum=entry.fails_minimum,
        filled=tuple(cid for cid in criterion_ids if (entry.option, cid) in filled),
        wide=tuple(cid for j, cid in enumerate(criterion_ids) if (entry.index, j) in wide),
    )
    return replace(row, flag_labels=flag_labels(row, names))


def _flags(analysis: Analysis, rows: Sequence[RankRow], names: Mapping[str, str]) -> tuple[Flag, ...]:
    model = analysis.model
    flags = []
    for row in rows:
        scores = model.option(row.option).file.scores
        for cid in row.fails_minimum:
            criterion = model.criterion(cid)
            worse = "below" if criterion.direction == "benefit" else "above"
            flags.append(
                Flag(
                    row.option,
                    row.name,
                    "fails minimum",
                    cid,
                    names[cid],
                    f"scores {scores[cid].value:g}, {worse} the minimum of {criterion.minimum:g}; "
                    "ranked after every option that passes",
                )
            )
        for cid in row.filled:
            flags.append(
                Flag(
                    row.option,
                    row.name,
                    "missing score",
                    cid,
                    names[cid],
                    f"no score in the model; set to the scale's worst end ({scores[cid].value:g})",
                )
            )
        for cid in row.wide:
            low, high = scores[cid].range or (scores[cid].value, scores[cid].value)
            scale = model.criterion(cid).scale
            share = (high - low) / (scale[1] - scale[0])
            flags.append(
                Flag(
                    row.option,
                    row.name,
                    "wide uncertainty",
                    cid,
                    names[cid],
                    f"scored {scores[cid].value:g} within [{low:g}, {high:g}]: {share:.0%} of the scale "
                    f"[{scale[0]:g}, {scale[1]:g}]",
                )
            )
    return tuple(flags)


def _level_text(levels: Mapping[str, str], value: float) -> str:
    """The anchored meaning of a score, or which two anchored levels it lies between."""
    if value == int(value) and str(int(value)) in levels:
        return levels[str(int(value))]
    points = sorted(float(point) for point in levels)
    below = [p for p in points if p < value]
    above = [p for p in points if p > value]
    if below and above:
        return f"between levels {below[-1]:g} and {above[0]:g}"
    return ""


def _option_evidence(
    analysis: Analysis, wide: set[tuple[int, int]], names: Mapping[str, str]
) -> tuple[OptionEvidence, ...]:
    model = analysis.model
    arrays = analysis.arrays
    found = []
    for entry in analysis.ranking.entries:
        option = model.options[entry.index]
        scores = []
        for j, criterion in enumerate(model.criteria):
            detail = option.file.scores[criterion.id]
            low, high = detail.range if detail.range is not None else (None, None)
            scores.append(
                ScoreEvidence(
                    criterion=criterion.id,
                    criterion_name=names[criterion.id],
                    value=detail.value,
                    low=low,
                    high=high,
                    scale=criterion.scale,
                    level=_level_text(criterion.levels, detail.value),
                    rationale=detail.rationale.strip(),
                    sources=cite_all(detail.sources),
                    filled=(option.id, criterion.id) in model.filled,
                    wide=(entry.index, j) in wide,
                    fails_minimum=bool(arrays.fails[entry.index, j]),
                )
            )
        found.append(
            OptionEvidence(
                option=option.id,
                name=option.name,
                kind=option.file.kind,
                summary=option.file.summary.strip(),
                precedents=tuple(option.file.precedents),
                path=option.path,
                scores=tuple(scores),
            )
        )
    return tuple(found)


def _lesson(lesson: Lesson) -> LessonEvidence:
    return LessonEvidence(lesson.id, lesson.title, lesson.summary.strip(), cite_all(lesson.sources))


def _criterion_evidence(analysis: Analysis) -> tuple[CriterionEvidence, ...]:
    model = analysis.model
    effective = analysis.weight_map()
    found = []
    for criterion in model.criteria:
        group_id = model.criterion_group[criterion.id]
        levels = sorted(criterion.levels.items(), key=lambda item: float(item[0]))
        found.append(
            CriterionEvidence(
                criterion=criterion.id,
                name=criterion.name,
                group=group_id,
                group_name=model.group(group_id).name,
                description=criterion.description.strip(),
                direction=criterion.direction,
                scale=criterion.scale,
                weight=effective[criterion.id],
                minimum=criterion.minimum,
                levels=tuple((point, text) for point, text in levels),
                lessons=tuple(
                    _lesson(model.lessons[lid]) for lid in criterion.lessons if lid in model.lessons
                ),
            )
        )
    return tuple(found)


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _provenance(analysis: Analysis, argv: Sequence[str], date: datetime.date) -> Provenance:
    from decisiontool.loading import bundled_model_dir

    model = analysis.model
    root = model.root.resolve()
    files = []
    for file in sorted(model.files, key=lambda p: p.resolve().relative_to(root).as_posix()):
        resolved = file.resolve()
        files.append(
            InputFile(resolved.relative_to(root).as_posix(), sha256_file(resolved), resolved.stat().st_size)
        )
    command = tuple(argv)
    bundled = root == bundled_model_dir().resolve()
    return Provenance(
        model_directory=str(root),
        bundled=bundled,
        directory_text=f"the model bundled with decisiontool {__version__}" if bundled else root.name,
        files=tuple(files),
        command=command,
        command_line=_join_command(command),
        tool_version=__version__,
        date=date.isoformat(),
    )


def _join_command(argv: Sequence[str]) -> str:
    return shlex.join(argv)


def _sensitivity_rows(result: SensitivityResult, names: Mapping[str, str]) -> tuple[SensitivityRow, ...]:
    # the most sensitive criterion first: the result's tornado order
    rows = []
    for item in result.in_tornado_order():
        up, down = item.critical_up, item.critical_down
        rows.append(
            SensitivityRow(
                criterion=item.criterion,
                name=names.get(item.criterion, item.criterion),
                weight=item.weight,
                down=None if down is None else down.weight,
                down_top=None if down is None else down.new_top,
                up=None if up is None else up.weight,
                up_top=None if up is None else up.new_top,
                exact=item.exact,
            )
        )
    return tuple(rows)


def _smaa_rows(result: SmaaResult, option_names: Mapping[str, str]) -> tuple[SmaaRow, ...]:
    return tuple(
        SmaaRow(
            option=item.option,
            name=option_names.get(item.option, item.option),
            acceptability=item.rank_acceptability,
            expected_rank=item.expected_rank,
            confidence=item.confidence,
            central_weights=dict(item.central_weights or {}),
        )
        for item in result.options
    )


# ---------------------------------------------------------------------------------------
# the summary paragraph


def _names(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def _with_summary(context: ReportContext) -> ReportContext:
    # the summary reads the finished context (rows, flags, robustness), so it is added last
    return replace(context, summary=summary_text(context))


def summary_text(context: ReportContext) -> str:
    """One plain-language paragraph: who ranks first, by how much, how robust, what to watch."""
    rows = context.rows
    if not rows:
        return "The model holds no options."
    sentences = []
    weights = (
        f"the {context.profile_name.rstrip('.')} profile"
        if context.profile != "default"
        else ("the model's default weights")
    )
    if context.overrides:
        weights += f" (with weights changed: {context.overrides_text})"
    method = METHOD_PHRASES.get(context.method, context.method_label)
    top = rows[0]
    tied = [row for row in rows if row.rank == top.rank]
    if len(rows) == 1:
        sentences.append(
            f"Under {weights} and {method}, {top.name} is the only option, scoring {top.score:.3f}."
        )
    elif len(tied) > 1:
        sentences.append(
            f"Under {weights} and {method}, {_names([row.name for row in tied])} share first place "
            f"with a score of {top.score:.3f}."
        )
    else:
        second = rows[1]
        margin = abs(top.score - second.score)
        sentences.append(
            f"Under {weights} and {method}, {top.name} ranks first with a score of {top.score:.3f}, "
            f"{margin:.3f} {'ahead of' if context.higher_is_better else 'better (lower) than'} "
            f"{second.name} ({second.score:.3f})."
        )
    conditions = context.vikor_conditions
    if conditions is not None and len(rows) > 1:
        if conditions["acceptable_advantage"] and conditions["acceptable_stability"]:
            sentences.append("VIKOR's conditions of acceptable advantage and stability both hold.")
        else:
            failed = [
                name
                for name, key in (
                    ("acceptable advantage", "acceptable_advantage"),
                    ("stability", "acceptable_stability"),
                )
                if not conditions[key]
            ]
            compromise = [context.option_name(option) for option in conditions["compromise_set"]]
            sentences.append(
                f"VIKOR's condition of {' and '.join(failed)} fails, so the compromise solution is "
                f"the set {_names(compromise)}."
            )
    if top.fails_minimum:
        sentences.append(
            "Every option fails at least one minimum requirement, so none is clearly acceptable."
        )
    sentences.append(_robustness_sentence(context, top))
    failing = [row.name for row in rows if row.fails_minimum]
    if failing and not top.fails_minimum:
        one = len(failing) == 1
        sentences.append(
            f"{_names(failing)} {'fails' if one else 'fail'} a minimum requirement and "
            f"{'is' if one else 'are'} ranked last whatever {'its' if one else 'their'} score."
        )
    filled = sum(1 for flag in context.flags if flag.kind == "missing score")
    if filled:
        sentences.append(
            f"{_plural(filled, 'score was', 'scores were')} missing and set to the worst end of the scale."
        )
    wide = sum(1 for flag in context.flags if flag.kind == "wide uncertainty")
    if wide:
        sentences.append(
            f"{_plural(wide, 'score has', 'scores have')} a wide uncertainty range "
            f"(over {WIDE_UNCERTAINTY:.0%} of the scale)."
        )
    return " ".join(sentence for sentence in sentences if sentence)


WEIGHT_MODE_PHRASES = {
    "free": "random weights (no assumption about which criteria matter most)",
    "around": "weights drawn close to the profile's",
    "ordinal": "random weights that keep the profile's order of importance",
}
"""How the summary describes each SMAA weight mode."""


def _smaa_sentences(context: ReportContext, top: RankRow) -> list[str]:
    smaa = context.smaa
    by_option = {row.option: row for row in context.smaa_rows}
    found = by_option.get(top.option)
    if smaa is None or found is None or not found.acceptability:
        return []
    count = f"{smaa.samples:,} "
    mode = WEIGHT_MODE_PHRASES[smaa.weight_mode]
    first = found.acceptability[0]
    sentences = [
        f"With {mode} and scores drawn within their uncertainty ranges (SMAA-2), {top.name} ranks first "
        f"in {first:.0%} of {count}samples."
    ]
    rivals = sorted(
        (row for row in context.smaa_rows if row.option != top.option and row.acceptability),
        key=lambda row: (-row.acceptability[0], row.option),
    )
    if rivals and rivals[0].acceptability[0] > first:
        sentences.append(
            f"{rivals[0].name} ranks first more often ({rivals[0].acceptability[0]:.0%}), so the answer "
            "depends on the weights chosen."
        )
    elif rivals and rivals[0].acceptability[0] > 0:
        sentences.append(f"The next most often first is {rivals[0].name} ({rivals[0].acceptability[0]:.0%}).")
    return sentences


def _robustness_sentence(context: ReportContext, top: RankRow) -> str:
    parts = []
    if context.smaa is not None:
        parts.extend(_smaa_sentences(context, top))
    if context.sensitivity is not None and context.sensitivity_rows:
        closest = min(context.sensitivity_rows, key=lambda row: row.margin)
        if math.isinf(closest.margin):
            parts.append(
                "No change to any single criterion's weight, however large, would put another option first."
            )
        else:
            down = closest.down is not None and abs(closest.weight - closest.down) == closest.margin
            target = closest.down if down else closest.up
            new_top = context.option_name(closest.down_top if down else closest.up_top)
            parts.append(
                f"The first place is most sensitive to the weight of {closest.name}: "
                f"{'lowering' if down else 'raising'} it from {closest.weight:.1%} to {target:.1%} "
                f"would put {new_top} first."
            )
    if not parts:
        return "This run did not test how robust the ranking is to the weights or to uncertain scores."
    return " ".join(parts)
