"""The public Python API: what `import decisiontool` offers, how cheaply, and its examples run.

Every docstring example of the API's modules is run here (doctest), so the documented
examples cannot drift from the code.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import decisiontool

PACKAGE = Path(decisiontool.__file__).parent


def test_importing_the_package_loads_nothing_heavy() -> None:
    script = "import decisiontool, sys, json; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout))
    for heavy in ("numpy", "pydantic", "typer", "rich", "textual", "tomli", "jinja2"):
        assert heavy not in loaded, heavy
    assert not [m for m in loaded if m.startswith("decisiontool.")]


def test_one_public_name_loads_only_its_own_module() -> None:
    script = "import decisiontool, sys, json; decisiontool.ModelError; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    loaded = set(json.loads(result.stdout))
    assert "decisiontool.problems" in loaded
    assert "numpy" not in loaded and "decisiontool.analysis" not in loaded


def _type_checking_imports() -> dict[str, str]:
    """Public name -> "module:attribute" as the TYPE_CHECKING block of __init__.py imports it."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                for alias in statement.names:
                    found[alias.asname or alias.name] = f"{statement.module}:{alias.name}"
    return found


def test_all_the_lazy_map_and_the_type_checking_imports_agree() -> None:
    public = decisiontool._PUBLIC
    assert sorted(decisiontool.__all__) == sorted([*public, "__version__"])
    assert _type_checking_imports() == public


@pytest.mark.parametrize("name", sorted(decisiontool._PUBLIC))
def test_every_public_name_is_the_object_it_names(name: str) -> None:
    module_name, _, attribute = decisiontool._PUBLIC[name].partition(":")
    assert getattr(decisiontool, name) is getattr(importlib.import_module(module_name), attribute)
    assert name in dir(decisiontool)


def test_no_public_name_is_also_a_submodule() -> None:
    # importing a submodule sets the package attribute of the same name, which would hide the
    # public function of that name (e.g. a `decisiontool.panel` package and a `panel` function)
    submodules = {
        path.stem for path in PACKAGE.iterdir() if path.suffix == ".py" or (path / "__init__.py").exists()
    }
    assert not submodules & set(decisiontool._PUBLIC)


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        decisiontool.nonsense  # noqa: B018


def test_errors_carry_problems(tmp_path: Path) -> None:
    with pytest.raises(decisiontool.ModelError) as caught:
        decisiontool.load(tmp_path / "nowhere")
    assert caught.value.problems
    assert all(isinstance(problem, decisiontool.Problem) for problem in caught.value.problems)


def test_rank_from_a_model_with_settings(model_dir: Path) -> None:
    model = decisiontool.load(model_dir)
    ranking = decisiontool.rank(model, method="vikor", weights={"cost": 0})
    assert ranking.method == "vikor" and ranking.higher_is_better is False
    document = ranking.to_json()
    assert document["weights"]["cost"] == 0
    assert [entry["option"] for entry in document["ranking"]] == [entry.option for entry in ranking.entries]
    # the same settings through the CLI give the same document
    from typer.testing import CliRunner

    from decisiontool.cli import app

    args = ["rank", "--data", str(model_dir), "--method", "vikor", "--weight", "cost=0", "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert json.loads(result.stdout) == json.loads(json.dumps(document))


API_MODULES = [
    "decisiontool",
    "decisiontool.ranking",
    "decisiontool.robustness.sweeps",
    "decisiontool.robustness.acceptability",
    "decisiontool.panel.core",
    "decisiontool.model.arrays",
    "decisiontool.bars",
    "decisiontool.engine.sensitivity",
]


@pytest.mark.parametrize("module_name", API_MODULES)
def test_docstring_examples_run(module_name: str) -> None:
    module = importlib.import_module(module_name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [test for test in finder.find(module, module_name) if test.examples]
    for test in tests:
        runner.run(test)
    assert tests, f"{module_name} has no examples"
    assert runner.summarize(verbose=False).failed == 0
