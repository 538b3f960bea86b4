"""Sentence splitting for English news prose, with character offsets.

A rule-based splitter, tuned for news copy: it breaks after ``.``, ``!``, ``?`` or ``…``
(and any closing quotes or brackets) when the next word starts a sentence, and does not
break after titles and other abbreviations ("Lt. Col.", "Gen.", "Jan.", "p. 55"), initials
("J. Smith", "Albert I. Jones"), or dotted acronyms such as "U.S." unless the next word is a
typical sentence opener ("... in the U.S. How about you?"). Company endings ("Co.",
"Inc.", "Corp.") end a sentence the same way. Spaced ellipses follow the style guides:
" . . ." inside a sentence ends nothing, " . . . ." ends it, and in "word. . . . The" the
sentence ends at "word." and the ellipsis opens the next one; "[...]" is an omission. A
passage that is an inline enumeration ("1.) The first item 2.) The second item") is cut
before each marker. Straight and curly quotes are treated alike.

Measured on pySBD's English Golden Rules (``tests/test_golden_rules.py``): 48 of 48, where
pySBD itself passes 47; ``tests/test_segment.py`` holds the news cases.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from presslens.vocabulary import MONTH_ABBREVIATIONS

#: Abbreviations after which a period never ends a sentence (compared case-insensitively,
#: without the final period).
NON_TERMINAL_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof st gen lt col maj capt cpt sgt cpl pvt adm cmdr cdr brig
    gov sen rep rev hon pres supt insp det atty amb sec treas messrs mme mlle
    no nos n° vol vols pp fig figs art ch approx est ca cf vs al
    dept univ assn ave blvd rd mt ft
    """.split()
) | {m.lower() for m in MONTH_ABBREVIATIONS}

#: Abbreviations that also end sentences ("Pitt, Briggs & Co. It closed", "Jane and co. They
#: should know"): like a dotted acronym, they end one only before a sentence opener.
ENDING_ABBREVIATIONS = frozenset("inc ltd corp co bros jr sr etc plc llc".split())

#: Words that, after a dotted acronym such as "U.S.", show that a new sentence began.
SENTENCE_OPENERS = frozenset(
    """
    The A An This That These Those It Its He She They We I You His Her Their Our But And
    Yet So However Meanwhile In On At For After Before While When If As There Here Such
    Some Many Most Both Each Other Officials Still Also Now Then
    How What Why Who Where Which Did Do Does Is Are Was Were Can Will Would Should Could Has Have
    """.split()
)

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
_BOUNDARY_RE = re.compile(rf"([.!?…]+)([{re.escape(_CLOSERS)}]*)(\s+)")
_TOKEN_BEFORE_RE = re.compile(r"\S+$")
_DOTTED_ACRONYM_RE = re.compile(r"^(?:[A-Za-z]\.){2,}$|^[A-Z]\.$")
_NEXT_WORD_RE = re.compile(r"[\w’']+")
#: How far back the token before a full stop is looked for (a token is never longer in prose;
#: a longer one is cut, which keeps the split linear on any input).
_TOKEN_WINDOW = 64

# Spaced ellipses: ". . ." mid-sentence, ". . . ." ending one, "word. . . ." ending at "word.".
_SPACED_ELLIPSIS_AFTER_RE = re.compile(r"\s*\.(?: \.){2}(?=\s+[A-Z\"“])")

#: An enumeration marker: "1.", "1)", "1.)", "a.", optionally after a bullet ("• 9.", "⁃9.").
_MARKER_RE = re.compile(r"(?P<bullet>[•⁃‣◦▪]\s*)?(?:(?P<number>\d{1,3})|(?P<letter>[a-z]))(?P<stop>\.\)|\)|\.)(?=\s)")


def _starts_sentence(following: str) -> bool:
    if not following:
        return False
    first = following[0]
    if first in _OPENERS:
        rest = following.lstrip(_OPENERS)
        return bool(rest) and (rest[0].isupper() or rest[0].isdigit())
    return first.isupper() or first.isdigit()


def _next_word(following: str) -> str:
    word = _NEXT_WORD_RE.match(following.lstrip(_OPENERS))
    return word.group(0) if word else ""


