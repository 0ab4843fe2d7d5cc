"""Line numbers of TOML keys, so that a problem can say where in its file it is.

`key_lines(text)` reads a file once, front to back, and maps every key path (as pydantic
writes a location: table names and array-of-tables indices) to the line that defines it.
It is a small hand-written scanner rather than regular expressions over each line: every
character is looked at a bounded number of times, so a crafted file (a 40 KB multi-line
string, a header that never closes, thousands of keys) costs time in proportion to its
size. It is conservative: keys inside multi-line strings, arrays and inline tables are not
read as keys, and a path it cannot place is left out, so a line number is never invented.

Must not import pydantic, numpy, rich or textual.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

__all__ = ["KeyPath", "key_lines", "line_of"]

KeyPath = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = re.compile(r"[ \t]*")
_SPACE = re.compile(r"[ \t\r\n]*")
_INSIDE = re.compile(r"[\"'\[\]{}#\n]")
"""The characters that matter inside an array or an inline table."""


class _Scanner:
    """A position in the text and the line it is on (positions only move forward)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._counted = 0
        self._line = 1

    def line(self, position: int) -> int:
        """The 1-based line of `position` (which never goes back: counting stays linear)."""
        self._line += self.text.count("\n", self._counted, position)
        self._counted = position
        return self._line

    def end_of_line(self, position: int) -> int:
        """The position just after the newline that ends `position`'s line."""
        found = self.text.find("\n", position)
        return len(self.text) if found < 0 else found + 1

    def dotted(self, position: int, stop: str) -> tuple[list[str], int] | None:
        """A dotted key (`a."b c".d`) up to `stop` on the same line: (parts, position of stop)."""
        text = self.text
        parts: list[str] = []
        while True:
            position = _BLANK.match(text, position).end()  # type: ignore[union-attr]
            part = self._key_part(position)
            if part is None:
                return None
            name, position = part
            parts.append(name)
            position = _BLANK.match(text, position).end()  # type: ignore[union-attr]
            if position < len(text) and text[position] == ".":
                position += 1
                continue
            if position < len(text) and text[position] == stop:
                return parts, position
            return None

    def _key_part(self, position: int) -> tuple[str, int] | None:
        text = self.text
        if position >= len(text):
            return None
        quote = text[position]
        if quote in "\"'":
            end = self._string_end(position + 1, quote, single_line=True)
            return None if end is None else (text[position + 1 : end - 1], end)
        bare = _BARE.match(text, position)
        return None if bare is None else (bare.group(), bare.end())

    def _string_end(self, position: int, quote: str, *, single_line: bool) -> int | None:
        """The position after the closing `quote` of a one-line string that starts at `position`."""
        text = self.text
        while position < len(text):
            char = text[position]
            if char == "\n" and single_line:
                return None
            if char == "\\" and quote == '"':
                position += 2
                continue
            position += 1
            if char == quote:
                return position
        return None

    def _multiline_end(self, position: int, quote: str) -> int:
        """The position after the closing triple `quote` (and up to two quotes of content)."""
        text = self.text
        delimiter = quote * 3
        while True:
            found = text.find(delimiter, position)
            if found < 0:
                return len(text)
            if quote == '"':
                # a backslash escapes the next character: count those right before the quotes
                backslashes = 0
                while found - 1 - backslashes >= position and text[found - 1 - backslashes] == "\\":
                    backslashes += 1
                if backslashes % 2 == 1:
                    position = found + 1
                    continue
            end = found + 3
            while end < len(text) and end < found + 5 and text[end] == quote:
                end += 1
            return end

    def value_end(self, position: int) -> int:
        """The position after the value that starts at `position`, wherever it ends."""
        text = self.text
        position = _BLANK.match(text, position).end()  # type: ignore[union-attr]
        if text.startswith('"""', position) or text.startswith("'''", position):
            return self._multiline_end(position + 3, text[position])
        if position < len(text) and text[position] in "\"'":
            end = self._string_end(position + 1, text[position], single_line=True)
            return self.end_of_line(position) if end is None else end
        if position < len(text) and text[position] in "[{":
            return self._nested_end(position)
        return position

    def _nested_end(self, position: int) -> int:
        """The position after an array or inline table, skipping strings and comments in it."""
        text = self.text
        depth = 0
        while True:
            found = _INSIDE.search(text, position)
            if found is None:
                return len(text)
            position = found.start()
            char = text[position]
            if char in "[{":
                depth += 1
                position += 1
            elif char in "]}":
                depth -= 1
                position += 1
                if depth <= 0:
                    return position
            elif char == "#":
                position = self.end_of_line(position)
            elif char == "\n":
                position += 1
            else:
                position = self.value_end(position)


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map key paths (as pydantic writes them: table names and array indices) to line numbers.

    >>> key_lines("a = 1\\n[t]\\nb = [\\n  2,\\n]\\n[[arr]]\\nx = 1\\n[[arr]]\\nx = 2\\n")[("arr", 1, "x")]
    9
    """
    scanner = _Scanner(text)
    lines: dict[KeyPath, int] = {}
    table: KeyPath = ()
    array_counts: dict[KeyPath, int] = {}
    position = 0
    while True:
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if position >= len(text):
            return lines
        if text[position] == "[":
            is_array = text.startswith("[[", position)
            header = scanner.dotted(position + (2 if is_array else 1), "]")
            if header is not None:
                names = tuple(header[0])
                if is_array:
                    index = array_counts.get(names, 0)
                    array_counts[names] = index + 1
                    table = (*names, index)
                else:
                    table = names
                lines.setdefault(table, scanner.line(position))
            position = scanner.end_of_line(position)
            continue
        key = scanner.dotted(position, "=") if text[position] != "#" else None
        if key is None:
            position = scanner.end_of_line(position)
            continue
        lines.setdefault((*table, *key[0]), scanner.line(position))
        position = scanner.end_of_line(scanner.value_end(key[1] + 1))


def line_of(lines: Mapping[KeyPath, int], loc: Sequence[str | int]) -> int | None:
    """The line of `loc`, or of the nearest enclosing key that has one (None when none does)."""
    for end in range(len(loc), 0, -1):
        found = lines.get(tuple(loc[:end]))
        if found is not None:
            return found
    return None
