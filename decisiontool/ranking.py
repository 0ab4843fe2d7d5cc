"""`rank()`: a model or an analysis ranked, as a typed result with the `decisiontool.ranking/1` JSON.

The public API's entry point for ranking (`decisiontool.rank`). An `Analysis` already ranks
(`Analysis.ranking`); this wraps it with the settings a Python user passes as keywords and a
`to_json()` that is exactly `decisiontool rank --format json` (docs/json.md).

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from decisiontool.analysis import Analysis, RankedOption
from decisiontool.documents import ranking_document
from decisiontool.model import DEFAULT_PROFILE, DecisionModel


@dataclass(frozen=True)
class RankingResult:
    """The options of one analysis in rank order."""

    analysis: Analysis

    @property
    def entries(self) -> tuple[RankedOption, ...]:
        """Every option, best first (rank 1 is best; ties share a rank)."""
        return self.analysis.ranking.entries

    @property
    def top(self) -> RankedOption:
        """The first-ranked option."""
        return self.analysis.ranking.top

    @property
    def method(self) -> str:
        """The method's id (`wsm`, `topsis`, `vikor`, `promethee2`)."""
        return self.analysis.method_id

    @property
    def higher_is_better(self) -> bool:
        """True when a higher score is better (False for VIKOR's Q)."""
        return self.analysis.method.higher_is_better

    def to_json(self) -> dict[str, Any]:
        """The `decisiontool.ranking/1` document."""
        return ranking_document(self.analysis)


def rank(
    subject: DecisionModel | Analysis,
    *,
    profile: str | None = None,
    weights: Mapping[str, float] | Sequence[tuple[str, float]] | None = None,
    method: str | None = None,
) -> RankingResult:
    """Rank the options of a model (or of an analysis) under a profile, weights and a method.

    `profile` names a weight profile (default: `default`, or the analysis's own);
    `weights` replaces relative weights of criteria or groups, like `--weight ID=VALUE`;
    `method` is `wsm` (default), `topsis`, `vikor` or `promethee2`. Raises ModelError for an
    unknown profile, method, criterion or group, or weights that leave nothing weighted.

    >>> import decisiontool
    >>> ranking = decisiontool.rank(decisiontool.load(), method="topsis")
    >>> ranking.entries[0].rank
    1
    >>> ranking.to_json()["schema"]
    'decisiontool.ranking/1'
    """
    if isinstance(subject, DecisionModel):
        analysis = Analysis.create(subject, profile=DEFAULT_PROFILE if profile is None else profile)
    else:
        analysis = subject.with_profile(profile) if profile is not None else subject
    if method is not None:
        analysis = analysis.with_method(method)
    if weights:
        analysis = analysis.with_weights(weights)
    return RankingResult(analysis)
