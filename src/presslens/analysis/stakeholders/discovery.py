"""Discovery: capitalised names and acronyms the stakeholder registry does not know.

Each candidate comes with its count, the first sentence it appears in and a YAML entry,
ready to paste under ``stakeholders:``, whose type is guessed from its words (to be
checked by a person). Spans the registry already matched are never candidates.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd
import yaml

from presslens.analysis.stakeholders.registry import STAKEHOLDER_TYPES
from presslens.model import Article
from presslens.vocabulary import MONTHS, WEEKDAYS

#: A run of capitalised words: a name the registry may not know.
CAP_WORD = r"(?:[A-Z][a-z]{0,2}\.(?:[A-Z]\.)*|[A-Z][\w’'\-]*[\w])"
NAME_CONNECTOR = r"(?:of|the|for|de|von|van|der|bin|la|du|al)"
NAME_RUN = re.compile(rf"(?<![\w’'\-]){CAP_WORD}(?:[ \u00a0](?:{NAME_CONNECTOR}[ \u00a0])?{CAP_WORD})+(?![\w])")
#: The same runs, found faster: the capital comes first, so the regex engine tries a run only at a
#: capital letter, and the lookbehind then checks the character before it.
_NAME_RUN_SCAN = re.compile(
    rf"[A-Z](?<![\w’'\-][A-Z])(?:[a-z]{{0,2}}\.(?:[A-Z]\.)*|[\w’'\-]*[\w])"
    rf"(?:[ \u00a0](?:{NAME_CONNECTOR}[ \u00a0])?{CAP_WORD})+(?![\w])"
)
_CONNECTOR_WORDS = set(NAME_CONNECTOR.strip("(?:)").split("|"))
#: Capital first, then the boundary behind it (see :data:`_NAME_RUN_SCAN`): ``(?<![\w.\-’'])[A-Z]{2,6}(?![\w\-])``.
_ACRONYM = re.compile(r"[A-Z](?<![\w.\-’'][A-Z])[A-Z]{1,5}(?![\w\-])")
#: Capitalised words that are not names when they open a run.
_ORDINARY = {
    "the", "a", "an", "and", "but", "or", "in", "on", "at", "for", "as", "after", "before", "with", "by", "from",
    "to", "of", "if", "when", "while", "this", "that", "these", "those", "its", "it", "he", "she", "they", "we",
    "his", "her", "their", "our", "last", "next", "yet", "so", "since", "until", "during", "among", "despite",
    "under", "over", "both", "all", "some", "many", "most", "more", "another", "other", "new", "former", "meanwhile",
    "however", "later", "earlier", "here", "there", "then", "also", "still", "now", "according",
}
_CALENDAR = {w.lower() for w in (*WEEKDAYS, *MONTHS)}
#: All-capitals words that are not names.
_COMMON_ACRONYMS = {"CEO", "TV", "AM", "PM", "OK", "GMT", "BST", "EST", "PDF", "DNA", "II", "III", "IV", "UTC", "FAQ"}
_ORGANIZATION_WORDS = {
    "committee", "council", "department", "ministry", "party", "union", "agency", "bank", "court", "organization",
    "organisation", "group", "forces", "army", "institute", "university", "center", "centre", "office", "commission",
    "house", "academy", "fund", "company", "corporation", "association", "foundation", "service", "services", "news",
}
_PLACE_WORDS = {"sea", "europe", "asia", "africa", "river", "street", "camp", "base", "island", "islands", "region",
                "east", "west", "north", "south", "city", "province", "county", "valley", "gulf", "ocean", "strait"}


def yaml_snippet(name: str, kind: str) -> str:
    """A registry entry for a discovered name, ready to paste under ``stakeholders:``, its type guessed."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "unnamed"
    entry = [{"id": slug, "name": name, "type": guess_type(name, kind), "aliases": [name]}]
    body = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False, default_flow_style=None).rstrip()
    return body + f"  # type guessed: check it ({' | '.join(STAKEHOLDER_TYPES)})"


_LOWER_WORD = re.compile(r"\b[a-z][a-z’'\-]*\b")


