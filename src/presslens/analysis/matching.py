"""The phrase-matching engine shared by topic tagging and stakeholder mentions.

A :class:`PhraseMatcher` compiles a list of phrases (topic terms, stakeholder aliases)
into one regular expression shaped as a character trie, so that Python's C regex engine
walks every phrase at once instead of trying them one after another. The rules, which are
the definition of a match everywhere in presslens:

* **Boundaries.** A letter or digit touching either end of a match disqualifies it:
  "EU" is not found in "EUobserver", "Biden" not in "Bidens". Punctuation is not a
  letter, so "Trump's", "U.S.-Ukraine" and "post-Mogherini" match their names.
* **Spacing and typography.** A space in a phrase matches any run of whitespace
  (spaces, newlines, non-breaking spaces), and optionally also hyphens
  (``hyphen_as_space``, used for topic terms); straight and curly apostrophes are the same
  character, as are straight and curly double quotes, and the hyphen matches the
  Unicode hyphens U+2010 and U+2011.
* **Case.** Either exact (``case_sensitive=True``, for names) or ignored (for terms).
* **Inflection.** With ``inflect=True`` the last word of a phrase also matches its
  regular plural ("pipeline" finds "pipelines", "ally" "allies", "crisis" "crises");
  possessives need no variant because the apostrophe is not a letter.
* **Stems.** A ``*`` ending a word of a phrase matches any further letters or digits
  ("Sanktion*" finds "Sanktionen", "переговор*" "переговоров"): terms in languages whose
  words inflect are written as stems.
* **Selection.** Leftmost-longest and non-overlapping across the whole phrase list:
  scanning left to right, the longest phrase starting at the leftmost possible position
  wins, and the scan resumes after it ("Hunter Biden" is one match, not "Biden").

The trie makes the alternation deterministic: the units it branches on (a letter, a
punctuation class, a whitespace run) never overlap, so at most one branch can continue
and "longest" only means preferring to go on over stopping.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

#: Characters that count as letters or digits for the boundary rule.
_WORD_CHAR = r"[^\W_]"
_WHITESPACE_UNIT = r"\s+"
_SPACE_OR_HYPHEN_UNIT = r"[\s\-\u2010\u2011]+"
_HYPHENS = "-\u2010\u2011"
#: What a ``*`` ending a stem matches: the rest of the word.
_STEM_UNIT = rf"{_WORD_CHAR}*"
_EQUIVALENT_CHARS = {
    "'": "['\u2019]",
    "\u2019": "['\u2019]",
    '"': '["\u201c\u201d]',
    "\u201c": '["\u201c\u201d]',
    "\u201d": '["\u201c\u201d]',
    "-": "[-\u2010\u2011]",
}
_VOWELS = set("aeiou")
#: Lower-case characters that Python's regex engine, ignoring case, also takes for another letter
#: ("ſ" for "s", "ı" for "i", final "ς" for "σ": the extra cases of ``re/_casefix.py``). A text
#: holding one is searched as it is, with the case-insensitive pattern, instead of lower-cased.
_EXTRA_CASE_CHARS = re.compile(
    "[\xb5\u0131\u017f\u0345\u0390\u03b0\u03c2\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
    "\u1c80-\u1c88\u1e9b\u1fbe\u1fd3\u1fe3\ufb05\ufb06]"
)


def searchable_lower(text: str) -> str | None:
    """``text`` lower-cased, when a case-sensitive search of it for lower-case words finds what a
    case-insensitive search of ``text`` finds, offset for offset; else None.

    That holds unless lower-casing changes the length (a dotted capital I) or the text holds
    one of :data:`_EXTRA_CASE_CHARS`. Python's regex engine skips alternatives quickly only on
    exact characters, so a case-sensitive pattern over the lower-cased text is the faster search.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or (not lowered.isascii() and _EXTRA_CASE_CHARS.search(lowered)):
        return None
    return lowered


def plural_forms(word: str) -> list[str]:
    """The regular English plural of ``word`` (one form; none for words already plural).

    Args:
        word: A single word, any case.

    Returns:
        A list with the plural form, or an empty list when the word ends in "s" after a
        consonant cluster that is usually already plural ("sanctions", "talks").
    """
    lower = word.lower()
    if not lower or not lower[-1].isalpha():
        return []
    if lower.endswith("is"):
        return [word[:-2] + "es"]  # crisis -> crises
    if lower.endswith(("ss", "x", "z", "ch", "sh")):
        return [word + "es"]
    if lower.endswith("s"):
        return []
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return [word[:-1] + "ies"]
    return [word + "s"]


def phrase_variants(phrase: str, *, inflect: bool) -> list[str]:
    """The surface forms a phrase is matched by: itself, plus the plural of its last word.

    Args:
        phrase: The phrase as written in the lexicon.
        inflect: Whether to add the plural of the last word.
    """
    phrase = " ".join(phrase.split())
    variants = [phrase]
    if inflect:
        head, _, last = phrase.rpartition(" ")
        for plural in plural_forms(last):
            variants.append(f"{head} {plural}" if head else plural)
    return variants


def _units(text: str, *, case_sensitive: bool, hyphen_as_space: bool = False) -> list[str]:
    """Split a phrase into regex units: one per character, one per whitespace run."""
    units: list[str] = []
    gap = _SPACE_OR_HYPHEN_UNIT if hyphen_as_space else _WHITESPACE_UNIT
    for char in text:
        if char.isspace() or (hyphen_as_space and char in _HYPHENS):
            if not units or units[-1] != gap:
                units.append(gap)
        elif char in _EQUIVALENT_CHARS:
            units.append(_EQUIVALENT_CHARS[char])
        elif char == "*":
            units.append(_STEM_UNIT)
        else:
            units.append(re.escape(char if case_sensitive else char.lower()))
    return units


