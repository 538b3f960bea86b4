"""Ingest: turn an input file into structured articles.

The format is chosen by the file's extension (a final ``.gz`` is looked through), or
forced with ``fmt``: plain text, Markdown, HTML, JSON (one input record, a list of them,
or an already structured article) and JSON Lines (one record a line). Each reader
produces canonical text plus an outline, and
:func:`~presslens.ingest.build.build_article` does the rest, so every format yields
the same structured data. :mod:`presslens.ingest.batch` ingests many files at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from presslens.errors import PresslensError
from presslens.ingest.build import build_article
from presslens.ingest.html import decode_html, outline_html
from presslens.ingest.markdown import outline_markdown
from presslens.ingest.metadata import MetadataFields
from presslens.ingest.records import (
    decode_json,
    is_structured_article,
    iter_json_lines,
    line_digest,
    outline_record,
)
from presslens.ingest.sidecar import MetadataSidecar
from presslens.ingest.source import read_input_bytes
from presslens.ingest.text import outline_plain_text
from presslens.model import Article, article_from_dict
from presslens.paths import PROJ_ROOT
from presslens.textio import decode_text

#: Extensions recognised for each input format; each may also end in ``.gz``.
#: ``json`` is an input record, a list of records, or a structured article.
FORMATS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".text"),
    "markdown": (".md", ".markdown"),
    "html": (".html", ".htm", ".xhtml"),
    "json": (".json",),
    "jsonl": (".jsonl", ".ndjson"),
}

#: Accepted by ``fmt`` for backward compatibility: a structured article is read as ``json``.
FORMAT_ALIASES = {"article": "json"}

#: The command-line options that override a file's own metadata.
OVERRIDE_FIELDS = ("title", "outlet", "published", "url")


def format_suffix(path: Path) -> str:
    """The extension that decides the format: ``.html`` for ``page.html.gz``, lowercased."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def detect_format(path: Path) -> str:
    """Pick the input format from a file name.

    Raises:
        PresslensError: For an extension presslens does not read.
    """
    suffix = format_suffix(path)
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    known = ", ".join(s for suffixes in FORMATS.values() for s in suffixes)
    shown = "".join(path.suffixes[-2:]) if path.name.lower().endswith(".gz") else path.suffix
    raise PresslensError(path, f"unsupported file type {shown or '(no extension)'!r}; expected one of {known} (optionally .gz) or pass --format")


