"""Repeated content (presslens.analysis.repetition)."""

from __future__ import annotations

import pytest

from presslens.ingest import ingest_text, load_any
from presslens.ingest.metadata import MetadataFields
from presslens.analysis.repetition import (
    DEFAULT_THRESHOLD,
    PAIR_COLUMNS,
    content_stems,
    find_repetition,
    repetition_json,
    similarity_distribution,
    stem,
)


@pytest.fixture(scope="module")
def seed_repetition(seed):
    return find_repetition(seed)


def test_stem_matches_inflections():
    assert stem("meeting") == stem("meetings") == "meet"
    assert stem("leaders") == "leader"
    assert stem("policies") == "policy"
    assert stem("issues") == "issue"
    assert stem("nato") == "nato"
    assert content_stems("The leaders are meeting on Wednesday") == ["leader", "meet", "wednesday"]


def test_seed_meeting_announcements_restate_each_other(seed, seed_repetition):
    first_under_heading = seed.sections[1].blocks[0].sentences[0]
    last_paragraph_first = seed.sections[-1].blocks[-1].sentences[0]
    trio = {"s1", first_under_heading, last_paragraph_first}
    assert trio == {"s1", "s5", "s47"}
    pairs = seed_repetition.pairs[seed_repetition.pairs["unit"] == "sentence"]
    found = {frozenset((r.a, r.b)) for r in pairs.itertuples()}
    for a, b in (("s1", "s5"), ("s1", "s47"), ("s5", "s47")):
        assert frozenset((a, b)) in found
    assert {"s5", "s47"} <= seed_repetition.repeated_sentences
    assert "s1" not in seed_repetition.repeated_sentences  # the first statement is not a repeat


def test_seed_pairs_table_and_shares(seed_repetition):
    pairs = seed_repetition.pairs
    assert list(pairs.columns) == PAIR_COLUMNS
    assert set(pairs["unit"]) == {"sentence", "paragraph"}
    assert (pairs["similarity"] >= DEFAULT_THRESHOLD).all()
    assert 0 < seed_repetition.repeated_share < 0.3
    by_section = seed_repetition.by_section
    assert list(by_section.columns) == ["section", "section_label", "words", "repeated_words", "repeated_share"]
    assert (by_section["repeated_words"] <= by_section["words"]).all()
    total = by_section["repeated_words"].sum() / by_section["words"].sum()
    assert total == pytest.approx(seed_repetition.repeated_share, abs=1e-4)


def test_repetition_json(seed_repetition):
    data = repetition_json(seed_repetition)
    assert set(data) == {"repeated_share", "pairs"}
    assert all(set(p) == {"a", "b", "similarity"} for p in data["pairs"])
    assert {"a": "s1", "b": "s5", "similarity": pytest.approx(0.595, abs=0.01)} in data["pairs"]


def test_threshold_evidence_on_seed(seed_repetition):
    bands = similarity_distribution(seed_repetition)
    assert bands["pairs"].sum() == 45 * 44 // 2
    below = bands[bands["band"].str.startswith(("0.00", "0.10", "0.20"))]["pairs"].sum()
    assert below / bands["pairs"].sum() > 0.95


def article(text):
    return ingest_text(text, MetadataFields(source_path="memory.txt", title="Test"))


def test_reworded_restatement_found_and_unrelated_not():
    a = article(
        "Ukrainian officials announced that Zelensky and Trump will meet on Wednesday at the NATO summit.\n\n"
        "Energy prices in Europe fell sharply over the winter months.\n\n"
        "Zelensky and Trump are set to meet at the NATO summit on Wednesday, officials said.\n"
    )
    result = find_repetition(a)
    sentence_pairs = result.pairs[result.pairs["unit"] == "sentence"]
    assert [(r.a, r.b) for r in sentence_pairs.itertuples()] == [("s1", "s3")]
    assert result.repeated_sentences == {"s3"}


def test_short_units_are_never_repeats():
    a = article("Analysis\n\n- Sanctions enforcement\n- Sanctions enforcement\n")
    assert find_repetition(a).pairs.empty


def test_threshold_must_be_a_similarity(seed):
    with pytest.raises(ValueError, match="thresholds"):
        find_repetition(seed, threshold=0)


