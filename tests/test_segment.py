"""Sentence splitting: abbreviations, initials, acronyms, quotes."""

from __future__ import annotations

import pytest

from presslens.ingest.segment import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lt. Col. Alexander Vindman testified. He left.", ["Lt. Col. Alexander Vindman testified.", "He left."]),
        ("Gen. Mark Milley spoke. Dr. Smith agreed.", ["Gen. Mark Milley spoke.", "Dr. Smith agreed."]),
        ("U.S. officials met. Nothing changed.", ["U.S. officials met.", "Nothing changed."]),
        ("He flew to the U.S. The talks began.", ["He flew to the U.S.", "The talks began."]),
        ("Relations between the U.S. and Ukraine improved.", ["Relations between the U.S. and Ukraine improved."]),
        ("J. Smith agreed. So did we.", ["J. Smith agreed.", "So did we."]),
        ("“We will win,” he said. “Really.” She left.", ["“We will win,” he said.", "“Really.”", "She left."]),
        ('"It is over." Then silence.', ['"It is over."', "Then silence."]),
        ("It grew 3.5 percent. Why? Nobody knows!", ["It grew 3.5 percent.", "Why?", "Nobody knows!"]),
        ("She paused... and went on.", ["She paused... and went on."]),
        ("The meeting is on Jan. 5 in Brussels.", ["The meeting is on Jan. 5 in Brussels."]),
        ("Ukraine’s president spoke. Russia’s did not.", ["Ukraine’s president spoke.", "Russia’s did not."]),
        ("e.g. this one. And that.", ["e.g. this one.", "And that."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_point_into_the_original_text() -> None:
    text = "  First one.   Second one.\n"
    spans = list(split_sentences(text))
    assert spans == [(2, 12), (15, 26)]


def test_range_is_respected() -> None:
    text = "Skip this. Keep this. And this. Skip too."
    start = text.index("Keep")
    end = text.index(" Skip too")
    assert [text[a:b] for a, b in split_sentences(text, start, end)] == ["Keep this.", "And this."]
