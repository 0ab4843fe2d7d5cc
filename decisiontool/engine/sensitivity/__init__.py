"""Weight sensitivity: sweeps, critical weights and the tornado ordering (docs/json.md).

Sweeping a criterion k to weight t sets w_k = t and rescales every other weight by
(1 - t) / (1 - w_k), so the others keep their proportions. The same sweep is defined for a
*set* of criteria (a group): the set's total weight goes to t, its members keep their
proportions and the others are rescaled by (1 - t) / (1 - W_set). In both cases the swept
weights are affine in t, `w(t) = t * inside + (1 - t) * outside` (`basis`):

>>> import numpy as np
>>> swept_weights(np.array([0.5, 0.3, 0.2]), 0, np.array([0.0, 0.2, 1.0]))
array([[0.  , 0.6 , 0.4 ],
       [0.2 , 0.48, 0.32],
       [1.  , 0.  , 0.  ]])

The *top* is the option first in rank order at the current weights. A *crossing* is a
weight at which another option becomes strictly first, that is, the top's rank is no
longer 1 (`crossings`). Sweeps, critical weights and the tornado are in `core`.

Every sweep or grid is one batched call of the method, never a Python loop over weights.

PURE: imports numpy and the engine's own modules only; never pydantic, rich, textual or
anything that reads or writes files.
"""

from __future__ import annotations

from decisiontool.engine.sensitivity.basis import Members, member_mask, sweep_basis, swept_weights
from decisiontool.engine.sensitivity.core import (
    BISECTION_TOLERANCE,
    DEFAULT_STEPS,
    GRID_POINTS,
    Critical,
    Progress,
    Sweep,
    TornadoBar,
    critical_weights,
    sweep,
    tornado,
    tornado_positions,
)
from decisiontool.engine.sensitivity.crossings import Crossing

__all__ = [
    "BISECTION_TOLERANCE",
    "DEFAULT_STEPS",
    "GRID_POINTS",
    "Critical",
    "Crossing",
    "Members",
    "Progress",
    "Sweep",
    "TornadoBar",
    "critical_weights",
    "member_mask",
    "sweep",
    "sweep_basis",
    "swept_weights",
    "tornado",
    "tornado_positions",
]
