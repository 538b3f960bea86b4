"""Declared inflection patterns against a lemmatiser (pymorphy3) for Russian and Ukrainian names.

The registry puts every word of a Russian or Ukrainian name or title into each case with the
patterns declared in ``data/lexicons/stakeholders.yaml`` (``inflection``). The alternative is to
ask pymorphy3 (OpenCorpora and VESUM dictionaries, PyPI packages ``pymorphy3-dicts-ru`` and
``pymorphy3-dicts-uk``) for each word's case forms. This script builds the Russian and Ukrainian
registries both ways and measures, on the hand-counted fixtures in ``tests/fixtures/languages``:
the stakeholders whose mention count is exact, the time to build each language's registry
(once per process), and the time to analyse the fixtures. It needs ``pip install pymorphy3
pymorphy3-dicts-ru pymorphy3-dicts-uk`` (requirements-bench.txt).

    python benchmarks/bench_inflection.py
"""

from __future__ import annotations

import time
from pathlib import Path

import presslens.analysis.stakeholders.registry as registry_module
from presslens.analysis import analyze_article, load_lexicons
from presslens.analysis.evaluation import score_language_fixture
from presslens.ingest import load_any

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "languages"
#: pymorphy3's case tags in the order of the registry's declared patterns.
CASES = ("gent", "datv", "accs", "ablt", "loct")
_DECLARED = registry_module.case_slots
_analysers: dict[str, object] = {}


def _analyser(code: str):
    if code not in _analysers:
        import pymorphy3

        _analysers[code] = pymorphy3.MorphAnalyzer(lang=code)
    return _analysers[code]


def lemmatiser_slots(phrase: str, paradigms, *, fixed=frozenset(), code: str) -> list[list[str]]:
    """:func:`case_slots` with pymorphy3's case forms instead of the declared patterns."""
    words = phrase.split()
    morph = _analyser(code)
    slots = [[" ".join(words)]]
    for case in CASES:
        forms = []
        for word in words:
            letters = [ch for ch in word if ch.isalpha()]
            if word in fixed or (len(letters) > 1 and all(ch.isupper() for ch in letters)):
                forms.append(word)
                continue
            parse = morph.parse(word)[0]
            form = parse.inflect({case, "sing"}) or parse.inflect({case})
            written = form.word if form else word
            forms.append(written[:1].upper() + written[1:] if word[:1].isupper() else written)
        slots.append([" ".join(forms)])
    return slots


def measure(label: str, lexicons, code: str) -> None:
    """Build ``code``'s registry afresh, then score and time the fixtures of that language."""
    registry = lexicons.stakeholders
    registry._languages.pop(code, None)
    start = time.perf_counter()
    registry.for_language(code)
    built = time.perf_counter() - start
    exact = total = 0
    misses = []
    analyse = 0.0
    for labels in sorted(FIXTURES.glob(f"{code}-*.yaml")):
        article = load_any(labels.with_suffix(".txt"))
        analyze_article(article, lexicons)  # warm the per-lexicon caches first
        start = time.perf_counter()
        for _ in range(20):
            analyze_article(article, lexicons)
        analyse += (time.perf_counter() - start) / 20
        score = score_language_fixture(labels, article, lexicons)
        for sid, expected, found in score.mentions:
            total += 1
            exact += expected == found
            if expected != found:
                misses.append(f"{labels.stem}:{sid} {expected}/{found}")
    phrases = len(registry.for_language(code).matcher.phrases)
    print(f"{label:10} {code}: mentions exact {exact}/{total}; registry ({phrases} phrases) built in {built * 1000:.0f} ms; "
          f"analysing the fixtures {analyse * 1000:.1f} ms; misses: {', '.join(misses) or 'none'}")


def main() -> None:
    lexicons = load_lexicons()
    for code in ("ru", "uk"):
        measure("declared", lexicons, code)
    start = time.perf_counter()
    _analyser("ru"), _analyser("uk")
    print(f"pymorphy3: loading the ru and uk dictionaries takes {(time.perf_counter() - start) * 1000:.0f} ms")
    try:
        for code in ("ru", "uk"):
            registry_module.case_slots = (lambda c: lambda phrase, paradigms, *, fixed=frozenset(): lemmatiser_slots(
                phrase, paradigms, fixed=fixed, code=c))(code)
            measure("pymorphy3", lexicons, code)
    finally:
        registry_module.case_slots = _DECLARED


if __name__ == "__main__":
    main()
