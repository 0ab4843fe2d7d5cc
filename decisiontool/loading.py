"""Read a model directory: discover files, parse TOML, validate, cross-check ids.

`load_model(path)` returns a `DecisionModel` or raises `ModelError` holding *every* problem
found, each as `file: key.path: message` with the line number where the file gives one.
No bad input gets past this module, and none produces a traceback.

Must not import numpy, rich or textual.
"""

from __future__ import annotations

import itertools
import math
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import tomli
from pydantic import BaseModel, ValidationError

from decisiontool.model import (
    DEFAULT_PROFILE,
    Criterion,
    DecisionModel,
    Group,
    GroupFile,
    Lesson,
    LessonsFile,
    MissingPolicy,
    ModelInfo,
    Option,
    OptionFile,
    ProfileFile,
)
from decisiontool.model.files import ID_PATTERN, MAX_ID_LENGTH, SOURCE_TABLE_TAG, SOURCE_TEXT_TAG
from decisiontool.problems import MISSING_WORST, ModelError, Problem, Problems, did_you_mean

MAX_FILE_BYTES = 1 << 20
"""A model file larger than this (1 MiB) is refused: no honest model file is that big."""

_FileModel = TypeVar("_FileModel", bound=BaseModel)


def bundled_model_dir() -> Path:
    """The MINUSMA model shipped with the package (or the repository's, in a source checkout)."""
    packaged = Path(str(resources.files("decisiontool"))) / "_bundled"
    if (packaged / "criteria").is_dir():
        return packaged
    # an editable install or a source checkout: the repository root holds the model
    return Path(__file__).resolve().parents[1]


# ---------------------------------------------------------------------------------------
# line numbers


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*="
)


def _split_dotted(text: str) -> list[str]:
    parts = re.findall(r"\"([^\"]*)\"|'([^']*)'|([A-Za-z0-9_-]+)", text)
    return [a or b or c for a, b, c in parts]


