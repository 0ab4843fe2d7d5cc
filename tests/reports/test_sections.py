"""The summary, the flags and the robustness sections, from an Analysis and hand-made results."""

from __future__ import annotations

import datetime
import io
import json
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from decisiontool.analysis import Analysis
from decisiontool.loading import load_model
from decisiontool.reports import WIDE_UNCERTAINTY, build_context, render_report
from decisiontool.robustness import SensitivityResult, SmaaResult
from tests.conftest import Edit
from tests.reports.parsing import html_document, html_errors, html_table, markdown_tables

DATE = datetime.date(2026, 5, 1)


def test_summary_names_the_winner_and_the_margin(analysis: Analysis) -> None:
    context = build_context(analysis, date=DATE)
    first, second = analysis.ranking.entries[:2]
    assert f"{first.name} ranks first with a score of {first.score:.3f}" in context.summary
    assert f"{first.score - second.score:.3f} ahead of {second.name} ({second.score:.3f})" in context.summary
    assert "did not test how robust" in context.summary


def test_summary_reports_smaa_and_sensitivity(
    analysis: Analysis, smaa_result: SmaaResult, sensitivity_result: SensitivityResult
) -> None:
    context = build_context(analysis, date=DATE, smaa=smaa_result, sensitivity=sensitivity_result)
    assert "Regional political office ranks first in 84% of 10,000 samples" in context.summary
    assert "The next most often first is Law-enforcement cooperation network (12%)" in context.summary
    # reach: 26.7% -> 21% is the smallest change that overturns the first rank
    assert "most sensitive to the weight of Cross-border reach: lowering it from 26.7% to 21.0%" in (
        context.summary
    )
    assert "did not test" not in context.summary
    assert [row.criterion for row in context.sensitivity_rows][:2] == ["reach", "resources"]


def test_summary_for_vikor_says_lower_is_better(analysis: Analysis) -> None:
    context = build_context(analysis.with_method("vikor"), date=DATE)
    assert "lower is better" in context.summary
    assert "better (lower) than" in context.summary
    assert "VIKOR's condition" in context.summary


def test_flags_fails_minimum_missing_and_wide(model_dir: Path, edit: Edit) -> None:
    edit(
        "options/large_mission.toml", "[scores.durability]\nvalue = 1", "[scores.durability]\nvalue = 0"
    )  # minimum is 1
    text = (model_dir / "options" / "law_enforcement_network.toml").read_text(encoding="utf-8")
    assert "reach = 4\n" in text
    (model_dir / "options" / "law_enforcement_network.toml").write_text(
        text.replace("reach = 4\n", ""), encoding="utf-8"
    )
    edit("options/regional_office.toml", "reach = 5", "reach = { value = 4, range = [2, 5] }")  # 60% > 40%
    analysis = Analysis.create(load_model(model_dir, missing="worst"))
    context = build_context(analysis, date=DATE)
    flags = {(f.option, f.kind, f.criterion) for f in context.flags}
    assert flags == {
        ("large_mission", "fails minimum", "durability"),
        ("law_enforcement_network", "missing score", "reach"),
        ("regional_office", "wide uncertainty", "reach"),
    }
    assert context.rows[-1].option == "large_mission"
    assert "Large multidimensional mission fails a minimum requirement" in context.summary
    assert "1 score was missing" in context.summary
    assert "1 score has a wide uncertainty range" in context.summary
    rows = {row["option"]: row for row in _csv(render_report(analysis, ".csv", date=DATE))}
    assert rows["large_mission"]["fails_minimum"] == "durability"
    assert rows["law_enforcement_network"]["missing_scores"] == "reach"
    assert rows["regional_office"]["wide_uncertainty"] == "reach"
    document = json.loads(render_report(analysis, ".json", date=DATE))
    assert {(f["option"], f["kind"], f["criterion"]) for f in document["flags"]} == flags
    entry = next(e for e in document["ranking"] if e["option"] == "law_enforcement_network")
    assert entry["filled"] == ["reach"]


