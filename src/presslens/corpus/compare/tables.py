"""Every table of the comparison report, computed once and kept by name for the analyst.

:func:`compare_corpus` runs each comparison over a :class:`~presslens.corpus.compare.corpus.Corpus`
and returns a :class:`Comparison`: ``tables`` holds the tables the report saves, as pandas
DataFrames keyed by their CSV names (``comparison.tables["topic_emphasis"]`` is
``topic_emphasis.csv``; ``data/README.md`` documents each column), ``shown`` the smaller
tables the report displays, and ``ranked`` the article labels each chart shows, in order.
Articles are labelled by outlet and title (the ``label`` column) wherever a table has one
row per article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from presslens.textio import spreadsheet_safe
from presslens.corpus.compare import articles, claims, languages, ranking, stakeholders, timeline, topics, wording
from presslens.corpus.compare.corpus import Corpus

#: The tables the report saves, in report order; each is ``<name>.csv`` beside the report.
SAVED_TABLES = (
    "articles", "topic_emphasis", "emphasis_extremes", "topic_summary", "stakeholder_shares", "exclusive_stakeholders",
    "stakeholder_summary", "claim_profiles", "shared_wording", "emphasis_over_time", "mentions_over_time",
    "languages", "topics_by_language", "stakeholders_by_language", "claims_by_language",
)


@dataclass
class Comparison:
    """The comparison report's tables.

    Attributes:
        corpus: The corpus compared.
        tables: The saved tables by CSV name (see :data:`SAVED_TABLES`).
        shown: Display tables by name: ``overview``, ``article_list``, ``stakeholder_summary``
            (readable headers), ``claim_summary``, ``shared_wording_groups``, ``shared_share``.
        captions: Captions of the display tables that need one, by the same names.
        ranked: Article labels in the order each chart shows them: ``topics``,
            ``stakeholders``, ``claims``.
        units: The time unit (``day``, ``week``, ``month`` or None) of ``emphasis_over_time``
            and ``mentions_over_time``.
        wording_note: How shared wording was searched.
        language_note: What the "By language" section compares (or why it compares nothing).
        by_language: Whether the corpus has articles in two or more languages, so the
            "By language" charts are drawn.
    """

    corpus: Corpus
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    shown: dict[str, pd.DataFrame] = field(default_factory=dict)
    captions: dict[str, str] = field(default_factory=dict)
    ranked: dict[str, list[str]] = field(default_factory=dict)
    units: dict[str, str | None] = field(default_factory=dict)
    wording_note: str = ""
    language_note: str = ""
    by_language: bool = False

    def save(self, output_dir: str | Path | None) -> list[Path]:
        """Write every saved table as ``<output_dir>/<name>.csv``; nothing when ``output_dir`` is empty.

        Returns:
            The files written.
        """
        if not output_dir:
            return []
        folder = Path(output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name in SAVED_TABLES:
            path = folder / f"{name}.csv"
            spreadsheet_safe(self.tables[name]).to_csv(path, index=False)
            written.append(path)
        return written


def compare_corpus(corpus: Corpus, *, max_rows: int = 40, top_stakeholders: int = 15, wording_groups: int = 20) -> Comparison:
    """Compute every table of the comparison report.

    Args:
        corpus: From :func:`presslens.corpus.compare.load_corpus`.
        max_rows: Most articles a chart or display table shows (saved tables keep every row).
        top_stakeholders: How many of the most mentioned stakeholders ``stakeholder_shares`` covers.
        wording_groups: Most shared-wording groups listed in ``shared_wording_groups``.
    """
    c = Comparison(corpus=corpus)
    words = corpus.words
    c.shown["overview"] = articles.overview(corpus)
    c.shown["article_list"], c.captions["article_list"] = articles.article_list(corpus, limit=max_rows)
    c.tables["articles"] = corpus.articles

    emphasis = c.tables["topic_emphasis"] = topics.topic_emphasis(corpus)
    c.ranked["topics"] = topics.most_distinctive(emphasis, limit=max_rows, words=words)
    c.tables["emphasis_extremes"] = topics.emphasis_extremes(emphasis, limit=max_rows, words=words)
    c.tables["topic_summary"] = topics.topic_summary(corpus)

    shares = c.tables["stakeholder_shares"] = stakeholders.stakeholder_shares(corpus, top=top_stakeholders)
    c.ranked["stakeholders"] = ranking.articles_by_total(shares, "mentions", limit=max_rows)
    c.tables["exclusive_stakeholders"], c.captions["exclusive_stakeholders"] = stakeholders.exclusive_stakeholders(corpus, limit=max_rows)
    c.tables["stakeholder_summary"] = stakeholders.stakeholder_summary(corpus)
    c.shown["stakeholder_summary"] = stakeholders.stakeholder_summary_display(c.tables["stakeholder_summary"])

    profiles = c.tables["claim_profiles"] = claims.claim_profiles(corpus)
    c.ranked["claims"] = claims.claims_ranked(profiles, limit=max_rows, words=words)
    c.shown["claim_summary"] = claims.claim_summary(profiles)

    shared, c.wording_note = wording.shared_sentences(corpus)
    c.tables["shared_wording"] = shared
    c.shown["shared_wording_groups"], c.captions["shared_wording_groups"] = wording.shared_wording_groups(shared, limit=wording_groups)
    c.shown["shared_share"] = wording.shared_share(shared, corpus)

    c.tables["emphasis_over_time"], c.units["emphasis_over_time"] = timeline.emphasis_over_time(corpus)
    c.tables["mentions_over_time"], c.units["mentions_over_time"] = timeline.mentions_over_time(corpus)

    by_language = c.tables["languages"] = languages.language_table(corpus)
    c.language_note, c.by_language = languages.language_note(by_language), languages.compares_languages(by_language)
    c.tables["topics_by_language"] = languages.topics_by_language(corpus)
    c.tables["stakeholders_by_language"] = languages.stakeholders_by_language(corpus, top=top_stakeholders)
    c.tables["claims_by_language"] = languages.claims_by_language(corpus)
    return c
