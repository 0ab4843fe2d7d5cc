"""The rows of the weights panel: each group and its criteria, with what is shown for them.

Must not import textual or rich.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from decisiontool.analysis import Analysis
from decisiontool.engine.values import FloatArray

CHANGED = 5e-4
"""An effective weight further than this from the profile's counts as changed."""


@dataclass(frozen=True)
class WeightRow:
    """One row of the weights panel: a group or a criterion, with what is shown for it."""

    id: str
    name: str
    is_group: bool
    group: str
    """The group id (the row's own id for a group row)."""
    weight: float
    """Effective weight (a group's: the sum of its criteria's)."""
    relative: float
    """Relative weight as the analysis holds it."""
    locked: bool
    profile_weight: float
    """The effective weight under the profile's own weights (to mark differences)."""
    moved: bool
    """The user moved this weight away from the profile's (not merely rebalanced by others)."""


def weight_rows(
    analysis: Analysis, profile: FloatArray, locked: AbstractSet[str], moved: AbstractSet[str]
) -> list[WeightRow]:
    """Groups, each followed by its criteria, in model order, for these weights against the profile's."""
    weights = analysis.weights
    index = analysis.arrays.group_index
    ids = analysis.arrays.criterion_ids
    rows: list[WeightRow] = []
    for g, group in enumerate(analysis.model.groups):
        members = [j for j in range(len(ids)) if index[j] == g]
        share = float(weights[members].sum())
        profile_share = float(profile[members].sum())
        rows.append(
            WeightRow(
                group.id,
                group.name,
                True,
                group.id,
                share,
                float(analysis.group_weights[g]),
                bool(members) and all(ids[j] in locked for j in members),
                profile_share,
                group.id in moved and abs(share - profile_share) > CHANGED,
            )
        )
        for j in members:
            criterion = analysis.model.criteria[j]
            rows.append(
                WeightRow(
                    criterion.id,
                    criterion.name,
                    False,
                    group.id,
                    float(weights[j]),
                    float(analysis.criterion_weights[j]),
                    criterion.id in locked,
                    float(profile[j]),
                    criterion.id in moved and abs(float(weights[j] - profile[j])) > CHANGED,
                )
            )
    return rows
