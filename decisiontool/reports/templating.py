"""The jinja2 environments of the report templates in `reports/templates/`, and their filters.

HTML templates are autoescaped. Markdown templates escape every string they print through
`finalize` (so a template cannot forget to): `markdown_escape` neutralises GitHub-flavoured
Markdown's syntax in text that comes from model files; filters that produce Markdown on
purpose (`num`, `pct`, `code`, `source`, ...) return `Markup`, which is printed as it is.

jinja2 is imported only inside the functions, so importing this module costs nothing.
Must not import rich, textual or xlsxwriter.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from decisiontool import sanitise
from decisiontool.bars import eighth_bar
from decisiontool.model.citations import is_url

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from decisiontool.model.citations import Citation

_CODE_SAFE = re.compile(r"[A-Za-z0-9_.:/ -]+")


def format_number(value: float | None, digits: int = 4) -> str:
    """A number with `digits` decimals; an em dash for None or NaN; never `-0.0000`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if round(value, digits) == 0:
        value = 0.0
    return f"{value:.{digits}f}"


def link_text(url: str) -> str:
    """A URL as shown in a report: without the scheme and `www.` (the link keeps them)."""
    return re.sub(r"^https?://(www\.)?", "", url)


def format_percent(value: float | None, digits: int = 1) -> str:
    """A share in [0, 1] as a percentage; an em dash for None."""
    if value is None:
        return "—"
    return f"{value * 100:.{digits}f}%"


def format_scale_value(value: float | None) -> str:
    """A score as written in the model (`3`, `2.5`); an em dash for None."""
    return "—" if value is None else f"{value:g}"


def markdown_escape(text: Any) -> Markup:
    """Text made inert in GitHub-flavoured Markdown: whitespace collapsed to single spaces
    (so it cannot end a table row), inline syntax backslash-escaped (`<` and `>` as entities),
    and a character that would start a heading, list or quote at the start of a line escaped."""
    from markupsafe import Markup

    if isinstance(text, Markup):
        return text
    return Markup(sanitise.markdown(text))


def markdown_paragraphs(text: str) -> Markup:
    """Several paragraphs (separated by blank lines), each escaped, joined by blank lines."""
    from markupsafe import Markup

    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Markup("\n\n".join(markdown_escape(p) for p in paragraphs))


def markdown_code(text: str) -> Markup:
    """An id as inline code, when it holds only characters that are safe there."""
    from markupsafe import Markup

    if _CODE_SAFE.fullmatch(text):
        return Markup(f"`{text}`")
    return markdown_escape(text)


def markdown_source(citation: Citation) -> Markup:
    """A source: an autolink for a bare URL, a `[citation](url)` link, or escaped text."""
    from markupsafe import Markup

    if citation.url is not None and citation.url == citation.text:
        return Markup(f"<{citation.url}>")
    if citation.url is not None:
        text = str(markdown_escape(citation.text)).replace("[", "\\[").replace("]", "\\]")
        return Markup(f"[{text}](<{citation.url}>)")
    return markdown_escape(citation.text)



def html_word_breaks(text: str) -> Markup:
    """Escaped text with a line-break opportunity after each `_` (long ids in narrow columns)."""
    from markupsafe import Markup, escape

    return Markup("_<wbr>").join(escape(part) for part in str(text).split("_"))


def css_string(text: Any) -> Markup:
    """Text for a double-quoted CSS string inside <style> (where HTML escaping does not apply)."""
    from markupsafe import Markup

    return Markup(sanitise.css_string(text))


def _common_filters() -> dict[str, Any]:
    return {
        "css_string": css_string,
        "num": format_number,
        "pct": format_percent,
        "scale_value": format_scale_value,
        "is_url": is_url,
        "link_text": link_text,
    }


def html_environment() -> Environment:
    """The autoescaping environment of the HTML templates."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    environment = Environment(
        loader=PackageLoader("decisiontool.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(_common_filters())
    environment.filters["wbr"] = html_word_breaks
    return environment


def markdown_environment() -> Environment:
    """The Markdown environment: every printed string is escaped unless it is `Markup`."""
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    def finalize(value: Any) -> Any:
        if isinstance(value, Markup | int | float):
            return value
        return markdown_escape(value)

    environment = Environment(
        loader=PackageLoader("decisiontool.reports", "templates"),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize,
    )
    environment.filters.update(_common_filters())

    def markup(function: Any) -> Any:
        return lambda *args, **kwargs: Markup(function(*args, **kwargs))

    environment.filters.update(
        {
            "num": markup(format_number),
            "pct": markup(format_percent),
            "scale_value": markup(format_scale_value),
            "bar": markup(eighth_bar),
            "md": markdown_escape,
            "paragraphs": markdown_paragraphs,
            "code": markdown_code,
            "source": markdown_source,
            "fenced": markdown_fenced,
        }
    )
    return environment


def markdown_fenced(text: str) -> Markup:
    """A fenced code block holding `text` verbatim (the fence longer than any backtick run in it)."""
    from markupsafe import Markup

    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}\n{text}\n{fence}")
