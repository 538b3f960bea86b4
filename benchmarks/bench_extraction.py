"""How well HTML ingest finds the article body, measured on real news pages.

Two sets from ``../shared/realworld`` (skipped, with a note, when that folder is absent):

* ``html_bench/scrapinghub-aeb/``: the 181 pages of the Scrapinghub Article Extraction
  Benchmark with their human-checked ``articleBody``;
* ``html/``: 5 full pages with reference texts, plus their headline and date.

The extracted body is every sentence of the structured article except the title sentence
(headings, prose and list items, as the analysis sees them). Both it and the reference
are cut into lowercased word tokens (``\\w+``) and compared as bags of tokens with counts:
precision is the share of extracted tokens found in the reference, recall the share of
reference tokens found in the extraction. Means are over pages; a page where nothing was
extracted scores 0.

Run ``python benchmarks/bench_extraction.py`` (``--compare`` also scores the trafilatura
option sets that were tried). ``main()`` is what ``benchmarks/run.py`` calls.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import lxml.html

from presslens.errors import PresslensError
from presslens.ingest.build import build_article
from presslens.ingest.html import DEFAULT_EXTRACTION, ExtractionOptions, decode_html, outline_html
from presslens.ingest.metadata import MetadataFields
from presslens.ingest.source import read_input_bytes
from presslens.model import Article
from presslens.paths import REALWORLD_DIR

AEB_DIR = REALWORLD_DIR / "html_bench" / "scrapinghub-aeb"
PAGES_DIR = REALWORLD_DIR / "html"

#: Headline and publication date of the 5 pages, from ``../shared/realworld/README.md``.
#: Where the page's visible headline differs from that, both are accepted.
PAGE_FACTS: dict[str, tuple[tuple[str, ...], str]] = {
    "cbsnews_2019-11-19_volker-morrison-impeachment-testimony": (
        (
            "Impeachment hearings: key moments from Kurt Volker's and Tim Morrison's testimony",
            "Key moments from Kurt Volker's and Tim Morrison's impeachment hearing testimony",
        ),
        "2019-11-19",
    ),
    "ap_2019-11-20_sondland-faces-questions-trump-ukraine": (
        ("Unpredictable Sondland faces questions about Trump, Ukraine",),
        "2019-11-20",
    ),
    "nytimes_2017-01-13_us-to-lift-sudan-sanctions": (("United States to Lift Sudan Sanctions",), "2017-01-13"),
    "wapo_2015-03-18_us-israel-relations-after-netanyahu-win": (
        ("Where do strained U.S.-Israeli relations go after Netanyahu's victory?",),
        "2015-03-18",
    ),
    "cnn_2016-12-18_gates-on-tillerson-and-russia": (
        (
            "Gates on Tillerson and Russia: 'You can be friendly without being friends'",
            "Gates on Tillerson and Russia: 'Being friendly doesn't make you friends'",
        ),
        "2016-12-18",
    ),
}

#: The trafilatura option sets compared with ``--compare``.
CANDIDATES: dict[str, ExtractionOptions] = {
    "favor recall, no fallbacks, tables (default)": DEFAULT_EXTRACTION,
    "trafilatura defaults (fallbacks, tables)": ExtractionOptions(favor_recall=False, fallback=True),
    "no fallbacks": ExtractionOptions(favor_recall=False),
    "favor precision": ExtractionOptions(favor_precision=True, favor_recall=False, fallback=True),
    "favor precision, no fallbacks": ExtractionOptions(favor_precision=True, favor_recall=False),
    "favor recall, fallbacks": ExtractionOptions(fallback=True),
    "favor recall, no fallbacks, no tables": ExtractionOptions(include_tables=False),
}

_TOKEN_RE = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """Lowercased word tokens of a text, with counts."""
    return Counter(_TOKEN_RE.findall(text.lower()))


class Score(NamedTuple):
    """Token overlap of one extraction with its reference.

    (A NamedTuple, not a dataclass: ``benchmarks/run.py`` loads this file without
    registering it in ``sys.modules``, which dataclasses need.)
    """

    page: str
    precision: float
    recall: float
    f1: float


def score(page: str, extracted: str, reference: str) -> Score:
    """Bag-of-tokens precision, recall and F1 of ``extracted`` against ``reference``."""
    got, want = tokens(extracted), tokens(reference)
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(page, precision, recall, f1)


def body_text(article: Article) -> str:
    """The article's text without its title sentence: headings, prose and list items."""
    return "\n".join(article.sentence_text(s) for s in article.sentences if s.kind != "title")


