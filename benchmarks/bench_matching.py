"""Benchmark: presslens topic and stakeholder matching against spaCy's PhraseMatcher.

Over the BBC News corpus (``../shared/realworld/corpus/bbc/*/*.txt``, 2,225 articles), in
one run:

1. **matching**: the presslens engine (:mod:`presslens.analysis.matching`: the taxonomy's and the
   registry's compiled matchers over each article's text) against spaCy 3's
   ``PhraseMatcher`` on ``spacy.blank("en")`` (``attr="LOWER"`` for topic terms and their
   plurals, ``attr="ORTH"`` for aliases, titled aliases and exclusions), with
   ``spacy.util.filter_spans`` for the same leftmost-longest selection. Both include their
   tokenisation or scanning of the raw text.
2. **pipeline**: presslens ingest + :func:`analyze_topics` + :func:`analyze_stakeholders`
   (every table built and checked, quotations found, names discovered), printed for
   context next to ingest + the spaCy matching of (1). That baseline builds no tables, so
   the two are not the same work and no ratio is printed for them: the ratio that
   compares like with like is the matching one.

It prints articles per second, the ratio (presslens / spaCy, > 1 means presslens is
faster) and the peak memory traced by ``tracemalloc`` while each side builds its matchers
(loading the YAML lexicons, or the blank pipeline and its phrase patterns) and matches the
first ``MEMORY_SAMPLE`` articles. Absolute times on a shared machine are context only.
Skips cleanly when the corpus is absent. Run: ``.venv/bin/python benchmarks/bench_matching.py``
(``--limit N`` for a quick run) or ``make bench``.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from presslens.paths import REALWORLD_DIR

CORPUS = REALWORLD_DIR / "corpus" / "bbc"
MEMORY_SAMPLE = 300


def corpus_texts(limit: int | None = None) -> list[str]:
    """The corpus articles' texts, in a stable order (empty when the corpus is absent)."""
    files = sorted(CORPUS.glob("*/*.txt"))[:limit]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def presslens_matchers():
    from presslens.analysis.stakeholders import load_registry
    from presslens.analysis.topics import load_taxonomy

    return load_taxonomy(), load_registry()


def spacy_matchers(taxonomy, registry, *, sentencizer: bool = False):
    """spaCy's blank English pipeline (with the sentencizer when asked) and two PhraseMatchers holding the same phrases."""
    import spacy
    from spacy.matcher import PhraseMatcher

    from presslens.analysis.matching import phrase_variants

    nlp = spacy.blank("en")
    if sentencizer:
        nlp.add_pipe("sentencizer")
    topics = PhraseMatcher(nlp.vocab, attr="LOWER")
    for n, (topic, term) in enumerate(taxonomy.phrase_topics):
        variants = phrase_variants(term, inflect=True) + phrase_variants(term.replace("-", " "), inflect=True)
        topics.add(f"t{n}", [nlp.make_doc(v) for v in dict.fromkeys(variants)])
    names = PhraseMatcher(nlp.vocab, attr="ORTH")
    for n, phrase in enumerate(registry.matcher.phrases):
        names.add(f"s{n}", [nlp.make_doc(phrase)])
    return nlp, topics, names


def run_spacy_matching(nlp, topics, names, text: str) -> int:
    from spacy.util import filter_spans

    doc = nlp.make_doc(text)
    topic_spans = filter_spans([doc[s:e] for _, s, e in topics(doc)])
    name_spans = filter_spans([doc[s:e] for _, s, e in names(doc)])
    return len(topic_spans) + len(name_spans)


def run_presslens_matching(taxonomy, registry, text: str) -> int:
    return len(taxonomy.matcher.findall(text)) + len(registry.matcher.findall(text))


def _rate(texts: list[str], work: Callable[[str], object]) -> float:
    start = time.perf_counter()
    for text in texts:
        work(text)
    return len(texts) / (time.perf_counter() - start)


def _peak_mb(setup: Callable[[], Callable[[str], object]], texts: list[str]) -> float:
    """Peak memory traced while building the matchers with ``setup`` and matching ``texts``."""
    tracemalloc.start()
    work = setup()
    for text in texts:
        work(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures; returns 0 (also when skipped)."""
    parser = argparse.ArgumentParser(description="presslens matching vs spaCy PhraseMatcher on the BBC corpus")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = parser.parse_args(argv)
    texts = corpus_texts(args.limit)
    if not texts:
        print(f"   skipped: BBC corpus not found at {CORPUS}")
        return 0
    from presslens.ingest import ingest_text
    from presslens.ingest.metadata import MetadataFields
    from presslens.analysis.stakeholders import analyze_stakeholders
    from presslens.analysis.topics import analyze_topics

    taxonomy, registry = presslens_matchers()
    nlp, topic_matcher, name_matcher = spacy_matchers(taxonomy, registry)
    words = sum(len(t.split()) for t in texts)
    print(f"   {len(texts)} BBC articles, {words:,} words; {len(taxonomy.phrase_topics)} topic terms, "
          f"{len(registry.matcher.phrases)} stakeholder phrases")

    def ours(text: str) -> int:
        return run_presslens_matching(taxonomy, registry, text)

    def theirs(text: str) -> int:
        return run_spacy_matching(nlp, topic_matcher, name_matcher, text)

    def ingest(text: str):
        return ingest_text(text, MetadataFields(source_path="bench.txt"))

    def pipeline(text: str) -> None:
        article = ingest(text)
        analyze_topics(article, taxonomy)
        analyze_stakeholders(article, registry)

    def baseline_pipeline(text: str) -> None:
        article = ingest(text)
        run_spacy_matching(nlp, topic_matcher, name_matcher, article.text)

    # Warm up both (regex compilation caches, spaCy lexeme cache) on a few articles.
    for text in texts[:20]:
        ours(text), theirs(text)
    rows = [
        ("matching", _rate(texts, ours), _rate(texts, theirs)),
        ("pipeline", _rate(texts, pipeline), _rate(texts, baseline_pipeline)),
    ]
    def setup_ours() -> Callable[[str], object]:
        fresh_taxonomy, fresh_registry = presslens_matchers()
        return lambda text: run_presslens_matching(fresh_taxonomy, fresh_registry, text)

    def setup_theirs() -> Callable[[str], object]:
        fresh = spacy_matchers(taxonomy, registry)
        return lambda text: run_spacy_matching(*fresh, text)

    sample = texts[:MEMORY_SAMPLE]
    memory = {"presslens": _peak_mb(setup_ours, sample), "spaCy": _peak_mb(setup_theirs, sample)}
    print(f"   {'':10}{'presslens art/s':>17}{'spaCy art/s':>14}{'ratio':>8}")
    name, mine, base = rows[0]
    print(f"   {name:10}{mine:17.1f}{base:14.1f}{mine / base:8.2f}")
    name, mine, base = rows[1]
    print(f"   {name:10}{mine:17.1f}{base:14.1f}       -   (presslens: ingest + all topic and stakeholder tables; "
          "spaCy: ingest + matching only)")
    print(f"   peak traced memory, building the matchers and matching {len(sample)} articles: presslens {memory['presslens']:.1f} MB, "
          f"spaCy {memory['spaCy']:.1f} MB")
    import resource

    print(f"   process peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
