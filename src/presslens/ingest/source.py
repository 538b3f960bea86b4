"""Reading an input file's bytes, gzip included, before a format reader decodes them.

Saved web pages and database exports often arrive gzipped (``page.html.gz``,
``export.jsonl.gz``). The size limit of :mod:`presslens.textio` applies to the file and
again to the decompressed bytes, so a small archive cannot expand into gigabytes; a
truncated or corrupt archive is refused with a message naming the file.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib
from pathlib import Path

from presslens.errors import PresslensError
from presslens.textio import MAX_INPUT_BYTES, byte_size, read_bytes


def is_gzipped(path: Path) -> bool:
    """Whether the file name says gzip (``.gz``)."""
    return path.name.lower().endswith(".gz")


def read_input_bytes(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> tuple[bytes, str]:
    """Read an input file, decompressing it when its name ends in ``.gz``.

    Args:
        path: The input file.
        max_bytes: Largest accepted size, of the file and of its decompressed content.

    Returns:
        The (decompressed) bytes and the sha256 hex digest of the file as stored.

    Raises:
        PresslensError: If the file is missing, empty, too large, or a damaged gzip archive.
    """
    stored = read_bytes(path, max_bytes=max_bytes)
    digest = hashlib.sha256(stored).hexdigest()
    if not is_gzipped(path):
        return stored, digest
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(stored)) as archive:
            data = archive.read(max_bytes + 1)
    except EOFError:
        raise PresslensError(path, "gzip file is truncated (it ends before the end of the compressed data)") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise PresslensError(path, f"is not a valid gzip file ({exc})") from None
    if len(data) > max_bytes:
        raise PresslensError(path, f"decompresses to more than the {byte_size(max_bytes)} limit for one article")
    if not data.strip():
        raise PresslensError(path, "file is empty or contains only whitespace once decompressed")
    return data, digest
