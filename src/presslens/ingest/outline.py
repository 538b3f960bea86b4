"""The outline of an article's canonical text: title, heading, paragraph and list-item spans.

Every input format (plain text, Markdown, HTML, JSON) first produces the article's
canonical text and an outline of it: a list of :class:`Element` spans marked as title,
heading, paragraph or list item. :class:`OutlineBuilder` writes a text and its outline
block by block; the functions here move an outline's offsets when the text changes.
:func:`presslens.ingest.build.build_article` turns text and outline into an article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

ElementKind = Literal["title", "heading", "paragraph", "item"]


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
