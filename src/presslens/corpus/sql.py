"""Reading a corpus store with SQL: DuckDB views over its Parquet parts, and read-only queries.

The views read the part files directly, so a query streams over them instead of loading
the corpus into memory; :func:`query` runs one read-only statement and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from presslens.corpus.layout import MANIFEST_SCHEMA, check_parts, parquet_damage, resolve_store
from presslens.corpus.tables import SCHEMAS, TABLES
from presslens.errors import PresslensError


def connect(store: str | Path):
    """A DuckDB connection with one view per table of the store (``articles``, ``sentences``, ...).

    Also a ``manifest`` view. The views read the Parquet parts directly, so a query
    streams over the files instead of loading the corpus into memory.

    Args:
        store: A store folder or corpus name (see :func:`resolve_store`).

    Raises:
        PresslensError: If ``store`` is not a store.
    """
    import duckdb

    path = resolve_store(store)
    damage = parquet_damage(path / "manifest.parquet", MANIFEST_SCHEMA)
    if damage:
        raise PresslensError(path / "manifest.parquet", f"is damaged ({damage}); run presslens corpus on the same inputs to repair the store")
    check_parts(path)
    con = duckdb.connect()
    try:
        for name in TABLES:
            files = sorted((path / name).glob("part-*.parquet")) if (path / name).is_dir() else []
            if files:
                pattern = str(path / name / "part-*.parquet").replace("'", "''")
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{pattern}')")
            else:
                con.register(f"_{name}_empty", SCHEMAS[name].empty_table())
                con.execute(f"CREATE VIEW {name} AS SELECT * FROM _{name}_empty")
        manifest = str(path / "manifest.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW manifest AS SELECT * FROM read_parquet('{manifest}')")
    except duckdb.Error as exc:
        con.close()
        raise PresslensError(path, f"cannot be read ({str(exc).splitlines()[0]}); run presslens corpus on the same inputs to repair the store") from None
    return con


def read_only(con, store: Path) -> None:
    """Lock a connection to reading the store: no other file, no extension, no change of these settings."""
    folder = str(store.resolve()).replace("'", "''")
    con.execute(f"SET allowed_directories = ['{folder}']")
    con.execute("SET enable_external_access = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET lock_configuration = true")


def query(store: str | Path, sql: str) -> pd.DataFrame:
    """Run one read-only SQL query on a store and return the result as a pandas DataFrame.

    Only ``SELECT`` statements run (``WITH`` and ``EXPLAIN`` included), and the connection can
    read nothing but the store's own files: no ``COPY``, ``INSERT``, ``CREATE``, ``ATTACH`` or
    ``INSTALL``, no ``read_csv('/etc/passwd')``, no extension and no network.

    Raises:
        PresslensError: If the SQL is not a read-only query or fails, with DuckDB's message.
    """
    import duckdb

    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise PresslensError("SQL", str(exc).splitlines()[0]) from None
    allowed = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
    refused = [s.type.name for s in statements if s.type not in allowed]
    if refused or not statements:
        raise PresslensError("SQL", f"only read-only queries run on a store (SELECT, WITH ... SELECT, EXPLAIN); "
                                    f"refused: {', '.join(refused) or 'an empty query'}")
    con = connect(store)
    read_only(con, resolve_store(store))
    try:
        return con.execute(sql).df()
    except duckdb.Error as exc:
        message = str(exc).splitlines()[0]
        if "does not exist" in message and "Table" in message:
            message += f" (the store's views: {', '.join((*TABLES, 'manifest'))})"
        raise PresslensError("SQL", message) from None
    finally:
        con.close()