def test_real_articles_mostly_free_of_repetition(realworld):
    shares = []
    for path in sorted((realworld / "articles").glob("*.txt")):
        result = find_repetition(load_any(path))
        shares.append(result.repeated_share)
        assert (result.similarities["similarity"] < 0.25).mean() > 0.95
    # the seed (about 10%) repeats more than most real articles
    assert sorted(shares)[len(shares) // 2] < 0.05


def test_sparse_pairs_equal_the_dense_reference():
    """similar_pairs finds exactly the pairs the dense all-pairs matrix puts at or above the threshold."""
    import random

    from presslens.analysis.similarity import similar_pairs, tfidf_similarity, tfidf_vectors

    rng = random.Random(7)
    words = [f"w{k}" for k in range(40)]
    for trial in range(60):
        docs = [[rng.choice(words[: rng.randint(5, 40)]) for _ in range(rng.randint(0, 12))] for _ in range(rng.randint(2, 30))]
        eligible = [len(set(d)) >= 2 for d in docs]
        threshold = rng.choice([0.2, 0.35, 0.5, 0.8])
        dense = tfidf_similarity(docs)
        expected = [(i, j) for j in range(len(docs)) for i in range(j)
                    if eligible[i] and eligible[j] and dense[i, j] >= threshold]
        found = similar_pairs(tfidf_vectors(docs), threshold, eligible=eligible, window=10**6, max_matches=10**6)
        assert [(i, j) for i, j, _ in found] == expected, trial
        for i, j, score in found:
            assert score == pytest.approx(dense[i, j], abs=1e-9)


def test_repetition_is_not_quadratic():
    """10,000 sentences from a small vocabulary: the prefix filter keeps the scored pairs few."""
    import time

    from presslens.analysis.similarity import similar_pairs, tfidf_vectors

    import random

    rng = random.Random(3)
    vocabulary = [f"word{k}" for k in range(3000)]
    docs = [[rng.choice(vocabulary) for _ in range(12)] for _ in range(10_000)]
    start = time.process_time()
    found = similar_pairs(tfidf_vectors(docs), 0.35, eligible=[True] * len(docs))
    assert time.process_time() - start < 20  # all 50 million pairs would take minutes
    assert all(i < j for i, j, _ in found)


def test_window_and_match_limits_bound_degenerate_text():
    """The same sentence a thousand times: each keeps its most similar earlier matches, within the window."""
    from presslens.analysis.similarity import similar_pairs, tfidf_vectors

    docs = [["sanction", "bank", "ship", "oil", "russia"]] * 1000
    found = similar_pairs(tfidf_vectors(docs), 0.35, eligible=[True] * 1000, window=50, max_matches=3)
    assert len(found) == 3 + 3 * 997  # units 1 and 2 have fewer than three earlier ones
    assert all(j - i <= 50 for i, j, _ in found)


def test_dense_pairs_equal_the_sparse_search():
    """The numpy scoring an article gets finds what the prefix filter finds, limits included."""
    import random

    from presslens.analysis.similarity import count_matrix, dense_pairs, idf_weights, similar_pairs, tfidf_vectors

    rng = random.Random(11)
    words = [f"w{k}" for k in range(30)]
    for trial in range(80):
        docs = [[rng.choice(words[: rng.randint(3, 30)]) for _ in range(rng.randint(0, 10))] for _ in range(rng.randint(1, 40))]
        eligible = [len(set(d)) >= 2 for d in docs]
        threshold = rng.choice([0.2, 0.35, 0.5, 0.9])
        window, max_matches = rng.choice([(400, 10), (5, 2), (10**6, 1)])
        counts = count_matrix(docs)
        found = dense_pairs(counts, idf_weights(counts), threshold, eligible=eligible, window=window, max_matches=max_matches)
        expected = similar_pairs(tfidf_vectors(docs), threshold, eligible=eligible, window=window, max_matches=max_matches)
        assert [(i, j) for i, j, _ in found] == [(i, j) for i, j, _ in expected], trial
        assert [s for *_, s in found] == pytest.approx([s for *_, s in expected], abs=1e-9)


def test_long_input_leaves_the_matrix_for_the_sparse_search(monkeypatch):
    """Past DENSE_CELLS or DENSE_COOCCURRENCES no matrix is built, and find_repetition finds the same pairs the sparse way."""
    from presslens.analysis import repetition, similarity
    from presslens.ingest import ingest_text
    from presslens.ingest.metadata import MetadataFields

    text = "\n\n".join(f"Officials in capital {k} said the sanctions on banks and oil would stay in force." for k in range(60))
    article = ingest_text(text, MetadataFields(source_path="generated.txt"))
    dense = repetition.find_repetition(article).records
    monkeypatch.setattr(similarity, "DENSE_CELLS", 10)
    assert similarity.count_matrix([["a", "b"]] * 10) is None
    assert repetition.find_repetition(article).records == dense
    monkeypatch.undo()
    monkeypatch.setattr(similarity, "DENSE_COOCCURRENCES", 99)  # the same stems in 60 paragraphs: thousands
    assert similarity.count_matrix([["a", "b"]] * 10) is None
    assert repetition.find_repetition(article).records == dense
    assert dense["pairs"]
