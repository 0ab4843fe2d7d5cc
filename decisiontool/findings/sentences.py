"""The findings in plain words, in the order a reader needs them.

The verdict first (who is first, how sure, who else could be), then what would change it
(the closest score changes), agreement across methods and profiles, dominance, and the
caveats (overlapping score intervals, minimums, filled-in scores, VIKOR's conditions, value
for money). Options and criteria by their names, never their ids; numbers rounded to what a
reader can use. Plain text: every output format escapes it for itself.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from decisiontool.analysis import Analysis
from decisiontool.model import DEFAULT_PROFILE

if TYPE_CHECKING:
    from decisiontool.findings.results import ClosestChange, Findings

__all__ = ["METHOD_NAMES", "join", "number", "sentences"]

METHOD_NAMES: dict[str, str] = {
    "wsm": "the weighted sum",
    "topsis": "TOPSIS",
    "vikor": "VIKOR",
    "promethee2": "PROMETHEE II",
}
"""Each method as a sentence names it."""


def join(items: Sequence[str], word: str = "and", separator: str = ",") -> str:
    """`a`, `a and b`, `a, b and c` (with `separator` between the first ones)."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} {word} {items[1]}"
    return f"{f'{separator} '.join(items[:-1])}{separator} {word} {items[-1]}"


def number(value: float) -> str:
    """A score as a reader wants it: whole numbers plain, others to 2 decimals (3 below 0.1)."""
    if abs(value - round(value)) < 5e-4:
        return f"{round(value):d}"
    return f"{value:.2f}" if abs(value) >= 0.1 else f"{value:.3f}"


def _percent(share: float) -> str:
    if 0 < share < 0.005:
        return "under 1%"
    return f"{share * 100:.0f}%"


def _score(value: float) -> str:
    return f"{value:.3f}"


def _change_words(analysis: Analysis, findings: Findings, change: ClosestChange) -> str:
    """'its score on Cost went from 4 to 3.2' (with the minimum when that is what decides)."""
    criterion = analysis.model.criterion(change.criterion)
    direction = (
        "rose" if (change.to_value > change.from_value) == (criterion.direction == "benefit") else "fell"
    )
    verb = "improved" if direction == "rose" else "worsened"
    scale = f"scale {number(criterion.scale[0])}-{number(criterion.scale[1])}"
    if number(change.to_value) == number(change.from_value):
        # a tie or a near-tie: the smallest change decides, so say so rather than "from 3 to 3"
        words = f"its score on {criterion.name} {verb} at all from {number(change.from_value)} ({scale})"
    else:
        words = (
            f"its score on {criterion.name} {verb} from {number(change.from_value)} "
            f"to {number(change.to_value)} ({scale})"
        )
    if criterion.minimum is not None:
        worse = (
            change.to_value < criterion.minimum
            if criterion.direction == "benefit"
            else change.to_value > criterion.minimum
        )
        if worse:
            words += f", below the minimum of {number(criterion.minimum)}"
    return words


def _verdict(findings: Findings, analysis: Analysis) -> str:
    names = findings.names
    top = findings.top
    share = findings.first_acceptability[top]
    how = {
        "clear": "a clear result",
        "likely": "a likely but not certain result",
        "contested": "a contested result",
    }[findings.verdict]
    shared = [entry.name for entry in analysis.ranking.entries[1:] if entry.rank == 1]
    first = f"{join([names[top], *shared])} share first place" if shared else f"{names[top]} ranks first"
    text = (
        f"{first} under {METHOD_NAMES[analysis.method_id]} "
        f"(score {_score(analysis.ranking.top.score)}): {how}. {names[top]} is first in "
        f"{_percent(share)} of {findings.samples:,} samples with the weights varied by "
        f"±{findings.spread:.0%} around the current ones and the uncertain scores drawn in their ranges"
    )
    rivals = [option for option in findings.contenders if option != top]
    if rivals:
        listed = [f"{names[o]} ({_percent(findings.first_acceptability[o])})" for o in rivals]
        text += f"; {'the other contender is' if len(rivals) == 1 else 'other contenders are'} {join(listed)}"
    return text + "."


