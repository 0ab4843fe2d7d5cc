"""Small decision models written from arrays, for findings tests (one group, one file per option)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from decisiontool.analysis import Analysis
from decisiontool.loading import load_model


def write_model(
    root: Path,
    scores: Sequence[Sequence[float]],
    *,
    weights: Sequence[float] | None = None,
    directions: Sequence[str] | None = None,
    ranges: dict[tuple[int, int], tuple[float, float]] | None = None,
    scale: tuple[float, float] = (0, 5),
    minimum: dict[int, float] | None = None,
    value_functions: dict[int, str] | None = None,
    preference: str | None = None,
    cost_criteria: Sequence[int] = (),
    profiles: dict[str, dict[int, float]] | None = None,
) -> Path:
    """A model directory: options o0..o{m-1}, criteria c0..c{n-1} in one group `g`."""
    m, n = len(scores), len(scores[0])
    weights = weights or [1.0] * n
    directions = directions or ["benefit"] * n
    (root / "criteria" / "profiles").mkdir(parents=True)
    (root / "options").mkdir()
    costs = ", ".join(f'"c{j}"' for j in cost_criteria)
    (root / "criteria" / "model.toml").write_text(
        f'name = "test model"\ncost_criteria = [{costs}]\n', encoding="utf-8"
    )
    (root / "criteria" / "lessons.toml").write_text("", encoding="utf-8")
    lines = ['[group]\nid = "g"\nname = "G"\n']
    for j in range(n):
        lines.append(
            f'[[criterion]]\nid = "c{j}"\nname = "Criterion {j}"\ndirection = "{directions[j]}"\n'
            f"scale = [{scale[0]}, {scale[1]}]\nweight = {weights[j]}\n"
        )
        if minimum and j in minimum:
            lines[-1] += f"minimum = {minimum[j]}\n"
        if value_functions and j in value_functions:
            lines[-1] += f"value_function = {value_functions[j]}\n"
        if preference:
            lines[-1] += f"preference = {preference}\n"
    (root / "criteria" / "g.toml").write_text("\n".join(lines), encoding="utf-8")
    for i in range(m):
        body = [f'name = "Option {i}"\nkind = "peace-operation"\n[scores]']
        for j in range(n):
            if ranges and (i, j) in ranges:
                low, high = ranges[(i, j)]
                body.append(f"c{j} = {{ value = {scores[i][j]}, range = [{low}, {high}] }}")
            else:
                body.append(f"c{j} = {scores[i][j]}")
        (root / "options" / f"o{i}.toml").write_text("\n".join(body) + "\n", encoding="utf-8")
    for profile, profile_weights in (profiles or {}).items():
        entries = "\n".join(f"c{j} = {w}" for j, w in profile_weights.items())
        (root / "criteria" / "profiles" / f"{profile}.toml").write_text(
            f'name = "Profile {profile}"\n[weights]\n{entries}\n', encoding="utf-8"
        )
    return root


def analysis_of(root: Path, method: str = "wsm", profile: str = "default") -> Analysis:
    """The model at `root` under `method` and `profile`."""
    return Analysis.create(load_model(root), method=method, profile=profile)