def compile_phrase(phrase: str, *, case_sensitive: bool, hyphen_as_space: bool = False) -> re.Pattern[str]:
    """One phrase as a regex with the same spacing and typography rules (no boundaries).

    Used to find where a known phrase ends inside a match, for example the title part of
    "former U.S.\u00a0President Donald Trump".
    """
    units = _units(" ".join(phrase.split()), case_sensitive=case_sensitive, hyphen_as_space=hyphen_as_space)
    return re.compile("".join(units), 0 if case_sensitive else re.IGNORECASE)


@dataclass
class _TrieNode:
    children: dict[str, _TrieNode] = field(default_factory=dict)
    phrases: list[int] = field(default_factory=list)  # phrases that may end here


class PhraseMatch(NamedTuple):
    """One match: ``text[start:end]`` is the matched surface form.

    Attributes:
        start: Offset of the first character.
        end: Offset just past the last character.
        phrases: Indices (into the matcher's phrase list) of every phrase that has this
            surface form; usually one, several when lexicon entries share a phrase.
    """

    start: int
    end: int
    phrases: tuple[int, ...]


class PhraseMatcher:
    """Find many phrases in a text at once, leftmost-longest and non-overlapping.

    Args:
        phrases: The phrases, in any order; duplicates are allowed and are reported
            together in :attr:`PhraseMatch.phrases`.
        case_sensitive: Match letters exactly (names) or ignoring case (terms).
        inflect: Also match the regular plural of each phrase's last word.
        hyphen_as_space: Let a space or hyphen in a phrase match any run of spaces and
            hyphens in the text ("cease-fire" finds "cease fire" and the reverse).

    Raises:
        ValueError: If a phrase is empty or only whitespace.
    """

    def __init__(
        self, phrases: Sequence[str], *, case_sensitive: bool, inflect: bool = False, hyphen_as_space: bool = False
    ):
        self.phrases = list(phrases)
        self.case_sensitive = case_sensitive
        self.inflect = inflect
        self.hyphen_as_space = hyphen_as_space
        root = _TrieNode()
        for index, phrase in enumerate(self.phrases):
            if not phrase.strip():
                raise ValueError(f"phrase {index} is empty")
            for variant in phrase_variants(phrase, inflect=inflect):
                node = root
                for unit in _units(variant, case_sensitive=case_sensitive, hyphen_as_space=hyphen_as_space):
                    node = node.children.setdefault(unit, _TrieNode())
                if index not in node.phrases:
                    node.phrases.append(index)
        self._group_phrases: list[tuple[int, ...]] = [()]  # group numbers start at 1
        body = self._emit(root) if root.children else "(?!)"
        flags = 0 if case_sensitive else re.IGNORECASE
        self.pattern = re.compile(rf"(?<!{_WORD_CHAR}){body}", flags)
        # Ignoring case, the units are lower case already: the same trie compiled case-sensitively
        # searches lower-cased text (see :meth:`scanner`).
        self._lower_pattern = None if case_sensitive else re.compile(self.pattern.pattern)

    def _emit(self, node: _TrieNode) -> str:
        branches = [unit + self._emit(child) for unit, child in node.children.items()]
        if node.phrases:
            self._group_phrases.append(tuple(node.phrases))
            # Stopping here is the last resort, so the longer phrase wins; the empty
            # group records which phrase ended.
            branches.append(rf"(?!{_WORD_CHAR})()")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[PhraseMatch]:
        """Yield the matches in ``text[start:end]``, left to right, never overlapping.

        Args:
            text: The text to search (not copied; offsets are into it).
            start: Where to start searching.
            end: Where to stop (a match never runs past it); the end of the text if None.
        """
        group_phrases = self._group_phrases
        for match in self.pattern.finditer(text, start, len(text) if end is None else end):
            s, e = match.span()
            yield PhraseMatch(s, e, group_phrases[match.lastindex])

    def scanner(self, text: str) -> Callable[[int, int], Iterator[PhraseMatch]]:
        """:meth:`finditer` bound to one text, for searching it span by span (a sentence at a time).

        The same matches as :meth:`finditer`, found faster when case is ignored: the text is
        lower-cased once and searched with the trie compiled case-sensitively, because Python's
        regex engine skips a trie branch at once only on an exact character. (A text whose
        lower-case form has another length, such as one with a dotted capital I, or that holds
        one of :data:`_EXTRA_CASE_CHARS`, is searched as it is.)

        Returns:
            A function of ``(start, end)`` yielding the matches in ``text[start:end]``.
        """
        if self._lower_pattern is None:
            return partial(self.finditer, text)
        lowered = searchable_lower(text)
        if lowered is None:
            return partial(self.finditer, text)
        pattern, group_phrases = self._lower_pattern, self._group_phrases

        def scan(start: int, end: int) -> Iterator[PhraseMatch]:
            for match in pattern.finditer(lowered, start, end):
                s, e = match.span()
                yield PhraseMatch(s, e, group_phrases[match.lastindex])

        return scan

    def findall(self, text: str, start: int = 0, end: int | None = None) -> list[PhraseMatch]:
        """All matches as a list; see :meth:`finditer`."""
        return list(self.finditer(text, start, end))
