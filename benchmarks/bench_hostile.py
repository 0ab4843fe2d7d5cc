"""Hostile sizes (issue 17): 2,000 options through every command, and a crafted ~1 MiB model file.

Run: `python benchmarks/bench_hostile.py [--quick]` (also a section of benchmarks/run.py).
Whole processes (result cache off), median of REPEAT, each against two named baselines: the
same command on the bundled model (14 options) and, where issue 17 gave one, the time it
measured before the fix. Asserts nothing.

- `rank`, `compare`, `show options` in table format (they show the first 50 rows since
  issue 17) and in JSON; `explain --format json`; `smaa --format json` with SMAA_SAMPLES
  samples (a full 10,000 is refused past the 5-minute bound at 2,000 options, see
  decisiontool/cli/budget.py).
- `validate` of a model whose option file holds a crafted multi-line string of ~1 MiB (the
  pattern whose line-number lookup backtracked: 40 KB took 6 s, 1 MiB about an hour).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
QUICK = "--quick" in sys.argv
REPEAT = 1 if QUICK else 3
OPTIONS = 2_000
SMAA_SAMPLES = 200 if QUICK else 1_000
CRAFTED_WIDTH = 1_000_000

ISSUE_17_SECONDS = {"rank": 3.5, "compare": 4.4, "show options": 1.5, "validate crafted": 3600.0}
"""What issue 17 measured before the fixes (table formats; the crafted file: 'about an hour')."""


def many_options(root: Path, count: int = OPTIONS) -> Path:
    """The bundled criteria and `count` options with a range on every score."""
    from decisiontool.loading import load_model

    shutil.copytree(ROOT / "criteria", root / "criteria")
    (root / "options").mkdir(parents=True)
    ids = [c.id for c in load_model().criteria]
    rng = np.random.default_rng(3)
    for i in range(count):
        lines = [f'name = "Option {i}"', 'kind = "peace-operation"', 'summary = "s"', "", "[scores]"]
        for cid in ids:
            v = int(rng.integers(1, 5))
            lines.append(f"{cid} = {{ value = {v}, range = [{v - 1}, {v + 1}] }}")
        (root / "options" / f"o{i:04d}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def crafted_model(root: Path, width: int = CRAFTED_WIDTH) -> Path:
    """The starter model with an option summary that is a crafted multi-line string."""
    from decisiontool.starter import write_starter

    write_starter(root)
    path = root / "options" / "regional_office.toml"
    text = path.read_text(encoding="utf-8")
    head, _, tail = text.partition("\nsummary = ")
    _old, newline, rest = tail.partition("\n")
    crafted = 'summary = """\n\\"""\n[' + " " * width + 'x\n"""'
    path.write_text(head + "\n" + crafted + newline + rest, encoding="utf-8")
    return root


def seconds(args: list[str]) -> float:
    env = {**os.environ, "DECISIONTOOL_NO_CACHE": "1", "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "decisiontool", *args], capture_output=True, env=env, check=False
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    print(f"== hostile sizes: {OPTIONS:,} options x 13 criteria, whole processes, median of {REPEAT}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    commands = {
        "rank": ["rank"],
        "rank json": ["rank", "--format", "json"],
        "compare": ["compare"],
        "compare json": ["compare", "--format", "json"],
        "show options": ["show", "options"],
        "show options json": ["show", "options", "--format", "json"],
        "explain json": ["explain", "--format", "json"],
        f"smaa json {SMAA_SAMPLES:,}": ["smaa", "--format", "json", "--samples", str(SMAA_SAMPLES)],
    }
    with tempfile.TemporaryDirectory() as folder:
        model = many_options(Path(folder) / "many")
        print(f"{'command':<24}{'2,000':>9}{'bundled':>9}{'/ bundled':>11}{'issue 17':>10}{'/ issue':>9}")
        for label, args in commands.items():
            big = seconds([*args, "--data", str(model)])
            small = seconds(args)
            before = ISSUE_17_SECONDS.get(label)
            against = f"{before:>9.1f}s{big / before:>8.2f}x" if before else ""
            print(f"{label:<24}{big:>8.2f}s{small:>8.2f}s{big / small:>10.1f}x{against}")
        crafted = crafted_model(Path(folder) / "crafted")
        size = (crafted / "options" / "regional_office.toml").stat().st_size
        took = seconds(["validate", "--data", str(crafted)])
        bare = seconds(["validate"])
        print(
            f"validate, crafted {size / 2**20:.2f} MiB option file: {took:.2f} s "
            f"({took / bare:.1f}x the bundled model's validate; issue 17: about an hour)"
        )


if __name__ == "__main__":
    main()
