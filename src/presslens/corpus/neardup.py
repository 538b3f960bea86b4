"""Near-duplicate search: which texts are the same wording, verbatim or nearly so.

Texts that are equal once normalised (lower-cased, punctuation dropped; see
:func:`presslens.corpus.tables.normalised_sentence`) are grouped by their hash. Near
repeats are found among one text per distinct hash: each becomes a set of word
3-shingles, MinHash with banding (:data:`PERMUTATIONS` permutations in :data:`BANDS`
bands) proposes candidate pairs, and a pair is kept only when the exact Jaccard
similarity of the two shingle sets is at least the threshold, so a group never rests on
an estimate. Pairs are joined into groups with union-find, so a chain of near repeats
forms one group. The search is deterministic: a fixed seed draws the permutations.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from presslens.corpus.tables import normalised_sentence, text_hash

#: MinHash permutations, and the bands they are cut into: 16 bands of 4 rows make a pair
#: with Jaccard 0.7 a candidate with probability 0.99 (0.9998 at 0.8).
PERMUTATIONS = 64
BANDS = 16
#: A bucket this large is boilerplate; this many of its members are enough to group it.
MAX_BUCKET = 200
_MERSENNE = (1 << 31) - 1
_TOKEN_RE = re.compile(r"[^\W_]+")


def shingles(text: str) -> set[int]:
    """The text's word 3-shingles, each as a CRC32 of the three normalised words.

    Hyphens and apostrophes split words, so "air-defence" and "air defence" shingle alike.
    A text of fewer than three words is one shingle.
    """
    words = _TOKEN_RE.findall(normalised_sentence(text))
    return {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(max(1, len(words) - 2))}


def jaccard(a: set[int], b: set[int]) -> float:
    """Jaccard similarity of two shingle sets (1.0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def minhash_signatures(shingle_sets: Sequence[set[int]], *, seed: int = 8) -> np.ndarray:
    """A (texts × :data:`PERMUTATIONS`) MinHash signature matrix, computed in blocks of 4,000 texts."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, _MERSENNE, PERMUTATIONS, dtype=np.int64)
    b = rng.integers(0, _MERSENNE, PERMUTATIONS, dtype=np.int64)
    out = np.empty((len(shingle_sets), PERMUTATIONS), dtype=np.int64)
    block = 4000
    for start in range(0, len(shingle_sets), block):
        sets = shingle_sets[start : start + block]
        lengths = np.array([len(s) for s in sets])
        values = np.fromiter((v % _MERSENNE for s in sets for v in s), dtype=np.int64, count=int(lengths.sum()))
        hashed = (values[:, None] * a[None, :] + b[None, :]) % _MERSENNE
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        out[start : start + len(sets)] = np.minimum.reduceat(hashed, offsets, axis=0)
    return out


def candidate_pairs(signatures: np.ndarray) -> Iterator[tuple[int, int]]:
    """Pairs of row indices that agree on all rows of at least one band (each bucket's first :data:`MAX_BUCKET` members)."""
    rows_per_band = PERMUTATIONS // BANDS
    for band in range(BANDS):
        keys = signatures[:, band * rows_per_band : (band + 1) * rows_per_band]
        buckets = pd.Series(range(len(signatures))).groupby([keys[:, k] for k in range(rows_per_band)]).indices
        for bucket in buckets.values():
            members = [int(m) for m in bucket[:MAX_BUCKET]]
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    yield members[x], members[y]


def near_pairs(shingle_sets: Sequence[set[int]], *, threshold: float) -> set[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, whose shingle sets have Jaccard similarity at least ``threshold``.

    Candidates come from MinHash; each is checked exactly, so every pair returned is a
    true one (a true pair is missed only with the small probability given at :data:`BANDS`).
    """
    pairs: set[tuple[int, int]] = set()
    if len(shingle_sets) < 2:
        return pairs
    for i, j in candidate_pairs(minhash_signatures(shingle_sets)):
        if (i, j) not in pairs and jaccard(shingle_sets[i], shingle_sets[j]) >= threshold:
            pairs.add((i, j))
    return pairs


def union_find(n: int, pairs: Iterable[tuple[int, int]]) -> np.ndarray:
    """The root of each of ``n`` items after joining ``pairs``: the smallest index in its group."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return np.array([find(i) for i in range(n)], dtype=np.int64)


def shared_groups(rows: pd.DataFrame, *, threshold: float, near: bool = True, owner: str = "article_id") -> pd.DataFrame:
    """The rows whose text two or more owners share, verbatim or nearly so, grouped.

    Args:
        rows: One row per text, with ``text``, ``owner`` (e.g. the article) and, optionally,
            ``text_hash`` (:func:`presslens.corpus.tables.text_hash`, computed when absent).
        threshold: Least Jaccard similarity of word 3-shingles for a near repeat.
        near: Search near repeats; False groups only texts equal once normalised.
        owner: The column saying whose text it is; a group must span two or more owners.

    Returns:
        The rows in groups, with ``root`` (the group's first row's position in ``rows``),
        ``similarity`` (to the group's first row, rounded to 3 places; 1.0 for equal
        normalised texts) and ``group`` (1 for the group with the most owners, ties in
        order of first row), sorted by group, owner and original order. Empty when no
        text is shared.
    """
    rows = rows.reset_index(drop=True)
    if "text_hash" not in rows:
        rows = rows.assign(text_hash=[text_hash(t) for t in rows["text"]])
    empty = rows.iloc[:0].assign(root=pd.Series(dtype="int64"), similarity=pd.Series(dtype="float64"), group=pd.Series(dtype="int64"))
    if rows.empty:
        return empty
    # every text joins the first text with the same hash; near repeats are then searched
    # among those first texts only (one per distinct normalised text)
    pairs: set[tuple[int, int]] = set()
    by_hash = rows.groupby("text_hash").indices
    reps = np.array(sorted(int(index[0]) for index in by_hash.values()))
    for index in by_hash.values():
        pairs.update((int(index[0]), int(j)) for j in index[1:])
    sets: dict[int, set[int]] = {}
    if near and len(reps) > 1:
        sets = {int(i): shingles(rows["text"].iat[int(i)]) for i in reps}
        for x, y in near_pairs([sets[int(i)] for i in reps], threshold=threshold):
            pairs.add((int(reps[x]), int(reps[y])))
    if not pairs:
        return empty
    rows = rows.assign(root=union_find(len(rows), sorted(pairs)))
    members = rows[rows["root"].map(rows["root"].value_counts()) > 1]
    members = members[members.groupby("root")[owner].transform("nunique") > 1]
    if members.empty:
        return empty
    lead = {root: int(members.index[int(index[0])]) for root, index in members.groupby("root").indices.items()}
    similarity = []
    for i, root in zip(members.index, members["root"]):
        j = lead[root]
        if near and i != j and rows["text_hash"].iat[int(i)] != rows["text_hash"].iat[int(j)]:
            a = sets.get(int(i)) or shingles(rows["text"].iat[int(i)])
            b = sets.get(int(j)) or shingles(rows["text"].iat[int(j)])
            similarity.append(round(jaccard(a, b), 3))
        else:
            similarity.append(1.0)
    members = members.assign(similarity=similarity)
    order = members.groupby("root")[owner].transform("nunique").rank(method="dense", ascending=False)
    sort = ["_n", "root", owner, "sentence"] if "sentence" in members else ["_n", "root", owner]
    members = members.assign(_n=order).sort_values(sort).drop(columns="_n")
    members["group"] = pd.factorize(members["root"])[0] + 1
    return members
