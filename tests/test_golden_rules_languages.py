"""Sentence boundaries in German, French, Spanish, Russian (pySBD's cases) and Ukrainian (ours).

Each case is ingested as one JSON Lines record with its ``language``, so the record's language
chooses the splitter's rules as it does for any input; the sentences presslens finds must equal
the expected ones exactly, and their offsets must spell them. pySBD's lists and their source and
licence are in ``golden/pysbd_language_rules.py``; the Ukrainian cases were written for presslens.

pySBD runs its ``clean`` lists after its text cleaner, which joins and drops lines; presslens's
ingest reads the same structure instead (a short line is a heading, "• 3." opens a list item whose
marker stays outside the item's span), so for those lists every span but the title counts and a
list item is compared from the start of its line. ``benchmarks/bench_sentences.py`` prints the
same scores with pySBD's beside them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from golden.pysbd_language_rules import PYSBD_SUITES
from golden.ukrainian_rules import UK_RULES
from presslens.ingest import iter_ingest
from presslens.model import Article

#: presslens's score on each list: every case of pySBD's own lists passes, as they do for pySBD.
#: The clean lists are read as structure (see the module docstring); every case passes there too.
FLOORS = {
    ("de", "rules"): 3, ("de", "clean"): 29,
    ("fr", "rules"): 5,
    ("es", "rules"): 5, ("es", "more"): 25, ("es", "clean"): 5,
    ("ru", "rules"): 3, ("ru", "more"): 39,
    ("uk", "rules"): len(UK_RULES),
}


def _spans(article: Article, structural: bool) -> list[str]:
    if not structural:
        found = [article.sentence_text(s) for s in article.body_sentences]
        assert all(article.text[s.start : s.end] == t for s, t in zip(article.body_sentences, found, strict=True))
        return found
    spans, items_seen = [], set()
    for block_sentences in _items_first_sentences(article):
        items_seen |= block_sentences
    for s in article.sentences:
        if s.kind == "title":
            continue
        start = s.start
        if s.id in items_seen:
            start = article.text.rfind("\n", 0, s.start) + 1  # the marker ("• 3. ") is outside the span
        spans.append(article.text[start : s.end])
    return spans


def _items_first_sentences(article: Article) -> list[set[str]]:
    return [{item.sentences[0] for item in block.items} for section in article.sections for block in section.blocks]


def presslens_sentences(cases: list[tuple[str, list[str]]], language: str, folder: Path, *, structural: bool = False) -> list[list[str]]:
    """The sentences presslens finds in each case, ingested as one JSON Lines file in ``language``."""
    path = folder / f"golden-{language}.jsonl"
    path.write_text("".join(json.dumps({"title": f"Case {n}", "text": text, "language": language}, ensure_ascii=False) + "\n"
                            for n, (text, _) in enumerate(cases, 1)), encoding="utf-8")
    found = []
    for article in iter_ingest(path):
        assert not isinstance(article, Exception), article
        assert article.metadata.language == language
        found.append(_spans(article, structural))
    return found


def score(cases: list[tuple[str, list[str]]], found: list[list[str]]) -> tuple[int, list[int]]:
    failed = [n for n, ((_, expected), got) in enumerate(zip(cases, found, strict=True), 1) if got != expected]
    return len(cases) - len(failed), failed


SUITES = [(language, name, cases, clean) for language, lists in PYSBD_SUITES.items() for name, cases, clean in lists]
SUITES.append(("uk", "rules", UK_RULES, False))


@pytest.mark.parametrize(("language", "name", "cases", "clean"), SUITES, ids=[f"{s[0]}-{s[1]}" for s in SUITES])
def test_golden_rules(language: str, name: str, cases: list, clean: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    right, failed = score(cases, presslens_sentences(cases, language, tmp_path, structural=clean))
    with capsys.disabled():
        print(f"\nGolden rules ({language}, {name}): presslens {right}/{len(cases)}; failing: {failed}")
    assert right >= FLOORS[(language, name)], f"{right}/{len(cases)}, failing {failed}"


@pytest.mark.parametrize(("language", "name", "cases", "clean"), SUITES[:-1], ids=[f"{s[0]}-{s[1]}" for s in SUITES[:-1]])
def test_pysbd_reference_score(language: str, name: str, cases: list, clean: bool):
    """pySBD on its own lists, for the README's side-by-side figures (skipped without pySBD)."""
    pysbd = pytest.importorskip("pysbd")
    segmenter = pysbd.Segmenter(language=language, clean=clean)
    right = sum(1 for text, expected in cases if [s.strip() for s in segmenter.segment(text)] == expected)
    assert right == len(cases)


def test_english_rules_stay_english():
    """An article in a language without rules of its own is split by the English ones."""
    from presslens.ingest.segment import split_sentences

    text = "Mr. Rossi arrived at 5 p.m. on Monday. The talks began."
    assert list(split_sentences(text, language="it")) == list(split_sentences(text)) == [(0, 38), (39, 55)]
