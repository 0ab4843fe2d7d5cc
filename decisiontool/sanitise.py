"""One sanitiser per output kind, for text that comes from model files (or from a user's paths).

A model file is data, and every place that shows its text must show it as text:

- `terminal`: no control character reaches a terminal raw. Escape sequences (ESC, CSI, OSC),
  other C0/C1 controls, DEL and the bidirectional overrides become visible escapes such as
  `\\x1b`, so a hostile name can neither clear the screen, move the cursor, retitle the window,
  nor reorder what is printed after it. Line feeds and tabs are kept.
- `markdown`: text inert in GitHub-flavoured Markdown and in any HTML it is rendered to (angle
  brackets as entities, inline syntax backslash-escaped, a line-start marker
  escaped, whitespace folded so it cannot end a table row).
- `html`: text escaped for HTML element content and attribute values.
- `cell`: a spreadsheet cell that would be read as a formula (after leading blanks, zero-width
  characters and line breaks, and in the full-width forms `＝＋－＠`) starts with an apostrophe,
  the convention spreadsheets use for "this is text". Numbers are never passed through it.

Every command, report and the app use these; none writes its own. Pure: imports only the
standard library.
"""

from __future__ import annotations

import html as _html
import os
import re
import unicodedata

__all__ = ["FORMULA_TRIGGERS", "cell", "css_string", "html", "markdown", "path_text", "terminal"]

_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI_CONTROLS + "]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: object) -> str:
    """`text` safe to print on a terminal: every control character but newline and tab made visible.

    >>> terminal("ok\\x1b[2J\\rOK")
    'ok\\\\x1b[2J\\\\x0dOK'
    """
    return _TERMINAL_UNSAFE.sub(_visible, str(text))


_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_MARKDOWN_LINE_START = re.compile(r"^([#+\-=>])")
_MARKDOWN_ORDERED = re.compile(r"^(\d+)([.)])(?=\s|$)")
_MARKDOWN_ENTITIES = {"<": "&lt;", ">": "&gt;"}


def _markdown_replacement(match: re.Match[str]) -> str:
    # angle brackets as entities: inert in every Markdown dialect, even where `\<` is not an escape
    char = match.group(1)
    return _MARKDOWN_ENTITIES.get(char, "\\" + char)


def markdown(text: object) -> str:
    """`text` inert in GitHub-flavoured Markdown, on one line.

    >>> markdown("<script>alert(1)</script> | *x*")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\| \\\\*x\\\\*'
    """
    flat = " ".join(terminal(text).split())
    flat = _MARKDOWN_INLINE.sub(_markdown_replacement, flat)
    flat = _MARKDOWN_LINE_START.sub(r"\\\1", flat)
    return _MARKDOWN_ORDERED.sub(r"\1\\\2", flat)


def html(text: object) -> str:
    """`text` escaped for HTML content and quoted attribute values.

    >>> html('<a href="x">&</a>')
    '&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'
    """
    return _html.escape(str(text), quote=True)


def css_string(text: object) -> str:
    """`text` for the inside of a double-quoted CSS string in a <style> element: every
    character that could end the string, the rule or the element is a CSS escape.

    >>> css_string('a"b</style>')
    'a\\\\22 b\\\\3c /style\\\\3e '
    """
    return "".join(
        f"\\{ord(char):x} " if char in '"\\<>&\'' or not char.isprintable() else char for char in str(text)
    )


FORMULA_TRIGGERS = frozenset("=+-@\t\r\n")
"""Characters that, first in a cell, make a spreadsheet read it as a formula (or a DDE command)."""


def _leading_blank(char: str) -> bool:
    # blanks a spreadsheet skips before it sees an `=`: spaces of every kind, zero-width and
    # other format characters, and control characters such as line feeds
    return char.isspace() or unicodedata.category(char) in {"Cf", "Cc", "Zs", "Zl", "Zp"}


def cell(text: object) -> str:
    """`text` for a spreadsheet cell (CSV or XLSX): never a live formula.

    >>> cell("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> cell(" \\u200b＝1+1") == "' \\u200b＝1+1"
    True
    >>> cell("-5 dB")
    "'-5 dB"
    >>> cell("Regional office")
    'Regional office'
    """
    value = str(text)
    first = next((char for char in value if not _leading_blank(char)), "")
    leading = value[: value.index(first)] if first else value
    triggered = unicodedata.normalize("NFKC", first) in FORMULA_TRIGGERS if first else False
    # a cell that starts with a line break or tab is read as one too, even without a trigger
    if triggered or any(char in FORMULA_TRIGGERS for char in leading):
        return "'" + value
    return value


def path_text(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be encoded: bytes that are not UTF-8 (which Python keeps
    as surrogates) shown as `\\xNN`, so a report or a message can name any file.

    >>> path_text(os.fsdecode(b"r\\xff.md"))
    'r\\\\xff.md'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")
