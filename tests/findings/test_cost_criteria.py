"""model.toml's `cost_criteria`: loaded, validated (file:key messages), set in the bundled model."""

from __future__ import annotations

from pathlib import Path

import pytest

from decisiontool.loading import load_model
from decisiontool.problems import ModelError
from tests.conftest import Edit


def test_bundled_model_names_its_money_criterion() -> None:
    model = load_model()
    assert model.info.cost_criteria == ["cost_burden"]
    assert model.criterion("cost_burden").direction == "cost"


def test_starter_model_has_none(model_dir: Path) -> None:
    assert load_model(model_dir).info.cost_criteria == []


def test_cost_criteria_load(model_dir: Path, edit: Edit) -> None:
    edit("criteria/model.toml", 'version = "0.1"', 'version = "0.1"\ncost_criteria = ["cost"]')
    assert load_model(model_dir).info.cost_criteria == ["cost"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '["cots"]',
            "criteria/model.toml:9: cost_criteria[1]: unknown criterion 'cots' (did you mean 'cost'?)",
        ),
        ('["cost", "cost"]', "criteria/model.toml:9: cost_criteria[2]: 'cost' is named twice"),
        ('["Cost"]', "criteria/model.toml:9: cost_criteria[#1]: 'Cost' is not a valid id"),
        ('"cost"', "criteria/model.toml:9: cost_criteria: Input should be a valid list"),
    ],
)
def test_bad_cost_criteria_are_refused(model_dir: Path, edit: Edit, value: str, expected: str) -> None:
    edit("criteria/model.toml", 'version = "0.1"', f'version = "0.1"\ncost_criteria = {value}')
    with pytest.raises(ModelError) as raised:
        load_model(model_dir)
    messages = [str(problem) for problem in raised.value.problems]
    assert [message for message in messages if message.startswith(expected)], messages
