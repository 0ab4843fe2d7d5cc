"""The ranking part of a report: each criterion's weight, each option's row (score, contributions,
flags in plain words) and the flags a reader must know about (part of `ReportContext`).

Flags raised here:
- *fails minimum*: the option scores worse than a criterion's `minimum` (ranked last);
- *missing score*: the score was absent and set to the scale's worst end (`--missing worst`);
- *wide uncertainty*: the score's `range` spans more than `WIDE_UNCERTAINTY` (40 %) of the
  criterion's scale, i.e. the scorers could not place it within two fifths of the scale.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from decisiontool.bars import score_fraction
from decisiontool.reports.evidence import KIND_LABELS

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis


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


def weight_rows(analysis: Analysis) -> tuple[WeightRow, ...]:
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


def rank_row(
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


def flag_rows(analysis: Analysis, rows: Sequence[RankRow], names: Mapping[str, str]) -> tuple[Flag, ...]:
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
