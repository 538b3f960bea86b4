"""Stakeholder mentions: who is named, how often, where, with what title, with whom, who speaks.

A registry (``data/lexicons/stakeholders.yaml``) lists people, countries, organisations,
groups and places with their aliases, titles and dated roles. A *mention* is defined by
the shared engine in :mod:`presslens.analysis.matching`: aliases match case-sensitively at word
boundaries (possessives and hyphenated compounds count), the leftmost-longest match wins
across the whole registry, an ``exclude`` phrase consumes its words for no one, and a title
from the stakeholder's own ``titles`` directly before an alias is part of the mention.
Mentions are counted in the whole article: title, headings, body and list items.

From the mentions come the summary per stakeholder, co-mentions (pairs named in one
sentence), voice (direct quotations linked to the stakeholder who speaks them), the role
check (titles that contradict the registry's dated offices on the publication date), and
discovery (capitalised names and acronyms the registry does not know, with a YAML snippet
to add them). Columns are defined in ``data/README.md``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import yaml
from pydantic import Field, model_validator

from presslens.lexicons import ID_PATTERN, LexiconModel, lexicon_sha256, load_lexicon
from presslens.analysis.matching import PhraseMatcher, compile_phrase
from presslens.model import Article
from presslens.paths import DEFAULT_STAKEHOLDERS
from presslens.analysis.structure import section_label
from presslens.analysis.topics import sentence_role_rows, title_sentence_id

StakeholderType = Literal["person", "country", "organization", "group", "place"]
STAKEHOLDER_TYPES: tuple[str, ...] = ("person", "country", "organization", "group", "place")

#: Words that, leading a title, say the stakeholder no longer holds the office.
FORMER_QUALIFIERS = ("former", "ex-", "ex", "erstwhile")
#: Leading words ignored when finding the office a title names.
_TITLE_QUALIFIERS = {"former", "ex-", "ex", "erstwhile", "then", "then-", "the", "late", "outgoing", "incoming"}

#: Speaker pronouns resolved to the nearest preceding person mention.
SINGULAR_PRONOUNS = {"he", "she", "He", "She"}
#: How many sentences back (the quotation's own sentence included) a pronoun may look.
PRONOUN_WINDOW = 3


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
    titles: list[str | TitleEntry] = []
    roles: list[Role] = []
    description: str | None = None
    affiliation: str | None = None

    @model_validator(mode="after")
    def _phrases_have_words(self) -> StakeholderEntry:
        for field_name in ("aliases", "exclude"):
            for n, phrase in enumerate(getattr(self, field_name)):
                if not any(ch.isalnum() for ch in phrase):
                    raise ValueError(f"{field_name}[{n}] ({phrase!r}) has no letter or digit")
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


PhraseKind = Literal["alias", "titled", "exclude"]
_PHRASE_PRIORITY = {"exclude": 0, "titled": 1, "alias": 2}


@dataclass(frozen=True)
class _Phrase:
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
    phrase_info: tuple[_Phrase, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phrases: list[str] = []
        info: list[_Phrase] = []
        for entry in self.stakeholders:
            for alias in entry.aliases:
                phrases.append(alias)
                info.append(_Phrase("alias", entry.id))
                for title in entry.title_entries:
                    for written in title_spellings(title.title):
                        phrases.append(f"{written} {alias}")
                        info.append(_Phrase("titled", entry.id, written))
            for phrase in entry.exclude:
                phrases.append(phrase)
                info.append(_Phrase("exclude", entry.id))
        object.__setattr__(self, "matcher", PhraseMatcher(phrases, case_sensitive=True))
        object.__setattr__(self, "phrase_info", tuple(info))

    @property
    def by_id(self) -> dict[str, StakeholderEntry]:
        """Entries by id."""
        return {s.id: s for s in self.stakeholders}

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


# -- mentions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StakeholderAnalysis:
    """All stakeholder tables of one article (columns in ``data/README.md``).

    Attributes:
        mentions: One row per mention, in text order.
        summary: One row per stakeholder named at least once, most mentioned first.
        co_mentions: One row per pair of stakeholders named in the same sentence.
        voice: One row per stakeholder named: quotations attributed and mentions.
        quotations: The quotations with the stakeholder each is linked to (or none).
        role_flags: Titles that contradict the registry's dated roles.
        discovered: Names the registry does not know, with a YAML snippet each.
        published: The date the role check used, or None (no check).
    """

    mentions: pd.DataFrame
    summary: pd.DataFrame
    co_mentions: pd.DataFrame
    voice: pd.DataFrame
    quotations: pd.DataFrame
    role_flags: pd.DataFrame
    discovered: pd.DataFrame
    published: date | None = None


MENTION_COLUMNS = [
    "stakeholder", "name", "type", "sentence", "kind", "section", "section_label", "role",
    "start", "end", "alias", "title", "position",
]


def find_mentions(article: Article, registry: Registry) -> tuple[pd.DataFrame, list[tuple[int, int]]]:
    """Every mention, sentence by sentence, and every span the registry consumed.

    Returns:
        The mentions table (columns :data:`MENTION_COLUMNS`) and the spans of all matches
        (mentions and excluded phrases), for discovery.
    """
    text = article.text
    roles = {r["sentence"]: r for r in sentence_role_rows(article)}
    entries = registry.by_id
    title_patterns: dict[str, re.Pattern[str]] = {}
    rows: list[dict[str, Any]] = []
    consumed: list[tuple[int, int]] = []
    length = len(text)
    for s in article.sentences:
        role = roles[s.id]
        for match in registry.matcher.finditer(text, s.start, s.end):
            consumed.append((match.start, match.end))
            # An exclude phrase wins; a title reading beats the same words as a bare alias.
            info = min((registry.phrase_info[i] for i in match.phrases), key=lambda p: _PHRASE_PRIORITY[p.kind])
            if info.kind == "exclude":
                continue
            entry = entries[info.stakeholder]
            alias_start, title = match.start, ""
            if info.kind == "titled":
                pattern = title_patterns.setdefault(info.title, compile_phrase(info.title, case_sensitive=True))
                written = pattern.match(text, match.start, match.end)
                if written is None:  # the trie and the phrase regex share the same units
                    raise AssertionError(f"title {info.title!r} not found at {match.start}")
                title = written.group(0)
                alias_start = written.end()
                while text[alias_start].isspace():
                    alias_start += 1
            rows.append(
                {
                    "stakeholder": entry.id,
                    "name": entry.name,
                    "type": entry.type,
                    "sentence": s.id,
                    "kind": s.kind,
                    "section": s.section,
                    "section_label": role["section_label"],
                    "role": role["role"],
                    "start": match.start,
                    "end": match.end,
                    "alias": text[alias_start : match.end],
                    "title": title,
                    "position": round(match.start / length, 4),
                }
            )
    mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS).astype({"section": "Int64"})
    check_mentions(article, mentions)
    return mentions, consumed


def check_mentions(article: Article, mentions: pd.DataFrame) -> None:
    """Check that every mention lies inside its sentence and that alias and title spell it.

    Raises:
        ValueError: Naming the first mention that breaks the invariant.
    """
    for row in mentions.itertuples():
        s = article.by_id[row.sentence]
        if not (s.start <= row.start < row.end <= s.end):
            raise ValueError(f"mention {row.Index} ({row.stakeholder}, {row.start}..{row.end}) is outside sentence {s.id}")
        span = article.text[row.start : row.end]
        if not span.endswith(row.alias) or not span.startswith(row.title):
            raise ValueError(f"mention {row.Index} ({row.stakeholder}): alias and title do not spell {span!r}")
        if not 0 <= row.position <= 1:
            raise ValueError(f"mention {row.Index} ({row.stakeholder}): position {row.position} is outside 0..1")


def _metadata_title_mentions(article: Article, registry: Registry) -> set[str]:
    """Stakeholders named in ``metadata.title`` when the title is not part of the text."""
    title = article.metadata.title
    named = set()
    for match in registry.matcher.finditer(title):
        info = min((registry.phrase_info[i] for i in match.phrases), key=lambda p: _PHRASE_PRIORITY[p.kind])
        if info.kind != "exclude":
            named.add(info.stakeholder)
    return named


def _summary(article: Article, mentions: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    columns = ["id", "name", "type", "mentions", "share", "first_sentence", "first_position",
               "in_title", "in_headings", "in_lead", "sections", "titles"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    title_in_text = title_sentence_id(article) is not None
    named_in_metadata_title = set() if title_in_text else _metadata_title_mentions(article, registry)
    total = len(mentions)
    rows = []
    for stakeholder, group in mentions.groupby("stakeholder", sort=False):
        first = group.iloc[0]
        sections = group.dropna(subset=["section"]).drop_duplicates("section")
        rows.append(
            {
                "id": stakeholder,
                "name": first["name"],
                "type": first["type"],
                "mentions": len(group),
                "share": round(len(group) / total, 4),
                "first_sentence": first["sentence"],
                "first_position": first["position"],
                "in_title": bool((group["role"] == "title").any()) or stakeholder in named_in_metadata_title,
                "in_headings": bool((group["role"] == "heading").any()),
                "in_lead": bool((group["role"] == "lead").any()),
                "sections": "; ".join(sections["section_label"]),
                "titles": "; ".join(t for t in dict.fromkeys(group["title"]) if t),
            }
        )
    summary = pd.DataFrame(rows, columns=columns)
    summary = summary.sort_values(["mentions", "first_position"], ascending=[False, True], kind="stable")
    if abs(summary["share"].sum() - 1) > 0.01 or not summary["share"].between(0, 1).all():
        raise ValueError("stakeholder shares must lie in 0..1 and sum to 1")
    return summary.reset_index(drop=True)


def _co_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    pairs: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], list[str]] = {}
    for sentence, group in mentions.groupby("sentence", sort=False):
        for a, b in combinations(sorted(set(group["stakeholder"])), 2):
            pairs[(a, b)] += 1
            where.setdefault((a, b), []).append(sentence)
    rows = [{"a": a, "b": b, "sentences": n, "sentence_ids": "; ".join(where[(a, b)])} for (a, b), n in pairs.items()]
    table = pd.DataFrame(rows, columns=["a", "b", "sentences", "sentence_ids"])
    return table.sort_values(["sentences", "a", "b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


# -- voice ----------------------------------------------------------------------------------

QUOTATION_LINK_COLUMNS = ["sentence", "quote_start", "quote_end", "speaker_text", "speaker_start", "speaker_end",
                          "stakeholder", "link"]


def link_quotations(article: Article, mentions: pd.DataFrame, quotations: pd.DataFrame) -> pd.DataFrame:
    """Attach each quotation to the stakeholder who speaks it, when the text says.

    Rules, in order: a speaker span that overlaps a mention is that stakeholder
    (``link = "mention"``, also for "a senior EU diplomat": the EU); a speaker "he" or
    "she" looks back over the quotation's sentence and the ``PRONOUN_WINDOW - 1``
    sentences before it and takes the speaker of the latest earlier quotation there, else
    the latest person mention unless an unknown capitalised name follows it
    (``"pronoun"``; see :func:`_resolve_pronoun`); other speakers are
    ``"unknown"`` (a name not in the registry, "they", "the official") and quotations
    without a speaker ``"none"``.

    Args:
        article: The article the quotations are from.
        mentions: Its mentions table.
        quotations: The table of :func:`presslens.analysis.quotes.find_quotations` (at least
            ``sentence``, ``quote_start``, ``quote_end``, ``speaker_text``,
            ``speaker_start``, ``speaker_end``).

    Returns:
        The quotation columns above plus ``stakeholder`` (id or None) and ``link``.
    """
    missing = [c for c in QUOTATION_LINK_COLUMNS[:6] if c not in quotations.columns]
    if missing:
        raise ValueError(f"quotations table lacks column(s) {', '.join(missing)}")
    order = {s.id: n for n, s in enumerate(article.sentences)}
    persons = mentions[mentions["type"] == "person"]
    rows: list[dict[str, Any]] = []
    linked_so_far = rows
    for q in quotations.itertuples():
        stakeholder, link = None, "none"
        if pd.notna(q.speaker_start) and pd.notna(q.speaker_end):
            start, end = int(q.speaker_start), int(q.speaker_end)
            overlapping = mentions[(mentions["start"] < end) & (mentions["end"] > start)]
            if len(overlapping):
                stakeholder, link = overlapping.iloc[-1]["stakeholder"], "mention"
            elif str(q.speaker_text).strip() in SINGULAR_PRONOUNS:
                stakeholder = _resolve_pronoun(article, mentions, persons, linked_so_far, order, q.sentence, start)
                link = "pronoun" if stakeholder else "unknown"
            else:
                link = "unknown"
        rows.append(
            {
                "sentence": q.sentence,
                "quote_start": int(q.quote_start),
                "quote_end": int(q.quote_end),
                "speaker_text": None if pd.isna(q.speaker_text) else q.speaker_text,
                "speaker_start": None if pd.isna(q.speaker_start) else int(q.speaker_start),
                "speaker_end": None if pd.isna(q.speaker_end) else int(q.speaker_end),
                "stakeholder": stakeholder,
                "link": link,
            }
        )
    return pd.DataFrame(rows, columns=QUOTATION_LINK_COLUMNS)


def _resolve_pronoun(article: Article, mentions: pd.DataFrame, persons: pd.DataFrame, earlier: list[dict[str, Any]],
                     order: dict[str, int], sentence: str, speaker_start: int) -> str | None:
    """The stakeholder a "he"/"she" speaker refers to, or None when unclear.

    Within the window, the speaker of the latest earlier quotation wins (a speaker goes
    on speaking); otherwise the latest person mention, unless a capitalised name the
    registry does not know comes after it (then the pronoun more likely means that
    unknown person, and None is returned).
    """
    here = order[sentence]

    def in_window(sid: str) -> bool:
        return here - PRONOUN_WINDOW < order[sid] <= here

    previous = [q for q in earlier if in_window(q["sentence"]) and q["speaker_start"] is not None
                and q["speaker_start"] < speaker_start]
    if previous:
        return previous[-1]["stakeholder"]
    window = persons[(persons["start"] < speaker_start) & persons["sentence"].map(in_window)]
    if window.empty:
        return None
    candidate = window.iloc[-1]
    text = article.text
    for m in _NAME_RUN.finditer(text, int(candidate["end"]), speaker_start):
        if not ((mentions["start"] < m.end()) & (mentions["end"] > m.start())).any():
            return None
    return candidate["stakeholder"]


def _voice(summary: pd.DataFrame, linked: pd.DataFrame) -> pd.DataFrame:
    quotes = linked["stakeholder"].dropna().value_counts()
    rows = [
        {
            "stakeholder": row.id,
            "name": row.name,
            "type": row.type,
            "quotes": int(quotes.get(row.id, 0)),
            "mentions": int(row.mentions),
            "speaks": bool(quotes.get(row.id, 0)),
        }
        for row in summary.itertuples()
    ]
    return pd.DataFrame(rows, columns=["stakeholder", "name", "type", "quotes", "mentions", "speaks"])


# -- role check -----------------------------------------------------------------------------


def title_office(title: TitleEntry, entry: StakeholderEntry) -> str | None:
    """The office a title names, among the stakeholder's roles, or None.

    An explicit ``office`` wins. Otherwise the leading qualifiers (former, ex-, the,
    late...) are dropped and the longest run of the title's last words that begins a
    role's title names it: "former U.S. President" names "President of the United States",
    "Vice President" names "Vice President of the United States" rather than "President
    of ...". Titles that begin no role ("Mr.", "President-elect") name no office.
    """
    if title.office:
        return title.office
    words = title.title.lower().split()
    while words and words[0] in _TITLE_QUALIFIERS:
        words = words[1:]
    offices = list(dict.fromkeys(role.title for role in entry.roles))
    for k in range(len(words), 0, -1):
        suffix = words[-k:]
        for office in offices:
            if office.lower().split()[:k] == suffix:
                return office
    return None


def is_former(title: str) -> bool:
    """Whether a title says the office is no longer held ("former President", "ex-minister")."""
    lower = title.lower()
    return lower.startswith(tuple(q + " " for q in FORMER_QUALIFIERS)) or lower.startswith("ex-")


def _period(roles: list[Role]) -> str:
    return ", ".join(f"{r.start} to {r.end}" if r.end else f"since {r.start}" for r in roles)


def title_spellings(title: str) -> list[str]:
    """A title as registered, plus its capitalised form when it starts in lower case.

    "former U.S. President" opens a sentence as "Former U.S. President"; titles otherwise
    match case-sensitively, like aliases.
    """
    capitalised = title[:1].upper() + title[1:]
    return [title] if capitalised == title else [title, capitalised]


ROLE_FLAG_COLUMNS = ["stakeholder", "name", "title", "office", "sentence", "text", "published", "in_quotation", "reason"]


def check_roles(
    mentions: pd.DataFrame,
    registry: Registry,
    article: Article,
    published: date,
    *,
    quotations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Flag titles that contradict the registry's dated roles on the publication date.

    A "former" title contradicts a role held that day, or an office never held before;
    another title naming an office contradicts not holding it that day. Titles that name
    no office (see :func:`title_office`) are not checked. A flag is a prompt to check,
    not a verdict: a title used about the past ("In 1997, President Bill Clinton") is
    flagged too, and so is a title inside a direct quotation, which is the speaker's
    courtesy rather than the writer's claim; ``in_quotation`` tells those apart.

    Args:
        mentions: The mentions table.
        registry: The registry with dated roles.
        article: The article.
        published: The date to check against.
        quotations: Direct quotations (``quote_start``, ``quote_end``), to mark flags inside them.

    Returns:
        Columns :data:`ROLE_FLAG_COLUMNS`.
    """
    entries = registry.by_id
    quoted = [] if quotations is None else list(zip(quotations["quote_start"], quotations["quote_end"], strict=True))
    rows = []
    for m in mentions[mentions["title"] != ""].itertuples():
        entry = entries[m.stakeholder]
        if not entry.roles:
            continue
        declared = {written: t for t in entry.title_entries for written in title_spellings(t.title)}
        written = " ".join(m.title.split())
        title = declared.get(written, TitleEntry(title=written))
        office = title_office(title, entry)
        if office is None:
            continue
        held = [r for r in entry.roles if r.title == office]
        active = any(r.active_on(published) for r in held)
        reason = None
        if is_former(written):
            if active:
                reason = f"called “{m.title}” but held {office} on {published} ({_period(held)})"
            elif not any(r.start <= published for r in held):
                reason = f"called “{m.title}” but had not yet held {office} on {published} ({_period(held)})"
        elif not active:
            reason = f"called “{m.title}” but did not hold {office} on {published} ({_period(held) or 'never'})"
        if reason:
            rows.append(
                {
                    "stakeholder": m.stakeholder,
                    "name": entry.name,
                    "title": m.title,
                    "office": office,
                    "sentence": m.sentence,
                    "text": article.sentence_text(m.sentence),
                    "published": published.isoformat(),
                    "in_quotation": any(start <= m.start < end for start, end in quoted),
                    "reason": reason,
                }
            )
    return pd.DataFrame(rows, columns=ROLE_FLAG_COLUMNS)


