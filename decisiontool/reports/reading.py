"""The parts of a report written for the reader: the bottom line, the glossary, each option's
strengths and weaknesses, how each score became a value, and the comparisons of methods and
profiles in words.

Everything here is read off the typed results (`Findings`, `SensitivityResult`,
`SmaaResult`, `RankComparison`); nothing is computed again. Every format renders these
same texts, so HTML, Markdown, XLSX and CSV say the same thing.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from decisiontool.reports.glossary import EXTRA_LABELS, GLOSSARY

if TYPE_CHECKING:
    from decisiontool.analysis import Analysis
    from decisiontool.comparison import RankComparison
    from decisiontool.findings import Findings, Trait
    from decisiontool.model import Criterion
    from decisiontool.robustness import SensitivityResult, SmaaResult

__all__ = [
    "CENTRAL_WEIGHT_SHARE",
    "GLOSSARY",
    "BottomLine",
    "ReaderContent",
    "bottom_line",
    "build_reader",
    "central_weight_digits",
    "comparison_sentence",
    "pairwise_sentences",
    "trait_text",
    "value_function_text",
]

CENTRAL_WEIGHT_SHARE = 0.05
"""Central weights are shown only for options first in at least this share of samples."""


@dataclass(frozen=True)
class BottomLine:
    """The box a report opens with: the answer and how far to trust it."""

    question: str
    answer: str
    verdict: str
    contenders: tuple[str, ...]
    """`Name (54%)` for each contender, most frequent first."""
    changes: tuple[str, ...]
    """What would change the answer: the closest score change, the most fragile weight."""
    agreement: tuple[str, ...]
    dominance: str | None
    caveats: tuple[str, ...]


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _weight_pct(weight: float) -> str:
    """A weight with the precision that matters: 8.2%, not 8%."""
    return f"{weight * 100:.1f}%"


def _names(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _fragile_weight(sensitivity: SensitivityResult, findings: Findings) -> str | None:
    """The one-criterion weight change closest to overturning the top, in words."""
    best: tuple[float, str] | None = None
    for entry in sensitivity.criteria:
        for crossing in (entry.critical_down, entry.critical_up):
            if crossing is None:
                continue
            distance = abs(crossing.weight - entry.weight)
            name = findings.criterion_names.get(entry.criterion, entry.criterion)
            direction = "rose" if crossing.weight > entry.weight else "fell"
            text = (
                f"{findings.names.get(crossing.new_top, crossing.new_top)} would be first if the weight of "
                f"{name} {direction} from {_weight_pct(entry.weight)} to {_weight_pct(crossing.weight)} "
                "(the others scaled to make room)."
            )
            if best is None or distance < best[0]:
                best = (distance, text)
    return None if best is None else best[1]


def _score_change(findings: Findings) -> str | None:
    change = findings.closest_changes.get(findings.top)
    if change is None or change.new_top is None:
        return None
    return (
        f"{findings.names[findings.top]} would lose first place to "
        f"{findings.names.get(change.new_top, change.new_top)} if its score on "
        f"{findings.criterion_names.get(change.criterion, change.criterion)} fell from "
        f"{change.from_value:g} to {change.to_value:.3g}."
    )


def _agreement(
    findings: Findings, method_labels: Mapping[str, str], profile_names: Mapping[str, str]
) -> tuple[str, ...]:
    methods = findings.agreement.methods
    profiles = findings.agreement.profiles
    lines = []
    same = [m for m, top in methods.items() if top == findings.top]
    if len(same) == len(methods):
        lines.append(f"All {len(methods)} methods put {findings.names[findings.top]} first at these weights.")
    else:
        others = [
            f"{method_labels.get(m, m)}: {findings.names.get(t, t)}"
            for m, t in methods.items()
            if t != findings.top
        ]
        lines.append(
            f"{len(same)} of {len(methods)} methods put {findings.names[findings.top]} first; "
            + "; ".join(others)
            + "."
        )
    tops: dict[str, list[str]] = {}
    for profile_id, top in profiles.items():
        tops.setdefault(top, []).append(profile_names.get(profile_id, profile_id))
    if len(tops) == 1:
        lines.append(f"Every stakeholder profile puts {findings.names.get(next(iter(tops)), '')} first.")
    else:
        parts = [
            f"{findings.names.get(top, top)} under {_names([f'“{p}”' for p in names])}"
            for top, names in tops.items()
        ]
        lines.append("The first place depends on the stakeholder profile: " + "; ".join(parts) + ".")
    return tuple(lines)


def _dominance_text(findings: Findings) -> str | None:
    """Who dominates whom, grouped by the dominating option: `A dominates B and C; ...`."""
    if not findings.dominance:
        return None
    names = findings.names
    dominated: dict[str, list[str]] = {}
    for pair in findings.dominance:
        dominated.setdefault(pair.option, []).append(names.get(pair.dominates, pair.dominates))
    parts = [f"{names.get(o, o)} dominates {_names(others)}" for o, others in dominated.items()]
    robust = sum(1 for pair in findings.dominance if pair.robust)
    return (
        "; ".join(parts)
        + ". Each is at least as good as the options it dominates on every weighted criterion and "
        f"better on one, so no weights under any method reverse these {len(findings.dominance)} pairs "
        f"({robust} of them hold even at the ends of the score ranges)."
    )


def bottom_line(
    analysis: Analysis,
    findings: Findings,
    sensitivity: SensitivityResult | None,
) -> BottomLine:
    """The bottom line of a report of `analysis`."""
    model = analysis.model
    names = findings.names
    top = names[findings.top]
    share = findings.first_acceptability.get(findings.top, 0.0)
    method = analysis.method.label.lower()
    profile = model.profile_name(analysis.profile)
    question = f"Which option does best under the weights of “{profile}” ({method}), and how sure can we be?"
    answer = (
        f"{top} ranks first: a {findings.verdict} result, first in {_pct(share)} of "
        f"{findings.samples:,} samples with the weights varied by ±{findings.spread * 100:.0f}% and the "
        "uncertain scores drawn in their ranges."
    )
    contenders = tuple(
        f"{names.get(option, option)} ({_pct(findings.first_acceptability[option])})"
        for option in findings.contenders
    )
    changes = tuple(
        text
        for text in (_score_change(findings), _fragile_weight(sensitivity, findings) if sensitivity else None)
        if text
    )
    method_labels = {
        method_id: analysis.with_method(method_id).method.label for method_id in findings.agreement.methods
    }
    profile_names = {p: model.profile_name(p) for p in findings.agreement.profiles}
    dominance = _dominance_text(findings)
    caveats = [
        "The scores are analytic judgements from the evidence in Appendix A, open to challenge; "
        "the ranking is meant to structure a discussion, not to settle it."
    ]
    overlapping = [
        option
        for option in findings.score_intervals
        if option != findings.top
        and findings.score_intervals[option].high >= findings.score_intervals[findings.top].low
    ]
    if overlapping and analysis.method.higher_is_better:
        caveats.append(
            f"The score intervals of {top} and {_names([names[o] for o in overlapping][:3])}"
            f"{' and others' if len(overlapping) > 3 else ''} overlap: "
            "the uncertain scores alone could reorder them."
        )
    return BottomLine(
        question=question,
        answer=answer,
        verdict=findings.verdict,
        contenders=contenders,
        changes=changes,
        agreement=_agreement(findings, method_labels, profile_names),
        dominance=dominance,
        caveats=tuple(caveats),
    )


def trait_text(findings: Findings, option: str) -> tuple[str, str]:
    """(strengths, weaknesses) of `option` in words, against the other options' average."""
    traits = findings.traits.get(option)
    if traits is None:
        return "", ""

    def describe(items: Sequence[Trait]) -> str:
        return "; ".join(
            f"{findings.criterion_names.get(trait.criterion, trait.criterion)} "
            f"({trait.score:g} against {trait.others_mean:.1f} for the others)"
            for trait in items
        )

    return describe(traits.strengths), describe(traits.weaknesses)


