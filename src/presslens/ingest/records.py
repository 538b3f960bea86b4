"""Article records in JSON and JSON Lines, as exported by news databases and scrapers.

A record is a JSON object with at least ``text`` (the article body; paragraph breaks as
newlines) and usually ``title``; optional ``outlet``, ``published`` (``YYYY-MM-DD``, a
longer ISO timestamp is cut to its date), ``url``, ``authors`` (a list of names, or one
name), ``language`` and ``id`` (used for the output file's slug). The other names of
:data:`~presslens.ingest.sidecar.FIELD_ALIASES` are accepted too (``headline`` for
``title``, ``author`` for ``authors``, Media Cloud's and GDELT's export names, and their
date forms); other fields are ignored. The text
is read with the plain-text rules; the title, when given, becomes the article's title
sentence (put in front of the text unless the text already starts with it).

A ``.json`` file holds one record, a list of records, or a structured article (an object
with ``metadata`` and ``sentences``, the output of ``presslens ingest``). A ``.jsonl``
file holds one record a line; blank lines are skipped, and a line that is not a record
is an error naming ``file:line``, which does not stop the other lines.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from presslens.errors import PresslensError
from presslens.ingest.metadata import MetadataFields
from presslens.ingest.outline import Element, shift_elements
from presslens.ingest.sidecar import FIELD_ALIASES, parse_published
from presslens.ingest.source import is_gzipped
from presslens.ingest.text import outline_plain_text
from presslens.textio import MAX_INPUT_BYTES, byte_size



def is_structured_article(data: object) -> bool:
    """Whether decoded JSON is a structured article rather than an input record."""
    return isinstance(data, dict) and "metadata" in data and "sentences" in data


def _field(record: dict[str, Any], name: str) -> object:
    for key in FIELD_ALIASES.get(name, (name,)):
        if record.get(key) is not None:
            return record[key]
    return None


def _text_field(record: dict[str, Any], name: str, where: str) -> str | None:
    value = _field(record, name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PresslensError(where, f"record field {name!r} must be a string, not {type(value).__name__}")
    return " ".join(value.split()) or None


def _published(record: dict[str, Any], where: str) -> str | None:
    value = _text_field(record, "published", where)
    if value is None:
        return None
    parsed = parse_published(value)
    return parsed.isoformat() if parsed is not None else _bad_date(value, where)


def _bad_date(value: str, where: str) -> str:
    raise PresslensError(where, f"record field 'published' must be a date YYYY-MM-DD, not {value!r}")


def _authors(record: dict[str, Any], where: str) -> list[str]:
    value = _field(record, "authors")
    if value is None:
        return []
    if isinstance(value, str):
        return [n.strip() for n in value.split(";") if n.strip()]
    if isinstance(value, list) and all(isinstance(n, str) for n in value):
        return [" ".join(n.split()) for n in value if n.strip()]
    raise PresslensError(where, "record field 'authors' must be a list of names or one name")


def outline_record(record: object, where: str) -> tuple[str, list[Element], MetadataFields]:
    """Read one input record: canonical text, outline and metadata.

    Args:
        record: The decoded JSON value.
        where: The record's place (``file.jsonl:12``, ``file.json``), for messages and ``source_path``.

    Returns:
        The canonical text, its outline and the record's metadata; ``slug`` is set from
        the record's ``id`` or title.

    Raises:
        PresslensError: If the record is not an object, has no ``text``, or a field has the wrong type.
    """
    if not isinstance(record, dict):
        raise PresslensError(where, f"a record must be a JSON object, not {type(record).__name__}")
    body = record.get("text")
    if body is None:
        raise PresslensError(where, "record has no 'text' field (the article body)")
    if not isinstance(body, str):
        raise PresslensError(where, f"record field 'text' must be a string, not {type(body).__name__}")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if not body.strip():
        raise PresslensError(where, "record field 'text' is empty")
    title = _text_field(record, "title", where)
    record_id = record.get("id")
    if record_id is not None and not isinstance(record_id, (str, int)):
        raise PresslensError(where, f"record field 'id' must be a string or number, not {type(record_id).__name__}")

    if title is None:
        text = body
        elements = outline_plain_text(text)
    else:
        stripped = body.lstrip()
        lead = len(body) - len(stripped)
        if stripped.startswith(title):
            text = body  # the text opens with its headline: that span is the title sentence
            title_end = lead + len(title)
        else:
            text = f"{title}\n\n{body}"
            title_end = len(title)
        rest = text[title_end:]
        elements = [Element("title", title_end - len(title), title_end)]
        elements += shift_elements(outline_plain_text(rest, first_line_title=False), title_end)

    meta = MetadataFields(
        title=title,
        title_source="metadata" if title else None,
        outlet=_text_field(record, "outlet", where),
        published=_published(record, where),
        url=_text_field(record, "url", where),
        authors=_authors(record, where),
        language=_text_field(record, "language", where),
        slug=str(record_id) if record_id is not None and str(record_id).strip() else title,
    )
    return text, elements, meta


def decode_json(data: bytes, source: str) -> object:
    """Parse JSON bytes (UTF-8), naming the source, line and column on error."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise PresslensError(source, f"is not valid UTF-8 (bad byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise PresslensError(source, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise PresslensError(source, "is JSON nested too deeply to be an article") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise PresslensError(source, f"is not usable JSON ({str(exc).split(';')[0]})") from None


def iter_json_lines(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> Iterator[tuple[int, bytes, object]]:
    """Read a JSON Lines file (gzipped when its name ends in ``.gz``) one record at a time.

    The file as a whole has no size limit (an export can hold thousands of articles);
    each line is limited to ``max_bytes``, like a single-article file.

    Args:
        path: The ``.jsonl`` file.
        max_bytes: Largest accepted line.

    Yields:
        The line number, the line's bytes and the decoded record, or a
        :class:`PresslensError` naming ``file:line`` in place of the record when the line is not JSON.

    Raises:
        PresslensError: If the file cannot be read, is a damaged gzip file, or holds no records.
    """
    if not path.exists():
        raise PresslensError(path, "no such file")
    if path.is_dir():
        raise PresslensError(path, "is a directory, not a file")
    records = 0
    try:
        handle = gzip.open(path, "rb") if is_gzipped(path) else path.open("rb")
        with handle:
            for number, (line, length) in enumerate(_bounded_lines(handle, max_bytes), start=1):
                where = f"{path}:{number}"
                if line is None:
                    yield number, b"", PresslensError(where, f"line is {byte_size(length)}, above the {byte_size(max_bytes)} limit for one article")
                    continue
                if not line.strip():
                    continue  # a blank line is harmless (often the last one)
                records += 1
                if b"\x00" in line:
                    yield number, line, PresslensError(where, "contains NUL bytes; this is not a JSON Lines text file")
                    continue
                try:
                    yield number, line, decode_json(line, where)
                except PresslensError as exc:
                    yield number, line, PresslensError(where, exc.problem.replace("(line 1, column", "(column"))
    except EOFError:
        raise PresslensError(path, "gzip file is truncated (it ends before the end of the compressed data)") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise PresslensError(path, f"is not a valid gzip file ({exc})") from None
    except OSError as exc:
        raise PresslensError(path, f"cannot read file ({exc.strerror})") from None
    if records == 0:
        raise PresslensError(path, "holds no records (the file is empty or has only blank lines)")


#: Bytes read at a time while skipping the rest of an oversized line.
SKIP_BLOCK_BYTES = 1 << 20


def _bounded_lines(handle: IO[bytes], max_bytes: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line of ``handle`` with its length; ``None`` in place of a line longer than ``max_bytes``.

    An oversized line is read through in blocks and never held whole, so a small gzip file
    whose one line inflates to gigabytes costs time, not memory.
    """
    while line := handle.readline(max_bytes + 1):
        if len(line) <= max_bytes:
            yield line, len(line)
            continue
        length = len(line)
        while not line.endswith(b"\n") and (line := handle.readline(SKIP_BLOCK_BYTES)):
            length += len(line)
        yield None, length


def line_digest(line: bytes) -> str:
    """sha256 of one JSON Lines record, without its line ending."""
    return hashlib.sha256(line.rstrip(b"\r\n")).hexdigest()
