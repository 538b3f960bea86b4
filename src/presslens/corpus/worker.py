"""The work of a corpus run's workers: the driver's lexicons, loaded from their bytes, and the analysis of a chunk.

Workers receive the ingested articles and the lexicon files' bytes (so remote workers need
presslens installed but no shared file system), load the lexicons once per process, run
:func:`presslens.analysis.analyze_article` on each article and send back one Arrow table
per store table, with the manifest entries of the articles analysed.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from presslens.analysis import Lexicons, analyze_article, load_lexicons
from presslens.corpus.layout import MANIFEST_SCHEMA
from presslens.corpus.tables import TABLES, article_rows, to_arrow
from presslens.paths import DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS, resolve_path

#: The columns a worker reports per analysed article (the manifest's, less the part).
ENTRY_SCHEMA = pa.schema([MANIFEST_SCHEMA.field(n) for n in ("article_id", "source_path", "source_sha256")])


# -- lexicons, shipped to workers as bytes ------------------------------------------------


@dataclass(frozen=True)
class LexiconBundle:
    """The three lexicon files' bytes, so any worker can load exactly the driver's lexicons.

    Attributes:
        files: ``kind -> (file name, bytes)`` for ``topics``, ``stakeholders`` and ``claim_cues``.
        digests: sha256 of each file, recorded in the store.
        key: One digest over all three, naming the set in the workers' cache.
    """

    files: dict[str, tuple[str, bytes]]
    digests: dict[str, str]
    key: str


def lexicon_bundle(*, topics: str | Path = DEFAULT_TOPICS, stakeholders: str | Path = DEFAULT_STAKEHOLDERS,
                   claim_cues: str | Path = DEFAULT_CLAIM_CUES) -> tuple[LexiconBundle, Lexicons]:
    """Load and validate the lexicons in the driver and bundle their files for the workers.

    Raises:
        PresslensError: Naming the file, entry and field of the first problem.
    """
    lexicons = load_lexicons(topics=topics, stakeholders=stakeholders, claim_cues=claim_cues)
    given = {"topics": topics, "stakeholders": stakeholders, "claim_cues": claim_cues}
    files = {kind: (resolve_path(path).name, resolve_path(path).read_bytes()) for kind, path in given.items()}
    digests = {kind: hashlib.sha256(data).hexdigest() for kind, (_, data) in files.items()}
    key = hashlib.sha256("".join(digests[k] for k in sorted(digests)).encode()).hexdigest()[:16]
    return LexiconBundle(files=files, digests=digests, key=key), lexicons


_WORKER_LEXICONS: dict[str, Lexicons] = {}
_WORKER_LOCK = threading.Lock()


def worker_lexicons(bundle: LexiconBundle) -> Lexicons:
    """The bundle's lexicons, loaded once per worker process and then reused."""
    with _WORKER_LOCK:
        if bundle.key not in _WORKER_LEXICONS:
            folder = Path(tempfile.mkdtemp(prefix=f"presslens-lexicons-{bundle.key}-"))
            try:
                paths = {}
                for kind, (name, data) in bundle.files.items():
                    (folder / kind).mkdir()
                    (folder / kind / name).write_bytes(data)
                    paths[kind] = folder / kind / name
                _WORKER_LEXICONS[bundle.key] = load_lexicons(**paths)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        return _WORKER_LEXICONS[bundle.key]


# -- the work a worker does ---------------------------------------------------------------


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk.

    Attributes:
        tables: Rows per store table, as Arrow tables with the store's schemas.
        entries: One row per analysed article: article_id, source_path, source_sha256.
        failed: ``(source, problem)`` for each article whose analysis raised.
        pid: The worker's process id.
        peak_rss: The worker's peak resident memory so far, in bytes.
        host: The worker's host name.
    """

    tables: dict[str, pa.Table]
    entries: pa.Table
    failed: list[tuple[str, str]]
    pid: int
    peak_rss: int
    host: str


def analyze_chunk(articles: list[dict[str, Any]], bundle: LexiconBundle) -> ChunkResult:
    """Analyse a chunk of articles (as JSON-ready dicts) and return their store rows.

    An article whose analysis raises is reported in ``failed`` with the exception's type
    and message; the others are still returned.
    """
    from presslens.model import Article

    lexicons = worker_lexicons(bundle)
    rows: dict[str, list[dict[str, list[Any]]]] = {name: [] for name in TABLES}
    entries, failed = [], []
    for data in articles:
        source = str((data.get("metadata") or {}).get("source_path") or (data.get("metadata") or {}).get("id"))
        try:
            article = Article.model_validate(data)
            article_tables = article_rows(analyze_article(article, lexicons))
        except Exception as exc:  # reported in the run's summary, which exits non-zero
            failed.append((source, f"analysis failed: {type(exc).__name__}: {exc}"))
            continue
        for name, columns in article_tables.items():
            rows[name].append(columns)
        meta = article.metadata
        entries.append({"article_id": meta.id, "source_path": meta.source_path or meta.id, "source_sha256": meta.source_sha256})
    tables = {name: to_arrow(name, rows[name]) for name in TABLES}
    return ChunkResult(
        tables=tables,
        entries=pa.Table.from_pylist(entries, schema=ENTRY_SCHEMA),
        failed=failed,
        pid=os.getpid(),
        peak_rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        host=os.uname().nodename,
    )
