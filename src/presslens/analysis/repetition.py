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
   compared by cosine similarity (:mod:`presslens.analysis.similarity`): all at once with numpy
   for an article of ordinary length; on long or pathological input only the pairs that can
   reach the threshold are scored, so the work grows with the restatements, not with the
   square of the text;
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
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import numpy as np
import pandas as pd

from presslens.analysis.facts import SentenceFacts, sentence_facts
from presslens.analysis.similarity import (
    count_matrix,
    dense_pairs,
    idf_weights,
    similar_pairs,
    tfidf_similarity,
    tfidf_vectors,
)
from presslens.model import WORD_RE, Article

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


@lru_cache(maxsize=65536)
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


def _content_stem(word: str) -> str:
    if word in STOP_WORDS or not (word.isalpha() or any(ch.isalpha() for ch in word)):
        return ""
    return stem(word)


class _ContentStems(dict[str, str]):
    """Each word's content stem, or "" for a stop word or a number, judged once per word.

    The same words come back in every article; past :attr:`LIMIT` words new ones are judged
    each time, so memory stays bounded on any input.
    """

    LIMIT = 200_000

    def __missing__(self, word: str) -> str:
        content = _content_stem(word)
        if len(self) < self.LIMIT:
            self[word] = content
        return content


_CONTENT_STEMS = _ContentStems()


def content_stems(text: str) -> list[str]:
    """Content-word stems of a text, in order (stop words and numbers removed)."""
    known = _CONTENT_STEMS
    return [content for word in WORD_RE.findall(text.lower().replace("’", "'")) if (content := known[word])]


PAIR_COLUMNS = ["unit", "a", "b", "similarity", "a_text", "b_text"]
SECTION_COLUMNS = ["section", "section_label", "words", "repeated_words", "repeated_share"]


@dataclass(frozen=True)
class RepetitionAnalysis:
    """What :func:`find_repetition` found.

    Attributes:
        records: ``pairs`` and ``by_section`` as rows (see the properties of the same names).
        repeated_sentences: Ids of body sentences that restate an earlier sentence.
        repeated_share: Words in those sentences over all body words, 0 to 1.
        threshold: The sentence threshold used.
        paragraph_threshold: The paragraph threshold used.
    """

    records: dict[str, list[dict[str, Any]]] = field(repr=False)
    repeated_sentences: set[str]
    repeated_share: float
    threshold: float
    paragraph_threshold: float = DEFAULT_PARAGRAPH_THRESHOLD
    _sentence_stems: tuple[tuple[str, list[str]], ...] = field(default=(), repr=False)

    @cached_property
    def pairs(self) -> pd.DataFrame:
        """One row per restatement: ``unit`` (``sentence`` or ``paragraph``), ``a`` (the earlier
        unit's id), ``b`` (the later one), ``similarity`` (cosine, 0 to 1, rounded to 3 places),
        ``a_text``, ``b_text``. Paragraph ids are ``p<section>.<block>``."""
        return pd.DataFrame(self.records["pairs"], columns=PAIR_COLUMNS)

    @cached_property
    def by_section(self) -> pd.DataFrame:
        """One row per section: ``section``, ``section_label``, ``words`` (body words),
        ``repeated_words`` (words in repeated sentences), ``repeated_share``."""
        return pd.DataFrame(self.records["by_section"], columns=SECTION_COLUMNS)

    @cached_property
    def similarities(self) -> pd.DataFrame:
        """Every sentence pair (``a``, ``b``, ``similarity``), for choosing and checking the threshold.

        Computed when first read, over all pairs: quadratic in the number of sentences.
        """
        ids = [sid for sid, _ in self._sentence_stems]
        stems = [s for _, s in self._sentence_stems]
        sim = tfidf_similarity(stems) if stems else np.zeros((0, 0))
        rows = [{"a": ids[i], "b": ids[j], "similarity": round(float(sim[i, j]), 3)} for j in range(len(ids)) for i in range(j)]
        return pd.DataFrame(rows, columns=["a", "b", "similarity"])


