"""Panels: many participants, one model (docs/panel.md).

`analyse_panel(analysis)` gives each participant's weights and top option, the group's
aggregated weights and ranking, agreement (Kendall's W, each participant's tau to the
group), the participants who alone change the group's top, the score disagreements and the
dissent register, as a `PanelResult` whose `to_json()` is `decisiontool.panel/1`.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from decisiontool.panel.core import (
    analyse_panel,
    flat_relative,
    no_panel_problem,
    participant_weights,
    weight_set,
)
from decisiontool.panel.results import (
    AGGREGATES,
    ILLUSTRATIVE_NOTICE,
    PANEL_SCHEMA,
    SCORE_MODES,
    Aggregate,
    DissentEntry,
    GroupAhp,
    LeaveOneOut,
    PanelResult,
    ParticipantView,
    ScoreDisagreement,
    ScoreMode,
)

__all__ = [
    "AGGREGATES",
    "ILLUSTRATIVE_NOTICE",
    "PANEL_SCHEMA",
    "SCORE_MODES",
    "Aggregate",
    "DissentEntry",
    "GroupAhp",
    "LeaveOneOut",
    "PanelResult",
    "ParticipantView",
    "ScoreDisagreement",
    "ScoreMode",
    "analyse_panel",
    "flat_relative",
    "no_panel_problem",
    "participant_weights",
    "weight_set",
]
