"""The topic taxonomy: its YAML file, validated, and the matcher and context rules its terms compile to.

``data/lexicons/topics.yaml`` lists topics with terms (and terms per language); a term may carry
a context rule (words that must or must not be near, words the article must hold, an office
written as a person's title). :func:`load_taxonomy` reads and checks the file and gives a
:class:`Taxonomy` ready for :mod:`presslens.analysis.topics.emphasis`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ConfigDict, Field, field_validator, model_validator

from presslens.analysis.matching import PhraseMatcher
from presslens.languages import LANGUAGE_NAMES
from presslens.lexicons import ID_PATTERN, LexiconModel, check_phrase_length, lexicon_sha256, load_lexicon
from presslens.paths import DEFAULT_TOPICS


class TopicTerm(LexiconModel):
    """A term that counts only in context: ``with`` (the sentence also holds one of these
    words), ``without`` (the sentence holds none of these phrases), ``article_with`` (the
    article holds one of these words somewhere) and ``office`` (a title of office, which does
    not count written right before a person's name)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    term: str
    with_: list[str] = Field(default=[], alias="with")
    without: list[str] = []
    article_with: list[str] = []
    office: bool = False

    @model_validator(mode="after")
    def _has_context(self) -> TopicTerm:
        if not self.with_ and not self.without and not self.article_with and not self.office:
            raise ValueError(f"term {self.term!r}: give 'with', 'without', 'article_with' or 'office' "
                             "(or write the term as a plain string)")
        for word in [*self.with_, *self.without, *self.article_with]:
            if not any(ch.isalnum() for ch in word):
                raise ValueError(f"term {self.term!r}: context {word!r} has no letter or digit")
        return self


#: What follows an office written as a person's title: a capitalised name ("Prime Minister
#: Benjamin Netanyahu", "Ambassador Sondland") or another proper name ("Air Force One").
NAME_AFTER = re.compile(r"[ \t]+(?:[A-Z][a-z]|[A-Z]\.)")


class TermContext(NamedTuple):
    """A term's compiled context: the sentence must match ``needs`` (when set) and not ``bars``
    (when set), the article must match ``article_needs`` (when set), and an ``office`` does not
    count right before a name."""

    needs: re.Pattern[str] | None
    bars: re.Pattern[str] | None
    article_needs: re.Pattern[str] | None = None
    office: bool = False

    def allows(self, sentence: str) -> bool:
        """Whether the term counts in a sentence with this text (the sentence-wide part of the context)."""
        if self.needs is not None and self.needs.search(sentence) is None:
            return False
        return self.bars is None or self.bars.search(sentence) is None

    def allows_article(self, text: str) -> bool:
        """Whether the term counts in an article with this text."""
        return self.article_needs is None or self.article_needs.search(text) is not None

    def allows_at(self, text: str, end: int) -> bool:
        """Whether the match ending at ``end`` counts where it stands (an office before a name does not)."""
        return not self.office or NAME_AFTER.match(text, end) is None


def _words_pattern(words: list[str], *, plurals: bool) -> re.Pattern[str] | None:
    if not words:
        return None
    parts = []
    for word in words:
        body = r"\s+".join(re.escape(w) for w in word.rstrip("*").split())
        if word.endswith("*"):
            parts.append(body + r"\w*")  # a stem: "negotiat*" finds "negotiation", "negotiators"
        else:
            parts.append(body + (r"(?:s|es)?" if plurals else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def term_context(term: str | TopicTerm) -> TermContext | None:
    """The compiled context of a term (None for a plain term, which counts everywhere)."""
    if isinstance(term, str):
        return None
    return TermContext(_words_pattern(term.with_, plurals=True), _words_pattern(term.without, plurals=False),
                       _words_pattern(term.article_with, plurals=True), term.office)


def term_text(term: str | TopicTerm) -> str:
    """The phrase a term matches."""
    return term if isinstance(term, str) else term.term


def _check_terms(terms: list[str], what: str) -> None:
    """Each term has a letter or digit, a sane length, and is listed once (case and spacing ignored).

    Raises:
        ValueError: Naming ``what`` and the term's place, e.g. "de term 3".
    """
    seen: set[str] = set()
    for n, term in enumerate(terms):
        check_phrase_length(term, f"{what} {n}")
        if not any(ch.isalnum() for ch in term):
            raise ValueError(f"{what} {n} ({term!r}) has no letter or digit")
        key = " ".join(term.lower().split())
        if key in seen:
            raise ValueError(f"{what} {n} ({term!r}) is listed twice")
        seen.add(key)


class TopicEntry(LexiconModel):
    """One topic of the taxonomy."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    terms: list[str | TopicTerm] = Field(min_length=1)
    languages: dict[str, list[str]] = {}

    @field_validator("languages")
    @classmethod
    def _language_terms(cls, languages: dict[str, list[str]]) -> dict[str, list[str]]:
        for code, terms in languages.items():
            if code == "en" or code not in LANGUAGE_NAMES:
                raise ValueError(f"{code!r} is not a language presslens analyses besides English "
                                 f"(use one of {', '.join(sorted(c for c in LANGUAGE_NAMES if c != 'en'))})")
            _check_terms(terms, f"{code} term")
            for n, term in enumerate(terms):
                if "*" in term.replace("* ", " ").rstrip("*"):
                    raise ValueError(f"{code} term {n} ({term!r}): '*' may only end a word")
        return languages

    @field_validator("terms")
    @classmethod
    def _terms_are_words(cls, terms: list[str | TopicTerm]) -> list[str | TopicTerm]:
        _check_terms([term_text(entry) for entry in terms], "term")
        return terms


class TaxonomyFile(LexiconModel):
    """The whole taxonomy file: ``topics:`` and a list of :class:`TopicEntry`."""

    topics: list[TopicEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> TaxonomyFile:
        first: dict[str, int] = {}
        for n, topic in enumerate(self.topics):
            if topic.id in first:
                raise ValueError(f"topics[{n}] (id {topic.id!r}): id is used more than once (first at topics[{first[topic.id]}])")
            first[topic.id] = n
        return self


@dataclass(frozen=True)
class Taxonomy:
    """A validated taxonomy with its compiled matcher.

    Attributes:
        topics: The topics in file order.
        source: The file it was read from (for provenance and messages).
        sha256: The file's sha256, or None when built in memory.
    """

    topics: tuple[TopicEntry, ...]
    source: str = "(in memory)"
    sha256: str | None = None
    language: str = "en"
    matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    phrase_topics: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)

    phrase_contexts: tuple[TermContext | None, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pairs = tuple((t.id, term_text(term)) for t in self.topics for term in t.terms)
        object.__setattr__(self, "phrase_topics", pairs)
        object.__setattr__(self, "phrase_contexts", tuple(term_context(term) for t in self.topics for term in t.terms))
        # The regular English plural is for English terms; other languages write their forms as stems ("Sanktion*").
        english = self.language == "en"
        matcher = PhraseMatcher([term for _, term in pairs], case_sensitive=False, inflect=english, hyphen_as_space=True)
        object.__setattr__(self, "matcher", matcher)
        object.__setattr__(self, "_languages", {})

    def for_language(self, code: str | None) -> Taxonomy:
        """The taxonomy an article in language ``code`` is read with (made once per language).

        The topics and their ids stay; their terms are the ones the file gives for ``code``
        under ``languages`` (a topic without any there matches nothing). English, and a
        language no topic names, get this taxonomy itself.
        """
        if code is None or code == "en" or self.language != "en":
            return self
        cached = self._languages.get(code)  # type: ignore[attr-defined]
        if cached is None:
            if not any(code in t.languages for t in self.topics):
                cached = self
            else:
                topics = tuple(t.model_copy(update={"terms": list(t.languages.get(code, [])), "languages": {}})
                               for t in self.topics)
                cached = Taxonomy(topics, source=self.source, sha256=self.sha256, language=code)
            self._languages[code] = cached  # type: ignore[attr-defined]
        return cached

    @property
    def ids(self) -> list[str]:
        """Topic ids in file order."""
        return [t.id for t in self.topics]

    @property
    def labels(self) -> dict[str, str]:
        """Topic labels by id."""
        return {t.id: t.label for t in self.topics}

    @classmethod
    def from_entries(cls, entries: list[dict[str, Any]]) -> Taxonomy:
        """Build a taxonomy from plain dicts (tests, notebooks), with the file's validation."""
        parsed = TaxonomyFile.model_validate({"topics": entries})
        return cls(tuple(parsed.topics))


def load_taxonomy(path: Path = DEFAULT_TOPICS) -> Taxonomy:
    """Read and validate a topic taxonomy.

    Args:
        path: The YAML file; the shipped geopolitics and security taxonomy by default.

    Returns:
        The taxonomy, ready for :func:`analyze_topics`.

    Raises:
        PresslensError: Naming the file, the entry and the problem (duplicate id, empty
            terms, unknown key, invalid YAML).
    """
    parsed = load_lexicon(path, TaxonomyFile)
    return Taxonomy(tuple(parsed.topics), source=str(path), sha256=lexicon_sha256(path))
