"""The examples in the README and in docs/python-api.md run, and say what they show."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
DOCUMENTS = ["README.md", "docs/python-api.md", "docs/panel.md"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_examples_run(name: str) -> None:
    # code fences would read as expected output: drop them, keep everything else
    text = "\n".join(
        line for line in (ROOT / name).read_text(encoding="utf-8").splitlines() if not line.startswith("```")
    )
    test = doctest.DocTestParser().get_doctest(text, {}, name, str(ROOT / name), 0)
    assert test.examples, f"{name} has no examples"
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


@pytest.mark.parametrize(
    "name", ["model-format.md", "json.md", "methods.md", "python-api.md", "panel.md", "findings.md"]
)
def test_the_readme_links_every_document(name: str) -> None:
    assert f"(docs/{name})" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_code_and_documents_cite_docs_not_an_outside_contract() -> None:
    # issue 10 item 7: the repository's own docs/ are what code and documents point to
    texts = [
        *ROOT.joinpath("decisiontool").rglob("*.py"),
        *ROOT.joinpath("docs").glob("*.md"),
        ROOT / "README.md",
    ]
    citing = [str(path.relative_to(ROOT)) for path in texts if "SPEC" in path.read_text(encoding="utf-8")]
    assert citing == []


def test_every_document_cited_by_the_code_exists() -> None:
    import re

    cited = set()
    for path in ROOT.joinpath("decisiontool").rglob("*.py"):
        cited |= set(re.findall(r"docs/([a-z_-]+\.md)", path.read_text(encoding="utf-8")))
    assert cited, "the code cites no document"
    missing = sorted(name for name in cited if not (ROOT / "docs" / name).is_file())
    assert missing == []
