"""The words a report's reader meets: the glossary, and plain heads for the methods'
intermediate values (never a snake_case id). Every format shows these same texts.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

__all__ = ["EXTRA_LABELS", "GLOSSARY"]

GLOSSARY: tuple[tuple[str, str], ...] = (
    (
        "Score",
        "The method's number for an option: for the weighted sum, the weighted average of the "
        "option's values on the criteria, from 0 (worst on every criterion) to 1 (best on every one).",
    ),
    (
        "Value",
        "A score on one criterion turned into a number from 0 (the scale's worst end) to 1 (its "
        "best end), by a straight line or the criterion's value function.",
    ),
    (
        "Contribution",
        "A criterion's share of an option's weighted-sum score: its effective weight times "
        "the option's value on it. The contributions add up to the score.",
    ),
    (
        "Effective weight",
        "How much a criterion counts in the end: its group's share of all group "
        "weights times its share inside the group. The effective weights add up to 100%.",
    ),
    (
        "Score interval",
        "The lowest and highest score an option can have, with the weights fixed, when "
        "every uncertain score moves within its range (exact for the weighted sum; for the other methods "
        "the 5th to 95th percentile of sampled scores). Those methods score each option against "
        "the others, so when the other options' scores move, an option's score moves too: its score at "
        "the model's own values can then lie outside its sampled interval.",
    ),
    (
        "Dominance",
        "Option A dominates option B when A is at least as good as B on every weighted "
        "criterion and better on at least one: no weights under any method can put B above A.",
    ),
    (
        "Verdict",
        "How sure the first place is: clear when the top option is first in at least 75% of "
        "the samples with the weights varied around the current ones, likely from 50%, contested below.",
    ),
    ("Contender", "An option first in at least 5% of those samples."),
    (
        "Critical weight",
        "The weight of one criterion (the others scaled to make room) at which another "
        "option becomes first: the distance from the current weight says how fragile the first place is.",
    ),
    (
        "Solved exactly",
        "A critical weight found by solving the method's equations (the weighted sum and "
        "PROMETHEE II are linear in the weights); otherwise found by a fine sweep and bisection.",
    ),
    (
        "SMAA",
        "Stochastic multicriteria acceptability analysis: the ranking recomputed for many random "
        "draws of the weights and of the uncertain scores, to see how often each option takes each rank.",
    ),
    (
        "Free weights",
        "SMAA weights drawn uniformly among all weights that add up to 100%: no "
        "preference information at all.",
    ),
    (
        "Around weights",
        "SMAA weights drawn within a stated spread (e.g. ±20%) of the profile's "
        "effective weights: what the profile's holders think, give or take.",
    ),
    ("Ordinal weights", "SMAA weights drawn at random but keeping the profile's order of importance."),
    ("Rank acceptability", "The share of SMAA samples in which an option takes a given rank."),
    ("Expected rank", "An option's average rank over the SMAA samples (1 is best)."),
    (
        "Confidence factor",
        "The share of score draws in which an option is first when the weights are "
        "fixed at its central weights: how much its first place depends on the uncertain scores.",
    ),
    (
        "Central weights",
        "The average weights of the SMAA samples in which an option is first: the "
        "typical priorities under which it wins. Shown only for options first in at least 5% of samples.",
    ),
    ("Pairwise winning share", "The share of SMAA samples in which one option ranks above another."),
    (
        "Positive and negative flow",
        "PROMETHEE II: how strongly an option is preferred to the others "
        "(positive flow) and the others to it (negative flow); the score is their difference, the net flow.",
    ),
    (
        "S, R and Q",
        "VIKOR: group utility S (the weighted distance from the best), individual regret R "
        "(the largest single weighted distance) and their compromise Q; lower is better for all three.",
    ),
    (
        "Kendall's tau, Spearman's rho",
        "Rank correlations between two rankings: 1 for the same order, 0 for unrelated, -1 for reversed.",
    ),
)
"""Every term a reader of a report meets, with its meaning in plain words."""


EXTRA_LABELS = {
    "phi_plus": "Positive flow",
    "phi_minus": "Negative flow",
    "d_plus": "Distance to the ideal",
    "d_minus": "Distance to the anti-ideal",
    "S": "S (group utility)",
    "R": "R (individual regret)",
    "Q": "Q (compromise)",
}
"""Plain column heads for the methods' intermediate values (never a snake_case id)."""
