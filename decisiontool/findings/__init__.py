"""What a ranking means: dominance, score intervals, contenders and verdict, agreement across
methods and profiles, closest changes, why first, strengths and weaknesses, value for money.

`compute_findings(analysis)` returns a frozen `Findings` whose `to_json()` is the
`decisiontool.findings/1` document (docs/json.md). The same findings open
`decisiontool explain`, every report and the app's Why view; nothing here is computed twice.

Pure and typed: no I/O, no UI. Must not import rich, textual, jinja2 or xlsxwriter.
"""

from decisiontool.findings.compute import compute_findings
from decisiontool.findings.results import (
    CLEAR_SHARE,
    CONTENDER_SHARE,
    FINDINGS_SCHEMA,
    LIKELY_SHARE,
    Agreement,
    ClosestChange,
    Dominance,
    Findings,
    OptionTraits,
    ScoreInterval,
    Trait,
    ValueForMoney,
    Verdict,
    WeightChange,
    Why,
    WhyTerm,
)

__all__ = [
    "CLEAR_SHARE",
    "CONTENDER_SHARE",
    "FINDINGS_SCHEMA",
    "LIKELY_SHARE",
    "Agreement",
    "ClosestChange",
    "Dominance",
    "Findings",
    "OptionTraits",
    "ScoreInterval",
    "Trait",
    "ValueForMoney",
    "Verdict",
    "WeightChange",
    "Why",
    "WhyTerm",
    "compute_findings",
]
