"""The shared names (decisiontool/names.py) are exactly the engine's registries' names."""

from __future__ import annotations

import decisiontool.names as names
from decisiontool.engine import METHODS
from decisiontool.engine.weights import RANK_ORDER_METHODS
from decisiontool.model import DEFAULT_PROFILE


def test_method_names_are_the_registry() -> None:
    assert names.METHOD_IDS == ("wsm", "topsis", "vikor", "promethee2")
    assert tuple(METHODS) == names.METHOD_IDS


def test_rank_methods_are_the_engines() -> None:
    assert names.RANK_METHODS == ("roc", "rs", "rr", "equal")
    assert RANK_ORDER_METHODS == names.RANK_METHODS
    assert set(names.RANK_METHOD_LABELS) == set(names.RANK_METHODS)


def test_default_profile_is_one_name() -> None:
    assert DEFAULT_PROFILE == names.DEFAULT_PROFILE == "default"
