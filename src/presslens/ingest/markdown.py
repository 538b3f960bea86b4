"""Markdown articles: front matter for metadata, ``#`` headings, lists and paragraphs.

A YAML front matter block (between ``---`` lines at the very top) gives the metadata:
``title``, ``outlet``, ``published`` (or ``date``), ``url``, ``authors`` (or ``author``,
a name or a list) and ``language``; other keys are ignored. The body is read block by
block: ATX (``## Heading``) and setext (underlined) headings, ``-``/``*``/``+`` and
numbered list items (nested items are flattened into their list), block quotes (read as
paragraphs) and paragraphs, whose lines are joined with spaces. Fenced code, horizontal
rules, HTML comments and link reference definitions are left out. Inline markup is
stripped in the canonical text: ``**bold**`` and ``_italic_`` keep their words,
``[text](url)`` keeps its text, images disappear. A level-1 heading at the top is the
article's title.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

import yaml

from presslens.errors import PresslensError
from presslens.ingest.outline import Element, MetadataFields, OutlineBuilder

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_ITEM_RE = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_RULE_RE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_QUOTE_RE = re.compile(r"^ {0,3}>[ \t]?")
_LINK_DEFINITION_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)

_INLINE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"(`+)(.+?)\1"), r"\2"),  # code spans
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
]
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")
#: Escaped ASCII characters wait in this private-use block while markup is stripped.
_ESCAPED_BASE = 0xE000
_SPACE_RE = re.compile(r"[ \t]+")


def strip_inline_markup(text: str) -> str:
    """Remove Markdown inline markup, keeping the words a reader sees.

    Args:
        text: One block of Markdown (a paragraph, heading or list item).

    Returns:
        Plain text with entities decoded and runs of spaces collapsed.
    """
    # escaped characters are set aside first, so that "\\*" never opens emphasis
    text = _ESCAPE_RE.sub(lambda m: chr(_ESCAPED_BASE + ord(m.group(1))), text)
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    text = re.sub(f"[{chr(_ESCAPED_BASE)}-{chr(_ESCAPED_BASE + 127)}]", lambda m: chr(ord(m.group(0)) - _ESCAPED_BASE), text)
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()


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
    builder = OutlineBuilder()
    if meta.title:
        first_heading = next((ln for ln in lines if ln.strip()), "")
        atx = _ATX_RE.match(first_heading)
        if not (atx and len(atx.group(1)) == 1 and strip_inline_markup(atx.group(2) or "") == meta.title):
            builder.add("title", meta.title)
    paragraph: list[str] = []
    item: list[str] | None = None
    item_ordered = False
    in_list = False

    def flush() -> None:
        nonlocal paragraph, item
        if paragraph:
            builder.add("paragraph", strip_inline_markup(" ".join(paragraph)))
            paragraph = []
        if item is not None:
            builder.add_item(strip_inline_markup(" ".join(item)), ordered=item_ordered)
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
            content = strip_inline_markup(atx.group(2) or "")
            top_title = len(atx.group(1)) == 1 and not builder.elements
            builder.add("title" if top_title else "heading", content)
            continue
        setext = _SETEXT_RE.match(line)
        if setext and paragraph and item is None:
            content = strip_inline_markup(" ".join(paragraph))
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