def extract(path: Path, options: ExtractionOptions = DEFAULT_EXTRACTION) -> Article:
    """Ingest one saved page with the given extraction options."""
    data, digest = read_input_bytes(path)
    markup, _ = decode_html(data, path)
    text, elements, meta = outline_html(markup, path, options=options)
    meta = MetadataFields(**{**meta.__dict__, "source_path": str(path), "source_sha256": digest})
    return build_article(text, elements, meta)


def _extracted_or_empty(path: Path, options: ExtractionOptions) -> tuple[str, Article | None]:
    try:
        article = extract(path, options)
    except PresslensError as exc:
        print(f"  {exc}", file=sys.stderr)
        return "", None
    return body_text(article), article


def score_aeb(options: ExtractionOptions = DEFAULT_EXTRACTION) -> list[Score]:
    """Score every page of the Scrapinghub benchmark."""
    truth = json.loads((AEB_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for page_id, entry in sorted(truth.items()):
        extracted, _ = _extracted_or_empty(AEB_DIR / "html" / f"{page_id}.html.gz", options)
        scores.append(score(page_id, extracted, entry["articleBody"]))
    return scores


def _reference_text(stem: str) -> str:
    txt = PAGES_DIR / f"{stem}.expected.txt"
    if txt.is_file():
        return txt.read_text(encoding="utf-8")
    fragment = (PAGES_DIR / f"{stem}.expected.html").read_text(encoding="utf-8")
    return lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()


def _normalised(text: str) -> str:
    return " ".join(_TOKEN_RE.findall(text.casefold().replace("’", "'")))


def score_pages(options: ExtractionOptions = DEFAULT_EXTRACTION) -> list[tuple[Score, str, bool, str, bool]]:
    """Score the 5 full pages: body overlap, and whether title and date are right.

    Returns:
        One tuple per page: score, extracted title, title right, extracted date, date right.
    """
    results = []
    for stem, (titles, published) in PAGE_FACTS.items():
        extracted, article = _extracted_or_empty(PAGES_DIR / f"{stem}.html", options)
        title = article.metadata.title if article else ""
        date = article.metadata.published.isoformat() if article and article.metadata.published else ""
        title_right = _normalised(title) in {_normalised(t) for t in titles}
        results.append((score(stem, extracted, _reference_text(stem)), title, title_right, date, date == published))
    return results


def _means(scores: list[Score]) -> tuple[float, float, float]:
    n = len(scores) or 1
    return (
        sum(s.precision for s in scores) / n,
        sum(s.recall for s in scores) / n,
        sum(s.f1 for s in scores) / n,
    )


def report(options: ExtractionOptions = DEFAULT_EXTRACTION, *, label: str = "presslens") -> dict[str, float]:
    """Print the figures for one option set and return the means.

    Args:
        options: The extraction options to measure.
        label: Name of the option set in the output.

    Returns:
        ``precision``, ``recall``, ``f1`` (means over the 181 pages), ``seconds`` and
        ``titles_right``, ``dates_right`` (out of 5).
    """
    started = time.perf_counter()
    aeb = score_aeb(options)
    seconds = time.perf_counter() - started
    precision, recall, f1 = _means(aeb)
    print(f"{label}: {len(aeb)} Scrapinghub AEB pages in {seconds:.0f} s")
    print(f"  mean precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print("  worst 5 by F1:")
    for s in sorted(aeb, key=lambda s: s.f1)[:5]:
        print(f"    {s.page[:16]}  P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}")
    pages = score_pages(options)
    print(f"  {len(pages)} full pages (html/):")
    for s, title, title_right, date, date_right in pages:
        print(
            f"    {s.page[:40]:40}  F1 {s.f1:.3f}  title {'ok' if title_right else 'WRONG'}  "
            f"date {date or '-'} {'ok' if date_right else 'WRONG'}"
        )
        if not title_right:
            print(f"      title extracted: {title!r}")
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "seconds": seconds,
        "titles_right": sum(p[2] for p in pages),
        "dates_right": sum(p[4] for p in pages),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the extraction benchmark; returns the exit status (0 also when the data is absent).

    Args:
        argv: Command-line arguments; ``--compare`` also measures the other option sets.
    """
    parser = argparse.ArgumentParser(description="Measure HTML article extraction on real pages.")
    parser.add_argument("--compare", action="store_true", help="also score the other trafilatura option sets tried")
    args = parser.parse_args([] if argv is None else argv)
    if not AEB_DIR.is_dir() or not PAGES_DIR.is_dir():
        print(f"bench_extraction: skipped, real-world pages not found under {REALWORLD_DIR}")
        return 0
    if not args.compare:
        report()
        return 0
    for label, options in CANDIDATES.items():
        report(options, label=label)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