def find_repetition(
    article: Article,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    paragraph_threshold: float = DEFAULT_PARAGRAPH_THRESHOLD,
    facts: SentenceFacts | None = None,
) -> RepetitionAnalysis:
    """Find sentences and paragraphs that restate earlier ones.

    Args:
        article: The structured article.
        threshold: Cosine similarity at or above which a later sentence restates an earlier one.
        paragraph_threshold: The same for paragraphs (lists count as one unit each).
        facts: The article's sentence facts, when the caller has them already.

    Returns:
        The pairs, the repeated sentences and the share of body words they hold, overall and
        per section.
    """
    if not 0 < threshold <= 1 or not 0 < paragraph_threshold <= 1:
        raise ValueError("similarity thresholds must lie in (0, 1]")
    facts = facts if facts is not None else sentence_facts(article)
    body = facts.body
    ids = [f.id for f in body]
    texts = [f.text for f in body]
    stems = [content_stems(t) for t in texts]
    long_enough = [len(set(s)) >= MIN_CONTENT_WORDS for s in stems]
    counts = count_matrix(stems)
    if counts is not None:
        sentence_idf = idf_weights(counts)
        sentence_pairs = dense_pairs(counts, sentence_idf, threshold, eligible=long_enough)
    else:
        sentence_pairs = similar_pairs(tfidf_vectors(stems), threshold, eligible=long_enough)
    rows = [
        {"unit": "sentence", "a": ids[i], "b": ids[j], "similarity": round(score, 3), "a_text": texts[i], "b_text": texts[j]}
        for i, j, score in sentence_pairs
    ]

    row_of = {sid: n for n, sid in enumerate(ids)}
    unit_ids, unit_texts, unit_members = [], [], []
    for k, section in enumerate(article.sections):
        for b, block in enumerate(section.blocks):
            members = block.sentences or [sid for item in block.items for sid in item.sentences]
            unit_ids.append(f"p{k}.{b}")
            unit_texts.append(" ".join(facts.by_id[sid].text for sid in members))
            unit_members.append([row_of[sid] for sid in members])
    if unit_ids:
        if counts is not None:
            unit_counts = np.zeros((len(unit_ids), counts.shape[1]))
            rows_of_units = [n for members in unit_members for n in members]
            unit_of_rows = [u for u, members in enumerate(unit_members) for _ in members]
            np.add.at(unit_counts, unit_of_rows, counts[rows_of_units])  # not a BLAS product (see cosine_matrix)
            eligible = ((unit_counts > 0).sum(axis=1) >= MIN_CONTENT_WORDS).tolist()
            paragraph_pairs = dense_pairs(unit_counts, sentence_idf, paragraph_threshold, eligible=eligible)
        else:
            unit_stems = [[t for n in members for t in stems[n]] for members in unit_members]
            eligible = [len(set(s)) >= MIN_CONTENT_WORDS for s in unit_stems]
            paragraph_pairs = similar_pairs(tfidf_vectors(unit_stems, idf_documents=stems), paragraph_threshold,
                                            eligible=eligible)
        rows.extend(
            {"unit": "paragraph", "a": unit_ids[i], "b": unit_ids[j], "similarity": round(score, 3),
             "a_text": unit_texts[i], "b_text": unit_texts[j]}
            for i, j, score in paragraph_pairs
        )

    repeated = {r["b"] for r in rows if r["unit"] == "sentence"}
    total = sum(f.words for f in body)
    repeated_words = sum(f.words for f in body if f.id in repeated)
    sections = []
    for k, label in enumerate(facts.section_labels):
        w = facts.section_words[k]
        rw = sum(f.words for f in body if f.section == k and f.id in repeated)
        sections.append({"section": k, "section_label": label, "words": w, "repeated_words": rw,
                         "repeated_share": round(rw / w, 4) if w else 0.0})
    return RepetitionAnalysis(
        records={"pairs": rows, "by_section": sections},
        repeated_sentences=repeated,
        repeated_share=round(repeated_words / total, 4) if total else 0.0,
        threshold=threshold,
        paragraph_threshold=paragraph_threshold,
        _sentence_stems=tuple(zip(ids, stems, strict=True)),
    )


def repetition_json(analysis: RepetitionAnalysis) -> dict[str, Any]:
    """The ``repetition`` object of ``presslens analyze --json``.

    Keys: ``repeated_share`` (words in sentences that restate an earlier sentence over body
    words, 0 to 1) and ``pairs`` (sentence pairs ``{"a", "b", "similarity"}``, earlier
    sentence first; paragraph pairs are left out because their sentences are listed).
    """
    return {
        "repeated_share": float(analysis.repeated_share),
        "pairs": [{"a": r["a"], "b": r["b"], "similarity": float(r["similarity"])}
                  for r in analysis.records["pairs"] if r["unit"] == "sentence"],
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


