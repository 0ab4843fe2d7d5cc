"""Objective weights from the scores themselves (entropy, CRITIC).

Must not import typer, rich or textual.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from decisiontool.analysis import Analysis
from decisiontool.elicitation.results import ElicitedWeights, finish, flat_relative
from decisiontool.engine.weights import (
    critic_weights,
    entropy_weights,
)
from decisiontool.problems import ModelError, Problem

OBJECTIVE_CAVEAT = (
    "Objective weights describe how the options' scores vary, not what matters to anyone: "
    "use them as a reference, not as priorities."
)


def objective_weights(analysis: Analysis, method: Literal["entropy", "critic"]) -> ElicitedWeights:
    """Entropy or CRITIC weights of the model's scores, flat across all criteria.

    These describe how the options' scores vary (see `OBJECTIVE_CAVEAT`), not anyone's
    priorities; they are offered for reference beside a profile's weights.
    """
    arrays = analysis.arrays
    criteria = arrays.criteria
    function = entropy_weights if method == "entropy" else critic_weights
    try:
        weights = function(arrays.scores, criteria.low, criteria.high, np.asarray(criteria.benefit))
    except ValueError as error:
        raise ModelError([Problem(method, "", str(error))]) from None
    flat = {c: float(w) for c, w in zip(arrays.criterion_ids, weights, strict=True)}
    group_weights, criterion_weights = flat_relative(analysis.model, flat)
    label = "Shannon-entropy" if method == "entropy" else "CRITIC"
    return finish(
        analysis,
        method,
        f"{label} weights of the scores (objective: they describe the data, not priorities)",
        f"{len(arrays.option_ids)} options x {len(arrays.criterion_ids)} criteria",
        group_weights,
        criterion_weights,
        scope="flat",
        details={"options": len(arrays.option_ids)},
    )
