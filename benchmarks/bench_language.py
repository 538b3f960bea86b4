"""Benchmark: language detection on presslens's fixtures, whole and cut short, and its speed.

Reads ``tests/fixtures/languages/detection.yaml`` (24 news-style texts written for presslens,
four per language in en, de, fr, es, uk, ru) and prints how many py3langid, through
:func:`presslens.ingest.language.detect_language`, gets right on each whole text and on its
first 2, 3, 5 and 8 words, how long the model takes to load, and the time per text. langdetect
and lingua (``lingua-language-detector``), the alternatives weighed in README "Language", are
measured the same way when they are importable; neither is a dependency.
Run: ``.venv/bin/python benchmarks/bench_language.py``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "tests" / "fixtures" / "languages" / "detection.yaml").read_text(encoding="utf-8"))["texts"]
CUTS = (2, 3, 5, 8)


def _measure(name: str, load: Callable[[], Callable[[str], str | None]]) -> None:
    start = time.perf_counter()
    detect = load()
    detect("Warm-up")
    loaded = time.perf_counter() - start
    right = sum(detect(c["text"]) == c["language"] for c in CASES)
    cuts = []
    for words in CUTS:
        cut = sum(detect(" ".join(c["text"].split()[:words])) == c["language"] for c in CASES)
        cuts.append(f"{words} words {cut}")
    start = time.perf_counter()
    for _ in range(5):
        for case in CASES:
            detect(case["text"])
    per_text = (time.perf_counter() - start) / (5 * len(CASES)) * 1000
    print(f"   {name}: {right}/{len(CASES)} whole texts; first {', '.join(cuts)} (of {len(CASES)}); "
          f"load and first call {loaded:.2f} s, {per_text:.2f} ms a text")


def _py3langid() -> Callable[[str], str | None]:
    from presslens.ingest.language import detect_language

    return detect_language


def _langdetect() -> Callable[[str], str | None]:
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    return detect


def _lingua() -> Callable[[str], str | None]:
    from lingua import LanguageDetectorBuilder

    detector = LanguageDetectorBuilder.from_all_languages().build()

    def detect(text: str) -> str | None:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else None

    return detect


def main() -> int:
    print(f"   language detection, {len(CASES)} fixture texts:")
    for name, load in (("py3langid (presslens)", _py3langid), ("langdetect", _langdetect), ("lingua", _lingua)):
        try:
            _measure(name, load)
        except ImportError:
            print(f"   {name}: not installed, skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
