"""Weight elicitation over a model: importance orders, swings, pairwise comparisons, the scores.

Behind `decisiontool weights rank|swing|ahp|entropy|critic` and the Textual weighting
screen. Each function takes an `Analysis` (a model under a profile and any overrides: the
"current weights") plus what the user judged, and returns an `ElicitedWeights`: the relative
group and criterion weights a profile would hold, the effective weights they give
(docs/model-format.md) and the method's own detail (AHP consistency, the judgements that
fit worst).
The numbers come from `decisiontool.engine.weights`; this module maps ids to positions,
checks the judgements against the model and reports every problem as `Problem`s in a
`ModelError`, like the loader does for model files.

Judgement files (AHP comparisons, swing answers) are TOML, read with tomli; problems name
the file, a dotted key (`pair[#3].value`) and the line where it can be had.

Must not import typer, rich or textual.

One module per kind of judgement (`rank`, `swing`, `ahp`, `objective`), each with a public
function that turns it into weights; `results` holds what they return; `files` reads
judgement files.
"""

from __future__ import annotations

from decisiontool.elicitation.ahp import AHP_METHODS, Judgement, ahp_weights, read_ahp_file, saaty_value
from decisiontool.elicitation.files import read_toml
from decisiontool.elicitation.objective import OBJECTIVE_CAVEAT, objective_weights
from decisiontool.elicitation.rank import rank_weights
from decisiontool.elicitation.results import (
    CR_THRESHOLD,
    WEIGHTS_SCHEMA,
    AhpProblem,
    ElicitedWeights,
    NamedPair,
    weights_document,
)
from decisiontool.elicitation.swing import (
    SwingAnswers,
    criterion_levels,
    read_swing_answers,
    swing_problems,
    swing_weights_for,
)
from decisiontool.names import RANK_METHOD_LABELS

__all__ = [
    "AHP_METHODS",
    "CR_THRESHOLD",
    "OBJECTIVE_CAVEAT",
    "RANK_METHOD_LABELS",
    "WEIGHTS_SCHEMA",
    "AhpProblem",
    "ElicitedWeights",
    "Judgement",
    "NamedPair",
    "SwingAnswers",
    "ahp_weights",
    "criterion_levels",
    "objective_weights",
    "rank_weights",
    "read_ahp_file",
    "read_swing_answers",
    "read_toml",
    "saaty_value",
    "swing_problems",
    "swing_weights_for",
    "weights_document",
]
