"""Topic emphasis across articles: each article's weighted share per topic against the corpus median."""

from __future__ import annotations

import pandas as pd

from presslens.corpus.compare.corpus import Corpus
from presslens.corpus.compare.ranking import rank_by_distance


def topic_emphasis(corpus: Corpus) -> pd.DataFrame:
    """Per article and topic: weighted share, the corpus median for the topic, and the difference.

    Columns: ``article_id``, ``label``, ``topic``, ``topic_label``, ``weighted_share``,
    ``median``, ``deviation`` (weighted_share − median, in share units).
    """
    return corpus.sql(
        """
        WITH e AS (SELECT article_id, topic, label AS topic_label, weighted_share FROM topic_emphasis),
             m AS (SELECT topic, median(weighted_share) AS median FROM e GROUP BY topic)
        SELECT e.article_id, l.label, e.topic, e.topic_label, e.weighted_share, m.median,
               e.weighted_share - m.median AS deviation
        FROM e JOIN m USING (topic) JOIN article_labels l USING (article_id)
        ORDER BY l.label, e.topic
        """
    )


def topic_summary(corpus: Corpus) -> pd.DataFrame:
    """Per topic across the corpus: articles that mention it, median, quartiles and mean weighted share."""
    return corpus.sql(
        """
        SELECT topic, any_value(label) AS topic_label,
               count(*) FILTER (WHERE sentences > 0 OR hits > 0) AS articles_mentioning,
               quantile_cont(weighted_share, 0.25) AS q1, median(weighted_share) AS median,
               quantile_cont(weighted_share, 0.75) AS q3, avg(weighted_share) AS mean,
               max(weighted_share) AS max
        FROM topic_emphasis GROUP BY topic ORDER BY mean DESC
        """
    )


def most_distinctive(emphasis: pd.DataFrame, *, limit: int, words: pd.Series | None = None) -> list[str]:
    """Article labels ranked by how far their topic profile is from the corpus median (sum of |deviation|).

    Args:
        emphasis: :func:`topic_emphasis`.
        limit: How many labels to return.
        words: Body words by label (``corpus.articles.set_index("label")["words"]``);
            when given, articles under :data:`presslens.corpus.compare.ranking.RANKING_MIN_WORDS` words come last.
    """
    distance = emphasis.assign(d=emphasis["deviation"].abs()).groupby("label")["d"].sum()
    if words is None:
        return distance.sort_values(ascending=False, kind="stable").head(limit).index.tolist()
    return rank_by_distance(distance, words, limit)


def emphasis_extremes(emphasis: pd.DataFrame, *, limit: int, words: pd.Series | None = None) -> pd.DataFrame:
    """For each article (the ``limit`` most distinctive): the topic it over-emphasises most and the one it under-emphasises most.

    Deviations are in percentage points of weighted share against the corpus median.
    """
    labels = most_distinctive(emphasis, limit=limit, words=words)
    rows = []
    for label in labels:
        own = emphasis[emphasis["label"] == label]
        over, under = own.loc[own["deviation"].idxmax()], own.loc[own["deviation"].idxmin()]
        rows.append(
            {
                "Article": label,
                "Over-emphasises": over["topic_label"] if over["deviation"] > 0 else "",
                "pp above median": round(100 * over["deviation"], 1) if over["deviation"] > 0 else None,
                "Under-emphasises": under["topic_label"] if under["deviation"] < 0 else "",
                "pp below median": round(-100 * under["deviation"], 1) if under["deviation"] < 0 else None,
            }
        )
    return pd.DataFrame(rows, columns=["Article", "Over-emphasises", "pp above median", "Under-emphasises", "pp below median"])
