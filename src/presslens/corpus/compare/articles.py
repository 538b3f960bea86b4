"""The corpus at a glance: a table of facts and the list of articles (an even sample when there are many)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from presslens.corpus.compare.corpus import Corpus


def overview(corpus: Corpus) -> pd.DataFrame:
    """The corpus in one table of facts: articles, outlets, dates, words and the store's size."""
    a = corpus.articles
    dated = a["published"].dropna()
    parts = len(list((corpus.store / "articles").glob("part-*.parquet")))
    rows = [
        ("Articles", f"{len(a):,}"),
        ("Outlets", _outlets_fact(a)),
        ("Dated articles", f"{len(dated):,}" + (f", {pd.Timestamp(dated.min()).date()} to {pd.Timestamp(dated.max()).date()}" if len(dated) else "")),
        ("Body words", f"{int(a['words'].sum()):,} (median {int(a['words'].median()):,} per article)"),
        ("Body sentences", f"{int(a['sentences'].sum()):,}"),
        ("Store", f"{corpus.store.name} ({parts:,} Parquet part{'s' * (parts != 1)} per table)"),
    ]
    return pd.DataFrame(rows, columns=["Corpus", "Value"])


def _outlets_fact(articles: pd.DataFrame) -> str:
    named, missing = articles["outlet"].nunique(), int(articles["outlet"].isna().sum())
    if not named:
        return "none given in the articles' metadata"
    return f"{named:,}" + (f" ({missing:,} article{'s' * (missing != 1)} without one)" if missing else "")


def article_list(corpus: Corpus, *, limit: int = 40) -> tuple[pd.DataFrame, str]:
    """The articles to list: all of them up to ``limit``, else an even sample in date order.

    Returns:
        The table and a caption saying how many are shown.
    """
    a = corpus.articles
    shown = a if len(a) <= limit else a.iloc[np.linspace(0, len(a) - 1, limit).round().astype(int)]
    table = shown.assign(published=shown["published"].map(lambda d: "" if pd.isna(d) else str(pd.Timestamp(d).date())))
    kept = [c for c in ("published", "outlet") if (table[c].astype(str).str.len() > 0).any() and table[c].notna().any()]
    table = table[[*kept, "title", "words", "sentences"]].rename(
        columns={"published": "Published", "outlet": "Outlet", "title": "Title", "words": "Body words", "sentences": "Sentences"}
    )
    caption = f"All {len(a):,} articles" if len(a) <= limit else f"{limit} of {len(a):,} articles, evenly spaced in order of date (where given), outlet and title; every article is in articles.csv"
    return table.fillna(""), caption
