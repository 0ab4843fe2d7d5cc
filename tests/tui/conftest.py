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
