"""Choosing which articles a chart shows: the furthest from the corpus median, or the largest totals, first.

Charts with one row per article show at most a few dozen rows; these rankings decide
which, the same way for 2 articles and for 100,000.
"""

from __future__ import annotations

import pandas as pd

#: Articles shorter than this (body words) are ranked after all others when charts must
#: choose which articles to show: a 12-word item is "distinctive" by accident.
RANKING_MIN_WORDS = 100


def rank_by_distance(distance: pd.Series, corpus_words: pd.Series, limit: int) -> list[str]:
    """Labels by ``distance`` (largest first), articles under :data:`RANKING_MIN_WORDS` words last; at most ``limit``."""
    table = pd.DataFrame({"distance": distance, "long": corpus_words.reindex(distance.index).fillna(0) >= RANKING_MIN_WORDS})
    return table.sort_values(["long", "distance"], ascending=False, kind="stable").head(limit).index.tolist()


def articles_by_total(table: pd.DataFrame, value: str, *, limit: int) -> list[str]:
    """Article labels with the largest sum of ``value`` (e.g. mentions) first, at most ``limit``."""
    totals = table.groupby("label")[value].sum()
    return totals.sort_values(ascending=False, kind="stable").head(limit).index.tolist()
