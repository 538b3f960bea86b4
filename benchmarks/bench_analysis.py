"""Benchmark: the whole analysis of one article against a spaCy pipeline doing less.

Over the BBC politics folder (``../shared/realworld/corpus/bbc/politics``, 417 articles), in one
run, each side timed three times in alternation and the best time kept:

* **presslens**: :func:`presslens.analysis.analyze_article` on the ingested article: sentence
  facts, quotations and speakers, repetition, topic emphasis with its sensitivity variants,
  stakeholder mentions, summary, co-mentions, voice, role check and discovery, claim profiles.
  Tables are records until read (the DataFrames a report shows are built at the boundary),
  so this is the cost of the measures themselves.
* **spaCy**: ``spacy.blank("en")`` with the ``sentencizer``, run on the raw text, and two
  ``PhraseMatcher`` objects holding the same lexicons' phrases (topic terms and their plurals on
  ``LOWER``; aliases, titled aliases and exclusions on ``ORTH``), with ``filter_spans`` for
  leftmost-longest selection. It tokenises, splits sentences and matches; it measures nothing.

It prints articles per second and the ratio presslens / spaCy (above 1 means presslens is
faster), for ``analyze_article`` alone and for ingest + ``analyze_article`` (parsing the raw
text into the structured article too, the fairer match for spaCy's tokeniser and sentencizer).
Skips when the corpus or spaCy is absent. Run: ``make bench`` or
``.venv/bin/python benchmarks/bench_analysis.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from presslens.paths import REALWORLD_DIR

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_matching import spacy_matchers  # noqa: E402  (the same spaCy pipeline and phrases)

CORPUS = REALWORLD_DIR / "corpus" / "bbc" / "politics"
ROUNDS = 3


def _best_rate(items: Sequence[object], work: Callable[[object], object]) -> float:
    start = time.perf_counter()
    for item in items:
        work(item)
    return len(items) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; returns 0 (also when skipped)."""
    parser = argparse.ArgumentParser(description="presslens analysis vs spaCy blank English + sentencizer + PhraseMatcher")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args(argv)
    files = sorted(CORPUS.glob("*.txt"))[: args.limit]
    if not files:
        print(f"   skipped: BBC politics folder not found at {CORPUS}")
        return 0
    try:
        import spacy  # noqa: F401
        from spacy.util import filter_spans
    except ImportError:
        print("   skipped: spaCy is not installed (pip install -e '.[bench]')")
        return 0
    from presslens.analysis import analyze_article, load_lexicons
    from presslens.ingest import ingest_text
    from presslens.ingest.metadata import MetadataFields

    texts = [Path(f).read_text(encoding="utf-8", errors="replace") for f in files]
    lexicons = load_lexicons()
    nlp, topic_matcher, name_matcher = spacy_matchers(lexicons.topics, lexicons.stakeholders, sentencizer=True)

    def ingest(text: str):
        return ingest_text(text, MetadataFields(source_path="bench.txt"))

    articles = [ingest(t) for t in texts]

    def spacy_work(text: str) -> int:
        doc = nlp(text)
        spans = filter_spans([doc[s:e] for _, s, e in topic_matcher(doc)])
        names = filter_spans([doc[s:e] for _, s, e in name_matcher(doc)])
        return len(spans) + len(names) + sum(1 for _ in doc.sents)

    def analyse(article) -> None:
        analyze_article(article, lexicons)

    def ingest_and_analyse(text: str) -> None:
        analyze_article(ingest(text), lexicons)

    for article, text in zip(articles[:20], texts[:20], strict=True):  # warm caches on both sides
        analyse(article), spacy_work(text)
    best = {"spacy": 0.0, "analyze": 0.0, "ingest+analyze": 0.0}
    for _ in range(ROUNDS):
        best["spacy"] = max(best["spacy"], _best_rate(texts, spacy_work))
        best["analyze"] = max(best["analyze"], _best_rate(articles, analyse))
        best["ingest+analyze"] = max(best["ingest+analyze"], _best_rate(texts, ingest_and_analyse))
    words = sum(len(t.split()) for t in texts)
    print(f"   {len(texts)} BBC politics articles, {words:,} words; best of {ROUNDS} alternating rounds")
    rows = [("spaCy blank en + sentencizer + PhraseMatcher", best["spacy"]),
            ("presslens analyze_article", best["analyze"]),
            ("presslens ingest + analyze_article", best["ingest+analyze"])]
    print(f"   {'':46}{'art/s':>9}{'ratio to spaCy':>16}")
    for label, rate in rows:
        print(f"   {label:<46}{rate:9.1f}{rate / best['spacy']:16.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
