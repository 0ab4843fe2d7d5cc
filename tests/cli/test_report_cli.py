"""`decisiontool report` through the real CLI: exit codes, --force, unwritable paths, dates, imports."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from decisiontool.cli import app
from decisiontool.cli.report import SUFFIXES
from decisiontool.reports import RENDERERS

runner = CliRunner()


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_the_cli_knows_every_registered_format() -> None:
    assert tuple(RENDERERS) == SUFFIXES


@pytest.mark.parametrize("name", ["r.md", "r.html", "r.csv", "r.json", "r.xlsx", "R.HTML"])
def test_writes_each_format(model_dir: Path, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    code, out, err = run("report", "--data", model_dir, "-o", target)
    assert (code, err) == (0, "")
    assert out == f"Wrote {target}\n"
    assert target.stat().st_size > 0
    assert no_temporary_files(tmp_path)


def test_existing_file_needs_force(model_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("keep me")
    code, out, err = run("report", "--data", model_dir, "-o", target)
    assert code == 1 and out == ""
    assert err == f"{target}: already exists; use --force to replace it\n1 problem found.\n"
    assert target.read_text() == "keep me"
    code, _, err = run("report", "--data", model_dir, "-o", target, "--force")
    assert (code, err) == (0, "")
    assert json.loads(target.read_text())["schema"] == "decisiontool.report/1"


def test_unknown_suffix_is_a_usage_error(model_dir: Path, tmp_path: Path) -> None:
    code, _, err = run("report", "--data", model_dir, "-o", tmp_path / "r.pdf")
    assert code == 2
    assert "'r.pdf' has no report suffix; use one of .md, .html, .csv, .json, .xlsx" in err
    assert list(tmp_path.iterdir()) == [model_dir]


def test_output_is_required(model_dir: Path) -> None:
    code, _, err = run("report", "--data", model_dir)
    assert code == 2 and "--output" in err


@pytest.mark.parametrize("where", ["missing folder", "file as folder", "proc"])
def test_unwritable_path_is_a_clear_error(model_dir: Path, tmp_path: Path, where: str) -> None:
    if where == "missing folder":
        target = tmp_path / "no" / "such" / "r.html"
    elif where == "file as folder":
        (tmp_path / "plain").write_text("")
        target = tmp_path / "plain" / "r.html"
    else:
        if not Path("/proc/self").is_dir():
            pytest.skip("needs /proc")
        target = Path("/proc/decisiontool-report.html")
    code, out, err = run("report", "--data", model_dir, "-o", target)
    assert code == 1 and out == ""
    assert err.startswith(f"{target}: cannot write: ")
    assert "Traceback" not in err
    assert not target.exists()


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0, reason="root ignores modes")
def test_read_only_folder(model_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = run("report", "--data", model_dir, "-o", folder / "r.md")
    finally:
        folder.chmod(0o700)
    assert code == 1 and "permission denied" in err
    assert list(folder.iterdir()) == []


def test_invalid_model_writes_nothing(model_dir: Path, tmp_path: Path) -> None:
    (model_dir / "options" / "regional_office.toml").write_text('name = "x"\n')
    target = tmp_path / "r.html"
    code, _, err = run("report", "--data", model_dir, "-o", target)
    assert code == 1 and "options/regional_office.toml" in err
    assert not target.exists() and no_temporary_files(tmp_path)


def test_dates(model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert run("report", "--data", model_dir, "-o", target)[0] == 0
    assert json.loads(target.read_text())["date"] == datetime.date.today().isoformat()
    code, _, err = run("report", "--data", model_dir, "-o", target, "--force", "--date", "31/01/2026")
    assert code == 2 and "YYYY-MM-DD" in err
    code, _, err = run(
        "report", "--data", model_dir, "-o", target, "--force", env={"SOURCE_DATE_EPOCH": "soon"}
    )
    assert code == 1 and err.startswith("SOURCE_DATE_EPOCH: 'soon' is not a whole number")
    # --date wins over SOURCE_DATE_EPOCH
    env = {"SOURCE_DATE_EPOCH": "0"}
    assert (
        run("report", "--data", model_dir, "-o", target, "--force", "--date", "2026-02-03", env=env)[0] == 0
    )
    assert json.loads(target.read_text())["date"] == "2026-02-03"
    assert run("report", "--data", model_dir, "-o", target, "--force", env=env)[0] == 0
    assert json.loads(target.read_text())["date"] == "1970-01-01"


def test_provenance_records_the_reproducing_command(model_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    args = ["--profile", "cost_first", "--weight", "reach=3", "--method", "vikor", "--vikor-v", "0.3"]
    assert run("report", "--data", model_dir, "-o", target, "--date", "2026-02-03", *args)[0] == 0
    document = json.loads(target.read_text())
    command = document["provenance"]["command"]
    assert command == [
        "decisiontool",
        "report",
        "--data",
        str(model_dir),
        *args,
        "--date",
        "2026-02-03",
        "-o",
        str(target),
    ]
    # running the recorded command again reproduces the file exactly
    again = tmp_path / "again.json"
    rerun = [*command[1:-1], str(again)]
    assert run(*rerun)[0] == 0
    first = json.loads(target.read_text())
    second = json.loads(again.read_text())
    first["provenance"].pop("command"), first["provenance"].pop("command_line")
    second["provenance"].pop("command"), second["provenance"].pop("command_line")
    assert first == second


def modules_after(args: list[str]) -> set[str]:
    script = (
        "import sys, json\nfrom decisiontool.cli import app\n"
        f"try:\n    app({args!r}, prog_name='decisiontool')\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_rank_never_imports_the_reports(model_dir: Path) -> None:
    loaded = modules_after(["rank", "--data", str(model_dir)])
    for module in ["decisiontool.reports", "jinja2", "xlsxwriter"]:
        assert module not in loaded


def test_a_json_report_loads_neither_jinja2_nor_xlsxwriter(model_dir: Path, tmp_path: Path) -> None:
    loaded = modules_after(["report", "--data", str(model_dir), "-o", str(tmp_path / "r.json")])
    assert "decisiontool.reports" in loaded
    assert "jinja2" not in loaded and "xlsxwriter" not in loaded
    assert (tmp_path / "r.json").exists()


def test_sensitivity_and_smaa_are_the_robustness_documents(model_dir: Path, tmp_path: Path) -> None:
    from decisiontool import robustness
    from decisiontool.analysis import Analysis
    from decisiontool.loading import load_model

    target = tmp_path / "r.json"
    flags = ["--sensitivity", "--smaa", "300", "--seed", "5"]
    code, _, err = run("report", "--data", model_dir, "-o", target, "--date", "2026-01-01", *flags)
    assert (code, err) == (0, "")
    document = json.loads(target.read_text())
    analysis = Analysis.create(load_model(model_dir))
    expected_sensitivity = json.loads(json.dumps(robustness.sensitivity(analysis).to_json()))
    expected_smaa = json.loads(
        json.dumps(robustness.smaa(analysis, samples=300, seed=5, weight_mode="around").to_json())
    )
    assert document["sensitivity"] == expected_sensitivity
    assert document["smaa"] == expected_smaa
    command = document["provenance"]["command"]
    assert "--smaa 300 --seed 5" in " ".join(command)
    first = next(o for o in expected_smaa["options"] if o["option"] == document["ranking"][0]["option"])
    assert f"ranks first in {first['rank_acceptability'][0]:.0%} of 300 samples" in document["summary"]


@pytest.mark.parametrize("flags", [["--no-robustness"], ["--smaa", "0"]])
def test_no_robustness_leaves_out_the_documents(model_dir: Path, tmp_path: Path, flags: list[str]) -> None:
    target = tmp_path / "r.json"
    assert run("report", "--data", model_dir, "-o", target, *flags)[0] == 0
    document = json.loads(target.read_text())
    assert "sensitivity" not in document and "smaa" not in document
    assert "--no-robustness" in document["provenance"]["command"]


@pytest.mark.parametrize("mode", ["free", "around", "ordinal"])
def test_the_report_smaa_follows_the_profile_and_the_flags(
    model_dir: Path, tmp_path: Path, mode: str
) -> None:
    from decisiontool import robustness
    from decisiontool.analysis import Analysis
    from decisiontool.loading import load_model

    flags = ["--smaa", "400", "--smaa-weights", mode, "--spread", "0.3", "--profile", "cost_first"]
    target = tmp_path / "r.json"
    assert run("report", "--data", model_dir, "-o", target, *flags)[0] == 0
    document = json.loads(target.read_text())
    analysis = Analysis.create(load_model(model_dir), profile="cost_first")
    expected = robustness.smaa(analysis, samples=400, seed=1, weight_mode=mode, spread=0.3)
    assert document["smaa"] == json.loads(json.dumps(expected.to_json()))
    other = tmp_path / "other.json"
    assert run("report", "--data", model_dir, "-o", other, *flags[:-2])[0] == 0
    # free weights ignore the profile (same acceptabilities); around and ordinal follow it
    same = json.loads(other.read_text())["smaa"]["options"] == document["smaa"]["options"]
    assert same == (mode == "free")


def test_negative_smaa_is_a_usage_error(model_dir: Path, tmp_path: Path) -> None:
    code, _, err = run("report", "--data", model_dir, "-o", tmp_path / "r.json", "--smaa", "-5")
    assert code == 2 and "--smaa" in err
    assert not (tmp_path / "r.json").exists()


@pytest.mark.parametrize("suffix", [".html", ".xlsx", ".md"])
def test_robust_reports_are_reproducible(model_dir: Path, tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"r{suffix}"
    args = [
        "report",
        "--data",
        model_dir,
        "-o",
        target,
        "--date",
        "2026-01-01",
        "--sensitivity",
        "--smaa",
        "200",
    ]
    assert run(*args)[0] == 0
    first = target.read_bytes()
    assert run(*args, "--force")[0] == 0
    assert target.read_bytes() == first
