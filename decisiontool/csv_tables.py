"""The ranking and the findings as CSV: one layout for `rank --format csv`, `report -o x.csv` and
`report --findings-csv` (docs/json.md, "CSV").

The ranking's header is the same under every method, so scripts can stack runs: `rank`,
`option`, `name`, `kind`, `score`, `method`, `profile`, `higher_is_better`, `fails_minimum`,
`missing_scores`, `wide_uncertainty`, one `contribution:<criterion id>` per criterion (filled
for wsm, whose contributions sum to the score; empty otherwise), then every method's own
values (`d_plus`, `d_minus` for TOPSIS; `S`, `R`, `Q` for VIKOR; `phi_plus`, `phi_minus` for
PROMETHEE II), empty where the method has none.

The findings (`decisiontool.findings/1`) become one long table, a row per fact, with
`section` saying which: `sentence`, `verdict`, `first_acceptability`, `score_interval`,
`dominance`, `agreement_method`, `agreement_profile`, `closest_change`,
`closest_weight_change`, `why`, `benefit`, `cost`, `frontier`.

Numbers are written in full precision (Python's repr), so they equal the JSON's; text goes
through `decisiontool.sanitise.cell` (never a live formula). UTF-8 without a byte-order mark,
CRLF line ends as RFC 4180 says. Pure: builds bytes, writes no file.

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from decisiontool.analysis import METHOD_EXTRAS, Analysis
from decisiontool.names import METHOD_IDS
from decisiontool.sanitise import cell, terminal

if TYPE_CHECKING:
    from decisiontool.findings import Findings

__all__ = [
    "FINDINGS_HEADER",
    "RANKING_COLUMNS",
    "WIDE_UNCERTAINTY",
    "Cell",
    "RankingLine",
    "RankingRun",
    "csv_bytes",
    "csv_text",
    "findings_rows",
    "findings_table",
    "ranking_header",
    "ranking_table",
    "wide_scores",
]

Cell = str | int | float | bool | None

WIDE_UNCERTAINTY = 0.4
"""A score whose range is wider than this share of its criterion's scale is flagged."""

RANKING_COLUMNS = (
    "rank",
    "option",
    "name",
    "kind",
    "score",
    "method",
    "profile",
    "higher_is_better",
    "fails_minimum",
    "missing_scores",
    "wide_uncertainty",
)
"""The ranking's first columns, the same for every method."""

EXTRA_COLUMNS: tuple[str, ...] = tuple(key for method in METHOD_IDS for key in METHOD_EXTRAS[method])
"""Every method's own values, in the order of the methods."""

FINDINGS_HEADER = (
    "section",
    "method",
    "profile",
    "option",
    "option_name",
    "about",
    "criterion",
    "criterion_name",
    "value",
    "low",
    "high",
    "from",
    "to",
    "text",
)
"""The findings CSV's header."""


def wide_scores(analysis: Analysis) -> set[tuple[int, int]]:
    """(option index, criterion index) of every score whose range is wider than `WIDE_UNCERTAINTY`
    of its criterion's scale."""
    arrays = analysis.arrays
    span = arrays.criteria.high - arrays.criteria.low
    widths = arrays.high - arrays.low
    return {
        (i, j)
        for i in range(widths.shape[0])
        for j in range(widths.shape[1])
        if widths[i, j] > WIDE_UNCERTAINTY * span[j] + 1e-12
    }


def ranking_header(criterion_ids: Sequence[str]) -> list[str]:
    """The ranking CSV's header: the same under every method for one model's criteria."""
    return [*RANKING_COLUMNS, *(f"contribution:{cid}" for cid in criterion_ids), *EXTRA_COLUMNS]


@dataclass(frozen=True)
class RankingLine:
    """What one ranking CSV row says about one option (the ids of flagged criteria as tuples)."""

    rank: int
    option: str
    name: str
    kind: str
    score: float
    fails_minimum: tuple[str, ...]
    missing: tuple[str, ...]
    wide: tuple[str, ...]
    contributions: Mapping[str, float] | None
    extra: Mapping[str, float]


@dataclass(frozen=True)
class RankingRun:
    """The run every row of a ranking CSV states: method, profile, direction, criteria."""

    method: str
    profile: str
    higher_is_better: bool
    criterion_ids: tuple[str, ...]

    def row(self, line: RankingLine) -> list[Cell]:
        """One option's cells, in the order of `ranking_header`."""
        contributions = line.contributions or {}
        return [
            line.rank,
            line.option,
            line.name,
            line.kind,
            line.score,
            self.method,
            self.profile,
            self.higher_is_better,
            ";".join(line.fails_minimum),
            ";".join(line.missing),
            ";".join(line.wide),
            *(contributions.get(cid) for cid in self.criterion_ids),
            *(line.extra.get(key) for key in EXTRA_COLUMNS),
        ]


