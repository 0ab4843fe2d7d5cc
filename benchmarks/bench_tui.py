"""Benchmark of the Textual app: first paint and keystroke-to-ranking-update times.

Runs the app headless (Pilot) on the bundled model and on a generated model of 200
options x 30 criteria, and prints:

* first paint: from loading the model to the app's first screen being ready;
* keystroke: a weight key (alternating → and ←) until the ranking list has been
  redrawn; measured three ways: the app's own work (session change, every panel's
  refresh and the ranking's visible lines drawn), the time until the compositor asks
  the ranking for its first new line (the repaint), and the full Pilot round trip
  (key delivered, handled, the deferred detail redraw done, screen idle), which
  includes Pilot's own waiting and is an upper bound.

Aims (issue 6): under 30 ms per keystroke for the bundled model, under 100 ms for the
large one, first paint under 1 s.

    PYTHONPATH=src python benchmarks/bench_tui.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

KEYSTROKES = 40


def write_large_model(root: Path, options: int = 200, groups: int = 5, per_group: int = 6) -> Path:
    """A valid model of `options` x `groups * per_group` criteria with seeded random scores."""
    rng = np.random.default_rng(7)
    criteria_dir = root / "criteria"
    options_dir = root / "options"
    (criteria_dir / "profiles").mkdir(parents=True)
    options_dir.mkdir()
    (criteria_dir / "lessons.toml").write_text(
        "\n".join(
            f'[[lesson]]\nid = "L{k}"\ntitle = "Lesson {k}"\nsummary = "Summary {k}."\n' for k in range(5)
        ),
        encoding="utf-8",
    )
    criterion_ids = []
    for g in range(groups):
        lines = [f'[group]\nid = "g{g}"\nname = "Group {g}"\nweight = {1 + g % 3}\n']
        for c in range(per_group):
            cid = f"c{g}_{c}"
            criterion_ids.append(cid)
            direction = "cost" if c % 4 == 3 else "benefit"
            minimum = "minimum = 0.5\n" if (g, c) == (0, 0) else ""
            lines.append(
                f'[[criterion]]\nid = "{cid}"\nname = "Criterion {g}.{c} with a longer name"\n'
                f'direction = "{direction}"\nscale = [0, 5]\nweight = {1 + c % 4}\nlessons = ["L{c % 5}"]\n'
                f'preference = {{ function = "linear", q = 0.5, p = 2 }}\n{minimum}'
            )
        (criteria_dir / f"g{g}.toml").write_text("\n".join(lines), encoding="utf-8")
    (criteria_dir / "profiles" / "flat.toml").write_text(
        'name = "Flat"\n[group_weights]\ng0 = 1\n', encoding="utf-8"
    )
    for i in range(options):
        scores = "\n".join(f"{cid} = {rng.uniform(0, 5):.2f}" for cid in criterion_ids)
        (options_dir / f"o{i:03d}.toml").write_text(
            f'name = "Option {i:03d} with a descriptive name"\nkind = "peace-operation"\n'
            f'summary = "Generated option {i}."\n\n[scores]\n{scores}\n',
            encoding="utf-8",
        )
    return root


async def measure(root: Path | None, label: str) -> None:
    """Print first paint and keystroke times for one model."""
    from decisiontool.analysis import Analysis
    from decisiontool.loading import load_model
    from decisiontool.tui.app import DecisionApp
    from decisiontool.tui.screens.main import MainScreen
    from decisiontool.tui.state import Session
    from decisiontool.tui.widgets.ranking import RankingList

    started = time.perf_counter()
    model = load_model(root)
    loaded = time.perf_counter() - started
    app = DecisionApp(Session(Analysis.create(model)), watch=False)
    async with app.run_test(size=(160, 50)) as pilot:
        first_paint = time.perf_counter() - started
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        ranking = screen.query_one(RankingList)
        await pilot.press("down")  # a criterion row

        own: list[float] = []
        original = screen.refresh_after_weights

        def timed_refresh() -> None:
            original()
            for y in range(ranking.size.height):  # draw every visible ranking line now
                ranking.render_line(y)
            own.append(time.perf_counter() - key_started)

        screen.refresh_after_weights = timed_refresh  # type: ignore[method-assign]
        painted: list[float] = []
        draw_line = ranking.render_line

        def timed_line(y: int) -> object:
            if len(painted) < len(own):  # the first line the compositor asks for after the key
                painted.append(time.perf_counter() - key_started)
            return draw_line(y)

        ranking.render_line = timed_line  # type: ignore[method-assign,assignment]
        round_trips = []
        for k in range(KEYSTROKES):
            key = "right" if k % 2 == 0 else "left"
            key_started = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            round_trips.append(time.perf_counter() - key_started)
        options = len(model.options)
        criteria = len(model.criteria)
    print(f"{label}: {options} options x {criteria} criteria")
    print(
        f"  first paint (load model + app ready): {first_paint * 1000:7.1f} ms "
        f"(of which loading the model {loaded * 1000:.1f} ms)"
    )
    print(
        f"  keystroke, app's own work:   median {statistics.median(own) * 1000:6.1f} ms, "
        f"max {max(own) * 1000:6.1f} ms  ({len(own)} keys)"
    )
    print(
        f"  keystroke to ranking repainted: median {statistics.median(painted) * 1000:6.1f} ms, "
        f"max {max(painted) * 1000:6.1f} ms"
    )
    print(
        f"  keystroke, Pilot round trip: median {statistics.median(round_trips) * 1000:6.1f} ms, "
        f"max {max(round_trips) * 1000:6.1f} ms"
    )


def main() -> None:
    """Run both models."""
    asyncio.run(measure(None, "bundled model"))
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(measure(write_large_model(Path(folder)), "generated model"))


if __name__ == "__main__":
    sys.exit(main())
