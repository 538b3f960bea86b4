"""Sources of reported claims: the noun phrase before or after a reporting verb, named or anonymous.

"Ukrainian officials announced", ", said the official", "according to the ministry": the
source phrase is found by rule around the verb, accepted when it can be a source (a pronoun,
a name, or a head noun from the source nouns), and classified as named or anonymous.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, NamedTuple

from presslens.analysis.claims.cues import FUNCTION_WORDS, WORD_PATTERN
from presslens.vocabulary import month_pattern


class SourceWords(NamedTuple):
    """The lexicon's words for sources: head nouns of a source phrase, and nouns of an identifiable institution."""

    nouns: frozenset[str]
    institutions: frozenset[str]


#: Auxiliaries and adverbs between a source and its reporting verb ("officials have said").
_SUBJECT_TRAILERS = frozenset(
    "has have had also later previously publicly repeatedly recently separately privately earlier first then again".split()
)
_PRONOUN_SOURCES = frozenset("he she they we i".split())
_CLAUSE_WORDS_PATTERN = "that|and|but|while|as|which|who|because|although|when|if|whether|since|until|so|than"
_CLAUSE_BREAK = re.compile(rf"[,;:()“”\"—–]|\b(?i:{_CLAUSE_WORDS_PATTERN})\b")
#: The same over lower-cased text (:func:`presslens.analysis.matching.searchable_lower`): twice as fast.
_CLAUSE_BREAK_LOWER = re.compile(rf"[,;:()“”\"—–]|\b(?:{_CLAUSE_WORDS_PATTERN})\b")
#: Words that open a clause before its subject ("But Gates said", "Last week officials said").
_SUBJECT_OPENERS = re.compile(
    r"^(?:(?:but|and|yet|so|also|however|meanwhile|afterwards?|instead|then|still|now|later|earlier|separately)\s+"
    r"|(?:last|this|next|on|in|late|early)\s+(?:week|month|year|night|morning|evening|[A-Z][a-z]+day|"
    rf"{month_pattern()})\s+)+",
    re.IGNORECASE,
)
#: A subject holding one of these is a clause, not a source ("aid might be freed if ...").
_CLAUSE_WORDS = frozenset("is are was were be been being am might may could would will should can do does did must".split())
#: Verbs with which "it" can be a source ("It said the ban should apply ...").
_IT_VERBS = frozenset("said says announced stated added told".split())


def _capitalised_tokens(phrase: str, vocabulary: SourceWords) -> list[str]:
    """Capitalised words of a phrase that are not ordinary words capitalised at a sentence start."""
    tokens = WORD_PATTERN.findall(phrase)
    return [t for t in tokens if t[0].isupper() and t.lower() not in vocabulary.nouns and t.lower() not in FUNCTION_WORDS]


@lru_cache(maxsize=8192)  # the same phrases come back in article after article
def is_source_phrase(phrase: str, vocabulary: SourceWords) -> bool:
    """Whether a noun phrase can be the source of a report: a pronoun, a name, or a source noun."""
    tokens = [t.lower() for t in WORD_PATTERN.findall(phrase)]
    if not tokens:
        return False
    if len(tokens) == 1 and (tokens[0] in _PRONOUN_SOURCES or tokens[0] == "it"):
        return True
    return bool(_capitalised_tokens(phrase, vocabulary)) or any(t in vocabulary.nouns for t in tokens)


_INDEFINITE = frozenset("a an one another two three several some many".split())
#: Heads of a definite description of one office holder or one document the text has named: "the
#: foreign secretary", "the attorney general", "our correspondent", "the report" are named sources
#: (a role word such as "the official" or "the spokesman" is not among them: it stays anonymous).
_DEFINITE_HEADS = frozenset(
    "secretary chancellor minister president premier leader chairman chairwoman governor mayor commissioner "
    "ambassador envoy general correspondent report statement newspaper".split()
)
#: Kinds of outlet or organisation a name may follow in apposition ("a local news portal CityNews").
_OUTLET_NOUNS = frozenset(
    "portal agency newspaper website site broadcaster channel outlet daily weekly magazine network group "
    "company firm organisation organization institute".split()
)
#: Words that spoke for a body: "a Foreign Office spokesman" names the body that spoke.
_SPOKESPEOPLE = frozenset("spokesman spokeswoman spokesperson".split())