# -- discovery ------------------------------------------------------------------------------

_CAP_WORD = r"(?:[A-Z][a-z]{0,2}\.(?:[A-Z]\.)*|[A-Z][\w’'\-]*[\w])"
_CONNECTOR = r"(?:of|the|for|de|von|van|der|bin|la|du|al)"
_CONNECTOR_WORDS = set(_CONNECTOR.strip("(?:)").split("|"))
_NAME_RUN = re.compile(rf"(?<![\w’'\-]){_CAP_WORD}(?:[ \u00a0](?:{_CONNECTOR}[ \u00a0])?{_CAP_WORD})+(?![\w])")
_ACRONYM = re.compile(r"(?<![\w.\-’'])[A-Z]{2,6}(?![\w\-])")
#: Capitalised words that are not names when they open a run.
_ORDINARY = {
    "the", "a", "an", "and", "but", "or", "in", "on", "at", "for", "as", "after", "before", "with", "by", "from",
    "to", "of", "if", "when", "while", "this", "that", "these", "those", "its", "it", "he", "she", "they", "we",
    "his", "her", "their", "our", "last", "next", "yet", "so", "since", "until", "during", "among", "despite",
    "under", "over", "both", "all", "some", "many", "most", "more", "another", "other", "new", "former", "meanwhile",
    "however", "later", "earlier", "here", "there", "then", "also", "still", "now", "according",
}
_CALENDAR = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
}
#: All-capitals words that are not names.
_COMMON_ACRONYMS = {"CEO", "TV", "AM", "PM", "OK", "GMT", "BST", "EST", "PDF", "DNA", "II", "III", "IV", "UTC", "FAQ"}
_ORGANIZATION_WORDS = {
    "committee", "council", "department", "ministry", "party", "union", "agency", "bank", "court", "organization",
    "organisation", "group", "forces", "army", "institute", "university", "center", "centre", "office", "commission",
    "house", "academy", "fund", "company", "corporation", "association", "foundation", "service", "services", "news",
}
_PLACE_WORDS = {"sea", "europe", "asia", "africa", "river", "street", "camp", "base", "island", "islands", "region",
                "east", "west", "north", "south", "city", "province", "county", "valley", "gulf", "ocean", "strait"}


