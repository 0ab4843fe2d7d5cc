"""A principal eigenvector by power iteration, independent of the eigen-solver the AHP code uses."""

from __future__ import annotations


def power_iteration(matrix: list[list[float]], steps: int = 200) -> tuple[list[float], float]:
    """The principal eigenvector (summing to 1) and eigenvalue by repeated multiplication: an
    independent route to what the AHP code gets from numpy's eigen-solver."""
    vector = [1.0] * len(matrix)
    for _ in range(steps):
        product = [sum(a * v for a, v in zip(row, vector, strict=True)) for row in matrix]
        vector = [p / sum(product) for p in product]
    product = [sum(a * v for a, v in zip(row, vector, strict=True)) for row in matrix]
    return vector, sum(product) / sum(vector)
