"""An article's metadata as it is collected, before validation, and the names made from file names.

Format readers, a sidecar (manifest or file-name pattern) and the command line fill
:class:`MetadataFields` in their order of precedence; :func:`slugify` and
:func:`humanise_file_name` make a safe slug and a fallback title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

@dataclass
class MetadataFields:
    """Metadata collected by a format reader and the command line, before validation."""

    title: str | None = None
    outlet: str | None = None
    published: str | date | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    dateline: str | None = None
    agency: str | None = None
    source_path: str | None = None
    source_sha256: str | None = None
    source_format: str = "text"
    slug: str | None = None
    id: str | None = None
    title_source: str | None = None

    def override(self, **options: Any) -> MetadataFields:
        """Return a copy where every option that is not None replaces the field."""
        values = dict(self.__dict__)
        for key, value in options.items():
            if value is not None:
                values[key] = value
                if key == "title":
                    values["title_source"] = "option"
        return MetadataFields(**values)

    def fill(self, *, source: str, **values: Any) -> MetadataFields:
        """Return a copy where each given value fills a field the file left empty.

        Args:
            source: Where the values come from (``manifest`` or ``file_name``); a title taken
                from them records it in ``title_source``, and is used only when the text has
                no headline of its own (see :func:`presslens.ingest.build.build_article`).
            **values: Field values; None and empty ones are skipped.
        """
        current = dict(self.__dict__)
        for key, value in values.items():
            if value is None or value == "" or value == [] or current.get(key) not in (None, "", []):
                continue
            current[key] = value
            if key == "title":
                current["title_source"] = source
        return MetadataFields(**current)


def slugify(text: str, *, max_length: int = 80) -> str:
    """Make a safe file-name slug: lowercase ASCII letters, digits and single hyphens.

    The result never contains a path separator or ``..``, so it cannot escape the
    output folder, and is never empty (``article`` is used when nothing is left).
    """
    ascii_text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "article"


def humanise_file_name(path: str | Path) -> str:
    """Turn ``zelensky-trump-nato-summit.txt`` into ``Zelensky trump nato summit``."""
    name = Path(path).name.split(".")[0]
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else "Untitled article"