def ranking_table(analysis: Analysis) -> tuple[list[str], list[list[Cell]]]:
    """The header and one row per option of `analysis`, in rank order (numbers as numbers)."""
    criterion_ids = analysis.arrays.criterion_ids
    model = analysis.model
    wide = wide_scores(analysis)
    run = RankingRun(
        analysis.method_id, analysis.profile, analysis.method.higher_is_better, tuple(criterion_ids)
    )
    rows = [
        run.row(
            RankingLine(
                rank=entry.rank,
                option=entry.option,
                name=entry.name,
                kind=model.options[entry.index].file.kind,
                score=entry.score,
                fails_minimum=entry.fails_minimum,
                missing=tuple(cid for cid in criterion_ids if (entry.option, cid) in model.filled),
                wide=tuple(cid for j, cid in enumerate(criterion_ids) if (entry.index, j) in wide),
                contributions=entry.contributions,
                extra=entry.extra,
            )
        )
        for entry in analysis.ranking.entries
    ]
    return ranking_header(criterion_ids), rows


def findings_table(findings: Findings) -> tuple[list[str], list[list[Cell]]]:
    """The findings as the header and one row per fact (see the module docstring)."""
    return list(FINDINGS_HEADER), findings_rows(findings)


def findings_rows(findings: Findings) -> list[list[Cell]]:
    """One row per fact of `findings`, in the order a reader needs them."""
    method, profile = findings.header.method, findings.header.profile

    def row(section: str, option: str | None = None, **cells: Cell) -> list[Cell]:
        values: dict[str, Cell] = {
            "section": section,
            "method": method,
            "profile": profile,
            "option": option,
            "option_name": None if option is None else findings.names.get(option, option),
            **cells,
        }
        criterion = values.get("criterion")
        if isinstance(criterion, str):
            values["criterion_name"] = findings.criterion_names.get(criterion, criterion)
        return [values.get(key) for key in FINDINGS_HEADER]

    rows = [row("sentence", text=sentence) for sentence in findings.sentences]
    top_share = findings.first_acceptability.get(findings.top, 0.0)
    rows.append(row("verdict", findings.top, value=top_share, text=findings.verdict))
    rows += [
        row(
            "first_acceptability",
            option,
            value=share,
            text="contender" if option in findings.contenders else "",
        )
        for option, share in findings.first_acceptability.items()
    ]
    rows += [
        row("score_interval", option, low=interval.low, high=interval.high)
        for option, interval in findings.score_intervals.items()
    ]
    rows += [
        row("dominance", pair.option, about=pair.dominates, text="robust" if pair.robust else "not robust")
        for pair in findings.dominance
    ]
    rows += [row("agreement_method", top, about=m) for m, top in findings.agreement.methods.items()]
    rows += [row("agreement_profile", top, about=p) for p, top in findings.agreement.profiles.items()]
    rows += _change_rows(findings, row)
    return rows


class _RowMaker(Protocol):
    """The signature of `findings_rows`' local `row`, for the helpers below."""

    def __call__(self, section: str, option: str | None = None, **cells: Cell) -> list[Cell]: ...


def _change_rows(findings: Findings, row: _RowMaker) -> list[list[Cell]]:
    """Closest changes, the closest weight change, why, and value for money."""
    rows = []
    for option, change in findings.closest_changes.items():
        if change is None:
            rows.append(row("closest_change", option, text="no single score within its scale makes it first"))
            continue
        effect = "becomes first" if change.new_top is None else "loses first place"
        rows.append(
            row(
                "closest_change",
                option,
                about=change.new_top,
                criterion=change.criterion,
                value=change.movement,
                **{"from": change.from_value, "to": change.to_value},
                text=effect,
            )
        )
    weight = findings.closest_weight_change
    if weight is not None:
        rows.append(
            row(
                "closest_weight_change",
                weight.new_top,
                criterion=weight.criterion,
                **{"from": weight.from_weight, "to": weight.to_weight},
                text="becomes first",
            )
        )
    why = findings.why
    if why is not None:
        kind = "decomposition" if why.decomposition else "explanation"
        rows += [
            row(
                "why",
                why.option,
                about=why.versus,
                criterion=term.criterion,
                value=term.contribution,
                text=kind,
            )
            for term in why.terms
        ]
    money = findings.value_for_money
    if money is not None:
        rows += [row("benefit", option, value=value) for option, value in money.benefit.items()]
        rows += [row("cost", option, value=value) for option, value in money.cost.items()]
        rows += [row("frontier", option) for option in money.frontier]
    return rows


def _text(value: Cell, for_terminal: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return cell(terminal(value) if for_terminal else value)


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Cell]], *, for_terminal: bool = False) -> str:
    """CSV text, CRLF line ends, quoted where needed; `for_terminal`: control characters in text
    made visible too (`decisiontool.sanitise.terminal`), for stdout."""
    buffer = io.StringIO()
    # CRLF as RFC 4180 says; it also makes the writer quote a field holding a lone carriage return
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_text(title, for_terminal) for title in header])
    writer.writerows([[_text(value, for_terminal) for value in line] for line in rows])
    return buffer.getvalue()


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> bytes:
    """A CSV file's bytes: UTF-8 without a byte-order mark (see `csv_text`)."""
    return csv_text(header, rows).encode("utf-8")
