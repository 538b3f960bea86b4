"""Stakeholders across articles: each article's share of mentions, the corpus totals, and who only one outlet names."""

from __future__ import annotations

import pandas as pd

from presslens.corpus.compare.corpus import Corpus


def stakeholder_shares(corpus: Corpus, *, top: int = 15) -> pd.DataFrame:
    """Per article, the share of its stakeholder mentions that each of the ``top`` most mentioned stakeholders gets.

    Columns: ``article_id``, ``label``, ``stakeholder``, ``name``, ``mentions``, ``share``
    (0 when the article does not name them).
    """
    return corpus.sql(
        """
        WITH top AS (SELECT stakeholder, any_value(name) AS name, sum(mentions) AS total FROM stakeholders
                     GROUP BY stakeholder ORDER BY total DESC, stakeholder LIMIT ?)
        SELECT l.article_id, l.label, top.stakeholder, top.name, coalesce(s.mentions, 0) AS mentions,
               coalesce(s.share, 0.0) AS share, top.total
        FROM article_labels l CROSS JOIN top
        LEFT JOIN stakeholders s ON s.article_id = l.article_id AND s.stakeholder = top.stakeholder
        ORDER BY top.total DESC, top.stakeholder, l.label
        """,
        [top],
    ).drop(columns="total")


def stakeholder_summary(corpus: Corpus) -> pd.DataFrame:
    """Per stakeholder across the corpus: type, articles naming them, mentions, quotes, median share where named."""
    return corpus.sql(
        """
        SELECT stakeholder, any_value(name) AS name, any_value(type) AS type, count(*) AS articles,
               sum(mentions)::BIGINT AS mentions, sum(quotes)::BIGINT AS quotes, median(share) AS median_share_where_named
        FROM stakeholders GROUP BY stakeholder ORDER BY mentions DESC, stakeholder
        """
    )


#: Readable headers of the stakeholder summary as the report shows it (``stakeholder_summary.csv`` keeps the column names).
SUMMARY_HEADERS = {
    "name": "Stakeholder", "type": "Type", "articles": "Articles naming", "mentions": "Mentions", "quotes": "Quotes",
    "median_share_where_named": "Median share where named",
}


def stakeholder_summary_display(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`stakeholder_summary` as the report shows it: readable headers, the share in per cent, no registry id."""
    table = summary.assign(median_share_where_named=summary["median_share_where_named"].map(lambda v: f"{v:.0%}"))
    return table[list(SUMMARY_HEADERS)].rename(columns=SUMMARY_HEADERS)


def exclusive_stakeholders(corpus: Corpus, *, limit: int = 30) -> tuple[pd.DataFrame, str]:
    """Stakeholders named in only one outlet's coverage (or, without outlets, in only one article).

    Returns:
        The table (most mentioned first; show its first ``limit`` rows) and a caption that says so.
    """
    by_outlet = corpus.articles["outlet"].nunique() >= 2
    group = "coalesce(a.outlet, '(no outlet)')" if by_outlet else "l.label"
    table = corpus.sql(
        f"""
        WITH s AS (SELECT {group} AS grp, s.stakeholder, s.name, s.type, s.mentions, s.article_id
                   FROM stakeholders s JOIN articles a USING (article_id) JOIN article_labels l USING (article_id)),
             one_group AS (SELECT stakeholder FROM s GROUP BY stakeholder HAVING count(DISTINCT grp) = 1)
        SELECT any_value(grp) AS named_only_by, stakeholder, any_value(name) AS name, any_value(type) AS type,
               sum(mentions)::BIGINT AS mentions, count(DISTINCT article_id) AS articles
        FROM s JOIN one_group USING (stakeholder) GROUP BY stakeholder ORDER BY mentions DESC, stakeholder
        """
    )
    groups = "outlet" if by_outlet else "article"
    caption = f"{len(table):,} stakeholder{'s' * (len(table) != 1)} named by only one {groups}"
    if len(table) > limit:
        caption += f"; the {limit} most mentioned shown (all in exclusive_stakeholders.csv)"
    names = {"named_only_by": f"Named only by ({groups})", "name": "Stakeholder", "stakeholder": "Id", "type": "Type", "mentions": "Mentions", "articles": "Articles"}
    return table.rename(columns=names)[list(names.values())], caption