@lru_cache(maxsize=8192)  # the same phrases come back in article after article
def source_kind(phrase: str, anonymous_markers: re.Pattern[str], vocabulary: SourceWords) -> Literal["named", "anonymous"]:
    """Classify a source phrase as named or anonymous.

    Anonymous: it opens with an indefinite determiner ("a senior EU diplomat", "one
    official"), or it contains an anonymity marker of the lexicon ("sources", "people
    familiar with", "unnamed") and no name; a role word alone ("officials said") is
    anonymous too. Named: a pronoun (taken to refer to someone the text named; pronouns
    are not resolved), a phrase with a proper name or a capitalised body
    ("Ukrainian officials", "the Pentagon", "Holmes"), or "the" and an institution noun
    ("the ministry", "the government").

    Args:
        phrase: The source phrase as found in the text.
        anonymous_markers: The compiled ``anonymous`` cues of the lexicon.
    """
    tokens = [t.lower() for t in WORD_PATTERN.findall(phrase)]
    if _has_person_name(phrase, vocabulary):
        return "named"
    if len(tokens) >= 2 and tokens[0] in {"the", "our"} and tokens[-1] in _DEFINITE_HEADS:
        return "named"
    if tokens and tokens[0] in _INDEFINITE:
        written = WORD_PATTERN.findall(phrase)
        if len(tokens) >= 3 and written[-1][0].isupper() and tokens[-2] in _OUTLET_NOUNS:
            return "named"  # "a local news portal CityNews": the name in apposition identifies it
        if tokens[-1] in _SPOKESPEOPLE and _capitalised_tokens(phrase, vocabulary):
            return "named"  # "a Foreign Office spokesman" speaks for the Foreign Office
        if (re.search(r"\b(?:report|study|statement|survey|paper)\b", phrase, re.IGNORECASE)
                and _capitalised_tokens(" ".join(written[1:]), vocabulary)):
            return "named"  # "a TUC report", "a report by the Commons committee": the body that wrote it
        return "anonymous"
    if len(tokens) == 1 and (tokens[0] in _PRONOUN_SOURCES or tokens[0] == "it"):
        return "named"
    if len(tokens) >= 2 and tokens[0] in {"the", "local", "state", "federal", "city", "regional"} and tokens[-1] in vocabulary.institutions:
        return "named"  # "the ministry", "the government", "local police": an identifiable body
    named = bool(_capitalised_tokens(phrase, vocabulary))
    strong_marker = re.search(r"(?i)\b(sources?|familiar|unnamed|anonym\w*|insiders?|not (?:be )?(?:named|identified|authori[sz]ed))\b", phrase)
    if strong_marker and not _has_person_name(phrase, vocabulary):
        return "anonymous"
    if named:
        return "named"
    return "anonymous" if anonymous_markers.search(phrase) or tokens else "named"


