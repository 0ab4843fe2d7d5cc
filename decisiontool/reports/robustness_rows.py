"""The rows a report's robustness section shows, from the sensitivity and SMAA results.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from decisiontool.robustness import SensitivityResult, SmaaResult


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


def sensitivity_rows(result: SensitivityResult, names: Mapping[str, str]) -> tuple[SensitivityRow, ...]:
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


def smaa_rows(result: SmaaResult, option_names: Mapping[str, str]) -> tuple[SmaaRow, ...]:
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
