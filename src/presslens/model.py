"""The structured article: metadata, canonical text, sentences with offsets, sections and blocks.

Every later finding points back to the exact words through a sentence id and character
offsets into ``Article.text``. The JSON form (``data/articles/<slug>.json``) is this model
serialised; loading it validates the fields and the invariants (unique ids, offsets inside
the text and on word boundaries, every sentence placed exactly once, the id the hash of the
text) and names the file, field and problem on failure. ``data/README.md`` documents every field.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from presslens.errors import PresslensError
from presslens.textio import read_bytes, write_text_atomic

SCHEMA_VERSION = "1.0"

SentenceKind = Literal["title", "heading", "sentence", "list_item"]

#: A word is a run of letters or digits, joined by inner apostrophes, hyphens or dots:
#: "Ukraine's", "high-stakes", "U.S." and "3.5" are one word each, "U.S.-Ukraine" two.
WORD_RE = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*")


def count_words(text: str) -> int:
    """Count words in ``text`` by :data:`WORD_RE`."""
    return len(WORD_RE.findall(text))


def content_id(text: str) -> str:
    """The article id: first 16 hex digits of the sha256 of the whitespace-normalised text."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def _splits_a_word(text: str, offset: int) -> bool:
    """True when ``offset`` falls between two letters or digits, i.e. inside a word."""
    return 0 < offset < len(text) and _is_word_char(text[offset - 1]) and _is_word_char(text[offset])


def _is_word_char(char: str) -> bool:
    return char.isalnum()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Metadata(_Strict):
    """Who published the article, when, where it came from, and how it was parsed."""

    id: str = Field(pattern=r"^[0-9a-f]{16}$")
    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,99}$")
    title: str = Field(min_length=1)
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    authors: list[str] = []
    language: str | None = None
    dateline: str | None = None
    agency: str | None = None
    source_path: str | None = None
    source_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    source_format: str = "text"
    title_source: Literal["option", "first_line", "metadata", "first_heading", "manifest", "file_name"] = "option"


class Sentence(_Strict):
    """One sentence (or title, heading, list item) as a span of the canonical text."""

    id: str = Field(pattern=r"^s[0-9]+$")
    kind: SentenceKind
    section: int | None = Field(ge=0)
    block: int | None = Field(default=None, ge=0)
    start: int = Field(ge=0)
    end: int = Field(gt=0)


class ListItem(_Strict):
    """An item of a list; ``label`` is the text before a colon ("Energy security coordination")."""

    sentences: list[str] = Field(min_length=1)
    label: str | None = None
    label_start: int | None = None
    label_end: int | None = None


class Block(_Strict):
    """A paragraph (``sentences``) or a list (``items``) inside a section."""

    kind: Literal["paragraph", "list"]
    sentences: list[str] = []
    items: list[ListItem] = []
    ordered: bool = False
    lead_in: str | None = None

    @model_validator(mode="after")
    def _kind_matches_content(self) -> Block:
        if self.kind == "paragraph" and (self.items or not self.sentences):
            raise ValueError("a paragraph has sentences and no items")
        if self.kind == "list" and (self.sentences or not self.items):
            raise ValueError("a list has items and no sentences of its own")
        return self


class Section(_Strict):
    """A heading (or none, for the lead) and the blocks under it."""

    heading: str | None = None
    blocks: list[Block] = []


