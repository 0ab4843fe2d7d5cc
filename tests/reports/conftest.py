"""Fixtures for the report tests: an analysis of the starter model and hand-made robustness results.

The sensitivity and SMAA results are written by hand (numbers made up, shape as docs/json.md
documents it), so the report sections are tested independently of the engines that produce them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from decisiontool.analysis import Analysis
from decisiontool.documents import DocumentHeader
from decisiontool.loading import load_model
from decisiontool.robustness import (
    CriterionSensitivity,
    CriticalWeight,
    OptionAcceptability,
    SensitivityResult,
    SmaaResult,
    Sweep,
)

OPTIONS = ("regional_office", "law_enforcement_network", "large_mission")


@pytest.fixture
def analysis(model_dir: Path) -> Analysis:
    """The starter model under its default weights, ranked by wsm."""
    return Analysis.create(load_model(model_dir))


def _two_step_sweep() -> Sweep:
    return Sweep(weights=(0.0, 1.0), scores={}, ranks={})


@pytest.fixture
def sensitivity_result(analysis: Analysis) -> SensitivityResult:
    """A sensitivity result for the starter model (numbers made up).

    Margins: reach 0.2667 -> 0.21 (0.0567), resources 0.4 -> 0.62 (0.22), cost 0.1667 -> 0.9
    (0.7333), durability never; so the tornado is reach, resources, cost, durability, which is
    not the model order (resources, reach, durability, cost).
    """
    entries = (
        CriterionSensitivity(
            criterion="resources",
            weight=0.4,
            critical_up=CriticalWeight(0.62, "large_mission"),
            critical_down=None,
            exact=True,
            margin=0.22,
            sweep=Sweep(
                weights=(0.0, 0.5, 1.0),
                scores={option: (0.5, 0.6, 0.7) for option in OPTIONS},
                ranks={option: (1, 2, 3) for option in OPTIONS},
            ),
        ),
        CriterionSensitivity(
            criterion="reach",
            weight=0.26666666666666666,
            critical_up=None,
            critical_down=CriticalWeight(0.21, "law_enforcement_network"),
            exact=True,
            margin=0.26666666666666666 - 0.21,
            sweep=_two_step_sweep(),
        ),
        CriterionSensitivity(
            criterion="durability",
            weight=0.16666666666666666,
            critical_up=None,
            critical_down=None,
            exact=False,
            margin=None,
            sweep=_two_step_sweep(),
        ),
        CriterionSensitivity(
            criterion="cost",
            weight=0.16666666666666666,
            critical_up=CriticalWeight(0.9, "law_enforcement_network"),
            critical_down=None,
            exact=True,
            margin=0.9 - 0.16666666666666666,
            sweep=_two_step_sweep(),
        ),
    )
    return SensitivityResult(
        header=DocumentHeader.of(analysis),
        top="regional_office",
        by="criteria",
        criteria=entries,
        tornado=("reach", "resources", "cost", "durability"),
    )


@pytest.fixture
def smaa_result(analysis: Analysis) -> SmaaResult:
    """A SMAA result for the starter model (numbers made up)."""
    return SmaaResult(
        header=DocumentHeader.of(analysis),
        samples=10000,
        seed=1,
        weight_mode="free",
        spread=0.2,
        score_dist="uniform",
        options=(
            OptionAcceptability(
                option="regional_office",
                name="Regional political office",
                rank_acceptability=(0.84, 0.15, 0.01),
                expected_rank=1.17,
                central_weights={"resources": 0.3, "reach": 0.4, "durability": 0.2, "cost": 0.1},
                confidence=0.91,
            ),
            OptionAcceptability(
                option="law_enforcement_network",
                name="Law-enforcement cooperation network",
                rank_acceptability=(0.12, 0.7, 0.18),
                expected_rank=2.06,
                central_weights={"resources": 0.2, "reach": 0.3, "durability": 0.3, "cost": 0.2},
                confidence=0.3,
            ),
            OptionAcceptability(
                option="large_mission",
                name="Large multidimensional mission",
                rank_acceptability=(0.04, 0.15, 0.81),
                expected_rank=2.77,
                central_weights={"resources": 0.7, "reach": 0.1, "durability": 0.1, "cost": 0.1},
                confidence=0.05,
            ),
        ),
        pairwise_winning={
            "regional_office": {"law_enforcement_network": 0.86, "large_mission": 0.95},
            "law_enforcement_network": {"regional_office": 0.14, "large_mission": 0.8},
            "large_mission": {"regional_office": 0.05, "law_enforcement_network": 0.2},
        },
    )
