"""Fixtures for the report tests: an analysis of the starter model and hand-made robustness documents.

The sensitivity and SMAA documents are written by hand in the shape of SPEC section 6, so the
report sections are tested independently of the engines that will produce them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from decisiontool.analysis import Analysis
from decisiontool.loading import load_model


@pytest.fixture
def analysis(model_dir: Path) -> Analysis:
    """The starter model under its default weights, ranked by wsm."""
    return Analysis.create(load_model(model_dir))


@pytest.fixture
def sensitivity_document(analysis: Analysis) -> dict[str, Any]:
    """A `decisiontool.sensitivity/1` document for the starter model (numbers made up, shape exact)."""
    ids = ["regional_office", "law_enforcement_network", "large_mission"]
    return {
        "schema": "decisiontool.sensitivity/1",
        "method": "wsm",
        "profile": "default",
        "weights": analysis.weight_map(),
        "top": "regional_office",
        "criteria": [
            {
                "criterion": "resources",
                "weight": 0.4,
                "critical_up": {"weight": 0.62, "new_top": "large_mission"},
                "critical_down": None,
                "exact": True,
                "sweep": {
                    "weights": [0.0, 0.5, 1.0],
                    "scores": {i: [0.5, 0.6, 0.7] for i in ids},
                    "ranks": {i: [1, 2, 3] for i in ids},
                },
            },
            {
                "criterion": "reach",
                "weight": 0.26666666666666666,
                "critical_up": None,
                "critical_down": {"weight": 0.21, "new_top": "law_enforcement_network"},
                "exact": True,
                "sweep": {"weights": [0.0, 1.0], "scores": {}, "ranks": {}},
            },
            {
                "criterion": "durability",
                "weight": 0.16666666666666666,
                "critical_up": None,
                "critical_down": None,
                "exact": False,
                "sweep": {"weights": [0.0, 1.0], "scores": {}, "ranks": {}},
            },
            {
                "criterion": "cost",
                "weight": 0.16666666666666666,
                "critical_up": {"weight": 0.9, "new_top": "law_enforcement_network"},
                "critical_down": None,
                "exact": True,
                "sweep": {"weights": [0.0, 1.0], "scores": {}, "ranks": {}},
            },
        ],
    }


@pytest.fixture
def smaa_document(analysis: Analysis) -> dict[str, Any]:
    """A `decisiontool.smaa/1` document for the starter model (numbers made up, shape exact)."""
    return {
        "schema": "decisiontool.smaa/1",
        "method": "wsm",
        "profile": "default",
        "weights": analysis.weight_map(),
        "samples": 10000,
        "seed": 1,
        "weight_mode": "free",
        "score_dist": "uniform",
        "options": [
            {
                "option": "regional_office",
                "rank_acceptability": [0.84, 0.15, 0.01],
                "expected_rank": 1.17,
                "central_weights": {"resources": 0.3, "reach": 0.4, "durability": 0.2, "cost": 0.1},
                "confidence": 0.91,
            },
            {
                "option": "law_enforcement_network",
                "rank_acceptability": [0.12, 0.7, 0.18],
                "expected_rank": 2.06,
                "central_weights": {"resources": 0.2, "reach": 0.3, "durability": 0.3, "cost": 0.2},
                "confidence": 0.3,
            },
            {
                "option": "large_mission",
                "rank_acceptability": [0.04, 0.15, 0.81],
                "expected_rank": 2.77,
                "central_weights": {"resources": 0.7, "reach": 0.1, "durability": 0.1, "cost": 0.1},
                "confidence": 0.05,
            },
        ],
        "pairwise_winning": {
            "regional_office": {"law_enforcement_network": 0.86, "large_mission": 0.95},
            "law_enforcement_network": {"regional_office": 0.14, "large_mission": 0.8},
            "large_mission": {"regional_office": 0.05, "law_enforcement_network": 0.2},
        },
    }
