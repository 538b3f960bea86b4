"""The stakeholder registry: people, countries, organisations, groups and places, with aliases and roles.

``data/lexicons/stakeholders.yaml`` lists each stakeholder with its aliases, the titles the
article may put before a name, the dated offices (roles) it held, and ``exclude`` phrases
that consume their words for no one. Loading validates the file (unique ids, an alias owned
by one stakeholder only, roles that end after they start) and compiles every alias, titled
alias and exclusion into one :class:`presslens.analysis.matching.PhraseMatcher`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from presslens.analysis.matching import PhraseMatcher
from presslens.lexicons import ID_PATTERN, LexiconModel, check_phrase_length, lexicon_sha256, load_lexicon
from presslens.paths import DEFAULT_STAKEHOLDERS

StakeholderType = Literal["person", "country", "organization", "group", "place"]
STAKEHOLDER_TYPES: tuple[str, ...] = ("person", "country", "organization", "group", "place")

class Role(LexiconModel):
    """A dated office: ``from`` inclusive, ``to`` exclusive (None: still held)."""

    title: str = Field(min_length=1)
    start: date = Field(alias="from")
    end: date | None = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"role {self.title!r} ends ({self.end}) before it starts ({self.start})")
        return self

    def active_on(self, day: date) -> bool:
        """Whether the office was held on ``day``."""
        return self.start <= day and (self.end is None or day < self.end)


class TitleEntry(LexiconModel):
    """A title with the office it names, when the title does not begin the office's name."""

    title: str = Field(min_length=1)
    office: str | None = None


class StakeholderEntry(LexiconModel):
    """One stakeholder of the registry."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    type: StakeholderType
    aliases: list[str] = Field(min_length=1)
    exclude: list[str] = []
    short_forms: list[str] = []
    titles: list[str | TitleEntry] = []
    roles: list[Role] = []
    description: str | None = None
    affiliation: str | None = None

    @model_validator(mode="after")
    def _phrases_have_words(self) -> StakeholderEntry:
        for field_name in ("aliases", "exclude", "short_forms"):
            for n, phrase in enumerate(getattr(self, field_name)):
                check_phrase_length(phrase, f"{field_name}[{n}]")
                if not any(ch.isalnum() for ch in phrase):
                    raise ValueError(f"{field_name}[{n}] ({phrase!r}) has no letter or digit")
        for n, title in enumerate(self.titles):
            check_phrase_length(title if isinstance(title, str) else title.title, f"titles[{n}]")
        return self

    @property
    def title_entries(self) -> list[TitleEntry]:
        """Titles as :class:`TitleEntry` objects."""
        return [t if isinstance(t, TitleEntry) else TitleEntry(title=t) for t in self.titles]


class RegistryFile(LexiconModel):
    """The whole registry file: ``stakeholders:`` and a list of :class:`StakeholderEntry`."""

    stakeholders: list[StakeholderEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> RegistryFile:
        ids: dict[str, int] = {}
        owners: dict[str, tuple[int, str]] = {}
        for n, entry in enumerate(self.stakeholders):
            where = f"stakeholders[{n}] (id {entry.id!r})"
            if entry.id in ids:
                raise ValueError(f"{where}: id is used more than once (first at stakeholders[{ids[entry.id]}])")
            ids[entry.id] = n
            for alias in dict.fromkeys(" ".join(a.split()) for a in entry.aliases):
                if alias in owners and owners[alias][1] != entry.id:
                    first_n, first_id = owners[alias]
                    raise ValueError(
                        f"{where}: aliases: {alias!r} is already an alias of stakeholders[{first_n}] (id {first_id!r})"
                    )
                owners[alias] = (n, entry.id)
        return self


PhraseKind = Literal["alias", "titled", "exclude", "short"]
#: Which reading wins when one surface form is several phrases: an exclusion, then a titled alias,
#: then an alias, then a short form.
PHRASE_PRIORITY = {"exclude": 0, "titled": 1, "alias": 2, "short": 3}


@dataclass(frozen=True)
class RegistryPhrase:
    """What a phrase of the registry's matcher stands for: an alias, a titled alias or an exclusion."""

    kind: PhraseKind
    stakeholder: str
    title: str | None = None


