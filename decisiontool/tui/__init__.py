"""The Textual app (`decisiontool tui`): the only package that imports textual.

`run_app` is what the CLI calls; everything else is reached from `app.DecisionApp`.
"""

from __future__ import annotations

from decisiontool.analysis import Analysis

__all__ = ["run_app"]


def run_app(analysis: Analysis) -> int:
    """Open the app on an analysis; when the user quits, the exit status (1 after any failure or crash)."""
    from decisiontool.tui.app import DecisionApp
    from decisiontool.tui.state import Session

    app = DecisionApp(Session(analysis))
    app.run()
    code = app.return_code
    if code is None:
        return 1
    return max(code, app.exit_status)
