"""Metadata from outside the article files: a manifest beside a folder, and file-name patterns.

A folder of ``.txt`` files says nothing about outlet or date. A **manifest** (CSV, TSV or
JSON Lines, one row per article) gives them: the columns are :data:`MANIFEST_FIELDS`, and
the column names of Media Cloud and GDELT exports are accepted for them
(:data:`FIELD_ALIASES`, matched without regard to case). A row belongs to an input file by
its ``path`` (relative to the manifest; when no such file is there, by its file name among
the inputs) or, for exports without paths, to an article by its ``url``. A **file-name
pattern** such as ``{outlet}_{published}_{slug}`` reads the same fields from names like
``ap_2019-11-20_sondland-faces-questions.txt``.

Both only fill what the file itself lacks (:meth:`MetadataFields.fill`), the manifest
before the pattern; a command-line option overrides all of them. A bad manifest is refused
before any work starts, with one line naming ``manifest:line`` and the problem; columns
that mean nothing here and file names that do not fit the pattern are warnings, listed once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from presslens.errors import PresslensError
from presslens.ingest.metadata import MetadataFields, humanise_file_name
from presslens.textio import decode_text, read_bytes

#: The metadata a manifest row or an input record can give, besides the article text.
MANIFEST_FIELDS: tuple[str, ...] = ("path", "title", "outlet", "published", "url", "authors", "language")

#: Accepted names for each field, in order of preference: ours first, then input-record
#: names, Media Cloud's (``publish_date``, ``media_name``) and GDELT's (DOC API ``seendate``,
#: ``domain``; GKG ``DATE``, ``SourceCommonName``, ``DocumentIdentifier``). A manifest
#: matches them without regard to case; a JSON record's keys are matched exactly.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "path": ("path", "file", "filename"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "media_name", "SourceCommonName", "domain"),
    "published": ("published", "publish_date", "seendate", "DATE"),
    "url": ("url", "DocumentIdentifier"),
    "authors": ("authors", "author"),
    "language": ("language",),
}

#: Manifest file names looked for at the top of an input folder (and in the folder of an
#: input file) when ``--manifest`` is not given. They are never read as articles.
MANIFEST_NAMES: tuple[str, ...] = ("manifest.csv", "manifest.tsv", "manifest.jsonl", "metadata.csv", "metadata.tsv", "metadata.jsonl")

#: A manifest may be larger than one article: an export lists thousands.
MAX_MANIFEST_BYTES = 500 * 1024 * 1024

#: Placeholders a file-name pattern may use; ``{_}`` matches text that is ignored.
PATTERN_FIELDS: tuple[str, ...] = ("outlet", "published", "slug", "title", "_")

_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|T?\d{2,6}Z?$)")


def parse_published(value: str) -> date | None:
    """A publication date from the forms exports write, or None when it is none of them.

    ``2019-11-20``, ``2019-11-20 14:33:00`` and ``2019-11-20T14:33:00Z`` (ours, Media Cloud),
    ``20191120143000`` (GDELT GKG ``DATE``) and ``20191120T143000Z`` (GDELT DOC ``seendate``);
    the time of day is dropped.
    """
    match = _ISO_DATE_RE.match(value) or _COMPACT_DATE_RE.match(value)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def normalise_url(url: str) -> str:
    """A URL as rows and articles are matched on: no scheme, ``www.``, fragment or trailing slash."""
    url = url.strip().split("#")[0]
    url = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url, flags=re.I)
    url = re.sub(r"^www\.", "", url, flags=re.I)
    return url.rstrip("/").lower()


@dataclass
class ManifestRow:
    """One row of a manifest: where it is, what it names, and the metadata it gives."""

    where: str
    path: str | None
    values: dict[str, object]


@dataclass
class Manifest:
    """A manifest file read and checked (see the module docstring).

    Attributes:
        path: The manifest file.
        rows: Its rows, in file order.
        warnings: Columns left unused, said once.
    """

    path: Path
    rows: list[ManifestRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """Read a manifest (``.csv``, ``.tsv`` or ``.jsonl``).

        Raises:
            PresslensError: Naming the manifest (and ``manifest:line``) for an unreadable file,
                a missing key column, a column given twice, a bad date or a repeated row.
        """
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".tsv", ".jsonl", ".ndjson"):
            raise PresslensError(path, f"a manifest is a .csv, .tsv or .jsonl file, not {suffix or 'a file without extension'!r}")
        if not path.is_file():
            raise PresslensError(path, "no such manifest file")
        text = decode_text(read_bytes(path, max_bytes=MAX_MANIFEST_BYTES), path)
        manifest = cls(path)
        records = _jsonl_records(text, path) if suffix in (".jsonl", ".ndjson") else _csv_records(text, path, suffix)
        columns: dict[str, str] | None = None
        seen_paths: dict[Path, str] = {}
        seen_urls: dict[str, str] = {}
        for where, record in records:
            if columns is None or suffix in (".jsonl", ".ndjson"):
                columns = _column_map(list(record), path if columns is None else where, manifest)
            row = _row(record, columns, where)
            if row.path is not None:
                key = (path.parent / row.path).resolve()
                if key in seen_paths:
                    raise PresslensError(where, f"path {row.path!r} is also on {seen_paths[key]}; one row per article")
                seen_paths[key] = where
            url = row.values.get("url")
            if isinstance(url, str):
                if normalise_url(url) in seen_urls:
                    raise PresslensError(where, f"url {url!r} is also on {seen_urls[normalise_url(url)]}; one row per article")
                seen_urls[normalise_url(url)] = where
            manifest.rows.append(row)
        if not manifest.rows:
            raise PresslensError(path, "manifest has no rows")
        return manifest


def _csv_records(text: str, path: Path, suffix: str) -> Iterable[tuple[str, dict[str, str]]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if suffix == ".tsv" or ("\t" in first and "," not in first) else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise PresslensError(path, "manifest has no header row (path, title, outlet, published, url, authors, language)")
        header = [h.strip() for h in header]
        for cells in reader:
            where = f"{path}:{reader.line_num}"
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise PresslensError(where, f"manifest row has {len(cells)} cells but the header has {len(header)} columns")
            yield where, dict(zip(header, cells))
    except csv.Error as exc:
        raise PresslensError(f"{path}:{reader.line_num}", f"is not valid CSV ({exc})") from None


def _jsonl_records(text: str, path: Path) -> Iterable[tuple[str, dict[str, object]]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PresslensError(where, f"manifest line is not JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise PresslensError(where, f"manifest line must be a JSON object, not {type(record).__name__}")
        yield where, record


def _column_map(names: Sequence[str], where: object, manifest: Manifest) -> dict[str, str]:
    """Field name for each column name; refuses a field given by two columns."""
    lookup = {alias.lower(): name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
    columns: dict[str, str] = {}
    unused = []
    for column in names:
        name = lookup.get(column.strip().lower())
        if name is None:
            unused.append(column)
            continue
        other = next((c for c, n in columns.items() if n == name), None)
        if other is not None:
            raise PresslensError(where, f"columns {other!r} and {column!r} both give {name!r}; keep one")
        columns[column] = name
    if "path" not in columns.values() and "url" not in columns.values():
        raise PresslensError(where, "manifest has neither a 'path' nor a 'url' column, so no row can be matched to an article")
    message = f"{manifest.path}: ignoring manifest columns {', '.join(repr(c) for c in unused)} (known: {', '.join(MANIFEST_FIELDS)})"
    if unused and message not in manifest.warnings:
        manifest.warnings.append(message)
    return columns


def _row(record: dict[str, object], columns: dict[str, str], where: str) -> ManifestRow:
    values: dict[str, object] = {}
    for column, name in columns.items():
        value = record.get(column)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if name == "authors":
            if isinstance(value, str):
                values[name] = [n.strip() for n in value.split(";") if n.strip()]
            elif isinstance(value, list) and all(isinstance(n, str) for n in value):
                values[name] = [" ".join(n.split()) for n in value if n.strip()]
            else:
                raise PresslensError(where, "manifest 'authors' must be names separated by ';' or a list of names")
            continue
        if not isinstance(value, str):
            raise PresslensError(where, f"manifest {column!r} must be text, not {type(value).__name__}")
        value = " ".join(value.split())
        if name == "published":
            parsed = parse_published(value)
            if parsed is None:
                raise PresslensError(where, f"manifest {column!r} is not a date: {value!r} (expected YYYY-MM-DD; a time after it is dropped)")
            values[name] = parsed
        else:
            values[name] = value
    path = values.pop("path", None)
    if path is None and "url" not in values:
        raise PresslensError(where, "manifest row gives neither a path nor a url")
    return ManifestRow(where, str(path) if path is not None else None, values)


class FilenamePattern:
    """Metadata read from file names, e.g. ``{outlet}_{published}_{slug}``.

    ``{published}`` matches a date ``YYYY-MM-DD``; ``{outlet}``, ``{slug}``, ``{title}`` and
    ``{_}`` (ignored) match any text, the last placeholder taking the rest of the name. The
    name is matched without its extension. ``{slug}`` gives the article's slug and, when
    there is no ``{title}``, its title words ("sondland-faces-questions" gives
    "Sondland faces questions").

    Raises:
        PresslensError: For a pattern without placeholders or with an unknown one.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        parts = re.split(r"(\{[^{}]*\})", pattern)
        placeholders = [p[1:-1] for p in parts if p.startswith("{") and p.endswith("}")]
        unknown = [p for p in placeholders if p not in PATTERN_FIELDS]
        if unknown or not placeholders:
            known = ", ".join("{" + p + "}" for p in PATTERN_FIELDS)
            problem = f"unknown placeholder {{{unknown[0]}}}" if unknown else "has no placeholder"
            raise PresslensError("--filename-pattern", f"{pattern!r}: {problem}; use {known}")
        repeated = {p for p in placeholders if p != "_" and placeholders.count(p) > 1}
        if repeated:
            raise PresslensError("--filename-pattern", f"{pattern!r}: {{{sorted(repeated)[0]}}} appears twice")
        regex, last, ignored = "", len(placeholders) - 1, 0
        index = 0
        for part in parts:
            if not (part.startswith("{") and part.endswith("}")):
                regex += re.escape(part)
                continue
            name = part[1:-1]
            if name == "_":
                ignored += 1
                name = f"_ignored{ignored}"
            body = r"\d{4}-\d{2}-\d{2}" if name == "published" else (".+" if index == last else ".+?")
            regex += f"(?P<{name}>{body})"
            index += 1
        self._regex = re.compile(f"^{regex}$")

    def fields(self, path: Path) -> dict[str, object] | None:
        """The metadata a file's name gives, or None when the name does not fit."""
        name = path.name
        if name.lower().endswith(".gz"):
            name = name[:-3]
        stem = name.rsplit(".", 1)[0] if "." in name else name
        match = self._regex.match(stem)
        if not match:
            return None
        found = {k: v for k, v in match.groupdict().items() if not k.startswith("_ignored") and v.strip()}
        values: dict[str, object] = {}
        if "published" in found:
            parsed = parse_published(found["published"])
            if parsed is None:
                return None
            values["published"] = parsed
        if "outlet" in found:
            values["outlet"] = found["outlet"]
        if "slug" in found:
            values["slug"] = found["slug"]
        words = found.get("title") or found.get("slug")
        if words:
            values["title"] = humanise_file_name(words)
        return values


