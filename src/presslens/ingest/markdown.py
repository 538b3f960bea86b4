"""Markdown articles: front matter for metadata, ``#`` headings, lists and paragraphs.

A YAML front matter block (between ``---`` lines at the very top) gives the metadata:
``title``, ``outlet``, ``published`` (or ``date``), ``url``, ``authors`` (or ``author``,
a name or a list) and ``language``; other keys are ignored. The body is read block by
block: ATX (``## Heading``) and setext (underlined) headings, ``-``/``*``/``+`` and
numbered list items (nested items are flattened into their list), block quotes (read as
paragraphs) and paragraphs, whose lines are joined with spaces. Fenced code, horizontal
rules, HTML comments and link reference definitions are left out. Inline markup is
parsed as CommonMark (markdown-it-py) and stripped in the canonical text: ``**bold**`` and
``_italic_`` keep their words, ``[text](url)`` keeps its text (also when the address
holds parentheses), images and inline HTML tags disappear. A level-1 heading at the top
is the article's title.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any

import yaml

from presslens.errors import PresslensError
from presslens.ingest.metadata import MetadataFields
from presslens.ingest.outline import Element, OutlineBuilder

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ITEM_RE = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_RULE_RE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE_RE = re.compile(r"^ {0,3}>[ \t]?")
_LINK_DEFINITION_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)

_SPACE_RE = re.compile(r"[ \t]+")
_DEFINITION_LABEL_RE = re.compile(r"^ {0,3}\[([^\]]+)\]:\s+(\S+)")
#: Inline tokens whose words a reader sees; everything else (images, inline HTML, the
#: opening and closing of links and emphasis) leaves no text.
_TEXT_TOKENS = {"text", "code_inline"}
_BREAK_TOKENS = {"softbreak", "hardbreak"}


@cache
def _inline_parser() -> Any:
    """A CommonMark parser (markdown-it-py) for inline markup, with strikethrough."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("strikethrough")
    # only a link's text is kept, never its address, so no address needs refusing: a
    # "javascript:" link would otherwise stay as literal "[text](javascript:...)"
    parser.validateLink = lambda url: True
    return parser


def link_references(lines: list[str]) -> dict[str, dict[str, str]]:
    """The link reference definitions (``[label]: url``) among ``lines``, for :func:`strip_inline_markup`."""
    from markdown_it.common.utils import normalizeReference

    found = {}
    for line in lines:
        match = _DEFINITION_LABEL_RE.match(line)
        if match:
            found.setdefault(normalizeReference(match.group(1)), {"href": match.group(2), "title": ""})
    return found


def strip_inline_markup(text: str, *, references: dict[str, dict[str, str]] | None = None) -> str:
    """Remove Markdown inline markup, keeping the words a reader sees.

    The text is parsed as CommonMark (markdown-it-py), so a link whose address holds
    parentheses (``[text](javascript:alert(1))``) keeps its text and nothing of the
    address; escapes and entities are decoded; images and inline HTML tags leave nothing.

    Args:
        text: One block of Markdown (a paragraph, heading or list item).
        references: The document's link reference definitions (see :func:`link_references`);
            ``[text][label]`` is a link only when its label is defined, as in CommonMark.

    Returns:
        Plain text with runs of spaces collapsed.
    """
    tokens = _inline_parser().parseInline(text, {"references": references or {}})
    words = []
    for token in (tokens[0].children if tokens else None) or []:
        if token.type in _TEXT_TOKENS:
            words.append(token.content)
        elif token.type in _BREAK_TOKENS:
            words.append(" ")
    return _SPACE_RE.sub(" ", "".join(words)).strip()