def _is_boundary(text: str, match: re.Match[str], passage_start: int) -> bool:
    punct, closers = match.group(1), match.group(2)
    following = text[match.end() : match.end() + 40]
    if punct.startswith(".") and text[max(passage_start, match.start(1) - 1) : match.start(1)] == "[":
        return False  # "[...]": an omission inside a quotation, not an end
    if punct == "." and not closers:
        dots, first = 1, match.start(1)
        while first - 2 >= passage_start and text[first - 2 : first] == ". " and dots < 4:
            dots, first = dots + 1, first - 2
        if dots >= 3:
            # " . . ." after a space is an omission inside the sentence and " . . . ." ends it;
            # "word. . . ." ended at "word." and its ellipsis opens the next sentence
            detached = first == passage_start or text[first - 1].isspace()
            return detached and dots == 4 and _starts_sentence(following)
        if _SPACED_ELLIPSIS_AFTER_RE.match(text, match.start(3)) and text[match.start(1) - 1 : match.start(1)].isalnum():
            return True  # "compounds. . . . The": the sentence ends at "compounds.", the ellipsis opens the next
    if not _starts_sentence(following):
        return False
    if punct != "." or closers:
        return True
    window_start = max(passage_start, match.start(1) - _TOKEN_WINDOW)
    token_match = _TOKEN_BEFORE_RE.search(text, window_start, match.start(1))
    token = (token_match.group(0) if token_match else "").lstrip(_OPENERS).split("-")[-1]
    lower = token.lower()
    next_word = _next_word(following)
    if lower in NON_TERMINAL_ABBREVIATIONS:
        return False
    if lower in ENDING_ABBREVIATIONS:
        return next_word in SENTENCE_OPENERS
    if len(token) == 1 and token.islower():
        return False  # "p. 55", "turn to p. 5": a one-letter abbreviation
    if token == "I":
        # the pronoun ends a sentence ("you and I. Did you ..."); an initial does not ("Albert I. Jones")
        previous = text[window_start : token_match.start() if token_match else match.start(1)].split()
        return bool(previous) and previous[-1].islower()
    if lower in ("a.m", "p.m"):
        # "6 P.M. Mr. Smith then went": capitals end the time and the sentence; "5 a.m. Mr. Smith went" runs on
        return token.isupper() or next_word in SENTENCE_OPENERS
    if _DOTTED_ACRONYM_RE.match(token + "."):
        return next_word in SENTENCE_OPENERS
    return True


def inline_enumeration(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An inline enumeration starting the passage ("1. The first item 2. The second item"):
    the (start, end of marker) of each item, in order; empty when the passage is no enumeration."""
    first = _MARKER_RE.match(text, start, end)
    if first is None:
        return []
    items = [(start, first.end())]
    number, letter, stop = first.group("number"), first.group("letter"), first.group("stop")
    bullet = first.group("bullet")
    pos = first.end()
    while True:
        if number is not None:
            number = str(int(number) + 1)
            label = number
        else:
            letter = chr(ord(letter) + 1) if letter < "z" else None
            if letter is None:
                break
            label = letter
        prefix = re.escape(bullet.strip()) + r"\s*" if bullet else ""
        following = re.compile(rf"(?<=\s){prefix}{re.escape(label)}{re.escape(stop)}(?=\s)").search(text, pos, end)
        if following is None:
            break
        items.append((following.start(), following.end()))
        pos = following.end()
    return items if len(items) > 1 else []


def split_sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Offsets are into ``text`` itself, and each span is stripped of surrounding whitespace.
    A passage that opens an inline enumeration ("1.) The first item 2.) The second item")
    is cut before each next marker, and a marker's own full stop ends nothing.

    Args:
        text: The whole canonical text.
        start: Where the passage to split begins.
        end: Where it ends (defaults to the end of the text).
    """
    end = len(text) if end is None else end
    items = inline_enumeration(text, start, end)
    if not items:
        yield from _split(text, start, end, start)
        return
    bounds = [item_start for item_start, _ in items[1:]] + [end]
    for (item_start, marker_end), item_end in zip(items, bounds, strict=True):
        yield from _split(text, item_start, item_end, marker_end)


def _split(text: str, start: int, end: int, skip_until: int) -> Iterator[tuple[int, int]]:
    passage_start = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        if match.start(1) < skip_until:
            continue
        if _is_boundary(text, match, start):
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
