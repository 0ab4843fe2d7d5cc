"""Fuzzing the loader: mutated and random TOML only ever gives a model or clear problems."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import tomlkit
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from decisiontool.loading import load_model
from decisiontool.problems import ModelError
from decisiontool.starter import starter_files

FILES = starter_files()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

toml_scalars = st.one_of(
    st.integers(-10, 10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.booleans(),
    st.lists(st.integers(-3, 8), max_size=3),
    st.dictionaries(st.sampled_from(["value", "range", "q", "p", "x"]), st.integers(-2, 7), max_size=2),
)


def check(files: dict[str, str]) -> None:
    """Write the files as a model and load it: a model or a ModelError, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        try:
            load_model(root)
        except ModelError as error:
            assert error.problems
            for problem in error.problems:
                text = str(problem)
                assert text.startswith(problem.path)
                assert problem.message
                assert "Traceback" not in text


def keys_of(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append((*prefix, key))
            found += keys_of(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += keys_of(value, (*prefix, index))
    return found


@SETTINGS
@given(st.sampled_from(sorted(FILES)), st.data())
def test_structured_mutations(name: str, data: st.DataObject) -> None:
    document = tomlkit.parse(FILES[name]).unwrap()
    paths = keys_of(document)
    path = data.draw(st.sampled_from(paths))
    parent: Any = document
    for part in path[:-1]:
        parent = parent[part]
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "delete":
        del parent[path[-1]]
    elif action == "add" and isinstance(parent, dict):
        parent[data.draw(st.text(alphabet="abcdefxyz_", min_size=1, max_size=6))] = data.draw(toml_scalars)
    else:
        parent[path[-1]] = data.draw(toml_scalars)
    try:
        text = tomlkit.dumps(document)
    except Exception:  # tomlkit cannot write some values (e.g. NaN keys): not the loader's concern
        text = None
    assume(text is not None)
    assert text is not None
    check({**FILES, name: text})


@SETTINGS
@given(st.sampled_from(sorted(FILES)), st.integers(0, 2000), st.text(max_size=12), st.integers(0, 5))
def test_textual_mutations(name: str, position: int, insert: str, cut: int) -> None:
    text = FILES[name]
    position %= len(text)
    check({**FILES, name: text[:position] + insert + text[position + cut :]})


@SETTINGS
@given(st.text(max_size=200))
def test_random_text_as_an_option(text: str) -> None:
    check({**FILES, "options/random.toml": text})


def test_copy_of_starter_is_valid(tmp_path: Path) -> None:
    for relative, text in FILES.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text)
    load_model(tmp_path)
    shutil.rmtree(tmp_path)
