"""Every option's rank under each method, or under each profile, with rank correlations.

`compare_methods` and `compare_profiles` answer "does the choice of method (or of
stakeholder) change the answer?": one column of ranks per method or profile, and Kendall's
tau-b and Spearman's rho between every pair of columns (1: the same order, -1: reversed).
Reports and the app read these typed results.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis

__all__ = ["Correlation", "RankComparison", "compare_columns", "compare_methods", "compare_profiles"]


@dataclass(frozen=True)
class Correlation:
    """The rank correlation of two columns; None where it is undefined (a constant column)."""

    a: str
    b: str
    kendall_tau: float | None
    spearman_rho: float | None

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "kendall_tau": self.kendall_tau, "spearman_rho": self.spearman_rho}


@dataclass(frozen=True)
class RankComparison:
    """Ranks of every option (rows, in the model's order) under each column."""

    by: Literal["methods", "profiles"]
    columns: tuple[str, ...]
    """Method ids, or profile ids."""
    column_names: tuple[str, ...]
    """The columns' plain names (a method's label, a profile's name)."""
    options: tuple[str, ...]
    ranks: Mapping[str, tuple[int, ...]]
    """Column -> the rank of each option, in the order of `options`."""
    correlations: tuple[Correlation, ...]

    def rank(self, column: str, option: str) -> int:
        """The rank of `option` under `column`."""
        return self.ranks[column][self.options.index(option)]

    def tops(self) -> dict[str, tuple[str, ...]]:
        """Column -> the options ranked first there."""
        return {
            column: tuple(o for o, r in zip(self.options, self.ranks[column], strict=True) if r == 1)
            for column in self.columns
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "columns": list(self.columns),
            "ranks": {
                option: {column: self.ranks[column][i] for column in self.columns}
                for i, option in enumerate(self.options)
            },
            "correlations": [c.to_json() for c in self.correlations],
        }


def _finite(value: float) -> float | None:
    return float(value) if math.isfinite(value) else None


def compare_columns(
    by: Literal["methods", "profiles"],
    columns: Sequence[tuple[str, str, Analysis]],
    options: tuple[str, ...] | None = None,
) -> RankComparison:
    """Ranks under each (column, plain name, analysis), with every pair's correlations.

    The analyses share one model; `options` defaults to the first analysis's options.
    """
    from decisiontool.engine import kendall_tau, spearman_rho

    arrays = {column: analysis.ranking.ranks for column, _, analysis in columns}
    ranks = {column: tuple(int(r) for r in values) for column, values in arrays.items()}
    labels = [column for column, _, _ in columns]
    correlations = tuple(
        Correlation(
            a,
            b,
            _finite(kendall_tau(arrays[a], arrays[b])),
            _finite(spearman_rho(arrays[a], arrays[b])),
        )
        for index, a in enumerate(labels)
        for b in labels[index + 1 :]
    )
    if options is None:
        options = tuple(columns[0][2].arrays.option_ids)
    return RankComparison(
        by=by,
        columns=tuple(labels),
        column_names=tuple(name for _, name, _ in columns),
        options=options,
        ranks=ranks,
        correlations=correlations,
    )


def compare_methods(analysis: Analysis) -> RankComparison:
    """Ranks under each of the four methods, at `analysis`'s weights."""
    from decisiontool.analysis import METHOD_IDS

    columns = []
    for method_id in METHOD_IDS:
        other = analysis.with_method(method_id, analysis.vikor_v)
        columns.append((method_id, other.method.label, other))
    return compare_columns("methods", columns, tuple(analysis.arrays.option_ids))


def compare_profiles(analysis: Analysis) -> RankComparison:
    """Ranks under every profile of the model, with `analysis`'s method."""
    model = analysis.model
    columns = [
        (profile_id, model.profile_name(profile_id), analysis.with_profile(profile_id))
        for profile_id in model.profile_ids
    ]
    return compare_columns("profiles", columns, tuple(analysis.arrays.option_ids))


def names_of(comparison: RankComparison) -> Mapping[str, str]:
    """Column -> plain name."""
    return dict(zip(comparison.columns, comparison.column_names, strict=True))
