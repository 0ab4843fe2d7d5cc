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

from typer.testing import CliRunner, Result

from decisiontool.cli import app
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


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def listed_options(text: str) -> list[str]:
    """The option ids (o00 .. o59) in a table's rows, in order."""
    return [word for line in text.splitlines() for word in line.replace("│", " ").split() if word[:1] == "o"
            and word[1:].isdigit()]  # fmt: skip


def test_the_rank_table_of_many_options_shows_the_first_50_and_says_so(model_dir: Path) -> None:
    many_options(model_dir)
    result = cli("rank", "--data", str(model_dir))
    assert result.exit_code == 0, result.stderr
    shown = f"Shown: the first 50 of {OPTIONS} options (in rank order); --format json, csv or md lists every"
    assert shown + " option." in result.stdout
    document = json.loads(cli("rank", "--data", str(model_dir), "--format", "json").stdout)
    ranking = [entry["option"] for entry in document["ranking"]]
    assert len(ranking) == OPTIONS
    assert listed_options(result.stdout) == ranking[:50]  # the best 50, in rank order
    csv_lines = cli("rank", "--data", str(model_dir), "--format", "csv").stdout.splitlines()
    assert len(csv_lines) == 1 + OPTIONS
    md_lines = cli("rank", "--data", str(model_dir), "--format", "md").stdout.splitlines()
    assert sum(line.startswith("| ") for line in md_lines) == 1 + OPTIONS  # header and every option


def test_the_compare_table_of_many_options_shows_the_first_50_and_says_so(model_dir: Path) -> None:
    many_options(model_dir)
    result = cli("compare", "--data", str(model_dir))
    assert result.exit_code == 0, result.stderr
    assert f"Shown: the first 50 of {OPTIONS} options (by total rank);" in result.stdout
    csv_rows = cli("compare", "--data", str(model_dir), "--format", "csv").stdout.splitlines()[1:]
    assert len(csv_rows) == OPTIONS
    assert listed_options(result.stdout) == [row.split(",")[0] for row in csv_rows[:50]]
    document = json.loads(cli("compare", "--data", str(model_dir), "--format", "json").stdout)
    assert len(document["ranks"]) == OPTIONS


def test_a_table_that_fits_says_nothing_about_what_is_shown(model_dir: Path) -> None:
    for command in ("rank", "compare"):
        result = cli(command, "--data", str(model_dir))
        assert result.exit_code == 0, result.stderr
        assert "Shown:" not in result.stdout


def test_the_show_options_table_of_many_options_shows_the_first_50_and_says_so(model_dir: Path) -> None:
    many_options(model_dir)
    result = cli("show", "options", "--data", str(model_dir))
    assert result.exit_code == 0, result.stderr
    assert (
        f"Shown: the first 50 of {OPTIONS} options (in model order); --format json lists every option."
        in (result.stdout)
    )
    document = json.loads(cli("show", "options", "--data", str(model_dir), "--format", "json").stdout)
    ids = [item["id"] for item in document["items"]]
    assert len(ids) == OPTIONS
    assert listed_options(result.stdout) == ids[:50]
