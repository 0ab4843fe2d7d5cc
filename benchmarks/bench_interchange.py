"""Import speed: a 500-option x 40-criterion sheet, whole process (`python -m decisiontool import`).

    python benchmarks/bench_interchange.py [--options 500] [--criteria 40] [--repeat 3]

Prints the best wall time of the whole command for a .csv and an .xlsx sheet against the
issue's budget (2 s), and against two named baselines: `python -m decisiontool --help`
(interpreter and CLI start-up) and `decisiontool validate` of the imported model (loading the
same model from TOML).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_S = 2.0
ROOT = Path(__file__).resolve().parents[1]


def write_sheets(folder: Path, options: int, criteria: int) -> tuple[Path, Path]:
    import xlsxwriter

    generator = random.Random(1)
    header = ["option", *(f"Criterion {j}" for j in range(criteria))]
    describing = [
        ["direction", *(generator.choice(["benefit", "cost"]) for _ in range(criteria))],
        ["weight", *(generator.randint(1, 5) for _ in range(criteria))],
        ["scale_min", *([0] * criteria)],
        ["scale_max", *([10] * criteria)],
        ["group", *(f"Group {j % 5}" for j in range(criteria))],
    ]
    rows = [header, *describing]
    for i in range(options):
        row: list[object] = [f"Option {i}"]
        for _ in range(criteria):
            value = round(generator.uniform(1, 9), 2)
            row.append(f"{value} [{value - 1}, {value + 1}]" if generator.random() < 0.3 else value)
        rows.append(row)
    csv_path = folder / "matrix.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    xlsx_path = folder / "matrix.xlsx"
    book = xlsxwriter.Workbook(str(xlsx_path))
    sheet = book.add_worksheet("Matrix")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    return csv_path, xlsx_path


def timed(arguments: list[str], repeat: int, before: object = None) -> float:
    best = float("inf")
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(repeat):
        if callable(before):
            before()
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "decisiontool", *arguments],
            check=True,
            env=environment,
            stdout=subprocess.DEVNULL,
        )
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=int, default=500)
    parser.add_argument("--criteria", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        csv_path, xlsx_path = write_sheets(folder, arguments.options, arguments.criteria)
        target = folder / "model"

        def clear() -> None:
            shutil.rmtree(target, ignore_errors=True)

        startup = timed(["--help"], arguments.repeat)
        results = {
            suffix: timed(["import", str(path), "--to", str(target)], arguments.repeat, clear)
            for suffix, path in ((".csv", csv_path), (".xlsx", xlsx_path))
        }
        validate = timed(["validate", "--data", str(target)], arguments.repeat)
        size = f"{arguments.options} options x {arguments.criteria} criteria"
        print(f"import of a {size} sheet, whole process, best of {arguments.repeat}:")
        for suffix, seconds in results.items():
            print(
                f"  {suffix:5}  {seconds:6.2f} s   {seconds / BUDGET_S:5.2f} of the 2 s budget   "
                f"{seconds / startup:5.1f}x CLI start-up ({startup:.2f} s)   "
                f"{seconds / validate:5.2f}x validate of the imported model ({validate:.2f} s)"
            )


if __name__ == "__main__":
    main()
