"""decisiontool import: a sheet becomes a commented model that validates and ranks as the sheet says."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.analysis import Analysis
from decisiontool.cli import app
from decisiontool.interchange import import_matrix, read_matrix
from decisiontool.interchange.matrix import derive_id
from decisiontool.loading import load_model

runner = CliRunner()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


# A hand-worked sheet. Criteria: Reach (benefit, weight 3, scale 0-10), Cost (cost, weight 1,
# scale 0-100). WSM values: v = (x - 0)/10 for reach; v = (100 - x)/100 for cost.
#   Alpha: reach 8 -> 0.8, cost 50 -> 0.5: 0.75 * 0.8 + 0.25 * 0.5 = 0.725
#   Beta:  reach 4 -> 0.4, cost 10 -> 0.9: 0.75 * 0.4 + 0.25 * 0.9 = 0.525
#   Gamma: reach 10 -> 1.0, cost 100 -> 0: 0.75 * 1.0 + 0.25 * 0.0 = 0.75
# so the sheet says Gamma, Alpha, Beta.
SHEET = """option,Reach,Cost [cost_musd]
direction,benefit,cost
weight,3,1
scale_min,0,0
scale_max,10,100
group,Effect,Money
Alpha,"8 [6, 9]",50
Beta,4,10
Gamma,10,100
"""


def test_hand_worked_sheet_ranks_as_the_sheet_says(tmp_path: Path) -> None:
    source = write(tmp_path / "options.csv", SHEET)
    import_matrix(source, tmp_path / "model")
    model = load_model(tmp_path / "model")
    ranking = Analysis.create(model).ranking
    assert [entry.option for entry in ranking.entries] == ["gamma", "alpha", "beta"]
    assert [round(entry.score, 10) for entry in ranking.entries] == [0.75, 0.725, 0.525]
    assert model.criterion("cost_musd").direction == "cost"
    assert model.criterion("reach").scale == (0, 10)
    assert model.option("alpha").file.scores["reach"].range == (6, 9)
    assert {g.id for g in model.groups} == {"effect", "money"}
    assert Analysis.create(model).weight_map() == pytest.approx({"reach": 0.75, "cost_musd": 0.25})


def test_bare_sheet_assumptions_are_printed_and_written_as_comments(tmp_path: Path) -> None:
    source = write(tmp_path / "bare.csv", "option,Reach,Cost\nA,1,7\nB,3,2\nC,2,6\n")
    code, out, err = run("import", str(source), "--to", str(tmp_path / "model"))
    assert code == 0, err
    assert "every criterion is a benefit criterion" in out
    assert "every criterion has weight 1" in out
    assert "one group 'main'" in out
    assert "criterion 'Cost' (column C): scale [2, 7], the lowest and highest score in its column" in out
    group_file = (tmp_path / "model" / "criteria" / "main.toml").read_text(encoding="utf-8")
    assert 'direction = "benefit" # assumed benefit' in group_file
    assert "scale = [2, 7] # assumed: the lowest and highest score in its column" in group_file
    assert "weight = 1 # assumed 1" in group_file
    code, out, _ = run("validate", "--data", str(tmp_path / "model"))
    assert code == 0 and out.startswith("OK:")
    # one group, weight 1 each, benefit; scales [1, 3] and [2, 7] from the columns:
    # A = (0 + 1)/2 = 0.5, B = (1 + 0)/2 = 0.5, C = (0.5 + 0.8)/2 = 0.65
    ranking = Analysis.create(load_model(tmp_path / "model")).ranking
    assert [(e.option, e.rank) for e in ranking.entries] == [("c", 1), ("a", 2), ("b", 2)]
    assert [e.score for e in ranking.entries] == pytest.approx([0.65, 0.5, 0.5])


def test_files_one_per_group_and_option_plus_lessons_and_model(tmp_path: Path) -> None:
    import_matrix(write(tmp_path / "s.csv", SHEET), tmp_path / "model")
    found = sorted(p.relative_to(tmp_path / "model").as_posix() for p in (tmp_path / "model").rglob("*.toml"))
    assert found == [
        "criteria/effect.toml",
        "criteria/lessons.toml",
        "criteria/model.toml",
        "criteria/money.toml",
        "options/alpha.toml",
        "options/beta.toml",
        "options/gamma.toml",
    ]


def test_derived_ids_follow_spec() -> None:
    assert derive_id("Cross-border Reach (km)", "c") == "cross_border_reach_km"
    assert derive_id("2nd round", "c") == "c_2nd_round"
    assert derive_id("Ökonomie", "c") == "okonomie"
    assert derive_id("!!!", "o") == "o"
    assert len(derive_id("x" * 100, "c")) == 64


def test_ids_made_unique_with_suffixes(tmp_path: Path) -> None:
    # names that differ only in punctuation give the same id: _2, _3
    source = write(tmp_path / "s.csv", "option,Cost!,Cost?,Cost.\nA,1,2,3\nB,2,3,1\n")
    matrix = read_matrix(source)
    assert [c.id for c in matrix.criteria] == ["cost", "cost_2", "cost_3"]


def test_kinds_from_the_options_sheet_become_the_models(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    matrix = book.add_worksheet("Matrix")
    for r, row in enumerate([["option", "Speed"], ["Road", 3], ["Rail", 5]]):
        matrix.write_row(r, 0, row)
    options = book.add_worksheet("Options")
    for r, row in enumerate(
        [
            ["option", "kind", "summary", "precedents"],
            ["Road", "road", "Tarmac", "A1\nA2"],
            ["Rail", "rail", "", ""],
        ]
    ):
        options.write_row(r, 0, row)
    book.close()
    import_matrix(path, tmp_path / "model")
    model = load_model(tmp_path / "model")
    assert model.info.option_kinds == ["road", "rail"]
    assert model.option("road").file.precedents == ["A1", "A2"]
    assert model.option("road").file.summary == "Tarmac"


def test_missing_scores_are_left_out_and_said(tmp_path: Path) -> None:
    source = write(tmp_path / "s.csv", "option,A,B\nX,1,\nY,2,3\n")
    code, out, _ = run("import", str(source), "--to", str(tmp_path / "model"))
    assert code == 0
    assert "1 empty score cell left unscored" in out
    assert "--missing worst" in out
    code, _, err = run("validate", "--data", str(tmp_path / "model"))
    assert code == 1 and "scores.b: missing score" in err
    assert run("validate", "--data", str(tmp_path / "model"), "--missing", "worst")[0] == 0


def test_formula_with_a_cached_value_gives_the_value(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "book.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["option", "Score"])
    sheet.write_row(1, 0, ["A", 2])
    sheet.write_string(2, 0, "B")
    sheet.write_formula(2, 1, "=B2*2", None, 4)  # the cached value a spreadsheet program saves
    book.close()
    model_path = tmp_path / "model"
    import_matrix(path, model_path)
    assert load_model(model_path).option("b").file.scores["score"].value == 4


def test_force_replaces_an_existing_model_whole(tmp_path: Path) -> None:
    target = tmp_path / "model"
    import_matrix(write(tmp_path / "one.csv", "option,A\nX,1\nY,2\n"), target)
    code, _, err = run(
        "import", str(write(tmp_path / "two.csv", "option,B\nZ,1\nW,2\n")), "--to", str(target)
    )
    assert code == 1 and "already exists; use --force" in err
    assert (target / "options" / "x.toml").exists()
    code, _, err = run("import", str(tmp_path / "two.csv"), "--to", str(target), "--force")
    assert code == 0, err
    assert sorted(p.name for p in (target / "options").iterdir()) == ["w.toml", "z.toml"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_force_never_replaces_a_folder_that_is_not_a_model(tmp_path: Path) -> None:
    target = tmp_path / "documents"
    target.mkdir()
    (target / "thesis.docx").write_text("precious", encoding="utf-8")
    code, _, err = run("import", str(write(tmp_path / "s.csv", SHEET)), "--to", str(target), "--force")
    assert code == 1 and "not part of a model" in err
    assert (target / "thesis.docx").read_text(encoding="utf-8") == "precious"


def test_init_from_a_sheet(tmp_path: Path) -> None:
    code, _, err = run("init", str(tmp_path / "model"), "--from", str(write(tmp_path / "s.csv", SHEET)))
    assert code == 0, err
    assert load_model(tmp_path / "model").option("gamma").name == "Gamma"


def test_json_output(tmp_path: Path) -> None:
    import json

    code, out, _ = run(
        "import", str(write(tmp_path / "s.csv", SHEET)), "--to", str(tmp_path / "m"), "--format", "json"
    )
    assert code == 0
    document = json.loads(out)
    assert document["schema"] == "decisiontool.import/1"
    assert document["counts"] == {"criteria": 2, "groups": 2, "options": 3}


def test_relative_target_in_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "s.csv", SHEET)
    monkeypatch.chdir(tmp_path)
    assert run("import", "s.csv", "--to", "model")[0] == 0
    assert (tmp_path / "model" / "options").is_dir()
