"""Structure measures of one article: words and sentences per section and per block.

These are the first tables of every report and the ``article`` part of
``presslens analyze --json``. Word counts use :func:`presslens.model.count_words`;
``sentences`` always means body sentences (prose sentences and list items), never the
title or headings. Everything is read from the sentence facts (:mod:`presslens.analysis.facts`).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from presslens.analysis.facts import LEAD_LABEL, SentenceFacts, section_label, sentence_facts
from presslens.model import Article

__all__ = ["LEAD_LABEL", "article_summary", "block_table", "section_label", "section_table", "sentence_table"]


def sentence_table(article: Article, *, facts: SentenceFacts | None = None) -> pd.DataFrame:
    """One row per sentence (title, headings, body) in text order: see :meth:`SentenceFacts.table`."""
    return (facts if facts is not None else sentence_facts(article)).table()


def _section_rows(article: Article, facts: SentenceFacts) -> list[dict[str, Any]]:
    counts = [0] * len(article.sections)
    for f in facts.body:
        counts[f.section] += 1
    return [
        {
            "section": k,
            "heading": facts.section_labels[k],
            "paragraphs": sum(b.kind == "paragraph" for b in section.blocks),
            "lists": sum(b.kind == "list" for b in section.blocks),
            "items": sum(len(b.items) for b in section.blocks),
            "sentences": counts[k],
            "words": facts.section_words[k],
        }
        for k, section in enumerate(article.sections)
    ]


def section_table(article: Article, *, facts: SentenceFacts | None = None) -> pd.DataFrame:
    """One row per section: ``section``, ``heading``, ``paragraphs``, ``lists``, ``items``,
    ``sentences`` (body sentences), ``words`` (body words, headings excluded)."""
    facts = facts if facts is not None else sentence_facts(article)
    return pd.DataFrame(_section_rows(article, facts))


def block_table(article: Article, *, facts: SentenceFacts | None = None) -> pd.DataFrame:
    """One row per block: ``section``, ``section_label``, ``block``, ``kind`` (paragraph or
    list), ``sentences`` (sentences or items' sentences), ``words``."""
    facts = facts if facts is not None else sentence_facts(article)
    blocks: dict[tuple[int, int], dict[str, Any]] = {}
    for f in facts.body:
        row = blocks.setdefault((f.section, f.block), {"section": f.section, "section_label": f.section_label,
                                                       "block": f.block, "kind": f.block_kind, "sentences": 0, "words": 0})
        row["sentences"] += 1
        row["words"] += f.words
    rows = [blocks[key] for key in sorted(blocks)]
    columns = ["section", "section_label", "block", "kind", "sentences", "words"]
    table = pd.DataFrame(rows, columns=columns)
    return table.astype({"section": "Int64", "block": "Int64"})


def article_summary(article: Article, *, facts: SentenceFacts | None = None) -> dict[str, Any]:
    """The ``article`` object of ``presslens analyze --json``.

    Keys: ``id``, ``slug``, ``title``, ``outlet``, ``published``, ``words`` (body words),
    ``sentences`` (body sentences and list items), ``headings``, ``sections`` (each with
    ``heading``, ``words``, ``sentences``) and ``lists`` (each with ``items``).
    """
    facts = facts if facts is not None else sentence_facts(article)
    sections = _section_rows(article, facts)
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
        "words": sum(r["words"] for r in sections),
        "sentences": len(facts.body),
        "headings": sum(1 for f in facts.rows if f.kind == "heading"),
        "sections": [
            {"heading": None if r["heading"] == LEAD_LABEL else r["heading"], "words": r["words"], "sentences": r["sentences"]}
            for r in sections
        ],
        "lists": lists,
    }
