"""Ingesting many files at once into a folder of structured articles.

Inputs are files, folders (searched recursively for known extensions; hidden files and
folders are skipped) and glob patterns. Each article is written to ``<folder>/<slug>.json``.
An article's id comes from its text, so the same article ingested twice is recognised,
within the batch or against the files already in the folder, and skipped as a duplicate
(``overwrite`` replaces the existing file instead). Two different articles never share a
file: the second gets ``<slug>-2``, the next ``<slug>-3``, and its metadata says so. A bad
file, or a bad record of a JSON Lines file, is reported and the others still ingest.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from presslens.errors import PresslensError
from presslens.ingest import FORMATS, format_suffix, iter_ingest
from presslens.ingest.sidecar import MANIFEST_NAMES, MetadataSidecar
from presslens.model import Article, save_article
from presslens.paths import RAW_DIR

#: Show a progress bar from this many input files on.
PROGRESS_MIN_FILES = 10

_GLOB_CHARACTERS = set("*?[")
_KNOWN_SUFFIXES = {s for suffixes in FORMATS.values() for s in suffixes}


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not _hidden(p, folder) and format_suffix(p) in _KNOWN_SUFFIXES and p.name not in MANIFEST_NAMES
    )


def collect_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[PresslensError]]:
    """Expand the command line's paths into input files.

    A file is taken as it is (its extension is checked when it is read); a folder gives
    its files with known extensions, recursively; a pattern with ``*``, ``?`` or ``[``
    that names no existing file is expanded like the shell does (``**`` included).

    Args:
        paths: Files, folders and glob patterns.

    Returns:
        The input files, in order and each once, and an error for every path that names
        nothing (or a folder or pattern without article files).
    """
    files: list[Path] = []
    problems: list[PresslensError] = []
    for given in paths:
        path = Path(given)
        if path.is_file():
            found = [path]
        elif path.is_dir():
            found = _folder_files(path)
            if not found:
                problems.append(PresslensError(path, "folder holds no article files (" + ", ".join(sorted(_KNOWN_SUFFIXES)) + ")"))
        elif _GLOB_CHARACTERS & set(str(given)):
            found = []
            for match in sorted(glob.glob(str(given), recursive=True)):
                match_path = Path(match)
                found.extend(_folder_files(match_path) if match_path.is_dir() else [match_path])
            if not found:
                problems.append(PresslensError(given, "pattern matches no files"))
        else:
            found = []
            problems.append(PresslensError(path, "no such file or folder"))
        files.extend(found)
    unique: dict[Path, Path] = {}
    for path in files:
        unique.setdefault(path.resolve(), path)
    return list(unique.values()), problems


def check_output_folder(folder: Path) -> None:
    """Refuse to write into ``data/raw/``, which holds original inputs.

    Raises:
        PresslensError: If ``folder`` is ``data/raw/`` or inside it, or is a file.
    """
    resolved = folder.resolve()
    if resolved == RAW_DIR.resolve() or RAW_DIR.resolve() in resolved.parents:
        raise PresslensError(folder, "data/raw/ holds the original inputs and is never written to; choose another output")
    if folder.exists() and not folder.is_dir():
        raise PresslensError(folder, "is a file; the output for several articles must be a folder")


@dataclass(frozen=True)
class Duplicate:
    """An article that was not written because the same text is already there."""

    source: str
    same_as: str


@dataclass
class BatchSummary:
    """What a batch did: articles written, duplicates skipped, failures with their reasons."""

    written: list[tuple[str, Path]] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failed: list[PresslensError] = field(default_factory=list)
    files: int = 0


class ArticleFolder:
    """An output folder of structured articles, with unique slugs and ids.

    Args:
        folder: Where ``<slug>.json`` files go; created when the first article is written.
        overwrite: Replace an existing file holding the same article instead of skipping it.
    """

    def __init__(self, folder: Path, *, overwrite: bool = False) -> None:
        check_output_folder(folder)
        self.folder = folder
        self.overwrite = overwrite
        self._taken: set[str] = set()
        self._existing_ids: dict[str, Path] = {}
        self._batch_ids: dict[str, str] = {}
        if folder.is_dir():
            for existing in folder.glob("*.json"):
                self._taken.add(existing.stem)
                article_id = _stored_id(existing)
                if article_id:
                    self._existing_ids.setdefault(article_id, existing)

    def add(self, article: Article, source: str) -> Path | Duplicate:
        """Write one article, unless the same article was already written or stored.

        Args:
            article: The article.
            source: Where it came from, for the duplicate report.

        Returns:
            The file written, or a :class:`Duplicate` naming what it repeats.

        Raises:
            PresslensError: If the file cannot be written.
        """
        article_id = article.metadata.id
        if article_id in self._batch_ids:
            return Duplicate(source, self._batch_ids[article_id])
        existing = self._existing_ids.get(article_id)
        if existing is not None and not self.overwrite:
            return Duplicate(source, str(existing))
        if existing is not None:
            slug = existing.stem
        else:
            slug = self._unique_slug(article.metadata.slug)
        if slug != article.metadata.slug:
            metadata = article.metadata.model_copy(update={"slug": slug})
            article = Article.model_validate({**article.model_dump(), "metadata": metadata.model_dump()})
        target = self.folder / f"{slug}.json"
        save_article(article, target)
        self._taken.add(slug)
        self._batch_ids[article_id] = f"{source} ({target})"
        return target

    def _unique_slug(self, slug: str) -> str:
        candidate, number = slug, 1
        while candidate in self._taken:
            number += 1
            candidate = f"{slug}-{number}"
        return candidate


def _stored_id(path: Path) -> str | None:
    """The id of a structured article file, or None for a file that is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None  # not an article of ours: its name stays taken, it just cannot be a duplicate
    metadata = data.get("metadata") if isinstance(data, dict) else None
    article_id = metadata.get("id") if isinstance(metadata, dict) else None
    return article_id if isinstance(article_id, str) else None


def ingest_batch(
    files: Sequence[Path],
    output: ArticleFolder,
    *,
    fmt: str | None = None,
    progress: bool | None = None,
    overrides: dict[str, object] | None = None,
    on_written: Callable[[str, Path, Article], None] | None = None,
    sidecar: MetadataSidecar | None = None,
) -> BatchSummary:
    """Ingest files into an output folder, going on past bad files.

    Args:
        files: Input files (see :func:`collect_inputs`).
        output: The output folder.
        fmt: Force one format for every file instead of guessing from extensions.
        progress: Show a progress bar on stderr; by default when there are at least
            :data:`PROGRESS_MIN_FILES` files.
        overrides: Metadata overrides from the command line, for a single-article input.
        on_written: Called after each article is written, with its source, file and article.
        sidecar: A manifest and file-name pattern filling what the files lack; its rows are
            checked against ``files`` first (:meth:`MetadataSidecar.check_inputs`).

    Returns:
        What was written, skipped and failed.
    """
    if sidecar is not None:
        files = sidecar.check_inputs(files)
    summary = BatchSummary(files=len(files))
    show = progress if progress is not None else len(files) >= PROGRESS_MIN_FILES
    for path in tqdm(files, desc="ingest", unit="file", disable=not show):
        try:
            for result in iter_ingest(path, fmt=fmt, sidecar=sidecar, **(overrides or {})):
                if isinstance(result, PresslensError):
                    summary.failed.append(result)
                    continue
                source = result.metadata.source_path or str(path)
                outcome = output.add(result, source)
                if isinstance(outcome, Duplicate):
                    summary.duplicates.append(outcome)
                else:
                    summary.written.append((source, outcome))
                    if on_written is not None:
                        on_written(source, outcome, result)
        except PresslensError as exc:
            summary.failed.append(exc)
    return summary
