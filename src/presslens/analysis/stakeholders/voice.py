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
from typing import Any

import pandas as pd

from presslens.model import Article

#: Speaker pronouns resolved to the nearest preceding person mention.
SINGULAR_PRONOUNS = {"he", "she", "He", "She"}
#: How many sentences back (the quotation's own sentence included) a pronoun may look.
PRONOUN_WINDOW = 3

QUOTATION_LINK_COLUMNS = ["sentence", "quote_start", "quote_end", "speaker_text", "speaker_start", "speaker_end",
                          "stakeholder", "link"]
VOICE_COLUMNS = ["stakeholder", "name", "type", "quotes", "mentions", "speaks"]

#: A run of capitalised words: a name the registry may not know (shared with discovery).
CAP_WORD = r"(?:[A-Z][a-z]{0,2}\.(?:[A-Z]\.)*|[A-Z][\w’'\-]*[\w])"
NAME_CONNECTOR = r"(?:of|the|for|de|von|van|der|bin|la|du|al)"
NAME_RUN = re.compile(rf"(?<![\w’'\-]){CAP_WORD}(?:[ \u00a0](?:{NAME_CONNECTOR}[ \u00a0])?{CAP_WORD})+(?![\w])")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def link_records(article: Article, mentions: list[dict[str, Any]], quotations: list[dict[str, Any]],
                 order: dict[str, int]) -> list[dict[str, Any]]:
    """Attach each quotation to the stakeholder who speaks it (rows keyed :data:`QUOTATION_LINK_COLUMNS`).

    Rules, in order: a speaker span that overlaps a mention is that stakeholder
    (``link = "mention"``, also for "a senior EU diplomat": the EU); a speaker "he" or
    "she" looks back over the quotation's sentence and the ``PRONOUN_WINDOW - 1``
    sentences before it and takes the speaker of the latest earlier quotation there, else
    the latest person mention unless an unknown capitalised name follows it
    (``"pronoun"``); other speakers are ``"unknown"`` (a name not in the registry, "they",
    "the official") and quotations without a speaker ``"none"``.

    Args:
        article: The article the quotations are from.
        mentions: Its mention rows, in text order.
        quotations: Quotation rows (at least ``sentence``, ``quote_start``, ``quote_end``,
            ``speaker_text``, ``speaker_start``, ``speaker_end``).
        order: The position of each sentence id in the article.
    """
    starts: list[int] | None = [m["start"] for m in mentions]
    if any(a > b for a, b in zip(starts, starts[1:])):
        starts = None  # not in text order: no bisection
    persons = [m for m in mentions if m["type"] == "person"]
    rows: list[dict[str, Any]] = []
    for q in quotations:
        stakeholder, link = None, "none"
        speaker_start, speaker_end = q["speaker_start"], q["speaker_end"]
        if not _missing(speaker_start) and not _missing(speaker_end):
            start, end = int(speaker_start), int(speaker_end)
            overlapping = _overlapping(mentions, starts, start, end)
            if overlapping is not None:
                stakeholder, link = overlapping["stakeholder"], "mention"
            elif str(q["speaker_text"]).strip() in SINGULAR_PRONOUNS:
                stakeholder = _resolve_pronoun(article, mentions, starts, persons, rows, order, q["sentence"], start)
                link = "pronoun" if stakeholder else "unknown"
            else:
                link = "unknown"
        rows.append({
            "sentence": q["sentence"], "quote_start": int(q["quote_start"]), "quote_end": int(q["quote_end"]),
            "speaker_text": None if _missing(q["speaker_text"]) else q["speaker_text"],
            "speaker_start": None if _missing(speaker_start) else int(speaker_start),
            "speaker_end": None if _missing(speaker_end) else int(speaker_end),
            "stakeholder": stakeholder, "link": link,
        })
    return rows


def _overlapping(mentions: list[dict[str, Any]], starts: list[int] | None, start: int, end: int) -> dict[str, Any] | None:
    """The last mention (in table order) that overlaps ``start..end``, or None.

    ``starts`` are the mentions' start offsets when sorted (only mentions starting before
    ``end`` can overlap), or None to scan them all.
    """
    found = None
    candidates = mentions if starts is None else mentions[: bisect.bisect_left(starts, end)]
    for m in candidates:
        if m["end"] > start:
            found = m
    return found


def _resolve_pronoun(article: Article, mentions: list[dict[str, Any]], starts: list[int] | None, persons: list[dict[str, Any]],
                     earlier: list[dict[str, Any]], order: dict[str, int], sentence: str, speaker_start: int) -> str | None:
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
    window = [p for p in persons if p["start"] < speaker_start and in_window(p["sentence"])]
    if not window:
        return None
    candidate = window[-1]
    for m in NAME_RUN.finditer(article.text, int(candidate["end"]), speaker_start):
        if _overlapping(mentions, starts, m.start(), m.end()) is None:
            return None
    return candidate["stakeholder"]


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
    return pd.DataFrame({c: [r[c] for r in rows] for c in QUOTATION_LINK_COLUMNS}, columns=QUOTATION_LINK_COLUMNS)


def voice_records(summary: list[dict[str, Any]], links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per stakeholder named (keys :data:`VOICE_COLUMNS`): quotations attributed and mentions."""
    quotes: dict[str, int] = {}
    for link in links:
        if link["stakeholder"] is not None:
            quotes[link["stakeholder"]] = quotes.get(link["stakeholder"], 0) + 1
    return [
        {"stakeholder": r["id"], "name": r["name"], "type": r["type"], "quotes": quotes.get(r["id"], 0),
         "mentions": r["mentions"], "speaks": bool(quotes.get(r["id"], 0))}
        for r in summary
    ]
