"""The annotated article: the full text with its structure, highlights and per-sentence marks.

Highlights are character spans (topic terms, stakeholder mentions) that may overlap; each
sentence is cut at every highlight boundary and each piece carries all the highlights
covering it, so nothing is lost when a topic term and a mention share words. Marks are
per-sentence badges (claim types, repetition). Every piece of article text is
HTML-escaped; tooltips (``title``) are escaped too.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from presslens.model import Article
from presslens.analysis.structure import LEAD_LABEL, section_label


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


SentenceRenderer = Callable[[str], str]


def article_layout_html(article: Article, render_sentence: SentenceRenderer | None = None) -> str:
    """The article with its structure: title, lead, headings, paragraphs, lists with labels.

    Args:
        article: The article.
        render_sentence: Turns a sentence id into HTML; by default the escaped text in a
            ``<span class="pl-s" id="...">``. It must escape article text itself.
    """

    labels = label_highlights(article)

    def plain(sid: str) -> str:
        s = article.by_id[sid]
        body = _highlighted_text(article.sentence_text(s), s.start, labels.get(sid, []))
        return f'<span class="pl-s" id="{sid}" title="{sid}">{body}</span>'

    sentence = render_sentence or plain
    parts = ['<article class="pl-article">']
    if article.title_sentence:
        parts.append(f'<h3 class="pl-title">{sentence(article.title_sentence)}</h3>')
    for k, section in enumerate(article.sections):
        parts.append(f'<section class="pl-section" data-section="{k}">')
        if section.heading:
            parts.append(f"<h4>{sentence(section.heading)}</h4>")
        elif section_label(article, k) == LEAD_LABEL:
            parts.append('<p class="pl-lead-label">Lead</p>')
        for block in section.blocks:
            if block.kind == "paragraph":
                parts.append("<p>" + " ".join(sentence(s) for s in block.sentences) + "</p>")
                continue
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{' '.join(sentence(s) for s in item.sentences)}</li>" for item in block.items)
            parts.append(f"<{tag}>{items}</{tag}>")
        parts.append("</section>")
    parts.append("</article>")
    return "".join(parts)


def label_highlights(article: Article) -> dict[str, list[Highlight]]:
    """List-item labels ("Energy security coordination") as bold highlights, by sentence id."""
    labels: dict[str, list[Highlight]] = {}
    for section in article.sections:
        for block in section.blocks:
            for item in block.items:
                if item.label and item.label_start is not None and item.label_end is not None:
                    labels[item.sentences[0]] = [Highlight(item.label_start, item.label_end, "label", "label", "", "")]
    return labels


def _highlighted_text(text: str, offset: int, highlights: list[Highlight]) -> str:
    """Escape ``text`` (which starts at ``offset``) with its highlights as nested styling."""
    if not highlights:
        return html.escape(text)
    end = offset + len(text)
    cuts = sorted({offset, end, *(max(offset, h.start) for h in highlights), *(min(end, h.end) for h in highlights)})
    pieces = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        chunk = html.escape(text[a - offset : b - offset])
        covering = [h for h in highlights if h.start <= a and h.end >= b]
        if not covering:
            pieces.append(chunk)
            continue
        if any(h.kind == "label" for h in covering):
            chunk = f'<strong class="pl-label">{chunk}</strong>'
            covering = [h for h in covering if h.kind != "label"]
            if not covering:
                pieces.append(chunk)
                continue
        styles = []
        topic = next((h for h in covering if h.kind == "topic"), None)
        mention = next((h for h in covering if h.kind == "mention"), None)
        if topic:
            styles.append(f"background-color:{topic.colour}33;box-shadow:inset 0 -0.15em {topic.colour}")
        if mention:
            styles.append(f"border-bottom:2px solid {mention.colour};font-weight:600")
        classes = " ".join(sorted({f"pl-hl-{h.kind}" for h in covering}))
        keys = " ".join(sorted({h.key for h in covering}))
        note = html.escape("; ".join(dict.fromkeys(h.note for h in covering)), quote=True)
        pieces.append(f'<span class="pl-hl {classes}" data-keys="{keys}" title="{note}" style="{";".join(styles)}">{chunk}</span>')
    return "".join(pieces)


def annotated_article_html(
    article: Article,
    highlights: Iterable[Highlight],
    marks: Mapping[str, list[SentenceMark]] | None = None,
) -> str:
    """The article with highlights and sentence badges, fully escaped.

    Args:
        article: The article.
        highlights: Spans to highlight; they may overlap each other but must lie in the text.
        marks: Badges per sentence id.

    Returns:
        An HTML fragment (``<article class="pl-article pl-annotated">``).
    """
    marks = marks or {}
    by_sentence: dict[str, list[Highlight]] = label_highlights(article)
    sentences = sorted(article.sentences, key=lambda s: s.start)
    starts = [s.start for s in sentences]
    for h in highlights:
        if not 0 <= h.start < h.end <= len(article.text):
            raise ValueError(f"highlight {h.key} {h.start}..{h.end} lies outside the text")
        index = bisect.bisect_right(starts, h.start) - 1
        if index >= 0 and h.end <= sentences[index].end:
            by_sentence.setdefault(sentences[index].id, []).append(h)

    def render(sid: str) -> str:
        s = article.by_id[sid]
        body = _highlighted_text(article.sentence_text(s), s.start, by_sentence.get(sid, []))
        badges = "".join(
            f'<sup class="pl-badge" style="background:{m.colour}" title="{html.escape(m.label, quote=True)}">{html.escape(m.code)}</sup>'
            for m in marks.get(sid, [])
        )
        return f'<span class="pl-s" id="{sid}" data-sentence="{sid}">{body}{badges}</span>'

    return article_layout_html(article, render).replace('class="pl-article"', 'class="pl-article pl-annotated"', 1)
