"""The evidence audit: how well a valid model's scores and lessons are sourced.

`audit_evidence(model)` looks at the evidence a model gives, not at whether it loads (that is
validation): scores that lean on one over-used source, sources without a date or a URL,
rationales shorter than a sentence, scores without any source, lessons no criterion uses,
and sources dated after the model's own date (model.toml `date`). Each finding is a warning;
`decisiontool validate --evidence` prints them and `--strict` turns any into exit 1.

The checks and the JSON document (schema `decisiontool.evidence/1`) are described in
docs/sources.md. Pure: no I/O; must not import numpy, rich, textual or the CLI.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from decisiontool.model import DecisionModel, Source, StructuredSource
from decisiontool.model.citations import is_url

EVIDENCE_SCHEMA = "decisiontool.evidence/1"
DEFAULT_MAX_SOURCE_SHARE = 0.10
"""A score whose only source is cited by more than this share of all scores (and by more than
one score) is flagged."""
MIN_RATIONALE_WORDS = 8
"""A rationale needs at least this many words and a full stop (or ? or !) to count as a sentence."""

CHECKS = {
    "shared-only-source": "the score's only source is cited by more than the allowed share of scores",
    "source-without-date": "a source gives no date (a plain string never does)",
    "source-without-url": "a source gives no URL",
    "short-rationale": "the rationale is missing or shorter than a sentence",
    "unsourced-score": "the score cites no source",
    "unused-lesson": "no criterion cites the lesson",
    "source-after-model-date": "a source is dated (or accessed) after the model's date",
    "model-without-date": "model.toml gives no date, so sources cannot be checked against it",
}
"""Every check the audit runs, by the id its findings carry."""

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_LESSONS_FILE = "criteria/lessons.toml"


@dataclass(frozen=True)
class EvidenceFinding:
    """One warning: which check, in which file and key, and what is wrong."""

    check: str
    path: str
    key: str
    message: str

    def to_json(self) -> dict[str, str]:
        """The finding as in `decisiontool.evidence/1`."""
        return {"check": self.check, "path": self.path, "key": self.key, "message": self.message}


@dataclass(frozen=True)
class EvidenceAudit:
    """The audit of one model."""

    model: str
    model_date: str | None
    max_source_share: float
    scores: int
    sources_cited: int
    distinct_sources: int
    lessons: int
    findings: tuple[EvidenceFinding, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        """True when there is no finding (what `--strict` requires)."""
        return not self.findings

    def counts(self) -> dict[str, int]:
        """The number of findings per check, every check listed."""
        found = Counter(finding.check for finding in self.findings)
        return {check: found.get(check, 0) for check in CHECKS}

    def to_json(self) -> dict[str, Any]:
        """The `decisiontool.evidence/1` document."""
        return {
            "schema": EVIDENCE_SCHEMA,
            "model": self.model,
            "model_date": self.model_date,
            "max_source_share": self.max_source_share,
            "totals": {
                "scores": self.scores,
                "sources_cited": self.sources_cited,
                "distinct_sources": self.distinct_sources,
                "lessons": self.lessons,
            },
            "passed": self.passed,
            "counts": self.counts(),
            "findings": [finding.to_json() for finding in self.findings],
        }


def source_identity(source: Source) -> str:
    """What makes two citations the same source: the URL when there is one, else the text."""
    if isinstance(source, str):
        return source.strip()
    if source.url is not None:
        return source.url
    return f"{source.publisher} | {source.title} | {source.date or ''}"


def date_bound(iso: str, *, latest: bool) -> str:
    """The earliest (or latest) full date an ISO date of any precision stands for."""
    parts = iso.split("-")
    if len(parts) == 3:
        return iso
    if len(parts) == 2:
        if not latest:
            return f"{iso}-01"
        year, month = int(parts[0]), int(parts[1])
        days = [31, 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28, 31, 30, 31, 30,
                31, 31, 30, 31, 30, 31][month - 1]  # fmt: skip
        return f"{iso}-{days:02d}"
    return f"{iso}-12-31" if latest else f"{iso}-01-01"


def is_sentence(text: str) -> bool:
    """At least `MIN_RATIONALE_WORDS` words and ending like a sentence."""
    stripped = text.strip()
    return len(stripped.split()) >= MIN_RATIONALE_WORDS and _SENTENCE_END.search(stripped) is not None


Citation = tuple[str, str, Source]
"""Where a source is cited: (file, key, source)."""

ScoreSources = tuple[str, str, Sequence[Source]]
"""One score's sources: (option file, `scores.<criterion>`, its sources)."""


