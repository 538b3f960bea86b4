"""Structure measures of one article: words and sentences per section and per block.

These are the first tables of every report and the ``article`` part of
``presslens analyze --json``. Word counts use :func:`presslens.model.count_words`;
``sentences`` always means body sentences (prose sentences and list items), never the
title or headings.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from presslens.model import Article, count_words

LEAD_LABEL = "(lead)"


def section_label(article: Article, index: int) -> str:
    """A readable name for section ``index``: its heading, or "(lead)" for the unheaded lead."""
    heading = article.sections[index].heading
    return article.sentence_text(heading).strip() if heading else LEAD_LABEL


def sentence_table(article: Article) -> pd.DataFrame:
    """One row per sentence (title, headings, body) in text order.

    Columns: ``id``, ``kind``, ``section`` (index), ``section_label``, ``block`` (index
    within the section), ``block_kind`` (paragraph, list, or empty for title/heading),
    ``start``, ``end``, ``words``, ``position`` (0..1, the sentence's middle along the
    text), ``text``.
    """
    rows = []
    length = len(article.text)
    for s in article.sentences:
        block_kind = ""
        if s.section is not None and s.block is not None:
            block_kind = article.sections[s.section].blocks[s.block].kind
        text = article.sentence_text(s)
        rows.append(
            {
                "id": s.id,
                "kind": s.kind,
                "section": s.section,
                "section_label": section_label(article, s.section) if s.section is not None else "(title)",
                "block": s.block,
                "block_kind": block_kind,
                "start": s.start,
                "end": s.end,
                "words": count_words(text),
                "position": round((s.start + s.end) / 2 / length, 4),
                "text": text,
            }
        )
    return pd.DataFrame(rows).astype({"section": "Int64", "block": "Int64"})


def section_table(article: Article) -> pd.DataFrame:
    """One row per section: ``section``, ``heading``, ``paragraphs``, ``lists``, ``items``,
    ``sentences`` (body sentences), ``words`` (body words, headings excluded)."""
    sentences = sentence_table(article)
    body = sentences[sentences["kind"].isin(["sentence", "list_item"])]
    rows = []
    for k, section in enumerate(article.sections):
        in_section = body[body["section"] == k]
        rows.append(
            {
                "section": k,
                "heading": section_label(article, k),
                "paragraphs": sum(b.kind == "paragraph" for b in section.blocks),
                "lists": sum(b.kind == "list" for b in section.blocks),
                "items": sum(len(b.items) for b in section.blocks),
                "sentences": len(in_section),
                "words": int(in_section["words"].sum()),
            }
        )
    return pd.DataFrame(rows)


def block_table(article: Article) -> pd.DataFrame:
    """One row per block: ``section``, ``section_label``, ``block``, ``kind`` (paragraph or
    list), ``sentences`` (sentences or items' sentences), ``words``."""
    sentences = sentence_table(article)
    body = sentences[sentences["kind"].isin(["sentence", "list_item"])]
    grouped = body.groupby(["section", "block"], sort=True).agg(
        sentences=("id", "size"), words=("words", "sum"), kind=("block_kind", "first"), section_label=("section_label", "first")
    )
    return grouped.reset_index()[["section", "section_label", "block", "kind", "sentences", "words"]]


def article_summary(article: Article) -> dict[str, Any]:
    """The ``article`` object of ``presslens analyze --json``.

    Keys: ``id``, ``slug``, ``title``, ``outlet``, ``published``, ``words`` (body words),
    ``sentences`` (body sentences and list items), ``headings``, ``sections`` (each with
    ``heading``, ``words``, ``sentences``) and ``lists`` (each with ``items``).
    """
    sections = section_table(article)
    lists = [
        {"section": k, "items": len(block.items), "labelled": sum(1 for i in block.items if i.label)}
        for k, section in enumerate(article.sections)
        for block in section.blocks
        if block.kind == "list"
    ]
    meta = article.metadata
    return {
        "id": meta.id,
        "slug": meta.slug,
        "title": meta.title,
        "outlet": meta.outlet,
        "published": meta.published.isoformat() if meta.published else None,
        "words": int(sections["words"].sum()),
        "sentences": len(article.body_sentences),
        "headings": len(article.headings),
        "sections": [
            {"heading": None if row.heading == LEAD_LABEL else row.heading, "words": int(row.words), "sentences": int(row.sentences)}
            for row in sections.itertuples()
        ],
        "lists": lists,
    }
