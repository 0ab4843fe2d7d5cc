"""The report's one-paragraph summary: who ranks first, by how much, how robust, what to watch.

Reads a finished `ReportContext` (rows, flags, robustness), so `build_context` adds it last.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from decisiontool.csv_tables import WIDE_UNCERTAINTY

if TYPE_CHECKING:
    from decisiontool.reports.content import RankRow, ReportContext

METHOD_PHRASES = {
    "wsm": "the weighted-sum method (scores from 0 to 1, higher is better)",
    "topsis": "TOPSIS (closeness to the ideal from 0 to 1, higher is better)",
    "vikor": "VIKOR (Q from 0 to 1, lower is better)",
    "promethee2": "PROMETHEE II (net flow from -1 to 1, higher is better)",
}
"""How the summary names each method for a reader who does not know it."""


def _names(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def summary_text(context: ReportContext) -> str:
    """One plain-language paragraph: who ranks first, by how much, how robust, what to watch."""
    rows = context.rows
    if not rows:
        return "The model holds no options."
    sentences = []
    weights = (
        f"the {context.profile_name.rstrip('.')} profile"
        if context.profile != "default"
        else ("the model's default weights")
    )
    if context.overrides:
        weights += f" (with weights changed: {context.overrides_text})"
    method = METHOD_PHRASES.get(context.method, context.method_label)
    top = rows[0]
    tied = [row for row in rows if row.rank == top.rank]
    if len(rows) == 1:
        sentences.append(
            f"Under {weights} and {method}, {top.name} is the only option, scoring {top.score:.3f}."
        )
    elif len(tied) > 1:
        sentences.append(
            f"Under {weights} and {method}, {_names([row.name for row in tied])} share first place "
            f"with a score of {top.score:.3f}."
        )
    else:
        second = rows[1]
        margin = abs(top.score - second.score)
        sentences.append(
            f"Under {weights} and {method}, {top.name} ranks first with a score of {top.score:.3f}, "
            f"{margin:.3f} {'ahead of' if context.higher_is_better else 'better (lower) than'} "
            f"{second.name} ({second.score:.3f})."
        )
    sentences.extend(_vikor_sentences(context))
    if top.fails_minimum:
        sentences.append(
            "Every option fails at least one minimum requirement, so none is clearly acceptable."
        )
    sentences.append(_robustness_sentence(context, top))
    sentences.extend(_flag_sentences(context, top))
    return " ".join(sentence for sentence in sentences if sentence)


def _vikor_sentences(context: ReportContext) -> list[str]:
    """Whether VIKOR's conditions hold for the first option, and the compromise set if not."""
    rows = context.rows
    sentences: list[str] = []
    conditions = context.vikor_conditions
    if conditions is not None and len(rows) > 1:
        if conditions["acceptable_advantage"] and conditions["acceptable_stability"]:
            sentences.append("VIKOR's conditions of acceptable advantage and stability both hold.")
        else:
            failed = [
                name
                for name, key in (
                    ("acceptable advantage", "acceptable_advantage"),
                    ("stability", "acceptable_stability"),
                )
                if not conditions[key]
            ]
            compromise = [context.option_name(option) for option in conditions["compromise_set"]]
            sentences.append(
                f"VIKOR's condition of {' and '.join(failed)} fails, so the compromise solution is "
                f"the set {_names(compromise)}."
            )
    return sentences


def _flag_sentences(context: ReportContext, top: RankRow) -> list[str]:
    """Options failing a minimum, missing scores and wide ranges, counted."""
    rows = context.rows
    sentences: list[str] = []
    failing = [row.name for row in rows if row.fails_minimum]
    if failing and not top.fails_minimum:
        one = len(failing) == 1
        sentences.append(
            f"{_names(failing)} {'fails' if one else 'fail'} a minimum requirement and "
            f"{'is' if one else 'are'} ranked last whatever {'its' if one else 'their'} score."
        )
    filled = sum(1 for flag in context.flags if flag.kind == "missing score")
    if filled:
        sentences.append(
            f"{_plural(filled, 'score was', 'scores were')} missing and set to the worst end of the scale."
        )
    wide = sum(1 for flag in context.flags if flag.kind == "wide uncertainty")
    if wide:
        sentences.append(
            f"{_plural(wide, 'score has', 'scores have')} a wide uncertainty range "
            f"(over {WIDE_UNCERTAINTY:.0%} of the scale)."
        )
    return sentences


WEIGHT_MODE_PHRASES = {
    "free": "random weights (no assumption about which criteria matter most)",
    "around": "weights drawn close to the profile's",
    "ordinal": "random weights that keep the profile's order of importance",
}
"""How the summary describes each SMAA weight mode."""


def _smaa_sentences(context: ReportContext, top: RankRow) -> list[str]:
    smaa = context.smaa
    by_option = {row.option: row for row in context.smaa_rows}
    found = by_option.get(top.option)
    if smaa is None or found is None or not found.acceptability:
        return []
    count = f"{smaa.samples:,} "
    mode = WEIGHT_MODE_PHRASES[smaa.weight_mode]
    first = found.acceptability[0]
    sentences = [
        f"With {mode} and scores drawn within their uncertainty ranges (SMAA-2), {top.name} ranks first "
        f"in {first:.0%} of {count}samples."
    ]
    rivals = sorted(
        (row for row in context.smaa_rows if row.option != top.option and row.acceptability),
        key=lambda row: (-row.acceptability[0], row.option),
    )
    if rivals and rivals[0].acceptability[0] > first:
        sentences.append(
            f"{rivals[0].name} ranks first more often ({rivals[0].acceptability[0]:.0%}), so the answer "
            "depends on the weights chosen."
        )
    elif rivals and rivals[0].acceptability[0] > 0:
        sentences.append(f"The next most often first is {rivals[0].name} ({rivals[0].acceptability[0]:.0%}).")
    return sentences


def _robustness_sentence(context: ReportContext, top: RankRow) -> str:
    parts = []
    if context.smaa is not None:
        parts.extend(_smaa_sentences(context, top))
    if context.sensitivity is not None and context.sensitivity_rows:
        closest = min(context.sensitivity_rows, key=lambda row: row.margin)
        if math.isinf(closest.margin):
            parts.append(
                "No change to any single criterion's weight, however large, would put another option first."
            )
        else:
            down = closest.down is not None and abs(closest.weight - closest.down) == closest.margin
            target = closest.down if down else closest.up
            new_top = context.option_name(closest.down_top if down else closest.up_top)
            parts.append(
                f"The first place is most sensitive to the weight of {closest.name}: "
                f"{'lowering' if down else 'raising'} it from {closest.weight:.1%} to {target:.1%} "
                f"would put {new_top} first."
            )
    if not parts:
        return "This run did not test how robust the ranking is to the weights or to uncertain scores."
    return " ".join(parts)
