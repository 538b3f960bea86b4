"""Who speaks a quotation: the grammar of a speaker phrase and of its reporting verb, compiled per lexicon.

A speaker is a pronoun, a run of capitalised words ("Defense Secretary Mark Esper"), or a short
noun phrase with a determiner ending in a word for a source ("the official", "a senior EU
diplomat"), next to a reporting verb of the claim cue lexicon. :func:`speaker_patterns` compiles
the patterns :mod:`presslens.analysis.quotes` searches with; the functions after it shape the
speaker phrase a pattern found (a sentence's full stop dropped, a name in apposition kept).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from presslens.analysis.claim_lexicon import ClaimCues, CueSets, load_claim_cues
from presslens.lexicons import once_per_lexicon
from presslens.vocabulary import MONTHS, WEEKDAYS

_NAME_WORD = r"(?:[A-Z][\w’'.\-]*|al-[A-Z][\w’'\-]*|de|van|von|bin|der|la)"
_NAME = rf"[A-Z][\w’'.\-]*(?:\s+{_NAME_WORD}){{0,5}}"
_PRONOUN = r"(?:he|she|they|we|I|it|He|She|They|We|It)"
_APPOSITIVE = r"(?:,[^,“”\"]{1,80},)?"
# Right after a closing mark a longer title phrase is safe: "White House press secretary Josh Earnest",
# a list of titles too: "chairman, CEO and president Craig Menear".
_TITLED = r"(?P<speaker>(?:[A-Za-z][\w’'.\-]*,?\s+){0,7}?[A-Z][\w’'.\-]*)"
# An adverb or an auxiliary between a speaker and the verb: "Ashton has said", "Mr Howard last week said".
# Any "-ly" adverb too: "Brooke tearfully asked".
_ADVERB = r"(?:(?:also|later|then|simply|again|previously|once|has|had|have|earlier|yesterday|today|last\s+week|[a-z]{3,}ly)\s+){0,2}"
# Sentence connectives that open a sentence in capitals but never name a speaker ("And continued:").
_NOT_A_NAME = r"(?!(?:And|But|Or|So|Yet|Meanwhile|However|Then|Instead)\b)"
_CALENDAR = "(?:" + "|".join((*WEEKDAYS, *MONTHS)) + ")"
#: First words of a described speaker ("another witness"), which an appositive name may follow.
_DESCRIBED_STARTS = {"the", "a", "an", "one", "another", "two", "three", "several"}
# After a described speaker: an optional short prepositional phrase, then ", TITLE WORDS NAME" that
# ends the sentence or a clause ("said another witness in the probe, former adviser Fiona Hill.").
_APPOSED_NAME = re.compile(
    r"(?:\s+(?:in|of|at|for|from|on|with|to)\s+[^,.;:“”\"]{1,60}?)?,\s+"
    rf"(?:[\w’'.\-]+\s+){{0,6}}?[A-Z][\w’'\-]+(?:\s+{_NAME_WORD}){{1,4}}(?=\s*[.?!]?\s*$|,)"
)


@dataclass(frozen=True)
class SpeakerPatterns:
    """The speaker patterns, compiled from one vocabulary of reporting verbs and source nouns."""

    after_speaker_verb: re.Pattern[str]  # "SPEAKER VERB" right after a closing mark
    after_titled_verb: re.Pattern[str]
    after_verb_speaker: re.Pattern[str]  # "VERB SPEAKER" right after a closing mark
    speaker_verb: re.Pattern[str]  # anywhere (tail and before)
    verb_speaker: re.Pattern[str]
    verb: re.Pattern[str]  # a reporting verb alone
    relative: re.Pattern[str]  # "NAME, which|who ... VERB ..." up to the opening mark


@lru_cache(maxsize=8)
def _patterns(verbs: tuple[str, ...], nouns: tuple[str, ...]) -> SpeakerPatterns:
    # Longest first, so the alternation prefers "pointed out" to "pointed" and "says" to "say".
    ordered = sorted(dict.fromkeys(verbs), key=lambda v: (-len(v), v))
    verb = r"(?P<verb>" + "|".join(r"\s+".join(re.escape(w) for w in v.split()) for v in ordered) + r")"
    # A described speaker keeps a name that follows its title: "the EU's foreign policy chief Kaja Kallas".
    described = (
        r"(?:[Tt]he|[Aa]n?|[Oo]ne|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal)\s+(?:[\w’'\-]+\s+){0,4}?(?i:"  # "the Chancellor"
        + "|".join(re.escape(n) for n in nouns)
        + rf")\b(?:\s+(?!{_CALENDAR}\b){_NAME})?"
    )
    speaker = rf"(?P<speaker>{described}|{_PRONOUN}|{_NOT_A_NAME}{_NAME})"
    return SpeakerPatterns(
        after_speaker_verb=re.compile(rf"\s*{speaker}{_APPOSITIVE}\s+{_ADVERB}{verb}\b"),
        after_titled_verb=re.compile(rf"\s*{_TITLED}{_APPOSITIVE}\s+{_ADVERB}{verb}\b"),
        after_verb_speaker=re.compile(rf"\s*{verb}\s+{speaker}"),
        # a comma may stand alone before the verb ("Another peer, Lord Skidelsky, said")
        speaker_verb=re.compile(rf"\b{speaker}{_APPOSITIVE},?\s+{_ADVERB}{verb}\b"),
        verb_speaker=re.compile(rf"\b{verb}\s+{speaker}"),
        verb=re.compile(rf"\b{verb}\b"),
        relative=re.compile(
            rf"(?:\b[A-Z][\w\-]*[’']s\s+)?(?P<speaker>{_NAME}(?:\s+(?:party|group|campaign|movement|bloc))?),\s+"
            rf"(?:which|who)\s+[^.;:?!“”\"]{{0,120}}?\b{verb}\b[^,.;:?!“”\"]{{0,80}}:?$"
        ),
    )


@lru_cache(maxsize=1)
def default_cues() -> ClaimCues:
    return load_claim_cues()


def speaker_patterns(cues: CueSets | None = None) -> SpeakerPatterns:
    """The speaker patterns for a claim cue lexicon's reporting phrases and source nouns (the default lexicon when None)."""
    return _speaker_patterns(cues if cues is not None else default_cues())


