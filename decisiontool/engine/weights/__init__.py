"""Criteria weights derived from judgements or from the scores themselves.

Behind `decisiontool weights rank|swing|ahp|entropy|critic`: each function turns what a
user said (an importance order, swing ratings, pairwise comparisons) or what the options
scored into weights that sum to 1. Unlike the scoring methods, these are entry points for
user input, so each one checks its arguments and raises `ValueError` with a message that
can be shown as it is. Criteria and options are positions (0-based indices), never names:
the caller maps names to positions and back.

- Rank order: rank-order centroid (ROC), rank sum (RS), reciprocal rank (RR) or equal
  weights from an importance order with ties (Stillwell, Seaver & Edwards 1981;
  Barron & Barrett 1996). SMARTER (Edwards & Barron 1994) is ROC.
- Swing weighting (SMART/SMARTER): ratings relative to the most important swing, rated 100.
- AHP (Saaty): principal eigenvector or row geometric means of a reciprocal matrix, with
  Saaty's consistency ratio, and logarithmic least squares for incomplete judgements.
- Objective weights: Shannon entropy and CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995).

PURE: imports numpy, math, dataclasses, typing and collections.abc only; never scipy,
pydantic, rich, textual or anything that reads or writes files.
"""

from __future__ import annotations

from decisiontool.engine.weights.ahp import (
    RANDOM_INDEX,
    SAATY_MAX,
    SAATY_MIN,
    AhpResult,
    DisconnectedComparisonsError,
    PairDeviation,
    ahp_eigen,
    ahp_geometric,
    ahp_incomplete,
    ahp_matrix,
    random_index,
)
from decisiontool.engine.weights.objective import critic_weights, entropy_weights
from decisiontool.engine.weights.rank import (
    RANK_ORDER_METHODS,
    parse_rank_order,
    rank_order_weights,
    smarter_weights,
    swing_weights,
)

__all__ = [
    "RANDOM_INDEX",
    "RANK_ORDER_METHODS",
    "SAATY_MAX",
    "SAATY_MIN",
    "AhpResult",
    "DisconnectedComparisonsError",
    "PairDeviation",
    "ahp_eigen",
    "ahp_geometric",
    "ahp_incomplete",
    "ahp_matrix",
    "critic_weights",
    "entropy_weights",
    "parse_rank_order",
    "random_index",
    "rank_order_weights",
    "smarter_weights",
    "swing_weights",
]
