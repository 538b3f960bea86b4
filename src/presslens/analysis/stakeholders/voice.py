"""Voice: which stakeholder speaks each direct quotation, and who is quoted at all.

Quotations come from :mod:`presslens.analysis.quotes` with the speaker as the text gives it
("Holmes", "the official", "she"). Here a speaker is linked to a registry stakeholder: by
the mention it overlaps, or, for "he"/"she", by looking back a few sentences. The voice
table then counts, per stakeholder named, the quotations attributed and the mentions.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd

from presslens.analysis.records import records_frame
from presslens.analysis.stakeholders.discovery import NAME_RUN, NameCandidate, guess_type
from presslens.model import Article

#: Speaker pronouns resolved to the nearest preceding person mention.
SINGULAR_PRONOUNS = {"he", "she", "He", "She"}
#: How many sentences back (the quotation's own sentence included) a pronoun looks for an earlier
#: quotation whose speaker goes on speaking; a person named is looked for in the whole text before it.
PRONOUN_WINDOW = 3

#: Heads of a definite description that names one office holder ("the foreign secretary", "the Chancellor"):
#: such a speaker is the person the text has named in that office, resolved like "he" or "she".
OFFICE_HEADS = {"secretary", "minister", "chancellor", "president", "premier", "leader", "chairman",
                "chairwoman", "mayor", "governor", "commissioner", "ambassador", "envoy"}
#: Words that may open a sentence before its subject ("But Mr Blair said", "Last week Lord Goldsmith said").
SUBJECT_OPENERS = {"and", "but", "so", "yet", "meanwhile", "earlier", "later", "now", "however", "instead",
                   "last", "week", "month", "year", "on", "in", "at", "then", "also", "the", "a", "an"}
# A person followed by a reporting verb is the subject that speaks ("..., Lord Goldsmith said in a statement").
_REPORTING_AFTER = re.compile(
    r"(?:,[^,.;:“”\"]{1,80},)?,?\s+(?:(?:also|then|later|has|had|have)\s+){0,2}"
    r"(?:said|says|told|tells|added|adds|argued|argues|warned|insisted|claimed|stated|explained|wrote|"
    r"continued|admitted|acknowledged|denied|stressed|confirmed|believes|thinks|suggests|criticises|criticized)\b"
)

#: Mention types that are bodies, which "it" or "the ministry" can stand for.
BODY_TYPES = {"organization", "group", "country"}

QUOTATION_LINK_COLUMNS = ["sentence", "quote_start", "quote_end", "speaker_text", "speaker_start", "speaker_end",
                          "stakeholder", "speaker_name", "link"]
#: The ``type`` of a voice row for a speaker the registry does not know.
UNREGISTERED = "unregistered"
VOICE_COLUMNS = ["stakeholder", "name", "type", "quotes", "mentions", "speaks"]



def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def link_records(article: Article, mentions: list[dict[str, Any]], quotations: list[dict[str, Any]],
                 order: dict[str, int], *, names: Sequence[NameCandidate] = (),
                 title_words: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """Attach each quotation to the person who speaks it (rows keyed :data:`QUOTATION_LINK_COLUMNS`).

    Rules, in order:

    * a speaker span that overlaps a registry mention is that stakeholder (``link =
      "mention"``, also for "a senior EU diplomat": the EU);
    * a speaker "he" or "she" looks back over the quotation's sentence and the
      ``PRONOUN_WINDOW - 1`` sentences before it: the speaker of the latest earlier
      quotation there goes on speaking; otherwise the nearest person named anywhere before the
      pronoun (issue 12: however many sentences back), whether the registry knows them (a person mention) or not (a name that
      discovery found and takes for a person) (``"pronoun"``); when the earlier quotation's
      speaker is no named person ("a senior EU diplomat"), the pronoun stays unresolved;
    * other speakers are ``"unknown"`` (a name not in the registry, "they", "the official"),
      quotations without a speaker ``"none"``.

    ``speaker_name`` is the person as resolved: the registry's name, or the name the text
    gives (the speaker's own name run with leading title words dropped, "Kaja Kallas" in
    "the EU's foreign policy chief Kaja Kallas"; a surname alone is the full name it
    belongs to earlier, "Indyk" after "Martin Indyk"), or the resolved pronoun's name; null when
    the text names nobody ("the official", "they"). ``speaker_text`` keeps the written form.

    Args:
        article: The article the quotations are from.
        mentions: Its mention rows, in text order.
        quotations: Quotation rows (at least ``sentence``, ``quote_start``, ``quote_end``,
            ``speaker_text``, ``speaker_start``, ``speaker_end``).
        order: The position of each sentence id in the article.
        names: Discovered names (:func:`.discovery.name_candidates`), for pronouns that
            refer to a person the registry lacks.
        title_words: Lower-case words of the registry's titles, dropped from the front of a
            speaker's name run.
    """
    starts: list[int] | None = [m["start"] for m in mentions]
    if any(a > b for a, b in zip(starts, starts[1:])):
        starts = None  # not in text order: no bisection
    persons = [(m["start"], m["end"], m["sentence"], m["stakeholder"], m["name"]) for m in mentions if m["type"] == "person"]
    persons += [(c.start, c.end, c.sentence, None, c.name) for c in names
                if c.kind == "name" and guess_type(c.name, c.kind) == "person"]
    persons.sort(key=lambda p: p[0])
    full_names = _full_names(p[4] for p in persons)
    persons = _with_surnames(article, persons, full_names)
    subjects = [p for p in persons if _is_subject(article, p[0], p[1], p[2], title_words)]
    bodies = [(m["start"], m["end"], m["sentence"], m["stakeholder"], m["name"]) for m in mentions
              if m["type"] in BODY_TYPES]
    bodies += [(c.start, c.end, c.sentence, None, c.name) for c in names if guess_type(c.name, c.kind) == "organization"]
    bodies.sort(key=lambda b: b[0])
    body_starts = [b[0] for b in bodies]
    rows: list[dict[str, Any]] = []
    by_span: dict[tuple[int, int], dict[str, Any]] = {}
    for q in quotations:
        stakeholder, name, link = None, None, "none"
        speaker_start, speaker_end = q["speaker_start"], q["speaker_end"]
        if not _missing(speaker_start) and not _missing(speaker_end) and (int(speaker_start), int(speaker_end)) in by_span:
            # a quotation that goes on in the words of an earlier one's speaker (the same written
            # speaker) is that speaker's, however "he" is resolved later on
            same = by_span[(int(speaker_start), int(speaker_end))]
            stakeholder, name, link = same["stakeholder"], same["speaker_name"], same["link"]
        elif not _missing(speaker_start) and not _missing(speaker_end):
            start, end = int(speaker_start), int(speaker_end)
            overlapping = _overlapping(mentions, starts, start, end)
            written = _written_name(str(q["speaker_text"]), title_words)
            if written is not None and " " not in written:
                written = full_names.get(written, written)  # "Indyk" after "Martin Indyk"
            if overlapping is not None and (overlapping["type"] == "person" or written is None
                                            or _overlapping(mentions, starts, start, end, person=True) is not None):
                person = _overlapping(mentions, starts, start, end, person=True)
                chosen = person if person is not None else overlapping
                stakeholder, name, link = chosen["stakeholder"], chosen["name"], "mention"
            elif overlapping is not None:
                # "the EU's foreign policy chief Kaja Kallas": the person speaks, not the body in her title
                name, link = written, "unknown"
            elif (body := _body_meant(article, str(q["speaker_text"]), start, bodies, body_starts, title_words)) is not None:
                stakeholder, name, link = body[3], body[4], "pronoun"
            elif str(q["speaker_text"]).strip() in SINGULAR_PRONOUNS or _is_office(str(q["speaker_text"]), title_words):
                stakeholder, name = _resolve_pronoun(persons, rows, order, q["sentence"], start, subjects=subjects)
                link = "pronoun" if name else "unknown"
            else:
                name, link = written, "unknown"
        is_person = name is not None and (stakeholder is None or any(p[3] == stakeholder for p in persons))
        if not _missing(speaker_start) and not _missing(speaker_end):
            by_span.setdefault((int(speaker_start), int(speaker_end)), {"stakeholder": stakeholder, "speaker_name": name, "link": link})
        rows.append({
            "_person": is_person,
            "sentence": q["sentence"], "quote_start": int(q["quote_start"]), "quote_end": int(q["quote_end"]),
            "speaker_text": None if _missing(q["speaker_text"]) else q["speaker_text"],
            "speaker_start": None if _missing(speaker_start) else int(speaker_start),
            "speaker_end": None if _missing(speaker_end) else int(speaker_end),
            "stakeholder": stakeholder, "speaker_name": name, "link": link,
        })
    return rows


def _full_names(names: Any) -> dict[str, str]:
    """Surname to full name, for surnames that belong to exactly one multi-word name ("Indyk": "Martin Indyk")."""
    by_last: dict[str, set[str]] = {}
    for name in names:
        words = name.split()
        if len(words) > 1:
            by_last.setdefault(words[-1], set()).add(name)
    return {last: next(iter(full)) for last, full in by_last.items() if len(full) == 1}


def _body_meant(article: Article, speaker: str, start: int, bodies: list[tuple[int, int, str, str | None, str]],
                starts: list[int], title_words: frozenset[str]) -> tuple[int, int, str, str | None, str] | None:
    """The named body that "it" or "the ministry" stands for, or None.

    "it" is the latest body named as a subject (:func:`_is_subject`) in the last
    ``PRONOUN_WINDOW`` bodies before it ("the Electoral Commission, which ..., issued a
    statement ... . It pointed out that ..."); "the <noun>" is the latest body whose name ends in
    that noun ("the ministry" after "the Russian Foreign Ministry").
    """
    words = speaker.split()
    before = bisect.bisect_left(starts, start)
    if not before:
        return None
    if speaker.strip() in {"it", "It"}:
        for body in reversed(bodies[max(0, before - PRONOUN_WINDOW) : before]):
            if _is_subject(article, body[0], body[1], body[2], title_words):
                return body
        return None
    if len(words) == 2 and words[0].lower() == "the" and words[1].islower():
        for body in reversed(bodies[max(0, before - 20) : before]):
            if body[4].split()[-1].lower() == words[1]:
                return body
    return None


#: A capitalised word, "O'Brien" whole, "Boudreau’s" without its "’s".
#: A capitalised word, ``(?<![\w’'\-])[A-Z][\w\-]*(?:['’][A-Z][\w\-]*)?``, written capital first so the
#: regex engine skips to capitals and checks the character before afterwards (the same matches).
_CAPITALISED_WORD = re.compile(r"[A-Z](?<![\w’'\-][A-Z])[\w\-]*(?:['’][A-Z][\w\-]*)?")


def _with_surnames(article: Article, persons: list[tuple[int, int, str, str | None, str]],
                   full_names: dict[str, str]) -> list[tuple[int, int, str, str | None, str]]:
    """The persons, plus each later use of a surname alone that belongs to one of them ("Boudreau" after
    "Bruce Boudreau"), so that "Boudreau gave his players a pep talk" counts as a person named as subject.

    One scan of the body for capitalised words, each looked up among the surnames, so a long
    article stays linear however many names it holds.
    """
    surnames = {last: full for last, full in full_names.items() if len(last) > 2 and last[:1].isupper()}
    body = list(article.body_sentences)
    if not surnames or not body:
        return persons
    stakeholder_of = {p[4]: p[3] for p in persons}
    ends = {p[1] for p in persons}
    starts = [s.start for s in body]
    added = []
    for m in _CAPITALISED_WORD.finditer(article.text, body[0].start, body[-1].end):
        if m.group(0) not in surnames or m.end() in ends:
            continue  # the surname of a full name already counted
        sentence = body[max(bisect.bisect_right(starts, m.start()) - 1, 0)]
        if m.start() >= sentence.end:
            continue
        full = surnames[m.group(0)]
        added.append((m.start(), m.end(), sentence.id, stakeholder_of.get(full), full))
    return sorted(persons + added, key=lambda p: p[0]) if added else persons


def _written_name(speaker: str, title_words: frozenset[str]) -> str | None:
    """The person's name in a speaker phrase: its last run of capitalised words, leading title words dropped.

    None when the phrase holds no run of two or more capitalised words and is not one
    capitalised word itself ("the official", "a senior EU diplomat", "they").
    """
    runs = list(NAME_RUN.finditer(speaker))
    if not runs:
        single = re.fullmatch(r"[A-Z][\w’'\-]+", speaker.strip())
        return single.group(0) if single else None
    words = runs[-1].group(0).split()
    while len(words) > 1 and words[0].lower().strip(".") in title_words:
        words = words[1:]
    return " ".join(words)


def _overlapping(mentions: list[dict[str, Any]], starts: list[int] | None, start: int, end: int, *,
                 person: bool = False) -> dict[str, Any] | None:
    """The last mention (in table order) that overlaps ``start..end`` (a person's, with ``person``), or None.

    ``starts`` are the mentions' start offsets when sorted (only mentions starting before
    ``end`` can overlap), or None to scan them all.
    """
    found = None
    candidates = mentions if starts is None else mentions[: bisect.bisect_left(starts, end)]
    for m in candidates:
        if m["end"] > start and (not person or m["type"] == "person"):
            found = m
    return found


def _is_office(speaker: str, title_words: frozenset[str]) -> bool:
    """Whether a speaker phrase is "the" and title words ending in an office (:data:`OFFICE_HEADS`): "the foreign secretary"."""
    words = speaker.lower().split()
    return (len(words) >= 2 and words[0] == "the" and words[-1] in OFFICE_HEADS
            and all(w in title_words or w in OFFICE_HEADS for w in words[1:]))


#: How far before a name :func:`_is_subject` reads when its sentence began further back; past it the
#: answer is already no (more than six words, or a leading clause over 80 characters).
_SUBJECT_WINDOW = 300


def _is_subject(article: Article, start: int, end: int, sentence: str, title_words: frozenset[str]) -> bool:
    """Whether the person named at ``start..end`` is a subject: it opens its sentence or a reporting verb follows it.

    Opening the sentence allows a leading clause ending in a comma ("Launching the initiative,
    Mr Blair ..."), connectives ("But", "Last week") and title words before the name ("Shadow
    foreign secretary Michael Ancram").
    """
    if _REPORTING_AFTER.match(article.text, end):
        return True
    first = article.by_id[sentence].start
    if start - first > _SUBJECT_WINDOW:  # decide from the last stretch, so a long sentence stays linear
        window = article.text[start - _SUBJECT_WINDOW : start]
        comma = window.rfind(",")
        if comma >= 0 and start - _SUBJECT_WINDOW + comma - first > 80:
            return False  # a leading clause longer than the rule allows
        if comma < 0 and len(window.split()) > 7:
            return False  # more than six words since the sentence start or its last comma
    prefix = article.text[first:start]
    if "," in prefix:
        head, _, prefix = prefix.rpartition(",")
        if len(head) > 80 or any(ch in head for ch in "“”\""):
            return False
    words = prefix.split()
    return len(words) <= 6 and all(
        w.lower().strip(".") in SUBJECT_OPENERS or w.lower().strip(".") in title_words or w[:1].isupper()
        for w in words
    )


def _resolve_pronoun(persons: list[tuple[int, int, str, str | None, str]], earlier: list[dict[str, Any]],
                     order: dict[str, int], sentence: str, speaker_start: int, *,
                     subjects: Sequence[tuple[int, int, str, str | None, str]] = ()) -> tuple[str | None, str | None]:
    """The (stakeholder id or None, name) a "he"/"she" speaker refers to; (None, None) when no one is named before it.

    A person named as a subject (:func:`_is_subject`) after the latest earlier quotation's
    speaker is the one the pronoun takes up ("Mr Fox said ... . “...,” he said."), before that
    quotation's speaker and before any nearer person named in passing ("... at Guantanamo Bay").
    """
    here = order[sentence]

    def in_window(sid: str) -> bool:
        return here - PRONOUN_WINDOW < order[sid] <= here

    previous = [q for q in earlier if in_window(q["sentence"]) and q["speaker_start"] is not None
                and q["speaker_start"] < speaker_start]
    subject = [p for p in subjects if p[0] < speaker_start]
    if subject and (not previous or subject[-1][0] > previous[-1]["speaker_start"]):
        _, _, _, stakeholder, name = subject[-1]
        return stakeholder, name
    if previous:
        last = previous[-1]  # a speaker goes on speaking; an unnamed one ("a senior EU diplomat") stays unnamed
        return (last["stakeholder"], last["speaker_name"]) if last["_person"] else (None, None)
    before = [p for p in persons if p[0] < speaker_start]
    if not before:
        return None, None
    _, _, _, stakeholder, name = before[-1]
    return stakeholder, name


def link_quotations(article: Article, mentions: pd.DataFrame, quotations: pd.DataFrame) -> pd.DataFrame:
    """:func:`link_records` on tables: the quotation columns plus ``stakeholder`` (id or None) and ``link``.

    Args:
        article: The article the quotations are from.
        mentions: Its mentions table.
        quotations: The table of :func:`presslens.analysis.quotes.find_quotations` (at least
            ``sentence``, ``quote_start``, ``quote_end``, ``speaker_text``,
            ``speaker_start``, ``speaker_end``).

    Raises:
        ValueError: If the quotations table lacks one of those columns.
    """
    missing = [c for c in QUOTATION_LINK_COLUMNS[:6] if c not in quotations.columns]
    if missing:
        raise ValueError(f"quotations table lacks column(s) {', '.join(missing)}")
    order = {s.id: n for n, s in enumerate(article.sentences)}
    rows = link_records(article, mentions.to_dict("records"), quotations.to_dict("records"), order)
    return links_frame(rows)


def links_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The ``quotation_speakers`` table from linked rows."""
    return records_frame(rows, QUOTATION_LINK_COLUMNS)


def voice_records(summary: list[dict[str, Any]], links: list[dict[str, Any]],
                  names: Sequence[NameCandidate] = ()) -> list[dict[str, Any]]:
    """Who speaks (keys :data:`VOICE_COLUMNS`): one row per stakeholder named, then one per unregistered speaker.

    Registry stakeholders come first, in the summary's order, with the quotations linked to
    them and their mentions. A person the registry lacks who is quoted (by name, or through a
    resolved pronoun) follows with ``stakeholder`` empty, ``type`` ``"unregistered"`` and,
    as mentions, how often discovery found the name; most quoted first.
    """
    quotes: dict[str, int] = {}
    unregistered: dict[str, int] = {}
    for link in links:
        if link["stakeholder"] is not None:
            quotes[link["stakeholder"]] = quotes.get(link["stakeholder"], 0) + 1
        elif link["speaker_name"] is not None:
            unregistered[link["speaker_name"]] = unregistered.get(link["speaker_name"], 0) + 1
    rows = [
        {"stakeholder": r["id"], "name": r["name"], "type": r["type"], "quotes": quotes.get(r["id"], 0),
         "mentions": r["mentions"], "speaks": bool(quotes.get(r["id"], 0))}
        for r in summary
    ]
    named = {}
    for c in names:
        named[c.name] = named.get(c.name, 0) + 1
    for name, count in sorted(unregistered.items(), key=lambda item: (-item[1], item[0])):
        rows.append({"stakeholder": None, "name": name, "type": UNREGISTERED, "quotes": count,
                     "mentions": named.get(name, 0), "speaks": True})
    return rows
