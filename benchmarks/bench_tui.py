"""Benchmark of the Textual app: first paint and weight key to settled screen.

Prints, for the bundled model and a generated model of 200 options x 30 criteria, each
figure beside its aim (issue 12) and the ratio figure / aim (below 1.00 meets it):

* first paint, cold: a new Python process from its start (interpreter, imports, loading the
  model) until the app's first screen has been drawn; aim 1.0 s on the bundled model;
* weight key to settled screen: a weight key (alternating → and ←) until the ranking, the
  weights and the status line are repainted and the open tab's deferred redraw is done;
  aims 50 ms (bundled) and 100 ms (200 x 30);
* for reference, the app's own work per key and the full Pilot round trip (which includes
  Pilot's own waiting: an upper bound).

    python benchmarks/bench_tui.py
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
AIMS = {"first paint": 1.0, "bundled key": 0.050, "large key": 0.100}
"""Seconds: issue 12's aims, the baselines the ratios are printed against."""


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


async def measure(root: Path | None, label: str, aim: float) -> None:
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
        settled: list[float] = []
        refresh_tab = screen.refresh_tab

        def timed_tab() -> None:
            refresh_tab()
            settled.append(time.perf_counter() - key_started)

        screen.refresh_tab = timed_tab  # type: ignore[method-assign]
        round_trips = []
        for k in range(KEYSTROKES):
            key = "right" if k % 2 == 0 else "left"
            key_started = time.perf_counter()
            await pilot.press(key)
            await pilot.pause(0.05)  # the deferred tab redraw runs 20 ms after the key
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
    steady = [max(p, t) for p, t in zip(painted, settled, strict=False)]
    median = statistics.median(steady)
    print(
        f"  weight key to settled screen: median {median * 1000:6.1f} ms, max {max(steady) * 1000:6.1f} ms"
        f"  (aim {aim * 1000:.0f} ms: ratio {median / aim:.2f})"
    )


def first_paint_child(root: str | None) -> None:
    """In a fresh process: start the app headless and print the wall clock at its first paint."""
    import asyncio

    from decisiontool.analysis import Analysis
    from decisiontool.loading import load_model
    from decisiontool.tui.app import DecisionApp
    from decisiontool.tui.state import Session

    async def run() -> None:
        app = DecisionApp(Session(Analysis.create(load_model(root))), watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()  # the first screen composed, mounted and drawn
            print(time.time(), flush=True)

    asyncio.run(run())


def cold_first_paint(root: Path | None, label: str, repeat: int = 5) -> None:
    """Seconds from spawning `python` to the first paint (median of `repeat`: the machine is shared)."""
    import os
    import subprocess

    here = Path(__file__).resolve()
    env = dict(os.environ, PYTHONPATH=str(here.parents[1]))
    times = []
    for _ in range(repeat):
        started = time.time()
        output = subprocess.run(
            [sys.executable, str(here), "--first-paint-child", str(root or "")],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        times.append(float(output.strip().splitlines()[-1]) - started)
    median = statistics.median(times)
    aim = AIMS["first paint"]
    print(
        f"{label}: first paint, cold (new process: interpreter, imports, model, first screen): "
        f"median {median * 1000:.0f} ms of {repeat}, best {min(times) * 1000:.0f} ms"
        f"  (aim {aim * 1000:.0f} ms: ratio of the median {median / aim:.2f})"
    )


def main() -> None:
    """Run both models (and print the load average: 2 cores are shared with other work)."""
    if len(sys.argv) > 1 and sys.argv[1] == "--first-paint-child":
        first_paint_child(sys.argv[2] or None)
        return
    import os

    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    cold_first_paint(None, "bundled model")
    asyncio.run(measure(None, "bundled model", AIMS["bundled key"]))
    with tempfile.TemporaryDirectory() as folder:
        root = write_large_model(Path(folder))
        cold_first_paint(root, "generated model")
        asyncio.run(measure(root, "generated model", AIMS["large key"]))


if __name__ == "__main__":
    sys.exit(main())
