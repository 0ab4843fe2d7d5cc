"""TOPSIS and VIKOR against worked examples published in the literature (source named on each).

The expected numbers are the published ones, to the precision the source prints them; the
pymcdm cross-checks at the end are a second, independent implementation on the same data.
"""

from __future__ import annotations

import numpy as np
import pytest

from decisiontool.engine import CriteriaArrays, vikor_conditions
from decisiontool.engine.methods import topsis, vikor


def criteria(benefit: list[bool], scores: np.ndarray) -> CriteriaArrays:
    """Scales from the data (TOPSIS and VIKOR use only the options' own best and worst)."""
    return CriteriaArrays.simple(list(scores.min(axis=0) - 1), list(scores.max(axis=0) + 1), benefit)


# Tzeng, G.-H. & Huang, J.-J. (2011), Multiple Attribute Decision Making: Methods and
# Applications, CRC Press: TOPSIS example, four alternatives, three benefit criteria,
# w = (0.3, 0.4, 0.3), vector normalisation; relative closeness printed to 4 decimals.
TZENG_HUANG = np.array([[5.0, 8.0, 4.0], [7.0, 6.0, 8.0], [8.0, 8.0, 6.0], [7.0, 4.0, 6.0]])
TZENG_HUANG_WEIGHTS = np.array([0.3, 0.4, 0.3])
TZENG_HUANG_CLOSENESS = [0.5037, 0.6581, 0.7482, 0.3340]


def test_topsis_tzeng_huang_2011() -> None:
    result = topsis(TZENG_HUANG, TZENG_HUANG_WEIGHTS, criteria([True] * 3, TZENG_HUANG))
    assert result.score == pytest.approx(TZENG_HUANG_CLOSENESS, abs=1e-4)
    assert list(np.argsort(-result.score)) == [2, 1, 0, 3]  # A3 > A2 > A1 > A4


# Opricovic, S. & Tzeng, G.-H. (2004), Compromise solution by MCDM methods: a comparative
# analysis of VIKOR and TOPSIS, European Journal of Operational Research 156(2), 445-455,
# numerical example: risk (to minimise) and altitude (to maximise), w = (0.5, 0.5), v = 0.5.
# Published: S = (0.5, 0.375, 0.5), R = (0.5, 0.25, 0.5), Q = (1, 0, 1); A2 is the
# compromise solution, with acceptable advantage and acceptable stability.
OPRICOVIC_2004 = np.array([[1.0, 3000.0], [2.0, 3750.0], [5.0, 4500.0]])


def test_vikor_opricovic_tzeng_2004() -> None:
    result = vikor(OPRICOVIC_2004, np.array([0.5, 0.5]), criteria([False, True], OPRICOVIC_2004))
    assert result.extras["S"] == pytest.approx([0.5, 0.375, 0.5])
    assert result.extras["R"] == pytest.approx([0.5, 0.25, 0.5])
    assert result.extras["Q"] == pytest.approx([1.0, 0.0, 1.0])
    conditions = vikor_conditions(result.extras["Q"], result.extras["S"], result.extras["R"])
    assert conditions.acceptable_advantage and conditions.acceptable_stability
    assert conditions.compromise_set == (1,)


# Opricovic, S. & Tzeng, G.-H. (2007), Extended VIKOR method in comparison with outranking
# methods, European Journal of Operational Research 178(2), 514-529: six hydropower
# alternatives, eight criteria, equal weights (their weight set W1), v = 0.5; S, R and Q
# printed to 3 decimals.
OPRICOVIC_2007 = np.array(
    [
        [4184.3, 2914.0, 407.2, 251.0, 195, 244, 15, 2.41],
        [5211.9, 3630.0, 501.7, 308.3, 282, 346, 21, 1.41],
        [5021.3, 3920.5, 504.0, 278.6, 12, 56, 3, 4.42],
        [5566.1, 3957.9, 559.5, 335.3, 167, 268, 16, 3.36],
        [5060.5, 3293.5, 514.1, 284.2, 69, 90, 7, 4.04],
        [4317.9, 2925.9, 432.8, 239.3, 12, 55, 3, 4.36],
    ]
)
# profit max, cost min, energy max, peak energy max, homes min, area min, villages min, environment max
OPRICOVIC_2007_BENEFIT = [True, False, True, True, False, False, False, True]


def test_vikor_opricovic_tzeng_2007_equal_weights() -> None:
    weights = np.full(8, 1 / 8)
    result = vikor(OPRICOVIC_2007, weights, criteria(OPRICOVIC_2007_BENEFIT, OPRICOVIC_2007))
    assert result.extras["S"] == pytest.approx([0.692, 0.7, 0.29, 0.423, 0.28, 0.346], abs=1.5e-3)
    assert result.extras["R"] == pytest.approx([0.125, 0.125, 0.121, 0.125, 0.067, 0.125], abs=1.5e-3)
    assert result.extras["Q"] == pytest.approx([0.991, 1.0, 0.473, 0.670, 0.0, 0.578], abs=1.5e-3)
    assert int(np.argmin(result.extras["Q"])) == 4  # A5 is the compromise solution
    conditions = vikor_conditions(result.extras["Q"], result.extras["S"], result.extras["R"])
    assert conditions.acceptable_advantage and conditions.acceptable_stability


# -- a second implementation on the same data ------------------------------------------


def test_pymcdm_agrees_on_the_published_examples() -> None:
    pymcdm = pytest.importorskip("pymcdm")
    vector = pymcdm.methods.TOPSIS(normalization_function=pymcdm.normalizations.vector_normalization)
    closeness = vector(TZENG_HUANG, TZENG_HUANG_WEIGHTS, np.array([1, 1, 1]))
    ours = topsis(TZENG_HUANG, TZENG_HUANG_WEIGHTS, criteria([True] * 3, TZENG_HUANG)).score
    assert ours == pytest.approx(closeness)
    types = np.array([1 if b else -1 for b in OPRICOVIC_2007_BENEFIT])
    q = pymcdm.methods.VIKOR()(OPRICOVIC_2007, np.full(8, 1 / 8), types)
    ours_q = vikor(
        OPRICOVIC_2007, np.full(8, 1 / 8), criteria(OPRICOVIC_2007_BENEFIT, OPRICOVIC_2007)
    ).extras["Q"]
    assert ours_q == pytest.approx(q)
