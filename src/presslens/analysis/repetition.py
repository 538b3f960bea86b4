"""Repeated content: sentences and paragraphs that restate earlier ones.

Articles padded for length say the same thing twice: "Zelensky and Trump are confirmed to
meet on Wednesday on the sidelines of the NATO summit" comes back, reworded, two and
forty sentences later. This module finds such restatements by the meaning of the words,
not only identical strings, with nothing but numpy and pandas:

1. each body sentence (and each paragraph) becomes a bag of *content-word stems*: words of
   :data:`presslens.model.WORD_RE`, lower-cased, without the stop words of
   :data:`STOP_WORDS`, with a light suffix stripping (:func:`stem`: "meeting", "meets" and
   "meet" become "meet"; "leaders" becomes "leader");
2. the bags are weighted by TF-IDF computed over the article's own sentences (a word that
   occurs in every sentence says little about which sentences restate each other) and
   compared by cosine similarity;
3. a later unit restates an earlier one when their similarity reaches the threshold
   (:data:`DEFAULT_THRESHOLD` for sentences, :data:`DEFAULT_PARAGRAPH_THRESHOLD` for
   paragraphs) and both have at least :data:`MIN_CONTENT_WORDS` distinct content stems,
   so that two short list items sharing two words are not a restatement.

The thresholds were chosen on the similarity distribution of all sentence pairs of the seed
and of ten real articles (see ``README.md``, "How claims are made"): 99% of 5,719 sentence pairs
score below 0.25; the seed's three announcements of the meeting score 0.48 to 0.62 with
each other; the pairs between 0.25 and 0.35 share a name or a topic but make different
points; above 0.35 the real articles' pairs are mostly true restatements (a headline
repeated as a subhead at 0.72, "The United States has imposed sanctions" and "The
Department of the Treasury is imposing sanctions" at 0.45).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from presslens.model import WORD_RE, Article, count_words
from presslens.analysis.structure import section_label

#: Cosine similarity at or above which a later sentence restates an earlier one.
DEFAULT_THRESHOLD = 0.35
#: The same for paragraphs (lists count as one unit each); the same value fits both on the evidence.
DEFAULT_PARAGRAPH_THRESHOLD = 0.35
#: Units with fewer distinct content stems than this are never counted as restatements.
MIN_CONTENT_WORDS = 4

#: English function words and a few reporting fillers that carry no content.
STOP_WORDS = frozenset(
    """a an the and or but nor so yet for of in on at to from by with without within into onto over under
    about above below after before during between among through across against along around amid amidst
    as than then that this these those there here which who whom whose what when where why how while
    is are was were be been being am has have had having do does did doing will would shall should can
    could may might must not no also very more most much many such both each every all any some few
    it its it's he him his she her hers they them their theirs we us our ours you your yours i me my
    if because although though until since whether up down out off again further only own same too just
    said says say according one two three new other another including include includes""".split()
)

_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")


def stem(word: str) -> str:
    """A light suffix stripper: enough to match "meeting"/"meets"/"meet", not a full stemmer.

    Args:
        word: A lower-case word.

    Returns:
        The word without its first matching suffix of :data:`_SUFFIXES`, when at least four
        letters remain; "ies"/"ied" become "y"; a possessive "'s" is dropped first.
    """
    word = re.sub(r"[’']s$", "", word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            if suffix == "es" and not base.endswith(("s", "x", "z", "ch", "sh")):
                return word[:-1]  # "issues" -> "issue", but "taxes" -> "tax"
            return base
    return word


def content_stems(text: str) -> list[str]:
    """Content-word stems of a text, in order (stop words and numbers removed)."""
    stems = []
    for match in WORD_RE.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word in STOP_WORDS or not any(ch.isalpha() for ch in word):
            continue
        stems.append(stem(word))
    return stems


def tfidf_similarity(documents: list[list[str]], *, idf_documents: list[list[str]] | None = None) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors of token lists.

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


@dataclass
class RepetitionAnalysis:
    """What :func:`find_repetition` found.

    Attributes:
        pairs: One row per restatement: ``unit`` (``sentence`` or ``paragraph``), ``a`` (the
            earlier unit's id), ``b`` (the later one), ``similarity`` (cosine, 0 to 1, rounded
            to 3 places), ``a_text``, ``b_text``. Paragraph ids are ``p<section>.<block>``.
        repeated_sentences: Ids of body sentences that restate an earlier sentence.
        repeated_share: Words in those sentences over all body words, 0 to 1.
        by_section: One row per section: ``section``, ``section_label``, ``words`` (body
            words), ``repeated_words`` (words in repeated sentences), ``repeated_share``.
        similarities: All sentence pairs (``a``, ``b``, ``similarity``), for choosing and
            checking the threshold.
        threshold: The sentence threshold used.
        paragraph_threshold: The paragraph threshold used.
    """

    pairs: pd.DataFrame
    repeated_sentences: set[str]
    repeated_share: float
    by_section: pd.DataFrame
    similarities: pd.DataFrame
    threshold: float
    paragraph_threshold: float = DEFAULT_PARAGRAPH_THRESHOLD


PAIR_COLUMNS = ["unit", "a", "b", "similarity", "a_text", "b_text"]


def _pairs(ids: list[str], texts: list[str], stems: list[list[str]], sim: np.ndarray, threshold: float, unit: str) -> list[dict[str, Any]]:
    rows = []
    for j in range(len(ids)):
        if len(set(stems[j])) < MIN_CONTENT_WORDS:
            continue
        for i in range(j):
            if len(set(stems[i])) >= MIN_CONTENT_WORDS and sim[i, j] >= threshold:
                rows.append(
                    {"unit": unit, "a": ids[i], "b": ids[j], "similarity": round(float(sim[i, j]), 3), "a_text": texts[i], "b_text": texts[j]}
                )
    return rows


def find_repetition(
    article: Article,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    paragraph_threshold: float = DEFAULT_PARAGRAPH_THRESHOLD,
) -> RepetitionAnalysis:
    """Find sentences and paragraphs that restate earlier ones.

    Args:
        article: The structured article.
        threshold: Cosine similarity at or above which a later sentence restates an earlier one.
        paragraph_threshold: The same for paragraphs (lists count as one unit each).

    Returns:
        The pairs, the repeated sentences and the share of body words they hold, overall and
        per section.
    """
    if not 0 < threshold <= 1 or not 0 < paragraph_threshold <= 1:
        raise ValueError("similarity thresholds must lie in (0, 1]")
    body = article.body_sentences
    ids = [s.id for s in body]
    texts = [article.sentence_text(s) for s in body]
    stems = [content_stems(t) for t in texts]
    sim = tfidf_similarity(stems) if body else np.zeros((0, 0))
    rows = _pairs(ids, texts, stems, sim, threshold, "sentence")

    unit_ids, unit_texts, unit_stems = [], [], []
    for k, section in enumerate(article.sections):
        for b, block in enumerate(section.blocks):
            members = block.sentences or [sid for item in block.items for sid in item.sentences]
            unit_ids.append(f"p{k}.{b}")
            unit_texts.append(" ".join(article.sentence_text(sid) for sid in members))
            unit_stems.append([t for sid in members for t in stems[ids.index(sid)]])
    if unit_ids:
        para_sim = tfidf_similarity(unit_stems, idf_documents=stems)
        rows.extend(_pairs(unit_ids, unit_texts, unit_stems, para_sim, paragraph_threshold, "paragraph"))
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS)

    repeated = {r["b"] for r in rows if r["unit"] == "sentence"}
    words = {s.id: count_words(t) for s, t in zip(body, texts, strict=True)}
    total = sum(words.values())
    repeated_words = sum(words[sid] for sid in repeated)
    sections = []
    for k in range(len(article.sections)):
        in_section = [s.id for s in body if s.section == k]
        w = sum(words[sid] for sid in in_section)
        rw = sum(words[sid] for sid in in_section if sid in repeated)
        sections.append(
            {"section": k, "section_label": section_label(article, k), "words": w, "repeated_words": rw,
             "repeated_share": round(rw / w, 4) if w else 0.0}
        )
    all_pairs = [
        {"a": ids[i], "b": ids[j], "similarity": round(float(sim[i, j]), 3)} for j in range(len(ids)) for i in range(j)
    ]
    analysis = RepetitionAnalysis(
        pairs=pairs,
        repeated_sentences=repeated,
        repeated_share=round(repeated_words / total, 4) if total else 0.0,
        by_section=pd.DataFrame(sections, columns=["section", "section_label", "words", "repeated_words", "repeated_share"]),
        similarities=pd.DataFrame(all_pairs, columns=["a", "b", "similarity"]),
        threshold=threshold,
        paragraph_threshold=paragraph_threshold,
    )
    _check_repetition(analysis, ids)
    return analysis


def _check_repetition(analysis: RepetitionAnalysis, ids: list[str]) -> None:
    """Invariants: pairs point backwards, shares lie in [0, 1], section words add up."""
    order = {sid: n for n, sid in enumerate(ids)}
    for row in analysis.pairs[analysis.pairs["unit"] == "sentence"].itertuples():
        if order[row.a] >= order[row.b]:
            raise ValueError(f"repetition pair {row.a}-{row.b} does not point back to an earlier sentence")
    if not 0.0 <= analysis.repeated_share <= 1.0:
        raise ValueError(f"repeated share {analysis.repeated_share} outside 0..1")
    by_section = analysis.by_section
    if (by_section["repeated_words"] > by_section["words"]).any():
        raise ValueError("a section has more repeated words than words")


def repetition_json(analysis: RepetitionAnalysis) -> dict[str, Any]:
    """The ``repetition`` object of ``presslens analyze --json``.

    Keys: ``repeated_share`` (words in sentences that restate an earlier sentence over body
    words, 0 to 1) and ``pairs`` (sentence pairs ``{"a", "b", "similarity"}``, earlier
    sentence first; paragraph pairs are left out because their sentences are listed).
    """
    sentence_pairs = analysis.pairs[analysis.pairs["unit"] == "sentence"]
    return {
        "repeated_share": float(analysis.repeated_share),
        "pairs": [{"a": r.a, "b": r.b, "similarity": float(r.similarity)} for r in sentence_pairs.itertuples()],
    }


def similarity_distribution(analysis: RepetitionAnalysis, *, bins: tuple[float, ...] = (0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.7, 1.0001)) -> pd.DataFrame:
    """Counts of sentence pairs per similarity band, to show where the threshold falls.

    Returns:
        Columns ``band`` (e.g. "0.30-0.35") and ``pairs``.
    """
    values = analysis.similarities["similarity"].to_numpy()
    counts, edges = np.histogram(values, bins=np.array(bins))
    labels = [f"{lo:.2f}-{min(hi, 1.0):.2f}" for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    return pd.DataFrame({"band": labels, "pairs": counts.astype(int)})


