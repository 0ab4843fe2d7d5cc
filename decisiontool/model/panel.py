"""The file format of a panel participant, `MODEL/panel/<participant-id>.toml` (docs/panel.md).

A participant gives weights directly (`[weights]`, criterion or group id -> relative weight,
like a profile) or as judgements (`[ahp]`, `[rank]` or `[swing]`, the same judgements as
`decisiontool weights`' files), may read some scores differently (`[[scores]]`, applied to
this participant only) and may record dissent (`[[dissent]]`). The format is described in
docs/panel.md.

These models check what one file can check on its own (keys, types, finite numbers, one
way of giving weights); ids, scales and the judgements themselves are checked against the
model by the loader and by `decisiontool.elicitation`.

Must not import numpy, rich, textual or anything that reads files.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, Strict, model_validator

from decisiontool.model.files import Id, Number, Text, Weight, _File
from decisiontool.names import RankMethod

__all__ = [
    "WEIGHT_KINDS",
    "AhpJudgements",
    "AhpPair",
    "Dissent",
    "ParticipantFile",
    "ParticipantScore",
    "RankJudgements",
    "SwingJudgements",
]

Flag = Annotated[bool, Strict()]
"""A TOML boolean; the strings "yes" or "true" are refused, not guessed."""

WEIGHT_KINDS: tuple[str, ...] = ("weights", "ahp", "rank", "swing")
"""The ways a participant may give weights; a file uses exactly one."""


class AhpPair(_File):
    """One pairwise comparison, as in `decisiontool weights ahp`'s file: `a` is `value` times `b`."""

    a: Text
    b: Text
    value: Annotated[int, Strict()] | Number | Text
    """A number from 1/9 to 9, or a fraction string such as "1/3" (checked by the elicitation code)."""
    note: Text = ""


class AhpJudgements(_File):
    """`[ahp]`: pairwise comparisons of criteria within a group and of groups (`[[ahp.pair]]`)."""

    method: Literal["eigen", "geometric"] = "eigen"
    pair: list[AhpPair]


class RankJudgements(_File):
    """`[rank]`: an importance order, most important first, ties written `a=b`."""

    order: list[Text]
    method: RankMethod = "roc"
    flat: Flag = False
    """Rank all criteria together (True) or within groups, groups named among them (False)."""


class SwingJudgements(_File):
    """`[swing]`: the swings in order (ties `a=b`) and optionally their 0-100 ratings (SMART)."""

    order: list[Text]
    ratings: dict[str, Number] | None = None


class ParticipantScore(_File):
    """`[[scores]]`: this participant's reading of one score (applied to them only)."""

    option: Id
    criterion: Id
    value: Number
    range: tuple[Number, Number] | None = None
    rationale: Text = ""
    sources: list[Text] = Field(default_factory=list)


class Dissent(_File):
    """`[[dissent]]`: a view recorded even where it changes no number."""

    about: Text
    """An option, criterion or group id, or "model"."""
    text: Text


class ParticipantFile(_File):
    """panel/<participant-id>.toml: one participant's weights, readings and dissent."""

    name: Text
    role: Text = ""
    description: Text = ""
    illustrative: Flag = False
    """True for a made-up participant (a worked example): every output says so."""
    sources: list[Text] = Field(default_factory=list)
    """The public positions the participant's judgements were built from."""
    weights: dict[str, Weight] | None = None
    ahp: AhpJudgements | None = None
    rank: RankJudgements | None = None
    swing: SwingJudgements | None = None
    scores: list[ParticipantScore] = Field(default_factory=list)
    dissent: list[Dissent] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_way_of_weighting(self) -> ParticipantFile:
        given = [kind for kind in WEIGHT_KINDS if getattr(self, kind) is not None]
        if len(given) > 1:
            raise ValueError(
                f"gives weights in {len(given)} ways ({', '.join(f'[{k}]' for k in given)}): "
                "use exactly one of [weights], [ahp], [rank] or [swing]"
            )
        if not given:
            raise ValueError("gives no weights: add [weights], or judgements as [ahp], [rank] or [swing]")
        return self

    @property
    def weight_kind(self) -> str:
        """How this participant gave weights: `weights`, `ahp`, `rank` or `swing`."""
        return next(kind for kind in WEIGHT_KINDS if getattr(self, kind) is not None)
