"""decisiontool: weighted multi-criteria analysis of options against MINUSMA's lessons.

The public Python API (docs/python-api.md). Every name in `__all__` is imported lazily, on
first use, through the module `__getattr__` below, so `import decisiontool` stays cheap:
the CLI's start-up time depends on it, and it loads neither numpy nor pydantic nor typer.

>>> import decisiontool
>>> model = decisiontool.load()                     # the bundled MINUSMA model
>>> analysis = decisiontool.Analysis.create(model, method="wsm")
>>> decisiontool.rank(analysis).top.rank
1
>>> decisiontool.sensitivity(analysis).to_json()["schema"]
'decisiontool.sensitivity/1'

To add a public name: one entry in `_PUBLIC` ("module:attribute"), the same import in the
`TYPE_CHECKING` block (so type checkers and editors see its real type) and the name in
`__all__`; `tests/test_api.py` checks that the three agree.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis
    from decisiontool.audit import EvidenceAudit, audit_evidence
    from decisiontool.findings import Findings
    from decisiontool.findings import compute_findings as explain
    from decisiontool.interchange import ImportResult, export_model, import_matrix
    from decisiontool.loading import load_model as load
    from decisiontool.model import DecisionModel
    from decisiontool.model.arrays import from_arrays
    from decisiontool.panel import PanelResult, analyse_panel
    from decisiontool.problems import ModelError, Problem
    from decisiontool.ranking import RankingResult, rank
    from decisiontool.reports import write_report
    from decisiontool.robustness import SensitivityResult, SmaaResult, sensitivity, smaa

_PUBLIC: dict[str, str] = {
    # loading and the analysis
    "load": "decisiontool.loading:load_model",
    "from_arrays": "decisiontool.model.arrays:from_arrays",
    "DecisionModel": "decisiontool.model:DecisionModel",
    "Analysis": "decisiontool.analysis:Analysis",
    # results
    "rank": "decisiontool.ranking:rank",
    "RankingResult": "decisiontool.ranking:RankingResult",
    "sensitivity": "decisiontool.robustness:sensitivity",
    "SensitivityResult": "decisiontool.robustness:SensitivityResult",
    "smaa": "decisiontool.robustness:smaa",
    "SmaaResult": "decisiontool.robustness:SmaaResult",
    "explain": "decisiontool.findings:compute_findings",
    "Findings": "decisiontool.findings:Findings",
    "audit_evidence": "decisiontool.audit:audit_evidence",
    "EvidenceAudit": "decisiontool.audit:EvidenceAudit",
    # a panel's participants (not `panel`: the package decisiontool.panel would shadow it)
    "analyse_panel": "decisiontool.panel:analyse_panel",
    "PanelResult": "decisiontool.panel:PanelResult",
    # spreadsheets in and out
    "import_matrix": "decisiontool.interchange:import_matrix",
    "ImportResult": "decisiontool.interchange:ImportResult",
    "export_model": "decisiontool.interchange:export_model",
    # output
    "write_report": "decisiontool.reports:write_report",
    # errors
    "ModelError": "decisiontool.problems:ModelError",
    "Problem": "decisiontool.problems:Problem",
}
"""Public name -> "module:attribute" where it lives; imported on first access."""

__all__ = [
    "Analysis",
    "DecisionModel",
    "EvidenceAudit",
    "Findings",
    "ImportResult",
    "ModelError",
    "PanelResult",
    "Problem",
    "RankingResult",
    "SensitivityResult",
    "SmaaResult",
    "__version__",
    "analyse_panel",
    "audit_evidence",
    "explain",
    "export_model",
    "from_arrays",
    "import_matrix",
    "load",
    "rank",
    "sensitivity",
    "smaa",
    "write_report",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first access and cache it in the module."""
    target = _PUBLIC.get(name)
    if target is None:
        raise AttributeError(f"module 'decisiontool' has no attribute {name!r}")
    module_name, _, attribute = target.partition(":")
    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
