"""Ingest: turn an input file into structured articles.

The format is chosen by the file's extension, or forced with ``fmt``. Each reader
produces canonical text plus an outline, and :func:`~presslens.ingest.outline.build_article`
does the rest, so every format yields the same structured data.
"""

from __future__ import annotations

from pathlib import Path

from presslens.errors import PresslensError
from presslens.ingest.outline import MetadataFields, build_article
from presslens.ingest.text import outline_plain_text
from presslens.model import Article, load_article
from presslens.paths import PROJ_ROOT
from presslens.textio import read_text

#: Extensions recognised for each input format.
FORMATS: dict[str, tuple[str, ...]] = {
    "text": (".txt", ".text"),
    "article": (".json",),
}


def detect_format(path: Path) -> str:
    """Pick the input format from a file name.

    Raises:
        PresslensError: For an extension presslens does not read.
    """
    suffix = path.suffix.lower()
    for name, suffixes in FORMATS.items():
        if suffix in suffixes:
            return name
    known = ", ".join(s for suffixes in FORMATS.values() for s in suffixes)
    raise PresslensError(path, f"unsupported file type {suffix or '(no extension)'!r}; expected one of {known} or pass --format")


def display_path(path: Path) -> str:
    """A path as stored in metadata: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(PROJ_ROOT))
    except ValueError:
        return str(path)


def ingest_text(text: str, meta: MetadataFields) -> Article:
    """Parse plain text (already decoded) into an article."""
    return build_article(text, outline_plain_text(text), meta)


def ingest_file(path: Path, *, fmt: str | None = None, **overrides: object) -> list[Article]:
    """Ingest one file into one or more articles.

    Args:
        path: The input file.
        fmt: Force a format (``text``, ``article``) instead of guessing from the extension.
        **overrides: Metadata from the command line (``title``, ``outlet``, ``published``,
            ``url``); each value that is not None replaces what the file says.

    Returns:
        The articles found in the file (one for every format but JSON Lines).

    Raises:
        PresslensError: Naming the file and the problem.
    """
    if not path.exists():
        raise PresslensError(path, "no such file")
    if path.is_dir():
        raise PresslensError(path, "is a directory, not a file")
    fmt = fmt or detect_format(path)
    if fmt == "article":
        article = load_article(path)
        return [_apply_overrides(article, overrides)]
    if fmt == "text":
        text, digest = read_text(path)
        meta = MetadataFields(source_path=display_path(path), source_sha256=digest, source_format="text")
        return [ingest_text(text, meta.override(**overrides))]
    raise PresslensError(path, f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _apply_overrides(article: Article, overrides: dict[str, object]) -> Article:
    changes = {k: v for k, v in overrides.items() if v is not None}
    if not changes:
        return article
    if "title" in changes:
        changes["title_source"] = "option"
    metadata = article.metadata.model_copy(update=changes)
    return Article.model_validate({**article.model_dump(), "metadata": metadata.model_dump()})


def load_any(path: str | Path, **overrides: object) -> Article:
    """Load a structured article, or ingest a raw file on the fly.

    This is what notebooks call: given ``data/articles/x.json`` it validates and returns
    it; given a raw file it parses it in memory (nothing is written).

    Args:
        path: A structured article JSON or a raw article file.
        **overrides: Metadata overrides, as for :func:`ingest_file`.

    Raises:
        PresslensError: If the file holds no article or more than one.
    """
    path = Path(path)
    articles = ingest_file(path, **overrides)
    if len(articles) != 1:
        raise PresslensError(path, f"holds {len(articles)} articles; pick one")
    return articles[0]