@dataclass(frozen=True)
class Registry:
    """A validated stakeholder registry with its compiled matcher.

    Attributes:
        stakeholders: The entries in file order.
        source: The file it was read from.
        sha256: The file's sha256, or None when built in memory.
    """

    stakeholders: tuple[StakeholderEntry, ...]
    source: str = "(in memory)"
    sha256: str | None = None
    matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    phrase_info: tuple[RegistryPhrase, ...] = field(init=False, repr=False, compare=False)
    _by_id: dict[str, StakeholderEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phrases: list[str] = []
        info: list[RegistryPhrase] = []
        for entry in self.stakeholders:
            for alias in entry.aliases:
                phrases.append(alias)
                info.append(RegistryPhrase("alias", entry.id))
                for title in entry.title_entries:
                    for written in title_spellings(title.title):
                        phrases.append(f"{written} {alias}")
                        info.append(RegistryPhrase("titled", entry.id, written))
            for phrase in entry.exclude:
                phrases.append(phrase)
                info.append(RegistryPhrase("exclude", entry.id))
            for phrase in entry.short_forms:
                phrases.append(phrase)
                info.append(RegistryPhrase("short", entry.id))
        object.__setattr__(self, "matcher", PhraseMatcher(phrases, case_sensitive=True))
        object.__setattr__(self, "phrase_info", tuple(info))
        object.__setattr__(self, "_by_id", {s.id: s for s in self.stakeholders})

    @property
    def by_id(self) -> dict[str, StakeholderEntry]:
        """Entries by id."""
        return self._by_id

    def reading(self, phrases: tuple[int, ...]) -> RegistryPhrase:
        """The reading of a match (its :attr:`PhraseMatch.phrases`) by :data:`PHRASE_PRIORITY`."""
        info = self.phrase_info
        if len(phrases) == 1:
            return info[phrases[0]]
        return min((info[i] for i in phrases), key=lambda p: PHRASE_PRIORITY[p.kind])

    @cached_property
    def place_aliases(self) -> dict[str, str]:
        """Aliases of countries and places, lower case, to their stakeholder id (for all-caps datelines)."""
        return {a.lower(): e.id for e in self.stakeholders if e.type in ("country", "place") for a in e.aliases}

    @cached_property
    def title_words(self) -> frozenset[str]:
        """Every word of every registered title, lower case and without dots ("former", "president", "u.s")."""
        return frozenset(w.lower().strip(".") for entry in self.stakeholders for t in entry.title_entries for w in t.title.split())

    @classmethod
    def from_entries(cls, entries: list[dict[str, Any]]) -> Registry:
        """Build a registry from plain dicts (tests, notebooks), with the file's validation."""
        parsed = RegistryFile.model_validate({"stakeholders": entries})
        return cls(tuple(parsed.stakeholders))


def load_registry(path: Path = DEFAULT_STAKEHOLDERS) -> Registry:
    """Read and validate a stakeholder registry.

    Args:
        path: The YAML file; the shipped geopolitics registry by default.

    Returns:
        The registry, ready for :func:`analyze_stakeholders`.

    Raises:
        PresslensError: Naming the file, the entry and the problem (duplicate id, an
            alias shared by two stakeholders, empty aliases, unknown key, unknown type,
            a role that ends before it starts, invalid YAML).
    """
    parsed = load_lexicon(path, RegistryFile)
    return Registry(tuple(parsed.stakeholders), source=str(path), sha256=lexicon_sha256(path))


def title_spellings(title: str) -> list[str]:
    """A title as registered, plus its capitalised form when it starts in lower case.

    "former U.S. President" opens a sentence as "Former U.S. President"; titles otherwise
    match case-sensitively, like aliases.
    """
    capitalised = title[:1].upper() + title[1:]
    return [title] if capitalised == title else [title, capitalised]
