"""SMAA central weights as a report shows them: only for options first often enough for the
mean to mean something, rounded to what the samples behind it support.

An option's central weights are the mean weights of the samples in which it is first
(`SmaaResult`). An option first in fewer than `CENTRAL_WEIGHT_SHARE` (5%) of the samples
gets none: a handful of draws gives no typical priorities. The precision follows the
number of samples behind the least supported option shown (`central_weight_digits`), so
the whole table carries one precision. Every format (HTML, Markdown, XLSX) reads this one
table; none filters or rounds on its own.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from decisiontool.reports.reading import CENTRAL_WEIGHT_SHARE, GLOSSARY, central_weight_digits

if TYPE_CHECKING:
    from decisiontool.robustness import SmaaResult

__all__ = ["CentralWeightRow", "CentralWeights", "central_weights", "confidence_note"]


@dataclass(frozen=True)
class CentralWeightRow:
    """One criterion's central weight for each option shown (fractions, already rounded)."""

    criterion: str
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class CentralWeights:
    """The central-weights table of a report: options as columns, criteria as rows."""

    options: tuple[str, ...]
    """The ids of the options shown, in the SMAA result's (ranking) order."""
    names: tuple[str, ...]
    first: tuple[float, ...]
    """The share of samples in which each option shown is first."""
    digits: int
    """Decimal places of the percentages (what the samples support)."""
    rows: tuple[CentralWeightRow, ...]
    omitted: tuple[str, ...]
    """The names of options first in some samples, but fewer than the threshold."""
    confidence: str
    """What the confidence factors of this run say (`confidence_note`)."""

    @property
    def percent_format(self) -> str:
        """A spreadsheet number format with this table's precision (`0%` or `0.0%`)."""
        return "0%" if self.digits == 0 else "0." + "0" * self.digits + "%"

    def percent(self, value: float) -> str:
        """`value` (a fraction) as a percentage with this table's precision."""
        return f"{value * 100:.{self.digits}f}%"

    @property
    def note(self) -> str:
        """What the table shows and leaves out, in one or two sentences."""
        text = (
            "Central weights: the average weights of the samples in which the option is first, for "
            f"options first in at least {CENTRAL_WEIGHT_SHARE:.0%} of the samples, rounded to "
            f"{'whole percentages' if self.digits == 0 else f'{self.digits} decimal place(s)'} "
            "(the precision the number of samples behind them supports)."
        )
        if self.omitted:
            text += f" Not shown (first too rarely): {', '.join(self.omitted)}."
        return text


def central_weights(
    smaa: SmaaResult, criterion_names: Mapping[str, str], option_names: Mapping[str, str]
) -> CentralWeights:
    """The central weights of `smaa` that a report shows (see the module docstring).

    `criterion_names` gives the rows, in its order; `option_names` the columns' names.
    """
    shown = [
        entry
        for entry in smaa.options
        if entry.central_weights is not None and entry.first >= CENTRAL_WEIGHT_SHARE
    ]
    omitted = tuple(
        option_names.get(entry.option, entry.option)
        for entry in smaa.options
        if 0 < entry.first < CENTRAL_WEIGHT_SHARE
    )
    # the least supported column decides the table's precision
    support = min((round(entry.first * smaa.samples) for entry in shown), default=smaa.samples)
    digits = central_weight_digits(support)
    rows = tuple(
        CentralWeightRow(
            criterion,
            name,
            tuple(round((entry.central_weights or {}).get(criterion, 0.0), digits + 2) for entry in shown),
        )
        for criterion, name in criterion_names.items()
    )
    return CentralWeights(
        options=tuple(entry.option for entry in shown),
        names=tuple(option_names.get(entry.option, entry.option) for entry in shown),
        first=tuple(entry.first for entry in shown),
        digits=digits,
        rows=rows,
        omitted=omitted,
        confidence=confidence_note(smaa),
    )


def confidence_note(smaa: SmaaResult) -> str:
    """What the confidence factors say, for the run of `smaa`: the glossary's meaning first."""
    meaning = dict(GLOSSARY)["Confidence factor"]
    return (
        f"Confidence factor: {meaning[0].lower()}{meaning[1:]} A low factor says the option wins on "
        "those priorities only with favourable readings of its uncertain scores; an option never "
        f"first has none. ({smaa.samples:,} samples, seed {smaa.seed}.)"
    )
