"""Rich output that never sends a model file's control characters to the terminal.

`TerminalSafe` is a render hook: every renderable a console prints is rendered as usual (so
tables, panels and markup lay out as they would) and then each text segment passes
`decisiontool.sanitise.terminal`. Rich's own control segments and styles are left alone, so
colours still work on a terminal. Imported only by `stdout_console`, when a command prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, ConsoleOptions, ConsoleRenderable, RenderableType, RenderHook, RenderResult
from rich.segment import Segment

from decisiontool.sanitise import terminal


class TerminalSafe(RenderHook):
    """Wraps every renderable in `TerminalSafeRenderable`."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        return [TerminalSafeRenderable(renderable) for renderable in renderables]


class TerminalSafeRenderable:
    """Renders `renderable` and makes every control character in its text segments visible."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from safe_segments(console.render(self.renderable, options))


def safe_segments(segments: Iterable[Segment]) -> Sequence[Segment]:
    """`segments` with the text of every non-control segment passed through `terminal`."""
    return [
        segment if segment.control else Segment(terminal(segment.text), segment.style) for segment in segments
    ]
