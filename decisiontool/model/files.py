"""The file formats of a decision model (docs/model-format.md) as pydantic v2 models.

These models check what one file can check on its own: keys (unknown keys are refused),
types, required keys, id patterns and finite numbers. Checks that need the scale, other
files or the whole model (scores inside the scale, unknown lesson ids, duplicates) live in
`decisiontool.loading`, which knows the file and key path of each value.

Must not import numpy, rich, textual or anything that reads files.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AllowInfNan,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Strict,
    Tag,
    model_validator,
)

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
LESSON_ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
MAX_ID_LENGTH = 64


def _check_id(value: str) -> str:
    if len(value) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid id: use lower-case letters, digits and '_', "
            f"starting with a letter, at most {MAX_ID_LENGTH} characters"
        )
    return value


def _check_lesson_id(value: str) -> str:
    if len(value) > MAX_ID_LENGTH or not LESSON_ID_PATTERN.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid lesson id: use letters, digits, '_' and '-', "
            f"starting with a letter, at most {MAX_ID_LENGTH} characters"
        )
    return value


Text = Annotated[str, Strict()]
OptionKind = Annotated[str, Strict(), Field(min_length=1, max_length=MAX_ID_LENGTH)]
"""An option kind: any short non-empty text; which kinds a model allows is its model.toml's choice."""
DEFAULT_OPTION_KINDS = ("peace-operation", "multilateral-approach")
"""The kinds options may declare when model.toml names none (those of the bundled MINUSMA model)."""
"""A string; TOML numbers or booleans are not silently turned into text."""
Number = Annotated[float, Strict(), AllowInfNan(False)]
"""A finite number (an integer is accepted); NaN, infinity, strings and booleans are refused."""
Weight = Annotated[float, Strict(), AllowInfNan(False), Field(ge=0)]
"""A relative weight: a finite number >= 0."""
Id = Annotated[str, Strict(), AfterValidator(_check_id)]
LessonId = Annotated[str, Strict(), AfterValidator(_check_lesson_id)]


class _File(BaseModel):
    """Common settings: unknown keys are errors, values are frozen after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
URL_PATTERN = re.compile(r"https?://[^\s<>\"'`\\]+")
"""An http(s) URL that is safe to print and link: no spaces, quotes, backquotes or angle brackets."""


def _iso_date(value: Any) -> Any:
    """A TOML date (`2017-09-05`) or an ISO string: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when
    only the month or year is known. Kept as the ISO string."""
    if isinstance(value, datetime.datetime):
        raise ValueError("must be a date (YYYY-MM-DD), not a date and time")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if not isinstance(value, str):
        return value  # the strict string check reports the type
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        raise ValueError(f"{value!r} is not an ISO date: write YYYY-MM-DD (or YYYY-MM, YYYY)")
    year, month, day = (int(part) if part is not None else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a date on the calendar") from None
    return value


def _check_url(value: str) -> str:
    if not URL_PATTERN.fullmatch(value):
        raise ValueError(f"{value!r} is not an http(s) URL (no spaces, quotes or angle brackets)")
    return value


IsoDate = Annotated[str, BeforeValidator(_iso_date), Strict()]
"""An ISO date string (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`); a TOML date is accepted too."""
Url = Annotated[str, Strict(), AfterValidator(_check_url)]


class StructuredSource(_File):
    """A citation as a table: what the document is, who published it and when, where it is."""

    title: Text
    publisher: Text
    date: IsoDate | None = None
    """When the document was published or adopted; left out when it is not known."""
    url: Url | None = None
    accessed: IsoDate | None = None
    """When the URL was last checked."""


def _source_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return SOURCE_TEXT_TAG
    if isinstance(value, dict | StructuredSource):
        return SOURCE_TABLE_TAG
    return None


SOURCE_TEXT_TAG = "<source text>"
SOURCE_TABLE_TAG = "<source table>"
"""Union tags pydantic puts in an error's location; the loader drops them (they cannot be keys:
ids never hold '<')."""

Source = Annotated[
    Annotated[Text, Tag(SOURCE_TEXT_TAG)] | Annotated[StructuredSource, Tag(SOURCE_TABLE_TAG)],
    Discriminator(
        _source_kind,
        custom_error_type="source_type",
        custom_error_message="a source is a string or a table with 'title', 'publisher' "
        "and optionally 'date', 'url', 'accessed'",
    ),
]
"""A source: a plain string (a citation or a URL, as in format 1's first files) or a table."""


class ModelInfo(_File):
    """criteria/model.toml: what the model is called and what it is for."""

    name: Text | None = None
    description: Text = ""
    version: Text | None = None
    option_kinds: list[OptionKind] = Field(default_factory=lambda: list(DEFAULT_OPTION_KINDS), min_length=1)
    """The kinds an option may declare (`kind` in options/<id>.toml); the loader checks each option's."""
    cost_criteria: list[Id] = Field(default_factory=list)
    """Criteria that measure money: they enable the value-for-money view (benefit against cost)."""
    date: IsoDate | None = None
    """The date of this version of the model's evidence: no structured source may be dated
    after it (`decisiontool validate --evidence`)."""


class Lesson(_File):
    """One lesson from the evidence base; criteria cite lessons by id."""

    id: LessonId
    title: Text
    summary: Text = ""
    sources: list[Source] = Field(default_factory=list)


class LessonsFile(_File):
    """criteria/lessons.toml."""

    lesson: list[Lesson] = Field(default_factory=list)


PreferenceFunction = Literal["usual", "u-shape", "v-shape", "level", "linear", "gaussian"]


class Preference(_File):
    """A PROMETHEE preference function and its thresholds (checked against each other by the loader)."""

    function: PreferenceFunction = "usual"
    q: Number | None = None
    p: Number | None = None
    s: Number | None = None


class Criterion(_File):
    """One criterion: what is measured, on which scale, how much it counts."""

    id: Id
    name: Text
    description: Text = ""
    direction: Literal["benefit", "cost"]
    scale: tuple[Number, Number]
    weight: Weight = 1.0
    lessons: list[LessonId] = Field(default_factory=list)
    levels: dict[str, Text] = Field(default_factory=dict)
    minimum: Number | None = None
    preference: Preference | None = None
    value_function: list[tuple[Number, Number]] | None = None


class Group(_File):
    """The [group] table of a criteria group file."""

    id: Id
    name: Text
    weight: Weight = 1.0
    description: Text = ""


class GroupFile(_File):
    """criteria/<group>.toml: one group and its criteria."""

    group: Group
    criterion: list[Criterion] = Field(default_factory=list)


class ScoreDetail(_File):
    """An option's score on one criterion, with its uncertainty and evidence."""

    value: Number
    range: tuple[Number, Number] | None = None
    rationale: Text = ""
    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        """Accept the short form `criterion = 3` as well as the long form table."""
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"value": data}
        if not isinstance(data, dict):
            raise ValueError(
                "a score is a number or a table with 'value' (and optionally 'range', 'rationale', 'sources')"
            )
        return data


class OptionFile(_File):
    """options/<id>.toml: one option and its scores."""

    id: Id | None = None
    name: Text
    kind: OptionKind
    summary: Text = ""
    precedents: list[Text] = Field(default_factory=list)
    scores: dict[str, ScoreDetail]


class ProfileFile(_File):
    """criteria/profiles/<id>.toml: a stakeholder's weights."""

    name: Text
    description: Text = ""
    weights: dict[str, Weight] = Field(default_factory=dict)
    group_weights: dict[str, Weight] = Field(default_factory=dict)