def audit_evidence(
    model: DecisionModel, *, max_source_share: float = DEFAULT_MAX_SOURCE_SHARE
) -> EvidenceAudit:
    """Audit a loaded model's evidence. `max_source_share` is a share of all scores, in [0, 1]."""
    if not 0.0 <= max_source_share <= 1.0:
        raise ValueError(f"max_source_share must lie in [0, 1], not {max_source_share!r}")
    model_date = model.info.date
    findings: list[EvidenceFinding] = []
    citations: list[Citation] = [
        (_LESSONS_FILE, f"lesson[{lesson.id}].sources[{index}]", source)
        for lesson in model.lessons.values()
        for index, source in enumerate(lesson.sources, start=1)
    ]
    score_sources = _score_sources(model, citations, findings)
    findings.extend(_shared_only_sources(score_sources, max_source_share))
    for path, key, source in citations:
        findings.extend(_source_problems(path, key, source, model_date))
    used_lessons = {lesson for criterion in model.criteria for lesson in criterion.lessons}
    findings.extend(
        EvidenceFinding("unused-lesson", _LESSONS_FILE, f"lesson[{lesson_id}]", "no criterion")
        for lesson_id in model.lessons
        if lesson_id not in used_lessons
    )
    if model_date is None:
        findings.append(
            EvidenceFinding(
                "model-without-date",
                "criteria/model.toml",
                "date",
                "no date: add `date = YYYY-MM-DD` so sources dated after the model can be found",
            )
        )
    return EvidenceAudit(
        model=model.name,
        model_date=model_date,
        max_source_share=max_source_share,
        scores=len(score_sources),
        sources_cited=len(citations),
        distinct_sources=len({source_identity(source) for _, _, source in citations}),
        lessons=len(model.lessons),
        findings=tuple(findings),
    )


def _score_sources(
    model: DecisionModel, citations: list[Citation], findings: list[EvidenceFinding]
) -> list[ScoreSources]:
    """Every written score's sources; adds their citations, and unsourced scores and short
    rationales to `findings`."""
    score_sources: list[ScoreSources] = []
    for option in model.options:
        for criterion in model.criteria:
            detail = option.file.scores.get(criterion.id)
            key = f"scores.{criterion.id}"
            if detail is None:  # filled with the worst end (--missing worst): nothing written
                continue
            score_sources.append((option.path, key, detail.sources))
            for index, source in enumerate(detail.sources, start=1):
                citations.append((option.path, f"{key}.sources[{index}]", source))
            if not detail.sources:
                findings.append(EvidenceFinding("unsourced-score", option.path, key, "cites no source"))
            if not is_sentence(detail.rationale):
                words = len(detail.rationale.split())
                what = "no rationale" if words == 0 else f"a rationale of {words} words, not a full sentence"
                findings.append(
                    EvidenceFinding(
                        "short-rationale",
                        option.path,
                        f"{key}.rationale",
                        f"{what}: say why this level in a sentence of {MIN_RATIONALE_WORDS} words or more",
                    )
                )
    return score_sources


def _shared_only_sources(score_sources: list[ScoreSources], max_source_share: float) -> list[EvidenceFinding]:
    """Scores whose only source is cited by more than `max_source_share` of all scores."""
    share_of: Counter[str] = Counter()  # source -> how many scores cite it
    for _path, _key, sources in score_sources:
        share_of.update({source_identity(source) for source in sources})
    total_scores = len(score_sources)
    findings: list[EvidenceFinding] = []
    for path, key, sources in score_sources:
        if len(sources) != 1:
            continue
        identity = source_identity(sources[0])
        share = share_of[identity] / total_scores
        if share_of[identity] > 1 and share > max_source_share:
            findings.append(
                EvidenceFinding(
                    "shared-only-source",
                    path,
                    f"{key}.sources",
                    f"its only source is cited by {share_of[identity]} of {total_scores} scores "
                    f"({share:.0%} > {max_source_share:.0%}): cite a source that makes this score's point",
                )
            )
    return findings


def _source_problems(path: str, key: str, source: Source, model_date: str | None) -> list[EvidenceFinding]:
    """One cited source: no date, no URL, or dated (or accessed) after the model's date."""
    if isinstance(source, str):
        found = [EvidenceFinding("source-without-date", path, key, "a plain string has no date: use a table")]
        if not is_url(source):
            found.append(EvidenceFinding("source-without-url", path, key, "the source gives no URL"))
        return found
    found = []
    if source.date is None:
        found.append(EvidenceFinding("source-without-date", path, key, f"no date: {_short(source)}"))
    if source.url is None:
        found.append(EvidenceFinding("source-without-url", path, key, f"no URL: {_short(source)}"))
    if model_date is not None:
        limit = date_bound(model_date, latest=True)
        for label, value in (("dated", source.date), ("accessed", source.accessed)):
            if value is not None and date_bound(value, latest=False) > limit:
                found.append(
                    EvidenceFinding(
                        "source-after-model-date",
                        path,
                        key,
                        f"{_short(source)} is {label} {value}, after the model's date {model_date}",
                    )
                )
    return found


def _short(source: StructuredSource) -> str:
    title = source.title if len(source.title) <= 60 else source.title[:57] + "..."
    return f"'{title}' ({source.publisher})"
