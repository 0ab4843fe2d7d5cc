"""Weight arithmetic of the app, as pure functions over numpy arrays (no Analysis, no textual).

Weights are edited in *effective-weight space* (the numbers shown, summing to 1):

* Setting criterion k to t keeps every locked criterion's effective weight, and scales
  every other unlocked criterion by the same factor so that the total stays 1:
  ``w_j <- w_j * (1 - L - t) / U`` where L is the locked total and U the unlocked total
  before the change (when U is 0 the change is refused: nothing says how to share it).
* Setting group g's share to t does the same at two levels: inside g, unlocked criteria
  are scaled to fill ``t - L_g``; outside g, unlocked criteria are scaled to fill
  ``1 - t - L_out``.

The result is written back as *relative* weights (what profiles and `--weight` hold) that
differ from the profile's own in as few places as possible (`relative_changes`), so that a
report or a saved profile names only the weights the user actually moved.
"""

from __future__ import annotations

import math

import numpy as np

from decisiontool.engine.values import FloatArray
from decisiontool.problems import ModelError, Problem

BoolArray = np.ndarray


def refuse(message: str, item: str = "") -> ModelError:
    """A refused weight change, in the app's words."""
    return ModelError([Problem("weights", item, message)])


def scale_to(weights: FloatArray, mask: BoolArray, total: float) -> None:
    """Scale `weights[mask]` in place so that they sum to `total`.

    Raises ModelError when they are all 0 and must grow: nothing says how to share the
    difference, and reviving dropped criteria behind the user's back would be a surprise.
    """
    if not mask.any():
        return
    total = max(total, 0.0)
    current = float(weights[mask].sum())
    if current > 0:
        weights[mask] *= total / current
    elif total > 1e-12:
        raise refuse("every other unlocked weight is 0: raise one of them first")


def set_criterion(weights: FloatArray, locked: BoolArray, k: int, target: float) -> FloatArray | None:
    """Effective weights with criterion `k` at `target` (clipped to what the locks leave); None: no room."""
    weights = weights.copy()
    selected = np.zeros(len(weights), dtype=np.bool_)
    selected[k] = True
    others = ~selected & ~locked
    if not others.any():
        return None
    room = 1.0 - float(weights[locked & ~selected].sum())
    target = min(max(target, 0.0), room)
    weights[k] = target
    scale_to(weights, others, room - target)
    return weights


def set_group(weights: FloatArray, locked: BoolArray, members: BoolArray, target: float) -> FloatArray | None:
    """Effective weights with the group `members` sharing `target`; None when locks leave no room."""
    weights = weights.copy()
    inside_free = members & ~locked
    outside_free = ~members & ~locked
    if not inside_free.any() or not outside_free.any():
        return None
    locked_in = float(weights[members & locked].sum())
    locked_out = float(weights[~members & locked].sum())
    target = min(max(target, locked_in), 1.0 - locked_out)
    scale_to(weights, inside_free, target - locked_in)
    scale_to(weights, outside_free, 1.0 - target - locked_out)
    return weights


def normalised(weights: FloatArray) -> FloatArray:
    """Weights with dust set to 0, summing to 1; ModelError when nothing is left."""
    weights = np.where(weights < 1e-12, 0.0, weights)
    if not weights.any():
        raise refuse("these weights leave no criterion with a positive weight")
    result: FloatArray = weights / weights.sum()
    return result


def _common_ratio(old: FloatArray, new: FloatArray) -> float:
    """The ratio old/new shared by the most items (so that those keep their old value exactly)."""
    candidates = [float(o / n) for o, n in zip(old, new, strict=True) if o > 0 and n > 0]
    if not candidates:
        total = float(new.sum())
        return float(old.sum()) / total if old.sum() > 0 and total > 0 else 1.0
    best, best_count = candidates[0], 0
    for ratio in candidates:
        count = sum(1 for other in candidates if math.isclose(other, ratio, rel_tol=1e-9))
        if count > best_count:
            best, best_count = ratio, count
    return best


def _snap(values: FloatArray, old: FloatArray) -> FloatArray:
    close = np.isclose(values, old, rtol=1e-9, atol=1e-15)
    return np.where(close, old, values)


def relative_weights(
    group_index: np.ndarray,
    profile_groups: FloatArray,
    profile_criteria: FloatArray,
    weights: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """(group, criterion) relative weights giving effective `weights`, closest to the profile's.

    Inside each group the criteria are scaled by the one factor that keeps most of them at
    the profile's value; the groups likewise. docs/model-format.md#weights's formula then gives back
    `weights`: ``(mu S_g / mu) * (lambda w_j / lambda S_g) = w_j`` since the shares S sum to 1.
    """
    criteria = profile_criteria.astype(np.float64).copy()
    shares = np.array([weights[group_index == g].sum() for g in range(len(profile_groups))])
    for g in range(len(profile_groups)):
        members = group_index == g
        if shares[g] <= 0:
            continue  # the group is dropped: its weight goes to 0, its criteria keep theirs
        factor = _common_ratio(profile_criteria[members], weights[members])
        criteria[members] = _snap(factor * weights[members], profile_criteria[members])
    mu = _common_ratio(profile_groups, shares)
    groups = _snap(mu * shares, profile_groups)
    return groups, criteria