def _as_text(value: object, field: str, source: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    raise PresslensError(source, f"front matter field {field!r} must be text, not {type(value).__name__}")


def _as_date(value: object, source: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            pass
    raise PresslensError(source, f"front matter field 'published' must be a date YYYY-MM-DD, not {value!r}")


def _as_names(value: object, source: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [n.strip() for n in re.split(r"\s*(?:;|\band\b)\s*", value) if n.strip()]
    if isinstance(value, list) and all(isinstance(n, str) for n in value):
        return [n.strip() for n in value if n.strip()]
    raise PresslensError(source, "front matter field 'authors' must be a name or a list of names")


def read_front_matter(text: str, source: str) -> tuple[MetadataFields, int]:
    """Read the YAML front matter at the top of a Markdown text.

    Args:
        text: The whole Markdown text.
        source: The file, for error messages.

    Returns:
        The metadata found (``source_format`` is ``markdown``) and the offset where the body starts.

    Raises:
        PresslensError: If the front matter is not YAML, not a mapping, or has a field of the wrong type.
    """
    meta = MetadataFields(source_format="markdown")
    match = _FRONT_MATTER_RE.match(text)
    if match is None:
        return meta, 0
    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise PresslensError(source, f"front matter is not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise PresslensError(source, "front matter must be a YAML mapping (key: value lines)")
    meta.title = _as_text(data.get("title"), "title", source)
    meta.title_source = "metadata" if meta.title else None
    meta.outlet = _as_text(data.get("outlet"), "outlet", source)
    meta.published = _as_date(data.get("published", data.get("date")), source)
    meta.url = _as_text(data.get("url"), "url", source)
    meta.authors = _as_names(data.get("authors", data.get("author")), source)
    meta.language = _as_text(data.get("language", data.get("lang")), "language", source)
    return meta, match.end()


def outline_markdown(text: str, source: str) -> tuple[str, list[Element], MetadataFields]:
    """Parse a Markdown article into canonical text, outline and metadata.

    Args:
        text: The decoded Markdown file.
        source: The file, for error messages.

    Returns:
        The canonical text (inline markup stripped, blocks separated by blank lines),
        its outline and the front matter's metadata.

    Raises:
        PresslensError: If the front matter is invalid.
    """
    meta, body_start = read_front_matter(text, source)
    lines = _COMMENT_RE.sub("", text[body_start:]).split("\n")
    references = link_references(lines)

    def plain(markdown: str) -> str:
        return strip_inline_markup(markdown, references=references)

    builder = OutlineBuilder()
    if meta.title:
        first_heading = next((ln for ln in lines if ln.strip()), "")
        atx = _ATX_RE.match(first_heading)
        if not (atx and len(atx.group(1)) == 1 and plain(atx.group(2) or "") == meta.title):
            builder.add("title", meta.title)
    paragraph: list[str] = []
    item: list[str] | None = None
    item_ordered = False
    in_list = False

    def flush() -> None:
        nonlocal paragraph, item
        if paragraph:
            builder.add("paragraph", plain(" ".join(paragraph)))
            paragraph = []
        if item is not None:
            builder.add_item(plain(" ".join(item)), ordered=item_ordered)
            item = None

    def end_list() -> None:
        nonlocal in_list
        flush()
        in_list = False

    index = 0
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        index += 1
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        fence_match = _FENCE_RE.match(line)
        if fence_match:
            end_list()
            fence = fence_match.group(1)[0] * 3
            continue
        if not line.strip():
            flush()
            continue
        if _LINK_DEFINITION_RE.match(line) or (_RULE_RE.match(line) and not paragraph):
            end_list()
            continue
        atx = _ATX_RE.match(line)
        if atx:
            end_list()
            content = plain(atx.group(2) or "")
            top_title = len(atx.group(1)) == 1 and not builder.elements
            builder.add("title" if top_title else "heading", content)
            continue
        setext = _SETEXT_RE.match(line)
        if setext and paragraph and item is None:
            content = plain(" ".join(paragraph))
            paragraph = []
            end_list()
            builder.add("title" if setext.group(1)[0] == "=" and not builder.elements else "heading", content)
            continue
        bullet = _ITEM_RE.match(line)
        if bullet:
            flush()
            ordered = bullet.group(2)[0].isdigit()
            if in_list and ordered != item_ordered:
                end_list()  # a numbered list after a bulleted one (or the reverse) is a new list
            if not in_list:
                builder.start_list()
                in_list = True
                item_ordered = ordered
            item = [bullet.group(3)]
            continue
        quote = _QUOTE_RE.match(line)
        if quote:
            if item is not None or in_list:
                end_list()
            rest = line[quote.end() :]
            if rest.strip():
                paragraph.append(rest.strip())
            else:
                flush()
            continue
        if item is not None:
            item.append(line.strip())  # a continuation line of the item
            continue
        if in_list and line[:1] not in (" ", "\t"):
            end_list()
        paragraph.append(line.strip())
    flush()
    return builder.text, builder.elements, meta
