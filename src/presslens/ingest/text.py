"""Plain-text articles: find the title, headings, lists and paragraphs in lines of text.

The rules, in order, for each non-blank line:

* a line starting with ``-``, ``*``, ``•``, ``–`` or a number (``1.``, ``2)``, ``(3)``)
  followed by a space is a **list item**; consecutive items form one list;
* a **heading** is a short line (at most :data:`MAX_HEADING_WORDS` words) that starts
  with a capital letter, digit or quote and does not end with sentence punctuation
  (``. ! ? : ; ,`` or an ellipsis); it starts a new section;
* the first line is the **title** when it looks like a heading and more text follows;
* everything else is a **paragraph**.

One line is one paragraph, unless the file is hard-wrapped (most lines long and ending
mid-sentence, like e-mail or wire copy): then a paragraph runs to the next blank line.

Text copied from web pages carries picture furniture, which is left out of the outline
(it stays in the canonical text but yields no sentences): a line that is only a media
label (``Photo``, ``Image``, ``Video``), a credit line (``Credit Ashraf Shazly/AFP``,
``Image copyright Reuters``), the caption between such a label and its credit, and a
caption ending in a photo credit in brackets (``... (Thomas Coex/AFP/Getty Images)``).
A video running time glued to the end of a sentence (``...in Ukraine.1:13 "There``,
where a player sat in the page) is left out too, and the paragraph is split there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.ingest.outline import Element
from presslens.ingest.segment import inline_enumeration, split_sentences

MAX_HEADING_WORDS = 20
MAX_HEADING_CHARS = 160

_BULLET_RE = re.compile(r"^[ \t]*(?:([-*•–▪●◦])|(\(?\d{1,3}[.)]|\(?[a-z][)]))[ \t]+(?=\S)")
_TERMINAL_END_RE = re.compile(r"[.!?:;,…][\"'”’»)\]]*$")
_LINE_RE = re.compile(r"[^\n]+")
_MEDIA_LABEL_RE = re.compile(r"^(?:Photo|Photos|Image|Images|Video|Graphic|Audio|Watch|Listen)$")
_CREDIT_RE = re.compile(r"^(?:Credits?|Photo credit|Image credit|Image copyright|Image caption|Photograph:)\b")
_PHOTO_CREDIT_TAIL_RE = re.compile(
    r"\((?:AP Photo|[^()]*/[^()]*(?:Getty Images|AFP|AP|Reuters|EPA|Bloomberg|Photo|Images|Pool))[^()]*\)$"
)
_VIDEO_TIME_RE = re.compile(r"(?<=[.!?\"”’])\d{1,2}:\d{2}(?=\s)")
#: Credit lines are short; a long line that starts with "Credit" is prose.
MAX_CREDIT_WORDS = 20


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def is_heading_like(line: str) -> bool:
    """Whether a line reads like a heading or headline rather than prose.

    Args:
        line: One line of text, without its newline.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS or _BULLET_RE.match(line):
        return False
    words = stripped.split()
    if len(words) > MAX_HEADING_WORDS or _TERMINAL_END_RE.search(stripped):
        return False
    first = stripped.lstrip("\"'“‘«(")
    if not (bool(first) and (first[0].isupper() or first[0].isdigit()) and any(c.isalpha() for c in stripped)):
        return False
    # a line that holds a sentence end inside it ("Copyright 2014 Example Ltd. All rights reserved")
    # is prose, whatever its length; abbreviations ("U.S. President ...") end nothing
    return "." not in stripped[:-1] or len(list(split_sentences(stripped))) == 1


def _is_credit(line: str) -> bool:
    stripped = line.strip()
    return bool(_CREDIT_RE.match(stripped)) and len(stripped.split()) <= MAX_CREDIT_WORDS


def _picture_furniture(lines: list[_Line]) -> set[int]:
    """Indexes of media labels, credit lines and captions (see the module docstring)."""
    non_blank = [i for i, ln in enumerate(lines) if not ln.blank]
    skipped: set[int] = set()
    for position, index in enumerate(non_blank):
        stripped = lines[index].text.strip()
        if _MEDIA_LABEL_RE.match(stripped) or _is_credit(stripped) or _PHOTO_CREDIT_TAIL_RE.search(stripped):
            skipped.add(index)
            continue
        previous = non_blank[position - 1] if position else None
        following = non_blank[position + 1] if position + 1 < len(non_blank) else None
        if (
            previous is not None
            and following is not None
            and _MEDIA_LABEL_RE.match(lines[previous].text.strip())
            and _is_credit(lines[following].text)
        ):
            skipped.add(index)  # the caption between "Photo" and "Credit ..."
    return skipped


def _split_at_video_times(text: str, elements: list[Element]) -> list[Element]:
    result: list[Element] = []
    for element in elements:
        if element.kind != "paragraph":
            result.append(element)
            continue
        start = element.start
        for match in _VIDEO_TIME_RE.finditer(text, element.start, element.end):
            result.append(Element("paragraph", start, match.start()))
            start = match.end()
            while start < element.end and text[start].isspace():
                start += 1
        if start < element.end:
            result.append(Element("paragraph", start, element.end))
    return result


