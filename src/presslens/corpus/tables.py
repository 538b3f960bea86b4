"""The corpus store's tables: one analysed article turned into rows with fixed Arrow schemas.

Every table has an ``article_id`` column (the article's content id) and a fixed schema,
so Parquet parts written by different chunks, workers or machines always agree and
DuckDB can read a table's folder as one table. ``data/README.md`` documents every column.
The rows are taken from :func:`presslens.analysis.analyze_article`, the same engine as
the single-article report, so a number means the same thing in both.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pyarrow as pa

from presslens.analysis import ArticleAnalysis
from presslens.errors import PresslensError
from presslens.model import WORD_RE
from presslens.analysis.structure import article_summary

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

#: Arrow schema of every table, in the order the tables are listed in ``data/README.md``.
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", _S), ("slug", _S), ("title", _S), ("outlet", _S), ("published", pa.date32()),
            ("url", _S), ("authors", _S), ("language", _S), ("dateline", _S), ("agency", _S),
            ("source_path", _S), ("source_sha256", _S), ("source_format", _S),
            ("words", _I), ("sentences", _I), ("headings", _I), ("sections", _I),
            ("quotations", _I), ("repeated_share", _F),
        ]
    ),
    "sentences": pa.schema(
        [
            ("article_id", _S), ("sentence", _S), ("kind", _S), ("section", _I), ("section_label", _S),
            ("block", _I), ("block_kind", _S), ("start", _I), ("end", _I), ("words", _I),
            ("position", _F), ("text", _S), ("text_hash", _S),
        ]
    ),
    "topic_hits": pa.schema(
        [("article_id", _S), ("sentence", _S), ("topic", _S), ("term", _S), ("matched", _S), ("start", _I), ("end", _I)]
    ),
    "mentions": pa.schema(
        [
            ("article_id", _S), ("stakeholder", _S), ("name", _S), ("type", _S), ("sentence", _S), ("kind", _S),
            ("section", _I), ("section_label", _S), ("role", _S), ("start", _I), ("end", _I),
            ("alias", _S), ("title", _S), ("position", _F),
        ]
    ),
    "topic_emphasis": pa.schema(
        [
            ("article_id", _S), ("topic", _S), ("label", _S), ("rank", _I), ("share", _F), ("weighted_share", _F),
            ("sentences", _I), ("words", _I), ("hits", _I), ("in_title", _B), ("headings", _I),
            ("first_sentence", _S), ("first_position", _F),
        ]
    ),
    "stakeholders": pa.schema(
        [
            ("article_id", _S), ("stakeholder", _S), ("name", _S), ("type", _S), ("mentions", _I), ("share", _F),
            ("quotes", _I), ("first_sentence", _S), ("first_position", _F), ("in_title", _B),
            ("in_headings", _B), ("in_lead", _B),
        ]
    ),
    "claims": pa.schema(
        [
            ("article_id", _S), ("sentence", _S), ("section", _I), ("section_label", _S), ("kind", _S),
            ("attributed", _B), ("named_source", _B), ("anonymous_source", _B), ("speculative", _B),
            ("prescriptive", _B), ("unsupported", _B), ("category", _S), ("cues", _S), ("sources", _S),
        ]
    ),
}

#: The columns that identify a row of each table (checked unique when a part is built).
KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "sentences": ("article_id", "sentence"),
    "topic_hits": ("article_id", "sentence", "topic", "start", "end"),
    "mentions": ("article_id", "stakeholder", "start", "end"),
    "topic_emphasis": ("article_id", "topic"),
    "stakeholders": ("article_id", "stakeholder"),
    "claims": ("article_id", "sentence"),
}

TABLES = tuple(SCHEMAS)


def normalised_sentence(text: str) -> str:
    """A sentence reduced to its words, lower-cased and joined by single spaces.

    Two sentences that differ only in case, punctuation, quotation marks, curly or
    straight apostrophes or spacing normalise to the same string; this is what
    ``text_hash`` hashes.
    """
    return " ".join(m.group(0).lower() for m in WORD_RE.finditer(text.replace("\u2019", "'")))


def text_hash(text: str) -> str:
    """The first 16 hex digits of the sha1 of :func:`normalised_sentence`."""
    return hashlib.sha1(normalised_sentence(text).encode("utf-8")).hexdigest()[:16]


def article_rows(result: ArticleAnalysis) -> dict[str, pd.DataFrame]:
    """One analysed article as rows of every store table (pandas, not yet typed).

    Args:
        result: From :func:`presslens.analysis.analyze_article`.

    Returns:
        A frame per table name of :data:`SCHEMAS`, each with ``article_id`` first.
    """
    article = result.article
    meta = article.metadata
    article_id = meta.id
    summary = article_summary(article)
    articles = pd.DataFrame(
        [
            {
                "article_id": article_id, "slug": meta.slug, "title": meta.title, "outlet": meta.outlet,
                "published": meta.published, "url": meta.url, "authors": "; ".join(meta.authors) or None,
                "language": meta.language, "dateline": meta.dateline, "agency": meta.agency,
                "source_path": meta.source_path, "source_sha256": meta.source_sha256,
                "source_format": meta.source_format, "words": summary["words"], "sentences": summary["sentences"],
                "headings": summary["headings"], "sections": len(article.sections),
                "quotations": len(result.quotations), "repeated_share": float(result.repetition.repeated_share),
            }
        ]
    )
    sentences = result.sentences.rename(columns={"id": "sentence"}).copy()
    sentences["text_hash"] = [text_hash(t) for t in sentences["text"]]
    voice = result.stakeholders.voice.set_index("stakeholder")["quotes"] if len(result.stakeholders.voice) else pd.Series(dtype="int64")
    stakeholders = result.stakeholders.summary.rename(columns={"id": "stakeholder"}).copy()
    stakeholders["quotes"] = [int(voice.get(s, 0)) for s in stakeholders["stakeholder"]]
    frames = {
        "articles": articles,
        "sentences": sentences,
        "topic_hits": result.topics.hits,
        "mentions": result.stakeholders.mentions,
        "topic_emphasis": result.topics.emphasis,
        "stakeholders": stakeholders,
        "claims": result.claims,
    }
    out = {}
    for name, frame in frames.items():
        frame = frame.copy()
        if "article_id" not in frame:
            frame.insert(0, "article_id", article_id)
        out[name] = frame
    return out


def to_arrow(name: str, frames: list[pd.DataFrame]) -> pa.Table:
    """Concatenate one table's rows from several articles into an Arrow table with its schema.

    Raises:
        PresslensError: If a key is repeated (a bug in the analysis, reported rather than stored).
    """
    schema = SCHEMAS[name]
    columns = [f.name for f in schema]
    frames = [f for f in frames if len(f)]
    if not frames:
        return schema.empty_table()
    frame = pd.concat([f[columns] for f in frames], ignore_index=True)
    duplicated = frame.duplicated(list(KEYS[name]))
    if duplicated.any():
        row = frame[duplicated].iloc[0]
        raise PresslensError(f"table {name}", f"key {dict(row[list(KEYS[name])])} occurs more than once")
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
