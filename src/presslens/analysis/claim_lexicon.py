"""The claim cue lexicon, ``data/lexicons/claims.yaml``: its model, its loader, and the vocabularies it defines.

Four cue sets (speculative, prescriptive, reporting, anonymous), each a list of entries with
phrases and a context (see the file's header), plus ``source_nouns``: the head words that
make a noun phrase a possible source. The reporting phrases and the source nouns are the
one definition of those vocabularies: the claim rules (:mod:`presslens.analysis.claims`)
and the quotation finder (:mod:`presslens.analysis.quotes`) both read them from here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from presslens.languages import LANGUAGE_NAMES
from presslens.lexicons import ID_PATTERN, LexiconModel, check_phrase_length, load_lexicon
from presslens.paths import DEFAULT_CLAIM_CUES

CueContext = Literal["any", "before_verb", "before_noun", "after_source", "before_source", "agentless", "source"]

CUE_SETS = ("speculative", "prescriptive", "reporting", "anonymous")
_ALLOWED_CONTEXTS: dict[str, tuple[str, ...]] = {
    "speculative": ("any", "before_verb", "before_noun"),
    "prescriptive": ("any", "before_verb", "before_noun"),
    "reporting": ("after_source", "before_source", "agentless"),
    "anonymous": ("any", "source"),
}


class ClaimCue(LexiconModel):
    """One entry of a cue set: an id, the phrases that trigger it, and where they count."""

    id: str = Field(pattern=ID_PATTERN)
    phrases: list[str]
    context: CueContext = "any"
    match_case: bool = False
    quotes: bool = True
    note: str | None = None

    @field_validator("phrases")
    @classmethod
    def _phrases_not_empty(cls, phrases: list[str]) -> list[str]:
        if not phrases:
            raise ValueError("must not be empty")
        for phrase in phrases:
            if not isinstance(phrase, str) or not phrase.strip():
                raise ValueError("every phrase must be a non-empty string")
            check_phrase_length(phrase, f"phrase {phrase[:30]!r}...")
        seen: set[str] = set()
        for phrase in phrases:
            if phrase.lower() in seen:
                raise ValueError(f"phrase {phrase!r} is listed twice")
            seen.add(phrase.lower())
        return phrases


class CueSets(LexiconModel):
    """Four cue sets (see ``claims.yaml``'s header for their meaning) and the source nouns, for one language."""

    speculative: list[ClaimCue]
    prescriptive: list[ClaimCue]
    reporting: list[ClaimCue]
    anonymous: list[ClaimCue]
    source_nouns: list[str]
    institution_nouns: list[str] = []

    @field_validator("source_nouns", "institution_nouns")
    @classmethod
    def _nouns_are_words(cls, nouns: list[str]) -> list[str]:
        for n, noun in enumerate(nouns):
            if not isinstance(noun, str) or not noun.isalpha() or noun != noun.lower():
                raise ValueError(f"entry {n} ({noun!r}) must be one word in lower case")
        if len(set(nouns)) != len(nouns):
            raise ValueError("a noun is listed twice")
        return nouns

    @field_validator("source_nouns")
    @classmethod
    def _source_nouns_not_empty(cls, nouns: list[str]) -> list[str]:
        if not nouns:
            raise ValueError("must not be empty")
        return nouns

    @property
    def quote_phrases(self) -> tuple[str, ...]:
        """The ``reporting`` phrases that attribute direct quotations (entries without ``quotes: false``), in file order."""
        return tuple(phrase for cue in self.reporting if cue.quotes for phrase in cue.phrases)

    @field_validator("speculative", "prescriptive", "reporting", "anonymous")
    @classmethod
    def _set_not_empty(cls, cues: list[ClaimCue]) -> list[ClaimCue]:
        if not cues:
            raise ValueError("must not be empty")
        return cues

    @model_validator(mode="after")
    def _ids_unique_and_contexts_allowed(self) -> CueSets:
        first_use: dict[str, str] = {}
        for name in CUE_SETS:
            for n, cue in enumerate(getattr(self, name)):
                where = f"{name}[{n}] (id {cue.id!r})"
                if cue.id in first_use:
                    raise ValueError(f"{where}: id: duplicate id, already used by {first_use[cue.id]}")
                first_use[cue.id] = where
                if not cue.quotes and name != "reporting":
                    raise ValueError(f"{where}: quotes: only reporting cues attribute quotations")
                if cue.context not in _ALLOWED_CONTEXTS[name]:
                    allowed = ", ".join(_ALLOWED_CONTEXTS[name])
                    raise ValueError(f"{where}: context: {cue.context!r} is not allowed here; use one of {allowed}")
        return self


class ClaimCues(CueSets):
    """The whole ``claims.yaml``: the English cue sets, and under ``languages`` those of other languages."""

    languages: dict[str, CueSets] = {}

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, languages: dict[str, CueSets]) -> dict[str, CueSets]:
        for code in languages:
            if code == "en" or code not in LANGUAGE_NAMES:
                raise ValueError(f"{code!r} is not a language presslens analyses besides English "
                                 f"(use one of {', '.join(sorted(c for c in LANGUAGE_NAMES if c != 'en'))})")
        return languages

    def for_language(self, code: str | None) -> CueSets:
        """The cue sets an article in language ``code`` is read with: its own, or the English ones."""
        if code is None or code == "en":
            return self
        return self.languages.get(code, self)


def load_claim_cues(path: Path = DEFAULT_CLAIM_CUES) -> ClaimCues:
    """Load and validate the claim cue lexicon.

    Args:
        path: The YAML file; the default is ``data/lexicons/claims.yaml``.

    Returns:
        The validated cue sets.

    Raises:
        PresslensError: Naming the file, the entry, the field and the problem (unknown key,
            empty list, duplicate id, bad YAML, a context a cue set does not allow).
    """
    return load_lexicon(path, ClaimCues)


# -- matching cues in context -----------------------------------------------------------------
