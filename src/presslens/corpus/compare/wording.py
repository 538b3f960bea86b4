"""Shared wording across articles: sentences that several articles carry verbatim or nearly so.

Wire copy, press releases, or one outlet copying another. The body sentences come from
the store with SQL; the grouping is :mod:`presslens.corpus.neardup` (normalised hashes,
then MinHash over word 3-shingles with every pair checked exactly).
"""

from __future__ import annotations

import pandas as pd

from presslens.corpus import neardup
from presslens.corpus.compare.corpus import Corpus

#: Jaccard similarity of word 3-shingles above which two sentences count as the same wording.
#: 0.7 keeps sentences that differ by a word or two in 25 (a changed day, "said" for
#: "told reporters") and leaves out sentences that only share a stock phrase.
SHARED_WORDING_THRESHOLD = 0.7
#: Sentences shorter than this (in words) are left out of the shared wording search:
#: "He declined to comment." is shared by chance, not by copying.
SHARED_WORDING_MIN_WORDS = 8
#: Beyond this many sentences only exact (normalised) repeats are searched, to bound memory and time.
SHARED_WORDING_MAX_SENTENCES = 400_000

SHARED_WORDING_COLUMNS = ["group", "article_id", "label", "sentence", "text", "similarity"]


def shared_sentences(
    corpus: Corpus,
    *,
    threshold: float = SHARED_WORDING_THRESHOLD,
    min_words: int = SHARED_WORDING_MIN_WORDS,
    max_sentences: int = SHARED_WORDING_MAX_SENTENCES,
) -> tuple[pd.DataFrame, str]:
    """Groups of sentences that two or more articles share verbatim or nearly so.

    Body sentences of at least ``min_words`` words are grouped by
    :func:`presslens.corpus.neardup.shared_groups`. With more than ``max_sentences``
    of them only exact (normalised) repeats are searched.

    Returns:
        One row per sentence in a shared group (``group``, ``article_id``, ``label``,
        ``sentence``, ``text``, ``similarity`` to the group's first sentence) and a note
        on the method used.
    """
    base = """SELECT s.article_id, l.label, s.sentence, s.text, s.text_hash FROM sentences s
              JOIN article_labels l USING (article_id)
              WHERE s.kind IN ('sentence', 'list_item') AND s.words >= ?"""
    count = int(corpus.sql(f"SELECT count(*) AS n FROM ({base})", [min_words])["n"].iloc[0])
    near = count <= max_sentences
    if near:
        rows = corpus.sql(base + " ORDER BY s.article_id, s.start", [min_words])
    else:
        rows = corpus.sql(
            f"""WITH r AS ({base}) SELECT * FROM r WHERE text_hash IN
                (SELECT text_hash FROM r GROUP BY text_hash HAVING count(DISTINCT article_id) >= 2)
                ORDER BY article_id, sentence""",
            [min_words],
        )
    note = wording_note(near, count, threshold, min_words)
    members = neardup.shared_groups(rows, threshold=threshold, near=near)
    if members.empty:
        return pd.DataFrame(columns=SHARED_WORDING_COLUMNS), note
    return members[SHARED_WORDING_COLUMNS].reset_index(drop=True), note


def wording_note(near: bool, count: int, threshold: float, min_words: int) -> str:
    """How the shared wording was searched, in a sentence or two for the report."""
    if near:
        return (
            f"Searched {count:,} body sentences of at least {min_words} words. Two sentences share wording when "
            f"they are equal after lower-casing and dropping punctuation, or when at least {threshold:.0%} of their "
            "word triples (3-shingles) are shared (Jaccard similarity; candidates found with MinHash, every pair checked exactly)."
        )
    return (
        f"The corpus has {count:,} body sentences of at least {min_words} words, more than the near-repeat search "
        "handles in a report; only sentences equal after lower-casing and dropping punctuation are grouped."
    )


def shared_wording_groups(members: pd.DataFrame, *, limit: int = 20) -> tuple[pd.DataFrame, str]:
    """One row per shared-wording group: how many articles carry it, an example sentence, and which articles.

    Returns:
        The largest ``limit`` groups and a caption.
    """
    if members.empty:
        return pd.DataFrame(columns=["Articles", "Sentence (first occurrence)", "Carried by", "Lowest similarity to the first"]), "No sentence is shared by two or more articles."
    rows = []
    for group, part in members.groupby("group", sort=True):
        labels = list(dict.fromkeys(part["label"]))
        carried = "; ".join(labels[:4]) + (f"; and {len(labels) - 4} more" if len(labels) > 4 else "")
        rows.append({"Articles": part["article_id"].nunique(), "Sentence (first occurrence)": part["text"].iloc[0],
                     "Carried by": carried, "Lowest similarity to the first": f"{part['similarity'].min():.0%}"})
    table = pd.DataFrame(rows)
    groups = len(table)
    caption = f"{groups:,} group{'s' * (groups != 1)} of shared sentences"
    if groups > limit:
        caption += f"; the {limit} carried by most articles shown (every sentence in shared_wording.csv)"
    return table.head(limit), caption


def shared_share(members: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Per article with shared wording: sentences shared with other articles, most first."""
    if members.empty:
        return pd.DataFrame(columns=["label", "shared_sentences", "sentences", "share"])
    counts = members.groupby("article_id").size().rename("shared_sentences")
    table = corpus.articles.set_index("article_id")[["label", "sentences"]].join(counts, how="inner")
    table["share"] = table["shared_sentences"] / table["sentences"]
    return table.sort_values(["shared_sentences", "label"], ascending=[False, True]).reset_index()[["label", "shared_sentences", "sentences", "share"]]
