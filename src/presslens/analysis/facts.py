"""The sentence-facts table: what every measure needs to know about each sentence, built once.

For every sentence of an article (title, headings, body sentences, list items) it holds the
text, the word count, where it sits (section, block, paragraph unit, position along the
text) and its prominence role (title, heading, lead, body) with the weight
``weighted_share`` gives that role. Topics, stakeholders, claims, repetition and the
structure tables all read these facts instead of recomputing them; the analysis engine
builds them once per article and passes them on.

The lead is the first paragraph of the body: the first block of kind paragraph, in
section order. A sentence's *unit* is the paragraph (``p<section>.<block>``) or list item
(``p<section>.<block>.<item>``) it belongs to; title and headings are their own unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from presslens.model import Article, count_words

#: Positional prominence of a sentence in ``weighted_share``.
POSITION_WEIGHTS: dict[str, float] = {"title": 3.0, "heading": 2.0, "lead": 1.5, "body": 1.0}

#: The section label of the unheaded lead section, and of the title (which is in no section).
LEAD_LABEL = "(lead)"
TITLE_LABEL = "(title)"

BODY_KINDS = ("sentence", "list_item")


class SentenceFact(NamedTuple):
    """One sentence's facts (see the module docstring)."""

    index: int
    id: str
    kind: str
    section: int | None
    section_label: str
    block: int | None
    block_kind: str
    role: str
    weight: float
    unit: str
    start: int
    end: int
    words: int
    position: float
    is_body: bool
    text: str


def title_sentence_id(article: Article) -> str | None:
    """The id of the sentence that is the article's title, if the text contains it.

    An explicit title sentence wins; when the title was taken from the first heading
    (``title_source == "first_heading"``), that heading is the title.
    """
    if article.title_sentence:
        return article.title_sentence
    if article.metadata.title_source == "first_heading" and article.headings:
        return article.headings[0].id
    return None


def section_label(article: Article, index: int) -> str:
    """A readable name for section ``index``: its heading, or "(lead)" for the unheaded lead."""
    heading = article.sections[index].heading
    return article.sentence_text(heading).strip() if heading else LEAD_LABEL


@dataclass(frozen=True)
class SentenceFacts:
    """The facts of every sentence of one article, in text order.

    Attributes:
        article: The article they describe.
        rows: One :class:`SentenceFact` per sentence, in ``article.sentences`` order.
        by_id: The same facts by sentence id.
        body: The facts of body sentences (prose sentences and list items), in order.
        section_labels: The label of each section, by section index.
        section_words: Body words of each section, by section index.
        title_id: :func:`title_sentence_id`.
    """

    article: Article
    rows: tuple[SentenceFact, ...]
    by_id: dict[str, SentenceFact]
    body: tuple[SentenceFact, ...]
    section_labels: tuple[str, ...]
    section_words: tuple[int, ...]
    title_id: str | None

    @property
    def body_words(self) -> int:
        """Words in all body sentences."""
        return sum(f.words for f in self.body)

    def table(self) -> pd.DataFrame:
        """The ``sentences`` table: one row per sentence (columns in ``data/README.md``).

        Columns: ``id``, ``kind``, ``section`` (index), ``section_label``, ``block`` (index
        within the section), ``block_kind`` (paragraph, list, or empty for title/heading),
        ``start``, ``end``, ``words``, ``position`` (0..1, the sentence's middle along the
        text), ``text``.
        """
        columns = ["id", "kind", "section", "section_label", "block", "block_kind", "start", "end", "words", "position", "text"]
        data = {c: [getattr(f, c) for f in self.rows] for c in columns}
        return pd.DataFrame(data, columns=columns).astype({"section": "Int64", "block": "Int64"})

    def roles_table(self) -> pd.DataFrame:
        """One row per sentence with its prominence role and unit (the ``units`` table of topics).

        Columns: ``sentence``, ``kind``, ``section``, ``section_label``, ``role``, ``weight``,
        ``words``, ``position``, ``unit``, ``is_body``.
        """
        columns = ["id", "kind", "section", "section_label", "role", "weight", "words", "position", "unit", "is_body"]
        data = {c: [getattr(f, c) for f in self.rows] for c in columns}
        table = pd.DataFrame(data, columns=columns).rename(columns={"id": "sentence"})
        return table.astype({"section": "Int64"})


def sentence_facts(article: Article) -> SentenceFacts:
    """Build the facts of every sentence of ``article`` (one pass over its structure)."""
    title_id = title_sentence_id(article)
    unit_of: dict[str, str] = {}
    lead: set[str] = set()
    for k, section in enumerate(article.sections):
        for b, block in enumerate(section.blocks):
            if block.kind == "paragraph":
                for sid in block.sentences:
                    unit_of[sid] = f"p{k}.{b}"
                if not lead:
                    lead.update(block.sentences)
            else:
                for i, item in enumerate(block.items):
                    for sid in item.sentences:
                        unit_of[sid] = f"p{k}.{b}.{i}"
    labels = tuple(section_label(article, k) for k in range(len(article.sections)))
    section_words = [0] * len(labels)
    length = len(article.text)
    text = article.text
    rows = []
    body = []
    for n, s in enumerate(article.sentences):
        if s.id == title_id or s.kind == "title":
            role = "title"
        elif s.kind == "heading":
            role = "heading"
        elif s.id in lead:
            role = "lead"
        else:
            role = "body"
        sentence_text = text[s.start : s.end]
        words = count_words(sentence_text)
        is_body = s.kind in BODY_KINDS
        block_kind = ""
        if s.section is not None and s.block is not None:
            block_kind = article.sections[s.section].blocks[s.block].kind
        fact = SentenceFact(
            n, s.id, s.kind, s.section, labels[s.section] if s.section is not None else TITLE_LABEL,
            s.block, block_kind, role, POSITION_WEIGHTS[role], unit_of.get(s.id, s.id), s.start, s.end, words,
            round((s.start + s.end) / 2 / length, 4), is_body, sentence_text,
        )
        rows.append(fact)
        if is_body:
            body.append(fact)
            if s.section is not None:
                section_words[s.section] += words
    return SentenceFacts(
        article=article,
        rows=tuple(rows),
        by_id={f.id: f for f in rows},
        body=tuple(body),
        section_labels=labels,
        section_words=tuple(section_words),
        title_id=title_id,
    )
