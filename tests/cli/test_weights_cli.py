"""`decisiontool weights ...` through the real CLI: numbers, exit codes, JSON, saved profiles."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.cli.weights import ask_swing
from decisiontool.engine.weights import ahp_eigen
from decisiontool.loading import load_model

runner = CliRunner()

CRITERIA = ["resources", "reach", "durability", "cost"]
WEIGHT_KEYS = {"schema", "method", "profile", "weights", "consistency_ratio", "inconsistent_pairs"}


def run(*args: str | Path, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_json(*args: str | Path) -> dict[str, Any]:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    assert set(document) >= WEIGHT_KEYS
    assert document["schema"] == "decisiontool.weights/1"
    assert sum(document["weights"].values()) == pytest.approx(1.0)
    return document


def rank_weights_of(model_dir: Path, profile: str) -> dict[str, float]:
    code, out, err = run("rank", "--data", model_dir, "--profile", profile, "--format", "json")
    assert code == 0, err
    weights: dict[str, float] = json.loads(out)["weights"]
    return weights


def pairs_file(tmp_path: Path, *pairs: tuple[str, str, float]) -> Path:
    path = tmp_path / "pairs.toml"
    path.write_text(
        "".join(f'[[pair]]\na = "{a}"\nb = "{b}"\nvalue = {value}\n\n' for a, b, value in pairs),
        encoding="utf-8",
    )
    return path


# -- rank ------------------------------------------------------------------------------


def test_rank_flat_roc_table(model_dir: Path) -> None:
    code, out, err = run("weights", "rank", *CRITERIA, "--flat", "--data", model_dir)
    assert code == 0 and err == ""
    for value in ("0.5208", "0.2708", "0.1458", "0.0625"):
        assert value in out
    assert "Profile default" in out


def test_rank_flat_roc_json(model_dir: Path) -> None:
    document = run_json("weights", "rank", *CRITERIA, "--flat", "--data", model_dir)
    assert document["method"] == "roc" and document["profile"] == "default"
    assert [round(document["weights"][c], 4) for c in CRITERIA] == [0.5208, 0.2708, 0.1458, 0.0625]
    assert document["consistency_ratio"] is None and document["inconsistent_pairs"] == []
    assert document["group_weights"] == pytest.approx({"effectiveness": 38 / 48, "sustainability": 10 / 48})
    assert document["saved_profile"] is None


def test_rank_within_groups_by_hand(model_dir: Path) -> None:
    document = run_json(
        "weights", "rank", "sustainability", "effectiveness", "reach", "resources", "cost=durability",
        "--method", "rs", "--data", model_dir,
    )  # fmt: skip
    # rank sum of 2: 2/3, 1/3; groups sustainability 2/3, effectiveness 1/3; the tie splits 1/2 : 1/2
    assert document["method"] == "rs"
    assert document["weights"] == pytest.approx(
        {"reach": 2 / 9, "resources": 1 / 9, "cost": 1 / 3, "durability": 1 / 3}
    )


def test_rank_refuses_unlisted_and_unknown(model_dir: Path) -> None:
    code, out, err = run("weights", "rank", "cost", "resources", "--data", model_dir)
    assert code == 1 and out == ""
    assert "criteria not in the order: reach, durability" in err
    assert "--keep-unlisted" in err
    code, out, err = run("weights", "rank", "costs", "resources", "reach", "durability", "--data", model_dir)
    assert code == 1 and "did you mean 'cost'?" in err
    code, _, err = run("weights", "rank", "cost", "resources", "--keep-unlisted", "--data", model_dir)
    assert code == 0


@pytest.mark.parametrize("order", [["a", "b="], ["a", "a"]])
def test_rank_malformed_order_is_a_usage_error(model_dir: Path, order: list[str]) -> None:
    code, out, _ = run("weights", "rank", *order, "--data", model_dir)
    assert code == 2 and out == ""


def test_rank_unknown_method_is_a_usage_error(model_dir: Path) -> None:
    assert run("weights", "rank", *CRITERIA, "--method", "roc2", "--data", model_dir)[0] == 2


# -- saving profiles ---------------------------------------------------------------------


def test_save_profile_validates_and_ranks(model_dir: Path) -> None:
    code, out, err = run(
        "weights", "rank", *CRITERIA, "--flat", "--data", model_dir, "--save-profile", "roc_flat",
        "--name", "ROC, flat",
    )  # fmt: skip
    assert code == 0, err
    path = model_dir / "criteria" / "profiles" / "roc_flat.toml"
    assert "Saved profile 'roc_flat'" in out
    text = path.read_text(encoding="utf-8")
    assert 'name = "ROC, flat"' in text
    assert "Rank-order centroid (ROC)" in text and "order: resources reach durability cost" in text
    code, out, err = run("validate", "--data", model_dir)
    assert code == 0 and out.startswith("OK:"), err
    weights = rank_weights_of(model_dir, "roc_flat")
    assert [weights[c] for c in CRITERIA] == pytest.approx([25 / 48, 13 / 48, 7 / 48, 3 / 48], abs=1e-5)


def test_save_profile_json_names_the_file(model_dir: Path) -> None:
    document = run_json("weights", "critic", "--data", model_dir, "--save-profile", "critic_ref")
    saved = document["saved_profile"]
    assert saved["id"] == "critic_ref" and Path(saved["path"]).is_file()
    assert rank_weights_of(model_dir, "critic_ref") == pytest.approx(document["weights"], abs=1e-5)


def test_save_profile_refuses_to_overwrite_and_keeps_comments_with_force(model_dir: Path) -> None:
    path = model_dir / "criteria" / "profiles" / "cost_first.toml"
    before = path.read_text(encoding="utf-8")
    code, out, err = run("weights", "rank", *CRITERIA, "--data", model_dir, "--save-profile", "cost_first")
    assert code == 1 and out == ""
    assert "cost_first.toml" in err and "--force" in err
    assert path.read_text(encoding="utf-8") == before
    code, out, err = run(
        "weights", "rank", *CRITERIA, "--data", model_dir, "--save-profile", "cost_first", "--force"
    )
    assert code == 0, err
    after = path.read_text(encoding="utf-8")
    assert "# A weight profile: a stakeholder's view." in after
    assert "# criterion id -> relative weight inside its group" in after
    assert 'name = "Cost first"' in after  # the existing name is kept without --name
    assert run("validate", "--data", model_dir)[0] == 0
    # ROC within groups of 2: 0.75, 0.25; groups keep the default 2 : 1
    assert rank_weights_of(model_dir, "cost_first") == pytest.approx(
        {"resources": 0.5, "reach": 1 / 6, "durability": 0.25, "cost": 1 / 12}, abs=1e-5
    )


def test_save_profile_bad_id(model_dir: Path) -> None:
    code, _, err = run("weights", "entropy", "--data", model_dir, "--save-profile", "Bad-Id")
    assert code == 1 and "not a valid profile id" in err
    code, _, err = run("weights", "entropy", "--data", model_dir, "--save-profile", "default")
    assert code == 1 and "reserved" in err


def test_save_to_a_read_only_bundled_model(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import decisiontool.loading

    monkeypatch.setattr(decisiontool.loading, "bundled_model_dir", lambda: model_dir)
    real_access = os.access

    def access(path: Any, mode: int) -> bool:
        if mode == os.W_OK and str(path).startswith(str(model_dir)):
            return False
        return real_access(path, mode)

    monkeypatch.setattr(os, "access", access)
    code, out, err = run("weights", "rank", *CRITERIA, "--save-profile", "mine")
    assert code == 1 and out == ""
    assert "is not writable" in err and "--data DIR" in err
    assert not (model_dir / "criteria" / "profiles" / "mine.toml").exists()


# -- AHP ---------------------------------------------------------------------------------


def test_ahp_matches_the_engine_and_reports_cr(three_criteria: Path, tmp_path: Path) -> None:
    file = pairs_file(tmp_path, ("resources", "reach", 3), ("resources", "staff", 5), ("reach", "staff", 2))
    document = run_json("weights", "ahp", file, "--data", three_criteria)
    engine = ahp_eigen(np.array([[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]))
    problem = document["ahp"][0]
    assert problem["problem"] == "effectiveness" and problem["method"] == "eigen"
    assert [problem["weights"][c] for c in ("resources", "reach", "staff")] == pytest.approx(engine.weights)
    assert problem["cr"] == pytest.approx(engine.cr)
    assert problem["lambda_max"] == pytest.approx(engine.lambda_max)
    assert document["consistency_ratio"] == pytest.approx(engine.cr)
    assert document["method"] == "ahp-eigen"
    assert document["weights"]["staff"] == pytest.approx(2 / 3 * engine.weights[2])
    code, out, _ = run("weights", "ahp", file, "--data", three_criteria)
    assert code == 0
    assert "AHP consistency" in out and f"{engine.cr:.3f}" in out and "acceptable" in out


def test_ahp_inconsistent_judgements_are_named(three_criteria: Path, tmp_path: Path) -> None:
    file = pairs_file(tmp_path, ("resources", "reach", 5), ("reach", "staff", 5), ("staff", "resources", 5))
    code, out, _ = run("weights", "ahp", file, "--data", three_criteria)
    assert code == 0
    assert "above 0.1: revise" in out
    assert "Most inconsistent judgements" in out
    assert "reach vs staff: judged 5" in out
    document = run_json("weights", "ahp", file, "--data", three_criteria)
    assert document["consistency_ratio"] > 0.1
    named = {(p["a"], p["b"]) for p in document["inconsistent_pairs"]}
    assert named == {("resources", "reach"), ("reach", "staff"), ("staff", "resources")}
    assert all(p["line"] in (2, 7, 12) for p in document["inconsistent_pairs"])


def test_ahp_geometric_and_groups(model_dir: Path, tmp_path: Path) -> None:
    file = pairs_file(tmp_path, ("effectiveness", "sustainability", 3), ("cost", "durability", 2))
    document = run_json("weights", "ahp", file, "--method", "geometric", "--data", model_dir)
    assert document["method"] == "ahp-geometric"
    assert document["group_weights"] == pytest.approx({"effectiveness": 0.75, "sustainability": 0.25})
    assert document["weights"] == pytest.approx(
        {"resources": 0.75 * 0.6, "reach": 0.75 * 0.4, "durability": 0.25 / 3, "cost": 0.5 / 3}
    )


def test_ahp_incomplete_connected_and_disconnected(three_criteria: Path, tmp_path: Path) -> None:
    file = pairs_file(tmp_path, ("resources", "reach", 2), ("reach", "staff", 3))
    document = run_json("weights", "ahp", file, "--data", three_criteria)
    assert document["ahp"][0]["method"] == "llsm" and document["ahp"][0]["complete"] is False
    assert document["ahp"][0]["weights"] == pytest.approx({"resources": 0.6, "reach": 0.3, "staff": 0.1})
    file = pairs_file(tmp_path, ("resources", "reach", 2))
    code, out, err = run("weights", "ahp", file, "--data", three_criteria)
    assert code == 1 and out == ""
    assert "never compared with each other: {resources, reach} | {staff}" in err


def test_ahp_file_problems(model_dir: Path, tmp_path: Path) -> None:
    file = pairs_file(tmp_path, ("resources", "cost", 3), ("reach", "resources", 12))
    code, out, err = run("weights", "ahp", file, "--data", model_dir)
    assert code == 1 and out == ""
    assert f"{file}:9: pair[#2].value: 12 is off Saaty's scale" in err
    file.write_text('[[pair]]\na = "resources"\nb = "reach"\nvalue = 3\n', encoding="utf-8")
    file.write_text(file.read_text(encoding="utf-8") + '[[pair]]\na = "resources"\nb = "cost"\nvalue = 3\n')
    code, _, err = run("weights", "ahp", file, "--data", model_dir)
    assert code == 1 and f"{file}:6: pair[#2]: 'resources' (group effectiveness) and 'cost'" in err
    file.write_text("[[pair]\n", encoding="utf-8")
    code, _, err = run("weights", "ahp", file, "--data", model_dir)
    assert code == 1 and "TOML syntax error" in err
    code, _, err = run("weights", "ahp", tmp_path / "missing.toml", "--data", model_dir)
    assert code == 1 and "cannot read" in err


# -- swing -------------------------------------------------------------------------------


def test_swing_with_answers(model_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "swing.toml"
    answers.write_text(
        'order = ["resources", "cost=durability", "reach"]\n[ratings]\n'
        "resources = 100\ncost = 60\ndurability = 60\nreach = 25\n",
        encoding="utf-8",
    )
    document = run_json("weights", "swing", "--answers", answers, "--data", model_dir)
    assert document["method"] == "swing"
    assert document["weights"] == pytest.approx(
        {"resources": 100 / 245, "cost": 60 / 245, "durability": 60 / 245, "reach": 25 / 245}
    )
    code, _, err = run(
        "weights", "swing", "--answers", answers, "--data", model_dir, "--save-profile", "swing"
    )
    assert code == 0, err
    assert rank_weights_of(model_dir, "swing") == pytest.approx(document["weights"], abs=1e-5)
    text = (model_dir / "criteria" / "profiles" / "swing.toml").read_text(encoding="utf-8")
    assert "ratings: resources=100 cost=60 durability=60 reach=25" in text


def test_swing_bad_answers_exit_1(model_dir: Path, tmp_path: Path) -> None:
    answers = tmp_path / "swing.toml"
    answers.write_text('order = ["resources", "reach"]\n', encoding="utf-8")
    code, out, err = run("weights", "swing", "--answers", answers, "--data", model_dir)
    assert code == 1 and out == ""
    assert f"{answers}:1: order: criteria not in the order: durability, cost" in err


def test_swing_without_terminal_or_answers_is_a_usage_error(model_dir: Path) -> None:
    code, out, err = run("weights", "swing", "--data", model_dir, stdin="1 2 3 4\n")
    assert code == 2 and out == ""
    assert "--answers" in err and "not a terminal" in err


def test_interactive_swing_asks_again_after_a_bad_answer(model_dir: Path) -> None:
    model = load_model(model_dir)
    output = io.StringIO()
    console = Console(file=output, width=120)
    # rows: 1 resources, 2 reach, 3 durability, 4 cost; first answer leaves two out
    answers = ask_swing(model, console, io.StringIO("1 2\n1 4=3 2\ny\n60\n25\n"))
    assert answers.order == (("resources",), ("cost", "durability"), ("reach",))
    assert answers.ratings == {"resources": 100, "cost": 60, "durability": 60, "reach": 25}
    assert "criteria not in the order: durability, cost" in output.getvalue()
    assert "ring-fenced budget and staff" in output.getvalue()


def test_interactive_swing_refuses_a_rising_rating(model_dir: Path) -> None:
    output = io.StringIO()
    answers = ask_swing(
        load_model(model_dir), Console(file=output, width=120), io.StringIO("1 2 3 4\ny\n80\n90\n50\n40\n")
    )
    assert answers.ratings == {"resources": 100, "reach": 80, "durability": 50, "cost": 40}
    assert "90 is not between 0 and 80" in output.getvalue()


def test_interactive_smarter(model_dir: Path) -> None:
    answers = ask_swing(
        load_model(model_dir),
        Console(file=io.StringIO()),
        io.StringIO("cost reach resources durability\nn\n"),
    )
    assert answers.ratings is None
    assert answers.order == (("cost",), ("reach",), ("resources",), ("durability",))


class TerminalInput(io.StringIO):
    """Lines as `input()` returns them in a terminal: without the newline (rich keeps it from a stream)."""

    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]  # typeshed: _IOBase says bytes
        return super().readline(-1 if size is None else size).removesuffix("\n")


def test_interactive_swing_enter_keeps_the_previous_rating(model_dir: Path) -> None:
    answers = ask_swing(
        load_model(model_dir), Console(file=io.StringIO()), TerminalInput("1 2 3 4\ny\n\n50\n\n")
    )
    assert answers.ratings == {"resources": 100, "reach": 100, "durability": 50, "cost": 50}


def test_interactive_swing_aborts_at_the_end_of_input(model_dir: Path) -> None:
    with pytest.raises(typer.Abort):
        ask_swing(load_model(model_dir), Console(file=io.StringIO()), io.StringIO(""))


# -- objective weights --------------------------------------------------------------------


@pytest.mark.parametrize(("command", "column"), [("entropy", "Entropy"), ("critic", "CRITIC")])
def test_objective_weights_beside_the_profile(model_dir: Path, command: str, column: str) -> None:
    code, out, err = run("weights", command, "--data", model_dir, "--profile", "cost_first")
    assert code == 0 and err == ""
    assert "Profile cost_first" in out and column in out
    assert "describe how the options' scores vary, not what matters to anyone" in out
    document = run_json("weights", command, "--data", model_dir, "--profile", "cost_first")
    assert document["method"] == command and document["profile"] == "cost_first"
    assert document["profile_weights"] == pytest.approx(rank_weights_of(model_dir, "cost_first"))
    assert "caveat" in document


def test_help_documents_semantics() -> None:
    code, out, _ = run("weights", "rank", "--help")
    assert code == 0
    assert "--keep-unlisted" in out and "--flat" in out and "Examples:" in out
    code, out, _ = run("weights", "--help")
    assert code == 0 and all(name in out for name in ("rank", "swing", "ahp", "entropy", "critic"))
