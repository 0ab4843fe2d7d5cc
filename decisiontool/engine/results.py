"""What a scoring method returns (shared by decisiontool/engine/methods.py and promethee.py).

PURE: imports numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from decisiontool.engine.values import FloatArray


@dataclass(frozen=True)
class MethodResult:
    """What a method computed: the score of each option and the arrays that explain it.

    `contributions` (wsm only) are `w_j v_ij`, summing over criteria to the score.
    `extras` holds method-specific arrays, each shaped like `score` (VIKOR's S, R, Q;
    PROMETHEE's phi_plus, phi_minus).
    """

    score: FloatArray
    contributions: FloatArray | None = None
    extras: dict[str, FloatArray] = field(default_factory=dict)
