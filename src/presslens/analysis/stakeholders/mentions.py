"""Stakeholder mentions and what they add up to: per stakeholder, and pairs named together.

A *mention* is defined by the shared engine in :mod:`presslens.analysis.matching`: aliases
match case-sensitively at word boundaries (possessives and hyphenated compounds count), the
leftmost-longest match wins across the whole registry, an ``exclude`` phrase consumes its
words for no one, and a title from the stakeholder's own ``titles`` directly before an alias
is part of the mention. Mentions are counted in the whole article: title, headings, body
and list items. Rows are plain records here; :mod:`presslens.analysis.stakeholders` turns
them into the tables users see.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any

import pandas as pd

from presslens.analysis.facts import SentenceFacts
from presslens.analysis.matching import compile_phrase
from presslens.analysis.records import records_frame
from presslens.analysis.stakeholders.discovery import NAME_RUN, SpanIndex, guess_type
from presslens.analysis.stakeholders.registry import Registry
from presslens.model import Article

MENTION_COLUMNS = [
    "stakeholder", "name", "type", "sentence", "kind", "section", "section_label", "role",
    "start", "end", "alias", "title", "position",
]
SUMMARY_COLUMNS = ["id", "name", "type", "mentions", "share", "first_sentence", "first_position",
                   "in_title", "in_headings", "in_lead", "sections", "titles"]
CO_MENTION_COLUMNS = ["a", "b", "sentences", "sentence_ids"]

_title_patterns: dict[str, re.Pattern[str]] = {}
#: Head words of the proper name of a body ("Federal Protective Service of ..."): an alias right after
#: "<Head> of (the)" is a name inside another proper name and counts for no one.
PROPER_NAME_HEADS = ("Academy", "Agency", "Bank", "Bureau", "College", "Foundation", "Fund", "Institute",
                     "Museum", "School", "Service", "University")
_INSIDE_PROPER_NAME = re.compile(r"\b(?:" + "|".join(PROPER_NAME_HEADS) + r")\s+of\s+(?:the\s+)?$")
# "the Departments of Commerce and State": one plural head shared by coordinated bodies.
_COORDINATED_BODIES = re.compile(
    r"\b(?P<head>Departments|Ministries|Committees)\s+of\s+(?:the\s+)?(?P<a>[A-Z][\w\-]*)\s+and\s+(?:the\s+)?(?P<b>[A-Z][\w\-]*)\b"
)
_SINGULAR = {"Departments": "Department", "Ministries": "Ministry", "Committees": "Committee"}
# "Joe and Hunter Biden": a first name coordinated with another person's full name.
_COORDINATED_FIRST_NAME = re.compile(r"\b(?P<first>[A-Z][a-z]+)\s+and\s+$")


def mention_records(article: Article, registry: Registry, facts: SentenceFacts) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """Every mention, sentence by sentence, and every span the registry consumed.

    A short form counts only after the stakeholder's full mention; the dateline's place in
    capitals counts; a country directly before a person's title is part of that title; an alias
    right after "<Head> of (the)" (:data:`PROPER_NAME_HEADS`) is inside another proper name and
    counts for no one; a first name coordinated with a person's full name ("Joe and Hunter
    Biden") is a mention when first name and surname are a person's alias; a first name alone
    after the person's full name ("the Gordon problem") is a mention of that person; bodies
    sharing a plural head ("the Departments of Commerce and State") are each a mention when the
    singular ("Department of State") is an alias.

    Returns:
        The mention rows (keys :data:`MENTION_COLUMNS`, text order) and the spans of all
        matches (mentions and excluded phrases), for discovery.
    """
    registry = registry.for_language(article.metadata.language)
    text = article.text
    entries = registry.by_id
    finditer = registry.matcher.finditer
    rows: list[dict[str, Any]] = []
    consumed: list[tuple[int, int]] = []
    length = len(text)
    named: set[str] = set()  # stakeholders named in full so far, for short forms
    for f in facts.rows:
        for match in finditer(text, f.start, f.end):
            consumed.append((match.start, match.end))
            info = registry.reading(match.phrases)
            if info.kind == "exclude" or (info.kind == "short" and info.stakeholder not in named):
                continue
            if info.kind != "short":
                named.add(info.stakeholder)
            if _INSIDE_PROPER_NAME.search(text, max(f.start, match.start - 60), match.start):
                continue  # "Federal Protective Service of the Russian Federation"
            entry = entries[info.stakeholder]
            alias_start, title = match.start, ""
            if info.kind == "titled":
                pattern = _title_patterns.get(info.title)
                if pattern is None:
                    pattern = _title_patterns[info.title] = compile_phrase(info.title, case_sensitive=True)
                written = pattern.match(text, match.start, match.end)
                if written is None:  # the trie and the phrase regex share the same units
                    raise AssertionError(f"title {info.title!r} not found at {match.start}")
                title = written.group(0)
                alias_start = written.end()
                while text[alias_start].isspace():
                    alias_start += 1
            rows.append({
                "stakeholder": entry.id, "name": entry.name, "type": entry.type, "sentence": f.id, "kind": f.kind,
                "section": f.section, "section_label": f.section_label, "role": f.role, "start": match.start,
                "end": match.end, "alias": text[alias_start : match.end], "title": title,
                "position": round(match.start / length, 4),
            })
    rows = _dateline_mention(article, registry, facts, rows, consumed) + rows
    rows = _fold_countries_into_titles(text, rows, registry.title_words)
    rows = _coordinated_first_names(text, rows, registry, consumed)
    rows = _coordinated_bodies(text, rows, registry, facts, consumed)
    return _first_names_alone(text, rows, facts, consumed), consumed


_DATELINE_WORD = re.compile(r"[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+)*")


def _dateline_mention(article: Article, registry: Registry, facts: SentenceFacts, rows: list[dict[str, Any]],
                      consumed: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """The dateline's place in capitals ("MOSCOW (Reuters) -") as a mention of the country or place it spells."""
    place = article.metadata.dateline
    if not place or not facts.body:
        return []
    first = facts.body[0]
    text = article.text
    m = _DATELINE_WORD.match(text, first.start, first.end)
    if m is None or not place.startswith(m.group(0)):
        return []
    stakeholder = registry.place_aliases.get(m.group(0).lower())
    if stakeholder is None or any(a < m.end() and m.start() < b for a, b in consumed):
        return []
    consumed.append(m.span())
    entry = registry.by_id[stakeholder]
    return [{
        "stakeholder": entry.id, "name": entry.name, "type": entry.type, "sentence": first.id, "kind": first.kind,
        "section": first.section, "section_label": first.section_label, "role": first.role, "start": m.start(),
        "end": m.end(), "alias": m.group(0), "title": "", "position": round(m.start() / len(text), 4),
    }]