class Article(_Strict):
    """A parsed article. ``text[s.start:s.end]`` is the text of sentence ``s``."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    metadata: Metadata
    text: str = Field(min_length=1)
    title_sentence: str | None = None
    sentences: list[Sentence] = Field(min_length=1)
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_invariants(self) -> Article:
        ids = [s.id for s in self.sentences]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise ValueError(f"sentence id {dup!r} is used more than once")
        previous_end = 0
        for n, s in enumerate(self.sentences):
            where = f"sentences[{n}] ({s.id})"
            if s.end > len(self.text) or s.start >= s.end:
                raise ValueError(f"{where}: offsets {s.start}..{s.end} are outside the text of length {len(self.text)}")
            if s.start < previous_end:
                raise ValueError(f"{where}: starts at {s.start}, before the previous sentence ends ({previous_end})")
            span = self.text[s.start : s.end]
            if span != span.strip():
                raise ValueError(f"{where}: span {s.start}..{s.end} begins or ends with whitespace")
            for edge in (s.start, s.end):
                if _splits_a_word(self.text, edge):
                    raise ValueError(f"{where}: offset {edge} falls inside a word ({self.text[max(edge - 8, 0) : edge + 8]!r}); were the offsets shifted?")
            if s.section is not None and s.section >= len(self.sections):
                raise ValueError(f"{where}: section {s.section} does not exist")
            previous_end = s.end
        placed: list[str] = [self.title_sentence] if self.title_sentence else []
        for k, section in enumerate(self.sections):
            if section.heading:
                placed.append(section.heading)
            for b, block in enumerate(section.blocks):
                placed.extend(block.sentences)
                for i, item in enumerate(block.items):
                    placed.extend(item.sentences)
                    _check_label(self.text, item, f"sections[{k}].blocks[{b}].items[{i}]")
        known = set(ids)
        unknown = [i for i in placed if i not in known]
        if unknown:
            raise ValueError(f"sections refer to unknown sentence id {unknown[0]!r}")
        if sorted(placed) != sorted(ids):
            missing = sorted(known - set(placed))
            raise ValueError(
                f"every sentence must be placed exactly once in title or sections; problem with {missing[:3] or 'duplicates'}"
            )
        expected_id = content_id(self.text)
        if self.metadata.id != expected_id:
            raise ValueError(
                f"metadata.id {self.metadata.id!r} is not the content id of the text ({expected_id!r}); "
                "was the text edited? Ingest the source again"
            )
        return self

    # -- convenient views ---------------------------------------------------------------

    @cached_property
    def by_id(self) -> dict[str, Sentence]:
        """Sentences by id."""
        return {s.id: s for s in self.sentences}

    def sentence_text(self, sentence: Sentence | str) -> str:
        """Return the words of a sentence (given as object or id)."""
        s = self.by_id[sentence] if isinstance(sentence, str) else sentence
        return self.text[s.start : s.end]

    @property
    def body_sentences(self) -> list[Sentence]:
        """Prose sentences and list items: everything except the title and headings."""
        return [s for s in self.sentences if s.kind in ("sentence", "list_item")]

    @property
    def headings(self) -> list[Sentence]:
        """Heading sentences, in order."""
        return [s for s in self.sentences if s.kind == "heading"]

    def to_json(self) -> str:
        """Serialise to the JSON stored under ``data/articles/``."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def _check_label(text: str, item: ListItem, where: str) -> None:
    if item.label is None:
        return
    start, end = item.label_start, item.label_end
    if start is None or end is None or text[start:end] != item.label or start < 0:
        raise ValueError(f"{where}: label {item.label!r} is not the text at {start}..{end}")


def _format_validation_error(exc: ValidationError) -> str:
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "(top level)"
    message = first["msg"].removeprefix("Value error, ")
    more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
    return f"{field}: {message}{more}"


def article_from_dict(data: object, source: str | Path) -> Article:
    """Validate a decoded JSON object as an :class:`Article`.

    Args:
        data: The decoded JSON.
        source: Where it came from, for the error message.

    Raises:
        PresslensError: Naming the source, the field and the problem.
    """
    if not isinstance(data, dict):
        raise PresslensError(source, "structured article must be a JSON object")
    try:
        return Article.model_validate(data)
    except ValidationError as exc:
        raise PresslensError(source, f"invalid structured article: {_format_validation_error(exc)}") from None


def load_article(path: Path) -> Article:
    """Load and validate a structured article JSON file.

    Args:
        path: A ``data/articles/<slug>.json`` file.

    Raises:
        PresslensError: If the file is unreadable, not JSON, or not a valid article.
    """
    raw = read_bytes(path)
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise PresslensError(path, "is not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise PresslensError(path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise PresslensError(path, "is JSON nested too deeply to be an article") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise PresslensError(path, f"is not usable JSON ({str(exc).split(';')[0]})") from None
    return article_from_dict(data, path)


def save_article(article: Article, path: Path) -> None:
    """Write an article atomically as JSON."""
    write_text_atomic(path, article.to_json())
