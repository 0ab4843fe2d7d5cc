"""Readers that parse each report format back, independently of the code that wrote it."""

from __future__ import annotations

import re
from typing import Any

import html5lib

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()<>#+\-.!|~&=])|&(lt|gt|amp);")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&"}


def unescape_markdown(text: str) -> str:
    """Undo CommonMark backslash escapes and the three basic entities, in one pass."""
    return _ESCAPE.sub(lambda m: m.group(1) if m.group(1) is not None else _ENTITIES[m.group(2)], text)


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every GFM table in `text`: a list of rows (header first, delimiter row dropped), cells unescaped."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|") and line.rstrip().endswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
            row = [unescape_markdown(cell.strip()) for cell in cells]
            if all(re.fullmatch(r":?-{3,}:?", cell) for cell in row):
                continue
            current.append(row)
        elif current:
            tables.append(current)
            current = []
    return tables


def html_document(data: bytes) -> Any:
    """The parsed HTML (an ElementTree element without namespaces); html5lib follows the HTML5 spec."""
    return html5lib.parse(data, treebuilder="etree", namespaceHTMLElements=False)


def text_of(element: Any) -> str:
    """All the text inside an element, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def html_table(document: Any, caption_start: str) -> list[list[str]]:
    """The rows (header row first) of the table whose caption starts with `caption_start`."""
    for table in document.iter("table"):
        caption = table.find("caption")
        if caption is not None and text_of(caption).startswith(caption_start):
            return [[text_of(cell) for cell in row if cell.tag in ("td", "th")] for row in table.iter("tr")]
    raise AssertionError(f"no table captioned {caption_start!r}")


def html_errors(data: bytes) -> list[Any]:
    """The parse errors an HTML5 parser finds (none for a well-formed document)."""
    parser = html5lib.HTMLParser()
    parser.parse(data)
    return list(parser.errors)


def is_number(text: str) -> bool:
    """True when a CSV cell holds a number (which is written as it is, never as text)."""
    try:
        float(text)
    except ValueError:
        return False
    return True
