"""How articles make their claims, side by side: the share of body sentences with each claim flag.

The flags are the store's ``claims`` columns of the same names (see
:mod:`presslens.analysis.claims`). They are not the analysis's display ``CATEGORIES``:
those are exclusive, one per sentence, while a sentence may carry several of these flags
(attributed and speculative at once), which is what comparing articles needs.
"""

from __future__ import annotations

import pandas as pd

from presslens.corpus.compare.corpus import Corpus
from presslens.corpus.compare.ranking import rank_by_distance

#: The claim flags compared across articles (columns of the store's ``claims`` table), with the names tables and charts show.
CLAIM_FLAGS = {
    "attributed": "Attributed",
    "anonymous_source": "Anonymous source",
    "speculative": "Speculative",
    "prescriptive": "Prescriptive",
}


def claim_profiles(corpus: Corpus) -> pd.DataFrame:
    """Per article: body sentences and the share of them in each claim category (a sentence may be in several)."""
    return corpus.sql(
        """
        SELECT c.article_id, l.label, count(*) AS sentences,
               avg(attributed::INT) AS attributed, avg(anonymous_source::INT) AS anonymous_source,
               avg(speculative::INT) AS speculative, avg(prescriptive::INT) AS prescriptive
        FROM claims c JOIN article_labels l USING (article_id)
        GROUP BY c.article_id, l.label ORDER BY l.label
        """
    )


def claims_ranked(profiles: pd.DataFrame, *, limit: int, words: pd.Series | None = None) -> list[str]:
    """Article labels whose claim profile is furthest from the corpus median (sum of |share − median|), at most ``limit``.

    With ``words`` (body words by label), articles under :data:`presslens.corpus.compare.ranking.RANKING_MIN_WORDS` words come last.
    """
    shares = profiles.set_index("label")[list(CLAIM_FLAGS)]
    distance = (shares - shares.median()).abs().sum(axis=1)
    if words is None:
        return distance.sort_values(ascending=False, kind="stable").head(limit).index.tolist()
    return rank_by_distance(distance, words, limit)


def claim_summary(profiles: pd.DataFrame) -> pd.DataFrame:
    """The corpus's claim profile: median and quartiles of each category's share across articles."""
    rows = []
    for column, name in CLAIM_FLAGS.items():
        values = profiles[column]
        rows.append({"Category": name, "Median share": values.median(), "Lower quartile": values.quantile(0.25),
                     "Upper quartile": values.quantile(0.75), "Articles with none": int((values == 0).sum())})
    table = pd.DataFrame(rows)
    for column in ("Median share", "Lower quartile", "Upper quartile"):
        table[column] = table[column].map(lambda v: f"{v:.0%}")
    return table
