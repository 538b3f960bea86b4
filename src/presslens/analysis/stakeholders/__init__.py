"""Stakeholder mentions: who is named, how often, where, with what title, with whom, who speaks.

The registry (:mod:`.registry`) lists people, countries, organisations, groups and places
with their aliases, titles and dated roles. From it come the mentions and their summary
(:mod:`.mentions`), the speakers of direct quotations (:mod:`.voice`), the role check
(:mod:`.roles`), the dates at which each title fits (:mod:`.windows`) and the names the
registry does not know (:mod:`.discovery`).
:func:`analyze_stakeholders` runs them all over the sentence facts and keeps plain records;
each table is made into a DataFrame the first time it is read. Columns are defined in
``data/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import pandas as pd

from presslens.analysis.facts import SentenceFacts, sentence_facts
from presslens.analysis.quotes import quotation_records
from presslens.analysis.records import records_frame
from presslens.analysis.stakeholders.discovery import discover_names, discovered_frame, discovered_records, name_candidates
from presslens.analysis.stakeholders.mentions import (
    CO_MENTION_COLUMNS,
    MENTION_COLUMNS,
    SUMMARY_COLUMNS,
    check_mentions,
    co_mention_records,
    mention_records,
    mentions_frame,
    summary_records,
)
from presslens.analysis.stakeholders.registry import (
    STAKEHOLDER_TYPES,
    Registry,
    Role,
    StakeholderEntry,
    TitleEntry,
    load_registry,
    title_spellings,
)
from presslens.analysis.stakeholders.roles import ROLE_FLAG_COLUMNS, check_roles, is_former, role_flag_records, title_office
from presslens.analysis.stakeholders.windows import (
    ROLE_WINDOW_COLUMNS,
    TitleWindows,
    binding_titles,
    common_windows,
    conflicting_titles,
    role_window_records,
    role_windows,
    role_windows_frame,
    titles_of,
    windows_phrase,
)
from presslens.analysis.stakeholders.voice import (
    PRONOUN_WINDOW,
    QUOTATION_LINK_COLUMNS,
    VOICE_COLUMNS,
    link_quotations,
    link_records,
    links_frame,
    voice_records,
)
from presslens.model import Article

__all__ = [
    "MENTION_COLUMNS", "PRONOUN_WINDOW", "QUOTATION_LINK_COLUMNS", "ROLE_FLAG_COLUMNS", "ROLE_WINDOW_COLUMNS",
    "STAKEHOLDER_TYPES", "Registry", "Role", "StakeholderAnalysis", "StakeholderEntry", "TitleEntry", "TitleWindows",
    "analyze_stakeholders", "binding_titles", "check_mentions", "check_roles", "co_mentions_json", "common_windows",
    "conflicting_titles", "discover_names", "is_former", "link_quotations", "load_registry", "role_windows",
    "stakeholders_json", "title_office", "title_spellings", "titles_of", "windows_phrase",
]


@dataclass(frozen=True)
class StakeholderAnalysis:
    """All stakeholder tables of one article (columns in ``data/README.md``).

    Attributes:
        records: The rows of every table by name (``mentions``, ``summary``,
            ``co_mentions``, ``voice``, ``quotations``, ``role_flags``, ``role_windows``, ``discovered``).
        published: The date the role check used, or None (no check).
    """

    records: dict[str, list[dict[str, Any]]] = field(repr=False)
    published: date | None = None

    @cached_property
    def mentions(self) -> pd.DataFrame:
        """One row per mention, in text order."""
        return mentions_frame(self.records["mentions"])

    @cached_property
    def summary(self) -> pd.DataFrame:
        """One row per stakeholder named at least once, most mentioned first."""
        return records_frame(self.records["summary"], SUMMARY_COLUMNS)

    @cached_property
    def co_mentions(self) -> pd.DataFrame:
        """One row per pair of stakeholders named in the same sentence."""
        return records_frame(self.records["co_mentions"], CO_MENTION_COLUMNS)

    @cached_property
    def voice(self) -> pd.DataFrame:
        """One row per stakeholder named: quotations attributed and mentions."""
        return records_frame(self.records["voice"], VOICE_COLUMNS)

    @cached_property
    def quotations(self) -> pd.DataFrame:
        """The quotations with the stakeholder each is linked to (or none)."""
        return links_frame(self.records["quotations"])

    @cached_property
    def role_flags(self) -> pd.DataFrame:
        """Titles that contradict the registry's dated roles."""
        return pd.DataFrame(self.records["role_flags"], columns=ROLE_FLAG_COLUMNS)

    @cached_property
    def role_windows(self) -> pd.DataFrame:
        """The dates at which each dated title is right, one row per title and window (date or not)."""
        return role_windows_frame(self.records["role_windows"])

    @cached_property
    def title_windows(self) -> list[TitleWindows]:
        """:attr:`role_windows` gathered by title, for findings and displays."""
        return titles_of(self.role_windows)

    @cached_property
    def discovered(self) -> pd.DataFrame:
        """Names the registry does not know, with a YAML snippet each."""
        return discovered_frame(self.records["discovered"])


