"""The stakeholder registry: people, countries, organisations, groups and places, with aliases and roles.

``data/lexicons/stakeholders.yaml`` lists each stakeholder with its aliases, the titles the
article may put before a name, the dated offices (roles) it held, and ``exclude`` phrases
that consume their words for no one. Loading validates the file (unique ids, an alias owned
by one stakeholder only, roles that end after they start) and compiles every alias, titled
alias and exclusion into one :class:`presslens.analysis.matching.PhraseMatcher`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import unicodedata
from datetime import date
from functools import cached_property
from itertools import product
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, model_validator

from presslens.analysis.matching import PhraseMatcher
from presslens.languages import LANGUAGE_NAMES, language_name
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
    """A title with the office it names, when the title does not begin the office's name.

    ``former`` marks a title that says the office is no longer held when its words do not say
    so in English ("ehemaliger US-Präsident", "экс-президент США"); English titles are read by
    their leading "former"/"ex-".
    """

    title: str = Field(min_length=1)
    office: str | None = None
    former: bool = False


class LanguageNames(LexiconModel):
    """What one stakeholder is called in one language other than English.

    ``aliases`` and ``titles`` are written in the nominative (the dictionary form); the
    registry's ``inflection`` patterns for the language add their case forms, except for the
    forms listed in ``fixed`` (indeclinable names such as "НАТО", "США"), which are
    matched as written only.
    """

    aliases: list[str] = []
    titles: list[str | TitleEntry] = []
    exclude: list[str] = []
    short_forms: list[str] = []
    fixed: list[str] = []


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
    languages: dict[str, LanguageNames] = {}

    @model_validator(mode="after")
    def _phrases_have_words(self) -> StakeholderEntry:
        groups: list[tuple[str, Any]] = [("", self)] + [(f"languages.{code}.", names) for code, names in self.languages.items()]
        for prefix, holder in groups:
            for field_name in ("aliases", "exclude", "short_forms"):
                for n, phrase in enumerate(getattr(holder, field_name)):
                    check_phrase_length(phrase, f"{prefix}{field_name}[{n}]")
                    if not any(ch.isalnum() for ch in phrase):
                        raise ValueError(f"{prefix}{field_name}[{n}] ({phrase!r}) has no letter or digit")
            for n, title in enumerate(holder.titles):
                check_phrase_length(title if isinstance(title, str) else title.title, f"{prefix}titles[{n}]")
        for code, names in self.languages.items():
            if code == "en" or language_name(code) == code:
                raise ValueError(f"languages: {code!r} is not a language presslens analyses besides English "
                                 f"(use one of {', '.join(sorted(c for c in LANGUAGE_NAMES if c != 'en'))})")
            if self.roles:
                for n, title in enumerate(names.titles):
                    if isinstance(title, str):
                        raise ValueError(f"languages.{code}.titles[{n}] ({title!r}): a title in another language must "
                                         "name its office ({title: ..., office: ...}) on a stakeholder with roles")
        return self

    @property
    def title_entries(self) -> list[TitleEntry]:
        """Titles as :class:`TitleEntry` objects."""
        return [t if isinstance(t, TitleEntry) else TitleEntry(title=t) for t in self.titles]


class Paradigm(LexiconModel):
    """A declared inflection pattern: a word ending in ``ending`` also appears with each of ``forms``.

    ``forms`` replace the ending, one per grammatical case in the language's fixed order
    (the file's ``inflection`` header says which), so that the words of a name or title are
    put in the same case together ("Владимира Путина"); ``|`` separates variants of one case
    ("ом|ым"). An empty ending matches any word not matched by a longer one. ``last_word``
    (given on a language's first pattern) inflects only a phrase's last word, as the German
    genitive does ("Wolodymyr Selenskyjs").
    """

    ending: str
    forms: list[str] = Field(min_length=1)
    after: str | None = None
    not_after: str | None = None
    last_word: bool = False

    def fits(self, word: str) -> bool:
        """Whether a word takes this pattern."""
        if not word.endswith(self.ending) or len(word) <= len(self.ending):
            return False
        before = word[len(word) - len(self.ending) - 1]
        if self.after is not None and before not in self.after:
            return False
        return self.not_after is None or before not in self.not_after


class RegistryFile(LexiconModel):
    """The whole registry file: ``stakeholders:``, a list of :class:`StakeholderEntry`, and ``inflection``."""

    stakeholders: list[StakeholderEntry] = Field(min_length=1)
    inflection: dict[str, list[Paradigm]] = {}

    @model_validator(mode="after")
    def _paradigms_aligned(self) -> RegistryFile:
        for code, paradigms in self.inflection.items():
            if language_name(code) == code or code == "en":
                raise ValueError(f"inflection: {code!r} is not a language presslens analyses besides English")
            slots = {len(p.forms) for p in paradigms}
            if len(slots) > 1:
                raise ValueError(f"inflection.{code}: every pattern must give the same number of forms (one per case), "
                                 f"found {sorted(slots)}")
        return self

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
    inflection: dict[str, tuple[Paradigm, ...]] = field(default_factory=dict, repr=False, compare=False)
    language: str = "en"
    titled: dict[str, tuple[tuple[str, str], ...]] | None = field(default=None, repr=False, compare=False)
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
                if self.titled is not None:
                    continue
                for title in entry.title_entries:
                    for written in title_spellings(title.title):
                        phrases.append(f"{written} {alias}")
                        info.append(RegistryPhrase("titled", entry.id, written))
            for written, alias in (self.titled or {}).get(entry.id, ()):
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
        object.__setattr__(self, "_languages", {})

    def for_language(self, code: str | None) -> Registry:
        """The registry an article in language ``code`` is read with (made once per language).

        English, and a language no entry names, get this registry itself. Another language gets
        each entry's English aliases and exclusions plus the entry's names in that language
        (:class:`LanguageNames`) with their case forms from the ``inflection`` patterns, and that
        language's titles only.
        """
        if code is None or code == "en" or self.language != "en":
            return self
        cached = self._languages.get(code)  # type: ignore[attr-defined]
        if cached is None:
            if code not in self.inflection and not any(code in e.languages for e in self.stakeholders):
                cached = self
            else:
                paradigms = self.inflection.get(code, ())
                made = [_language_entry(e, code, paradigms) for e in self.stakeholders]
                cached = Registry(tuple(e for e, _ in made), source=self.source, sha256=self.sha256, language=code,
                                  titled={e.id: tuple(pairs) for e, pairs in made})
            self._languages[code] = cached  # type: ignore[attr-defined]
        return cached

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
    def from_entries(cls, entries: list[dict[str, Any]], inflection: dict[str, Any] | None = None) -> Registry:
        """Build a registry from plain dicts (tests, notebooks), with the file's validation."""
        parsed = RegistryFile.model_validate({"stakeholders": entries, "inflection": inflection or {}})
        return cls(tuple(parsed.stakeholders), inflection={code: tuple(p) for code, p in parsed.inflection.items()})


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
    return Registry(tuple(parsed.stakeholders), source=str(path), sha256=lexicon_sha256(path),
                    inflection={code: tuple(p) for code, p in parsed.inflection.items()})


def title_spellings(title: str) -> list[str]:
    """A title as registered, plus its capitalised form when it starts in lower case.

    "former U.S. President" opens a sentence as "Former U.S. President"; titles otherwise
    match case-sensitively, like aliases.
    """
    capitalised = title[:1].upper() + title[1:]
    return [title] if capitalised == title else [title, capitalised]


def _script(char: str) -> str:
    """The script of a letter ("LATIN", "CYRILLIC"), from its Unicode name."""
    return unicodedata.name(char, "?").split(" ")[0]


def _word_forms(word: str, paradigms: tuple[Paradigm, ...], slots: int, fixed: frozenset[str]) -> list[list[str]]:
    """A word's forms, one list of variants per case slot (the word itself in every slot when it does not inflect)."""
    letters = [ch for ch in word if ch.isalpha()]
    if word in fixed or not letters or (len(letters) > 1 and all(ch.isupper() for ch in letters)):
        return [[word]] * slots  # an acronym (НАТО, США, EU) or a declared fixed word does not inflect
    for paradigm in sorted(paradigms, key=lambda p: -len(p.ending)):
        if not paradigm.fits(word):
            continue
        sample = next((ch for form in paradigm.forms for ch in form if ch.isalpha()), None)
        if sample is not None and _script(sample) != _script(letters[-1]):
            return [[word]] * slots  # a Latin name in a Cyrillic language's pattern
        stem = word[: len(word) - len(paradigm.ending)]
        return [[stem + ending for ending in form.split("|")] for form in paradigm.forms]
    return [[word]] * slots


def case_slots(phrase: str, paradigms: tuple[Paradigm, ...], *, fixed: frozenset[str] = frozenset()) -> list[list[str]]:
    """A phrase in each case of its language: the phrase as written, then one list of variants per case.

    Every word is put in the same case ("Владимир Путин", "Владимира Путина"); a word no
    pattern fits, a word in capitals and a ``fixed`` word stay as written.

    Args:
        phrase: A name or title in the nominative.
        paradigms: The language's declared inflection patterns.
        fixed: Words that never inflect.
    """
    words = phrase.split()
    slots = [[" ".join(words)]]
    if not paradigms or not words:
        return slots
    count = len(paradigms[0].forms)
    per_word = [[[w]] * count if paradigms[0].last_word and n < len(words) - 1 else _word_forms(w, paradigms, count, fixed)
                for n, w in enumerate(words)]
    for k in range(count):
        slots.append(list(dict.fromkeys(" ".join(c) for c in product(*(variants[k] for variants in per_word)))))
    return slots


def inflected_forms(phrase: str, paradigms: tuple[Paradigm, ...], *, fixed: frozenset[str] = frozenset()) -> list[str]:
    """A phrase and its declared case forms (:func:`case_slots`), the phrase first, without repeats."""
    return list(dict.fromkeys(form for slot in case_slots(phrase, paradigms, fixed=fixed) for form in slot))


def _language_entry(entry: StakeholderEntry, code: str,
                    paradigms: tuple[Paradigm, ...]) -> tuple[StakeholderEntry, list[tuple[str, str]]]:
    """An entry as an article in ``code`` names it, and its titled names as (title, alias) pairs.

    The entry holds the English aliases and the language's own names with all their case
    forms, and the language's titles in all their forms (for the role check to look up);
    a title goes with a name in the same case only ("президента США Дональда Трампа"), with
    the language's own aliases, or the English ones when the language has none.
    """
    names = entry.languages.get(code, LanguageNames())
    fixed = frozenset(w for phrase in names.fixed for w in phrase.split())
    fixed_phrases = {" ".join(p.split()) for p in names.fixed}

    def slots(phrase: str) -> list[list[str]]:
        if " ".join(phrase.split()) in fixed_phrases:
            return [[phrase]]
        return case_slots(phrase, paradigms, fixed=fixed)

    def forms(phrase: str) -> list[str]:
        return list(dict.fromkeys(f for slot in slots(phrase) for f in slot))

    aliases = list(dict.fromkeys(f for a in [*entry.aliases, *names.aliases] for f in forms(a)))
    titles: list[str | TitleEntry] = []
    titled: list[tuple[str, str]] = []
    for title in names.titles:
        entry_title = title if isinstance(title, TitleEntry) else TitleEntry(title=title)
        titles.extend(entry_title.model_copy(update={"title": f}) for f in forms(entry_title.title))
        title_slots = slots(entry_title.title)
        for alias in names.aliases or entry.aliases:
            alias_slots = slots(alias)
            for k, title_forms in enumerate(title_slots):
                # A fixed name keeps its one form in every case.
                for alias_form in alias_slots[k] if k < len(alias_slots) else alias_slots[0]:
                    titled.extend((written, alias_form) for t in title_forms for written in title_spellings(t))
    short_forms = list(dict.fromkeys(f for s in names.short_forms for f in forms(s)))
    exclude = list(dict.fromkeys([*entry.exclude, *names.exclude]))
    language_entry = entry.model_copy(update={"aliases": aliases, "titles": titles, "short_forms": short_forms,
                                              "exclude": exclude, "languages": {}})
    return language_entry, list(dict.fromkeys(titled))