_TITLE_GAP = re.compile(r"[\s\u00a0]+")


#: How far around a first name :func:`_first_names_alone` reads its neighbouring words.
_NEAR = 200
_ONLY_QUOTES = re.compile(r"[“\"(]*$")


def _first_names_alone(text: str, rows: list[dict[str, Any]], facts: SentenceFacts,
                        consumed: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """A person's first name alone, after their full name ("the Gordon problem" after "Gordon Roe").

    Only a first name that belongs to one person named in full in the article, not opening its
    sentence, not next to another capitalised word ("Gordon Brown") other than "The".
    """
    owners: dict[str, set[str]] = {}
    first_seen: dict[str, int] = {}
    template: dict[str, dict[str, Any]] = {}
    for row in rows:
        words = row["alias"].split()
        if row["type"] != "person" or len(words) < 2 or not re.fullmatch(r"[A-Z][a-z]{2,}", words[0]):
            continue
        owners.setdefault(words[0], set()).add(row["stakeholder"])
        first_seen.setdefault(words[0], row["start"])
        template.setdefault(words[0], row)
    names = sorted(n for n, ids in owners.items() if len(ids) == 1)
    if not names:
        return rows
    pattern = re.compile(r"(?<![\w’'\-])(?:" + "|".join(names) + r")(?![\w’'\-])")
    taken = SpanIndex(consumed)  # the spans matched before; those added here never overlap a later match
    added = []
    for f in facts.rows:
        for m in pattern.finditer(text, f.start, f.end):
            first = m.group(0)
            if m.start() < first_seen[first] or taken.overlaps(m.start(), m.end()):
                continue
            # the words next to the name, read from a stretch around it so a long sentence stays linear
            lo, hi = max(f.start, m.start() - _NEAR), min(f.end, m.end() + _NEAR)
            before, after = text[lo : m.start()].split(), text[m.end() : hi].split()
            if lo > f.start and (len(before) < 2 or _ONLY_QUOTES.match(" ".join(before))):
                before = text[f.start : m.start()].split()
            if hi < f.end and not after:
                after = text[m.end() : f.end].split()
            if not before or _ONLY_QUOTES.match(" ".join(before)):
                continue  # opens its sentence: could be any word
            if after and after[0][:1].isupper() or before[-1].strip("“\"(")[:1].isupper() and before[-1].strip("“\"(") != "The":
                continue
            consumed.append(m.span())
            added.append({**template[first], "sentence": f.id, "kind": f.kind, "section": f.section,
                          "section_label": f.section_label, "role": f.role, "start": m.start(), "end": m.end(),
                          "alias": first, "title": "", "position": round(m.start() / len(text), 4)})
    return sorted(rows + added, key=lambda r: r["start"]) if added else rows


def _coordinated_bodies(text: str, rows: list[dict[str, Any]], registry: Registry, facts: SentenceFacts,
                        consumed: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """"the Departments of Commerce and State" names each body whose singular ("Department of State") is an alias."""
    added = []
    for f in facts.rows:
        for m in _COORDINATED_BODIES.finditer(text, f.start, f.end):
            for group in ("a", "b"):
                if any(a < m.end(group) and m.start(group) < b for a, b in consumed):
                    continue
                candidate = f"{_SINGULAR[m.group('head')]} of {m.group(group)}"
                matches = [x for x in registry.matcher.finditer(candidate) if x.start == 0 and x.end == len(candidate)]
                info = registry.reading(matches[0].phrases) if matches else None
                if info is None or info.kind != "alias":
                    continue
                entry = registry.by_id[info.stakeholder]
                consumed.append(m.span(group))
                added.append({
                    "stakeholder": entry.id, "name": entry.name, "type": entry.type, "sentence": f.id, "kind": f.kind,
                    "section": f.section, "section_label": f.section_label, "role": f.role, "start": m.start(group),
                    "end": m.end(group), "alias": m.group(group), "title": "",
                    "position": round(m.start(group) / len(text), 4),
                })
    return sorted(rows + added, key=lambda r: r["start"]) if added else rows


def _coordinated_first_names(text: str, rows: list[dict[str, Any]], registry: Registry,
                             consumed: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """"Joe and Hunter Biden" names Joe Biden too, when "Joe Biden" is a person's alias in the registry."""
    added = []
    for row in rows:
        if row["type"] != "person" or row["title"] or len(row["alias"].split()) < 2:
            continue
        m = _COORDINATED_FIRST_NAME.search(text, max(0, row["start"] - 40), row["start"])
        if m is None:
            continue
        candidate = f"{m.group('first')} {row['alias'].split()[-1]}"
        matches = [x for x in registry.matcher.finditer(candidate) if x.start == 0 and x.end == len(candidate)]
        if not matches:
            continue
        info = registry.reading(matches[0].phrases)
        entry = registry.by_id[info.stakeholder]
        if info.kind != "alias" or entry.type != "person" or entry.id == row["stakeholder"]:
            continue
        consumed.append(m.span("first"))
        added.append({**row, "stakeholder": entry.id, "name": entry.name, "start": m.start("first"),
                      "end": m.end("first"), "alias": m.group("first"),
                      "position": round(m.start("first") / len(text), 4)})
    return sorted(rows + added, key=lambda r: r["start"]) if added else rows


def _fold_countries_into_titles(text: str, rows: list[dict[str, Any]], title_words: frozenset[str]) -> list[dict[str, Any]]:
    """A country directly before a person's title and name belongs to the title (the registry's "U.S." rule).

    "U.S. Secretary of State Marco Rubio": the words between the country and the person's
    mention are all title words of the registry (or there are none, the title being part of
    the person's mention already), so the country mention is dropped and the person's
    mention starts at the country, its title now "U.S. Secretary of State".
    """
    folded: list[dict[str, Any]] = []
    skip = -1
    for n, row in enumerate(rows):
        if n == skip:
            continue
        nxt = rows[n + 1] if n + 1 < len(rows) else None
        if row["type"] == "country" and nxt is not None and nxt["type"] == "person" and nxt["sentence"] == row["sentence"]:
            between = text[row["end"] : nxt["start"]]
            words = between.split()
            if between[:1].isspace() and all(w.lower().strip(".,") in title_words for w in words) and (
                words or nxt["title"]
            ):
                merged = dict(nxt)
                merged["start"] = row["start"]
                merged["title"] = text[row["start"] : nxt["end"] - len(nxt["alias"])].rstrip()
                merged["position"] = row["position"]
                folded.append(merged)
                skip = n + 1
                continue
        if row["type"] == "country" and _before_unregistered_person(text, row["end"], title_words):
            continue  # "U.S. Deputy Envoy Jane Roe": the country is part of the title of a person the registry lacks
        folded.append(row)
    return folded




def _before_unregistered_person(text: str, end: int, title_words: frozenset[str]) -> bool:
    """Whether registry title words and then a person's name (two or more capitalised words) follow ``end``."""
    pos = end
    words = 0
    while True:
        gap = _TITLE_GAP.match(text, pos)
        if gap is None:
            return False
        word = re.match(r"[\w.’'\-]+", text[gap.end() : gap.end() + 40])
        if word is None:
            return False
        if word.group(0).lower().strip(".") not in title_words:
            break
        pos = gap.end() + word.end()
        words += 1
        if words > 6:
            return False
    if words == 0:
        return False
    name = NAME_RUN.match(text, _TITLE_GAP.match(text, pos).end())
    return name is not None and guess_type(name.group(0), "name") == "person"


def mentions_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The mentions table from mention rows."""
    return records_frame(rows, MENTION_COLUMNS, {"section": "Int64"})


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


def metadata_title_mentions(article: Article, registry: Registry) -> set[str]:
    """Stakeholders named in ``metadata.title`` (for an article whose title is not part of its text)."""
    named = set()
    for match in registry.matcher.finditer(article.metadata.title):
        info = registry.reading(match.phrases)
        if info.kind != "exclude":
            named.add(info.stakeholder)
    return named


def summary_records(article: Article, mentions: list[dict[str, Any]], registry: Registry,
                    facts: SentenceFacts) -> list[dict[str, Any]]:
    """One row per stakeholder named at least once (keys :data:`SUMMARY_COLUMNS`), most mentioned first.

    Raises:
        ValueError: If the shares do not lie in 0..1 or do not sum to 1.
    """
    if not mentions:
        return []
    named_in_metadata_title = set() if facts.title_id is not None else metadata_title_mentions(article, registry)
    total = len(mentions)
    groups: dict[str, list[dict[str, Any]]] = {}
    for m in mentions:
        groups.setdefault(m["stakeholder"], []).append(m)
    rows = []
    for stakeholder, group in groups.items():
        first = group[0]
        sections: dict[int, str] = {}
        for m in group:
            if m["section"] is not None and m["section"] not in sections:
                sections[m["section"]] = m["section_label"]
        roles = {m["role"] for m in group}
        rows.append({
            "id": stakeholder, "name": first["name"], "type": first["type"], "mentions": len(group),
            "share": round(len(group) / total, 4), "first_sentence": first["sentence"],
            "first_position": first["position"],
            "in_title": "title" in roles or stakeholder in named_in_metadata_title,
            "in_headings": "heading" in roles, "in_lead": "lead" in roles,
            "sections": "; ".join(sections.values()),
            "titles": "; ".join(t for t in dict.fromkeys(m["title"] for m in group) if t),
        })
    rows.sort(key=lambda r: (-r["mentions"], r["first_position"]))
    shares = [r["share"] for r in rows]
    if abs(sum(shares) - 1) > 0.01 or not all(0 <= s <= 1 for s in shares):
        raise ValueError("stakeholder shares must lie in 0..1 and sum to 1")
    return rows


def co_mention_records(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per pair of stakeholders named in the same sentence (keys :data:`CO_MENTION_COLUMNS`).

    Pairs are ordered by id (``a`` < ``b``); rows by sentences (most first), then ``a``, ``b``.
    """
    by_sentence: dict[str, set[str]] = {}
    for m in mentions:
        by_sentence.setdefault(m["sentence"], set()).add(m["stakeholder"])
    where: dict[tuple[str, str], list[str]] = {}
    for sentence, named in by_sentence.items():
        for pair in combinations(sorted(named), 2):
            where.setdefault(pair, []).append(sentence)
    rows = [{"a": a, "b": b, "sentences": len(ids), "sentence_ids": "; ".join(ids)} for (a, b), ids in where.items()]
    rows.sort(key=lambda r: (-r["sentences"], r["a"], r["b"]))
    return rows
