"""Every option's score after one option's score on one criterion is changed, in O(m) per change.

A closest-change search (`decisiontool.findings.changes`) tries hundreds of single-score
changes per option. Scoring each as a whole new model costs O(m n) (O(m^2) per criterion for
PROMETHEE II's pairwise preferences), which at 2,000 options did not finish in minutes. But
every method here is built column by column: a criterion's column enters the score only
through its own term (wsm: the weighted value; PROMETHEE II: the criterion's net flow; TOPSIS:
the squared distances to the column's ideal and anti-ideal; VIKOR: the weighted regret, in a
sum S and a maximum R). So each criterion's terms are summed once without it, and a change
re-scores only the changed column (O(m): for PROMETHEE II only the pairs with the changed
option move) and combines it with those sums. The results equal the method's own up to
rounding (tests/findings/test_column.py checks them against the engine).

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from decisiontool.engine.methods import _rescale, topsis_prepare, vikor_prepare
from decisiontool.engine.promethee import preference_degree
from decisiontool.engine.smaa import _criterion_parts, _one_criterion_models
from decisiontool.engine.values import CriteriaArrays, FloatArray, IntArray, values

__all__ = ["OneScoreChange"]


def _without_each(terms: FloatArray, combine: str) -> FloatArray:
    """(n, m): for each criterion j, the sum (or maximum) over the other criteria of the
    (m, n) `terms`; a maximum over no criterion is -inf."""
    m, n = terms.shape
    found = np.empty((n, m))
    for j in range(n):
        rest = np.delete(terms, j, axis=1)
        if combine == "sum":
            found[j] = rest.sum(axis=1)
        else:
            found[j] = rest.max(axis=1) if n > 1 else np.full(m, -np.inf)
    return found


@dataclass(frozen=True)
class OneScoreChange:
    """The scores of a model (options x criteria) under fixed weights, ready for single-score
    changes: `scores(option, columns, xs)` is every option's score after `option`'s score on
    criterion `columns[r]` is set to `xs[r]`, one row r each."""

    method_id: str
    scores_: FloatArray
    weights: FloatArray
    singles: list[CriteriaArrays]
    vikor_v: float
    parts: FloatArray
    """(m, n) per option and criterion: the additive part with weight 1 (wsm, promethee2),
    the weighted squared distance to the ideal (topsis), the weighted regret (vikor)."""
    rest: tuple[FloatArray, ...]
    """Per combined quantity, (n, m) its value over every criterion but one."""

    @classmethod
    def of(
        cls, method_id: str, scores: FloatArray, weights: FloatArray, criteria: CriteriaArrays, v: float
    ) -> OneScoreChange:
        """Precomputed sums for the model (O(m n^2) once)."""
        from decisiontool.engine.methods import METHODS

        singles = _one_criterion_models(criteria)
        if method_id in ("wsm", "promethee2"):
            parts = _criterion_parts(METHODS[method_id], scores, singles, v)
            rest: tuple[FloatArray, ...] = (_without_each(parts * weights, "sum"),)
        elif method_id == "topsis":
            to_ideal, to_anti = topsis_prepare(scores, criteria)
            squared = np.square(weights)
            parts = to_ideal
            rest = (_without_each(to_ideal * squared, "sum"), _without_each(to_anti * squared, "sum"))
        else:  # vikor
            terms = vikor_prepare(scores, criteria) * weights
            parts = terms
            rest = (_without_each(terms, "sum"), _without_each(terms, "max"))
        return cls(method_id, scores, weights, singles, v, parts, rest)

    def scores(self, option: int, columns: IntArray, xs: FloatArray) -> FloatArray:
        """(k, m) every option's score after each change (see the class docstring)."""
        k = xs.shape[0]
        m = self.scores_.shape[0]
        found = np.empty((k, m))
        for j in np.unique(columns):
            rows = np.flatnonzero(columns == j)
            column = np.repeat(self.scores_[None, :, j], rows.shape[0], axis=0)
            column[:, option] = xs[rows]
            found[rows] = self._column_scores(int(j), option, column)
        return found

    def _column_scores(self, j: int, option: int, column: FloatArray) -> FloatArray:
        """(k, m) scores with criterion j's column replaced by each row of `column` (k, m)."""
        single = self.singles[j]
        w = float(self.weights[j])
        if self.method_id == "wsm":
            valued: FloatArray = self.rest[0][j] + w * values(column[..., None].copy(), single)[..., 0]
            return valued
        if self.method_id == "promethee2":
            flowed: FloatArray = self.rest[0][j] + w * self._net_flow(j, option, column[:, option])
            return flowed
        if self.method_id == "topsis":
            to_ideal, to_anti = topsis_prepare(column[..., None], single)
            d_plus = np.sqrt(self.rest[0][j] + w * w * to_ideal[..., 0])
            d_minus = np.sqrt(self.rest[1][j] + w * w * to_anti[..., 0])
            total = d_plus + d_minus
            closeness: FloatArray = np.divide(d_minus, total, out=np.full_like(total, 0.5), where=total > 0)
            return closeness
        terms = w * vikor_prepare(column[..., None], single)[..., 0]
        s = self.rest[0][j] + terms
        r = np.maximum(self.rest[1][j], terms)
        q: FloatArray = self.vikor_v * _rescale(s) + (1.0 - self.vikor_v) * _rescale(r)
        return q

    def _net_flow(self, j: int, option: int, xs: FloatArray) -> FloatArray:
        """(k, m) criterion j's net flow (weight 1) with `option`'s score set to each of `xs`:
        only the pairs with `option` change, so each other option's flow moves by its two
        preferences against `option`, and `option`'s own flow is summed afresh."""
        single = self.singles[j]
        m = self.scores_.shape[0]
        sign = 1.0 if bool(single.benefit[0]) else -1.0
        y = sign * self.scores_[:, j]
        code, q, p, s = int(single.preference[0]), float(single.q[0]), float(single.p[0]), float(single.s[0])

        def net(d: FloatArray) -> FloatArray:
            """P(d) - P(-d): a's preference over b less b's over a, for d = y_a - y_b."""
            return preference_degree(d, code, q, p, s) - preference_degree(-d, code, q, p, s)

        before = net(y - y[option])  # (m,) each option against `option` now
        after = net(y[None, :] - sign * xs[:, None])  # (k, m) against its changed score
        flow = self.parts[None, :, j] + (after - before[None, :]) / (m - 1)
        others = np.arange(m) != option
        flow[:, option] = -after[:, others].sum(axis=1) / (m - 1)
        return np.asarray(flow, dtype=np.float64)
