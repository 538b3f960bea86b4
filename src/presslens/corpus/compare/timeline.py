"""Coverage over time: topic emphasis and stakeholder mentions per day, week or month."""

from __future__ import annotations

import pandas as pd

from presslens.corpus.compare.corpus import Corpus


def time_unit(dates: pd.Series) -> str | None:
    """``day``, ``week`` or ``month`` from the span of the dates; None with fewer than two distinct dates.

    Up to 45 days: days; up to a year: weeks (starting Monday); longer: months.
    """
    dates = pd.to_datetime(dates.dropna())
    if dates.nunique() < 2:
        return None
    span = (dates.max() - dates.min()).days
    return "day" if span <= 45 else "week" if span <= 366 else "month"


def emphasis_over_time(corpus: Corpus, *, topics: int = 6) -> tuple[pd.DataFrame, str | None]:
    """Mean weighted share of the ``topics`` most emphasised topics per period, and articles per period.

    Returns:
        Rows ``period``, ``topic``, ``topic_label``, ``weighted_share``, ``articles`` and
        the unit (None when the corpus has too few dates; the table is then empty).
    """
    unit = time_unit(corpus.articles["published"])
    if unit is None:
        return pd.DataFrame(columns=["period", "topic", "topic_label", "weighted_share", "articles"]), None
    table = corpus.sql(
        f"""
        WITH top AS (SELECT topic FROM topic_emphasis GROUP BY topic ORDER BY avg(weighted_share) DESC LIMIT ?)
        SELECT date_trunc('{unit}', a.published) AS period, e.topic, any_value(e.label) AS topic_label,
               avg(e.weighted_share) AS weighted_share, count(DISTINCT a.article_id) AS articles
        FROM topic_emphasis e JOIN articles a USING (article_id) JOIN top USING (topic)
        WHERE a.published IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2
        """,
        [topics],
    )
    return table, unit


def mentions_over_time(corpus: Corpus, *, stakeholders: int = 6) -> tuple[pd.DataFrame, str | None]:
    """Mentions per article of the ``stakeholders`` most mentioned, per period (mean over dated articles)."""
    unit = time_unit(corpus.articles["published"])
    if unit is None:
        return pd.DataFrame(columns=["period", "stakeholder", "name", "mentions_per_article", "articles"]), None
    table = corpus.sql(
        f"""
        WITH top AS (SELECT stakeholder, any_value(name) AS name FROM stakeholders GROUP BY stakeholder
                     ORDER BY sum(mentions) DESC, stakeholder LIMIT ?),
             periods AS (SELECT date_trunc('{unit}', published) AS period, count(*) AS articles FROM articles
                         WHERE published IS NOT NULL GROUP BY 1),
             counts AS (SELECT date_trunc('{unit}', a.published) AS period, s.stakeholder, sum(s.mentions) AS mentions
                        FROM stakeholders s JOIN articles a USING (article_id) WHERE a.published IS NOT NULL GROUP BY 1, 2)
        SELECT p.period, top.stakeholder, top.name, coalesce(c.mentions, 0) / p.articles AS mentions_per_article, p.articles
        FROM periods p CROSS JOIN top LEFT JOIN counts c ON c.period = p.period AND c.stakeholder = top.stakeholder
        ORDER BY 1, 2
        """,
        [stakeholders],
    )
    return table, unit
