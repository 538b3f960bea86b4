"""The near-duplicate search on its own: exact and near repeats, the Jaccard threshold,
no grouping of unrelated sentences, deterministic output, and agreement with a brute-force
search over every pair on generated sets.
"""

from __future__ import annotations

import random
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from presslens.corpus import neardup

BASE = ("NATO foreign ministers agreed on Thursday to speed up deliveries of air defence systems to Ukraine "
        "before winter and to send more artillery shells to the front line within weeks")


def _rows(texts: list[str], owners: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"article_id": owners, "sentence": [f"s{i}" for i in range(len(texts))], "text": texts})


def _groups(result: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(part["sentence"]) for _, part in result.groupby("group")}


def test_exact_duplicates_group_across_case_and_punctuation() -> None:
    texts = [BASE + ".", BASE.upper() + "!", f'"{BASE}," he said', "Talks on grain exports resumed in Istanbul after a pause of several weeks."]
    result = neardup.shared_groups(_rows(texts, ["a", "b", "c", "d"]), threshold=0.7)
    assert _groups(result) == {frozenset({"s0", "s1"}) | ({"s2"} if neardup.jaccard(neardup.shingles(texts[0]), neardup.shingles(texts[2])) >= 0.7 else set())}
    exact = result[result["sentence"].isin(["s0", "s1"])]
    assert (exact["similarity"] == 1.0).all()


def test_near_duplicate_above_and_below_the_threshold() -> None:
    one_word = BASE.replace("Thursday", "Friday")
    rewritten = "Ministers from NATO said on Thursday they would consider sending more weapons to Ukraine in the months ahead"
    a, b, c = (neardup.shingles(t) for t in (BASE, one_word, rewritten))
    assert neardup.jaccard(a, b) >= 0.7 > neardup.jaccard(a, c)
    result = neardup.shared_groups(_rows([BASE, one_word, rewritten], ["a", "b", "c"]), threshold=0.7)
    assert _groups(result) == {frozenset({"s0", "s1"})}
    assert result["similarity"].min() == pytest.approx(round(neardup.jaccard(a, b), 3))
    # a threshold above the pair's similarity separates them
    assert neardup.shared_groups(_rows([BASE, one_word], ["a", "b"]), threshold=0.99).empty


def test_repeats_within_one_article_are_not_shared() -> None:
    assert neardup.shared_groups(_rows([BASE, BASE], ["a", "a"]), threshold=0.7).empty


def test_unrelated_sentences_are_not_grouped() -> None:
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(2000)]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(15)) for _ in range(300)]
    assert neardup.shared_groups(_rows(texts, [f"a{i}" for i in range(300)]), threshold=0.7).empty
    assert neardup.near_pairs([neardup.shingles(t) for t in texts], threshold=0.3) == set()


def test_output_is_deterministic() -> None:
    texts, owners = _generated(seed=5)
    first = neardup.shared_groups(_rows(texts, owners), threshold=0.7)
    second = neardup.shared_groups(_rows(list(texts), list(owners)), threshold=0.7)
    pd.testing.assert_frame_equal(first, second)
    assert (neardup.minhash_signatures([{1, 2, 3}]) == neardup.minhash_signatures([{1, 2, 3}])).all()


def test_union_find_joins_chains() -> None:
    assert neardup.union_find(5, [(3, 4), (0, 3), (1, 2)]).tolist() == [0, 1, 1, 0, 0]


def _generated(seed: int) -> tuple[list[str], list[str]]:
    """Families of sentences: a random base and copies with one or two words changed, plus unrelated noise."""
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(5000)]
    texts, owners = [], []
    for family in range(30):
        base = [rng.choice(vocabulary) for _ in range(rng.randint(40, 60))]
        for copy in range(rng.randint(1, 3)):
            words = list(base)
            for _ in range(rng.choice([0, 1, 1, 2, 5])):  # 2 changes: about 0.78; 5: about 0.5
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            texts.append(" ".join(words))
            owners.append(f"article{family}-{copy}")
    for n in range(40):
        texts.append(" ".join(rng.choice(vocabulary) for _ in range(20)))
        owners.append(f"noise{n}")
    return texts, owners


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_with_brute_force_jaccard(seed: int) -> None:
    texts, owners = _generated(seed)
    sets = [neardup.shingles(t) for t in texts]
    exact = {(i, j) for i, j in combinations(range(len(texts)), 2) if neardup.jaccard(sets[i], sets[j]) >= 0.7}
    found = neardup.near_pairs(sets, threshold=0.7)
    assert found <= exact, "every pair found is a true one (checked exactly)"
    # MinHash misses a pair only by chance: never one with Jaccard 0.8 or more here
    # (probability 0.0002 each), and few between 0.7 and 0.8
    clear = {(i, j) for i, j in exact if neardup.jaccard(sets[i], sets[j]) >= 0.8}
    assert clear <= found and len(clear) >= 10
    assert len(found) >= 0.9 * len(exact)
    # the groups are the connected verified pairs, each spanning two or more articles
    roots = neardup.union_find(len(texts), sorted(found))
    expected = {frozenset(np.flatnonzero(roots == r).tolist()) for r in set(roots.tolist()) if (roots == r).sum() > 1}
    result = neardup.shared_groups(_rows(texts, owners), threshold=0.7)
    got = {frozenset(int(s[1:]) for s in part["sentence"]) for _, part in result.groupby("group")}
    assert got == expected
    for _, part in result.groupby("group"):
        lead = sets[int(part["sentence"].iloc[0][1:])]
        for sentence, similarity in zip(part["sentence"], part["similarity"]):
            assert similarity == pytest.approx(round(neardup.jaccard(lead, sets[int(sentence[1:])]), 3))
