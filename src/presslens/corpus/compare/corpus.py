"""A corpus store opened for comparison: the DuckDB connection and one readable label per article.

Every comparison table (:mod:`presslens.corpus.compare`) reads a :class:`Corpus`; its
``articles`` table gives each article a short, unique label (outlet and title) that the
tables and charts use instead of the ``article_id`` hash.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from presslens.errors import PresslensError


@dataclass
class Corpus:
    """A store opened for comparison.

    Attributes:
        store: The store folder.
        con: A DuckDB connection with the store's views (see :func:`presslens.corpus.connect`).
        articles: One row per article: ``article_id``, ``label`` (outlet and short title,
            unique), ``slug``, ``title``, ``outlet``, ``published``, ``language`` (ISO 639-1
            code, None when not known), ``words``, ``sentences``.
        scratch: The temporary folder that holds the store when :func:`load_corpus` made
            one (removed when this object goes away), else None.
    """

    store: Path
    con: Any
    articles: pd.DataFrame
    scratch: Any = field(default=None, repr=False)

    @property
    def words(self) -> pd.Series:
        """Body words by article label (for ranking which articles a chart shows)."""
        return self.articles.set_index("label")["words"]

    @property
    def size(self) -> int:
        """Number of articles."""
        return len(self.articles)

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run SQL on the store and return a DataFrame."""
        return self.con.execute(query, params or []).df()


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def article_labels(articles: pd.DataFrame, *, limit: int = 60) -> pd.Series:
    """A short, unique label per article: ``Outlet: title`` (or the title), cut to ``limit`` characters.

    Labels that would repeat get the article's slug in brackets.
    """
    base = [
        _short(f"{o}: {t}" if isinstance(o, str) and o else str(t), limit)
        for o, t in zip(articles["outlet"], articles["title"])
    ]
    labels = pd.Series(base, index=articles.index)
    repeated = labels.duplicated(keep=False)
    labels[repeated] = [f"{b} ({s})" for b, s in zip(labels[repeated], articles.loc[repeated, "slug"])]
    repeated = labels.duplicated(keep=False)
    labels[repeated] = [f"{b} [{i[:6]}]" for b, i in zip(labels[repeated], articles.loc[repeated, "article_id"])]
    return labels


def load_corpus(store: str | Path | None, *, inputs: Sequence[str | Path] = ()) -> Corpus:
    """Open a store for comparison, building or updating it from ``inputs`` first when given.

    Args:
        store: The store folder (or a corpus name under ``data/processed/``). Empty or
            None with ``inputs``: a store in a temporary folder, removed with the corpus
            object, so exploring writes nothing into the project.
        inputs: Article files, folders or globs; new or changed articles are analysed into
            the store (in this process). Empty: use the store as it is.

    Raises:
        PresslensError: If the store does not exist and no inputs are given, if an input
            fails, or if the store holds no articles.
    """
    from presslens.corpus.build import build_store
    from presslens.corpus.layout import resolve_store
    from presslens.corpus.sql import connect
    from presslens.paths import resolve_path

    scratch = None
    if not store:
        if not inputs:
            raise PresslensError("store", "give a corpus store, or articles (inputs) to build one from")
        scratch = tempfile.TemporaryDirectory(prefix="presslens-compare-")
        store = Path(scratch.name) / "store"
    if inputs:
        path = resolve_path(store)
        summary = build_store([resolve_path(i) for i in inputs], path, workers=1, progress=False)
        if summary.failed:
            raise PresslensError(summary.failed[0].source, f"{summary.failed[0].problem} ({len(summary.failed)} input(s) failed)")
    path = resolve_store(store)
    con = connect(path)
    articles = con.execute(
        "SELECT article_id, slug, title, outlet, published, language, words, sentences FROM articles ORDER BY published NULLS LAST, outlet, title"
    ).df()
    if articles.empty:
        raise PresslensError(path, "holds no articles")
    articles.insert(1, "label", article_labels(articles))
    articles["published"] = articles["published"].map(lambda d: None if pd.isna(d) else pd.Timestamp(d).date())
    con.register("article_labels", articles[["article_id", "label"]])
    return Corpus(store=path, con=con, articles=articles.reset_index(drop=True), scratch=scratch)
