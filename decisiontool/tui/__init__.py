"""The Textual app (`decisiontool tui`): the only package that imports textual.

`run_app` is what the CLI calls; everything else is reached from `app.DecisionApp`.
"""

from __future__ import annotations

from decisiontool.analysis import Analysis

__all__ = ["run_app"]


def run_app(analysis: Analysis, *, missing: str = "refuse") -> None:
    """Open the app on an analysis and return when the user quits."""
    from decisiontool.tui.app import DecisionApp
    from decisiontool.tui.state import Session

    DecisionApp(Session(analysis), missing=missing).run()
