"""From an outline of a canonical text to a validated :class:`~presslens.model.Article`.

Every input format (plain text, Markdown, HTML, JSON) first produces the article's
canonical text and an outline of it: a list of :class:`Element` spans marked as title,
heading, paragraph or list item. This module turns that outline into sections, blocks
and sentences in one place, so all formats share the sentence splitter, the list
lead-in and label rules, the ids and the metadata rules.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from presslens.errors import PresslensError
from presslens.ingest.dateline import find_dateline
from presslens.ingest.language import article_language
from presslens.model import Article, Block, ListItem, Metadata, Section, Sentence, article_from_dict, content_id
from presslens.ingest.segment import split_sentences

ElementKind = Literal["title", "heading", "paragraph", "item"]

#: A list item's label is the text before its first colon when that text is short
#: (at most this many words) and does not itself end a sentence.
MAX_LABEL_WORDS = 8

#: A dateline is looked for at the start of this many of the body's first paragraphs.
DATELINE_PARAGRAPHS = 2

_LABEL_RE = re.compile(r"^([^:.!?]{1,80}?):\s+\S")


@dataclass(frozen=True)
class Element:
    """One structural span of the canonical text.

    Attributes:
        kind: ``title``, ``heading``, ``paragraph`` or ``item`` (a list item).
        start: Offset of the first character (after any list marker).
        end: Offset just past the last character.
        ordered: For items, whether the list is numbered.
        list_id: For items, consecutive items with the same id form one list.
    """

    kind: ElementKind
    start: int
    end: int
    ordered: bool = False
    list_id: int = 0


@dataclass
class MetadataFields:
    """Metadata collected by a format reader and the command line, before validation."""

    title: str | None = None
    outlet: str | None = None
    published: str | date | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    dateline: str | None = None
    agency: str | None = None
    source_path: str | None = None
    source_sha256: str | None = None
    source_format: str = "text"
    slug: str | None = None
    id: str | None = None
    title_source: str | None = None

    def override(self, **options: Any) -> MetadataFields:
        """Return a copy where every option that is not None replaces the field."""
        values = dict(self.__dict__)
        for key, value in options.items():
            if value is not None:
                values[key] = value
                if key == "title":
                    values["title_source"] = "option"
        return MetadataFields(**values)

    def fill(self, *, source: str, **values: Any) -> MetadataFields:
        """Return a copy where each given value fills a field the file left empty.

        Args:
            source: Where the values come from (``manifest`` or ``file_name``); a title taken
                from them records it in ``title_source``, and is used only when the text has
                no headline of its own (see :func:`build_article`).
            **values: Field values; None and empty ones are skipped.
        """
        current = dict(self.__dict__)
        for key, value in values.items():
            if value is None or value == "" or value == [] or current.get(key) not in (None, "", []):
                continue
            current[key] = value
            if key == "title":
                current["title_source"] = source
        return MetadataFields(**current)


def shift_elements(elements: list[Element], offset: int) -> list[Element]:
    """Move an outline of a passage to where the passage sits in a longer text.

    Args:
        elements: Elements with offsets into the passage.
        offset: Where the passage starts in the longer text.
    """
    return [Element(e.kind, e.start + offset, e.end + offset, e.ordered, e.list_id) for e in elements]


class OutlineBuilder:
    """Assemble a canonical text block by block while recording its outline.

    Readers of structured formats (HTML, Markdown, JSON records) know their blocks and
    write them here. Blocks are separated by a blank line and the items of one list by a
    newline; an item is written after a marker (``- `` or ``1. ``) that stays outside its
    span, so the canonical text reads, and re-parses, like a plain-text article.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._list_number = 0
        self._items_in_list = 0
        self.elements: list[Element] = []

    @property
    def text(self) -> str:
        """The canonical text written so far."""
        return "".join(self._parts)

    def _write(self, separator: str, marker: str, content: str) -> tuple[int, int]:
        if self._parts:
            self._parts.append(separator)
            self._length += len(separator)
        self._parts.append(marker + content)
        start = self._length + len(marker)
        self._length += len(marker) + len(content)
        return start, self._length

    def add(self, kind: ElementKind, content: str) -> None:
        """Append a title, heading or paragraph; blank content is ignored.

        Args:
            kind: ``title``, ``heading`` or ``paragraph``.
            content: The block's text, already free of markup; it is stripped here.
        """
        content = content.strip()
        if not content:
            return
        start, end = self._write("\n\n", "", content)
        self.elements.append(Element(kind, start, end))

    def start_list(self) -> None:
        """Make the next item open a new list, even right after another list."""
        self._list_number += 1
        self._items_in_list = 0

    def add_item(self, content: str, *, ordered: bool = False) -> None:
        """Append a list item to the current list (see :meth:`start_list`).

        Args:
            content: The item's text, already free of markup; it is stripped here.
            ordered: Whether the list is numbered.
        """
        content = content.strip()
        if not content:
            return
        previous = self.elements[-1] if self.elements else None
        same_list = previous is not None and previous.kind == "item" and previous.list_id == self._list_number
        if not same_list:
            self._items_in_list = 0
        self._items_in_list += 1
        marker = f"{self._items_in_list}. " if ordered else "- "
        start, end = self._write("\n" if same_list else "\n\n", marker, content)
        self.elements.append(Element("item", start, end, ordered=ordered, list_id=self._list_number))


