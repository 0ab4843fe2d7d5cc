"""How sure is the ranking: weight sensitivity and SMAA for an Analysis, as typed results.

Runs the pure engine (`engine.sensitivity`, `engine.smaa`) on an `Analysis` and returns
frozen dataclasses, `SensitivityResult` and `SmaaResult`, which the CLI prints, the reports
embed and the Textual app draws by attribute. Their `to_json()` is the only place that
knows the key names of the `decisiontool.sensitivity/1` and `decisiontool.smaa/1`
documents (docs/json.md). Numbers that do not exist (an option never first has no central
weights) are `None`, never NaN, so every document is valid JSON.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from decisiontool.robustness.acceptability import SMAA_SCHEMA, OptionAcceptability, SmaaResult, smaa
from decisiontool.robustness.sweeps import (
    SENSITIVITY_SCHEMA,
    CriterionSensitivity,
    CriticalWeight,
    SensitivityResult,
    Sweep,
    sensitivity,
    tornado_order,
)

__all__ = [
    "SENSITIVITY_SCHEMA",
    "SMAA_SCHEMA",
    "CriterionSensitivity",
    "CriticalWeight",
    "OptionAcceptability",
    "SensitivityResult",
    "SmaaResult",
    "Sweep",
    "sensitivity",
    "smaa",
    "tornado_order",
]