class MetadataSidecar:
    """The manifests and file-name pattern that fill the metadata of one run's inputs.

    Args:
        manifests: Manifests read with :meth:`Manifest.load`.
        pattern: A file-name pattern, or None.
    """

    def __init__(self, manifests: Sequence[Manifest] = (), pattern: FilenamePattern | None = None) -> None:
        self.manifests = list(manifests)
        self.pattern = pattern
        self.warnings: list[str] = [w for m in self.manifests for w in m.warnings]
        self._by_path: dict[Path, ManifestRow] = {}
        self._by_name: dict[str, list[ManifestRow]] = {}
        self._by_url: dict[str, ManifestRow] = {}
        self._unplaced: list[ManifestRow] = []
        for manifest in self.manifests:
            for row in manifest.rows:
                if row.path is not None:
                    located = (manifest.path.parent / row.path).resolve()
                    if located.is_file():
                        self._by_path[located] = row
                    else:
                        self._by_name.setdefault(Path(row.path).name, []).append(row)
                        self._unplaced.append(row)
                url = row.values.get("url")
                if isinstance(url, str):
                    self._by_url.setdefault(normalise_url(url), row)

    @classmethod
    def for_inputs(
        cls, paths: Sequence[str | Path], *, manifest: str | Path | None = None, filename_pattern: str | None = None
    ) -> MetadataSidecar | None:
        """The sidecar of a run: ``manifest`` when given, else the conventional manifests
        (:data:`MANIFEST_NAMES`) of the input folders and of the input files' folders.

        Returns:
            None when there is neither a manifest nor a pattern.

        Raises:
            PresslensError: For a bad manifest or pattern, or a folder with two manifests.
        """
        pattern = FilenamePattern(filename_pattern) if filename_pattern else None
        if manifest is not None:
            manifests = [Manifest.load(Path(manifest))]
        else:
            folders: dict[Path, Path] = {}
            for given in paths:
                path = Path(given)
                folder = path if path.is_dir() else path.parent if path.is_file() else None
                if folder is not None:
                    folders.setdefault(folder.resolve(), folder)
            manifests = []
            for folder in folders.values():
                found = [folder / name for name in MANIFEST_NAMES if (folder / name).is_file()]
                if len(found) > 1:
                    raise PresslensError(folder, f"holds {len(found)} manifests ({', '.join(p.name for p in found)}); keep one or pass --manifest")
                manifests.extend(Manifest.load(p) for p in found)
        if not manifests and pattern is None:
            return None
        return cls(manifests, pattern)

    def manifest_files(self) -> set[Path]:
        """The manifests' own files, resolved, which are not articles."""
        return {m.path.resolve() for m in self.manifests}

    def check_inputs(self, files: Sequence[Path]) -> list[Path]:
        """Drop the manifests themselves from the input files and check every row's path.

        Returns:
            The input files without the manifest files.

        Raises:
            PresslensError: For a row whose path names no file next to the manifest and no input file.
        """
        own = self.manifest_files()
        kept = [f for f in files if f.resolve() not in own]
        names = {f.name for f in kept}
        for row in self._unplaced:
            if Path(row.path or "").name not in names:
                raise PresslensError(row.where, f"manifest path {row.path!r} names no file (looked beside the manifest and among the inputs)")
        for name, rows in self._by_name.items():
            if len(rows) > 1:
                raise PresslensError(rows[1].where, f"manifest path {rows[1].path!r} has the same file name as {rows[0].where}; give paths relative to the manifest")
        return kept

    def row_for(self, path: Path | None, url: str | None) -> ManifestRow | None:
        """The manifest row of an input file (by path, then file name) or of an article (by url)."""
        if path is not None:
            row = self._by_path.get(path.resolve())
            if row is not None:
                return row
            named = self._by_name.get(path.name, [])
            if len(named) == 1:
                return named[0]
        if url:
            return self._by_url.get(normalise_url(url))
        return None

    def fill(self, meta: MetadataFields, path: Path, *, one_of_many: bool = False) -> MetadataFields:
        """Fill what ``meta`` lacks from the manifest row, then from the file-name pattern.

        Args:
            meta: The metadata the file gave.
            path: The input file.
            one_of_many: The article is a record of a multi-article file (JSON Lines, a JSON
                list): it is matched by url only, and the file name says nothing about it.
        """
        row = self.row_for(None if one_of_many else path, meta.url)
        if row is not None:
            meta = meta.fill(source="manifest", **row.values)
        if self.pattern is not None and not one_of_many:
            values = self.pattern.fields(path)
            if values is None:
                self.warnings.append(f"{path}: file name does not fit --filename-pattern {self.pattern.pattern!r}")
            else:
                meta = meta.fill(source="file_name", **values)
        return meta
