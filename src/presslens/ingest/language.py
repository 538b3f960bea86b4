"""The article's language: as the input or the command line states it, else detected from the text.

What an input declares (``<html lang>``, JSON-LD ``inLanguage``, front matter ``language``, a
record's ``language``) and ``--language`` are turned into an ISO 639-1 code by
:func:`presslens.languages.language_code`; ``--language`` wins. An input that states nothing
usable is identified by py3langid, whose model ships inside its wheel (nothing is downloaded at
run time); README "Language" says why py3langid and how accurate it is on the fixtures.
The model is loaded on the first detection (about half a second) and kept for the process, so
a text whose function words leave no doubt is decided without it (:func:`function_word_language`):
a plain-text article in any of the six languages presslens reads costs no model load, and the
answer is the same as py3langid's on every fixture and real article measured (README "Language").
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from presslens.languages import language_code

#: Characters of the text the detector reads: about a hundred words decide (all 417 BBC politics articles
#: right at 300 already), and a long article is no slower; the cost grows with the sample (0.2 ms here).
DETECTION_CHARS = 600


#: The most frequent function words of each language presslens reads (articles, conjunctions,
#: prepositions, the commonest verb forms), from frequency lists of news text; a word shared by
#: two languages ("la", "de", "en", "в", "не", "на") is left out of both, so it proves nothing.
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to is that for with was said were from has have this which by would".split()),
    "de": frozenset("der die und das nicht ist mit den von zu sich auf dem ein eine des im wird sagte".split()),
    "fr": frozenset("le les et des du un une est pour dans qui au sur par pas sont ont avec".split()),
    "es": frozenset("el los las y del por con para una es se al lo como pero su sus".split()),
    "ru": frozenset("и что с по как это из он о к для его от же было был".split()),
    "uk": frozenset("і що з та як це до у й від для його про також було був".split()),
}
#: A language is decided without the model when its function words are at least this share of
#: the sample's words and this many times as frequent as the next language's.
FUNCTION_WORD_SHARE = 0.12
FUNCTION_WORD_LEAD = 3.0
#: Letters only Ukrainian (і ї є ґ) or only Russian (ы э ъ ё) writes, which settle the two.
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_RUSSIAN_LETTERS = frozenset("ыэъёЫЭЪЁ")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def function_word_language(sample: str) -> str | None:
    """The language ``sample`` is written in when its function words leave no doubt, else None.

    Counts the words of each language's :data:`FUNCTION_WORDS`; a language whose words make up
    :data:`FUNCTION_WORD_SHARE` of the sample and outnumber every other's :data:`FUNCTION_WORD_LEAD`
    times is the answer. Cyrillic text is Ukrainian or Russian by the letters only one of them uses,
    when only one of the two sets occurs. A headline of a few words, or a mixed text, gives None
    (the model decides).
    """
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 8:
        return None
    counts = Counter({lang: sum(w in vocabulary for w in words) for lang, vocabulary in FUNCTION_WORDS.items()})
    (best, top), (_, runner_up) = counts.most_common(2)
    if top < FUNCTION_WORD_SHARE * len(words) or top < FUNCTION_WORD_LEAD * runner_up:
        return None
    if best in ("ru", "uk"):
        letters = set(sample)
        ukrainian, russian = bool(letters & _UKRAINIAN_LETTERS), bool(letters & _RUSSIAN_LETTERS)
        if ukrainian == russian:
            return None
        return "uk" if ukrainian else "ru"
    return best


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None for a text without letters.

    Args:
        text: The article's text (its first :data:`DETECTION_CHARS` characters are read).
    """
    sample = text[:DETECTION_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    quick = function_word_language(sample)
    if quick is not None:
        return quick
    code, _score = _identifier().classify(sample)
    return language_code(code)


def article_language(declared: str | None, text: str) -> str | None:
    """The language to store for an article: the declared one when it is a language tag, else detected.

    Args:
        declared: What the input or ``--language`` says (``en-GB``, ``de``), or None.
        text: The article's canonical text, for detection.
    """
    return language_code(declared) or detect_language(text)
