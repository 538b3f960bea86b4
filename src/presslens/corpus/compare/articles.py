"""The corpus at a glance: a table of facts and the list of articles (an even sample when there are many), with each one's language."""

from __future__ import annotations

import numpy as np
import pandas as pd

from presslens.corpus.compare.corpus import Corpus
from presslens.languages import language_name


def overview(corpus: Corpus) -> pd.DataFrame:
    """The corpus in one table of facts: articles, outlets, dates, words and the store's size."""
    a = corpus.articles
    dated = a["published"].dropna()
    parts = len(list((corpus.store / "articles").glob("part-*.parquet")))
    rows = [
        ("Articles", f"{len(a):,}"),
        ("Outlets", _outlets_fact(a)),
        ("Languages", _languages_fact(a)),
        ("Dated articles", f"{len(dated):,}" + (f", {pd.Timestamp(dated.min()).date()} to {pd.Timestamp(dated.max()).date()}" if len(dated) else "")),
        ("Body words", f"{int(a['words'].sum()):,} (median {int(a['words'].median()):,} per article)"),
        ("Body sentences", f"{int(a['sentences'].sum()):,}"),
        ("Store", f"{corpus.store.name} ({parts:,} Parquet part{'s' * (parts != 1)} per table)"),
    ]
    return pd.DataFrame(rows, columns=["Corpus", "Value"])


def _languages_fact(articles: pd.DataFrame) -> str:
    counts = articles["language"].map(lambda c: language_name(c) if isinstance(c, str) else "unknown").value_counts()
    return "; ".join(f"{name} {count:,}" for name, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


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
    table = shown.assign(published=shown["published"].map(lambda d: "" if pd.isna(d) else str(pd.Timestamp(d).date())),
                         language=shown["language"].map(lambda c: language_name(c) if isinstance(c, str) else None))
    kept = [c for c in ("published", "outlet") if (table[c].astype(str).str.len() > 0).any() and table[c].notna().any()]
    language = ["language"] if table["language"].notna().any() else []
    table = table[[*kept, *language, "title", "words", "sentences"]].rename(
        columns={"published": "Published", "outlet": "Outlet", "language": "Language", "title": "Title",
                 "words": "Body words", "sentences": "Sentences"}
    )
    caption = f"All {len(a):,} articles" if len(a) <= limit else f"{limit} of {len(a):,} articles, evenly spaced in order of date (where given), outlet and title; every article is in articles.csv"
    return table.fillna(""), caption