def _addressed(previous: str, line: str) -> bool:
    """A line in capitals after a line ending in a colon ("Señores:" / "EMBAJADA DE ...") starts anew.

    Hard-wrapped prose never puts a whole line in capitals after a colon; a salutation, a label
    or an address block does, and pySBD's Spanish list expects the two lines apart.
    """
    letters = [c for c in line if c.isalpha()]
    return previous.rstrip().endswith(":") and len(letters) >= 2 and not any(c.islower() for c in letters)


def _is_question_headline(line: str) -> bool:
    """A headline may ask or exclaim: "Where do U.S.-Israeli relations go after Netanyahu's victory?"."""
    stripped = line.strip()
    return stripped[-1:] in ("?", "!") and is_heading_like(stripped.rstrip("?!"))


def _is_numbered_heading(lines: list[_Line], index: int, furniture: set[int]) -> bool:
    """A numbered line standing alone between paragraphs, reading like a heading ("2. Never urged ...").

    A real list has neighbouring items; a lone "3. Not some irregular channel" between
    prose paragraphs numbers the article's sections.
    """
    text = lines[index].text
    marker = _BULLET_RE.match(text)
    if marker is None or not is_heading_like(text[marker.end() :]):
        return False
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(lines) and (lines[i].blank or i in furniture):
            i += step
        if 0 <= i < len(lines) and _BULLET_RE.match(lines[i].text):
            return False
    return any(not ln.blank for ln in lines[index + 1 :])  # a heading has text after it


def _lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.split("\n"):
        lines.append(_Line(position, position + len(raw), raw))
        position += len(raw) + 1
    return lines


def _is_hard_wrapped(lines: list[_Line]) -> bool:
    prose = [ln for ln in lines if not ln.blank and not _BULLET_RE.match(ln.text)]
    if len(prose) < 6:
        return False
    longest = max(len(ln.text.rstrip()) for ln in prose)
    if longest > 110:
        return False
    wrapped = sum(1 for ln in prose if len(ln.text.strip()) > 40 and not _TERMINAL_END_RE.search(ln.text.strip()))
    return wrapped / len(prose) >= 0.4


def _trimmed(line: _Line, skip: int = 0) -> tuple[int, int]:
    start = line.start + skip
    end = line.end
    while start < end and line.text[start - line.start].isspace():
        start += 1
    while end > start and line.text[end - 1 - line.start].isspace():
        end -= 1
    return start, end


def outline_plain_text(text: str, *, first_line_title: bool = True) -> list[Element]:
    """Outline a plain-text article (see the module docstring for the rules).

    Args:
        text: The canonical text (UTF-8 decoded, ``\\n`` line endings).
        first_line_title: Whether a headline-like first line is taken as the title.

    Returns:
        The elements in text order.
    """
    lines = _lines(text)
    wrapped = _is_hard_wrapped(lines)
    elements: list[Element] = []
    list_id = 0
    in_list = False
    seen_content = False
    furniture = _picture_furniture(lines)
    non_blank = [ln for i, ln in enumerate(lines) if not ln.blank and i not in furniture]
    for index, line in enumerate(lines):
        if line.blank:
            if wrapped:
                in_list = False
            continue
        if index in furniture:
            in_list = False
            continue
        bullet = _BULLET_RE.match(line.text)
        if bullet and inline_enumeration(text, line.start + len(line.text) - len(line.text.lstrip()), line.start + len(line.text)):
            bullet = None  # "1. The first item 2. The second item" on one line: a paragraph that enumerates
        if bullet and bullet.group(2) and _is_numbered_heading(lines, index, furniture):
            start, end = _trimmed(line)
            elements.append(Element("heading", start, end))
            in_list = False
            continue
        if bullet:
            if not in_list:
                list_id += 1
                in_list = True
            start, end = _trimmed(line, bullet.end())
            elements.append(Element("item", start, end, ordered=bullet.group(2) is not None, list_id=list_id))
            seen_content = True
            continue
        previous = elements[-1] if elements else None
        previous_line = lines[index - 1] if index else None
        continues = (
            wrapped
            and previous is not None
            and previous.kind in ("paragraph", "item")
            and previous_line is not None
            and not previous_line.blank
            and not _addressed(previous_line.text, line.text)
        )
        if continues:
            # a hard-wrapped paragraph or list item goes on until a blank line
            start, end = _trimmed(line)
            elements[-1] = Element(previous.kind, previous.start, end, previous.ordered, previous.list_id)
            continue
        in_list = False
        start, end = _trimmed(line)
        has_more = line is not non_blank[-1]
        next_line = lines[index + 1] if index + 1 < len(lines) else None
        # in hard-wrapped text a heading stands alone; a short first line of a paragraph is not one
        alone = not wrapped or next_line is None or next_line.blank
        first_line = not seen_content and first_line_title and not elements
        if is_heading_like(line.text) and has_more and alone:
            elements.append(Element("title" if first_line else "heading", start, end))
            continue
        if first_line and has_more and alone and _is_question_headline(line.text):
            elements.append(Element("title", start, end))
            continue
        elements.append(Element("paragraph", start, end))
        seen_content = True
    return _split_at_video_times(text, elements)
