"""List modules over MAX_MODULE lines and functions over MAX_FUNCTION lines (issue 10 item 4).

    python scripts/sizes.py [--all] [PACKAGE_DIR]

Counts a module's physical lines and a function's lines from its `def` (decorators
excluded) to its last line, docstring included. Without --all, the parts other helpers own
are left out (decisiontool/tui, decisiontool/reports). Exits 1
when anything is over, so it can run in a hook; it is a tool, not a test.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_MODULE = 400
MAX_FUNCTION = 60
EXCLUDED = ("tui/", "reports/")


def oversized(root: Path, *, everything: bool) -> list[str]:
    """`path: N lines` and `path:line name: N lines` for each module and function over."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if not everything and relative.startswith(EXCLUDED):
            continue
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MAX_MODULE:
            found.append(f"{root.name}/{relative}: module {lines} lines")
        for node in ast.walk(ast.parse(text, filename=str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION:
                    found.append(f"{root.name}/{relative}:{node.lineno} {node.name}: function {length} lines")
    return found


def main(argv: list[str]) -> int:
    everything = "--all" in argv
    paths = [a for a in argv if not a.startswith("--")]
    root = Path(paths[0]) if paths else Path(__file__).resolve().parent.parent / "decisiontool"
    found = oversized(root, everything=everything)
    for line in found:
        print(line)
    print(f"{len(found)} over (modules > {MAX_MODULE} lines, functions > {MAX_FUNCTION} lines)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