@once_per_lexicon
def _speaker_patterns(cues: CueSets) -> SpeakerPatterns:
    # kept per lexicon object, so that an article does not hash the phrase lists again
    return _patterns(cues.quote_phrases, tuple(cues.source_nouns))


def trim_speaker(match: re.Match[str]) -> tuple[str, int, int]:
    """The speaker group, without the full stop of a sentence it ends ("said Volker." gives "Volker")."""
    start, end = match.span("speaker")
    return without_full_stop(match.group("speaker"), start, end)


def without_full_stop(speaker: str, start: int, end: int) -> tuple[str, int, int]:
    last = speaker.rsplit(None, 1)[-1]
    if speaker.endswith(".") and len(last) > 3 and "." not in last[:-1]:
        speaker, end = speaker[:-1], end - 1
    return speaker, start, end


def with_apposed_name(text: str, speaker: tuple[str, int, int], sentence_end: int) -> tuple[str, int, int]:
    """A described speaker extended to the name in apposition after it, when there is one.

    "said another witness in the probe, former adviser Jane Roe." gives the speaker "another
    witness in the probe, former adviser Jane Roe": the reader knows who spoke, so the name
    stays with the written description.
    """
    s_text, s0, s1 = speaker
    if s_text.split(None, 1)[0].lower() not in _DESCRIBED_STARTS or sentence_end <= s1:
        return speaker
    m = _APPOSED_NAME.match(text[:sentence_end], s1)
    if m is None:
        return speaker
    return without_full_stop(text[s0 : m.end()], s0, m.end())
