"""Similar token lists: TF-IDF cosine similarity, and every pair that reaches a threshold, without scoring them all.

The engine under :mod:`presslens.analysis.repetition`, which gives it bags of content-word
stems: :func:`dense_pairs` scores an article's units at once with numpy;
:func:`similar_pairs` scores, on long or pathological input, only the pairs that can reach
the threshold (a prefix filter); :func:`tfidf_similarity` is the all-pairs reference both agree
with. Weights are smoothed TF-IDF, ``count * (log((1 + n) / (1 + df)) + 1)``, rows of unit length.
"""

from __future__ import annotations

import bisect
import math
from itertools import chain

import numpy as np


def tfidf_similarity(documents: list[list[str]], *, idf_documents: list[list[str]] | None = None) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors of token lists, every pair (a dense matrix).

    The reference the sparse scoring of :func:`similar_pairs` agrees with; quadratic in the
    number of documents, so it is used only when all pairs are asked for
    (:attr:`RepetitionAnalysis.similarities`).

    Args:
        documents: Token lists to compare.
        idf_documents: Token lists to take document frequencies from; ``documents`` when
            not given.

    Returns:
        A square matrix of similarities in [0, 1]; an empty document has similarity 0 to all.
    """
    basis = idf_documents if idf_documents is not None else documents
    vocabulary = sorted({t for doc in [*basis, *documents] for t in doc})
    index = {t: k for k, t in enumerate(vocabulary)}
    n = len(basis)
    df = np.zeros(len(vocabulary))
    for doc in basis:
        for t in set(doc):
            df[index[t]] += 1
    idf = np.log((1 + n) / (1 + df)) + 1.0
    matrix = np.zeros((len(documents), len(vocabulary)))
    for row, doc in enumerate(documents):
        for t in doc:
            matrix[row, index[t]] += 1.0
    matrix *= idf
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    matrix = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    similarity = matrix @ matrix.T
    return np.clip(similarity, 0.0, 1.0)


def tfidf_vectors(documents: list[list[str]], *, idf_documents: list[list[str]] | None = None) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of token lists, as {token: weight} (the rows of :func:`tfidf_similarity`)."""
    basis = idf_documents if idf_documents is not None else documents
    df: dict[str, int] = {}
    for doc in basis:
        for token in set(doc):
            df[token] = df.get(token, 0) + 1
    n = len(basis)
    idf = {token: math.log((1 + n) / (1 + count)) + 1.0 for token, count in df.items()}
    vectors = []
    for doc in documents:
        counts: dict[str, float] = {}
        for token in doc:
            counts[token] = counts.get(token, 0.0) + 1.0
        weights = {token: count * idf.get(token, math.log(1 + n) + 1.0) for token, count in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        vectors.append({token: w / norm for token, w in weights.items()} if norm > 0 else {})
    return vectors


#: A unit is compared with at most this many units before it (exact for any article shorter than
#: that; a news article has a few dozen sentences), and lists at most :data:`MAX_MATCHES` of them:
#: both keep time and memory linear on any input, such as a long text written from a few words.
WINDOW = 400
MAX_MATCHES = 10


def similar_pairs(vectors: list[dict[str, float]], threshold: float, *, eligible: list[bool],
                  window: int = WINDOW, max_matches: int = MAX_MATCHES) -> list[tuple[int, int, float]]:
    """Every pair (i, j), i < j, of eligible unit vectors whose cosine reaches ``threshold``.

    Within ``window`` units of each other, and at most ``max_matches`` (the most similar)
    for each later unit ``j``; no limit binds in an article of fewer than ``window`` units
    in which no unit restates more than ``max_matches`` earlier ones.

    Exact, and without scoring every pair (the prefix filter of Bayardo, Ma and Srikant,
    "Scaling up all pairs similarity search", WWW 2007): tokens are ordered from the most
    to the least common; for each vector the longest run of its most common tokens whose
    weights' norm stays below ``threshold`` is left out of the probe, because by
    Cauchy-Schwarz those tokens alone cannot give a dot product of ``threshold``. A pair that
    reaches it must therefore share one of the remaining, rarer tokens of the later vector,
    and only such pairs are scored.

    Returns:
        ``(i, j, similarity)`` ordered by ``j``, then ``i``; similarities clipped to [0, 1].
    """
    frequency: dict[str, int] = {}
    for vector in vectors:
        for token in vector:
            frequency[token] = frequency.get(token, 0) + 1
    # most common first (ties by token): the order the prefix is taken in
    rank = {token: n for n, token in enumerate(sorted(frequency, key=lambda token: (-frequency[token], token)))}
    postings: dict[str, list[int]] = {}  # only eligible vectors are indexed: both ends of a pair must be
    found = []
    for j, vector in enumerate(vectors):
        if not eligible[j] or not vector:
            continue
        ordered = sorted(vector, key=rank.__getitem__)
        squares, cut = 0.0, 0
        for token in ordered:
            squares += vector[token] * vector[token]
            if math.sqrt(squares) >= threshold - 1e-9:  # err towards probing more
                break
            cut += 1
        candidates: set[int] = set()
        for token in ordered[cut:]:
            posting = postings.get(token)
            if posting:
                candidates.update(posting[bisect.bisect_left(posting, j - window) :])
        matches = []
        for i in candidates:
            earlier = vectors[i]
            small, large = (earlier, vector) if len(earlier) <= len(vector) else (vector, earlier)
            score = sum(w * large[token] for token, w in small.items() if token in large)
            score = min(max(score, 0.0), 1.0)
            if score >= threshold:
                matches.append((i, j, score))
        if len(matches) > max_matches:
            matches = sorted(matches, key=lambda m: (-m[2], m[0]))[:max_matches]
        found.extend(sorted(matches))
        for token in vector:
            postings.setdefault(token, []).append(j)
    return found


#: Units times distinct stems up to which an article's pairs are scored at once with numpy (an
#: article has a few dozen sentences and a few hundred stems), and the number of (unit, unit, stem)
#: co-occurrences that scoring may go through; past either, on long or pathological input,
#: :func:`similar_pairs` scores only the pairs that can reach the threshold.
DENSE_CELLS = 1_000_000
DENSE_COOCCURRENCES = 2_000_000


def count_matrix(documents: list[list[str]]) -> np.ndarray | None:
    """Token counts of each document, one row each and one column per distinct token.

    Returns:
        The matrix, or None when it would exceed :data:`DENSE_CELLS` cells or its documents
        share tokens more than :data:`DENSE_COOCCURRENCES` times.
    """
    tokens = list(chain.from_iterable(documents))
    vocabulary = {t: k for k, t in enumerate(dict.fromkeys(tokens))}
    n, width = len(documents), len(vocabulary)
    if n * width > DENSE_CELLS:
        return None
    flat = np.repeat(np.arange(n) * width, [len(doc) for doc in documents])
    flat += np.fromiter(map(vocabulary.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    counts = np.bincount(flat, minlength=n * width).reshape(n, width).astype(float)
    df = (counts > 0).sum(axis=0)
    return counts if int((df * df).sum()) <= DENSE_COOCCURRENCES else None


def idf_weights(counts: np.ndarray) -> np.ndarray:
    """Smoothed inverse document frequency of each column, over the rows of ``counts``."""
    df = (counts > 0).sum(axis=0)
    return np.log((1 + len(counts)) / (1 + df)) + 1.0


def cosine_matrix(unit: np.ndarray) -> np.ndarray:
    """``unit @ unit.T`` off the diagonal, summed over the columns two rows share.

    Only columns held by two rows or more are read, so the diagonal holds less than the
    rows' squared norms; it is not used. Not a BLAS product: on a busy machine a
    multithreaded BLAS spends more time waking its threads than multiplying an article's
    small matrices (0.24 ms an article became 1.0 ms, measured).
    """
    n = len(unit)
    shared = unit[:, (unit > 0).sum(axis=0) >= 2]
    cols, rows = np.nonzero(shared.T)  # each column's rows together
    values = shared[rows, cols]
    sizes = np.bincount(cols)
    starts = np.cumsum(sizes) - sizes
    size_of = sizes[cols]  # for each entry, how many rows share its column
    left = np.repeat(np.arange(len(rows)), size_of)
    partner = starts[cols][left] + np.arange(len(left)) - np.repeat(np.cumsum(size_of) - size_of, size_of)
    return np.bincount(rows[left] * n + rows[partner], weights=values[left] * values[partner],
                       minlength=n * n).reshape(n, n)


def dense_pairs(counts: np.ndarray, idf: np.ndarray, threshold: float, *, eligible: list[bool],
                window: int = WINDOW, max_matches: int = MAX_MATCHES) -> list[tuple[int, int, float]]:
    """What :func:`similar_pairs` returns for the same units, from their count matrix.

    Args:
        counts: One row of token counts per unit (:func:`count_matrix`).
        idf: The weight of each column (:func:`idf_weights`).
        threshold, eligible, window, max_matches: As for :func:`similar_pairs`.
    """
    weights = counts * idf
    norms = np.sqrt((weights * weights).sum(axis=1))
    usable = np.asarray(eligible, dtype=bool) & (norms > 0)
    unit = np.divide(weights, norms[:, None], out=np.zeros_like(weights), where=norms[:, None] > 0)
    scores = cosine_matrix(unit)
    hits = np.tril(scores >= threshold, k=-1) & usable[:, None] & usable[None, :]
    later, earlier = np.nonzero(hits)  # ordered by the later unit, then the earlier
    keep = later - earlier <= window
    later, earlier = later[keep], earlier[keep]
    values = np.clip(scores[later, earlier], 0.0, 1.0)
    found = list(zip(earlier.tolist(), later.tolist(), values.tolist(), strict=True))
    if len(found) and np.bincount(later).max() > max_matches:
        by_later: dict[int, list[tuple[int, int, float]]] = {}
        for match in found:
            by_later.setdefault(match[1], []).append(match)
        found = [m for j in sorted(by_later) for m in sorted(sorted(by_later[j], key=lambda m: (-m[2], m[0]))[:max_matches])]
    return found