def value_function_text(criterion: Criterion, method: str) -> str:
    """How `method` turns a score on `criterion` into what it adds up: a reader can rebuild a
    contribution from the score and the weight with this."""
    low, high = criterion.scale
    worst, best = (low, high) if criterion.direction == "benefit" else (high, low)
    lower = " (lower is better)" if criterion.direction == "cost" else ""
    if method == "wsm":
        if criterion.value_function:
            points = ", ".join(f"{x:g} → {v:g}" for x, v in criterion.value_function)
            return f"value by straight lines through {points}{lower}"
        return f"value = (score − {worst:g}) / ({best:g} − {worst:g}): {worst:g} → 0, {best:g} → 1{lower}"
    if method == "promethee2":
        pref = criterion.preference
        function = pref.function if pref is not None else "usual"
        q = f"{pref.q:g}" if pref is not None and pref.q is not None else ""
        p = f"{pref.p:g}" if pref is not None and pref.p is not None else ""
        spread = f"{pref.s:g}" if pref is not None and pref.s is not None else ""
        text = {
            "usual": "any difference counts fully",
            "u-shape": f"a difference counts fully above q = {q}",
            "v-shape": f"a difference counts in proportion up to p = {p}, then fully",
            "level": f"half above q = {q}, fully above p = {p}",
            "linear": f"nothing up to q = {q}, in proportion up to p = {p}, then fully",
            "gaussian": f"1 − exp(−d² / 2s²) with s = {spread}",
        }[function]
        return f"preference function {function}: {text}{lower}"
    if method == "topsis":
        return f"score divided by the column's root sum of squares, then weighted{lower}"
    return f"distance from the best option's score, as a share of the best-to-worst gap{lower}"


