"""Comparing articles: the tables behind the comparison report, computed from a corpus store.

Every function takes a :class:`Corpus` (a store opened with DuckDB) and returns a pandas
table small enough to show or chart: aggregates are computed in SQL over the Parquet
parts, and anything with one row per article is ranked and cut (``limit``) by the
caller's choice, so the same calls work for 2 articles and for 100,000. One module per
comparison: :mod:`.corpus` (opening a store, article labels), :mod:`.articles`,
:mod:`.topics`, :mod:`.stakeholders`, :mod:`.claims`, :mod:`.wording` (shared wording,
through :mod:`presslens.corpus.neardup`), :mod:`.timeline`, :mod:`.ranking` (which
articles a chart shows) and :mod:`.tables` (all of them at once, by CSV name). HTML is
the report layer's (:mod:`presslens.report.compare`).
"""

from __future__ import annotations

from presslens.corpus.compare.corpus import Corpus, article_labels, load_corpus
from presslens.corpus.compare.tables import SAVED_TABLES, Comparison, compare_corpus

__all__ = ["SAVED_TABLES", "Comparison", "Corpus", "article_labels", "compare_corpus", "load_corpus"]
