"""The files of a corpus store: their layout, names and schemas, atomic writes, and checks for damage.

Layout of a store folder (``data/processed/<corpus>/`` by default)::

    store.json                 format version, presslens version, lexicon digests
    manifest.parquet           one row per article: article_id, source_path, source_sha256, part
    <table>/part-000001.parquet one file per table and part (see presslens.corpus.tables)

A *part* holds the rows of one chunk of articles, in every table; the manifest says
which article is in which part. A damaged file is told by its Parquet footer (a
truncated file has none) and its columns.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from presslens.corpus.tables import SCHEMAS, TABLES
from presslens.errors import PresslensError
from presslens.paths import PROCESSED_DIR, resolve_path

#: What store.json says the folder is; a store of another format or version is refused.
STORE_FORMAT = "presslens-corpus-store"
STORE_VERSION = 1
#: The manifest's columns: which article, from which source, is in which part.
MANIFEST_SCHEMA = pa.schema(
    [("article_id", pa.string()), ("source_path", pa.string()), ("source_sha256", pa.string()), ("part", pa.int64())]
)
#: The file name of a part; group 1 is its number.
PART_RE = re.compile(r"^part-(\d{6})\.parquet$")


def part_name(part: int) -> str:
    """The file name of a part: ``part-000042.parquet``."""
    return f"part-{part:06d}.parquet"


def is_store(path: Path) -> bool:
    """Whether ``path`` is a corpus store folder."""
    return (path / "store.json").is_file() and (path / "manifest.parquet").is_file()


def resolve_store(given: str | Path) -> Path:
    """Find a store from a path or a corpus name (``bbc`` means ``data/processed/bbc``).

    Raises:
        PresslensError: If neither names a store.
    """
    path = resolve_path(given)
    if is_store(path):
        return path
    named = PROCESSED_DIR / str(given)
    if "/" not in str(given) and is_store(named):
        return named
    raise PresslensError(given, "is not a corpus store (no store.json and manifest.parquet); build one with presslens corpus")


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write ``table`` to ``path`` through a temporary file and a rename, so no reader sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    os.replace(temporary, path)


def parquet_damage(path: Path, schema: pa.Schema) -> str | None:
    """What is wrong with a Parquet file, read from its footer (missing, truncated, another schema), or None."""
    try:
        found = pq.read_schema(path)
    except FileNotFoundError:
        return "missing"
    except (OSError, pa.ArrowException) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if [(f.name, f.type) for f in found] != [(f.name, f.type) for f in schema]:  # DuckDB may mark columns not null
        return "not the expected columns"
    return None


def check_parts(path: Path) -> None:
    """Refuse a store one of whose table parts is damaged (footer unreadable, truncated, other columns).

    Read-only: a ``corpus`` run on the same inputs repairs such a part (it drops it and analyses its
    articles again); a reader (``compare`` of a store, ``sql``) is told so in one line before any work.

    Raises:
        PresslensError: Naming the first damaged part file.
    """
    for name in TABLES:
        folder = path / name
        for file in sorted(folder.glob("part-*.parquet")) if folder.is_dir() else ():
            damage = parquet_damage(file, SCHEMAS[name])
            if damage:
                raise PresslensError(file, f"is damaged ({damage}); run presslens corpus on the same inputs to repair the store")
