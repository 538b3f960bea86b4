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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Shares of Acme Inc. fell. They rose later.", ["Shares of Acme Inc. fell.", "They rose later."]),
        ("The deal went to Globex Corp. It closed on Friday.", ["The deal went to Globex Corp.", "It closed on Friday."]),
        ("She sold it to Initech Inc. for $5 million.", ["She sold it to Initech Inc. for $5 million."]),
        ("The talks began at 6 P.M. Mr. Rutte spoke first.", ["The talks began at 6 P.M.", "Mr. Rutte spoke first."]),
        ("Aid was sent to the E.U. How it will be used is unclear.", ["Aid was sent to the E.U.", "How it will be used is unclear."]),
        ("He said the plan . . . would fail. Others agreed.", ["He said the plan . . . would fail.", "Others agreed."]),
    ],
)
def test_news_boundaries(text, expected):
    spans = list(split_sentences(text))
    assert [text[a:b] for a, b in spans] == expected


def test_long_tokens_keep_the_split_linear():
    """A full stop after a very long token is judged on a bounded window, and the split still works."""
    text = "x" * 200_000 + ". The end came. " * 3
    spans = list(split_sentences(text))
    assert text[spans[-1][0] : spans[-1][1]] == "The end came."