def slugify(text: str, *, max_length: int = 80) -> str:
    """Make a safe file-name slug: lowercase ASCII letters, digits and single hyphens.

    The result never contains a path separator or ``..``, so it cannot escape the
    output folder, and is never empty (``article`` is used when nothing is left).
    """
    ascii_text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "article"


def humanise_file_name(path: str | Path) -> str:
    """Turn ``zelensky-trump-nato-summit.txt`` into ``Zelensky trump nato summit``."""
    name = Path(path).name.split(".")[0]
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else "Untitled article"


def _label(text: str, start: int, end: int) -> tuple[str, int, int] | None:
    match = _LABEL_RE.match(text[start:end])
    if not match:
        return None
    label = match.group(1).strip()
    if not label or len(label.split()) > MAX_LABEL_WORDS:
        return None
    label_start = start + text[start:end].index(label)
    return label, label_start, label_start + len(label)


#: Invisible formatting characters that split words without showing: soft hyphen, zero-width
#: space, word joiner and a byte-order mark inside the text. "Netan\u00adyahu" must still
#: be "Netanyahu" to the matchers, so they are dropped from the canonical text.
INVISIBLE_CHARACTERS = "\u00ad\u200b\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{INVISIBLE_CHARACTERS}]")


def drop_invisible(text: str, elements: list[Element]) -> tuple[str, list[Element]]:
    """Remove :data:`INVISIBLE_CHARACTERS` from the text and move the outline's offsets to match.

    Args:
        text: The text as the format reader made it.
        elements: Its outline.

    Returns:
        The text without those characters and the outline with offsets into it.
    """
    removed = [m.start() for m in _INVISIBLE_RE.finditer(text)]
    if not removed:
        return text, elements

    def shift(offset: int) -> int:
        return offset - bisect.bisect_left(removed, offset)

    moved = [Element(e.kind, shift(e.start), shift(e.end), e.ordered, e.list_id) for e in elements]
    return _INVISIBLE_RE.sub("", text), [e for e in moved if e.start < e.end]


def with_title(text: str, elements: list[Element], title: str) -> tuple[str, list[Element]]:
    """The text and outline with ``title`` as the title sentence, replacing the one found.

    A title given on the command line (``--title``) is the article's headline: it opens the
    text as its title sentence, so the measures that weigh the title (topic emphasis, the
    headline gap) read it. The line the input itself opened with, when it was taken for a
    headline, goes; the body is unchanged, after a blank line.
    """
    body = [e for e in elements if e.kind != "title"]
    cut = body[0].start if body else len(text)
    head = f"{title}\n\n"
    return head + text[cut:], [Element("title", 0, len(title)), *shift_elements(body, len(head) - cut)]


