"""No module over about 400 lines, no function over about 60 (issue 10 item 4), anywhere in
the package; `scripts/sizes.py` is the checker (`--all`: tui/, reports/ and the engine too).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "decisiontool"


def _sizes() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sizes", ROOT / "scripts" / "sizes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _relative(line: str) -> str:
    """`decisiontool/x/y.py:12 name: ...` or `decisiontool/x/y.py: module ...` -> `x/y.py`."""
    path = line.split(":", 1)[0]
    return path.removeprefix(f"{PACKAGE.name}/")


def test_the_whole_package_is_within_the_limits() -> None:
    assert _sizes().oversized(PACKAGE, everything=True) == []


def test_the_checker_finds_a_long_function_and_a_long_module(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(60))
    (package / "long.py").write_text(f"def long():\n{body}\n", encoding="utf-8")  # 61 lines
    (package / "short.py").write_text("def short():\n" + "    pass\n" * 59, encoding="utf-8")  # 60
    (package / "big.py").write_text("x = 1\n" * 401, encoding="utf-8")
    assert _sizes().oversized(package, everything=True) == [
        "pkg/big.py: module 401 lines",
        "pkg/long.py:1 long: function 61 lines",
    ]
