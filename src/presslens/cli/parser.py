"""The command line's argument parser: the sub-commands, their options and the option types.

Each option type refuses a bad value with a message that says what is expected (argparse
prints it and exits with status 2); :func:`metadata_overrides` and :func:`metadata_sidecar`
read the metadata options back for the commands.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from presslens import __version__
from presslens.paths import ARTICLES_DIR, DEFAULT_ARTICLE, DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS, REPORTS_DIR

if TYPE_CHECKING:
    from presslens.ingest.sidecar import MetadataSidecar


def iso_date(value: str) -> str:
    """A date given as YYYY-MM-DD (``--published``, and the report's ``published`` parameter)."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def _corpus_name(value: str) -> str:
    """A corpus name is one folder name under data/processed/: letters, digits, '.', '_' and '-'."""
    if not value or value in (".", "..") or not set(value) <= _NAME_CHARS:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a corpus name: use letters, digits, '.', '_' and '-' only (no '/' or '..')"
        )
    return value


def _scheduler_address(value: str) -> str:
    """A Dask scheduler address: tcp://HOST:PORT (or another protocol), or HOST:PORT."""
    from urllib.parse import urlsplit

    candidate = value if "://" in value else f"tcp://{value}"
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError:
        port = None
        parts = None
    if parts is None or not parts.hostname or port is None or " " in value:
        raise argparse.ArgumentTypeError(f"{value!r} is not a scheduler address such as tcp://10.0.0.5:8786")
    return value


def _add_metadata_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("metadata (overrides what the file says)")
    group.add_argument("--title", help="article title (default: the first line if it reads as a headline, see README)")
    group.add_argument("--outlet", help="publishing outlet, e.g. 'Reuters'")
    group.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD", help="publication date")
    group.add_argument("--url", help="the article's address")
    group.add_argument(
        "--language", type=_language_option, metavar="CODE",
        help="the article's language as an ISO 639-1 code such as en, de, uk (default: what the file says, else detected from the text)",
    )


def _add_sidecar_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("metadata for many files (fills what each file lacks; the options above override it)")
    group.add_argument(
        "--manifest", type=Path, metavar="FILE",
        help="CSV, TSV or JSON Lines: path,title,outlet,published,url,authors,language, or a Media Cloud / GDELT export "
        "(default: manifest.csv, metadata.csv or .jsonl/.tsv in the input folder)",
    )
    group.add_argument(
        "--filename-pattern", metavar="PATTERN",
        help="read metadata from file names, e.g. '{outlet}_{published}_{slug}' (also {title}, and {_} for ignored text)",
    )


def metadata_sidecar(args: argparse.Namespace, paths: Sequence[str | Path]) -> MetadataSidecar | None:
    """The manifest and file-name pattern given by ``--manifest`` and ``--filename-pattern`` for ``paths``."""
    from presslens.ingest.sidecar import MetadataSidecar

    return MetadataSidecar.for_inputs(paths, manifest=args.manifest, filename_pattern=args.filename_pattern)


def _add_lexicon_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("lexicons")
    group.add_argument("--topics", type=Path, default=DEFAULT_TOPICS, metavar="FILE", help="topic taxonomy YAML (default: data/lexicons/topics.yaml)")
    group.add_argument(
        "--stakeholders", type=Path, default=DEFAULT_STAKEHOLDERS, metavar="FILE", help="stakeholder registry YAML (default: data/lexicons/stakeholders.yaml)"
    )
    group.add_argument(
        "--claim-cues", type=Path, default=DEFAULT_CLAIM_CUES, metavar="FILE", help="claim cue lexicon YAML (default: data/lexicons/claims.yaml)"
    )


def _language_option(value: str) -> str:
    from presslens.languages import language_code

    code = language_code(value)
    if code is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a language code; give an ISO 639-1 code such as en, de, fr, es, uk or ru")
    return code