def build_article(text: str, elements: list[Element], meta: MetadataFields) -> Article:
    """Build and validate an article from its canonical text and outline.

    Invisible formatting characters are dropped first (:func:`drop_invisible`).

    Args:
        text: The canonical text; all offsets point into it.
        elements: The outline, in text order.
        meta: Metadata collected so far; title, id and slug are completed here.

    Returns:
        The validated article.

    Raises:
        PresslensError: If the outline holds no body text, naming the source.
    """
    source = meta.source_path or "<input>"
    text, elements = drop_invisible(text, elements)
    if meta.title_source in FALLBACK_TITLE_SOURCES and has_headline(text, elements):
        meta = MetadataFields(**{**meta.__dict__, "title": None, "title_source": None})  # the text's own headline wins
    if meta.title_source in ("option", "manifest") and meta.title and meta.title.strip():
        text, elements = with_title(text, elements, " ".join(meta.title.split()))
    if not any(e.kind in ("paragraph", "item") for e in elements):
        raise PresslensError(source, "no article text found (only a title or headings)")
    language = article_language(meta.language, text)

    sentences: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    title_sentence: str | None = None

    def add_sentence(kind: str, start: int, end: int, section: int | None, block: int | None) -> str:
        sid = f"s{len(sentences) + 1}"
        sentences.append({"id": sid, "kind": kind, "section": section, "block": block, "start": start, "end": end})
        return sid

    def current_section() -> dict[str, Any]:
        if not sections:
            sections.append({"heading": None, "blocks": []})
        return sections[-1]

    previous_list: tuple[int, int] | None = None  # (section index, list_id) of the open list
    for element in elements:
        if element.kind == "title":
            if title_sentence is not None or sentences:
                raise PresslensError(source, "the title must come first and only once")
            title_sentence = add_sentence("title", element.start, element.end, None, None)
            continue
        if element.kind == "heading":
            sections.append({"heading": None, "blocks": []})
            sections[-1]["heading"] = add_sentence("heading", element.start, element.end, len(sections) - 1, None)
            previous_list = None
            continue
        section = current_section()
        k = len(sections) - 1
        if element.kind == "paragraph":
            block_index = len(section["blocks"])
            ids = [add_sentence("sentence", a, b, k, block_index) for a, b in split_sentences(text, element.start, element.end, language=language)]
            section["blocks"].append({"kind": "paragraph", "sentences": ids})
            previous_list = None
            continue
        # a list item: open a new list unless it continues the previous one
        if previous_list != (k, element.list_id):
            lead_in = None
            if section["blocks"] and section["blocks"][-1]["kind"] == "paragraph":
                last = sentences[int(section["blocks"][-1]["sentences"][-1][1:]) - 1]
                if text[last["start"] : last["end"]].endswith(":"):
                    lead_in = last["id"]
            section["blocks"].append({"kind": "list", "items": [], "ordered": element.ordered, "lead_in": lead_in})
            previous_list = (k, element.list_id)
        block_index = len(section["blocks"]) - 1
        ids = [add_sentence("list_item", a, b, k, block_index) for a, b in split_sentences(text, element.start, element.end, language=language)]
        item: dict[str, Any] = {"sentences": ids}
        label = _label(text, element.start, element.end)
        if label:
            item["label"], item["label_start"], item["label_end"] = label
        section["blocks"][-1]["items"].append(item)

    title, title_source = _choose_title(text, sentences, title_sentence, headline_heading(text, elements), meta)
    dateline, agency = meta.dateline, meta.agency
    if dateline is None and agency is None:
        # the body's first paragraph, or the second after a wire slug line or kicker
        for paragraph in [e for e in elements if e.kind == "paragraph"][:DATELINE_PARAGRAPHS]:
            found = find_dateline(text, paragraph.start)
            if found is not None:
                dateline, agency = found.place, found.agency
                break
    source_for_slug = meta.slug or (Path(meta.source_path).name.split(".")[0] if meta.source_path else title)
    metadata = {
        "id": meta.id or content_id(text),
        "slug": slugify(source_for_slug),
        "title": title,
        "outlet": meta.outlet,
        "published": meta.published,
        "url": meta.url,
        "authors": meta.authors,
        "language": language,
        "dateline": dateline,
        "agency": agency,
        "source_path": meta.source_path,
        "source_sha256": meta.source_sha256,
        "source_format": meta.source_format,
        "title_source": title_source,
    }
    data = {
        "metadata": metadata,
        "text": text,
        "title_sentence": title_sentence,
        "sentences": sentences,
        "sections": sections,
    }
    return article_from_dict(data, source)


#: Title sources that stand in for a headline the text lacks: a manifest row's title, and
#: the title words of a file name read with ``--filename-pattern``.
FALLBACK_TITLE_SOURCES = ("manifest", "file_name")

#: A heading after body text is a headline only after at most this many paragraphs (a
#: standfirst above the headline); later headings are subheads.
MAX_PARAGRAPHS_BEFORE_HEADLINE = 1

#: Words of at least this many letters show a heading's capitalisation style.
_STYLE_WORD_LETTERS = 4


def is_title_case(line: str) -> bool:
    """Whether a line is capitalised like a headline ("Zelensky and Trump to Discuss Strategic
    Cooperation"), not like a sentence ("The al-Tanf base", "My fears have been realized").

    Every word of four or more letters after the first starts with a capital, and there are
    at least two such words.
    """
    words = [w.strip("\"'“”‘’«»()[]") for w in line.split()[1:]]
    long = [w for w in words if sum(c.isalpha() for c in w) >= _STYLE_WORD_LETTERS and w[:1].isalpha()]
    return len(long) >= 2 and all(w[0].isupper() for w in long)


def headline_heading(text: str, elements: list[Element]) -> Element | None:
    """The first heading when it is the article's headline rather than a subhead.

    A text without a headline line may still carry its headline as its first heading, after
    a standfirst paragraph at most (the seed article does). Only a heading that comes before
    the body's second paragraph and is capitalised like a headline (:func:`is_title_case`)
    counts; a sentence-case heading further down ("The al-Tanf base") divides the body.
    """
    paragraphs = 0
    for element in elements:
        if element.kind == "heading":
            within = paragraphs <= MAX_PARAGRAPHS_BEFORE_HEADLINE
            return element if within and is_title_case(text[element.start : element.end]) else None
        if element.kind == "item":
            return None
        if element.kind == "paragraph":
            paragraphs += 1
    return None


def has_headline(text: str, elements: list[Element]) -> bool:
    """Whether the text carries its own headline: a title line or a headline heading."""
    return any(e.kind == "title" for e in elements) or headline_heading(text, elements) is not None


def _choose_title(
    text: str, sentences: list[dict[str, Any]], title_sentence: str | None, heading: Element | None, meta: MetadataFields
) -> tuple[str, str]:
    if meta.title and meta.title.strip():
        return " ".join(meta.title.split()), meta.title_source or "option"
    if title_sentence is not None:
        first = sentences[0]
        return " ".join(text[first["start"] : first["end"]].split()), "first_line"
    if heading is not None:
        return " ".join(text[heading.start : heading.end].split()), "first_heading"
    return humanise_file_name(meta.source_path or "untitled"), "file_name"