def central_weight_digits(samples: int) -> int:
    """Decimal places of a percentage that `samples` draws support (about 1/sqrt(n))."""
    return 1 if samples >= 10_000 else 0


def comparison_sentence(comparison: RankComparison, names: Mapping[str, str]) -> str:
    """The comparison of methods or profiles in one sentence: who is first where, how alike."""
    tops = comparison.tops()
    column_names = dict(zip(comparison.columns, comparison.column_names, strict=True))
    by_top: dict[str, list[str]] = {}
    for column, firsts in tops.items():
        for option in firsts:
            by_top.setdefault(option, []).append(column_names[column])
    what = "method" if comparison.by == "methods" else "profile"
    parts = [
        f"{names.get(option, option)} first under {_names(columns)}" for option, columns in by_top.items()
    ]
    taus = [c.kendall_tau for c in comparison.correlations if c.kendall_tau is not None]
    alike = ""
    if taus:
        alike = (
            f"; Kendall's tau between the {what}s' rankings runs from {min(taus):+.2f} to {max(taus):+.2f}"
        )
    return "; ".join(parts) + alike + "."


def pairwise_sentences(
    smaa: SmaaResult, names: Mapping[str, str], top: str, limit: int = 4
) -> tuple[str, ...]:
    """How often the top ranks above each of its closest rivals, in words."""
    above = smaa.pairwise_winning.get(top, {})
    rivals = sorted(above, key=lambda other: above[other])[:limit]
    return tuple(
        f"{names.get(top, top)} ranks above {names.get(other, other)} in {_pct(above[other])} of the samples."
        for other in rivals
    )


@dataclass(frozen=True)
class ReaderContent:
    """Everything a report says in words beside its numbers (one part of `ReportContext`)."""

    findings: Findings
    bottom_line: BottomLine
    methods: RankComparison
    profiles: RankComparison
    methods_sentence: str
    profiles_sentence: str
    pairwise: tuple[str, ...]
    functions: Mapping[str, str]
    """Criterion id -> how the report's method turns its score into what adds up."""
    traits: Mapping[str, tuple[str, str]]
    """Option id -> (strengths, weaknesses) in words."""
    author: str | None
    status: str | None
    glossary: tuple[tuple[str, str], ...] = GLOSSARY

    @staticmethod
    def extra_label(key: str) -> str:
        """The plain name of a method's intermediate value (`phi_plus` -> `Positive flow`)."""
        return EXTRA_LABELS.get(key, key.replace("_", " "))

    def interval(self, option: str) -> tuple[float, float]:
        """The option's score interval (low, high)."""
        interval = self.findings.score_intervals[option]
        return interval.low, interval.high

    @property
    def status_line(self) -> str:
        """`Draft · by A. Author`, or an empty string."""
        parts = []
        if self.status:
            parts.append(self.status.capitalize())
        if self.author:
            parts.append(f"by {self.author}")
        return " · ".join(parts)


def build_reader(
    analysis: Analysis,
    findings: Findings,
    *,
    sensitivity: SensitivityResult | None = None,
    smaa: SmaaResult | None = None,
    author: str | None = None,
    status: str | None = None,
) -> ReaderContent:
    """The reader's content of a report of `analysis`."""
    from decisiontool.comparison import compare_methods, compare_profiles

    names = findings.names
    methods = compare_methods(analysis)
    profiles = compare_profiles(analysis)
    return ReaderContent(
        findings=findings,
        bottom_line=bottom_line(analysis, findings, sensitivity),
        methods=methods,
        profiles=profiles,
        methods_sentence=comparison_sentence(methods, names),
        profiles_sentence=comparison_sentence(profiles, names),
        pairwise=pairwise_sentences(smaa, names, findings.top) if smaa is not None else (),
        functions={c.id: value_function_text(c, analysis.method_id) for c in analysis.model.criteria},
        traits={option: trait_text(findings, option) for option in names},
        author=author,
        status=status,
    )
