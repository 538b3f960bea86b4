"""Coverage by language: how the articles in each language weighted the topics, whom they named, how they sourced.

Each table is tidy (one row per language and topic, stakeholder or claim flag) and pools
the articles of a language: the rows say what the typical article in that language did,
so a language with two articles and one with two hundred sit side by side. Articles whose
language is not known are grouped under :data:`UNKNOWN_LANGUAGE`. The measures rest on the
lexicons, so a language the lexicons do not cover shows zeros; :func:`language_note` says
which ones those are (see :data:`presslens.languages.ANALYSED_LANGUAGES`).
"""

from __future__ import annotations

import pandas as pd

from presslens.corpus.compare.claims import CLAIM_FLAGS
from presslens.corpus.compare.corpus import Corpus
from presslens.languages import ANALYSED_LANGUAGES, language_name

#: The code under which articles without a known language are grouped (ISO 639-2 "undetermined").
UNKNOWN_LANGUAGE = "und"

_LANGUAGE_SQL = f"coalesce(a.language, '{UNKNOWN_LANGUAGE}')"


def language_label(code: str) -> str:
    """The English name of a language code as tables and charts show it: ``German (de)``, ``Unknown``."""
    if code == UNKNOWN_LANGUAGE:
        return "Unknown"
    name = language_name(code)
    return f"{name} ({code})" if name != code else code


