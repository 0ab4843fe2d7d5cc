"""One error type for bad input: a list of problems, each naming a file, a key and a message.

Every check of user input (model files, arguments such as weights or a method, judgement
files) reports through `Problem` and raises `ModelError`, so that the CLI, the reports and
the Textual app show the same `PATH: KEY.PATH: message` lines and never a traceback.

Library code names parameters (`weights`, `force=True`), never command-line flags; the CLI
turns them into its flags (`decisiontool.cli.common.as_cli_problem`).

Must not import pydantic, numpy, rich or textual: it sits under everything.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input.

    `path` is the file as the user would name it (relative to the model directory when
    there is one), `key` the dotted key path inside it (empty for file-level problems),
    `line` the 1-based line number when it can be had (never guessed).
    """

    path: str
    key: str
    message: str
    line: int | None = None
    parameter: bool = False
    """True when `path` names a parameter of a library call (`weights`, `method`), not a file."""

    @classmethod
    def of_parameter(cls, name: str, key: str, message: str) -> Problem:
        """A problem with the argument `name` of a call (the CLI shows it as its flag)."""
        return cls(name, key, message, parameter=True)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


ALREADY_EXISTS = "already exists; pass force=True to replace it"
"""The message for a file that would be overwritten without `force`."""

MISSING_WORST = "missing='worst'"
"""How a message names the choice to score missing scores at the scale's worst end."""


class ModelError(Exception):
    """Raised when input cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class Problems:
    """A collector: checks add to it, and `raise_if_any` turns what it holds into a ModelError."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, key: str, message: str, line: int | None = None) -> None:
        """Record one problem."""
        self.items.append(Problem(path, key, message, line))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record several problems."""
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        """Raise a ModelError holding every recorded problem, if there is one."""
        if self.items:
            raise ModelError(self.items)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean 'x'?)` suffix naming the closest choice, or '' when none is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