def test_a_range_of_exactly_the_threshold_is_not_wide(analysis: Analysis) -> None:
    # the starter's law_enforcement_network scores resources in [1, 3] on [0, 5]: exactly 40%
    assert WIDE_UNCERTAINTY == 0.4
    context = build_context(analysis, date=DATE)
    assert not [f for f in context.flags if f.kind == "wide uncertainty"]


def _csv(data: bytes) -> list[dict[str, str]]:
    import csv

    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_json_carries_the_robustness_documents(
    analysis: Analysis, smaa_result: SmaaResult, sensitivity_result: SensitivityResult
) -> None:
    document = json.loads(
        render_report(analysis, ".json", date=DATE, sensitivity=sensitivity_result, smaa=smaa_result)
    )
    sensitivity = document["sensitivity"]
    assert sensitivity["schema"] == "decisiontool.sensitivity/1"
    assert sensitivity["top"] == "regional_office"
    assert sensitivity["tornado"] == ["reach", "resources", "cost", "durability"]
    reach = sensitivity["criteria"][1]
    assert reach["criterion"] == "reach"
    assert reach["critical_down"] == {"weight": 0.21, "new_top": "law_enforcement_network"}
    assert reach["critical_up"] is None
    assert sensitivity["criteria"][0]["sweep"]["ranks"]["large_mission"] == [1, 2, 3]
    smaa = document["smaa"]
    assert smaa["schema"] == "decisiontool.smaa/1"
    assert (smaa["samples"], smaa["seed"], smaa["weight_mode"]) == (10000, 1, "free")
    assert smaa["options"][2]["rank_acceptability"] == [0.04, 0.15, 0.81]
    assert smaa["options"][0]["central_weights"]["reach"] == 0.4
    assert smaa["pairwise_winning"]["large_mission"]["law_enforcement_network"] == 0.2


def test_html_robustness_sections(
    analysis: Analysis, smaa_result: SmaaResult, sensitivity_result: SensitivityResult
) -> None:
    data = render_report(analysis, ".html", date=DATE, sensitivity=sensitivity_result, smaa=smaa_result)
    assert html_errors(data) == []
    document = html_document(data)
    acceptability = html_table(document, "Rank acceptability")
    assert acceptability[0] == [
        "Option",
        "Share of samples in which the option takes rank",
        "Expected rank",
        "Confidence",
    ]
    assert acceptability[1] == ["1", "2", "3"]
    assert acceptability[2] == ["Regional political office", "84.0%", "15.0%", "1.0%", "1.17", "91.0%"]
    # colour-scaled, and the share is printed in every cell (colour is not the only carrier)
    cells = [td for td in document.iter("td") if "background" in (td.get("style") or "")]
    assert len(cells) == 9
    critical = html_table(document, "Critical weights")
    assert critical[1][:4] == ["Cross-border reach", "26.7%", "21.0%", "Law-enforcement cooperation network"]
    svg_titles = [t.text for t in document.iter("{http://www.w3.org/2000/svg}title")]
    assert "Sensitivity to each weight" in svg_titles


def test_html_without_robustness_keeps_the_sections(analysis: Analysis) -> None:
    document = html_document(render_report(analysis, ".html", date=DATE))
    headings = [" ".join("".join(h.itertext()).split()) for h in document.iter("h3")]
    assert "Sensitivity to the weights" in headings and "Rank acceptability (SMAA-2)" in headings


