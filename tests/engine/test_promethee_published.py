"""PROMETHEE II against worked examples published in the literature (source named on each).

Each example is written as a model folder (one group, the example's weights, each criterion's
preference function in the model format) and ranked through the public API, so the mapping
of the published preference functions onto `preference = { function, q, p }` is tested too.
The expected net flows are the published ones, to the precision the source prints them.

The numbers were transcribed from two libraries' tests that reproduce these examples and
cite them: pymcdm (github.com/kotbaton/pymcdm, test/test_mcdm.py, TestPROMETHEE_II) and
pyrepo-mcda (github.com/energyinpython/pyrepo-mcda, tests/test_mcda_methods_2.py,
Test_PROMETHEE_II, _2 and _3). The sources' own tables could not be opened here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

import decisiontool


def write_example(
    root: Path,
    scores: np.ndarray,
    weights: Sequence[float],
    benefit: Sequence[bool],
    preference: Sequence[str],
) -> Path:
    """A model folder: options a1..am, criteria c1..cn in one group, scales from the data."""
    (root / "criteria").mkdir(parents=True)
    (root / "options").mkdir()
    (root / "criteria" / "model.toml").write_text('name = "published example"\n', encoding="utf-8")
    (root / "criteria" / "lessons.toml").write_text("", encoding="utf-8")
    lines = ['[group]\nid = "g"\nname = "G"\n']
    for j in range(scores.shape[1]):
        low, high = float(scores[:, j].min()) - 1, float(scores[:, j].max()) + 1
        lines.append(
            f'[[criterion]]\nid = "c{j + 1}"\nname = "C{j + 1}"\n'
            f'direction = "{"benefit" if benefit[j] else "cost"}"\n'
            f"scale = [{low!r}, {high!r}]\nweight = {weights[j]!r}\npreference = {preference[j]}\n"
        )
    (root / "criteria" / "g.toml").write_text("\n".join(lines), encoding="utf-8")
    for i, row in enumerate(scores):
        body = [f'name = "A{i + 1}"\nkind = "peace-operation"\n[scores]']
        body += [f"c{j + 1} = {float(x)!r}" for j, x in enumerate(row)]
        (root / "options" / f"a{i + 1}.toml").write_text("\n".join(body) + "\n", encoding="utf-8")
    return root


def net_flows(root: Path, m: int) -> list[float]:
    """PROMETHEE II net flows of a1..am, in option order."""
    ranking = decisiontool.rank(decisiontool.load(root), method="promethee2")
    by_option = {entry.option: entry.score for entry in ranking.entries}
    return [by_option[f"a{i + 1}"] for i in range(m)]


def order(flows: Sequence[float]) -> list[int]:
    """Option numbers (1-based), best net flow first."""
    return [int(i) + 1 for i in np.argsort(-np.asarray(flows), kind="stable")]


USUAL = '{ function = "usual" }'


# Zhao, H., Peng, Y. & Li, W. (2013), Revised PROMETHEE II for improving efficiency in
# emergency response, Procedia Computer Science 17, 181-188: three alternatives, three
# benefit criteria, w = (0.5, 0.3, 0.2), the usual criterion on each; net flows printed to
# 2 decimals: 0.1, -0.3, 0.2.
def test_zhao_peng_li_2013_usual(tmp_path: Path) -> None:
    scores = np.array([[4, 3, 2], [3, 2, 4], [5, 1, 3]], dtype=float)
    root = write_example(tmp_path / "m", scores, [0.5, 0.3, 0.2], [True] * 3, [USUAL] * 3)
    flows = net_flows(root, 3)
    assert flows == pytest.approx([0.1, -0.3, 0.2], abs=5e-3)
    assert order(flows) == [3, 1, 2]


# Papathanasiou, J. & Ploskas, N. (2018), PROMETHEE, in Multiple Criteria Decision Aid:
# Methods, Examples and Python Implementations, Springer, pp. 57-89
# (doi:10.1007/978-3-319-91648-4_3): six alternatives, four benefit criteria,
# w = (0.4, 0.3, 0.1, 0.2), the linear criterion ("V-shape with indifference") with q = 1,
# p = 2 on each; net flows printed to 2 decimals.
def test_papathanasiou_ploskas_2018_linear(tmp_path: Path) -> None:
    scores = np.array(
        [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]],
        dtype=float,
    )
    linear = '{ function = "linear", q = 1, p = 2 }'
    root = write_example(tmp_path / "m", scores, [0.4, 0.3, 0.1, 0.2], [True] * 4, [linear] * 4)
    flows = net_flows(root, 6)
    assert flows == pytest.approx([-0.26, -0.52, -0.22, 0.36, 0.7, -0.06], abs=5e-3)
    assert order(flows) == [5, 4, 6, 3, 1, 2]


# Ziemba, P. (2019), Towards strong sustainability management - a generalized PROSA method,
# Sustainability 11(6), 1555 (doi:10.3390/su11061555): nine alternatives, twelve criteria
# (five benefit, seven cost), the linear criterion with its own q and p on each; PROMETHEE II
# net flows printed to 4 decimals. The table below is as printed: a row per criterion.
ZIEMBA_2019_BY_CRITERION = [
    [38723, 34913, 25596, 34842, 22570, 39773, 19500, 34525, 16486],
    [33207, 32085, 2123, 32095, 1445, 17485, 868, 16958, 958],
    [0, 0.2, 5, 0.2, 0.2, 0.2, 99, 99, 99],
    [3375, 3127, 3547, 3115, 3090, 4135, 3160, 4295, 3653],
    [11.36, 12.78, 12.78, 12.86, 12.86, 17, 12.86, 17, 12.86],
    [-320.9, -148.4, -148.4, -9.9, -9.9, 0, -9.9, 0, -9.9],
    [203.7, 463, 356.2, 552.5, 295, 383, 264, 352, 264],
    [0, 11.7, 44.8, 11.7, 95.9, 95.9, 116.8, 116.8, 164.9],
    [0, 4.9, 10.7, 5.4, 11.2, 11.2, 11.2, 11.2, 11.2],
    [1, 1, 1, 3.5, 4, 4, 4, 4, 4],
    [21.5, 47.9, 27.7, 39.7, 1.5, 22.7, 2.7, 23.9, 1],
    [0, 3.7, 4.5, 10.3, 11.5, 11.5, 11.3, 11.3, 11.4],
]
ZIEMBA_2019_WEIGHTS = [0.3333, 0.1667, 0.1667, 0.3333, 0.25, 0.75, 1, 1, 0.4, 0.2, 0.4, 1]
ZIEMBA_2019_BENEFIT = [t == 1 for t in (-1, -1, 1, -1, 1, 1, -1, 1, 1, -1, -1, 1)]
ZIEMBA_2019_Q = [420, 1000, 10, 40, 1, 7, 50, 20, 1, 1, 4.6, 1]
ZIEMBA_2019_P = [2100, 5000, 50, 200, 5, 20, 100, 80, 4, 2, 23, 3]
ZIEMBA_2019_FLOWS = [-0.4143, -0.5056, -0.2317, -0.2892, 0.3313, 0.0619, 0.4296, 0.1626, 0.4554]


def test_ziemba_2019_linear_with_thresholds(tmp_path: Path) -> None:
    scores = np.array(ZIEMBA_2019_BY_CRITERION, dtype=float).T
    thresholds = zip(ZIEMBA_2019_Q, ZIEMBA_2019_P, strict=True)
    preference = [f'{{ function = "linear", q = {q}, p = {p} }}' for q, p in thresholds]
    root = write_example(tmp_path / "m", scores, ZIEMBA_2019_WEIGHTS, ZIEMBA_2019_BENEFIT, preference)
    flows = net_flows(root, 9)
    assert flows == pytest.approx(ZIEMBA_2019_FLOWS, abs=5e-5)
    assert order(flows) == order(ZIEMBA_2019_FLOWS) == [9, 7, 5, 8, 6, 3, 4, 1, 2]


# Ziemba, P., Wątróbski, J., Zioło, M. & Karczmarczyk, A. (2017), Using the PROSA method in
# offshore wind farm location problems, Energies 10(11), 1755 (doi:10.3390/en10111755): four
# locations, twelve criteria (four benefit, eight cost), weights 20, 5, 5, 1.67, 1.67, 11.67,
# 11.67, 5, 5, 16.67, 8.33, 8.33 (relative), the V-shape criterion with its own p on each;
# PROMETHEE II net flows printed to 4 decimals. A row per criterion, as printed.
ZIEMBA_2017_BY_CRITERION = [
    [16347, 14219, 8160, 8160],
    [9, 8.5, 9, 8.5],
    [73.8, 55, 64.8, 62.5],
    [36.7, 36, 28.5, 29.5],
    [1.5, 2, 2, 1.5],
    [3730, 3240, 1860, 1860],
    [2, 1, 2, 1],
    [1, 1, 2, 3],
    [38.8, 33.1, 45.8, 27.3],
    [4, 2, 4, 3],
    [1720524, 1496512, 858830, 858830],
    [40012, 34803, 19973, 19973],
]
ZIEMBA_2017_WEIGHTS = [20, 5, 5, 1.67, 1.67, 11.67, 11.67, 5, 5, 16.67, 8.33, 8.33]
ZIEMBA_2017_BENEFIT = [t == 1 for t in (-1, -1, -1, -1, -1, 1, -1, -1, 1, -1, 1, 1)]
ZIEMBA_2017_P = [7280, 4, 13.4, 7.4, 3, 1662, 3, 3, 13.8, 3, 766240, 17820]
ZIEMBA_2017_FLOWS = [-0.0445, 0.1884, -0.0954, -0.0485]


def test_ziemba_et_al_2017_v_shape(tmp_path: Path) -> None:
    scores = np.array(ZIEMBA_2017_BY_CRITERION, dtype=float).T
    preference = [f'{{ function = "v-shape", p = {p} }}' for p in ZIEMBA_2017_P]
    root = write_example(tmp_path / "m", scores, ZIEMBA_2017_WEIGHTS, ZIEMBA_2017_BENEFIT, preference)
    flows = net_flows(root, 4)
    assert flows == pytest.approx(ZIEMBA_2017_FLOWS, abs=5e-5)
    assert order(flows) == [2, 1, 4, 3]
