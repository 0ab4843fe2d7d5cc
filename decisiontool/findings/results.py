"""The typed findings of an analysis and their `decisiontool.findings/1` document.

Frozen dataclasses that the CLI (`decisiontool explain`), the reports and the Textual app
read by attribute. `Findings.to_json()` (and the `to_json()` of each part) is the only place
that knows the document's key names (docs/json.md, docs/json.md). Numbers that do not
exist are `None`, never NaN.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from decisiontool.documents import DocumentHeader
from decisiontool.robustness import SmaaResult

__all__ = [
    "CLEAR_SHARE",
    "CONTENDER_SHARE",
    "FINDINGS_SCHEMA",
    "LIKELY_SHARE",
    "Agreement",
    "ClosestChange",
    "Dominance",
    "Findings",
    "OptionTraits",
    "ScoreInterval",
    "Trait",
    "ValueForMoney",
    "Verdict",
    "WeightChange",
    "Why",
    "WhyTerm",
]

FINDINGS_SCHEMA = "decisiontool.findings/1"

Verdict = Literal["clear", "likely", "contested"]
"""How sure the first place is: the top's first-rank share >= 0.75, >= 0.5, or below."""

CLEAR_SHARE = 0.75
"""First-rank share from which the verdict is `clear`."""
LIKELY_SHARE = 0.5
"""First-rank share from which the verdict is `likely`."""
CONTENDER_SHARE = 0.05
"""First-rank share from which an option is a contender."""


@dataclass(frozen=True)
class Dominance:
    """`option` is at least as good as `dominates` on every weighted criterion, better on one."""

    option: str
    dominates: str
    robust: bool
    """True when it holds with `option` at the worst and `dominates` at the best end of every range."""

    def to_json(self) -> dict[str, Any]:
        """`{"option", "dominates", "robust"}`."""
        return {"option": self.option, "dominates": self.dominates, "robust": self.robust}


@dataclass(frozen=True)
class ScoreInterval:
    """The method's score of one option as its uncertain scores move within their ranges."""

    low: float
    high: float

    def to_json(self) -> list[float]:
        """`[low, high]`."""
        return [self.low, self.high]


@dataclass(frozen=True)
class ClosestChange:
    """The smallest single-score change (relative to the criterion's scale width) that puts
    `option` strictly first or, for the top (`new_top` set), that costs it first place."""

    option: str
    criterion: str
    from_value: float
    """The score now."""
    to_value: float
    """The score that makes the difference."""
    movement: float
    """|to - from| as a share of the criterion's scale width."""
    exact: bool
    """True when solved exactly (wsm), False when found by a scan and bisection to 1e-6."""
    new_top: str | None = None
    """For the top: the option first after the change. None for every other option."""

    def to_json(self) -> dict[str, Any]:
        """`{"option", "criterion", "from", "to", "new_rank": 1, ...}` (`new_top` for the top)."""
        entry: dict[str, Any] = {
            "option": self.option,
            "criterion": self.criterion,
            "from": self.from_value,
            "to": self.to_value,
        }
        if self.new_top is None:
            entry["new_rank"] = 1
        else:
            entry["new_top"] = self.new_top
        entry["movement"] = self.movement
        entry["exact"] = self.exact
        return entry


@dataclass(frozen=True)
class WeightChange:
    """The smallest change of one criterion's effective weight (the others keeping their
    proportions, as `decisiontool sensitivity` sweeps) that puts another option first."""

    criterion: str
    from_weight: float
    to_weight: float
    new_top: str
    exact: bool
    """True when solved exactly (wsm, promethee2), False when found by a scan and bisection."""

    def to_json(self) -> dict[str, Any]:
        """`{"criterion", "from", "to", "new_top", "exact"}`."""
        return {
            "criterion": self.criterion,
            "from": self.from_weight,
            "to": self.to_weight,
            "new_top": self.new_top,
            "exact": self.exact,
        }


@dataclass(frozen=True)
class Agreement:
    """The top option under every method (current weights) and every profile (current method)."""

    methods: Mapping[str, str]
    profiles: Mapping[str, str]

    def to_json(self) -> dict[str, Any]:
        """`{"methods": {method: top}, "profiles": {profile: top}}`."""
        return {"methods": dict(self.methods), "profiles": dict(self.profiles)}


@dataclass(frozen=True)
class WhyTerm:
    """One criterion's part in the difference between two options."""

    criterion: str
    contribution: float
    """Positive: the criterion favours `Why.option`; negative: it favours `Why.versus`."""

    def to_json(self) -> dict[str, Any]:
        """`{"criterion", "contribution"}`."""
        return {"criterion": self.criterion, "contribution": self.contribution}


@dataclass(frozen=True)
class Why:
    """Why `option` ranks above (or below) `versus`, criterion by criterion."""

    option: str
    versus: str
    difference: float
    """How far `option` is ahead of `versus` in the method's score (positive: ahead; for VIKOR,
    lower Q is better, so this is Q(versus) - Q(option))."""
    decomposition: bool
    """True when `terms` sum to `difference` (wsm, promethee2); False when they are the weighted
    value differences that explain it (topsis, vikor)."""
    terms: tuple[WhyTerm, ...]
    """Every criterion with a positive weight, the largest contribution first."""

    def to_json(self) -> dict[str, Any]:
        """The `why` object."""
        return {
            "option": self.option,
            "versus": self.versus,
            "difference": self.difference,
            "kind": "decomposition" if self.decomposition else "explanation",
            "sums_to_difference": self.decomposition,
            "contributions": [term.to_json() for term in self.terms],
        }


