"""The analysis invariants, checked on every real article and a sample of the BBC corpus.

The engine builds its tables from records without re-checking them on every article (the
checks cost more than the measures); these tests run the checks instead: hits and mentions
lie inside their sentences and spell the text, claim profiles' flags agree with their
category, quotations' offsets spell the quoted words, shares lie in 0..1.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.analysis import analyze_article, load_lexicons
from presslens.analysis.claims import check_profiles
from presslens.analysis.quotes import find_quotations
from presslens.analysis.stakeholders import check_mentions
from presslens.analysis.topics import check_hits, check_shares
from presslens.ingest import load_any
from presslens.paths import DEFAULT_ARTICLE


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def _articles(realworld: Path | None) -> list[Path]:
    paths = [DEFAULT_ARTICLE]
    if realworld is not None:
        paths += sorted((realworld / "articles").glob("*.txt"))
        paths += sorted((realworld / "corpus" / "bbc" / "politics").glob("*.txt"))[::20]
    return paths


def check_analysis(path: Path, lexicons) -> None:
    article = load_any(path)
    result = analyze_article(article, lexicons)
    check_hits(article, result.topics.hits)
    check_shares(result.topics.emphasis, ["share", "weighted_share", "first_position"])
    check_shares(result.topics.by_section, ["share_of_section"])
    check_mentions(article, result.stakeholders.mentions)
    check_profiles(result.claims)
    quotations = find_quotations(article, lexicons.claim_cues)  # checks offsets against the text
    assert list(quotations["quote_start"]) == [q["quote_start"] for q in result.quotation_rows]
    assert len(result.claims) == len(article.body_sentences)
    sentences = result.sentences
    assert sentences["position"].between(0, 1).all()
    assert int(sentences.loc[sentences["kind"].isin(["sentence", "list_item"]), "words"].sum()) == sum(
        s["words"] for s in result.to_json()["article"]["sections"]
    )
    summary = result.stakeholders.summary
    if len(summary):
        assert abs(summary["share"].sum() - 1) < 0.01


def test_invariants_on_the_seed(lexicons):
    check_analysis(DEFAULT_ARTICLE, lexicons)


@pytest.mark.realworld
def test_invariants_on_real_articles(realworld, lexicons):
    paths = _articles(realworld)
    assert len(paths) > 20
    for path in paths:
        check_analysis(path, lexicons)


def test_checks_catch_broken_tables(seed, lexicons):
    """The checks fail on a table that breaks its invariant, so the tests above can fail."""
    result = analyze_article(seed, lexicons)
    hits = result.topics.hits.copy()
    hits.loc[0, "start"] = hits.loc[0, "end"] + 5
    with pytest.raises(ValueError):
        check_hits(seed, hits)
    profiles = result.claims.copy()
    profiles.loc[0, "category"] = "unsupported" if profiles.loc[0, "category"] != "unsupported" else "speculative"
    with pytest.raises(ValueError):
        check_profiles(profiles)
    mentions = result.stakeholders.mentions.copy()
    mentions.loc[0, "alias"] = "Nobody"
    with pytest.raises(ValueError):
        check_mentions(seed, mentions)
