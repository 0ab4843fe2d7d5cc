"""AHP (Saaty): eigenvector or row geometric means of a reciprocal matrix, Saaty's CR, and
logarithmic least squares for incomplete judgements.

PURE: numpy and the standard library only (see `decisiontool.engine.weights`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from decisiontool.engine.values import FloatArray

# Saaty's random consistency index RI(n): the mean consistency index of random reciprocal
# matrices of size n. n = 1..10 as in Saaty, "The Analytic Hierarchy Process" (1980) and
# "How to make a decision" (EJOR 48, 1990); n = 11..15 are the values Saaty published later
# (e.g. "Fundamentals of Decision Making and Priority Theory", 2000) and that AHP texts and
# software commonly reproduce. They come from separate, smaller simulations, which is why
# RI(12) < RI(11); they are kept as published so that CRs agree with other tools.
RANDOM_INDEX: tuple[float, ...] = (
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49,
    1.51, 1.48, 1.56, 1.57, 1.59,
)  # fmt: skip
"""`RANDOM_INDEX[n - 1]` is Saaty's random index for n items, n = 1..15."""

SAATY_MIN = 1.0 / 9.0
SAATY_MAX = 9.0

# Judgements are coarse: two values within 1% are the same judgement (0.333 for 1/3,
# 0.111 for 1/9). Used for the scale ends and for repeated judgements of one pair.
_JUDGEMENT_TOLERANCE = 1e-2
# A matrix passed in directly must be reciprocal to this relative precision.
_RECIPROCAL_TOLERANCE = 1e-6
# Deviations are rounded before sorting so that float noise does not reorder equal ones.
_DEVIATION_DECIMALS = 12


class PairDeviation(NamedTuple):
    """One judgement next to what the derived weights imply for it.

    `given` is the judged a_ij (i < j: "i is `given` times as important as j"), `implied`
    is w_i / w_j from the result's weights.
    """

    i: int
    j: int
    given: float
    implied: float

    @property
    def deviation(self) -> float:
        """|log(given / implied)|: how far the judgement is from the weights, 0 if at all."""
        return abs(math.log(self.given / self.implied))


@dataclass(frozen=True)
class AhpResult:
    """Weights derived from pairwise comparisons, with Saaty's consistency measures.

    `lambda_max` is the principal eigenvalue (or its estimate, for the geometric and
    incomplete methods), `ci = (lambda_max - n) / (n - 1)` (0 for n = 1), `cr = ci / RI(n)`:
    0.0 for n <= 2, where every reciprocal matrix is consistent, and None for n > 15, where
    no random index is published. `inconsistent_pairs` lists the given judgements (i < j),
    the most inconsistent first (largest |log(a_ij / (w_i / w_j))|).
    """

    weights: FloatArray
    lambda_max: float
    ci: float
    cr: float | None
    inconsistent_pairs: tuple[PairDeviation, ...]


class DisconnectedComparisonsError(ValueError):
    """The comparisons leave some items unrelated to others: no weights can be derived.

    `groups` holds the items (0-based) of each connected group, smallest item first.
    """

    def __init__(self, groups: list[list[int]]) -> None:
        self.groups = groups
        listed = " | ".join("{" + ", ".join(str(i) for i in group) + "}" for group in groups)
        super().__init__(
            f"the comparisons split the items into {len(groups)} groups that are never "
            f"compared with each other: {listed}; add a judgement linking each group to another"
        )


def random_index(n: int) -> float | None:
    """Saaty's random index RI(n) for n = 1..15 items; None beyond 15."""
    if n < 1:
        raise ValueError(f"the number of items must be at least 1, not {n}")
    return RANDOM_INDEX[n - 1] if n <= len(RANDOM_INDEX) else None


