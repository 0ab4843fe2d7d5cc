"""A progress bar on stderr for the runs that take a while: SMAA-2, sensitivity, reports.

`LongRun` is a context manager around a computation. Its `hook(phase)` is the
`progress(done, total)` callback that `robustness.smaa`, `robustness.sensitivity` and
`reports.inputs.run_analyses` accept (None when no bar can be shown, so the engine does no
extra work). The bar (rich.progress: the phase, a bar, the share done, the time left and the
time taken) is shown only when both stdout and stderr are terminals, so nothing ever reaches
a pipe, a file or a JSON document; it is drawn on stderr and removed when the run ends, by
completing, by an error or by Ctrl+C. It appears at once when the estimate says the run
takes at least SHOW_SECONDS, otherwise as soon as the run, projected from its progress so
far, will: a run that is over in a moment shows nothing. rich is imported only then.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    from rich.progress import Progress, TaskID

    Hook = Callable[[int, int], None]

SHOW_SECONDS = 1.0
"""Runs expected to take at least this long show a bar."""

LOOK_SECONDS = 0.25
"""A run without an estimate is projected from its progress once it has run this long."""


def terminal() -> bool:
    """True when a bar may be drawn: stdout and stderr are both terminals (and not dumb ones)."""
    try:
        ttys = sys.stdout.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed streams
        return False
    return ttys and os.environ.get("TERM") != "dumb"


class LongRun:
    """A bar for one command's computation, one line per phase (see the module docstring).

    `estimate` (seconds, None when unknown) decides whether the bar shows at once; it is also
    printed beside the title, since the time left is only known once the work has started.
    """

    def __init__(self, title: str, estimate: float | None = None) -> None:
        self.title = title
        self.estimate = estimate
        self.enabled = terminal()
        self.started = time.monotonic()
        self.progress: Progress | None = None
        self.tasks: dict[str, TaskID] = {}
        self.totals: dict[str, int] = {}
        self.waiting: TaskID | None = None

    def __enter__(self) -> LongRun:
        self.started = time.monotonic()
        if self.enabled and self.estimate is not None and self.estimate >= SHOW_SECONDS:
            self._show()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.progress is not None:
            self.progress.stop()  # transient: the bar is erased, whatever ended the run
            self.progress = None

    def hook(self, phase: str) -> Hook | None:
        """The `progress(done, total)` callback of one phase, or None when no bar can show."""
        if not self.enabled:
            return None

        def update(done: int, total: int) -> None:
            self.update(phase, done, total)

        return update

    def phases(self) -> Callable[[str, int, int], None] | None:
        """A `progress(phase, done, total)` callback for work in several phases (a report)."""
        return self.update if self.enabled else None

    def update(self, phase: str, done: int, total: int) -> None:
        """Record progress of `phase`: `done` of `total` units."""
        if self.progress is None:
            if not self._worth_showing(done, total):
                return
            self._show()
        assert self.progress is not None
        task = self.tasks.get(phase)
        if task is None:
            if self.waiting is not None:  # the first phase has started
                self.progress.remove_task(self.waiting)
                self.waiting = None
            for other, other_task in self.tasks.items():  # an earlier phase is over
                self.progress.update(other_task, completed=self.totals[other])
            task = self.tasks[phase] = self.progress.add_task(phase, total=max(total, 1))
        self.totals[phase] = max(total, 1)
        self.progress.update(task, completed=done, total=self.totals[phase])

    def _worth_showing(self, done: int, total: int) -> bool:
        """True when the run, projected from its progress so far, takes at least SHOW_SECONDS."""
        elapsed = time.monotonic() - self.started
        if elapsed < LOOK_SECONDS or done >= total:
            return False
        return done <= 0 or elapsed * total / done >= SHOW_SECONDS

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        about = "" if self.estimate is None else f" (about {_seconds(self.estimate)})"
        self.progress = Progress(
            TextColumn(f"{self.title}{about} · {{task.description}}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            TextColumn("taken"),
            TimeElapsedColumn(),
            console=Console(stderr=True, highlight=False),
            transient=True,
        )
        self.progress.start()
        if not self.tasks:
            self.waiting = self.progress.add_task("starting", total=None)


def _seconds(seconds: float) -> str:
    from decisiontool.cli.budget import duration

    return "1 second" if seconds < 1.5 else duration(seconds)
