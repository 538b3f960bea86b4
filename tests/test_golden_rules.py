"""Sentence boundaries against pySBD's English Golden Rules (48 cases), fed through ingest as JSON Lines.

Each case is one JSON Lines record (a title and the case as its text); the body sentences
presslens finds must equal the expected sentences exactly, and their offsets must spell
them. The score is printed next to pySBD's own when pySBD is installed (``pip install -e
'.[bench]'``); ``benchmarks/bench_sentences.py`` prints both with timings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golden.english_golden_rules import GOLDEN_EN_RULES
from presslens.ingest import iter_ingest

#: Every case passes (pySBD passes 47); a change that loses one fails.
FLOOR = 48


def presslens_sentences(cases: list[str], folder: Path) -> list[list[str]]:
    """The body sentences presslens finds in each case, ingested as one JSON Lines file."""
    path = folder / "golden.jsonl"
    path.write_text("".join(json.dumps({"title": f"Golden rule {n}", "text": text}) + "\n"
                            for n, text in enumerate(cases, 1)), encoding="utf-8")
    found = []
    for article in iter_ingest(path):
        assert not isinstance(article, Exception), article
        sentences = [article.sentence_text(s) for s in article.body_sentences]
        assert all(article.text[s.start : s.end] == t for s, t in zip(article.body_sentences, sentences, strict=True))
        found.append(sentences)
    return found


def score(found: list[list[str]]) -> tuple[int, list[int]]:
    failed = [n for n, ((_, expected), got) in enumerate(zip(GOLDEN_EN_RULES, found, strict=True), 1) if got != expected]
    return len(GOLDEN_EN_RULES) - len(failed), failed


def test_golden_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    found = presslens_sentences([text for text, _ in GOLDEN_EN_RULES], tmp_path)
    right, failed = score(found)
    with capsys.disabled():
        print(f"\nGolden Rules (English): presslens {right}/48; failing: {failed}")
    assert right >= FLOOR, f"{right}/48, failing {failed}"


def test_pysbd_reference_score():
    """pySBD on its own suite, for the README's side-by-side figure (skipped without pySBD)."""
    pysbd = pytest.importorskip("pysbd")
    segmenter = pysbd.Segmenter(language="en", clean=False)
    right = sum(1 for text, expected in GOLDEN_EN_RULES if [s.strip() for s in segmenter.segment(text)] == expected)
    assert right >= 46
