"""Claim cues in context: the lexicon's phrases compiled once, and whether a match counts where it stands.

The cue lexicon itself (``claims.yaml``: its model and loader) is
:mod:`presslens.analysis.claim_lexicon`; this module compiles each phrase into a whole-word
pattern, indexes the patterns by word so a sentence only tries the cues it can hold, and
decides whether a match counts in context: a modal before a verb, an adjective before a noun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presslens.analysis.claim_lexicon import CUE_SETS, ClaimCue, ClaimCues, load_claim_cues
from presslens.lexicons import once_per_lexicon

__all__ = ["CUE_SETS", "ClaimCue", "ClaimCues", "CompiledCue", "before_noun", "before_verb", "compile_cues",
           "cue_index", "load_claim_cues", "next_words"]

WORD_PATTERN = re.compile(r"[^\W\d_](?:[\w’'\-]|\.(?=\w))*")
#: Words that cannot be the verb after a modal, nor the noun after an adjective.
FUNCTION_WORDS = frozenset(
    """a an the this that these those its their his her our my your some any no every each all both
    of in on at for with by from to into onto about as than between among over under after before during
    through against within without upon via per and or but nor so if because while whether
    i you he she it we they me him us them who whom which what there here""".split()
)
#: Adverbs allowed between a modal and its verb ("could also play", "may well emerge").
_MODAL_ADVERBS = frozenset("also not still well soon even never yet only eventually ultimately further then now already".split())


@dataclass(frozen=True)
class CompiledCue:
    set_name: str
    id: str
    context: str
    pattern: re.Pattern[str]
    key: str
    words: frozenset[str]


_FIRST_RUN = re.compile(r"\w+")


@once_per_lexicon
def cue_index(compiled: list[CompiledCue]) -> dict[str, list[int]]:
    """Positions of the cues a sentence is searched for, by their ``key`` word (made once per list).

    Anonymous cues are markers read inside source phrases, except the formulas that are a
    source by themselves (context ``source``: "aus Regierungskreisen", "de source diplomatique").
    """
    index: dict[str, list[int]] = {}
    for n, cue in enumerate(compiled):
        if cue.set_name != "anonymous" or cue.context == "source":
            index.setdefault(cue.key, []).append(n)
    return index


@once_per_lexicon
def compile_cues(cues: ClaimCues, *, context_rules: bool = True) -> list[CompiledCue]:
    """Every phrase of every cue set as a whole-word pattern, in lexicon order (compiled once per lexicon).

    Each compiled cue also carries ``words``, the runs of word characters of its phrase,
    lower-cased, and ``key``, the longest of them. A match always holds each run as a whole
    ``\\w+`` token (the pattern has boundaries at both ends and the phrase's own
    punctuation and spaces between runs), so a sentence lacking one of the words cannot hold
    the cue and its pattern need not run there (see
    :func:`presslens.analysis.claims.profiles.analyze_claims`).
    """
    compiled = []
    for name in CUE_SETS:
        for cue in getattr(cues, name):
            bare = not context_rules and name in ("speculative", "prescriptive")
            context = "any" if bare else cue.context
            for phrase in cue.phrases:
                body = r"\s+".join(re.escape(w) for w in phrase.split())
                flags = 0 if cue.match_case and not bare else re.IGNORECASE
                runs = frozenset(r.lower() for r in _FIRST_RUN.findall(phrase))
                rarest = max(sorted(runs), key=len, default="")
                compiled.append(CompiledCue(name, cue.id, context, re.compile(rf"(?<![\w\-]){body}(?![\w\-])", flags),
                                            rarest, runs))
    return compiled


_SPACES = re.compile(r"\s+")


def next_words(text: str, end: int, limit: int = 3) -> list[tuple[str, int]]:
    """Up to ``limit`` words right after ``end``, stopping at punctuation other than spaces."""
    words = []
    pos = end
    while len(words) < limit:
        m = _SPACES.match(text, pos)
        if m is None:
            break
        pos = m.end()
        w = WORD_PATTERN.match(text, pos)
        if w is None:
            break
        words.append((w.group(), w.start()))
        pos = w.end()
    return words


def _looks_like_verb(word: str) -> bool:
    return word.islower() and word.isalpha() and word not in FUNCTION_WORDS


def before_verb(text: str, end: int) -> bool:
    """A modal as main verb: the next word, after allowed adverbs, can be a verb."""
    if end < len(text) and text[end] in "-’'":
        return False
    for word, _ in next_words(text, end, limit=3):
        if word in _MODAL_ADVERBS:
            continue
        return _looks_like_verb(word)
    return False


def before_noun(text: str, end: int) -> bool:
    """An adjective in front of its noun: the next word is a content word."""
    following = next_words(text, end, limit=1)
    return bool(following) and following[0][0].lower() not in FUNCTION_WORDS and following[0][0].isalpha()
