"""Fixtures for the Textual app tests: a fixed small model copied to a temporary directory."""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from decisiontool.analysis import Analysis
from decisiontool.loading import load_model
from decisiontool.tui.app import DecisionApp
from decisiontool.tui.state import Session

DATA = Path(__file__).parent / "data" / "small"


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixed test model."""
    target = tmp_path / "model"
    shutil.copytree(DATA, target)
    return target


def make_app(
    root: Path, *, profile: str = "default", method: str = "wsm", watch: bool = False
) -> DecisionApp:
    """The app on a model directory (file polling off unless asked: tests poll by hand)."""
    analysis = Analysis.create(load_model(root), profile=profile, method=method)
    return DecisionApp(Session(analysis), watch=watch)


@pytest.fixture
def app_factory(model_dir: Path) -> Callable[..., DecisionApp]:
    """Build an app on the copied model."""

    def build(**options: Any) -> DecisionApp:
        return make_app(model_dir, **options)

    return build


def run(test: Callable[[], Coroutine[Any, Any, None]] | Awaitable[None]) -> None:
    """Run an async Pilot test from a synchronous pytest function (no async plugin needed)."""
    import asyncio

    coroutine = test() if callable(test) else test
    asyncio.run(coroutine)  # type: ignore[arg-type]


async def settle(app: DecisionApp, pilot: Any) -> None:
    """Wait for workers and the screen to finish their work."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def wsm_critical_weights(analysis: Analysis, criterion: str) -> tuple[float | None, float | None]:
    """The weights of `criterion` below and above its current one at which another option
    overtakes the weighted sum's top, solved by hand (independently of the sensitivity code).

    With the other weights kept in proportion, each option's score is linear in the weight t:
    s(t) = (1 - t) R + t V, R its score with `criterion` weighted 0 and V its value on it.
    Options that fail a minimum rank after every option that passes, so they never overtake.
    """
    from decisiontool.analysis import rank_with

    k = analysis.arrays.criterion_ids.index(criterion)
    current = analysis.weights.copy()
    rest = current.copy()
    rest[k] = 0.0
    rest /= rest.sum()
    only = rest * 0.0
    only[k] = 1.0
    r = {e.option: e.score for e in rank_with(analysis, rest).entries}
    v = {e.option: e.score for e in rank_with(analysis, only).entries}
    top = analysis.ranking.top.option
    now = float(current[k])
    down: float | None = None
    up: float | None = None
    failing = {e.option for e in analysis.ranking.entries if e.fails_minimum}
    for option in r:
        slope = (v[option] - r[option]) - (v[top] - r[top])
        if option == top or option in failing or abs(slope) < 1e-15:
            continue
        t = (r[top] - r[option]) / slope  # where the two lines cross
        # at an end of [0, 1] the two only tie: the other option is never strictly first
        if 1e-12 < t < now - 1e-12 and (down is None or t > down):
            down = t
        if now + 1e-12 < t < 1.0 - 1e-12 and (up is None or t < up):
            up = t
    return down, up
