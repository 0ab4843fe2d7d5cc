"""`decisiontool validate`: check a model (and optionally its evidence)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from decisiontool.cli import app
from decisiontool.cli.common import (
    DataOption,
    MethodOption,
    MissingOption,
    ProfileOption,
    ViewFormatOption,
    WeightOption,
    as_cli_problem,
    echo,
    handles_model_errors,
    print_json,
)
from decisiontool.names import DEFAULT_PROFILE

if TYPE_CHECKING:
    from decisiontool.audit import EvidenceAudit
    from decisiontool.model import DecisionModel
    from decisiontool.problems import ModelError


@app.command(
    epilog=(
        "Examples:  decisiontool validate;  decisiontool validate --data ./my-model;  "
        "decisiontool validate --profile balanced --weight cost_burden=2;  "
        "decisiontool validate --evidence --strict"
    )
)
@handles_model_errors
def validate(
    data: DataOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    weight: WeightOption = None,
    method: MethodOption = "wsm",
    missing: MissingOption = "refuse",
    output_format: ViewFormatOption = "table",
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Also audit the evidence: sources, dates, rationales, lessons.")
    ] = False,
    strict: Annotated[bool, typer.Option("--strict", help="With --evidence: exit 1 on any warning.")] = False,
    max_source_share: Annotated[
        float,
        typer.Option(
            "--max-source-share",
            min=0.0,
            max=1.0,
            metavar="SHARE",
            help="With --evidence: flag a score whose only source more than this share of scores cite.",
        ),
    ] = 0.10,
) -> None:
    """Check a model and print every problem at once (exit 1 if there is any).

    Each problem is one line, `file: key.path: message`, with the line number where the
    file gives one. A clean model prints a one-line summary. With --profile or --weight,
    they are checked against the model too. With --evidence, the evidence audit's warnings
    follow (docs/sources.md); they fail the command only with --strict.
    """
    from decisiontool.analysis import Analysis
    from decisiontool.cli.common import parse_overrides
    from decisiontool.loading import load_model
    from decisiontool.problems import ModelError

    overrides = parse_overrides(weight)
    try:
        model = load_model(data, missing="worst" if missing == "worst" else "refuse")
        Analysis.create(model, profile=profile, overrides=overrides, method=method)
    except ModelError as error:
        if output_format == "json":
            print_json(_invalid_document(error))
        raise
    audit = None
    if evidence:
        from decisiontool.audit import audit_evidence

        audit = audit_evidence(model, max_source_share=max_source_share)
    if output_format == "json":
        print_json(_valid_document(model, audit))
    else:
        _print_summary(model, audit)
    if audit is not None and strict and not audit.passed:
        raise typer.Exit(1)


def _invalid_document(error: ModelError) -> dict[str, Any]:
    return {
        "schema": "decisiontool.validate/1",
        "valid": False,
        "problems": [
            {"path": p.path, "key": p.key, "line": p.line, "message": p.message}
            for p in map(as_cli_problem, error.problems)
        ],
    }


def _counts(model: DecisionModel) -> dict[str, int]:
    return {
        "groups": len(model.groups),
        "criteria": len(model.criteria),
        "options": len(model.options),
        "profiles": len(model.profile_ids),
        "lessons": len(model.lessons),
    }


def _valid_document(model: DecisionModel, audit: EvidenceAudit | None) -> dict[str, Any]:
    document: dict[str, Any] = {
        "schema": "decisiontool.validate/1",
        "valid": True,
        "model": model.name,
        "counts": _counts(model),
        "problems": [],
    }
    if audit is not None:
        document["evidence"] = audit.to_json()
    return document


def _print_summary(model: DecisionModel, audit: EvidenceAudit | None) -> None:
    summary = ", ".join(f"{count} {what}" for what, count in _counts(model).items())
    filled = f"; {len(model.filled)} missing scores set to the worst end" if model.filled else ""
    echo(f"OK: {model.name}: {summary}{filled}")
    if audit is None:
        return
    for finding in audit.findings:
        echo(f"{finding.path}: {finding.key}: {finding.message} [{finding.check}]")
    outcome = "passed" if audit.passed else f"{len(audit.findings)} warnings"
    date = audit.model_date or "no model date"
    echo(
        f"Evidence: {outcome} ({audit.scores} scores, {audit.sources_cited} citations of "
        f"{audit.distinct_sources} sources, {audit.lessons} lessons; model date {date})"
    )
