"""Loading benchmark: key line numbers on crafted files, and a model with thousands of problems.

Run: `python benchmarks/bench_loading.py`. Prints sizes, times and ratios against named
baselines; asserts nothing (speed is measured here, never in unit tests).

Baselines (measured once on the 2-core development machine with the regular-expression
scanner that `decisiontool.loading.lines` replaced): the crafted 5,000-character
multi-line string took 34 s and the 10,000-character one 288 s (cubic growth). A model
with 4,000 unknown criteria in one option file took about 2 minutes as issue 10 reports
(the key lines were read again for every problem; not re-measured here).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from decisiontool.loading import key_lines, load_model
from decisiontool.problems import ModelError
from decisiontool.starter import write_starter

REGEX_BASELINE_S = {5_000: 34.0, 10_000: 288.0}
PROBLEMS_BASELINE_S = 120.0


def crafted(width: int) -> str:
    """An escaped quote before three quotes, then a long header-like line inside the string."""
    return 'x = """\n\\"""\n[' + " " * width + 'x\n"""\ny = 1\n'


def main() -> None:
    print("== key_lines on a crafted multi-line string")
    for width in (5_000, 10_000, 40_000, 1_000_000):
        text = crafted(width)
        start = time.perf_counter()
        key_lines(text)
        elapsed = time.perf_counter() - start
        baseline = REGEX_BASELINE_S.get(width)
        ratio = (
            f"  ({baseline / elapsed:,.0f}x faster than the regex scanner's {baseline:.0f} s)"
            if baseline
            else ""
        )
        print(f"  {len(text):>9,} chars: {elapsed * 1000:8.2f} ms{ratio}")
    print("== a model with 4,000 unknown criteria in one option file")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "model"
        write_starter(root)
        path = root / "options" / "regional_office.toml"
        head, marker, tail = path.read_text(encoding="utf-8").partition("[scores]\n")
        path.write_text(head + marker + "".join(f"u{k} = 1\n" for k in range(4000)) + tail, encoding="utf-8")
        start = time.perf_counter()
        try:
            load_model(root)
        except ModelError as error:
            count = len(error.problems)
        elapsed = time.perf_counter() - start
        print(
            f"  {count:,} problems in {elapsed:.2f} s "
            f"({PROBLEMS_BASELINE_S / elapsed:,.0f}x faster than the {PROBLEMS_BASELINE_S:.0f} s baseline)"
        )


if __name__ == "__main__":
    main()
