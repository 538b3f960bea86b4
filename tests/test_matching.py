"""The shared phrase-matching engine: boundaries, spacing, case, plurals, leftmost-longest."""

from __future__ import annotations

import pytest

from presslens.analysis.matching import PhraseMatcher, plural_forms


def spans(matcher: PhraseMatcher, text: str) -> list[tuple[str, list[str]]]:
    return [(text[m.start : m.end], [matcher.phrases[i] for i in m.phrases]) for m in matcher.finditer(text)]


def test_letters_or_digits_touching_a_match_disqualify_it():
    matcher = PhraseMatcher(["EU", "Biden", "G7"], case_sensitive=True)
    assert spans(matcher, "EUobserver, the Bidens, G77, G7s") == []
    assert spans(matcher, "the EU's EU, Biden’s plan, G7.") == [
        ("EU", ["EU"]), ("EU", ["EU"]), ("Biden", ["Biden"]), ("G7", ["G7"])
    ]


def test_hyphenated_compounds_give_one_match_per_name():
    matcher = PhraseMatcher(["U.S.", "Ukraine", "Mogherini"], case_sensitive=True)
    assert [s for s, _ in spans(matcher, "U.S.-Ukraine ties, post-Mogherini")] == ["U.S.", "Ukraine", "Mogherini"]


def test_leftmost_longest_and_non_overlapping():
    matcher = PhraseMatcher(["Biden", "Hunter Biden", "Hunter", "Biden administration"], case_sensitive=True)
    assert spans(matcher, "Hunter Biden met the Biden administration and Biden.") == [
        ("Hunter Biden", ["Hunter Biden"]),
        ("Biden administration", ["Biden administration"]),
        ("Biden", ["Biden"]),
    ]


def test_longer_phrase_falls_back_when_its_end_is_not_a_boundary():
    matcher = PhraseMatcher(["gas", "gas supplies"], case_sensitive=False)
    assert spans(matcher, "gas suppliesX and gas") == [("gas", ["gas"]), ("gas", ["gas"])]


def test_spacing_newlines_and_non_breaking_spaces():
    matcher = PhraseMatcher(["energy security"], case_sensitive=False)
    text = "Energy\nsecurity, energy\u00a0 security and ENERGY   SECURITY"
    assert len(matcher.findall(text)) == 3


def test_curly_and_straight_apostrophes_are_the_same():
    matcher = PhraseMatcher(["O'Rourke", "Trump’s plan"], case_sensitive=True)
    assert [s for s, _ in spans(matcher, "O’Rourke and Trump's plan")] == ["O’Rourke", "Trump's plan"]


def test_case_sensitivity_is_a_choice():
    names = PhraseMatcher(["US"], case_sensitive=True)
    terms = PhraseMatcher(["sanction"], case_sensitive=False, inflect=True)
    assert [s for s, _ in spans(names, "us and US")] == ["US"]
    assert [s for s, _ in spans(terms, "Sanctions and a SANCTION")] == ["Sanctions", "SANCTION"]


@pytest.mark.parametrize(
    ("word", "plural"),
    [("pipeline", ["pipelines"]), ("ally", ["allies"]), ("crisis", ["crises"]), ("tax", ["taxes"]),
     ("day", ["days"]), ("talks", [])],
)
def test_plural_forms(word, plural):
    assert plural_forms(word) == plural


def test_inflection_applies_to_the_last_word_only():
    matcher = PhraseMatcher(["arms shipment"], case_sensitive=False, inflect=True)
    assert [s for s, _ in spans(matcher, "arms shipments and arm shipment")] == ["arms shipments"]


def test_hyphen_as_space_for_terms():
    matcher = PhraseMatcher(["intelligence sharing", "cease-fire"], case_sensitive=False, hyphen_as_space=True)
    found = [s for s, _ in spans(matcher, "intelligence-sharing and a cease fire")]
    assert found == ["intelligence-sharing", "cease fire"]


def test_shared_phrases_are_reported_together():
    matcher = PhraseMatcher(["summit", "Summit", "talks"], case_sensitive=False)
    (match,) = matcher.findall("the summit")
    assert match.phrases == (0, 1)


def test_search_window_is_respected():
    matcher = PhraseMatcher(["NATO"], case_sensitive=True)
    text = "NATO and NATO"
    assert [(m.start, m.end) for m in matcher.finditer(text, 4)] == [(9, 13)]
    assert matcher.findall(text, 0, 3) == []


def test_empty_phrase_is_refused():
    with pytest.raises(ValueError, match="phrase 1 is empty"):
        PhraseMatcher(["ok", "  "], case_sensitive=True)


def test_no_phrases_matches_nothing():
    assert PhraseMatcher([], case_sensitive=True).findall("anything") == []


@pytest.mark.parametrize("case_sensitive", [False, True])
def test_scanner_finds_what_finditer_finds(case_sensitive):
    """The span-by-span scanner (lower-cased text for a case-insensitive matcher) equals finditer."""
    import random

    rng = random.Random(5)
    phrases = ["cease-fire", "Security Council", "sanction*", "aid", "NATO", "peace talks", "crisis", "ally", "don't"]
    matcher = PhraseMatcher(phrases, case_sensitive=case_sensitive, inflect=not case_sensitive,
                            hyphen_as_space=not case_sensitive)
    pieces = ["Cease fire", "SECURITY  council", "Sanktionen", "sanctions", "AID", "aides", "NATO's", "peace-talks",
              "Crises", "allies", "Don’t", "İstanbul", "ſanction", "ΣΑΣ", ".", ",", "\n\n", " ", "x"]
    for trial in range(200):
        text = "".join(rng.choice(pieces) + rng.choice([" ", "", "-", "\u00a0"]) for _ in range(rng.randint(0, 30)))
        cuts = sorted(rng.sample(range(len(text) + 1), k=min(4, len(text) + 1)))
        scan = matcher.scanner(text)
        for start, end in zip(cuts, cuts[1:]):
            assert list(scan(start, end)) == list(matcher.finditer(text, start, end)), (trial, text, start, end)


def test_extra_case_characters_cover_the_regex_engine():
    """Every character the regex engine folds beyond str.lower() sends the scanner back to finditer."""
    from re._casefix import _EXTRA_CASES  # the engine's own table (private: this test watches it)

    from presslens.analysis.matching import _EXTRA_CASE_CHARS

    chars = {chr(k) for k in _EXTRA_CASES} | {chr(x) for v in _EXTRA_CASES.values() for x in v}
    odd = {c for c in chars if c.upper().lower() != c}
    assert odd and all(_EXTRA_CASE_CHARS.search(c) for c in odd)
    assert not any(_EXTRA_CASE_CHARS.search(c) for c in chars - odd)