def test_markdown_robustness_tables(
    analysis: Analysis, smaa_result: SmaaResult, sensitivity_result: SensitivityResult
) -> None:
    text = render_report(analysis, ".md", date=DATE, sensitivity=sensitivity_result, smaa=smaa_result).decode(
        "utf-8"
    )
    tables = markdown_tables(text)
    smaa = next(t for t in tables if t[0][:2] == ["Option", "Rank 1"])
    assert smaa[3] == ["Large multidimensional mission", "4.0%", "15.0%", "81.0%", "2.77", "5.0%"]
    sensitivity = next(t for t in tables if t[0][0] == "Criterion" and "Weight now" in t[0])
    assert [row[0] for row in sensitivity[1:]] == [
        "Cross-border reach",
        "Dedicated resources",
        "Annual cost (lower is better)",  # a cost criterion, said so
        "Political durability",
    ]


def test_xlsx_robustness_sheets(
    analysis: Analysis, smaa_result: SmaaResult, sensitivity_result: SensitivityResult, tmp_path: Path
) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(
        render_report(analysis, ".xlsx", date=DATE, sensitivity=sensitivity_result, smaa=smaa_result)
    )
    workbook = openpyxl.load_workbook(path)
    smaa = workbook["SMAA"]
    assert [c.value for c in smaa[2]][:5] == [
        "regional_office",
        "Regional political office",
        0.84,
        0.15,
        0.01,
    ]
    assert smaa.conditional_formatting  # the colour scale
    sensitivity = workbook["Sensitivity"]
    assert sensitivity["A2"].value == "reach" and sensitivity["D2"].value == 0.21


@pytest.mark.parametrize("suffix", [".md", ".html", ".csv", ".json", ".xlsx"])
@pytest.mark.parametrize("method", ["topsis", "vikor", "promethee2"])
def test_every_method_renders(analysis: Analysis, suffix: str, method: str) -> None:
    data = render_report(analysis.with_method(method), suffix, date=DATE)
    assert data


@pytest.mark.parametrize("suffix", [".md", ".html", ".csv", ".json", ".xlsx"])
def test_sparse_robustness_results_still_render(
    analysis: Analysis, suffix: str, sensitivity_result: SensitivityResult, smaa_result: SmaaResult
) -> None:
    # no criterion swept, one option that is never first (no central weights, no confidence)
    sensitivity = replace(sensitivity_result, criteria=(), tornado=())
    never_first = replace(
        smaa_result.options[2], rank_acceptability=(0.0, 0.0, 1.0), central_weights=None, confidence=None
    )
    smaa = replace(smaa_result, options=(never_first,), pairwise_winning={})
    data = render_report(analysis, suffix, date=DATE, sensitivity=sensitivity, smaa=smaa)
    if suffix == ".json":
        document = json.loads(data)
        assert document["sensitivity"]["criteria"] == []
        assert document["smaa"]["options"][0]["central_weights"] is None
    elif suffix in (".md", ".html"):
        assert "Large multidimensional mission" in data.decode("utf-8")
    else:
        assert data


def test_html_and_markdown_central_weights_only_for_options_often_first(
    analysis: Analysis, smaa_result: SmaaResult
) -> None:
    # the fixture: first in 84%, 12% and 4% of 10,000 samples; 4% is below the 5% threshold, and
    # 1,200 draws behind the least supported mean support whole percentages
    html = render_report(analysis, ".html", date=DATE, smaa=smaa_result)
    table = html_table(html_document(html), "Central weights")
    assert table[0] == ["Criterion", "Regional political office", "Law-enforcement cooperation network"]
    assert table[1:] == [
        ["Dedicated resources", "30%", "20%"],
        ["Cross-border reach", "40%", "30%"],
        ["Political durability", "20%", "30%"],
        ["Annual cost (lower is better)", "10%", "20%"],  # a cost criterion, said so
    ]
    assert "Not shown (first too rarely): Large multidimensional mission." in html.decode()
    markdown = render_report(analysis, ".md", date=DATE, smaa=smaa_result).decode()
    central = next(t for t in markdown_tables(markdown) if t[0][0] == "Criterion" and len(t[0]) == 3)
    assert central[1] == ["Dedicated resources", "30%", "20%"]
    assert "Confidence factor: the share of score draws" in markdown