def _changes(findings: Findings, analysis: Analysis) -> list[str]:
    names = findings.names
    found = []
    top_change = findings.closest_changes.get(findings.top)
    if top_change is not None and top_change.new_top is not None:
        found.append(
            f"{names[findings.top]} would lose first place to {names[top_change.new_top]} if "
            f"{_change_words(analysis, findings, top_change)}."
        )
    others = [
        change
        for option, change in findings.closest_changes.items()
        if option != findings.top and change is not None
    ]
    others.sort(key=lambda change: change.movement)
    for change in others[:2]:
        found.append(f"{names[change.option]} would be first if {_change_words(analysis, findings, change)}.")
    if not top_change and not others:
        found.append("No single score change within its scale would change the first place.")
    weight = findings.closest_weight_change
    if weight is not None:
        verb = "Raising" if weight.to_weight > weight.from_weight else "Lowering"
        criterion = findings.criterion_names[weight.criterion]
        found.append(
            f"{verb} the weight of {criterion} from {_weight(weight.from_weight)} to "
            f"{_weight(weight.to_weight)} (the other weights in proportion) would put "
            f"{names[weight.new_top]} first; no smaller change of one weight changes the first place."
        )
    return found


def _weight(share: float) -> str:
    """An effective weight as a percentage with the precision that matters (8.2%, not 8%)."""
    return f"{share * 100:.1f}%"


def _agreement(findings: Findings, analysis: Analysis) -> list[str]:
    names = findings.names
    top = findings.top
    methods = findings.agreement.methods
    found = []
    differing = {m: t for m, t in methods.items() if t != top}
    if not differing:
        found.append(f"All {len(methods)} methods put {names[top]} first at these weights.")
    else:
        agreeing = [METHOD_NAMES[m] for m, t in methods.items() if t == top]
        parts = [f"{METHOD_NAMES[m]} puts {names[t]} first" for m, t in differing.items()]
        found.append(
            f"The methods disagree: {join(parts)}"
            + (
                f", while {join(agreeing)} agree{'s' if len(agreeing) == 1 else ''} on {names[top]}."
                if agreeing
                else "."
            )
        )
    profiles = findings.agreement.profiles
    tops: dict[str, list[str]] = {}
    for profile, first in profiles.items():
        label = (
            "the default weights"
            if profile == DEFAULT_PROFILE
            else _quoted(analysis.model.profile_name(profile))
        )
        tops.setdefault(first, []).append(label)
    if len(profiles) == 1:
        pass  # only the default weights: nothing to compare
    elif len(tops) == 1:
        (only,) = tops
        found.append(f"All {len(profiles)} weight profiles put {names[only]} first.")
    else:
        parts = [
            f"{names[option]} under {join(labels)}"
            for option, labels in sorted(tops.items(), key=lambda item: -len(item[1]))
        ]
        found.append(f"The first place depends on the stakeholder profile: {join(parts, 'and', ';')}.")
    return found


def _quoted(text: str) -> str:
    return f"“{text}”"


def _dominance(findings: Findings) -> list[str]:
    names = findings.names
    beaten_by: dict[str, list[str]] = {}
    for entry in findings.dominance:
        beaten_by.setdefault(entry.option, []).append(entry.dominates)
    if not beaten_by:
        return []
    # options that dominate the same set are named together
    groups: dict[tuple[str, ...], list[str]] = {}
    for option, beaten in beaten_by.items():
        groups.setdefault(tuple(beaten), []).append(option)
    parts = [
        f"{join([names[a] for a in winners])} {'dominates' if len(winners) == 1 else 'each dominate'} "
        f"{join([names[b] for b in beaten])}"
        for beaten, winners in groups.items()
    ]
    pairs = len(findings.dominance)
    robust = sum(1 for entry in findings.dominance if entry.robust)
    if pairs == 1:
        tail = ", even at the ends of the score ranges" if robust else ""
    elif robust == pairs:
        tail = ", every pair even at the ends of the score ranges"
    elif robust:
        tail = f"; {robust} of the {pairs} pairs hold even at the ends of the score ranges"
    else:
        tail = "; none holds at every end of the score ranges"
    return [
        f"{join(parts, 'and', ';')}: at least as good on every weighted criterion and better on one, "
        f"so no weights under any method can reverse {'these pairs' if pairs > 1 else 'this pair'}{tail}."
    ]


def _traits(findings: Findings) -> list[str]:
    traits = findings.traits.get(findings.top)
    if traits is None or not (traits.strengths or traits.weaknesses):
        return []
    names = findings.criterion_names
    text = f"{findings.names[findings.top]}"
    if traits.strengths:
        text += f" stands out on {join([names[t.criterion] for t in traits.strengths])}"
    if traits.weaknesses:
        text += " and" if traits.strengths else ""
        text += f" is weakest on {join([names[t.criterion] for t in traits.weaknesses])}"
    return [text + ", against the other options' average."]


