"""The JSON report: schema `decisiontool.report/1`, a superset of `decisiontool.ranking/1`.

Every key of `decisiontool.documents.ranking_document` is kept as it is (so a script that
reads `rank --format json` reads this too), and the report adds `date`, `tool_version`,
`summary`, `flags`, `evidence`, `provenance` and, when they were run, the `sensitivity` and
`smaa` documents of docs/json.md unchanged; when the model has a panel, `panel`: the
`decisiontool.panel/1` document without its header keys (as `findings` is embedded).

Must not import rich, textual, jinja2 or xlsxwriter.
"""

from __future__ import annotations

import json
from typing import Any

from decisiontool.reports.content import REPORT_SCHEMA, ReportContext, ScoreEvidence


def report_document(context: ReportContext) -> dict[str, Any]:
    """The report as one JSON-ready dict."""
    document = dict(context.ranking_document)
    document["schema"] = REPORT_SCHEMA
    document["date"] = context.date_text
    document["tool_version"] = context.tool_version
    document["summary"] = context.summary
    document["flags"] = [
        {
            "option": flag.option,
            "kind": flag.kind,
            "criterion": flag.criterion,
            "detail": flag.detail,
        }
        for flag in context.flags
    ]
    document["evidence"] = _evidence(context)
    document["provenance"] = _provenance(context)
    document["findings"] = context.reader.findings.body_json()
    if context.reader.author is not None:
        document["author"] = context.reader.author
    if context.reader.status is not None:
        document["status"] = context.reader.status
    if context.sensitivity is not None:
        document["sensitivity"] = context.sensitivity.to_json()
    if context.smaa is not None:
        document["smaa"] = context.smaa.to_json()
    if context.panel is not None:
        document["panel"] = context.panel.body_json()
    return document


def _evidence(context: ReportContext) -> dict[str, Any]:
    """The options, criteria and lessons with their rationales and sources."""
    return {
        "options": {
            option.option: {
                "name": option.name,
                "kind": option.kind,
                "summary": option.summary,
                "precedents": list(option.precedents),
                "file": option.path,
                "scores": {score.criterion: _score(score) for score in option.scores},
            }
            for option in context.options
        },
        "criteria": {
            criterion.criterion: {
                "name": criterion.name,
                "group": criterion.group,
                "description": criterion.description,
                "direction": criterion.direction,
                "scale": list(criterion.scale),
                "minimum": criterion.minimum,
                "levels": dict(criterion.levels),
                "lessons": [lesson.id for lesson in criterion.lessons],
            }
            for criterion in context.criteria
        },
        "lessons": {
            lesson.id: {
                "title": lesson.title,
                "summary": lesson.summary,
                "sources": [src.to_json() for src in lesson.sources],
            }
            for lesson in context.lessons
        },
    }


def _provenance(context: ReportContext) -> dict[str, Any]:
    """Where the numbers come from: the model's files and the command that reproduces them."""
    provenance = context.provenance
    return {
        "model_directory": provenance.model_directory,
        "bundled_model": provenance.bundled,
        "files": [{"path": f.path, "sha256": f.sha256, "bytes": f.size} for f in provenance.files],
        "command": list(provenance.command),
        "command_line": provenance.command_line,
        "tool_version": provenance.tool_version,
        "date": provenance.date,
    }


def _score(score: ScoreEvidence) -> dict[str, Any]:
    return {
        "value": score.value,
        "range": None if score.low is None or score.high is None else [score.low, score.high],
        "rationale": score.rationale,
        "sources": [src.to_json() for src in score.sources],
        "filled": score.filled,
        "wide_uncertainty": score.wide,
        "fails_minimum": score.fails_minimum,
    }


def render(context: ReportContext) -> bytes:
    """The report as UTF-8 JSON (indented, keys in a fixed order, a final newline)."""
    text = json.dumps(report_document(context), indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")
