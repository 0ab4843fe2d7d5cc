"""The evidence audit (decisiontool.audit) and `decisiontool validate --evidence`, on tiny models
whose every finding is known in advance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.audit import CHECKS, audit_evidence, date_bound, is_sentence
from decisiontool.cli import app
from decisiontool.loading import load_model
from tests.evidence.helpers import GOOD_SOURCE, LESSONS, RATIONALE, clean_option, option_text, write_model

USED_LESSON_ONLY = LESSONS[: LESSONS.index("[[lesson]]", 10)]


def _found(root: Path, share: float = 0.5) -> set[tuple[str, str, str]]:
    audit = audit_evidence(load_model(root), max_source_share=share)
    return {(f.check, f.path, f.key) for f in audit.findings}


def test_a_clean_model_passes(tmp_path: Path) -> None:
    root = write_model(
        tmp_path / "m", {"a": clean_option("a"), "b": clean_option("b")}, lessons=USED_LESSON_ONLY
    )
    # GOOD_SOURCE is the only source of both `reach` scores: 2 of 4 scores, 50%, not more than 50%
    audit = audit_evidence(load_model(root), max_source_share=0.5)
    assert audit.findings == ()
    assert audit.passed
    assert (audit.scores, audit.sources_cited, audit.distinct_sources) == (4, 5, 4)


def test_the_share_threshold_is_strict_and_adjustable(tmp_path: Path) -> None:
    root = write_model(
        tmp_path / "m", {"a": clean_option("a"), "b": clean_option("b")}, lessons=USED_LESSON_ONLY
    )
    flagged = {
        ("shared-only-source", "options/a.toml", "scores.reach.sources"),
        ("shared-only-source", "options/b.toml", "scores.reach.sources"),
    }
    assert _found(root, share=0.49) == flagged
    assert _found(root, share=0.5) == set()
    # a second source takes a score off the list, however common its first source is
    two = option_text(
        "c",
        {
            "reach": (3, RATIONALE, f'[{GOOD_SOURCE}, "https://example.org/y"]'),
            "cost": (
                1,
                RATIONALE,
                '[{ title = "Z", publisher = "P", date = 2020-01-01, url = "https://example.org/z" }]',
            ),
        },
    )
    root2 = write_model(tmp_path / "m2", {"a": clean_option("a"), "c": two}, lessons=USED_LESSON_ONLY)
    assert ("shared-only-source", "options/c.toml", "scores.reach.sources") not in _found(root2, share=0.1)
    assert ("shared-only-source", "options/a.toml", "scores.reach.sources") in _found(root2, share=0.1)


def test_each_fault_is_found_where_it_is(tmp_path: Path) -> None:
    faulty = option_text(
        "Faulty",
        {
            "reach": (3, "Too short.", '["a plain citation"]'),
            "cost": (
                1,
                RATIONALE.rstrip("."),
                '[{ title = "Later", publisher = "P", date = "2024-07", url = "https://example.org/l" }]',
            ),
        },
    )
    root = write_model(tmp_path / "m", {"f": faulty, "b": clean_option("b")})
    assert _found(root) == {
        ("short-rationale", "options/f.toml", "scores.reach.rationale"),
        ("short-rationale", "options/f.toml", "scores.cost.rationale"),
        ("source-without-date", "options/f.toml", "scores.reach.sources[1]"),
        ("source-without-url", "options/f.toml", "scores.reach.sources[1]"),
        # the model is dated 2024-06-30; July 2024 starts after it
        ("source-after-model-date", "options/f.toml", "scores.cost.sources[1]"),
        ("unused-lesson", "criteria/lessons.toml", "lesson[L2]"),
    }


def test_unsourced_short_form_and_undated_model(tmp_path: Path) -> None:
    bare = 'name = "Bare"\nkind = "peace-operation"\n[scores]\nreach = 2\ncost = 1\n'
    root = write_model(tmp_path / "m", {"bare": bare}, model_toml='name = "Tiny"\n', lessons=USED_LESSON_ONLY)
    assert _found(root) == {
        ("unsourced-score", "options/bare.toml", "scores.reach"),
        ("unsourced-score", "options/bare.toml", "scores.cost"),
        ("short-rationale", "options/bare.toml", "scores.reach.rationale"),
        ("short-rationale", "options/bare.toml", "scores.cost.rationale"),
        ("model-without-date", "criteria/model.toml", "date"),
    }


def test_a_url_string_has_a_url_but_no_date(tmp_path: Path) -> None:
    url_only = option_text(
        "U", {"reach": (3, RATIONALE, '["https://example.org/u"]'), "cost": (1, RATIONALE, "[]")}
    )
    root = write_model(tmp_path / "m", {"u": url_only}, lessons=USED_LESSON_ONLY)
    found = _found(root, share=1.0)
    assert ("source-without-date", "options/u.toml", "scores.reach.sources[1]") in found
    assert ("source-without-url", "options/u.toml", "scores.reach.sources[1]") not in found


@pytest.mark.parametrize(
    ("iso", "earliest", "latest"),
    [
        ("2024", "2024-01-01", "2024-12-31"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023-02", "2023-02-01", "2023-02-28"),
        ("2023-04-05", "2023-04-05", "2023-04-05"),
    ],
)
def test_date_bounds(iso: str, earliest: str, latest: str) -> None:
    assert date_bound(iso, latest=False) == earliest
    assert date_bound(iso, latest=True) == latest


def test_a_month_dated_source_in_the_model_month_is_not_after_it(tmp_path: Path) -> None:
    same_month = GOOD_SOURCE.replace("2019-01-15", '"2024-06"')
    option = option_text(
        "a", {"reach": (3, RATIONALE, f"[{same_month}]"), "cost": (1, RATIONALE, f"[{GOOD_SOURCE}]")}
    )
    root = write_model(tmp_path / "m", {"a": option}, lessons=USED_LESSON_ONLY)
    assert not any(check == "source-after-model-date" for check, _, _ in _found(root, share=1.0))


def test_sentences() -> None:
    assert is_sentence("Level 3: the mission had tasks but no budget line of its own.")
    assert not is_sentence("Level 3.")
    assert not is_sentence("A long enough run of words that never ends with a stop")
    assert is_sentence("It said the mission should 'enhance its awareness' of the crime problem.'")


def test_share_must_be_a_share(tmp_path: Path) -> None:
    root = write_model(tmp_path / "m", {"a": clean_option("a")})
    with pytest.raises(ValueError, match="max_source_share"):
        audit_evidence(load_model(root), max_source_share=1.5)


# ---------------------------------------------------------------------------------------
# the CLI


def _faulty(tmp_path: Path) -> Path:
    return write_model(tmp_path / "m", {"a": clean_option("a")})  # L2 is unused: one warning


def test_validate_evidence_warns_but_exits_0(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--evidence", "--data", str(_faulty(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "criteria/lessons.toml: lesson[L2]: no criterion [unused-lesson]" in result.stdout
    assert "Evidence: 1 warnings" in result.stdout


def test_validate_evidence_strict_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--evidence", "--strict", "--data", str(_faulty(tmp_path))])
    assert result.exit_code == 1


def test_validate_without_evidence_ignores_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--strict", "--data", str(_faulty(tmp_path))])
    assert result.exit_code == 0
    assert "Evidence" not in result.stdout


def test_validate_evidence_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "validate",
            "--evidence",
            "--format",
            "json",
            "--max-source-share",
            "0.3",
            "--data",
            str(_faulty(tmp_path)),
        ],
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["schema"] == "decisiontool.validate/1" and document["valid"] is True
    evidence = document["evidence"]
    assert evidence["schema"] == "decisiontool.evidence/1"
    assert evidence["max_source_share"] == 0.3
    assert evidence["model_date"] == "2024-06-30"
    assert evidence["passed"] is False
    assert evidence["totals"] == {"scores": 2, "sources_cited": 4, "distinct_sources": 4, "lessons": 2}
    assert set(evidence["counts"]) == set(CHECKS)
    assert evidence["counts"]["unused-lesson"] == 1 and sum(evidence["counts"].values()) == 1
    assert evidence["findings"] == [
        {
            "check": "unused-lesson",
            "path": "criteria/lessons.toml",
            "key": "lesson[L2]",
            "message": "no criterion",
        }
    ]


def test_share_outside_0_1_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["validate", "--evidence", "--max-source-share", "2", "--data", str(_faulty(tmp_path))]
    )
    assert result.exit_code == 2


def test_an_access_date_or_a_lesson_source_after_the_model_date_is_found(tmp_path: Path) -> None:
    # published before the model (2024-06-30) but checked after it: the URL's content may be newer
    accessed_late = GOOD_SOURCE.replace(" }", ", accessed = 2024-07-01 }")
    option = option_text(
        "a", {"reach": (3, RATIONALE, f"[{accessed_late}]"), "cost": (1, RATIONALE, f"[{GOOD_SOURCE}]")}
    )
    # a lesson's own source dated the day after the model
    lessons = USED_LESSON_ONLY.replace("date = 2013-04-25", "date = 2024-07-01")
    root = write_model(tmp_path / "m", {"a": option}, lessons=lessons)
    assert {f for f in _found(root, share=1.0) if f[0] == "source-after-model-date"} == {
        ("source-after-model-date", "options/a.toml", "scores.reach.sources[1]"),
        ("source-after-model-date", "criteria/lessons.toml", "lesson[L1].sources[1]"),
    }
    # the day itself is not after it
    on_the_day = write_model(
        tmp_path / "n", {"a": option.replace("2024-07-01", "2024-06-30")}, lessons=USED_LESSON_ONLY
    )
    assert not any(check == "source-after-model-date" for check, _, _ in _found(on_the_day, share=1.0))