def _overlap(findings: Findings) -> list[str]:
    names = findings.names
    intervals = findings.score_intervals
    order = list(intervals)
    if len(order) < 2:
        return []
    top = intervals[findings.top]
    if all(interval.high <= interval.low for interval in intervals.values()):
        return []  # no uncertain scores: nothing moves
    overlapping = [
        option
        for option in order
        if option != findings.top and intervals[option].high >= top.low and intervals[option].low <= top.high
    ]
    how = (
        "their exact ranges" if findings.intervals_exact else "the 5th to 95th percentiles of sampled scores"
    )
    if not overlapping:
        return [
            f"The score of {names[findings.top]} stays ahead of every other option's as uncertain scores "
            f"move within {how}."
        ]
    shown = [findings.top, *overlapping[:3]]
    listed = [f"{names[o]} {_score(intervals[o].low)}-{_score(intervals[o].high)}" for o in shown]
    if len(overlapping) > 3:
        listed.append(f"{len(overlapping) - 3} more")
    return [
        f"The score intervals overlap ({how}): {join(listed)}; "
        "uncertain scores alone could reorder these options."
    ]


def _caveats(findings: Findings, analysis: Analysis) -> list[str]:
    found = _overlap(findings)
    failing = [entry for entry in analysis.ranking.entries if entry.fails_minimum]
    if failing:
        found.append(
            f"{join([entry.name for entry in failing])} "
            f"{'fails' if len(failing) == 1 else 'fail'} a minimum and "
            f"{'is' if len(failing) == 1 else 'are'} ranked after every option that passes."
        )
    filled = len(analysis.model.filled)
    if filled:
        found.append(
            f"{filled} missing score{'s were' if filled != 1 else ' was'} "
            "set to the worst end of the scale; the ranking is only as good as that assumption."
        )
    conditions = analysis.ranking.vikor
    if conditions is not None and not (conditions.acceptable_advantage and conditions.acceptable_stability):
        ids = analysis.arrays.option_ids
        found.append(
            "VIKOR's conditions for a single compromise do not hold; its compromise set is "
            f"{join([findings.names[ids[i]] for i in conditions.compromise_set])}."
        )
    money = findings.value_for_money
    if money is not None:
        frontier = [findings.names[o] for o in money.frontier]
        costs = join([analysis.model.criterion(c).name for c in money.cost_criteria])
        found.append(
            f"Value for money (benefit without {costs} "
            f"against it): {join(frontier)} {'is' if len(frontier) == 1 else 'are'} on the frontier "
            "(no other option is both more beneficial and cheaper)"
            + ("" if findings.top in money.frontier else f"; {findings.names[findings.top]} is not")
            + "."
        )
    return found


def _why(findings: Findings, analysis: Analysis) -> list[str]:
    why = findings.why
    if why is None:
        return []
    names = findings.names
    criteria = {c.id: c.name for c in analysis.model.criteria}
    favour = [term for term in why.terms if term.contribution > 0][:2]
    against = [term for term in reversed(why.terms) if term.contribution < 0][:1]
    ahead = "ahead of" if why.difference >= 0 else "behind"
    if abs(why.difference) < 5e-4:
        text = f"{names[why.option]} and {names[why.versus]} are level (a difference under 0.001)"
    else:
        text = f"{names[why.option]} is {ahead} {names[why.versus]} by {abs(why.difference):.3f}"
    if favour:
        text += f", mostly on {join([criteria[t.criterion] for t in favour])}"
    if against:
        text += f", despite {criteria[against[0].criterion]}"
    if not why.decomposition:
        text += " (weighted value differences, an explanation rather than an exact decomposition)"
    return [text + "."]


def sentences(analysis: Analysis, findings: Findings) -> tuple[str, ...]:
    """The findings in plain words: verdict, what would change it, why, agreement, dominance, caveats."""
    parts: Iterable[str] = (
        _verdict(findings, analysis),
        *_changes(findings, analysis),
        *_why(findings, analysis),
        *_traits(findings),
        *_agreement(findings, analysis),
        *_dominance(findings),
        *_caveats(findings, analysis),
    )
    return tuple(parts)
