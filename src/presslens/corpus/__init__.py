"""The corpus store: many articles analysed once, kept as Parquet tables, queried with DuckDB.

:mod:`~presslens.corpus.build` runs the analysis over a corpus and writes the store, with
:mod:`~presslens.corpus.worker` (what a worker does), :mod:`~presslens.corpus.backends`
(a process pool or a Dask cluster) and :mod:`~presslens.corpus.interrupt` (Ctrl-C);
:mod:`~presslens.corpus.layout` is the store's files, :mod:`~presslens.corpus.store` its
manifest and writes, :mod:`~presslens.corpus.sql` its DuckDB views and read-only queries;
:mod:`~presslens.corpus.tables` fixes each table's columns. ``data/README.md`` documents every column.
"""

from __future__ import annotations

from presslens.corpus.build import CorpusSummary, build_store, default_store
from presslens.corpus.layout import is_store, resolve_store
from presslens.corpus.sql import connect, query
from presslens.corpus.store import CorpusStore
from presslens.corpus.tables import SCHEMAS, TABLES

__all__ = [
    "SCHEMAS",
    "TABLES",
    "CorpusStore",
    "CorpusSummary",
    "build_store",
    "connect",
    "default_store",
    "is_store",
    "query",
    "resolve_store",
]
