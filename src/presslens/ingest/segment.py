"""Sentence splitting for English news prose, with character offsets.

A rule-based splitter, tuned for news copy: it breaks after ``.``, ``!``, ``?`` or ``…``
(and any closing quotes or brackets) when the next word starts a sentence, and does not
break after titles and other abbreviations ("Lt. Col.", "Gen.", "Jan."), initials
("J. Smith"), or dotted acronyms such as "U.S." unless the next word is a typical
sentence opener ("... in the U.S. The talks ..."). Straight and curly quotes are treated
alike. The rules are deliberately transparent; see ``tests/test_segment.py`` for the
cases they cover.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from presslens.vocabulary import MONTH_ABBREVIATIONS

#: Abbreviations after which a period never ends a sentence (compared case-insensitively,
#: without the final period).
NON_TERMINAL_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof sr jr st gen lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig
    gov sen rep rev hon pres supt insp det atty amb sec treas messrs mme mlle
    no nos vol vols pp fig figs art ch sec approx est ca cf vs etc al inc ltd corp co bros
    dept univ assn ave blvd rd mt ft
    """.split()
) | {m.lower() for m in MONTH_ABBREVIATIONS}

#: Words that, after a dotted acronym such as "U.S.", show that a new sentence began.
SENTENCE_OPENERS = frozenset(
    """
    The A An This That These Those It Its He She They We I You His Her Their Our But And
    Yet So However Meanwhile In On At For After Before While When If As There Here Such
    Some Many Most Both Each Other Officials Still Also Now Then
    """.split()
)

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY_RE = re.compile(rf"([.!?…]+)([{re.escape(_CLOSERS)}]*)(\s+)")
_TOKEN_BEFORE_RE = re.compile(r"(\S+)$")
_DOTTED_ACRONYM_RE = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z]\.$")


def _starts_sentence(following: str) -> bool:
    if not following:
        return False
    first = following[0]
    if first in _OPENERS:
        rest = following.lstrip(_OPENERS)
        return bool(rest) and (rest[0].isupper() or rest[0].isdigit())
    return first.isupper() or first.isdigit()


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    punct, closers = match.group(1), match.group(2)
    following = text[match.end() : match.end() + 40]
    if not _starts_sentence(following):
        return False
    if punct != "." or closers:
        return True
    token_match = _TOKEN_BEFORE_RE.search(text, 0, match.start(1))
    token = (token_match.group(1) if token_match else "").lstrip(_OPENERS).split("-")[-1]
    if token.lower() in NON_TERMINAL_ABBREVIATIONS:
        return False
    if _DOTTED_ACRONYM_RE.match(token + "."):
        next_word = re.match(r"[\w’']+", following.lstrip(_OPENERS))
        return bool(next_word) and next_word.group(0) in SENTENCE_OPENERS
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Offsets are into ``text`` itself, and each span is stripped of surrounding whitespace.

    Args:
        text: The whole canonical text.
        start: Where the passage to split begins.
        end: Where it ends (defaults to the end of the text).
    """
    end = len(text) if end is None else end
    passage_start = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        if _is_boundary(text, match):
            span = _strip_span(text, passage_start, match.start(3))
            if span:
                yield span
            passage_start = match.end()
    span = _strip_span(text, passage_start, end)
    if span:
        yield span


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
