"""`decisiontool show`: what a model holds, as JSON documents and rich tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from decisiontool.documents import header
from decisiontool.model.citations import cite, source_json
from decisiontool.model.files import StructuredSource
from decisiontool.problems import ModelError, Problem, did_you_mean

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console
    from rich.table import Table

    from decisiontool.analysis import Analysis


def _criterion_dict(analysis: Analysis, criterion_id: str, full: bool) -> dict[str, Any]:
    model = analysis.model
    criterion = model.criterion(criterion_id)
    entry: dict[str, Any] = {
        "id": criterion.id,
        "name": criterion.name,
        "group": model.criterion_group[criterion.id],
        "direction": criterion.direction,
        "scale": list(criterion.scale),
        "weight": criterion.weight,
        "effective_weight": analysis.weight_map()[criterion.id],
        "minimum": criterion.minimum,
        "lessons": list(criterion.lessons),
    }
    if full:
        entry["description"] = criterion.description
        entry["levels"] = dict(criterion.levels)
        entry["preference"] = (
            criterion.preference.model_dump(exclude_none=True) if criterion.preference else None
        )
        entry["value_function"] = (
            [list(p) for p in criterion.value_function] if criterion.value_function else None
        )
        entry["lesson_detail"] = [
            {
                "id": lid,
                "title": model.lessons[lid].title,
                "sources": [source_json(s) for s in model.lessons[lid].sources],
            }
            for lid in criterion.lessons
        ]
    return entry


def _option_dict(analysis: Analysis, option_id: str, full: bool) -> dict[str, Any]:
    option = analysis.model.option(option_id)
    entry: dict[str, Any] = {
        "id": option.id,
        "name": option.name,
        "kind": option.file.kind,
        "precedents": list(option.file.precedents),
    }
    if full:
        entry["summary"] = option.file.summary
        entry["scores"] = {
            cid: {
                "value": option.file.scores[cid].value,
                "range": _pair(option.file.scores[cid].range),
                "rationale": option.file.scores[cid].rationale,
                "sources": [source_json(s) for s in option.file.scores[cid].sources],
                "filled": (option.id, cid) in analysis.model.filled,
            }
            for cid in analysis.arrays.criterion_ids
        }
    return entry


def _source_line(source: str | dict[str, str]) -> str:
    """A source as one line of text, from its JSON form."""
    if isinstance(source, str):
        return source
    return cite(StructuredSource.model_validate(source)).line()


def _pair(pair: tuple[float, float] | None) -> list[float] | None:
    return None if pair is None else [pair[0], pair[1]]


def _profile_dict(analysis: Analysis, profile_id: str, full: bool) -> dict[str, Any]:
    model = analysis.model
    description = (
        model.profiles[profile_id].description
        if profile_id in model.profiles
        else "The group files' own weights."
    )
    entry: dict[str, Any] = {
        "id": profile_id,
        "name": model.profile_name(profile_id),
        "description": description,
    }
    if full:
        entry["effective_weights"] = analysis.with_profile(profile_id).weight_map()
    return entry


def _lesson_dict(analysis: Analysis, lesson_id: str, full: bool) -> dict[str, Any]:
    model = analysis.model
    lesson = model.lessons[lesson_id]
    entry: dict[str, Any] = {
        "id": lesson.id,
        "title": lesson.title,
        "criteria": [c.id for c in model.criteria if lesson.id in c.lessons],
    }
    if full:
        entry["summary"] = lesson.summary
        entry["sources"] = [source_json(s) for s in lesson.sources]
    return entry


def _ids(analysis: Analysis, kind: str) -> list[str]:
    model = analysis.model
    return {
        "criteria": list(analysis.arrays.criterion_ids),
        "options": list(analysis.arrays.option_ids),
        "profiles": model.profile_ids,
        "lessons": list(model.lessons),
    }[kind]


_BUILDERS = {
    "criteria": _criterion_dict,
    "options": _option_dict,
    "profiles": _profile_dict,
    "lessons": _lesson_dict,
}


def document(analysis: Analysis, kind: str, item: str | None) -> dict[str, Any]:
    """`decisiontool.show/1`: a list of items, or one item in full (ModelError if unknown)."""
    ids = _ids(analysis, kind)
    result = header(analysis, "decisiontool.show/1")
    result["kind"] = kind
    if item is not None:
        if item not in ids:
            raise ModelError(
                [
                    Problem(
                        kind,
                        item,
                        f"no such {kind[:-1] if kind != 'criteria' else 'criterion'}"
                        f"{did_you_mean(item, ids)}; known: {', '.join(ids)}",
                    )
                ]
            )
        result["item"] = _BUILDERS[kind](analysis, item, True)
    else:
        result["items"] = [_BUILDERS[kind](analysis, i, False) for i in ids]
    return result


def render(analysis: Analysis, kind: str, item: str | None, console: Console) -> None:
    """Print the list, or the one item, readably."""
    from rich.markup import escape

    doc = document(analysis, kind, item)
    if item is None:
        from decisiontool.cli.tables import SCREEN_ROWS, shown_line

        items = doc["items"]
        console.print(_list_table(analysis, kind, items[:SCREEN_ROWS]))
        singular = "criterion" if kind == "criteria" else kind[:-1]
        shown = shown_line(len(items), "in model order", "json", (kind, singular))
        if shown is not None:
            console.print(shown, style="bold")
        return
    entry = doc["item"]
    console.print(
        f"[bold]{escape(entry.get('name') or entry.get('title', ''))}[/bold] [dim]({entry['id']})[/dim]"
    )
    _ITEM_PRINTERS[kind](entry, console)


def _list_table(analysis: Analysis, kind: str, items: list[dict[str, Any]]) -> Table:
    """The list of one kind of item, as a table (one row an item)."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_edge=False, title=f"{kind.capitalize()} of {escape(analysis.model.name)}")
    columns, row = _LIST_ROWS[kind]
    for col in columns:
        table.add_column(col, justify="right" if col in ("weight", "effective") else "left")
    for entry in items:
        table.add_row(*row(entry))
    return table


