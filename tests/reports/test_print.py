"""The HTML report printed to A4 by headless Chromium: nothing forces the page to shrink.

A browser prints a document with something wider than the page by scaling the whole of it
down (the contribution table once shrank it to about 82%). The test prints the bundled model's
report (14 options, 13 criteria, every section) and the three-option starter model's, which fits
the page easily, and compares the printed height of one word of the cover, set in the same CSS:
equal heights mean the bundled report was not scaled. Needs `chromium` and poppler's `pdftotext`
(Debian packages); without them the test is reported as skipped, not passed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.cli import app

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFTOTEXT = shutil.which("pdftotext")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None, reason="needs chromium and pdftotext to print and read a PDF"
)


def printed(html: Path) -> Path:
    pdf = html.with_suffix(".pdf")
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
    subprocess.run(
        [*command, f"--print-to-pdf={pdf}", html.as_uri()], capture_output=True, timeout=300, check=False
    )
    assert pdf.exists() and pdf.stat().st_size > 0
    return pdf


def word_height(pdf: Path, word: str) -> tuple[float, str]:
    """The printed height of the first `word` on page 1, and the page size line."""
    boxes = subprocess.run(
        [str(PDFTOTEXT), "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(
        rf'<page width="([\d.]+)" height="([\d.]+)">.*?yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">{word}<',
        boxes,
        re.S,
    )
    assert found is not None, boxes[:500]
    return float(found.group(4)) - float(found.group(3)), f"{found.group(1)} x {found.group(2)}"


def report(tmp_path: Path, name: str, *data: str) -> Path:
    target = tmp_path / f"{name}.html"
    result = runner.invoke(app, ["report", *data, "-o", str(target), "--date", "2026-03-15"])
    assert result.exit_code == 0, result.stderr
    return target


def test_the_bundled_report_prints_on_a4_unscaled(model_dir: Path, tmp_path: Path) -> None:
    small, small_page = word_height(printed(report(tmp_path, "starter", "--data", str(model_dir))), "Model")
    full, full_page = word_height(printed(report(tmp_path, "bundled")), "Model")
    width, height = (float(side) for side in full_page.split(" x "))
    assert small_page == full_page and round(width) == 595 and round(height) == 842  # A4 in points
    assert full == pytest.approx(small, rel=0.01), f"printed at {full / small:.0%} of full size"
