"""Reading article files safely, and writing outputs atomically.

Raw input is decoded as UTF-8 (a byte-order mark is dropped) and refused otherwise:
a silent fallback to another encoding would corrupt names and quotes without anyone
noticing, and character offsets would then point at the wrong words. Binary files,
empty files and oversized files are refused with a message naming the file.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import tempfile
from pathlib import Path

from presslens.errors import PresslensError

#: Largest input file accepted, in bytes. A news article is rarely above 1 MB even as a
#: full HTML page; 20 MB and more is almost certainly not an article.
MAX_INPUT_BYTES = 16 * 1024 * 1024


def read_bytes(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Read a file's bytes after checking that it is a readable, non-empty regular file.

    Args:
        path: The file to read.
        max_bytes: Files larger than this are refused.

    Returns:
        The file's bytes.

    Raises:
        PresslensError: If the path is missing, a directory, unreadable, empty or too large.
    """
    if not path.exists():
        raise PresslensError(path, "no such file")
    if path.is_dir():
        raise PresslensError(path, "is a directory, not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise PresslensError(path, f"file is {byte_size(size)}, above the {byte_size(max_bytes)} limit for one article")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PresslensError(path, f"cannot read file ({exc.strerror})") from None
    if not data.strip():
        raise PresslensError(path, "file is empty or contains only whitespace")
    return data


def byte_size(count: int) -> str:
    """A byte count in binary units, exactly when it is a whole number of them ("16 MiB")."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= scale:
            value = count / scale
            return f"{value:.0f} {unit}" if count % scale == 0 else f"{value:.1f} {unit}"
    return f"{count} bytes"


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, source: Path | str) -> str:
    """Decode article bytes as UTF-8 and normalise line endings.

    Args:
        data: The raw bytes.
        source: The file the bytes came from, for error messages.

    Returns:
        The text with ``\\r\\n`` and ``\\r`` turned into ``\\n`` and any byte-order mark removed.

    Raises:
        PresslensError: If the bytes hold a NUL byte anywhere or are not valid UTF-8 (UTF-16 and
            UTF-32 with a byte-order mark are decoded).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):  # the byte-order mark says what it is: UTF-16 or UTF-32
            try:
                data = data.decode(encoding).encode("utf-8")
            except UnicodeDecodeError:
                raise PresslensError(source, f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}") from None
            break
    nul = data.find(b"\x00")
    if nul >= 0:  # at any offset: a NUL never belongs in article text
        raise PresslensError(source, f"looks like a binary file (a NUL byte at offset {nul}), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PresslensError(
            source,
            f"is not valid UTF-8 (bad byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it first, e.g. iconv -f windows-1252 -t utf-8",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise PresslensError(source, "file is empty or contains only whitespace")
    return text


def read_text(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> tuple[str, str]:
    """Read an article file as text.

    Args:
        path: The file to read.
        max_bytes: Files larger than this are refused.

    Returns:
        The decoded text and the sha256 hex digest of the file's bytes.
    """
    data = read_bytes(path, max_bytes=max_bytes)
    return decode_text(data, path), hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """Return the sha256 hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str) -> None:
    """Write a text file so that readers see the old file or the new one, never half of one.

    Args:
        path: Destination file; its folder is created if needed.
        text: The content, written as UTF-8.

    Raises:
        PresslensError: If the destination cannot be written.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise PresslensError(path.parent, f"cannot write output folder ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise PresslensError(path, f"cannot write file ({exc.strerror})") from None


#: A cell starting with one of these is run as a formula by spreadsheets (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(table: "pd.DataFrame") -> "pd.DataFrame":
    """The table with every text cell that a spreadsheet would run as a formula prefixed with ``'``.

    Article text reaches the CSVs (sentences, claims, evidence, repetition pairs); a sentence
    such as ``=HYPERLINK(...)`` must open as text. Numbers are left alone, and the Parquet
    store and the JSON keep the raw text.
    """
    import pandas as pd

    text_columns = [c for c in table.columns if table[c].dtype == object or pd.api.types.is_string_dtype(table[c])]
    if not text_columns:
        return table

    def neutral(value: object) -> object:
        return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value

    return table.assign(**{c: table[c].map(neutral) for c in text_columns})
