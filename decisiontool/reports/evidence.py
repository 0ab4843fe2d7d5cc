"""The evidence appendix of a report: every score with its reasons and sources, the criteria
with the lessons they derive from, and the lessons (part of `ReportContext`).

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from decisiontool.model import Lesson
from decisiontool.model.citations import Citation, cite_all

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis

KIND_LABELS = {"peace-operation": "Peace operation", "multilateral-approach": "Multilateral approach"}


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


def option_evidence(
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


def lesson_evidence(lesson: Lesson) -> LessonEvidence:
    return LessonEvidence(lesson.id, lesson.title, lesson.summary.strip(), cite_all(lesson.sources))


def criterion_evidence(analysis: Analysis) -> tuple[CriterionEvidence, ...]:
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
                    lesson_evidence(model.lessons[lid]) for lid in criterion.lessons if lid in model.lessons
                ),
            )
        )
    return tuple(found)
