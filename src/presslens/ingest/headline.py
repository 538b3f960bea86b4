"""How an article's title is chosen: a title given, the text's own headline, or a fallback.

The order is the README's "How the title is chosen": ``--title`` (or a manifest's title
when the text has no headline), the text's first line when it reads as a headline, its
first heading when that is the headline rather than a subhead, then the file name.
"""

from __future__ import annotations

from typing import Any

from presslens.ingest.metadata import MetadataFields, humanise_file_name
from presslens.ingest.outline import Element, shift_elements

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


def choose_title(
    text: str, sentences: list[dict[str, Any]], title_sentence: str | None, heading: Element | None, meta: MetadataFields
) -> tuple[str, str]:
    """The article's title and where it came from (``metadata.title_source``), in the order above.

    Returns:
        ``(title, source)``: source is ``option`` or ``manifest`` (or another given source),
        ``first_line``, ``first_heading`` or ``file_name``.
    """
    if meta.title and meta.title.strip():
        return " ".join(meta.title.split()), meta.title_source or "option"
    if title_sentence is not None:
        first = sentences[0]
        return " ".join(text[first["start"] : first["end"]].split()), "first_line"
    if heading is not None:
        return " ".join(text[heading.start : heading.end].split()), "first_heading"
    return humanise_file_name(meta.source_path or "untitled"), "file_name"