def _judgements(n: int, pairs: Sequence[tuple[int, int, float]]) -> dict[tuple[int, int], float]:
    """Check judgements and return them as {(i, j): a_ij} with i < j."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"the number of items must be an integer >= 1, not {n!r}")
    judged: dict[tuple[int, int], tuple[float, int]] = {}
    for number, pair in enumerate(pairs, start=1):
        if len(pair) != 3:
            raise ValueError(f"judgement {number} must be (i, j, value), not {pair!r}")
        i, j, raw = pair
        for item in (i, j):
            if isinstance(item, bool) or not isinstance(item, int | np.integer):
                raise ValueError(f"judgement {number}: item {item!r} is not an integer index")
            if not 0 <= item < n:
                raise ValueError(f"judgement {number}: item {item} is out of range (items are 0..{n - 1})")
        if i == j:
            raise ValueError(f"judgement {number} compares item {i} with itself")
        value = float(raw)
        if not math.isfinite(value) or not (
            SAATY_MIN * (1 - _JUDGEMENT_TOLERANCE) <= value <= SAATY_MAX * (1 + _JUDGEMENT_TOLERANCE)
        ):
            raise ValueError(
                f"judgement {number} ({i} vs {j}) is {raw!r}: values lie on Saaty's scale, from 1/9 to 9"
            )
        key, a = ((int(i), int(j)), value) if i < j else ((int(j), int(i)), 1.0 / value)
        if key in judged:
            earlier, earlier_number = judged[key]
            if not math.isclose(a, earlier, rel_tol=_JUDGEMENT_TOLERANCE):
                raise ValueError(
                    f"judgement {number} contradicts judgement {earlier_number}: they say item "
                    f"{key[0]} is {a:.4g} and {earlier:.4g} times as important as item {key[1]}"
                )
            continue
        judged[key] = (a, number)
    return {key: a for key, (a, _number) in judged.items()}


def ahp_matrix(n: int, pairs: Sequence[tuple[int, int, float]]) -> FloatArray:
    """The n x n reciprocal comparison matrix of a complete set of judgements.

    Each judgement `(i, j, value)` (0-based items) means "item i is `value` times as
    important as item j": a_ij = value, a_ji = 1 / value. Values lie on Saaty's scale,
    1/9 to 9 (any real in between, so intermediate and averaged judgements are accepted;
    values within 1% of the ends count as the ends). A pair may be given more than once,
    in either direction, if the judgements agree within 1% (the first is kept).

    Raises `ValueError` for an item out of range, a self-comparison, a value off the scale,
    contradictory judgements of one pair, or a pair left out (use `ahp_incomplete` then).
    """
    judged = _judgements(n, pairs)
    missing = [(i, j) for i in range(n) for j in range(i + 1, n) if (i, j) not in judged]
    if missing:
        shown = ", ".join(f"({i}, {j})" for i, j in missing[:10])
        more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        raise ValueError(
            f"{len(missing)} pair(s) not compared: {shown}{more}; "
            "compare every pair, or use the incomplete-comparisons method"
        )
    matrix = np.ones((n, n), dtype=np.float64)
    for (i, j), a in judged.items():
        matrix[i, j] = a
        matrix[j, i] = 1.0 / a
    return matrix


def _check_reciprocal(matrix: ArrayLike) -> FloatArray:
    """Return `matrix` as floats after checking it is square, positive and reciprocal."""
    a = np.asarray(matrix, dtype=np.float64)
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise ValueError(f"a comparison matrix must be square and non-empty, not {a.shape}")
    if not np.all(np.isfinite(a)) or not np.all(a > 0):
        raise ValueError("every entry of a comparison matrix must be a positive finite number")
    if not np.allclose(a * a.T, 1.0, rtol=_RECIPROCAL_TOLERANCE, atol=0.0):
        bad = np.argwhere(~np.isclose(a * a.T, 1.0, rtol=_RECIPROCAL_TOLERANCE, atol=0.0))
        i, j = (int(v) for v in bad[0])
        raise ValueError(
            f"the comparison matrix is not reciprocal: a[{i}][{j}] * a[{j}][{i}] = "
            f"{a[i, j] * a[j, i]:.6g}, not 1"
        )
    return a


def _deviations(weights: FloatArray, judged: dict[tuple[int, int], float]) -> tuple[PairDeviation, ...]:
    """The given judgements next to w_i / w_j, the most inconsistent first."""
    pairs = [PairDeviation(i, j, a, float(weights[i] / weights[j])) for (i, j), a in judged.items()]
    pairs.sort(key=lambda p: (-round(p.deviation, _DEVIATION_DECIMALS), p.i, p.j))
    return tuple(pairs)


def _result(
    matrix: FloatArray,
    weights: FloatArray,
    lambda_max: float,
    judged: dict[tuple[int, int], float],
) -> AhpResult:
    """Assemble an AhpResult: CI, CR and the inconsistent pairs of `judged`."""
    n = matrix.shape[0]
    # lambda_max >= n for every positive reciprocal matrix; rounding can put it a hair below.
    ci = max((lambda_max - n) / (n - 1), 0.0) if n > 1 else 0.0
    ri = random_index(n)
    cr: float | None
    if n <= 2:
        cr = 0.0
    elif ri is None:
        cr = None
    else:
        cr = ci / ri
    return AhpResult(
        weights=weights,
        lambda_max=lambda_max,
        ci=ci,
        cr=cr,
        inconsistent_pairs=_deviations(weights, judged),
    )


def _upper_triangle(matrix: FloatArray) -> dict[tuple[int, int], float]:
    n = matrix.shape[0]
    return {(i, j): float(matrix[i, j]) for i in range(n) for j in range(i + 1, n)}


def _lambda_estimate(matrix: FloatArray, weights: FloatArray) -> float:
    """Saaty's estimate of lambda_max from weights w: the mean of (A w)_i / w_i."""
    return float(np.mean((matrix @ weights) / weights))


