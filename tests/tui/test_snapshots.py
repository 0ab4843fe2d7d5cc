"""Snapshots of the main screen, each tab and each view at 80x24, 120x40 and 200x50.

The layout snapshots use `data/ten`, a frozen copy of the bundled ten-option model (so
that they show all ten options fit at 80x24, and edits to the bundled model never change
them); the help and weighting screens use `data/small`. Update with
`pytest tests/tui --snapshot-update` and look at every changed SVG in __snapshots__/
before committing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text

from tests.tui.conftest import DATA, make_app

TEN = Path(__file__).parent / "data" / "ten"
SIZES = [(80, 24), (120, 40), (200, 50)]


async def settled(pilot: Any) -> None:
    """Let the first paint, the deferred detail and any worker finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.3)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    # "Working out what the ranking means…" shows only when the findings took over 0.6 s (a busy
    # machine); they are done by now, so the toast is timing, not layout
    pilot.app.clear_notifications()
    await pilot.pause()


VIEWS: dict[str, tuple[str, ...]] = {
    "main": (),
    "changed": ("down", "right", "right", "right", "down", "down", "l"),
    "sensitivity": ("down", "s"),
    "smaa": ("a",),
    "compare": ("c",),
    "criterion": ("down", "i"),
    "why": ("y",),
    "panel": ("n",),
}
"""Keys from the first paint to each view."""


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("view", list(VIEWS))
def test_layout(snap_compare: Any, view: str, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    # the snapshots fix the layout; the findings' wording is the findings' own (tested there and in
    # test_app's Why test), so the Why view shows two fixed sentences here
    import decisiontool.tui.screens.why as why

    fixed = Text("What the ranking means\n• The first finding, in words.\n• The second finding.\n")
    monkeypatch.setattr(why, "findings_text", lambda findings: fixed)

    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        for key in VIEWS[view]:
            await pilot.press(key)
        await settled(pilot)

    assert snap_compare(make_app(TEN), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("view", ["main", "smaa", "panel"])
def test_sixty_by_twenty(snap_compare: Any, view: str) -> None:
    # one column: the weights above the ranking; a tab key shows the tab on the whole screen
    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        for key in VIEWS[view]:
            await pilot.press(key)
        await settled(pilot)

    assert snap_compare(make_app(TEN), terminal_size=(60, 20), run_before=run_before)


def test_help_screen(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("question_mark")
        await settled(pilot)

    assert snap_compare(make_app(DATA), terminal_size=(100, 40), run_before=run_before)


def test_weighting_screen_pairwise(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("w")
        await settled(pilot)
        pilot.app.screen.query_one("#weighting-tabs").active = "tab-ahp"
        await settled(pilot)
        pilot.app.screen.query_one("#pairs").focus()
        await pilot.press("left", "left", "down", "right")
        await settled(pilot)

    assert snap_compare(make_app(DATA), terminal_size=(100, 34), run_before=run_before)
