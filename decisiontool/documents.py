"""The JSON documents of docs/json.md (header and ranking), built from an Analysis.

One place for the schemas, so that `rank --format json`, `report -o x.json` and any later
command write exactly the same keys.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from decisiontool.analysis import Analysis

RANKING_SCHEMA = "decisiontool.ranking/1"


@dataclass(frozen=True)
class DocumentHeader:
    """What every result document states first: which model, method, profile and weights."""

    model: str
    method: str
    profile: str
    higher_is_better: bool
    weights: Mapping[str, float]
    """Effective weight by criterion id, in model order."""

    @classmethod
    def of(cls, analysis: Analysis) -> DocumentHeader:
        """The header of a result computed from `analysis`."""
        return cls(
            model=analysis.model.name,
            method=analysis.method_id,
            profile=analysis.profile,
            higher_is_better=analysis.method.higher_is_better,
            weights=analysis.weight_map(),
        )

    def to_json(self, schema: str) -> dict[str, Any]:
        """The header keys of a document of `schema`, in the documented order."""
        return {
            "schema": schema,
            "model": self.model,
            "method": self.method,
            "profile": self.profile,
            "higher_is_better": self.higher_is_better,
            "weights": dict(self.weights),
        }


def header(analysis: Analysis, schema: str) -> dict[str, Any]:
    """The keys every document starts with: schema, model, method, profile, weights."""
    return DocumentHeader.of(analysis).to_json(schema)


def ranking_document(analysis: Analysis) -> dict[str, Any]:
    """`decisiontool.ranking/1`: the ranking with every option's score and detail."""
    document = header(analysis, RANKING_SCHEMA)
    ranking = analysis.ranking
    filled = analysis.model.filled
    rows: list[dict[str, Any]] = []
    for entry in ranking.entries:
        row: dict[str, Any] = {
            "rank": entry.rank,
            "option": entry.option,
            "name": entry.name,
            "score": entry.score,
            "fails_minimum": list(entry.fails_minimum),
        }
        if entry.contributions is not None:
            row["contributions"] = entry.contributions
        if entry.extra:
            row["extra"] = entry.extra
        if filled:
            row["filled"] = [cid for cid in analysis.arrays.criterion_ids if (entry.option, cid) in filled]
        rows.append(row)
    document["ranking"] = rows
    if ranking.vikor is not None:
        ids = analysis.arrays.option_ids
        document["vikor_v"] = analysis.vikor_v
        document["vikor_conditions"] = {
            "acceptable_advantage": ranking.vikor.acceptable_advantage,
            "acceptable_stability": ranking.vikor.acceptable_stability,
            "compromise_set": [ids[i] for i in ranking.vikor.compromise_set],
        }
    return document
