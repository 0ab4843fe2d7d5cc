"""The pure numerical core: numpy in, numpy out.

Nothing in this package imports pydantic, rich, textual or anything that reads or writes
files; `tests/test_imports.py` checks it.
"""

from decisiontool.engine.methods import METHODS, Method, VikorConditions, vikor_conditions
from decisiontool.engine.ranking import batch_ranks, competition_ranks, kendall_tau, kendall_w, spearman_rho
from decisiontool.engine.results import MethodResult
from decisiontool.engine.values import CriteriaArrays, effective_weights, fails_minimum, values

__all__ = [
    "METHODS",
    "CriteriaArrays",
    "Method",
    "MethodResult",
    "VikorConditions",
    "batch_ranks",
    "competition_ranks",
    "effective_weights",
    "fails_minimum",
    "kendall_tau",
    "kendall_w",
    "spearman_rho",
    "values",
    "vikor_conditions",
]
