"""decisiontool export: CSV and XLSX a person can read and import can read back; XMCDA v4 that validates."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from decisiontool.analysis import Analysis
from decisiontool.cli import app
from decisiontool.interchange import export_model, import_matrix
from decisiontool.interchange.export import XMCDA_NAMESPACE
from decisiontool.loading import load_model
from tests.conftest import Edit

runner = CliRunner()
NS = {"x": XMCDA_NAMESPACE}


def test_xmcda_validates_against_the_official_schema_and_holds_the_numbers(tmp_path: Path) -> None:
    from lxml import etree
    from xmcda import schemas

    model = load_model()
    path = export_model(model, tmp_path / "model.xml")
    document = etree.parse(str(path))
    schema = etree.XMLSchema(etree.parse(str(Path(schemas.__file__).parent / schemas.XMCDA_4_0_0.resource)))
    assert schema.validate(document), schema.error_log

    root = ElementTree.parse(path).getroot()
    assert [a.get("id") for a in root.findall("x:alternatives/x:alternative", NS)] == [
        o.id for o in model.options
    ]
    assert [c.get("id") for c in root.findall("x:criteria/x:criterion", NS)] == [c.id for c in model.criteria]
    for entry in root.findall("x:criteriaScales/x:criterionScales", NS):
        criterion = model.criterion(entry.findtext("x:criterionID", namespaces=NS) or "")
        quantitative = entry.find("x:scales/x:scale/x:quantitative", NS)
        assert quantitative is not None
        direction = quantitative.findtext("x:preferenceDirection", namespaces=NS)
        assert direction == ("max" if criterion.direction == "benefit" else "min")
        low = float(quantitative.findtext("x:minimum/x:real", namespaces=NS) or "nan")
        high = float(quantitative.findtext("x:maximum/x:real", namespaces=NS) or "nan")
        assert (low, high) == criterion.scale
    weights = {
        entry.findtext("x:criterionID", namespaces=NS): float(
            entry.findtext("x:values/x:value/x:real", namespaces=NS) or ""
        )
        for entry in root.findall("x:criteriaValues[@mcdaConcept='weights']/x:criterionValues", NS)
    }
    assert weights == Analysis.create(model).weight_map()
    assert sum(weights.values()) == pytest.approx(1)
    for row in root.findall("x:performanceTable/x:alternativePerformances", NS):
        option = model.option(row.findtext("x:alternativeID", namespaces=NS) or "")
        for performance in row.findall("x:performance", NS):
            criterion_id = performance.findtext("x:criterionID", namespaces=NS) or ""
            value = float(performance.findtext("x:values/x:value/x:real", namespaces=NS) or "nan")
            assert value == option.file.scores[criterion_id].value


def test_csv_layout_follows_spec(tmp_path: Path) -> None:
    model = load_model()
    path = export_model(model, tmp_path / "m.csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert rows[0][0] == "option"
    assert rows[0][1] == f"{model.criteria[0].name} [{model.criteria[0].id}]"
    assert [row[0] for row in rows[1:6]] == ["direction", "weight", "scale_min", "scale_max", "group"]
    # the bundled model uses minimums, preference functions (q, p and s) and a value function
    assert [row[0] for row in rows[6:12]] == [
        "minimum",
        "preference",
        "preference_q",
        "preference_p",
        "preference_s",
        "value_function",
    ]
    assert len(rows) == 12 + len(model.options)
    option = model.options[0]
    row = next(r for r in rows if r[0] == f"{option.name} [{option.id}]")
    score = option.file.scores[model.criteria[0].id]
    assert row[1] == (
        f"{score.value:g} [{score.range[0]:g}, {score.range[1]:g}]" if score.range else f"{score.value:g}"
    )


def test_xlsx_is_readable_by_a_person(tmp_path: Path) -> None:
    import openpyxl

    path = export_model(load_model(), tmp_path / "m.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Matrix", "Options", "Evidence"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None
        assert sheet.column_dimensions["A"].width > 10
    assert book["Evidence"]["C1"].value == "rationale"


def test_formula_like_text_is_written_inert_and_read_back_as_written(
    model_dir: Path, edit: Edit, tmp_path: Path
) -> None:
    import openpyxl

    hostile = '=HYPERLINK("http://x","click")'
    edit("options/regional_office.toml", 'name = "Regional political office"', f"name = '{hostile}'")
    model = load_model(model_dir)
    csv_path = export_model(model, tmp_path / "m.csv")
    xlsx_path = export_model(model, tmp_path / "m.xlsx")
    assert "\n'=HYPERLINK" in csv_path.read_text(encoding="utf-8").replace('"', "")
    book = openpyxl.load_workbook(xlsx_path)
    cells = [
        c
        for row in book["Matrix"].iter_rows()
        for c in row
        if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert cells and all(c.data_type == "s" and c.value.startswith("'=") for c in cells)
    for path in (csv_path, xlsx_path):
        import_matrix(path, tmp_path / f"back-{path.suffix[1:]}")
        assert load_model(tmp_path / f"back-{path.suffix[1:]}").option("regional_office").name == hostile


def test_cli_export_refuses_to_overwrite_and_unknown_suffix(tmp_path: Path) -> None:
    target = tmp_path / "m.csv"
    assert runner.invoke(app, ["export", "-o", str(target)]).exit_code == 0
    before = target.read_bytes()
    result = runner.invoke(app, ["export", "-o", str(target)])
    assert result.exit_code == 1 and "already exists; use --force" in result.stderr
    assert target.read_bytes() == before
    assert runner.invoke(app, ["export", "-o", str(target), "--force"]).exit_code == 0
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "m.ods")])
    assert result.exit_code == 1 and "cannot export to '.ods'" in result.stderr
    assert not (tmp_path / "m.ods").exists()


def test_cli_export_of_a_given_model(model_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "m.xlsx"), "--data", str(model_dir)])
    assert result.exit_code == 0, result.stderr
    assert "3 options x 4 criteria" in result.stdout


def test_export_writes_a_profiles_weights(tmp_path: Path) -> None:
    from decisiontool.analysis import Analysis

    target = tmp_path / "m.csv"
    result = runner.invoke(
        app, ["export", "-o", str(target), "--profile", "balanced", "--weight", "cost_burden=0"]
    )
    assert result.exit_code == 0, result.stderr
    expected = Analysis.create(
        load_model(), profile="balanced", overrides=[("cost_burden", 0.0)]
    ).weight_map()
    import_matrix(target, tmp_path / "back")
    assert Analysis.create(load_model(tmp_path / "back")).weight_map() == pytest.approx(expected, rel=1e-12)
    assert expected["cost_burden"] == 0