def discover_names(article: Article, consumed: list[tuple[int, int]]) -> pd.DataFrame:
    """:func:`discovered_records` as a table, with the ``yaml`` snippet of each name."""
    return discovered_frame(discovered_records(article, consumed))


DISCOVERED_COLUMNS = ["name", "kind", "count", "first_sentence", "yaml"]


def discovered_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The ``discovered_names`` table from discovered rows; the YAML snippets are made here."""
    full = [{**r, "yaml": yaml_snippet(r["name"], r["kind"])} for r in rows]
    return pd.DataFrame(full, columns=DISCOVERED_COLUMNS)


class SpanIndex:
    """Spans (start, end), sorted once, answering "does any of them overlap ``start..end``?" by one bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # the furthest end among ordered[:k + 1]
        furthest = -1
        for _, b in ordered:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span ``a..b`` with ``a < end`` and ``start < b`` is among them."""
        k = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return k > 0 and self.reach[k - 1] > start


class NameCandidate(NamedTuple):
    """A name the registry did not match, where it stands: ``text[start:end]`` is ``name``."""

    start: int
    end: int
    name: str
    kind: str  # "name" or "acronym"
    sentence: str


_OPENING_MARKS = frozenset({"", "“", '"', "‘", "("})


def _only_marks_before(text: str, sentence_start: int, start: int) -> bool:
    """Whether only spaces and at most one opening mark ("“", "(") stand between the sentence start
    and ``start``: read from the last stretch, so that a long sentence stays linear."""
    lo = max(sentence_start, start - 64)
    if text[lo:start].strip() not in _OPENING_MARKS:
        return False
    return lo == sentence_start or text[sentence_start:start].strip() in _OPENING_MARKS


def name_candidates(article: Article, consumed: list[tuple[int, int]],
                    body: Sequence[Any] | None = None) -> list[NameCandidate]:
    """Capitalised multi-word names and acronyms in body sentences that the registry missed, in text order.

    Title and headings are skipped (title case makes every word look like a name). A run
    whose first word opens its sentence loses that word when it is an ordinary word (a
    small list, or a word the article also writes in lower case). Runs made only of day
    and month names, and candidates that overlap a registry match, are left out; so is an
    acronym inside a name.
    """
    text = article.text
    lower_words: set[str] | None = None
    overlaps = SpanIndex(consumed).overlaps
    found: list[NameCandidate] = []
    for s in (article.body_sentences if body is None else body):
        candidates: list[tuple[int, int, str]] = []
        for m in _NAME_RUN_SCAN.finditer(text, s.start, s.end):
            start, words = m.start(), m.group(0).split()
            while words and (start == s.start or _only_marks_before(text, s.start, start)):
                first = words[0].lower()
                if first not in _ORDINARY and not words[0].endswith("ly"):
                    if first not in text:
                        break  # never written in lower case: a name
                    if lower_words is None:
                        lower_words = set(_LOWER_WORD.findall(text))
                    if first not in lower_words:
                        break
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
            if kind == "acronym" and any(a <= start and end <= b for a, b, k in kept if k == "name"):
                continue
            found.append(NameCandidate(start, end, text[start:end], kind, s.id))
    return found


def discovered_records(article: Article, consumed: list[tuple[int, int]], body: Sequence[Any] | None = None,
                       *, candidates: list[NameCandidate] | None = None) -> list[dict[str, Any]]:
    """The names of :func:`name_candidates` counted: ``name``, ``kind``, ``count``, ``first_sentence``, most frequent first."""
    if candidates is None:
        candidates = name_candidates(article, consumed, body)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for c in candidates:
        record = found.setdefault((c.name, c.kind), {"name": c.name, "kind": c.kind, "count": 0, "first_sentence": c.sentence})
        record["count"] += 1
    return sorted(found.values(), key=lambda r: (-r["count"], r["name"]))


def guess_type(name: str, kind: str) -> str:
    """The stakeholder type a discovered name most likely has: organization, place or person (to be checked)."""
    if kind == "acronym":
        return "organization"
    words = {w.lower().strip(".") for w in name.split()}
    return "organization" if words & _ORGANIZATION_WORDS else "place" if words & _PLACE_WORDS else "person"