def key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Map key paths (as pydantic writes them: table names and array indices) to line numbers.

    Deliberately conservative: it reads headers and `key =` lines outside multi-line strings
    and arrays; a path it cannot place is left out, so no line number is ever invented.
    """
    lines: dict[tuple[str | int, ...], int] = {}
    table: tuple[str | int, ...] = ()
    array_counts: dict[tuple[str | int, ...], int] = {}
    in_multiline: str | None = None
    bracket_depth = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            if raw.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        if bracket_depth > 0:
            bracket_depth += raw.count("[") - raw.count("]")
            continue
        header = _HEADER.match(raw)
        if header and not _KEY.match(raw):
            names = _split_dotted(header.group(2))
            if header.group(1) == "[[":
                base = tuple(names)
                index = array_counts.get(base, 0)
                array_counts[base] = index + 1
                table = (*base, index)
            else:
                table = tuple(names)
            lines.setdefault(table, number)
            continue
        key = _KEY.match(raw)
        if key:
            path = (*table, *_split_dotted(key.group(1)))
            lines.setdefault(path, number)
            rest = raw[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
            if in_multiline is None:
                bracket_depth = max(0, rest.count("[") - rest.count("]"))
    return lines


def _line_of(lines: Mapping[tuple[str | int, ...], int], loc: Sequence[str | int]) -> int | None:
    for end in range(len(loc), 0, -1):
        found = lines.get(tuple(loc[:end]))
        if found is not None:
            return found
    return None


# ---------------------------------------------------------------------------------------
# one file


@dataclass
class _Source:
    """A parsed file: where it is, its text (for line numbers) and its TOML tables."""

    path: Path
    name: str
    text: str
    data: dict[str, Any]

    def line(self, *loc: str | int) -> int | None:
        return _line_of(key_lines(self.text), loc)


def read_toml(path: Path, name: str, limit_note: str = "model files") -> tuple[str, dict[str, Any]]:
    """Read one TOML file: its text (for line numbers) and its tables.

    Refuses, with a ModelError naming the file as `name`: an unreadable or non-regular file,
    one over 1 MiB, text that is not UTF-8 (with its line), a TOML syntax error (with line
    and column). Shared by model files and judgement files (`decisiontool weights`).
    """

    def refuse(message: str, line: int | None = None) -> ModelError:
        return ModelError([Problem(name, "", message, line)])

    try:
        info = path.stat()
    except OSError as error:
        raise refuse(f"cannot read: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        raise refuse("not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise refuse(f"file is {info.st_size:,} bytes; {limit_note} are limited to 1 MiB")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise refuse(f"cannot read: {error.strerror or error}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise refuse("starts with a byte order mark (BOM); save the file as UTF-8 without BOM", 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise refuse(f"not UTF-8 text (byte {error.start})", raw[: error.start].count(b"\n") + 1) from None
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        message = getattr(error, "msg", str(error))
        line = getattr(error, "lineno", None)
        column = getattr(error, "colno", None)
        where = f" (line {line}, column {column})" if line is not None and column is not None else ""
        raise refuse(f"TOML syntax error: {message}{where}", line) from None
    except RecursionError:
        raise refuse("TOML arrays or inline tables nested too deeply to read") from None
    return text, data


def _read(path: Path, name: str, problems: Problems) -> _Source | None:
    """Read and parse one model file, recording why it could not be."""
    try:
        text, data = read_toml(path, name)
    except ModelError as error:
        problems.extend(error.problems)
        return None
    return _Source(path, name, text, data)


def _format_loc(loc: Sequence[str | int], data: Any) -> str:
    """`criterion[cross_border_reach].scale` from pydantic's ('criterion', 3, 'scale')."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            label = str(part + 1)
            if isinstance(node, list) and part < len(node):
                node = node[part]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = node["id"]
                else:
                    label = f"#{part + 1}"
            else:
                node = None
            out += f"[{label}]"
        else:
            out += f".{part}" if out else part
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _allowed_keys(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The keys a table at `loc` may hold, for did-you-mean suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(str(part))
        if field is None:
            # a dict keyed by user ids (scores.<criterion>): the value type is what matters
            return []
        current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """The pydantic model inside `X | None`, `list[X]`, `dict[str, X]`, or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


_UNION_TAGS = (SOURCE_TEXT_TAG, SOURCE_TABLE_TAG)


def _pydantic_problems(source: _Source, model: type[BaseModel], error: ValidationError) -> list[Problem]:
    """Turn pydantic's errors into `file: key.path: message` problems."""
    lines = key_lines(source.text)
    found: list[Problem] = []
    for item in error.errors(include_url=False):
        loc = [part for part in item["loc"] if part not in _UNION_TAGS]
        kind = item["type"]
        if kind == "extra_forbidden":
            unknown = str(loc[-1])
            allowed = _allowed_keys(model, loc[:-1])
            message = f"unknown key '{unknown}'{did_you_mean(unknown, allowed)}"
            if allowed:
                message += f"; allowed here: {', '.join(allowed)}"
        elif kind == "missing":
            message = "required key is missing"
        elif kind == "finite_number":
            message = "must be a finite number (NaN and infinity are not allowed)"
        elif kind == "literal_error":
            message = f"{item['input']!r} is not allowed: {item['msg'].removeprefix('Input should be ')}"
        elif kind in ("float_type", "int_type"):
            message = f"must be a number, not {toml_type_name(item['input'])}"
        elif kind == "greater_than_equal":
            message = f"{item['input']!r} must be >= {item.get('ctx', {}).get('ge', 0)}"
        elif kind == "string_type":
            message = f"must be a string, not {toml_type_name(item['input'])}"
        else:
            message = str(item["msg"]).removeprefix("Value error, ")
        found.append(Problem(source.name, _format_loc(loc, source.data), message, _line_of(lines, loc)))
    return found


def toml_type_name(value: Any) -> str:
    """How a TOML value's type reads in a message: 'a string', 'an array', ..."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _parse(source: _Source, model: type[_FileModel], problems: Problems) -> _FileModel | None:
    try:
        return model.model_validate(source.data)
    except ValidationError as error:
        problems.extend(_pydantic_problems(source, model, error))
        return None


def _check_stem(stem: str, name: str, problems: Problems, what: str) -> bool:
    if len(stem) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(stem):
        problems.add(
            name,
            "",
            f"the file name gives the {what} id {stem!r}, which is not a valid id: use lower-case "
            f"letters, digits and '_', starting with a letter, at most {MAX_ID_LENGTH} characters",
        )
        return False
    return True


# ---------------------------------------------------------------------------------------
# checks that need the scale or other files


def _check_criterion(criterion: Criterion, source: _Source, index: int, problems: Problems) -> None:
    """Scale order, minimum, levels, preference parameters and value function of one criterion."""
    key = f"criterion[{criterion.id}]"

    def add(subkey: str, message: str, *loc: str | int) -> None:
        problems.add(source.name, f"{key}.{subkey}", message, source.line("criterion", index, *loc))

    low, high = criterion.scale
    if not low < high:
        add("scale", f"[{low:g}, {high:g}] must be [min, max] with min < max", "scale")
        return
    if criterion.minimum is not None and not low <= criterion.minimum <= high:
        add("minimum", f"{criterion.minimum:g} is outside the scale [{low:g}, {high:g}]", "minimum")
    for level in criterion.levels:
        try:
            point = int(level)
        except ValueError:
            add(f"levels.{level}", f"level keys are integer points of the scale, not {level!r}", "levels")
            continue
        if str(point) != level.strip() or not low <= point <= high:
            add(
                f"levels.{level}",
                f"{level!r} is not an integer point of the scale [{low:g}, {high:g}]",
                "levels",
            )
    if criterion.preference is not None:
        for message in _preference_problems(criterion):
            add("preference", message, "preference")
    if criterion.value_function is not None:
        for message in _value_function_problems(criterion):
            add("value_function", message, "value_function")


def _preference_problems(criterion: Criterion) -> list[str]:
    preference = criterion.preference
    assert preference is not None
    function = preference.function
    given = {name for name in ("q", "p", "s") if getattr(preference, name) is not None}
    needed = {
        "usual": set(),
        "u-shape": {"q"},
        "v-shape": {"p"},
        "level": {"q", "p"},
        "linear": {"q", "p"},
        "gaussian": {"s"},
    }[function]
    found: list[str] = []
    for name in sorted(needed - given):
        found.append(f"'{function}' needs the parameter {name} (there are no defaults)")
    for name in sorted(given - needed):
        found.append(f"'{function}' takes no parameter {name}")
    if found:
        return found
    q, p, s = preference.q, preference.p, preference.s
    if q is not None and q < 0:
        found.append(f"q = {q:g} must be >= 0")
    if p is not None and function == "v-shape" and p <= 0:
        found.append(f"p = {p:g} must be > 0")
    if q is not None and p is not None and q >= p:
        found.append(f"needs 0 <= q < p, got q = {q:g}, p = {p:g}")
    if s is not None and s <= 0:
        found.append(f"s = {s:g} must be > 0")
    return found


def _value_function_problems(criterion: Criterion) -> list[str]:
    points = criterion.value_function
    assert points is not None
    low, high = criterion.scale
    found: list[str] = []
    if len(points) < 2:
        return ["needs at least two [score, value] points"]
    xs = [x for x, _ in points]
    vs = [v for _, v in points]
    for x in xs:
        if not low <= x <= high:
            found.append(f"point {x:g} is outside the scale [{low:g}, {high:g}]")
    for v in vs:
        if not 0 <= v <= 1:
            found.append(f"value {v:g} is outside [0, 1]")
    if any(b <= a for a, b in itertools.pairwise(xs)):
        found.append("scores must strictly increase from one point to the next")
    steps = [b - a for a, b in itertools.pairwise(vs)]
    if criterion.direction == "benefit" and (any(d < 0 for d in steps) or vs[-1] <= vs[0]):
        found.append("values must increase with the score for a benefit criterion")
    if criterion.direction == "cost" and (any(d > 0 for d in steps) or vs[-1] >= vs[0]):
        found.append("values must decrease as the score rises for a cost criterion")
    return found


def _check_option(
    option: OptionFile,
    source: _Source,
    criteria: Mapping[str, Criterion],
    problems: Problems,
    missing: MissingPolicy,
    broken: set[str],
) -> list[str]:
    """Scores against scales and ranges; returns the criteria the option leaves unscored."""
    for criterion_id, score in option.scores.items():
        key = f"scores.{criterion_id}"
        criterion = criteria.get(criterion_id)
        if criterion is None and criterion_id in broken:
            continue
        if criterion is None:
            problems.add(
                source.name,
                key,
                f"unknown criterion '{criterion_id}'{did_you_mean(criterion_id, criteria)}",
                source.line("scores", criterion_id),
            )
            continue
        low, high = criterion.scale
        if not low < high:
            continue  # the scale itself is already reported
        if not low <= score.value <= high:
            problems.add(
                source.name,
                f"{key}.value",
                f"{score.value:g} is outside the scale [{low:g}, {high:g}] of {criterion_id}",
                source.line("scores", criterion_id, "value"),
            )
        if score.range is not None:
            a, b = score.range
            line = source.line("scores", criterion_id, "range")
            if a > b:
                problems.add(
                    source.name, f"{key}.range", f"[{a:g}, {b:g}] must be [low, high] with low <= high", line
                )
            elif not low <= a <= b <= high:
                problems.add(
                    source.name,
                    f"{key}.range",
                    f"[{a:g}, {b:g}] is outside the scale [{low:g}, {high:g}]",
                    line,
                )
            elif not a <= score.value <= b:
                problems.add(
                    source.name,
                    f"{key}.range",
                    f"[{a:g}, {b:g}] does not contain the value {score.value:g}",
                    line,
                )
    gaps = [criterion_id for criterion_id in criteria if criterion_id not in option.scores]
    if gaps and missing == "refuse":
        for criterion_id in gaps:
            problems.add(
                source.name,
                f"scores.{criterion_id}",
                "missing score (every option must score every criterion; "
                f"{MISSING_WORST} scores gaps at the scale's worst end)",
            )
    return gaps


# ---------------------------------------------------------------------------------------
# the whole model


def _raw_criterion_ids(source: _Source | None) -> set[str]:
    """Ids a group file that failed validation still names (its group's and its criteria's)."""
    if source is None:
        return set()
    found: set[str] = set()
    group = source.data.get("group")
    if isinstance(group, dict) and isinstance(group.get("id"), str):
        found.add(group["id"])
    entries = source.data.get("criterion")
    if isinstance(entries, list):
        found.update(e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str))
    return found


def _toml_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ".toml")
    except OSError:
        return []


def _misplaced_files(root: Path, problems: Problems) -> None:
    """Say what would otherwise be silently ignored: `x.TOML` beside the model files, and a
    `criteria/profiles` that is a file rather than a folder."""
    profiles = root / "criteria" / "profiles"
    if profiles.exists() and not profiles.is_dir():
        problems.add("criteria/profiles", "", "should be a folder of profile files, not a file")
    for folder in (root / "criteria", root / "options", profiles):
        try:
            names = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".toml" and p.suffix != ".toml")
        except OSError:
            continue
        for path in names:
            problems.add(
                path.relative_to(root).as_posix(),
                "",
                "model files end in '.toml' (lower case); rename it or move it away",
            )


def load_model(path: Path | str | None = None, *, missing: MissingPolicy = "refuse") -> DecisionModel:
    """Load and validate the model directory at `path` (the bundled model when None).

    Raises ModelError with every problem found. With `missing="worst"`, an option's missing
    scores are set to the worst end of the scale and recorded in `DecisionModel.filled`.
    """
    root = bundled_model_dir() if path is None else Path(path)
    problems = Problems()
    shown = str(path) if path is not None else "bundled model"
    if not root.exists():
        raise ModelError([Problem(shown, "", "no such model directory")])
    if not root.is_dir():
        raise ModelError(
            [Problem(shown, "", "not a directory (a model directory holds criteria/ and options/)")]
        )
    criteria_dir = root / "criteria"
    options_dir = root / "options"
    for folder in (criteria_dir, options_dir):
        if not folder.is_dir():
            problems.add(
                f"{folder.name}/", "", "missing folder: a model directory holds criteria/ and options/"
            )
    problems.raise_if_any()
    _misplaced_files(root, problems)

    files: list[Path] = []

    def read(file: Path) -> _Source | None:
        files.append(file)
        return _read(file, file.relative_to(root).as_posix(), problems)

    # model.toml (optional)
    info = ModelInfo()
    model_file = criteria_dir / "model.toml"
    model_source = None
    if model_file.exists():
        source = model_source = read(model_file)
        if source is not None:
            info = _parse(source, ModelInfo, problems) or info
            repeated = sorted({kind for kind in info.option_kinds if info.option_kinds.count(kind) > 1})
            if repeated:
                problems.add(
                    source.name,
                    "option_kinds",
                    f"names {', '.join(repr(kind) for kind in repeated)} more than once",
                    source.line("option_kinds"),
                )

    # lessons.toml (required)
    lessons: dict[str, Lesson] = {}
    lessons_file = criteria_dir / "lessons.toml"
    lessons_known = False
    """True once lessons.toml was read: only then is a criterion's lesson id checked against it."""
    if not lessons_file.exists():
        problems.add(
            "criteria/lessons.toml", "", "missing: every model needs a lessons file (it may hold no lessons)"
        )
    else:
        source = read(lessons_file)
        parsed_lessons = _parse(source, LessonsFile, problems) if source else None
        lessons_known = parsed_lessons is not None
        if parsed_lessons is not None and source is not None:
            for index, lesson in enumerate(parsed_lessons.lesson):
                if lesson.id in lessons:
                    problems.add(
                        source.name,
                        f"lesson[{lesson.id}].id",
                        f"duplicate lesson id '{lesson.id}'",
                        source.line("lesson", index, "id"),
                    )
                lessons[lesson.id] = lesson

    # group files
    groups: list[Group] = []
    criteria: dict[str, Criterion] = {}
    criterion_group: dict[str, str] = {}
    defined_in: dict[str, str] = {}
    broken: set[str] = set()
    """Criterion ids in group files that failed to parse: not reported again as unknown."""
    group_files = [p for p in _toml_files(criteria_dir) if p.name not in ("model.toml", "lessons.toml")]
    if not group_files:
        problems.add("criteria/", "", "no criteria group files (criteria/<group>.toml)")
    for file in group_files:
        source = read(file)
        group_file = _parse(source, GroupFile, problems) if source else None
        if group_file is None or source is None:
            broken.update(_raw_criterion_ids(source))
            continue
        group = group_file.group
        if group.id in defined_in:
            problems.add(
                source.name,
                "group.id",
                f"duplicate id '{group.id}' (also in {defined_in[group.id]}); "
                "group and criterion ids share one namespace",
                source.line("group", "id"),
            )
        defined_in.setdefault(group.id, source.name)
        groups.append(group)
        if not group_file.criterion:
            problems.add(source.name, "", f"group '{group.id}' has no [[criterion]]")
        for index, criterion in enumerate(group_file.criterion):
            if criterion.id in defined_in:
                problems.add(
                    source.name,
                    f"criterion[{criterion.id}].id",
                    f"duplicate id '{criterion.id}' (also in {defined_in[criterion.id]}); "
                    "group and criterion ids share one namespace",
                    source.line("criterion", index, "id"),
                )
                continue
            defined_in[criterion.id] = source.name
            criteria[criterion.id] = criterion
            criterion_group[criterion.id] = group.id
            _check_criterion(criterion, source, index, problems)
            for position, lesson_id in enumerate(criterion.lessons):
                if lesson_id not in lessons and lessons_known:
                    problems.add(
                        source.name,
                        f"criterion[{criterion.id}].lessons[{position + 1}]",
                        f"unknown lesson '{lesson_id}'{did_you_mean(lesson_id, lessons)}",
                        source.line("criterion", index, "lessons"),
                    )

    if model_source is not None:
        _check_cost_criteria(info, criteria, broken, model_source, problems)

    # options
    options: list[Option] = []
    filled: set[tuple[str, str]] = set()
    option_files = _toml_files(options_dir)
    if not option_files:
        problems.add("options/", "", "no option files (options/<id>.toml)")
    for file in option_files:
        source = read(file)
        option_file = _parse(source, OptionFile, problems) if source else None
        if option_file is None or source is None:
            continue
        stem = file.stem
        if not _check_stem(stem, source.name, problems, "option"):
            continue
        if option_file.id is not None and option_file.id != stem:
            problems.add(
                source.name,
                "id",
                f"'{option_file.id}' must equal the file name's stem '{stem}'",
                source.line("id"),
            )
        if stem in defined_in:
            problems.add(
                source.name,
                "",
                f"option id '{stem}' is already a group or criterion id in {defined_in[stem]}",
            )
        if option_file.kind not in info.option_kinds:
            problems.add(
                source.name,
                "kind",
                f"'{option_file.kind}' is not one of the model's option kinds "
                f"({', '.join(info.option_kinds)}; set them with option_kinds in criteria/model.toml)"
                f"{did_you_mean(option_file.kind, info.option_kinds)}",
                source.line("kind"),
            )
        gaps = _check_option(option_file, source, criteria, problems, missing, broken)
        filled.update((stem, criterion_id) for criterion_id in gaps)
        options.append(Option(stem, option_file, source.name))

    # profiles
    profiles: dict[str, ProfileFile] = {}
    profiles_dir = criteria_dir / "profiles"
    group_ids = {group.id for group in groups}
    for file in _toml_files(profiles_dir):
        source = read(file)
        profile = _parse(source, ProfileFile, problems) if source else None
        if profile is None or source is None:
            continue
        if not _check_stem(file.stem, source.name, problems, "profile"):
            continue
        if file.stem == DEFAULT_PROFILE:
            problems.add(
                source.name,
                "",
                "the profile id 'default' is reserved for the weights in the group files; rename the file",
            )
            continue
        for criterion_id in profile.weights:
            if criterion_id not in criteria and criterion_id not in broken:
                hint = " (that is a group: use [group_weights])" if criterion_id in group_ids else ""
                problems.add(
                    source.name,
                    f"weights.{criterion_id}",
                    f"unknown criterion '{criterion_id}'{hint or did_you_mean(criterion_id, criteria)}",
                    source.line("weights", criterion_id),
                )
        for group_id in profile.group_weights:
            if group_id not in group_ids and group_id not in broken:
                hint = " (that is a criterion: use [weights])" if group_id in criteria else ""
                problems.add(
                    source.name,
                    f"group_weights.{group_id}",
                    f"unknown group '{group_id}'{hint or did_you_mean(group_id, group_ids)}",
                    source.line("group_weights", group_id),
                )
        profiles[file.stem] = profile

    problems.raise_if_any()

    # weights that leave nothing weighted: the default and every profile
    default_problem = _nothing_weighted(groups, criteria, criterion_group, {}, {})
    if default_problem:
        problems.add("criteria/", "", f"the weights in the group files {default_problem}")
    for profile_id, profile in profiles.items():
        found = _nothing_weighted(groups, criteria, criterion_group, profile.weights, profile.group_weights)
        if found:
            problems.add(f"criteria/profiles/{profile_id}.toml", "weights", f"these weights {found}")
    problems.raise_if_any()

    criteria_in_order = tuple(criteria.values())
    if filled:
        options = [_fill_worst(option, criteria, filled) for option in options]
    name = info.name or (root.name if path is not None else "bundled model")
    return DecisionModel(
        root=root,
        name=name,
        info=info,
        lessons=lessons,
        groups=tuple(groups),
        criteria=criteria_in_order,
        criterion_group=criterion_group,
        options=tuple(options),
        profiles=dict(sorted(profiles.items())),
        files=tuple(files),
        filled=frozenset(filled),
        missing=missing,
    )


def reload_model(model: DecisionModel) -> DecisionModel:
    """Load `model`'s directory again, the same way (missing scores refused or filled)."""
    return load_model(model.root, missing=model.missing)


def _check_cost_criteria(
    info: ModelInfo, criteria: Mapping[str, Criterion], broken: set[str], source: _Source, problems: Problems
) -> None:
    """model.toml's `cost_criteria` must name criteria of the model, each once."""
    seen: set[str] = set()
    for position, criterion_id in enumerate(info.cost_criteria):
        key = f"cost_criteria[{position + 1}]"
        if criterion_id in seen:
            problems.add(source.name, key, f"'{criterion_id}' is named twice", source.line("cost_criteria"))
        elif criterion_id not in criteria and criterion_id not in broken:
            problems.add(
                source.name,
                key,
                f"unknown criterion '{criterion_id}'{did_you_mean(criterion_id, criteria)}",
                source.line("cost_criteria"),
            )
        seen.add(criterion_id)


def _fill_worst(option: Option, criteria: Mapping[str, Criterion], filled: set[tuple[str, str]]) -> Option:
    from decisiontool.model import ScoreDetail

    scores = dict(option.file.scores)
    for option_id, criterion_id in filled:
        if option_id == option.id:
            criterion = criteria[criterion_id]
            worst = criterion.scale[0] if criterion.direction == "benefit" else criterion.scale[1]
            scores[criterion_id] = ScoreDetail(
                value=worst, rationale="No score given: set to the scale's worst end (--missing worst)."
            )
    return Option(option.id, option.file.model_copy(update={"scores": scores}), option.path)


def relative_weights(
    groups: Iterable[Group],
    criteria: Mapping[str, Criterion],
    weights: Mapping[str, float],
    group_weights: Mapping[str, float],
) -> tuple[dict[str, float], dict[str, float]]:
    """(group weights, criterion weights) after a profile's replacements."""
    group_values = {group.id: group_weights.get(group.id, group.weight) for group in groups}
    criterion_values = {cid: weights.get(cid, criterion.weight) for cid, criterion in criteria.items()}
    return group_values, criterion_values


def _nothing_weighted(
    groups: Sequence[Group],
    criteria: Mapping[str, Criterion],
    criterion_group: Mapping[str, str],
    weights: Mapping[str, float],
    group_weights: Mapping[str, float],
) -> str:
    """A message when no criterion keeps a positive effective weight, else ''."""
    group_values, criterion_values = relative_weights(groups, criteria, weights, group_weights)
    live = any(
        value > 0 and group_values[criterion_group[cid]] > 0 and math.isfinite(value)
        for cid, value in criterion_values.items()
    )
    return "" if live else "leave no criterion with a positive weight"