def display_path(path: Path) -> str:
    """A path as stored in metadata: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(PROJ_ROOT))
    except ValueError:
        return str(path)


def ingest_text(text: str, meta: MetadataFields) -> Article:
    """Parse plain text (already decoded) into an article."""
    return build_article(text, outline_plain_text(text), meta)


def iter_ingest(
    path: Path, *, fmt: str | None = None, sidecar: MetadataSidecar | None = None, **overrides: object
) -> Iterator[Article | PresslensError]:
    """Ingest one file, yielding its articles one by one.

    A problem with the whole file raises; a problem with one record of a JSON Lines
    file or JSON list is yielded in its place (naming ``file:line`` or ``file[index]``),
    so the other records still ingest.

    Args:
        path: The input file.
        fmt: Force a format (see :data:`FORMATS`) instead of guessing from the extension.
        sidecar: A manifest and file-name pattern whose values fill what the file lacks
            (:mod:`presslens.ingest.sidecar`); a structured article is taken as it is.
        **overrides: Metadata from the command line (``title``, ``outlet``, ``published``,
            ``url``); each value that is not None replaces what the file and the sidecar
            say. They are refused for a file that holds more than one article.

    Yields:
        Articles, or errors about single records.

    Raises:
        PresslensError: Naming the file and the problem.
    """
    if not path.exists():
        raise PresslensError(path, "no such file")
    if path.is_dir():
        raise PresslensError(path, "is a directory, not a file")
    fmt = FORMAT_ALIASES.get(fmt, fmt) if fmt else detect_format(path)
    if fmt not in FORMATS:
        raise PresslensError(path, f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    given = {k: v for k, v in overrides.items() if v is not None}
    shown = display_path(path)

    def filled(meta: MetadataFields, *, one_of_many: bool = False) -> MetadataFields:
        return sidecar.fill(meta, path, one_of_many=one_of_many) if sidecar is not None else meta

    if fmt == "jsonl":
        results = _json_lines_articles(path, shown, filled)
        yield from _single_if_overridden(path, results, given) if given else results
        return
    data, digest = read_input_bytes(path)
    if fmt == "json":
        document = decode_json(data, str(path))
        if is_structured_article(document):
            yield _apply_overrides(article_from_dict(document, path), given)
            return
        if isinstance(document, list):
            results = _json_list_articles(document, path, shown, digest, filled)
            yield from _single_if_overridden(path, results, given) if given else results
            return
        if not isinstance(document, dict):
            raise PresslensError(path, f"holds a JSON {type(document).__name__}; expected an object with 'text' (an input record), a list of them, or a structured article")
        if "text" not in document:
            raise PresslensError(path, "is neither an input record (no 'text' field) nor a structured article (no 'metadata' and 'sentences')")
        text, elements, meta = outline_record(document, str(path))
        meta.slug = meta.slug if document.get("id") is not None else None  # one record: name it after the file
        yield build_article(text, elements, filled(_file_meta(meta, shown, digest, "json")).override(**given))
        return
    if fmt == "html":
        markup, _ = decode_html(data, path)
        text, elements, meta = outline_html(markup, path)
        yield build_article(text, elements, filled(_file_meta(meta, shown, digest, "html")).override(**given))
        return
    text = decode_text(data, path)
    if fmt == "markdown":
        text, elements, meta = outline_markdown(text, str(path))
        yield build_article(text, elements, filled(_file_meta(meta, shown, digest, "markdown")).override(**given))
        return
    meta = MetadataFields(source_path=shown, source_sha256=digest, source_format="text")
    yield ingest_text(text, filled(meta).override(**given))


def _file_meta(meta: MetadataFields, shown: str, digest: str, source_format: str) -> MetadataFields:
    meta.source_path, meta.source_sha256, meta.source_format = shown, digest, source_format
    return meta


def _json_lines_articles(
    path: Path, shown: str, filled: Callable[..., MetadataFields]
) -> Iterator[Article | PresslensError]:
    for number, line, record in iter_json_lines(path):
        if isinstance(record, PresslensError):
            yield record
            continue
        where = f"{path}:{number}"
        try:
            text, elements, meta = outline_record(record, where)
            meta.slug = meta.slug or f"{path.name.split('.')[0]}-{number}"
            meta = _file_meta(meta, f"{shown}:{number}", line_digest(line), "jsonl")
            yield build_article(text, elements, filled(meta, one_of_many=True))
        except PresslensError as exc:
            yield exc if exc.source == where else PresslensError(where, exc.problem)


def _json_list_articles(
    records: list[object], path: Path, shown: str, digest: str, filled: Callable[..., MetadataFields]
) -> Iterator[Article | PresslensError]:
    if not records:
        raise PresslensError(path, "holds an empty list; expected input records")
    for index, record in enumerate(records):
        where = f"{path}[{index}]"
        try:
            text, elements, meta = outline_record(record, where)
            meta.slug = meta.slug or f"{path.name.split('.')[0]}-{index + 1}"
            yield build_article(text, elements, filled(_file_meta(meta, f"{shown}[{index}]", digest, "json"), one_of_many=True))
        except PresslensError as exc:
            yield exc if exc.source == where else PresslensError(where, exc.problem)


def _single_if_overridden(
    path: Path, results: Iterator[Article | PresslensError], given: dict[str, object]
) -> Iterator[Article | PresslensError]:
    collected = list(results)
    if len(collected) > 1:
        options = ", ".join(f"--{k}" for k in given)
        raise PresslensError(path, f"holds {len(collected)} articles; {options} can only be given for a single article")
    for result in collected:
        yield _apply_overrides(result, given) if isinstance(result, Article) else result


def _apply_overrides(article: Article, overrides: dict[str, object]) -> Article:
    changes = {k: v for k, v in overrides.items() if v is not None}
    if not changes:
        return article
    if "title" in changes:
        changes["title_source"] = "option"
    metadata = article.metadata.model_copy(update=changes)
    return Article.model_validate({**article.model_dump(), "metadata": metadata.model_dump()})


def ingest_file(
    path: Path, *, fmt: str | None = None, sidecar: MetadataSidecar | None = None, **overrides: object
) -> list[Article]:
    """Ingest one file into one or more articles, failing on the first problem.

    Args:
        path: The input file.
        fmt: Force a format (see :data:`FORMATS`) instead of guessing from the extension.
        sidecar: A manifest and file-name pattern, as for :func:`iter_ingest`.
        **overrides: Metadata from the command line, as for :func:`iter_ingest`.

    Returns:
        The articles found in the file (one for every format but JSON Lines and JSON lists).

    Raises:
        PresslensError: Naming the file (or ``file:line``) and the problem.
    """
    articles = []
    for result in iter_ingest(path, fmt=fmt, sidecar=sidecar, **overrides):
        if isinstance(result, PresslensError):
            raise result
        articles.append(result)
    return articles


def load_any(path: str | Path, *, sidecar: MetadataSidecar | None = None, **overrides: object) -> Article:
    """Load a structured article, or ingest a raw file on the fly.

    This is what notebooks call: given ``data/articles/x.json`` it validates and returns
    it; given a raw file it parses it in memory (nothing is written).

    Args:
        path: A structured article JSON or a raw article file.
        sidecar: A manifest and file-name pattern, as for :func:`iter_ingest`.
        **overrides: Metadata overrides, as for :func:`ingest_file`.

    Raises:
        PresslensError: If the file holds no article or more than one.
    """
    path = Path(path)
    articles = ingest_file(path, sidecar=sidecar, **overrides)
    if len(articles) != 1:
        raise PresslensError(path, f"holds {len(articles)} articles; pick one")
    return articles[0]
