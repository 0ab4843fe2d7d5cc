"""`sensitivity`, `smaa` and `compare --smaa` through the real CLI, checked against re-ranking."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from decisiontool.cli import app

runner = CliRunner()


def run_json(*args: str | Path) -> dict[str, Any]:
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def top_with(model_dir: Path, method: str, weights: dict[str, float]) -> str:
    """The first option when the effective weights are exactly `weights` (flat overrides)."""
    args: list[str | Path] = ["rank", "--data", model_dir, "--method", method, "--format", "json"]
    args += ["--weight", "effectiveness=1", "--weight", "sustainability=1"]
    # put every criterion in proportion inside equal groups: the starter has two criteria per group
    groups = {"effectiveness": ["resources", "reach"], "sustainability": ["durability", "cost"]}
    for group, members in groups.items():
        total = sum(weights[c] for c in members)
        args += ["--weight", f"{group}={total}"]
        args += [arg for c in members for arg in ("--weight", f"{c}={weights[c]}")]
    return str(run_json(*args)["ranking"][0]["option"])


@pytest.mark.parametrize("method", ["wsm", "topsis", "vikor", "promethee2"])
def test_critical_weights_really_overturn_the_top(model_dir: Path, method: str) -> None:
    document = run_json("sensitivity", "--data", model_dir, "--method", method, "--format", "json")
    assert document["schema"] == "decisiontool.sensitivity/1"
    assert document["method"] == method and document["profile"] == "default"
    assert set(document["weights"]) == {"resources", "reach", "durability", "cost"}
    top = document["top"]
    checked = 0
    for entry in document["criteria"]:
        for key, step in (("critical_up", 1e-4), ("critical_down", -1e-4)):
            crossing = entry[key]
            if crossing is None:
                continue
            # just beyond the critical weight (others scaled to keep their proportions), the top changes
            t = crossing["weight"] + step
            if not 0 <= t <= 1:
                continue
            w = document["weights"]
            k = entry["criterion"]
            scaled = {c: (t if c == k else w[c] * (1 - t) / (1 - w[k])) for c in w}
            assert top_with(model_dir, method, scaled) != top
            checked += 1
    # at least one criterion of the starter model can overturn the top under every method
    assert checked > 0
    assert document["tornado"][0] in {e["criterion"] for e in document["criteria"]}


def test_sensitivity_sweep_shape(model_dir: Path) -> None:
    document = run_json(
        "sensitivity", "--data", model_dir, "--steps", "11", "--criterion", "cost", "--format", "json"
    )
    (entry,) = document["criteria"]
    assert entry["criterion"] == "cost"
    assert entry["exact"] is True
    assert entry["sweep"]["weights"] == pytest.approx([k / 10 for k in range(11)])
    for option, scores in entry["sweep"]["scores"].items():
        assert len(scores) == 11
        assert len(entry["sweep"]["ranks"][option]) == 11


def test_sensitivity_groups(model_dir: Path) -> None:
    document = run_json("sensitivity", "--data", model_dir, "--groups", "--format", "json")
    assert {e["criterion"] for e in document["criteria"]} == {"effectiveness", "sustainability"}
    assert document["by"] == "groups"


def test_sensitivity_unknown_criterion(model_dir: Path) -> None:
    result = runner.invoke(app, ["sensitivity", "--data", str(model_dir), "--criterion", "costs"])
    assert result.exit_code == 1
    assert "did you mean 'cost'" in result.stderr


def test_sensitivity_table(model_dir: Path) -> None:
    result = runner.invoke(app, ["sensitivity", "--data", str(model_dir)])
    assert result.exit_code == 0
    assert "Tornado" in result.stdout and "Who is first" in result.stdout


def test_smaa_json(model_dir: Path) -> None:
    document = run_json("smaa", "--data", model_dir, "--samples", "2000", "--seed", "3", "--format", "json")
    assert document["schema"] == "decisiontool.smaa/1"
    assert (document["samples"], document["seed"], document["weight_mode"]) == (2000, 3, "free")
    ranking = run_json("rank", "--data", model_dir, "--format", "json")["ranking"]
    assert [o["option"] for o in document["options"]] == [r["option"] for r in ranking]
    m = len(ranking)
    for option in document["options"]:
        assert sum(option["rank_acceptability"]) == pytest.approx(1.0)
        assert option["expected_rank"] == pytest.approx(
            sum((r + 1) * b for r, b in enumerate(option["rank_acceptability"]))
        )
        if option["central_weights"] is not None:
            assert sum(option["central_weights"].values()) == pytest.approx(1.0)
    for r in range(m):
        assert sum(o["rank_acceptability"][r] for o in document["options"]) == pytest.approx(1.0)
    again = run_json("smaa", "--data", model_dir, "--samples", "2000", "--seed", "3", "--format", "json")
    assert again == document


def test_smaa_around_zero_spread_reproduces_rank(model_dir: Path, edit: Any) -> None:
    # no score ranges and no weight spread: every sample is the deterministic ranking
    for name in ("large_mission", "regional_office", "law_enforcement_network"):
        path = model_dir / "options" / f"{name}.toml"
        lines = [line for line in path.read_text().splitlines() if not line.startswith("range")]
        path.write_text(
            "\n".join(lines).replace("range = [0, 1], ", "").replace("range = [1, 3], ", "") + "\n"
        )
    document = run_json(
        "smaa",
        "--data",
        model_dir,
        "--weights",
        "around",
        "--spread",
        "0",
        "--samples",
        "200",
        "--format",
        "json",
    )
    ranking = run_json("rank", "--data", model_dir, "--format", "json")["ranking"]
    for option, entry in zip(document["options"], ranking, strict=True):
        assert option["rank_acceptability"][entry["rank"] - 1] == pytest.approx(1.0)


def test_smaa_table_is_a_heat_map(model_dir: Path) -> None:
    result = runner.invoke(app, ["smaa", "--data", str(model_dir), "--samples", "500"])
    assert result.exit_code == 0
    assert "Rank acceptability" in result.stdout and "ranks first in" in result.stdout


def test_compare_smaa_column(model_dir: Path) -> None:
    document = run_json("compare", "--data", model_dir, "--smaa", "--samples", "500", "--format", "json")
    shares = document["smaa"]["first_rank"]
    assert sum(shares.values()) == pytest.approx(1.0)
    smaa = run_json("smaa", "--data", model_dir, "--samples", "500", "--format", "json")
    assert shares == {o["option"]: o["rank_acceptability"][0] for o in smaa["options"]}
