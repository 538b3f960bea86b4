"""The article's language: as the input or the command line states it, else detected from the text.

What an input declares (``<html lang>``, JSON-LD ``inLanguage``, front matter ``language``, a
record's ``language``) and ``--language`` are turned into an ISO 639-1 code by
:func:`presslens.languages.language_code`; ``--language`` wins. An input that states nothing
usable is identified by py3langid, whose model ships inside its wheel (nothing is downloaded at
run time); README "Language" says why py3langid and how accurate it is on the fixtures.
The model is loaded on the first detection (about half a second) and kept for the process.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from presslens.languages import language_code

#: Characters of the text the detector reads: about a hundred words decide (all 417 BBC politics articles
#: right at 300 already), and a long article is no slower; the cost grows with the sample (0.2 ms here).
DETECTION_CHARS = 600


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
    code, _score = _identifier().classify(sample)
    return language_code(code)


def article_language(declared: str | None, text: str) -> str | None:
    """The language to store for an article: the declared one when it is a language tag, else detected.

    Args:
        declared: What the input or ``--language`` says (``en-GB``, ``de``), or None.
        text: The article's canonical text, for detection.
    """
    return language_code(declared) or detect_language(text)