def ahp_eigen(matrix: ArrayLike) -> AhpResult:
    """AHP weights as the principal right eigenvector of a reciprocal matrix (Saaty).

    The eigenvector of the largest eigenvalue, normalised to sum 1; `lambda_max` is that
    eigenvalue, from which CI and CR follow (see `AhpResult`). Every upper-triangle entry
    counts as a given judgement in `inconsistent_pairs`.

    Raises `ValueError` unless the matrix is square, positive, finite and reciprocal
    (a_ij a_ji = 1 within 1e-6).
    """
    a = _check_reciprocal(matrix)
    eigenvalues, eigenvectors = np.linalg.eig(a)
    # Perron-Frobenius: a positive matrix has a simple real eigenvalue of largest modulus,
    # with an eigenvector of one sign; it also has the largest real part.
    k = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, k].real)
    weights = (vector / vector.sum()).astype(np.float64)
    return _result(a, weights, float(eigenvalues[k].real), _upper_triangle(a))


def ahp_geometric(matrix: ArrayLike) -> AhpResult:
    """AHP weights as the normalised geometric means of the matrix rows.

    The row geometric mean is the logarithmic least-squares solution for a complete
    matrix. `lambda_max` is estimated from these weights as the mean of (A w)_i / w_i, and
    CI and CR follow from it, so the CR is comparable to (and close to) the eigenvector
    method's. Raises `ValueError` as `ahp_eigen` does.
    """
    a = _check_reciprocal(matrix)
    log_means = np.log(a).mean(axis=1)
    # Subtracting the largest keeps exp() in range; normalising removes the factor.
    weights = np.exp(log_means - log_means.max())
    weights = weights / weights.sum()
    return _result(a, weights, _lambda_estimate(a, weights), _upper_triangle(a))


def _connected_groups(n: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the comparison graph, each sorted, smallest first."""
    parent = list(range(n))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for i, j in edges:
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for item in range(n):
        groups.setdefault(root(item), []).append(item)
    return sorted(groups.values(), key=lambda group: group[0])


def ahp_incomplete(n: int, pairs: Sequence[tuple[int, int, float]]) -> AhpResult:
    """AHP weights from an incomplete set of judgements by logarithmic least squares.

    Solves log w_i - log w_j = log a_ij over the given judgements in the least-squares
    sense, with sum_i log w_i = 0 to fix the scale, then normalises w to sum 1. With every
    pair given this is the row geometric mean (`ahp_geometric`). The judgements are checked
    as in `ahp_matrix`, except that pairs may be missing.

    Consistency is measured on the completed matrix: each missing a_ij is filled with
    w_i / w_j, lambda_max is estimated as the mean of (A w)_i / w_i, and CI and CR follow
    (see `AhpResult`). Filled entries agree with the weights exactly, so the CR reflects
    only the inconsistency among the judgements actually given. `inconsistent_pairs` lists
    the given judgements only.

    Raises `DisconnectedComparisonsError` (a `ValueError`) naming the groups of items when
    the judgements do not connect every item to every other, directly or through others.
    """
    judged = _judgements(n, pairs)
    groups = _connected_groups(n, list(judged))
    if len(groups) > 1:
        raise DisconnectedComparisonsError(groups)
    if n == 1:
        return _result(np.ones((1, 1)), np.ones(1), 1.0, judged)
    keys = list(judged)
    design = np.zeros((len(keys) + 1, n), dtype=np.float64)
    target = np.zeros(len(keys) + 1, dtype=np.float64)
    for row, (i, j) in enumerate(keys):
        design[row, i] = 1.0
        design[row, j] = -1.0
        target[row] = math.log(judged[(i, j)])
    # The differences fix log w up to a common shift; this row picks the shift with
    # sum log w = 0 without changing any residual.
    design[-1, :] = 1.0
    log_weights = np.linalg.lstsq(design, target, rcond=None)[0]
    weights = np.exp(log_weights - log_weights.max())
    weights = weights / weights.sum()
    completed = weights[:, None] / weights[None, :]
    for (i, j), a in judged.items():
        completed[i, j] = a
        completed[j, i] = 1.0 / a
    return _result(completed, weights, _lambda_estimate(completed, weights), judged)
