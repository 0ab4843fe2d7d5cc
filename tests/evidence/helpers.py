"""A tiny model written from scratch, so every evidence finding is known in advance."""

from __future__ import annotations

from pathlib import Path

LESSONS = """
[[lesson]]
id = "L1"
title = "Used lesson"
summary = "A lesson the criterion cites."
[[lesson.sources]]
title = "Resolution 2100 (2013)"
publisher = "UN Security Council"
date = 2013-04-25
url = "https://undocs.org/S/RES/2100(2013)"

[[lesson]]
id = "L2"
title = "Unused lesson"
[[lesson.sources]]
title = "A study"
publisher = "A think tank"
date = "2020-05"
url = "https://example.org/study"
"""

GROUP = """
[group]
id = "main"
name = "Main"

[[criterion]]
id = "reach"
name = "Reach"
direction = "benefit"
scale = [0, 5]
lessons = ["L1"]

[[criterion]]
id = "cost"
name = "Cost"
direction = "cost"
scale = [0, 5]
"""

GOOD_SOURCE = (
    '{ title = "Report on X", publisher = "UNODC", date = 2019-01-15, url = "https://example.org/x" }'
)
RATIONALE = "This rationale is a full sentence that says why the level fits."


def option_text(name: str, scores: dict[str, tuple[float, str, str]]) -> str:
    """An option file: criterion -> (value, rationale, TOML array of sources)."""
    text = f'name = "{name}"\nkind = "peace-operation"\n'
    for criterion, (value, rationale, sources) in scores.items():
        text += f'\n[scores.{criterion}]\nvalue = {value}\nrationale = "{rationale}"\nsources = {sources}\n'
    return text


def write_model(
    root: Path,
    options: dict[str, str],
    *,
    model_toml: str = 'name = "Tiny"\ndate = 2024-06-30\n',
    lessons: str = LESSONS,
) -> Path:
    """Write a model directory with the given option files (id -> TOML text)."""
    (root / "criteria").mkdir(parents=True)
    (root / "options").mkdir()
    (root / "criteria" / "model.toml").write_text(model_toml, encoding="utf-8")
    (root / "criteria" / "lessons.toml").write_text(lessons, encoding="utf-8")
    (root / "criteria" / "main.toml").write_text(GROUP, encoding="utf-8")
    for option_id, text in options.items():
        (root / "options" / f"{option_id}.toml").write_text(text, encoding="utf-8")
    return root


def clean_option(name: str) -> str:
    """An option whose two scores are well sourced (distinct sources, dated, with URLs)."""
    other = GOOD_SOURCE.replace("https://example.org/x", f"https://example.org/{name}")
    return option_text(
        name,
        {"reach": (3, RATIONALE, f"[{GOOD_SOURCE}]"), "cost": (2, RATIONALE, f"[{other}]")},
    )