def metadata_overrides(args: argparse.Namespace) -> dict[str, str | None]:
    """The metadata options (``--title``, ``--outlet``, ...) by field name, None where not given."""
    return {"title": args.title, "outlet": args.outlet, "published": args.published, "url": args.url, "language": args.language}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all sub-commands."""
    parser = argparse.ArgumentParser(
        prog="presslens", description="Turn news articles into analytical reports (HTML and PDF)."
    )
    parser.add_argument("--version", action="version", version=f"presslens {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="parse article files into structured article JSON, one file per article")
    ingest.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="article files (.txt .md .html .htm .json .jsonl, optionally .gz), folders (searched recursively) or glob patterns",
    )
    ingest.add_argument(
        "--format", dest="fmt", choices=["text", "markdown", "html", "json", "jsonl", "article"],
        help="input format for every file (default: from each file's extension; 'article' is an alias of json)",
    )
    ingest.add_argument(
        "-o", "--output", metavar="OUT",
        help=f"output folder (default: data/{ARTICLES_DIR.name}/), or for a single article a file ending in .json, or '-' for stdout",
    )
    ingest.add_argument("--overwrite", action="store_true", help="replace stored files of the same article instead of skipping them as duplicates")
    _add_metadata_options(ingest)
    _add_sidecar_options(ingest)

    analyze = commands.add_parser("analyze", help="measure an article: structure, topics, stakeholders, claims, repetition (--json for one JSON object)")
    analyze.add_argument("path", type=Path, nargs="?", default=DEFAULT_ARTICLE, metavar="PATH", help="raw article or structured JSON (default: the seed article)")
    analyze.add_argument("--json", action="store_true", help="print one JSON object to stdout")
    _add_lexicon_options(analyze)
    _add_metadata_options(analyze)

    report = commands.add_parser("report", help="render the article report as HTML and PDF (one per article for several inputs)")
    report.add_argument(
        "paths", type=Path, nargs="*", metavar="PATH",
        help="raw article or structured JSON (default: the seed article); several files, folders, globs or a .jsonl give one report per article",
    )
    report.add_argument("--workers", type=_positive_int, metavar="N", help="reports rendered at once for several articles (default: the CPU count)")
    report.add_argument("--format", dest="formats", default="html,pdf", help="comma-separated: html, pdf (default: html,pdf)")
    report.add_argument("--out", type=Path, default=REPORTS_DIR, metavar="DIR", help="reports folder; the report goes in DIR/<slug>/ (default: reports/)")
    report.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"), help="a notebook parameter (repeatable)"
    )
    report.add_argument("--notebook", type=Path, metavar="PATH",
                        help="render this notebook instead of the packaged article report (a custom report: see README)")
    _add_metadata_options(report)
    _add_sidecar_options(report)

    corpus = commands.add_parser("corpus", help="analyse many articles into a corpus store (Parquet tables, queried with DuckDB)")
    corpus.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="article files (.txt .md .html .json .jsonl, optionally .gz), folders (searched recursively) or glob patterns",
    )
    corpus.add_argument("--name", type=_corpus_name, help="corpus name (default: the first PATH's stem); the store goes in data/processed/<name>/")
    corpus.add_argument("--out", type=Path, metavar="DIR", help="store folder (default: data/processed/<name>/)")
    _add_corpus_run_options(corpus)
    corpus.add_argument("--rebuild", action="store_true", help="delete the store first and analyse every article again (needed after changing a manifest)")
    _add_lexicon_options(corpus)
    _add_sidecar_options(corpus)

    compare = commands.add_parser("compare", help="render the comparison report of many articles (HTML and PDF)")
    compare.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="a corpus store, or article files, folders, globs (analysed into data/processed/<name>/ first; only new or changed articles)",
    )
    compare.add_argument("--name", type=_corpus_name, help="corpus name (default: the store's folder name or the first PATH's stem)")
    compare.add_argument("--store", type=Path, metavar="DIR", help="store folder to build or update (default: data/processed/<name>/)")
    compare.add_argument("--notebook", type=Path, metavar="PATH",
                         help="render this notebook instead of the packaged comparison report (a custom report: see README)")
    compare.add_argument("--format", dest="formats", default="html,pdf", help="comma-separated: html, pdf (default: html,pdf)")
    compare.add_argument("--out", type=Path, default=REPORTS_DIR, metavar="DIR", help="reports folder; the report goes in DIR/compare-<name>/ (default: reports/)")
    compare.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"), help="a notebook parameter (repeatable), e.g. -p max_rows 60"
    )
    _add_corpus_run_options(compare)
    _add_lexicon_options(compare)
    _add_sidecar_options(compare)

    sql = commands.add_parser(
        "sql", help="run a read-only SQL query on a corpus store (views: articles, sentences, topic_hits, mentions, ...)",
        description="Run one read-only query on a corpus store: SELECT (WITH and EXPLAIN included) over the store's views. "
        "Nothing else runs: no COPY, INSERT, CREATE, ATTACH or INSTALL, no file outside the store, no extension, no network.",
    )
    sql.add_argument("store", metavar="STORE", help="store folder, or a corpus name under data/processed/")
    sql.add_argument("query", metavar="SQL", help='the query, e.g. "SELECT topic, avg(share) FROM topic_emphasis GROUP BY topic"')
    sql.add_argument("--csv", action="store_true", help="print every row as CSV instead of an aligned table")
    sql.add_argument("--max-rows", type=int, default=100, metavar="N", help="rows shown in the aligned table (default: 100)")
    return parser


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be at least 1")
    return number


def _add_corpus_run_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("where the analysis runs")
    group.add_argument("--workers", type=_positive_int, metavar="N", help="local worker processes (default: the CPU count; 1 runs in one process)")
    group.add_argument("--scheduler", type=_scheduler_address, metavar="ADDRESS", help="run on an existing Dask distributed cluster, e.g. tcp://10.0.0.5:8786")
    group.add_argument("--chunk-size", type=_positive_int, metavar="N", help="articles per chunk and Parquet part (default: 200)")
