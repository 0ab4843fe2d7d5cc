"""Snapshots of the main screen (80x24, 120x40, 160x50), the help screen and the weighting screen.

They use the fixed model in tests/tui/data/small, so that edits to the bundled model never
change them. Update with `pytest tests/tui --snapshot-update` and look at the SVGs in
__snapshots__/ before committing them.
"""

from __future__ import annotations

from typing import Any

from tests.tui.conftest import DATA, make_app


async def settled(pilot: Any) -> None:
    """Let the first paint, the deferred detail and any worker finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.2)


def test_main_screen_80x24(snap_compare: Any) -> None:
    assert snap_compare(make_app(DATA), terminal_size=(80, 24), run_before=settled)


def test_main_screen_120x40_after_changes(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("down", *["shift+right"] * 8, "down", "down", "down", "l")
        await settled(pilot)

    assert snap_compare(make_app(DATA), terminal_size=(120, 40), run_before=run_before)


def test_main_screen_160x50_sensitivity(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await settled(pilot)
        await pilot.press("down", "s")  # Dedicated resources: raising it overturns the top
        await settled(pilot)

    assert snap_compare(make_app(DATA), terminal_size=(160, 50), run_before=run_before)


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
