"""The names every layer shares: method ids, rank-weighting methods, the default profile.

Light on purpose (no numpy, no pydantic): the CLI's option types are built from these at
start-up. The engine imports nothing of the package, so it keeps its own registries
(`engine.methods.METHODS`, `engine.weights.RANK_ORDER_METHODS`); tests/test_names.py checks
that they hold exactly these names.
"""

from __future__ import annotations

from typing import Literal, get_args

MethodName = Literal["wsm", "topsis", "vikor", "promethee2"]
"""A scoring method's id, as `--method` takes it."""

METHOD_IDS: tuple[str, ...] = get_args(MethodName)
"""Every method id, in the order of `--help` and of comparisons."""

RankMethod = Literal["roc", "rs", "rr", "equal"]
"""A rank-order weighting method: rank-order centroid, rank sum, reciprocal rank, equal."""

RANK_METHODS: tuple[str, ...] = get_args(RankMethod)
"""Every rank-order weighting method id."""

RANK_METHOD_LABELS: dict[str, str] = {
    "roc": "rank-order centroid (ROC)",
    "rs": "rank-sum (RS)",
    "rr": "reciprocal-rank (RR)",
    "equal": "equal",
}
"""A rank-order weighting method's name in words."""

DEFAULT_PROFILE = "default"
"""The profile id of the model's own weights (criteria/<group>.toml)."""

__all__ = [
    "DEFAULT_PROFILE",
    "METHOD_IDS",
    "RANK_METHODS",
    "RANK_METHOD_LABELS",
    "MethodName",
    "RankMethod",
]
