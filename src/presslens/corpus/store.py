"""The corpus store opened for reading or writing: its manifest, parts added and removed, repairs and the lock.

Parts are written to a temporary name and renamed, and
the manifest is replaced (atomically) after each part, so an interrupted run leaves a
valid store: part files the manifest does not list are removed the next time the store
is opened for writing. Opening for writing also checks every listed part's footer (a
truncated file has none) and its row count: a damaged part is removed and its articles
leave the manifest, so the run analyses them again; a damaged manifest is rebuilt from
the ``articles`` parts (a reader gets a one-line error). The manifest is never held in memory: lookups are DuckDB queries
over ``manifest.parquet`` and each change streams a new file, so a writer's memory does
not grow with the corpus. Replacing an article rewrites the parts that held its old rows.
A lock file keeps two writers apart. The files themselves are described in
:mod:`~presslens.corpus.layout`.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from presslens import __version__
from presslens.corpus.layout import (
    MANIFEST_SCHEMA,
    PART_RE,
    STORE_FORMAT,
    STORE_VERSION,
    is_store,
    parquet_damage,
    part_name,
    write_atomic,
)
from presslens.corpus.tables import SCHEMAS, TABLES
from presslens.errors import PresslensError


class CorpusStore:
    """A corpus store folder opened for reading or writing.

    Args:
        path: The store folder.
        create: Create an empty store when the folder holds none.
        lexicons: Digest of each lexicon file; a store built with other lexicons is
            refused for writing, since its rows would mix two definitions.
        lock: Take the writer's lock (released by :meth:`close`).

    Raises:
        PresslensError: If the folder is not a store (and ``create`` is false), is a
            store of another format, was built with other lexicons, or is locked.
    """

    def __init__(self, path: Path, *, create: bool = False, lexicons: dict[str, str] | None = None, lock: bool = False) -> None:
        self.path = path
        self._lock_handle = None
        if not is_store(path):
            if not create:
                raise PresslensError(path, "is not a corpus store (no store.json and manifest.parquet)")
            if path.exists() and (not path.is_dir() or any(path.iterdir())):
                raise PresslensError(path, "exists and is not an empty folder or a corpus store; choose another --out")
            path.mkdir(parents=True, exist_ok=True)
            self.info = {"format": STORE_FORMAT, "version": STORE_VERSION, "presslens": __version__, "lexicons": lexicons or {}}
            self.save_info()
            write_atomic(MANIFEST_SCHEMA.empty_table(), path / "manifest.parquet")
        try:
            self.info = json.loads((path / "store.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise PresslensError(path / "store.json", f"cannot be read ({exc})") from None
        if self.info.get("format") != STORE_FORMAT or self.info.get("version") != STORE_VERSION:
            raise PresslensError(path, f"is a store of another format or version ({self.info.get('format')} {self.info.get('version')})")
        if lexicons is not None and self.info.get("lexicons") and self.info["lexicons"] != lexicons:
            changed = sorted(k for k in lexicons if self.info["lexicons"].get(k) != lexicons[k])
            raise PresslensError(
                path, f"was built with other lexicons ({', '.join(changed)} changed); use --rebuild to analyse every article again"
            )
        #: What opening the store for writing found damaged and repaired, one line each.
        self.repairs: list[str] = []
        if lock:
            self._lock()
        # the manifest stays on disk: it is queried with DuckDB, never held whole in memory
        import duckdb

        self._db = duckdb.connect()
        self._db.execute("SET threads = 1")
        damage = parquet_damage(path / "manifest.parquet", MANIFEST_SCHEMA)
        if damage and not lock:
            raise PresslensError(path / "manifest.parquet", f"is damaged ({damage}); run presslens corpus on the same inputs to repair the store")
        if damage:
            self._rebuild_manifest(damage)
        if lock:
            self._remove_orphans()
            self._drop_damaged_parts()
        self._check_manifest()
        self._next_part = int(self._query("SELECT coalesce(max(part), 0) AS p FROM m")[0][0]) + 1

    # -- the manifest, on disk -------------------------------------------------------------

    @property
    def _manifest_sql(self) -> str:
        return "read_parquet('" + str(self.path / "manifest.parquet").replace("'", "''") + "')"

    def _query(self, sql: str, params: list | None = None, **tables: pa.Table) -> list[tuple]:
        """Run ``sql`` with ``m`` standing for the manifest and each keyword an Arrow table by that name."""
        for name, table in tables.items():
            self._db.register(name, table)
        try:
            return self._db.execute(f"WITH m AS (SELECT * FROM {self._manifest_sql}) {sql}", params or []).fetchall()
        finally:
            for name in tables:
                self._db.unregister(name)

    @property
    def manifest(self) -> pd.DataFrame:
        """The whole manifest as a table (read from disk on each use; for small stores and tests)."""
        return pq.read_table(self.path / "manifest.parquet").to_pandas()

    @property
    def size(self) -> int:
        """Articles in the store."""
        return int(self._query("SELECT count(*) FROM m")[0][0])

    def by_source(self, sources: Iterable[str]) -> dict[str, tuple[str, str | None, int]]:
        """The stored ``(article_id, source_sha256, part)`` of each of ``sources`` that the store holds."""
        keys = pa.table({"source_path": pa.array(list(dict.fromkeys(sources)), pa.string())})
        rows = self._query("SELECT m.source_path, m.article_id, m.source_sha256, m.part FROM m JOIN k USING (source_path)", k=keys)
        return {source: (article_id, sha, part) for source, article_id, sha, part in rows}

    def by_id(self, article_ids: Iterable[str]) -> dict[str, tuple[str, int]]:
        """The stored ``(source_path, part)`` of each of ``article_ids`` that the store holds."""
        keys = pa.table({"article_id": pa.array(list(dict.fromkeys(article_ids)), pa.string())})
        rows = self._query("SELECT m.article_id, m.source_path, m.part FROM m JOIN k USING (article_id)", k=keys)
        return {article_id: (source, part) for article_id, source, part in rows}

    def _rewrite_manifest(self, sql: str, **tables: pa.Table) -> None:
        """Replace the manifest by the rows of ``sql`` (over ``m`` and ``tables``), streamed to a new file."""
        temporary = self.path / ".manifest.parquet.tmp"
        for name, table in tables.items():
            self._db.register(name, table)
        try:
            self._db.execute(
                f"COPY (WITH m AS (SELECT * FROM {self._manifest_sql}) {sql}) TO '{str(temporary).replace(chr(39), chr(39) * 2)}' "
                "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384)"
            )
        finally:
            for name in tables:
                self._db.unregister(name)
        os.replace(temporary, self.path / "manifest.parquet")

    # -- locking and recovery ------------------------------------------------------------

    def _lock(self) -> None:
        handle = (self.path / ".lock").open("w")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            raise PresslensError(self.path, "another presslens corpus run is writing this store; wait for it to finish") from None
        self._lock_handle = handle

    def close(self) -> None:
        """Release the writer's lock."""
        if self._lock_handle is not None:
            self._lock_handle.close()
            self._lock_handle = None

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _remove_orphans(self) -> None:
        listed = {part for (part,) in self._query("SELECT DISTINCT part FROM m")}
        for table in TABLES:
            folder = self.path / table
            if not folder.is_dir():
                continue
            for file in folder.iterdir():
                match = PART_RE.match(file.name)
                if file.name.endswith(".tmp") or (match and int(match.group(1)) not in listed):
                    file.unlink()  # left by an interrupted run: the manifest never listed it

    def _rebuild_manifest(self, damage: str) -> None:
        """List again the articles of every readable ``articles`` part (the parts hold what the manifest listed)."""
        rows = []
        for file in self.parts("articles"):
            match = PART_RE.match(file.name)
            if not match or parquet_damage(file, SCHEMAS["articles"]):
                continue  # unreadable: the part's other files go as orphans, its articles are analysed again
            table = pq.read_table(file, columns=["article_id", "source_path", "source_sha256"])
            source = pc.coalesce(table.column("source_path"), table.column("article_id"))
            rows.append(pa.table({"article_id": table.column("article_id"), "source_path": source,
                                  "source_sha256": table.column("source_sha256"),
                                  "part": pa.array([int(match.group(1))] * table.num_rows, pa.int64())}, schema=MANIFEST_SCHEMA))
        manifest = pa.concat_tables(rows) if rows else MANIFEST_SCHEMA.empty_table()
        write_atomic(manifest, self.path / "manifest.parquet")
        self.repairs.append(f"{self.path / 'manifest.parquet'} was damaged ({damage}); rebuilt from the parts, {manifest.num_rows} articles")

    def _drop_damaged_parts(self) -> None:
        """Forget every part with a file that is missing, unreadable (truncated) or short of rows.

        Its files go and its articles leave the manifest, so this run analyses them again.
        """
        counts = dict(self._query("SELECT part, count(*) FROM m GROUP BY part ORDER BY part"))
        damaged: dict[int, str] = {}
        for part, count in counts.items():
            for name in TABLES:
                file = self.path / name / part_name(part)
                problem = parquet_damage(file, SCHEMAS[name])
                if not problem and name == "articles" and pq.read_metadata(file).num_rows != count:
                    problem = f"{pq.read_metadata(file).num_rows} rows for the {count} articles the manifest lists"
                if problem:
                    damaged[part] = f"{file} was damaged ({problem}); its {count} article{'s' * (count != 1)} are analysed again"
                    break
        if not damaged:
            return
        for part in damaged:
            for name in TABLES:
                (self.path / name / part_name(part)).unlink(missing_ok=True)
        gone = pa.table({"part": pa.array(sorted(damaged), pa.int64())})
        self._rewrite_manifest("SELECT * FROM m WHERE part NOT IN (SELECT part FROM gone)", gone=gone)
        self.repairs.extend(damaged.values())

    def _check_manifest(self) -> None:
        for column in ("article_id", "source_path"):
            repeated = self._query(f"SELECT {column} FROM m GROUP BY {column} HAVING count(*) > 1 ORDER BY 1 LIMIT 1")
            if repeated:
                raise PresslensError(self.path / "manifest.parquet", f"{column} {repeated[0][0]!r} is listed more than once")

    def save_info(self) -> None:
        temporary = self.path / ".store.json.tmp"
        temporary.write_text(json.dumps(self.info, indent=1) + "\n", encoding="utf-8")
        os.replace(temporary, self.path / "store.json")

    # -- writing ---------------------------------------------------------------------------

    def next_part(self) -> int:
        """The number for a new part."""
        return self._next_part

    def add_part(self, tables: dict[str, pa.Table], entries: pa.Table | pd.DataFrame) -> int:
        """Write one chunk's rows as a new part of every table, then list its articles.

        Args:
            tables: Rows per table name, with the schemas of :data:`SCHEMAS`.
            entries: One row per article of the chunk: article_id, source_path, source_sha256.

        Returns:
            The part number.

        Raises:
            PresslensError: If an article or source is already in the store (or twice in
                ``entries``), or rows belong to articles that ``entries`` does not list.
        """
        if isinstance(entries, pd.DataFrame):
            entries = pa.Table.from_pandas(entries[["article_id", "source_path", "source_sha256"]], preserve_index=False)
        entries = entries.select(["article_id", "source_path", "source_sha256"]).cast(MANIFEST_SCHEMA.remove(3))
        ids, sources = entries.column("article_id").to_pylist(), entries.column("source_path").to_pylist()
        clash = sorted(self.by_id(ids)) or sorted(self.by_source(sources))
        for column in (ids, sources):
            if not clash and len(set(column)) < len(column):
                clash = sorted(v for v in column if column.count(v) > 1)
        if clash:
            raise PresslensError(self.path, f"{clash[0]} is already in the store; remove it before adding it again")
        known = set(ids)
        for name, table in tables.items():
            stray = set(table.column("article_id").to_pylist()) - known
            if stray:
                raise PresslensError(f"table {name}", f"rows for article {sorted(stray)[0]} that is not in this part")
        part = self.next_part()
        for name in TABLES:
            folder = self.path / name
            folder.mkdir(exist_ok=True)
            table = tables.get(name, SCHEMAS[name].empty_table())
            write_atomic(table.cast(SCHEMAS[name]), folder / part_name(part))
        added = entries.append_column("part", pa.array([part] * entries.num_rows, pa.int64()))
        self._rewrite_manifest("SELECT * FROM m UNION ALL SELECT * FROM added", added=added)
        self._next_part = part + 1
        return part

    def remove_articles(self, article_ids: Iterable[str]) -> int:
        """Remove articles' rows from every table, rewriting the parts that held them.

        Returns:
            How many articles were removed.
        """
        gone = self.by_id(article_ids)
        if not gone:
            return 0
        ids = sorted(gone)
        for part in sorted({p for _, p in gone.values()}):
            for name in TABLES:
                path = self.path / name / part_name(part)
                table = pq.read_table(path, schema=SCHEMAS[name])
                keep = pc.invert(pc.is_in(table.column("article_id"), value_set=pa.array(ids)))
                write_atomic(table.filter(keep), path)
        removed = pa.table({"article_id": pa.array(ids, pa.string())})
        self._rewrite_manifest("SELECT * FROM m WHERE article_id NOT IN (SELECT article_id FROM removed)", removed=removed)
        return len(gone)

    # -- reading ---------------------------------------------------------------------------

    def parts(self, table: str) -> list[Path]:
        """The part files of a table, in part order."""
        folder = self.path / table
        return sorted(p for p in folder.glob("part-*.parquet")) if folder.is_dir() else []

    def read(self, table: str, *, columns: list[str] | None = None) -> pd.DataFrame:
        """Read a whole table into pandas (for small stores and tests; use SQL for large ones)."""
        files = self.parts(table)
        schema = SCHEMAS[table]
        if not files:
            return schema.empty_table().to_pandas()[columns or schema.names]
        return pq.ParquetDataset(files, schema=schema).read(columns=columns).to_pandas()
