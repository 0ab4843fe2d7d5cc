"""option_kinds in criteria/model.toml (docs/model-format.md): the kinds are the model's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from decisiontool.loading import load_model
from decisiontool.model.files import DEFAULT_OPTION_KINDS
from decisiontool.problems import ModelError
from tests.conftest import Edit

KINDS_LINE = 'option_kinds = ["peace-operation", "multilateral-approach"]'


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ModelError) as caught:
        load_model(path)
    return [str(p) for p in caught.value.problems]


def test_default_is_exactly_the_two_minusma_kinds(model_dir: Path) -> None:
    assert DEFAULT_OPTION_KINDS == ("peace-operation", "multilateral-approach")
    (model_dir / "criteria" / "model.toml").unlink()
    assert load_model(model_dir).info.option_kinds == ["peace-operation", "multilateral-approach"]


def test_starter_model_shows_the_key(model_dir: Path) -> None:
    text = (model_dir / "criteria" / "model.toml").read_text(encoding="utf-8")
    assert KINDS_LINE in text
    assert load_model(model_dir).info.option_kinds == list(DEFAULT_OPTION_KINDS)


def test_a_model_may_name_its_own_kinds(model_dir: Path, edit: Edit) -> None:
    edit(
        "criteria/model.toml",
        KINDS_LINE,
        'option_kinds = ["road", "rail", "peace-operation", "multilateral-approach"]',
    )
    edit("options/regional_office.toml", 'kind = "peace-operation"', 'kind = "rail"')
    model = load_model(model_dir)
    assert model.option("regional_office").file.kind == "rail"


def test_an_unknown_kind_names_file_key_line_and_the_closest_kind(model_dir: Path, edit: Edit) -> None:
    edit("criteria/model.toml", KINDS_LINE, 'option_kinds = ["road", "rail"]')
    edit("options/regional_office.toml", 'kind = "peace-operation"', 'kind = "rial"')
    found = [p for p in problems_of(model_dir) if p.startswith("options/regional_office.toml")]
    assert len(found) == 1, found
    assert found[0].startswith(
        "options/regional_office.toml:2: kind: 'rial' is not one of the model's option kinds"
    )
    assert "(did you mean 'rail'?)" in found[0]
    # the other two options keep "peace-operation", which this model no longer allows
    assert sum("is not one of the model's option kinds" in p for p in problems_of(model_dir)) == 3


def test_repeated_and_empty_kind_lists_are_refused(model_dir: Path, edit: Edit) -> None:
    edit("criteria/model.toml", KINDS_LINE, 'option_kinds = ["peace-operation", "peace-operation"]')
    assert any("option_kinds: names 'peace-operation' more than once" in p for p in problems_of(model_dir))
    edit(
        "criteria/model.toml",
        'option_kinds = ["peace-operation", "peace-operation"]',
        "option_kinds = []",
    )
    assert any("criteria/model.toml" in p and "option_kinds" in p for p in problems_of(model_dir))
