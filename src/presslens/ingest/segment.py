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

from presslens.languages import ENGLISH, SentenceRules, sentence_rules

#: English abbreviations after which a period never ends a sentence (compared case-insensitively,
#: without the final period); every language's lists are in :mod:`presslens.languages`.
NON_TERMINAL_ABBREVIATIONS = ENGLISH.non_terminal

#: Abbreviations that also end sentences ("Pitt, Briggs & Co. It closed", "Jane and co. They
#: should know"): like a dotted acronym, they end one only before a sentence opener.
ENDING_ABBREVIATIONS = ENGLISH.ending

#: Words that, after a dotted acronym such as "U.S.", show that a new sentence began.
SENTENCE_OPENERS = ENGLISH.openers

_CLOSERS = ENGLISH.closers
_OPENERS = ENGLISH.opening

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


#: A dotted acronym or an initial in any alphabet ("Л.Н.", "А."), for languages other than English.
_UNICODE_ACRONYM_RE = re.compile(r"^(?:[^\W\d_]\.){2,}$")
#: A further initial after an initial ("И. " in "А. И. Семенов").
_INITIAL_RE = re.compile(r"[^\W\d_]\.")
#: The spaces French typography sets before a closing guillemet: space, no-break and narrow no-break.
_THIN_SPACES = " \u00a0\u202f"
#: Opening marks that French typography follows with a space ("« Nous").
_SPACED_OPENERS = "«‹"

_BOUNDARY_RES: dict[SentenceRules, re.Pattern[str]] = {ENGLISH: _BOUNDARY_RE}


def _boundary_re(rules: SentenceRules) -> re.Pattern[str]:
    """A language's candidate boundary: its closing marks, spaced ones ("fin. »") included."""
    pattern = _BOUNDARY_RES.get(rules)
    if pattern is None:
        closers = f"[{re.escape(rules.closers)}]"
        if rules.spaced_closers:
            closers = f"(?:{closers}|[{_THIN_SPACES}][{re.escape(rules.spaced_closers)}])"
        pattern = _BOUNDARY_RES[rules] = re.compile(rf"([.!?…]+)({closers}*)(\s+)")
    return pattern


def _starts_sentence(following: str, opening: str = _OPENERS) -> bool:
    if not following:
        return False
    first = following[0]
    if first in opening:
        rest = following.lstrip(opening)
        if first in _SPACED_OPENERS:
            rest = rest.lstrip(_THIN_SPACES).lstrip(opening)  # French typography: "« Nous"
        return bool(rest) and (rest[0].isupper() or rest[0].isdigit())
    return first.isupper() or first.isdigit()


def _next_word(following: str, opening: str = _OPENERS) -> str:
    rest = following.lstrip(opening)
    if following[:1] in _SPACED_OPENERS:
        rest = rest.lstrip(_THIN_SPACES)
    word = _NEXT_WORD_RE.match(rest)
    return word.group(0) if word else ""


def _is_boundary(text: str, match: re.Match[str], passage_start: int, rules: SentenceRules = ENGLISH) -> bool:
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
            return detached and dots == 4 and _starts_sentence(following, rules.opening)
        if _SPACED_ELLIPSIS_AFTER_RE.match(text, match.start(3)) and text[match.start(1) - 1 : match.start(1)].isalnum():
            return True  # "compounds. . . . The": the sentence ends at "compounds.", the ellipsis opens the next
    if not _starts_sentence(following, rules.opening):
        return False
    if punct != "." or closers:
        return True
    window_start = max(passage_start, match.start(1) - _TOKEN_WINDOW)
    token_match = _TOKEN_BEFORE_RE.search(text, window_start, match.start(1))
    if rules is not ENGLISH:
        return _is_boundary_in(rules, text, passage_start, window_start, token_match, following)
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


def _is_boundary_in(
    rules: SentenceRules, text: str, passage_start: int, window_start: int, token_match: re.Match[str] | None, following: str
) -> bool:
    """The full stop after a word, in a language other than English: abbreviations (spaced ones
    such as "z. B." and "т. е." included), initials in any alphabet, ordinal numbers, list markers."""
    next_word = _next_word(following, rules.opening)
    whole = (token_match.group(0) if token_match else "").lstrip(rules.opening)
    token = whole.split("-")[-1]
    candidates = {whole.lower(), token.lower()}
    if token_match is not None:
        # "z. B.", "p. ex.", "i. d. R.": join the short dotted tokens before this one
        joined = whole.lower()
        for previous in reversed(text[window_start : token_match.start()].split()[-3:]):
            if not previous.endswith(".") or len(previous) > 4:
                break
            joined = previous.lstrip(rules.opening).lower() + joined
            candidates.add(joined)
    if not candidates.isdisjoint(rules.final):
        return True  # "і т. д. Ремонт": the enumeration, and the sentence, ended
    if not candidates.isdisjoint(rules.ending):
        return next_word in rules.openers
    if not candidates.isdisjoint(rules.non_terminal):
        return False
    if len(token) == 1 and token.islower():
        return False  # "s. 5", "с. 12": a one-letter abbreviation
    if len(token) == 1 and token.isupper() or _UNICODE_ACRONYM_RE.match(token + "."):
        # an initial ("А. И. Семенов", where "И" is also the word "and") or a dotted acronym ("Л.Н.")
        return next_word in rules.openers and not _INITIAL_RE.match(following, len(following) - len(following.lstrip(rules.opening)))
    if token.isdigit() and len(token) <= 3:
        if token_match is not None and token_match.start() == passage_start:
            return False  # "1. Busca atención": a list item's number, not a sentence of its own
        if rules.ordinal_numbers:
            return next_word in rules.openers  # "am 12. Juni", "im 3. Jahrhundert": an ordinal number
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


def split_sentences(
    text: str, start: int = 0, end: int | None = None, *, language: str | None = None
) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of the sentences in ``text[start:end]``.

    Offsets are into ``text`` itself, and each span is stripped of surrounding whitespace.
    A passage that opens an inline enumeration ("1.) The first item 2.) The second item")
    is cut before each next marker, and a marker's own full stop ends nothing.

    Args:
        text: The whole canonical text.
        start: Where the passage to split begins.
        end: Where it ends (defaults to the end of the text).
        language: The article's ISO 639-1 code, which chooses the abbreviations and quotation
            marks (:func:`presslens.languages.sentence_rules`); English rules when None.
    """
    end = len(text) if end is None else end
    rules = sentence_rules(language)
    items = inline_enumeration(text, start, end)
    if not items:
        yield from _split(text, start, end, start, rules)
        return
    bounds = [item_start for item_start, _ in items[1:]] + [end]
    for (item_start, marker_end), item_end in zip(items, bounds, strict=True):
        yield from _split(text, item_start, item_end, marker_end, rules)


def _split(text: str, start: int, end: int, skip_until: int, rules: SentenceRules) -> Iterator[tuple[int, int]]:
    passage_start = start
    for match in _boundary_re(rules).finditer(text, start, end):
        if match.start(1) < skip_until:
            continue
        if _is_boundary(text, match, start, rules):
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