@dataclass(frozen=True)
class Trait:
    """A criterion on which an option stands out from the others (a strength or a weakness)."""

    criterion: str
    score: float
    """The option's score, in the criterion's own units."""
    others_mean: float
    """The other options' mean score on it."""
    gap: float
    """The option's value minus the others' mean value (values on the 0-1 scale of docs/methods.md)."""

    def to_json(self) -> dict[str, Any]:
        """`{"criterion", "score", "others_mean", "gap"}`."""
        return {
            "criterion": self.criterion,
            "score": self.score,
            "others_mean": self.others_mean,
            "gap": self.gap,
        }


@dataclass(frozen=True)
class OptionTraits:
    """An option's strengths and weaknesses, the ones that weigh most first."""

    option: str
    strengths: tuple[Trait, ...]
    weaknesses: tuple[Trait, ...]

    def to_json(self) -> dict[str, Any]:
        """`{"strengths": [..], "weaknesses": [..]}`."""
        return {
            "strengths": [trait.to_json() for trait in self.strengths],
            "weaknesses": [trait.to_json() for trait in self.weaknesses],
        }


@dataclass(frozen=True)
class ValueForMoney:
    """Benefit (the method's score without the cost criteria) against cost, and the frontier."""

    cost_criteria: tuple[str, ...]
    benefit: Mapping[str, float]
    """Option id -> the method's score with the cost criteria's weights set to 0, the rest rescaled."""
    benefit_higher_is_better: bool
    cost: Mapping[str, float]
    """Option id -> its raw scores on the cost criteria, weighted among themselves (higher: costlier)."""
    cost_weights: Mapping[str, float]
    """The weights of the cost criteria among themselves (summing to 1)."""
    frontier: tuple[str, ...]
    """The options that no other option beats on both benefit and cost, cheapest first."""

    def to_json(self) -> dict[str, Any]:
        """The `value_for_money` object."""
        return {
            "cost_criteria": list(self.cost_criteria),
            "cost_weights": dict(self.cost_weights),
            "benefit_higher_is_better": self.benefit_higher_is_better,
            "benefit": dict(self.benefit),
            "cost": dict(self.cost),
            "frontier": list(self.frontier),
        }


@dataclass(frozen=True)
class Findings:
    """What a ranking means, for a reader (`decisiontool.findings/1`)."""

    header: DocumentHeader
    names: Mapping[str, str]
    """Option id -> name, every option in rank order."""
    criterion_names: Mapping[str, str]
    """Criterion id -> name, in model order."""
    top: str
    """The rank-1 option at the scores' point values."""
    runner_up: str | None
    """The rank-2 option (None with one option)."""
    dominance: tuple[Dominance, ...]
    score_intervals: Mapping[str, ScoreInterval]
    """Option id -> interval, in rank order."""
    intervals_exact: bool
    """True for wsm (exact), False for the 5th-95th percentiles of sampled scores."""
    samples: int
    seed: int
    spread: float
    first_acceptability: Mapping[str, float]
    """Option id -> share of samples in which it is first (weights around the current ones)."""
    contenders: tuple[str, ...]
    verdict: Verdict
    agreement: Agreement
    closest_changes: Mapping[str, ClosestChange | None]
    """Option id -> its closest change (None: no single score within the scale does it)."""
    closest_weight_change: WeightChange | None
    """The nearest critical weight over all criteria (None: no single weight change does it)."""
    why: Why | None
    """The top against the runner-up (or the option asked for); None with one option."""
    traits: Mapping[str, OptionTraits]
    """Option id -> strengths and weaknesses, in rank order."""
    value_for_money: ValueForMoney | None
    """None when model.toml names no cost criteria (or nothing else is weighted)."""
    sentences: tuple[str, ...]
    """The findings in plain words, the verdict first."""
    smaa: SmaaResult = field(repr=False, compare=False)
    """The SMAA run behind `first_acceptability` (weights around the current ones): reports
    and the app show it without running it again."""

    def to_json(self) -> dict[str, Any]:
        """The `decisiontool.findings/1` document."""
        document = self.header.to_json(FINDINGS_SCHEMA)
        document.update(self.body_json())
        return document

    def body_json(self) -> dict[str, Any]:
        """The document without its header keys (as `report -o x.json` embeds it)."""
        return {
            "top": self.top,
            "runner_up": self.runner_up,
            "names": dict(self.names),
            "dominance": [entry.to_json() for entry in self.dominance],
            "score_intervals": {
                option: interval.to_json() for option, interval in self.score_intervals.items()
            },
            "score_intervals_exact": self.intervals_exact,
            "samples": self.samples,
            "seed": self.seed,
            "weight_mode": "around",
            "spread": self.spread,
            "first_acceptability": dict(self.first_acceptability),
            "contenders": list(self.contenders),
            "verdict": self.verdict,
            "agreement": self.agreement.to_json(),
            "closest_changes": {
                option: None if change is None else change.to_json()
                for option, change in self.closest_changes.items()
            },
            "closest_weight_change": (
                None if self.closest_weight_change is None else self.closest_weight_change.to_json()
            ),
            "why": None if self.why is None else self.why.to_json(),
            "strengths": {
                option: [t.to_json() for t in traits.strengths] for option, traits in self.traits.items()
            },
            "weaknesses": {
                option: [t.to_json() for t in traits.weaknesses] for option, traits in self.traits.items()
            },
            "value_for_money": None if self.value_for_money is None else self.value_for_money.to_json(),
            "sentences": list(self.sentences),
        }
