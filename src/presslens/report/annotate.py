"""The annotated article: the full text with its structure, highlights and per-sentence marks.

Highlights are character spans (topic terms, stakeholder mentions) that may overlap; each
sentence is cut at every highlight boundary and each piece carries all the highlights
covering it, so nothing is lost when a topic term and a mention share words. Marks are
per-sentence badges (claim types, repetition). The layout is built as data first
(:class:`ArticleLayout`: sections, blocks, sentences, pieces) and rendered by the template
``templates/html/article.html.j2`` with autoescape, so every piece of article text and every
tooltip is escaped and no HTML is ever edited after it is made.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from markupsafe import Markup

from presslens.analysis.structure import LEAD_LABEL, section_label
from presslens.model import Article
from presslens.report.html import render_html


@dataclass(frozen=True)
class Highlight:
    """A span of the text to highlight.

    Attributes:
        start: Offset of the first character in ``Article.text``.
        end: Offset just past the last character.
        kind: ``topic`` (shown as a background colour), ``mention`` (an underline) or
            ``label`` (a list item's label, in bold).
        key: The topic or stakeholder id.
        note: The tooltip text, e.g. "Topic: Diplomacy (term: summit)".
        colour: A CSS colour.
    """

    start: int
    end: int
    kind: Literal["topic", "mention", "label"]
    key: str
    note: str
    colour: str


@dataclass(frozen=True)
class SentenceMark:
    """A badge shown after a sentence, e.g. ``("S", "speculative", "#E69F00")``."""

    code: str
    label: str
    colour: str


@dataclass(frozen=True)
class Piece:
    """A stretch of a sentence with the same highlights: its text and how it is styled."""

    text: str
    label: bool = False
    classes: str = ""
    keys: str = ""
    note: str = ""
    style: str = ""


@dataclass(frozen=True)
class SentenceView:
    """One sentence as shown: id, pieces, badges."""

    id: str
    pieces: tuple[Piece, ...]
    marks: tuple[SentenceMark, ...] = ()


@dataclass
class BlockView:
    """A paragraph (``sentences``) or a list (``items``, each a list of sentences)."""

    kind: str
    sentences: list[SentenceView] = field(default_factory=list)
    items: list[list[SentenceView]] = field(default_factory=list)
    ordered: bool = False


@dataclass
class SectionView:
    """A section: its heading (or the lead marker) and blocks."""

    index: int
    heading: SentenceView | None
    lead: bool
    blocks: list[BlockView]


@dataclass
class ArticleLayout:
    """The whole article as data, ready for ``article.html.j2``."""

    title: SentenceView | None
    sections: list[SectionView]


def article_layout(article: Article, highlights: Mapping[str, list[Highlight]] | None = None,
                   marks: Mapping[str, list[SentenceMark]] | None = None) -> ArticleLayout:
    """The article's structure with each sentence cut into styled pieces.

    Args:
        article: The article.
        highlights: Highlights per sentence id (list-item labels are added here).
        marks: Badges per sentence id.
    """
    by_sentence = {sid: list(hs) for sid, hs in (highlights or {}).items()}
    for sid, labels in label_highlights(article).items():
        by_sentence.setdefault(sid, []).extend(labels)
    marks = marks or {}

    def view(sid: str) -> SentenceView:
        s = article.by_id[sid]
        pieces = highlighted_pieces(article.sentence_text(s), s.start, by_sentence.get(sid, []))
        return SentenceView(sid, tuple(pieces), tuple(marks.get(sid, [])))

    sections = []
    for k, section in enumerate(article.sections):
        blocks = []
        for block in section.blocks:
            if block.kind == "paragraph":
                blocks.append(BlockView("paragraph", sentences=[view(s) for s in block.sentences]))
            else:
                blocks.append(BlockView("list", items=[[view(s) for s in item.sentences] for item in block.items],
                                        ordered=bool(block.ordered)))
        heading = view(section.heading) if section.heading else None
        sections.append(SectionView(k, heading, heading is None and section_label(article, k) == LEAD_LABEL, blocks))
    title = view(article.title_sentence) if article.title_sentence else None
    return ArticleLayout(title, sections)


def label_highlights(article: Article) -> dict[str, list[Highlight]]:
    """List-item labels ("Energy security coordination") as bold highlights, by sentence id."""
    labels: dict[str, list[Highlight]] = {}
    for section in article.sections:
        for block in section.blocks:
            for item in block.items:
                if item.label and item.label_start is not None and item.label_end is not None:
                    labels[item.sentences[0]] = [Highlight(item.label_start, item.label_end, "label", "label", "", "")]
    return labels


def highlighted_pieces(text: str, offset: int, highlights: list[Highlight]) -> list[Piece]:
    """Cut ``text`` (which starts at ``offset``) at every highlight boundary into styled pieces."""
    if not highlights:
        return [Piece(text)]
    end = offset + len(text)
    cuts = sorted({offset, end, *(max(offset, h.start) for h in highlights), *(min(end, h.end) for h in highlights)})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        chunk = text[a - offset : b - offset]
        covering = [h for h in highlights if h.start <= a and h.end >= b]
        label = any(h.kind == "label" for h in covering)
        covering = [h for h in covering if h.kind != "label"]
        if not covering:
            pieces.append(Piece(chunk, label=label))
            continue
        styles = []
        topic = next((h for h in covering if h.kind == "topic"), None)
        mention = next((h for h in covering if h.kind == "mention"), None)
        if topic:
            styles.append(f"background-color:{topic.colour}33;box-shadow:inset 0 -0.15em {topic.colour}")
        if mention:
            styles.append(f"border-bottom:2px solid {mention.colour};font-weight:600")
        pieces.append(Piece(
            chunk, label=label,
            classes=" ".join(sorted({f"pl-hl-{h.kind}" for h in covering})),
            keys=" ".join(sorted({h.key for h in covering})),
            note="; ".join(dict.fromkeys(h.note for h in covering)),
            style=";".join(styles),
        ))
    return pieces


def annotated_article_html(
    article: Article,
    highlights: Iterable[Highlight],
    marks: Mapping[str, list[SentenceMark]] | None = None,
) -> Markup:
    """The article with highlights and sentence badges, fully escaped.

    Args:
        article: The article.
        highlights: Spans to highlight (none for the plain layout); they may overlap or nest but
            must lie in the text. A span that runs past the end of its sentence is left out.
        marks: Badges per sentence id.

    Returns:
        An HTML fragment (``<article class="pl-article pl-annotated">``).
    """
    by_sentence: dict[str, list[Highlight]] = {}
    sentences = sorted(article.sentences, key=lambda s: s.start)
    starts = [s.start for s in sentences]
    for h in highlights:
        if not 0 <= h.start < h.end <= len(article.text):
            raise ValueError(f"highlight {h.key} {h.start}..{h.end} lies outside the text")
        index = bisect.bisect_right(starts, h.start) - 1
        if index >= 0 and h.end <= sentences[index].end:
            by_sentence.setdefault(sentences[index].id, []).append(h)
    return render_html("article.html.j2", layout=article_layout(article, by_sentence, marks))
