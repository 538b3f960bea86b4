"""Benchmark: sentence boundaries, presslens against pySBD, on accuracy and on speed.

Accuracy: pySBD's 48 English Golden Rules (``tests/golden/english_golden_rules.py``), fed to
presslens through ingest as JSON Lines (as ``tests/test_golden_rules.py`` does) and to pySBD's
own ``Segmenter``; then pySBD's German, French, Spanish and Russian lists and presslens's
Ukrainian ones, scored as ``tests/test_golden_rules_languages.py`` scores them (pySBD with
``clean=True`` on its clean lists, as its own suite runs them). Speed: splitting the 417 BBC politics articles into sentences, presslens's
whole ingest (outline, sentences with offsets, the structured article; with the language given,
and again with it detected) against pySBD with
``char_span=True`` (offsets too), in one run, best of three. Skips pySBD's side without pySBD.
Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_sentences.py``.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from golden.english_golden_rules import GOLDEN_EN_RULES  # noqa: E402
from test_golden_rules_languages import SUITES, presslens_sentences, score  # noqa: E402

from presslens.paths import REALWORLD_DIR  # noqa: E402


def _rate(items, work) -> float:
    best = 0.0
    for _ in range(3):
        start = time.perf_counter()
        for item in items:
            work(item)
        best = max(best, len(items) / (time.perf_counter() - start))
    return best


def main(argv: list[str] | None = None) -> int:
    from presslens.ingest import ingest_text, iter_ingest
    from presslens.ingest.metadata import MetadataFields

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "golden.jsonl"
        path.write_text("".join(json.dumps({"title": f"Rule {n}", "text": text}) + "\n"
                                for n, (text, _) in enumerate(GOLDEN_EN_RULES, 1)), encoding="utf-8")
        found = [[a.sentence_text(s) for s in a.body_sentences] for a in iter_ingest(path)]
    ours = sum(1 for (_, expected), got in zip(GOLDEN_EN_RULES, found, strict=True) if got == expected)
    try:
        import pysbd
    except ImportError:
        pysbd = None
    line = f"   Golden Rules (English, 48): presslens {ours}/48"
    if pysbd is not None:
        segmenter = pysbd.Segmenter(language="en", clean=False)
        theirs = sum(1 for text, expected in GOLDEN_EN_RULES if [s.strip() for s in segmenter.segment(text)] == expected)
        line += f", pySBD {pysbd.__version__} {theirs}/48"
    print(line)
    for language, name, cases, clean in SUITES:
        with tempfile.TemporaryDirectory() as tmp:
            right, failed = score(cases, presslens_sentences(cases, language, Path(tmp), structural=clean))
        line = f"   Golden rules ({language}, {name}, {len(cases)}): presslens {right}/{len(cases)}"
        if pysbd is not None and language != "uk":
            segmenter = pysbd.Segmenter(language=language, clean=clean)
            theirs = sum(1 for text, expected in cases if [s.strip() for s in segmenter.segment(text)] == expected)
            line += f", pySBD {theirs}/{len(cases)}"
        print(line + (f"; presslens fails {failed}" if failed else ""))
    files = sorted((REALWORLD_DIR / "corpus" / "bbc" / "politics").glob("*.txt"))
    if not files:
        print("   speed: skipped (BBC politics folder not found)")
        return 0
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    # the language given, as the English rules of earlier runs were; then detected, as for a .txt file
    ours_rate = _rate(texts, lambda text: ingest_text(text, MetadataFields(source_path="bench.txt", language="en")))
    detected_rate = _rate(texts, lambda text: ingest_text(text, MetadataFields(source_path="bench.txt")))
    print(f"   {len(texts)} BBC politics articles: presslens ingest {ours_rate:.0f} art/s "
          f"({detected_rate:.0f} detecting the language)", end="")
    if pysbd is not None:
        spans = pysbd.Segmenter(language="en", clean=False, char_span=True)
        theirs_rate = _rate(texts, spans.segment)
        print(f", pySBD with offsets {theirs_rate:.0f} art/s, ratio {ours_rate / theirs_rate:.1f}", end="")
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
