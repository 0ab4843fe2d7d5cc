"""`decisiontool panel` and `decisiontool smaa --weights panel` through the real CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from decisiontool.engine.smaa import sample_rows
from decisiontool.loading import bundled_model_dir, load_model

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    from decisiontool.cli import app

    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_panel_json_document(three: Path) -> None:
    code, out, _ = invoke("panel", "--data", str(three), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["schema"] == "decisiontool.panel/1"
    assert document["pivotal"] == ["p1"]
    assert document["group_weights"] == pytest.approx({"a": 0.6, "b": 0.4})
    assert {pid: entry["top"] for pid, entry in document["participants"].items()} == {
        "p1": "x",
        "p2": "y",
        "p3": "x",
    }


def test_panel_flags_reach_the_analysis(three: Path) -> None:
    code, out, _ = invoke("panel", "--data", str(three), "--aggregate", "mean", "--format", "json")
    assert code == 0
    assert json.loads(out)["group_weights"]["a"] == pytest.approx(1.7 / 3)
    code, out, _ = invoke(
        "panel", "--data", str(three), "--scores", "pooled", "--method", "topsis", "-f", "json"
    )
    assert code == 0
    document = json.loads(out)
    assert (document["scores"], document["method"]) == ("pooled", "topsis")


def test_panel_table_and_markdown(three: Path) -> None:
    code, out, _ = invoke("panel", "--data", str(three))
    assert code == 0
    assert (
        "Kendall's W = 0.111" in out and "Dissent register" in out and "without p1 the top would be y" in out
    )
    code, out, _ = invoke("panel", "--data", str(three), "--format", "md")
    assert code == 0
    assert "### Leave one out" in out and "| p1 | y | yes |" in out


def test_a_model_without_a_panel_is_refused(tiny: Path) -> None:
    code, out, err = invoke("panel", "--data", str(tiny))
    assert code == 1 and out == ""
    assert "has no panel" in err
    code, out, err = invoke("smaa", "--data", str(tiny), "--weights", "panel")
    assert code == 1 and "has no panel" in err


def test_a_bad_participant_file_fails_every_command(tiny: Path, participant: object) -> None:
    participant("p", "[weights]\nzz = 1\n")  # type: ignore[operator]
    code, _, err = invoke("rank", "--data", str(tiny))
    assert code == 1
    assert "panel/p.toml:3: weights.zz: unknown criterion or group 'zz'" in err


def test_save_profile_keeps_the_aggregate(three: Path) -> None:
    code, out, _ = invoke("panel", "--data", str(three), "--save-profile", "panel_view", "--format", "json")
    assert code == 0
    assert json.loads(out)["saved_profile"]["id"] == "panel_view"
    code, out, _ = invoke("rank", "--data", str(three), "--profile", "panel_view", "--format", "json")
    assert json.loads(out)["weights"] == pytest.approx({"a": 0.6, "b": 0.4})
    # an existing profile needs --force
    code, _, err = invoke("panel", "--data", str(three), "--save-profile", "panel_view")
    assert code == 1 and "--force" in err
    code, _, _ = invoke(
        "panel", "--data", str(three), "--save-profile", "panel_view", "--force", "-f", "json"
    )
    assert code == 0


def test_smaa_over_the_panel(three: Path) -> None:
    # no score ranges: each sample is one participant's ranking; x is first for p1 and p3
    code, out, _ = invoke(
        "smaa", "--data", str(three), "--weights", "panel", "--samples", "6000", "-f", "json"
    )
    assert code == 0
    document = json.loads(out)
    assert document["weight_mode"] == "panel"
    assert document["panel"]["participants"] == ["p1", "p2", "p3"]
    first = {entry["option"]: entry["rank_acceptability"][0] for entry in document["options"]}
    assert first["x"] == pytest.approx(2 / 3, abs=0.03)
    assert first["y"] == pytest.approx(1 / 3, abs=0.03)
    assert first["z"] == 0


def test_sample_rows_draws_every_row_equally_and_chunk_free() -> None:
    rows = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    drawn = sample_rows(np.random.default_rng(3), 30_000, rows)
    counts = [int((drawn == row).all(axis=1).sum()) for row in rows]
    assert sum(counts) == 30_000
    assert all(abs(c - 10_000) < 400 for c in counts)
    rng = np.random.default_rng(5)
    split = np.vstack([sample_rows(rng, 7, rows), sample_rows(rng, 5, rows)])
    assert (split == sample_rows(np.random.default_rng(5), 12, rows)).all()


def test_bundled_model_ships_an_illustrative_panel() -> None:
    model = load_model()
    assert len(model.panel) >= 5
    assert all(p.file.illustrative for p in model.panel.values())
    assert {p.file.weight_kind for p in model.panel.values()} == {"weights", "ahp", "rank", "swing"}
    assert (bundled_model_dir() / "panel").is_dir()
    for args in (["panel"], ["panel", "-f", "md"], ["smaa", "--weights", "panel", "--samples", "300"]):
        code, out, _ = invoke(*args)
        assert code == 0
        assert "Illustrative panel" in out, args
    code, out, _ = invoke("panel", "-f", "json")
    document = json.loads(out)
    assert document["illustrative"] is True and "Illustrative panel" in document["notice"]
    assert all(entry["illustrative"] for entry in document["participants"].values())


def test_the_wheel_ships_the_panel() -> None:
    # pyproject maps the repository's panel/ into the wheel beside criteria/ and options/
    import tomllib

    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    build = config["tool"]["hatch"]["build"]["targets"]
    assert build["wheel"]["force-include"]["panel"] == "decisiontool/_bundled/panel"
    assert "panel" in build["sdist"]["include"]


def test_bundled_dir_finds_an_installed_panel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as installed: decisiontool/_bundled/{criteria,options,panel} inside the package
    import decisiontool.loading as loading

    package = tmp_path / "site" / "decisiontool"
    bundled = package / "_bundled"
    source = bundled_model_dir()
    for folder in ("criteria", "options", "panel"):
        shutil.copytree(source / folder, bundled / folder)
    monkeypatch.setattr(loading.resources, "files", lambda name: package)
    assert loading.bundled_model_dir() == bundled
    assert len(load_model().panel) >= 5


def test_a_profile_saved_from_an_illustrative_panel_says_so(tmp_path: Path) -> None:
    # the bundled panel is illustrative: the saved profile's name (shown wherever the profile
    # is) and its description say so, not only the comment
    import tomllib

    model = tmp_path / "model"
    for folder in ("criteria", "options", "panel"):
        shutil.copytree(bundled_model_dir() / folder, model / folder)
    code, _, _ = invoke("panel", "--data", str(model), "--save-profile", "pv")
    assert code == 0
    saved = tomllib.loads((model / "criteria" / "profiles" / "pv.toml").read_text(encoding="utf-8"))
    assert saved["name"] == "Panel aggregate (geometric) of 5 illustrative participants"
    assert "illustrative" in saved["description"]
    assert load_model(model).profile_name("pv") == saved["name"]