def _criterion_row(c: dict[str, Any]) -> list[str]:
    from rich.markup import escape

    return [
        c["id"],
        escape(c["name"]),
        c["group"],
        c["direction"],
        f"{c['scale'][0]:g}–{c['scale'][1]:g}",
        f"{c['weight']:g}",
        f"{c['effective_weight']:.3f}",
        "" if c["minimum"] is None else f"{c['minimum']:g}",
        " ".join(c["lessons"]),
    ]


def _option_row(o: dict[str, Any]) -> list[str]:
    from rich.markup import escape

    return [o["id"], escape(o["name"]), o["kind"]]


def _profile_row(p: dict[str, Any]) -> list[str]:
    from rich.markup import escape

    return [p["id"], escape(p["name"]), escape(p["description"])]


def _lesson_row(lesson: dict[str, Any]) -> list[str]:
    from rich.markup import escape

    return [lesson["id"], escape(lesson["title"]), " ".join(lesson["criteria"])]


_CRITERIA_COLUMNS = ("id", "name", "group", "direction", "scale", "weight", "effective", "minimum", "lessons")
_LIST_ROWS: dict[str, tuple[tuple[str, ...], Callable[[dict[str, Any]], list[str]]]] = {
    "criteria": (_CRITERIA_COLUMNS, _criterion_row),
    "options": (("id", "name", "kind"), _option_row),
    "profiles": (("id", "name", "description"), _profile_row),
    "lessons": (("id", "title", "criteria"), _lesson_row),
}


def _print_criterion(entry: dict[str, Any], console: Console) -> None:
    from rich.markup import escape

    console.print(
        f"Group {entry['group']} · {entry['direction']} · "
        f"scale {entry['scale'][0]:g} to {entry['scale'][1]:g}"
        f" · weight {entry['weight']:g} (effective {entry['effective_weight']:.3f})"
        + ("" if entry["minimum"] is None else f" · minimum {entry['minimum']:g}")
    )
    if entry["description"]:
        console.print(escape(entry["description"]))
    if entry["levels"]:
        console.print("\n[bold]Levels[/bold]")
        for point, meaning in sorted(entry["levels"].items(), key=lambda kv: float(kv[0])):
            console.print(f"  {point}  {escape(meaning)}")
    if entry["preference"]:
        console.print(f"\nPROMETHEE preference: {entry['preference']}")
    if entry["value_function"]:
        console.print(f"Value function: {entry['value_function']}")
    console.print("\n[bold]Lessons[/bold]")
    for lesson in entry["lesson_detail"]:
        console.print(f"  {lesson['id']}  {escape(lesson['title'])}")
        for source in lesson["sources"]:
            console.print(f"       [dim]{escape(_source_line(source))}[/dim]")


def _print_option(entry: dict[str, Any], console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    console.print(f"Kind: {entry['kind']}")
    if entry["summary"]:
        console.print(escape(entry["summary"]))
    if entry["precedents"]:
        console.print("Precedents: " + escape("; ".join(entry["precedents"])))
    table = Table(show_edge=False, show_lines=True)
    for col in ("criterion", "score", "range", "rationale and sources"):
        table.add_column(col, overflow="fold")
    for cid, score in entry["scores"].items():
        text = escape(score["rationale"])
        if score["sources"]:
            text += "\n[dim]" + escape("\n".join(map(_source_line, score["sources"]))) + "[/dim]"
        if score["filled"]:
            text = "[red]missing: set to the scale's worst end[/red]"
        table.add_row(
            cid,
            f"{score['value']:g}",
            "" if not score["range"] else f"{score['range'][0]:g}–{score['range'][1]:g}",
            text,
        )
    console.print(table)


def _print_profile(entry: dict[str, Any], console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    console.print(escape(entry["description"]))
    table = Table(show_edge=False)
    table.add_column("criterion")
    table.add_column("effective weight", justify="right")
    for cid, w in entry["effective_weights"].items():
        table.add_row(cid, f"{w:.3f}")
    console.print(table)


def _print_lesson(entry: dict[str, Any], console: Console) -> None:
    from rich.markup import escape

    console.print(escape(entry["summary"]))
    console.print("Criteria: " + (", ".join(entry["criteria"]) or "none"))
    for source in entry["sources"]:
        console.print(f"  [dim]{escape(_source_line(source))}[/dim]")


_ITEM_PRINTERS: dict[str, Callable[[dict[str, Any], Console], None]] = {
    "criteria": _print_criterion,
    "options": _print_option,
    "profiles": _print_profile,
    "lessons": _print_lesson,
}