@lru_cache(maxsize=8192)  # the same phrases come back in article after article
def _has_person_name(phrase: str, vocabulary: SourceWords) -> bool:
    """Two capitalised words in a row that are not a nationality or body: a rough person name.

    A capitalised determiner ("One") and a place in a compound adjective ("Washington-based")
    are no part of a name: "One Washington-based trade expert" names no one.
    """
    caps = [t for t in _capitalised_tokens(phrase, vocabulary) if t.lower() not in _INDEFINITE]
    return len(caps) >= 2 and bool(re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+(?![\w’'\-])", phrase))


#: How far from a reporting verb the source search looks before it falls back to the whole
#: sentence: it keeps the search linear in the sentence for any input, with the same result
#: whenever the window holds enough words to decide (always, in prose).
_WINDOW = 2000
_TOKEN = re.compile(r"\S+")
_STOP = re.compile(r"[,;:.?!()“”\"—]|\s(?:that|who|which)\s")


def subject_before(text: str, start: int, sentence_start: int, verb: str, *, lowered: str | None = None) -> str | None:
    """The noun phrase in front of a reporting verb, back to the last clause break.

    ``lowered`` is :func:`presslens.analysis.matching.searchable_lower` of the whole text, when the
    caller has it: clause breaks are then found with the faster case-sensitive pattern.
    """
    window_start = max(sentence_start, start - _WINDOW)
    cut = None
    if window_start > sentence_start:
        pattern, searched = (_CLAUSE_BREAK, text) if lowered is None else (_CLAUSE_BREAK_LOWER, lowered)
        for m in pattern.finditer(searched, window_start, start):
            cut = m.end()
        if cut is None:
            words = text[window_start:start].split()[1:]  # the first may be cut in two
            while words and words[-1].lower() in _SUBJECT_TRAILERS:
                words.pop()
            if len(words) > 10:
                return None  # more than ten words since the last clause break, as the full search finds
            cut = _last_clause_break(text, sentence_start, start, lowered)
    else:
        cut = _last_clause_break(text, sentence_start, start, lowered)
    words = text[cut:start].split()
    while words and words[-1].lower() in _SUBJECT_TRAILERS:
        words.pop()
    if not words or len(words) > 10 or any(w.lower() in _CLAUSE_WORDS for w in words) or words[-1].lower() == "to":
        return None
    while words and not any(ch.isalnum() for ch in words[0]):
        words.pop(0)  # a dateline's dash ("(Reuters) - The Kremlin said")
    if len(words) > 1 and words[-1].lower() in _PRONOUN_SOURCES | {"it"}:
        words = words[-1:]  # a relative clause: in "people it called", "it" is the subject
    if not words:
        return None
    subject = _SUBJECT_OPENERS.sub("", " ".join(words)).strip(" ,")
    if subject.lower() == "it":
        return subject if verb.lower() in _IT_VERBS else None
    return subject or None


def _last_clause_break(text: str, sentence_start: int, start: int, lowered: str | None = None) -> int:
    """Offset just past the last clause break in ``text[sentence_start:start]`` (the sentence start if none)."""
    pattern, searched = (_CLAUSE_BREAK, text) if lowered is None else (_CLAUSE_BREAK_LOWER, lowered)
    cut = 0
    for m in pattern.finditer(searched[sentence_start:start]):
        cut = m.end()
    return sentence_start + cut


def _first_words(text: str, start: int, end: int, limit: int) -> list[str]:
    """The first ``limit`` whitespace-separated words of ``text[start:end]``."""
    words = []
    for m in _TOKEN.finditer(text, start, end):
        words.append(m.group())
        if len(words) == limit:
            break
    return words


def phrase_after(text: str, end: int, sentence_end: int, *, vocabulary: SourceWords, max_words: int = 10,
                 appositive: bool = False) -> str | None:
    """The words after ``end`` up to the next clause punctuation (the source of "according to X").

    With ``appositive``, a following ", ..." segment that holds a person's name is kept
    (", said another witness, former adviser Fiona Hill").
    """
    keep = max_words * 2 if appositive else max_words
    window_end = min(sentence_end, end + _WINDOW)
    stop = _STOP.search(text, end, window_end)
    if stop is None and window_end < sentence_end:
        ahead = _first_words(text, end, window_end, keep + 1)
        if len(ahead) > keep:  # enough words before any clause punctuation: the rest cannot matter
            return " ".join(ahead[:keep])
        stop = _STOP.search(text, end, sentence_end)
    chunk_end = stop.start() if stop else sentence_end
    extra = ""
    if appositive and stop and text[stop.start()] == ",":
        nxt = _STOP.search(text, stop.end(), sentence_end)
        extra_end = nxt.start() if nxt else sentence_end
        if len(_first_words(text, stop.end(), extra_end, max_words + 1)) <= max_words:
            candidate = text[stop.end() : extra_end]
            if _has_person_name(candidate, vocabulary):
                extra = "," + candidate
    words = _first_words(text, end, chunk_end, keep)
    if extra:
        words = (text[end:chunk_end] + extra).split()
    return " ".join(words[:keep]) if words else None