def analyze_stakeholders(
    article: Article,
    registry: Registry,
    *,
    published: date | None = None,
    quotations: pd.DataFrame | list[dict[str, Any]] | None = None,
    facts: SentenceFacts | None = None,
) -> StakeholderAnalysis:
    """Find and measure every stakeholder mention in an article.

    Args:
        article: The structured article.
        registry: The stakeholder registry (:func:`load_registry`).
        published: The publication date for the role check; ``metadata.published`` when
            None. Without either date the role check is skipped (empty ``role_flags``);
            ``role_windows`` says when each title would be right, with a date or without.
        quotations: Direct quotations as found by :func:`presslens.analysis.quotes.find_quotations`
            (table or rows); when None they are found here.
        facts: The article's sentence facts, when the caller has them already.

    Returns:
        A :class:`StakeholderAnalysis`; shares are checked to sum to 1.
    """
    registry = registry.for_language(article.metadata.language)
    facts = facts if facts is not None else sentence_facts(article)
    mentions, consumed = mention_records(article, registry, facts)
    summary = summary_records(article, mentions, registry, facts)
    if quotations is None:
        quotations = quotation_records(article)
    elif isinstance(quotations, pd.DataFrame):
        quotations = quotations.to_dict("records")
    order = {f.id: f.index for f in facts.rows}
    names = name_candidates(article, consumed, facts.body)
    links = link_records(article, mentions, quotations, order, names=names, title_words=registry.title_words)
    day = published or article.metadata.published
    quoted = [(q["quote_start"], q["quote_end"]) for q in quotations]
    role_flags = role_flag_records(mentions, registry, article, day, quoted) if day is not None else []
    records = {
        "mentions": mentions,
        "summary": summary,
        "co_mentions": co_mention_records(mentions),
        "voice": voice_records(summary, links, names),
        "quotations": links,
        "role_flags": role_flags,
        "role_windows": role_window_records(mentions, registry),
        "discovered": discovered_records(article, consumed, candidates=names),
    }
    return StakeholderAnalysis(records=records, published=day)


def stakeholders_json(analysis: StakeholderAnalysis) -> list[dict[str, Any]]:
    """The ``stakeholders`` list of ``presslens analyze --json``.

    Returns:
        ``[{"id", "name", "type", "mentions", "first_sentence", "titles"}]``, most
        mentioned first; ``titles`` lists the titles the article gives, as written.
    """
    titles: dict[str, list[str]] = {}
    for m in analysis.records["mentions"]:
        found = titles.setdefault(m["stakeholder"], [])
        if m["title"] and m["title"] not in found:
            found.append(m["title"])
    return [
        {"id": r["id"], "name": r["name"], "type": r["type"], "mentions": int(r["mentions"]),
         "first_sentence": r["first_sentence"], "titles": titles.get(r["id"], [])}
        for r in analysis.records["summary"]
    ]


def co_mentions_json(analysis: StakeholderAnalysis) -> list[dict[str, Any]]:
    """The ``co_mentions`` list of ``presslens analyze --json``: ``[{"a", "b", "sentences"}]``."""
    return [{"a": r["a"], "b": r["b"], "sentences": int(r["sentences"])} for r in analysis.records["co_mentions"]]
