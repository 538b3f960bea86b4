"""The analysis engine: every measure of one article, computed once, in a fixed order.

``presslens analyze``, the report notebook and the corpus store all call
:func:`analyze_article`, so a number means the same thing everywhere. The order matters:
quotations feed the stakeholders' voice and the claim profiles, and repetition feeds
the topics' sensitivity check.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from presslens.analysis.claims import ClaimCues, claim_profiles, claim_summary, load_claim_cues
from presslens.model import Article
from presslens.paths import DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS
from presslens.analysis.quotes import find_quotations
from presslens.analysis.repetition import RepetitionAnalysis, find_repetition, repetition_json
from presslens.analysis.stakeholders import (
    Registry,
    StakeholderAnalysis,
    analyze_stakeholders,
    co_mentions_json,
    load_registry,
    stakeholders_json,
)
from presslens.analysis.structure import article_summary, sentence_table
from presslens.analysis.topics import Taxonomy, TopicAnalysis, analyze_topics, load_taxonomy, topics_json


@dataclass(frozen=True)
class Lexicons:
    """The three lexicons an analysis uses, with the files they came from."""

    topics: Taxonomy
    stakeholders: Registry
    claim_cues: ClaimCues
    paths: dict[str, Path]


def load_lexicons(
    *,
    topics: str | Path = DEFAULT_TOPICS,
    stakeholders: str | Path = DEFAULT_STAKEHOLDERS,
    claim_cues: str | Path = DEFAULT_CLAIM_CUES,
) -> Lexicons:
    """Load and validate the topic taxonomy, stakeholder registry and claim cues.

    Args:
        topics: The taxonomy YAML.
        stakeholders: The registry YAML.
        claim_cues: The claim cue YAML.

    Raises:
        PresslensError: Naming the file, entry and field of the first problem.
    """
    from presslens.paths import resolve_path

    paths = {
        "topics": resolve_path(topics),
        "stakeholders": resolve_path(stakeholders),
        "claim cues": resolve_path(claim_cues),
    }
    return Lexicons(
        topics=load_taxonomy(paths["topics"]),
        stakeholders=load_registry(paths["stakeholders"]),
        claim_cues=load_claim_cues(paths["claim cues"]),
        paths=paths,
    )


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything presslens measures about one article.

    Attributes:
        article: The structured article.
        sentences: :func:`presslens.analysis.structure.sentence_table`.
        quotations: :func:`presslens.analysis.quotes.find_quotations`, speakers linked to stakeholders.
        repetition: :func:`presslens.analysis.repetition.find_repetition`.
        topics: :func:`presslens.analysis.topics.analyze_topics` (repeated sentences passed in).
        stakeholders: :func:`presslens.analysis.stakeholders.analyze_stakeholders`.
        claims: :func:`presslens.analysis.claims.claim_profiles`, one row per body sentence.
        published: The date used for the role check, or None.
    """

    article: Article
    sentences: pd.DataFrame
    quotations: pd.DataFrame
    repetition: RepetitionAnalysis
    topics: TopicAnalysis
    stakeholders: StakeholderAnalysis
    claims: pd.DataFrame
    published: date | None

    def to_json(self) -> dict[str, Any]:
        """The object ``presslens analyze --json`` prints."""
        return {
            "article": article_summary(self.article),
            "topics": topics_json(self.topics),
            "stakeholders": stakeholders_json(self.stakeholders),
            "co_mentions": co_mentions_json(self.stakeholders),
            "claims": claim_summary(self.claims),
            "repetition": repetition_json(self.repetition),
        }

    def sentence_labels(self, what: str) -> pd.DataFrame:
        """(sentence, label) pairs for cross-tabulating claims: by ``topic`` or ``stakeholder``.

        Topics are labelled by their label ("Energy security"), stakeholders by name.
        """
        if what == "topic":
            table = self.topics.evidence[["sentence", "label"]]
        elif what == "stakeholder":
            table = self.stakeholders.mentions[["sentence", "name"]].rename(columns={"name": "label"})
        else:
            raise ValueError(f"unknown label kind {what!r}; use 'topic' or 'stakeholder'")
        return table.drop_duplicates().reset_index(drop=True)


def analyze_article(article: Article, lexicons: Lexicons, *, published: date | None = None) -> ArticleAnalysis:
    """Run every measure on one article.

    Args:
        article: The structured article.
        lexicons: From :func:`load_lexicons`.
        published: Publication date for the role check; the article's own date when None.
    """
    quotations = find_quotations(article)
    repetition = find_repetition(article)
    stakeholders = analyze_stakeholders(article, lexicons.stakeholders, published=published, quotations=quotations)
    return ArticleAnalysis(
        article=article,
        sentences=sentence_table(article),
        quotations=stakeholders.quotations,
        repetition=repetition,
        topics=analyze_topics(article, lexicons.topics, repeated_sentences=repetition.repeated_sentences),
        stakeholders=stakeholders,
        claims=claim_profiles(article, lexicons.claim_cues, quotations=quotations),
        published=stakeholders.published,
    )