def _yaml_snippet(name: str, kind: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "unnamed"
    if kind == "acronym":
        guess = "organization"
    else:
        words = {w.lower().strip(".") for w in name.split()}
        guess = "organization" if words & _ORGANIZATION_WORDS else "place" if words & _PLACE_WORDS else "person"
    entry = [{"id": slug, "name": name, "type": guess, "aliases": [name]}]
    body = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, default_flow_style=None).rstrip()
    return body + f"  # type guessed: check it ({' | '.join(STAKEHOLDER_TYPES)})"


def discover_names(article: Article, consumed: list[tuple[int, int]]) -> pd.DataFrame:
    """Capitalised multi-word names and acronyms in body sentences that the registry missed.

    Title and headings are skipped (title case makes every word look like a name). A run
    whose first word opens its sentence loses that word when it is an ordinary word (a
    small list, or a word the article also writes in lower case). Runs made only of day
    and month names, and candidates that overlap a registry match, are left out.

    Returns:
        Columns ``name``, ``kind`` (name or acronym), ``count``, ``first_sentence``,
        ``yaml`` (an entry ready to paste under ``stakeholders:``), most frequent first.
    """
    text = article.text
    lower_words = {w for w in re.findall(r"\b[a-z][a-z’'\-]*\b", text)}
    spans = sorted(consumed)
    found: dict[tuple[str, str], dict[str, Any]] = {}

    def overlaps(start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in spans)

    for s in article.body_sentences:
        candidates: list[tuple[int, int, str]] = []
        for m in _NAME_RUN.finditer(text, s.start, s.end):
            start, words = m.start(), m.group(0).split()
            while words and (
                (start == s.start or text[s.start:start].strip() in {"", "“", '"', "‘", "("})
                and (words[0].lower() in _ORDINARY or words[0].lower() in lower_words or words[0].endswith("ly"))
            ):
                start += len(words[0]) + 1
                words = words[1:]
            while words and words[0].lower() in _ORDINARY:
                start += len(words[0]) + 1
                words = words[1:]
            if len(words) < 2 or all(w.lower().strip(".") in _CALENDAR or w in _CONNECTOR_WORDS for w in words):
                continue
            name = re.sub(r"[’']s$", "", " ".join(words))
            candidates.append((start, start + len(name), "name"))
        for m in _ACRONYM.finditer(text, s.start, s.end):
            if m.group(0) not in _COMMON_ACRONYMS:
                candidates.append((m.start(), m.end(), "acronym"))
        kept = [(start, end, kind) for start, end, kind in candidates if not overlaps(start, end)]
        for start, end, kind in kept:
            name = text[start:end]
            if kind == "acronym" and any(a <= start and end <= b for a, b, k in kept if k == "name"):
                continue
            record = found.setdefault((name, kind), {"name": name, "kind": kind, "count": 0, "first_sentence": s.id})
            record["count"] += 1
    rows = [{**r, "yaml": _yaml_snippet(r["name"], r["kind"])} for r in found.values()]
    table = pd.DataFrame(rows, columns=["name", "kind", "count", "first_sentence", "yaml"])
    return table.sort_values(["count", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


# -- the analysis ---------------------------------------------------------------------------


def analyze_stakeholders(
    article: Article,
    registry: Registry,
    *,
    published: date | None = None,
    quotations: pd.DataFrame | None = None,
) -> StakeholderAnalysis:
    """Find and measure every stakeholder mention in an article.

    Args:
        article: The structured article.
        registry: The stakeholder registry (:func:`load_registry`).
        published: The publication date for the role check; ``metadata.published`` when
            None. Without either date the role check is skipped (empty ``role_flags``).
        quotations: Direct quotations as found by :func:`presslens.analysis.quotes.find_quotations`;
            when None they are found here.

    Returns:
        A :class:`StakeholderAnalysis`; mentions are checked to lie inside their sentence
        and shares to sum to 1.
    """
    mentions, consumed = find_mentions(article, registry)
    summary = _summary(article, mentions, registry)
    if quotations is None:
        from presslens.analysis.quotes import find_quotations

        quotations = find_quotations(article)
    linked = link_quotations(article, mentions, quotations)
    day = published or article.metadata.published
    role_flags = (
        check_roles(mentions, registry, article, day, quotations=quotations)
        if day is not None
        else pd.DataFrame(columns=ROLE_FLAG_COLUMNS)
    )
    return StakeholderAnalysis(
        mentions=mentions,
        summary=summary,
        co_mentions=_co_mentions(mentions),
        voice=_voice(summary, linked),
        quotations=linked,
        role_flags=role_flags,
        discovered=discover_names(article, consumed),
        published=day,
    )


def stakeholders_json(analysis: StakeholderAnalysis) -> list[dict[str, Any]]:
    """The ``stakeholders`` list of ``presslens analyze --json``.

    Returns:
        ``[{"id", "name", "type", "mentions", "first_sentence", "titles"}]``, most
        mentioned first; ``titles`` lists the titles the article gives, as written.
    """
    titles = analysis.mentions.groupby("stakeholder")["title"].agg(lambda t: [x for x in dict.fromkeys(t) if x])
    return [
        {
            "id": row.id,
            "name": row.name,
            "type": row.type,
            "mentions": int(row.mentions),
            "first_sentence": row.first_sentence,
            "titles": titles.get(row.id, []),
        }
        for row in analysis.summary.itertuples()
    ]


def co_mentions_json(analysis: StakeholderAnalysis) -> list[dict[str, Any]]:
    """The ``co_mentions`` list of ``presslens analyze --json``: ``[{"a", "b", "sentences"}]``."""
    return [{"a": r.a, "b": r.b, "sentences": int(r.sentences)} for r in analysis.co_mentions.itertuples()]


def section_labels(article: Article) -> list[str]:
    """Section labels in order (for charts that need every section, named or not)."""
    return [section_label(article, k) for k in range(len(article.sections))]
