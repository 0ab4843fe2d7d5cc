"""Hostile corpus, class 3: the SMAA table summarises beyond what a screen shows.

A table with a column per rank drew 2,000 x 2,000 cells (300 options took 15 s, 2,000 never
finished). The table shows the best-ranked options and the first ranks, says so, and the
JSON stays complete. Run in a subprocess with a generous timeout that only catches a hang.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.hostile.test_odd_input import REPOSITORY

OPTIONS = 60


def many_options(model_dir: Path) -> None:
    for path in (model_dir / "options").glob("*.toml"):
        path.unlink()
    for i in range(OPTIONS):
        score = 1 + (i * 7) % 40 / 10  # 1.0 .. 4.9
        (model_dir / "options" / f"o{i:02d}.toml").write_text(
            f'name = "Option {i}"\nkind = "peace-operation"\nsummary = "s"\n\n[scores]\n'
            f"resources = {score}\nreach = 3\ndurability = 3\ncost = 2\n",
            encoding="utf-8",
        )


def smaa(model_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    env.pop("COLUMNS", None)
    return subprocess.run(
        [sys.executable, "-m", "decisiontool", "smaa", "--data", str(model_dir), "--samples", "200", *extra],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )


def test_the_smaa_table_of_many_options_says_what_it_leaves_out(model_dir: Path) -> None:
    many_options(model_dir)
    result = smaa(model_dir)
    assert result.returncode == 0, result.stderr
    assert f"Shown: the first 50 of {OPTIONS} options and ranks 1-15 (16+: any lower rank)" in result.stdout
    # the table has 50 option rows: the best-ranked, so the last-ranked option is not among them
    listed = {
        line.split()[0] for line in result.stdout.splitlines() if line.startswith("o") and line[1:3].isdigit()
    }
    assert len(listed) == 50
    document = json.loads(smaa(model_dir, "--format", "json").stdout)
    assert len(document["options"]) == OPTIONS
    assert all(len(entry["rank_acceptability"]) == OPTIONS for entry in document["options"])
    assert document["options"][-1]["option"] not in listed
