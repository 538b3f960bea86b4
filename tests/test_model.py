"""Structured article JSON: round trip, and validation errors that name file, field and problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.model import Article, count_words, load_article, save_article


def test_round_trip(seed: Article, tmp_path: Path) -> None:
    path = tmp_path / "seed.json"
    save_article(seed, path)
    again = load_article(path)
    assert again == seed
    data = json.loads(path.read_text(encoding="utf-8"))
    # the minimum contract: top-level text and a flat list of sentences with offsets
    assert data["text"] == seed.text
    for s in data["sentences"]:
        assert set(s) >= {"id", "kind", "section", "start", "end"}
        assert data["text"][s["start"] : s["end"]] == seed.sentence_text(s["id"])


def _broken(seed: Article, tmp_path: Path, change) -> Path:
    data = json.loads(seed.to_json())
    change(data)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["sentences"][3].update(end=10**6), "sentences.3 (s4): offsets"),
        (lambda d: d["sentences"][1].update(id="s1"), "sentence id 's1' is used more than once"),
        (lambda d: d["sections"][0]["blocks"][0]["sentences"].append("s999"), "unknown sentence id 's999'"),
        (lambda d: d["metadata"].update(published="yesterday"), "metadata.published"),
        (lambda d: d["sentences"][0].update(kind="caption"), "sentences.0.kind"),
        (lambda d: d.update(extra_field=1), "extra_field"),
        (lambda d: d["sentences"][0].update(start=d["sentences"][0]["start"] - 1 if d["sentences"][0]["start"] else 0, end=d["sentences"][0]["end"] + 1), "whitespace"),
        (lambda d: d["sections"][1]["blocks"].pop(0), "placed exactly once"),
        (lambda d: d["sentences"][2].update(start=d["sentences"][2]["start"] + 1), "falls inside a word"),
        (lambda d: d["sentences"][2].update(end=d["sentences"][2]["end"] - 2), "falls inside a word"),
        (lambda d: d.update(text=d["text"].replace("NATO", "OTAN", 1)), "is not the content id of the text"),
    ],
)
def test_invalid_article_names_file_and_field(seed: Article, tmp_path: Path, change, message: str) -> None:
    path = _broken(seed, tmp_path, change)
    with pytest.raises(PresslensError) as info:
        load_article(path)
    text = str(info.value)
    assert str(path) in text
    assert message.replace("sentences.3 (s4)", "sentences[3] (s4)") in text or message in text


def test_not_json(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(PresslensError, match=r"a\.json: is not valid JSON \(line 1, column 2"):
        load_article(path)


def test_json_but_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(PresslensError, match="must be a JSON object"):
        load_article(path)


@pytest.mark.parametrize("text, words", [("Ukraine’s U.S.-Ukraine ties, 3.5 bn", 6), ("", 0), ("— – ...", 0)])
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


def test_once_per_lexicon_keeps_a_result_per_object():
    """The same object gets the kept result; an equal but new object is computed afresh."""
    from presslens.lexicons import once_per_lexicon

    calls = []

    @once_per_lexicon
    def size(items, *, twice=False):
        calls.append(1)
        return len(items) * (2 if twice else 1)

    first, second = [1, 2], [1, 2]
    assert size(first) == 2 and size(first) == 2 and len(calls) == 1
    assert size(second) == 2 and len(calls) == 2
    assert size(first, twice=True) == 4 and len(calls) == 3
