"""The analysis engine: every measure of one article, computed once, in a fixed order.

``presslens analyze``, the report notebook and the corpus store all call
:func:`analyze_article`, so a number means the same thing everywhere. The order matters:
quotations feed the stakeholders' voice and the claim profiles, and repetition feeds
the topics' sensitivity check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from presslens.analysis.claims import ClaimAnalysis, ClaimCues, analyze_claims, claim_summary, load_claim_cues
from presslens.analysis.facts import SentenceFacts, sentence_facts
from presslens.model import Article
from presslens.paths import DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS
from presslens.analysis.quotes import quotation_records
from presslens.analysis.repetition import RepetitionAnalysis, find_repetition, repetition_json
from presslens.analysis.stakeholders import (
    Registry,
    StakeholderAnalysis,
    analyze_stakeholders,
    co_mentions_json,
    load_registry,
    stakeholders_json,
)
from presslens.analysis.structure import article_summary
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

    Measures are computed when :func:`analyze_article` runs; the DataFrames below are made
    from their records the first time they are read.

    Attributes:
        article: The structured article.
        facts: The sentence facts every measure read (:mod:`presslens.analysis.facts`).
        quotation_rows: :func:`presslens.analysis.quotes.quotation_records`.
        repetition: :func:`presslens.analysis.repetition.find_repetition`.
        topics: :func:`presslens.analysis.topics.analyze_topics` (repeated sentences passed in).
        stakeholders: :func:`presslens.analysis.stakeholders.analyze_stakeholders`.
        claim_analysis: :func:`presslens.analysis.claims.analyze_claims`.
        published: The date used for the role check, or None.
    """

    article: Article
    facts: SentenceFacts = field(repr=False)
    quotation_rows: list[dict[str, Any]] = field(repr=False)
    repetition: RepetitionAnalysis = field(repr=False)
    topics: TopicAnalysis = field(repr=False)
    stakeholders: StakeholderAnalysis = field(repr=False)
    claim_analysis: ClaimAnalysis = field(repr=False)
    published: date | None

    @cached_property
    def sentences(self) -> pd.DataFrame:
        """The ``sentences`` table (:meth:`SentenceFacts.table`)."""
        return self.facts.table()

    @property
    def quotations(self) -> pd.DataFrame:
        """The quotations with the stakeholder each speaker is linked to (``quotation_speakers``)."""
        return self.stakeholders.quotations

    @property
    def claims(self) -> pd.DataFrame:
        """The claim profiles, one row per body sentence."""
        return self.claim_analysis.profiles

    @property
    def claim_sources(self) -> pd.DataFrame:
        """One row per source phrase found in a sentence."""
        return self.claim_analysis.sources

    def to_json(self) -> dict[str, Any]:
        """The object ``presslens analyze --json`` prints."""
        return {
            "article": article_summary(self.article, facts=self.facts),
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
            pairs = [(r["sentence"], r["label"]) for r in self.topics.records["evidence"]]
        elif what == "stakeholder":
            pairs = [(m["sentence"], m["name"]) for m in self.stakeholders.records["mentions"]]
        else:
            raise ValueError(f"unknown label kind {what!r}; use 'topic' or 'stakeholder'")
        return pd.DataFrame(list(dict.fromkeys(pairs)), columns=["sentence", "label"])


def analyze_article(article: Article, lexicons: Lexicons, *, published: date | None = None) -> ArticleAnalysis:
    """Run every measure on one article.

    Args:
        article: The structured article.
        lexicons: From :func:`load_lexicons`.
        published: Publication date for the role check; the article's own date when None.
    """
    facts = sentence_facts(article)
    quotations = quotation_records(article, lexicons.claim_cues)
    repetition = find_repetition(article, facts=facts)
    stakeholders = analyze_stakeholders(
        article, lexicons.stakeholders, published=published, quotations=quotations, facts=facts
    )
    resolved = [{**q, "speaker_name": link["speaker_name"]}
                for q, link in zip(quotations, stakeholders.records["quotations"], strict=True)]
    return ArticleAnalysis(
        article=article,
        facts=facts,
        quotation_rows=quotations,
        repetition=repetition,
        topics=analyze_topics(article, lexicons.topics, repeated_sentences=repetition.repeated_sentences, facts=facts),
        stakeholders=stakeholders,
        claim_analysis=analyze_claims(article, lexicons.claim_cues, quotations=resolved, facts=facts),
        published=stakeholders.published,
    )
