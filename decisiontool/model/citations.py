"""Sources as citations: the one formatter that reports, the CLI and the app use.

A source is a plain string (a citation written out, or a URL) or a `StructuredSource` table.
`cite` turns either into a `Citation`: the text a reader sees and the link, if any, so each
output format only decides how to draw a link (HTML anchor, Markdown link, XLSX hyperlink,
terminal link).

Pure: no I/O; must not import numpy, rich or textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from decisiontool.model.files import URL_PATTERN, StructuredSource

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Citation:
    """A source as shown: `text` to print and `url` to link it to (None when there is none)."""

    text: str
    url: str | None = None
    date: str | None = None
    """The source's ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), None when not known."""
    source: str | StructuredSource | None = None
    """The source as the model writes it."""

    def to_json(self) -> str | dict[str, str]:
        """The source as written: a plain string, or the table's keys that are set."""
        if isinstance(self.source, StructuredSource):
            return source_json(self.source)
        return self.source if self.source is not None else self.text

    def line(self) -> str:
        """One line of plain text: the citation, then the URL unless the text is the URL."""
        if self.url is None or self.url == self.text:
            return self.text
        return f"{self.text} <{self.url}>"


def is_url(text: str) -> bool:
    """True for a plain http(s) URL (such a plain-string source is drawn as a link)."""
    return URL_PATTERN.fullmatch(text) is not None


def human_date(iso: str) -> str:
    """`2017-09-05` -> `5 September 2017`; `2017-09` -> `September 2017`; `2017` -> `2017`."""
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


def citation_text(source: StructuredSource) -> str:
    """`Publisher, Title, 5 September 2017` (the date left out when unknown)."""
    text = f"{source.publisher}, {source.title}"
    if source.date:
        text += f", {human_date(source.date)}"
    return text


def cite(source: str | StructuredSource) -> Citation:
    """The citation of one source. A plain string is shown as written; a URL string is its own link."""
    if isinstance(source, str):
        return Citation(source, source if is_url(source) else None, None, source)
    return Citation(citation_text(source), source.url, source.date, source)


def source_json(source: str | StructuredSource) -> str | dict[str, str]:
    """A source for a JSON document: the string, or the table without its unset keys."""
    if isinstance(source, str):
        return source
    return {key: value for key, value in source.model_dump().items() if value is not None}


def cite_all(
    sources: list[str | StructuredSource] | tuple[str | StructuredSource, ...],
) -> tuple[Citation, ...]:
    """`cite` over a list of sources, in order."""
    return tuple(cite(source) for source in sources)