def _in_language_order(table: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """``table``'s rows grouped by language, the language with most articles first (its order within a language kept)."""
    order = {code: k for k, code in enumerate(language_table(corpus)["language"])}
    return table.sort_values("language", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def language_table(corpus: Corpus) -> pd.DataFrame:
    """One row per language, most articles first.

    Columns: ``language`` (ISO 639-1 code, ``und`` when not known), ``language_name``,
    ``articles``, ``outlets`` (distinct outlets named), ``words`` (body words),
    ``sentences`` (body sentences), ``lexicons`` (whether the topic, stakeholder and claim
    lexicons cover the language).
    """
    table = corpus.sql(
        f"""
        SELECT {_LANGUAGE_SQL} AS language, count(*) AS articles, count(DISTINCT a.outlet) AS outlets,
               sum(a.words)::BIGINT AS words, sum(a.sentences)::BIGINT AS sentences
        FROM articles a GROUP BY 1 ORDER BY articles DESC, language
        """
    )
    table.insert(1, "language_name", table["language"].map(language_label))
    table["lexicons"] = table["language"].isin(ANALYSED_LANGUAGES)
    return table


def topics_by_language(corpus: Corpus) -> pd.DataFrame:
    """Per language and topic: the mean and median weighted share over the language's articles.

    Columns: ``language``, ``topic``, ``topic_label``, ``articles`` (in the language),
    ``articles_mentioning`` (with a sentence tagged with the topic or a term hit),
    ``mean_weighted_share``, ``median_weighted_share`` (0 to 1; articles that never mention
    the topic count as 0). Topics in order of their mean over the whole corpus, largest first.
    """
    table = corpus.sql(
        f"""
        WITH e AS (SELECT {_LANGUAGE_SQL} AS language, e.* FROM topic_emphasis e JOIN articles a USING (article_id)),
             overall AS (SELECT topic, avg(weighted_share) AS overall FROM topic_emphasis GROUP BY topic)
        SELECT language, topic, any_value(label) AS topic_label, count(*) AS articles,
               count(*) FILTER (WHERE sentences > 0 OR hits > 0) AS articles_mentioning,
               avg(weighted_share) AS mean_weighted_share, median(weighted_share) AS median_weighted_share
        FROM e JOIN overall USING (topic)
        GROUP BY language, topic, overall ORDER BY language, overall DESC, topic
        """
    )
    return _in_language_order(table, corpus)


def stakeholders_by_language(corpus: Corpus, *, top: int = 15) -> pd.DataFrame:
    """Per language, the share of all its stakeholder mentions that each leading stakeholder gets.

    The stakeholders are the ``top`` with the largest share in any one language, so each
    language's own leading names are there, not only the corpus's.

    Columns: ``language``, ``stakeholder``, ``name``, ``type``, ``articles`` (in the
    language), ``articles_naming``, ``mentions`` (in the language's articles), ``share``
    (``mentions`` over all stakeholder mentions in the language; 0 when none).
    """
    table = corpus.sql(
        f"""
        WITH s AS (SELECT {_LANGUAGE_SQL} AS language, s.* FROM stakeholders s JOIN articles a USING (article_id)),
             langs AS (SELECT {_LANGUAGE_SQL} AS language, count(*) AS articles FROM articles a GROUP BY 1),
             totals AS (SELECT language, sum(mentions) AS total FROM s GROUP BY language),
             per AS (SELECT language, stakeholder, any_value(name) AS name, any_value(type) AS type,
                            count(*) AS articles_naming, sum(mentions) AS mentions
                     FROM s GROUP BY language, stakeholder),
             top AS (SELECT stakeholder, any_value(name) AS name, any_value(type) AS type,
                            max(per.mentions / totals.total) AS best, sum(per.mentions) AS all_mentions
                     FROM per JOIN totals USING (language) GROUP BY stakeholder
                     ORDER BY best DESC, all_mentions DESC, stakeholder LIMIT ?)
        SELECT langs.language, top.stakeholder, top.name, top.type, langs.articles,
               coalesce(per.articles_naming, 0)::BIGINT AS articles_naming, coalesce(per.mentions, 0)::BIGINT AS mentions,
               coalesce(per.mentions / totals.total, 0.0) AS share
        FROM langs CROSS JOIN top
        LEFT JOIN per ON per.language = langs.language AND per.stakeholder = top.stakeholder
        LEFT JOIN totals ON totals.language = langs.language
        ORDER BY langs.language, top.best DESC, top.all_mentions DESC, top.stakeholder
        """,
        [top],
    )
    return _in_language_order(table, corpus)


def claims_by_language(corpus: Corpus) -> pd.DataFrame:
    """Per language and claim flag: the share of the language's body sentences with the flag.

    Columns: ``language``, ``flag`` (a column of the store's ``claims`` table),
    ``flag_label``, ``articles``, ``sentences`` (body sentences of the language's articles),
    ``flagged`` (sentences with the flag), ``share`` (``flagged`` / ``sentences``), and
    ``median_article_share`` (the median over the language's articles of their own share).
    A sentence may carry several flags.
    """
    frames = []
    for flag, label in CLAIM_FLAGS.items():
        part = corpus.sql(
            f"""
            WITH per AS (SELECT {_LANGUAGE_SQL} AS language, c.article_id, count(*) AS sentences,
                                sum(c.{flag}::INT) AS flagged
                         FROM claims c JOIN articles a USING (article_id) GROUP BY 1, 2)
            SELECT language, count(*) AS articles, sum(sentences)::BIGINT AS sentences, sum(flagged)::BIGINT AS flagged,
                   sum(flagged) / sum(sentences) AS share, median(flagged / sentences) AS median_article_share
            FROM per GROUP BY language
            """
        )
        part.insert(1, "flag", flag)
        part.insert(2, "flag_label", label)
        frames.append(part)
    columns = ["language", "flag", "flag_label", "articles", "sentences", "flagged", "share", "median_article_share"]
    if not frames or all(f.empty for f in frames):
        return pd.DataFrame(columns=columns)
    table = pd.concat([f for f in frames if not f.empty], ignore_index=True)[columns]
    order = {flag: k for k, flag in enumerate(CLAIM_FLAGS)}
    table = table.sort_values("flag", key=lambda s: s.map(order), kind="stable")
    return _in_language_order(table, corpus)


def language_note(languages: pd.DataFrame) -> str:
    """What the "By language" section shows, in a sentence or two.

    Args:
        languages: :func:`language_table`.
    """
    total = int(languages["articles"].sum())
    if len(languages) < 2:
        only = language_label(languages["language"].iloc[0]) if len(languages) else "one language"
        what = "The article is" if total == 1 else f"All {total:,} articles are"
        return f"{what} in {only}, so there is nothing to compare by language; with articles in two or more languages this section sets them side by side."
    parts = [f"{language_label(r.language)}: {r.articles:,} article{'s' * (r.articles != 1)}" for r in languages.itertuples()]
    note = f"The {total:,} articles are in {len(languages)} languages ({'; '.join(parts)})."
    uncovered = [language_label(c) for c in languages["language"] if c not in ANALYSED_LANGUAGES]
    if uncovered:
        covered = ", ".join(language_label(c) for c in sorted(ANALYSED_LANGUAGES))
        note += (
            f" The topic, stakeholder and claim lexicons are written for {covered} only; the articles in "
            f"{', '.join(uncovered)} were measured with them, so their topics, stakeholders and claim flags are "
            "missing or undercounted: read their rows as not measured, not as zero."
        )
    return note


def compares_languages(languages: pd.DataFrame) -> bool:
    """Whether the corpus has articles in two or more languages (the "By language" section's charts are drawn then only)."""
    return len(languages) >= 2
