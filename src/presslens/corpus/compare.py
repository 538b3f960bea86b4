"""Comparing articles: the tables behind the comparison report, computed from a corpus store.

Every function takes a :class:`Corpus` (a store opened with DuckDB) and returns a pandas
table small enough to show or chart: aggregates are computed in SQL over the Parquet
parts, and anything with one row per article is ranked and cut (``limit``) by the
caller's choice, so the same calls work for 2 articles and for 100,000. The shared
wording search (:func:`shared_wording`) finds sentences that several articles carry
verbatim or nearly so (wire copy, press releases): equal normalised sentences, plus
MinHash with banding over word 3-shingles, each candidate pair confirmed by its exact
Jaccard similarity (at least :data:`SHARED_WORDING_THRESHOLD`).
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from presslens.errors import PresslensError

#: Jaccard similarity of word 3-shingles above which two sentences count as the same wording.
#: 0.7 keeps sentences that differ by a word or two in 25 (a changed day, "said" for
#: "told reporters") and leaves out sentences that only share a stock phrase.
SHARED_WORDING_THRESHOLD = 0.7
#: Sentences shorter than this (in words) are left out of the shared wording search:
#: "He declined to comment." is shared by chance, not by copying.
SHARED_WORDING_MIN_WORDS = 8
#: Beyond this many sentences only exact (normalised) repeats are searched, to bound memory and time.
SHARED_WORDING_MAX_SENTENCES = 400_000

CLAIM_CATEGORIES = {
    "attributed": "Attributed",
    "anonymous_source": "Anonymous source",
    "speculative": "Speculative",
    "prescriptive": "Prescriptive",
}

_MINHASH_PERMUTATIONS = 64
_MINHASH_BANDS = 16  # 16 bands of 4 rows: a pair with Jaccard 0.7 becomes a candidate with probability 0.99
_MERSENNE = (1 << 31) - 1
_TOKEN_RE = re.compile(r"[^\W_]+")


@dataclass
class Corpus:
    """A store opened for comparison.

    Attributes:
        store: The store folder.
        con: A DuckDB connection with the store's views (see :func:`presslens.corpus.connect`).
        articles: One row per article: ``article_id``, ``label`` (outlet and short title,
            unique), ``title``, ``outlet``, ``published``, ``words``, ``sentences``.
    """

    store: Path
    con: Any
    articles: pd.DataFrame

    @property
    def words(self) -> pd.Series:
        """Body words by article label (for ranking which articles a chart shows)."""
        return self.articles.set_index("label")["words"]

    @property
    def size(self) -> int:
        """Number of articles."""
        return len(self.articles)

    def sql(self, query: str, params: Sequence[Any] | None = None) -> pd.DataFrame:
        """Run SQL on the store and return a DataFrame."""
        return self.con.execute(query, params or []).df()


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def article_labels(articles: pd.DataFrame, *, limit: int = 60) -> pd.Series:
    """A short, unique label per article: ``Outlet: title`` (or the title), cut to ``limit`` characters.

    Labels that would repeat get the article's slug in brackets.
    """
    base = [
        _short(f"{o}: {t}" if isinstance(o, str) and o else str(t), limit)
        for o, t in zip(articles["outlet"], articles["title"])
    ]
    labels = pd.Series(base, index=articles.index)
    repeated = labels.duplicated(keep=False)
    labels[repeated] = [f"{b} ({s})" for b, s in zip(labels[repeated], articles.loc[repeated, "slug"])]
    repeated = labels.duplicated(keep=False)
    labels[repeated] = [f"{b} [{i[:6]}]" for b, i in zip(labels[repeated], articles.loc[repeated, "article_id"])]
    return labels


def load_corpus(store: str | Path, *, inputs: Sequence[str | Path] = ()) -> Corpus:
    """Open a store for comparison, building or updating it from ``inputs`` first when given.

    Args:
        store: The store folder (or a corpus name under ``data/processed/``).
        inputs: Article files, folders or globs; new or changed articles are analysed into
            the store (in this process). Empty: use the store as it is.

    Raises:
        PresslensError: If the store does not exist and no inputs are given, if an input
            fails, or if the store holds no articles.
    """
    from presslens.corpus import build_store, connect
    from presslens.corpus.store import resolve_store
    from presslens.paths import resolve_path

    if inputs:
        path = resolve_path(store)
        summary = build_store([resolve_path(i) for i in inputs], path, workers=1, progress=False)
        if summary.failed:
            raise PresslensError(summary.failed[0].source, f"{summary.failed[0].problem} ({len(summary.failed)} input(s) failed)")
    path = resolve_store(store)
    con = connect(path)
    articles = con.execute(
        "SELECT article_id, slug, title, outlet, published, words, sentences FROM articles ORDER BY published NULLS LAST, outlet, title"
    ).df()
    if articles.empty:
        raise PresslensError(path, "holds no articles")
    articles.insert(1, "label", article_labels(articles))
    articles["published"] = articles["published"].map(lambda d: None if pd.isna(d) else pd.Timestamp(d).date())
    con.register("article_labels", articles[["article_id", "label"]])
    return Corpus(store=path, con=con, articles=articles.reset_index(drop=True))


# -- overview -------------------------------------------------------------------------------


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


# -- topics -------------------------------------------------------------------------------


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


#: Articles shorter than this (body words) are ranked after all others when charts must
#: choose which articles to show: a 12-word item is "distinctive" by accident.
RANKING_MIN_WORDS = 100


def _rank(distance: pd.Series, corpus_words: pd.Series, limit: int) -> list[str]:
    table = pd.DataFrame({"distance": distance, "long": corpus_words.reindex(distance.index).fillna(0) >= RANKING_MIN_WORDS})
    return table.sort_values(["long", "distance"], ascending=False, kind="stable").head(limit).index.tolist()


def most_distinctive(emphasis: pd.DataFrame, *, limit: int, words: pd.Series | None = None) -> list[str]:
    """Article labels ranked by how far their topic profile is from the corpus median (sum of |deviation|).

    Args:
        emphasis: :func:`topic_emphasis`.
        limit: How many labels to return.
        words: Body words by label (``corpus.articles.set_index("label")["words"]``);
            when given, articles under :data:`RANKING_MIN_WORDS` words come last.
    """
    distance = emphasis.assign(d=emphasis["deviation"].abs()).groupby("label")["d"].sum()
    if words is None:
        return distance.sort_values(ascending=False, kind="stable").head(limit).index.tolist()
    return _rank(distance, words, limit)


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


# -- stakeholders ---------------------------------------------------------------------------


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


def articles_by_total(table: pd.DataFrame, value: str, *, limit: int) -> list[str]:
    """Article labels with the largest sum of ``value`` (e.g. mentions) first, at most ``limit``."""
    totals = table.groupby("label")[value].sum()
    return totals.sort_values(ascending=False, kind="stable").head(limit).index.tolist()


# -- claims ----------------------------------------------------------------------------------


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

    With ``words`` (body words by label), articles under :data:`RANKING_MIN_WORDS` words come last.
    """
    shares = profiles.set_index("label")[list(CLAIM_CATEGORIES)]
    distance = (shares - shares.median()).abs().sum(axis=1)
    if words is None:
        return distance.sort_values(ascending=False, kind="stable").head(limit).index.tolist()
    return _rank(distance, words, limit)


def note_html(note: str) -> str:
    """A method note as an escaped HTML paragraph."""
    return f'<p class="pl-note">{html.escape(note)}</p>'


def claim_summary(profiles: pd.DataFrame) -> pd.DataFrame:
    """The corpus's claim profile: median and quartiles of each category's share across articles."""
    rows = []
    for column, name in CLAIM_CATEGORIES.items():
        values = profiles[column]
        rows.append({"Category": name, "Median share": values.median(), "Lower quartile": values.quantile(0.25),
                     "Upper quartile": values.quantile(0.75), "Articles with none": int((values == 0).sum())})
    table = pd.DataFrame(rows)
    for column in ("Median share", "Lower quartile", "Upper quartile"):
        table[column] = table[column].map(lambda v: f"{v:.0%}")
    return table


# -- shared wording --------------------------------------------------------------------------


def _shingles(text: str) -> set[int]:
    from presslens.corpus.tables import normalised_sentence

    words = _TOKEN_RE.findall(normalised_sentence(text))  # hyphens and apostrophes split: "air-defence" = "air defence"
    return {zlib.crc32(" ".join(words[i : i + 3]).encode()) for i in range(max(1, len(words) - 2))}


def _minhash(shingle_sets: list[set[int]], seed: int = 8) -> np.ndarray:
    """A (sentences × permutations) MinHash signature matrix, computed in blocks."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, _MERSENNE, _MINHASH_PERMUTATIONS, dtype=np.int64)
    b = rng.integers(0, _MERSENNE, _MINHASH_PERMUTATIONS, dtype=np.int64)
    out = np.empty((len(shingle_sets), _MINHASH_PERMUTATIONS), dtype=np.int64)
    block = 4000
    for start in range(0, len(shingle_sets), block):
        sets = shingle_sets[start : start + block]
        lengths = np.array([len(s) for s in sets])
        values = np.fromiter((v % _MERSENNE for s in sets for v in s), dtype=np.int64, count=int(lengths.sum()))
        hashed = (values[:, None] * a[None, :] + b[None, :]) % _MERSENNE
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        out[start : start + len(sets)] = np.minimum.reduceat(hashed, offsets, axis=0)
    return out


def _union_find(n: int, pairs: list[tuple[int, int]]) -> np.ndarray:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    return np.array([find(i) for i in range(n)])


def shared_sentences(
    corpus: Corpus,
    *,
    threshold: float = SHARED_WORDING_THRESHOLD,
    min_words: int = SHARED_WORDING_MIN_WORDS,
    max_sentences: int = SHARED_WORDING_MAX_SENTENCES,
) -> tuple[pd.DataFrame, str]:
    """Groups of sentences that two or more articles share verbatim or nearly so.

    Exact repeats (equal ``text_hash``) are grouped in SQL. Near repeats: each body
    sentence of at least ``min_words`` words becomes a set of word 3-shingles; MinHash
    (64 permutations, 16 bands of 4) proposes pairs from different articles, and a pair
    is kept when the exact Jaccard similarity of the shingle sets is at least
    ``threshold``. Groups are the connected pairs (so a chain of near repeats forms one
    group). With more than ``max_sentences`` candidate sentences only exact repeats are searched.

    Returns:
        One row per sentence in a shared group (``group``, ``article_id``, ``label``,
        ``sentence``, ``text``, ``similarity`` to the group's first sentence) and a note
        on the method used.
    """
    base = """SELECT s.article_id, l.label, s.sentence, s.text, s.text_hash FROM sentences s
              JOIN article_labels l USING (article_id)
              WHERE s.kind IN ('sentence', 'list_item') AND s.words >= ?"""
    count = int(corpus.sql(f"SELECT count(*) AS n FROM ({base})", [min_words])["n"].iloc[0])
    near = count <= max_sentences
    if near:
        rows = corpus.sql(base + " ORDER BY s.article_id, s.start", [min_words])
    else:
        rows = corpus.sql(
            f"""WITH r AS ({base}) SELECT * FROM r WHERE text_hash IN
                (SELECT text_hash FROM r GROUP BY text_hash HAVING count(DISTINCT article_id) >= 2)
                ORDER BY article_id, sentence""",
            [min_words],
        )
    columns = ["group", "article_id", "label", "sentence", "text", "similarity"]
    if rows.empty:
        return pd.DataFrame(columns=columns), _wording_note(near, count, threshold, min_words)
    # every sentence joins the first sentence with the same normalised text; near repeats
    # are then searched among those first sentences only (one per distinct text)
    pairs: set[tuple[int, int]] = set()
    representative = rows.groupby("text_hash").indices
    reps = np.array(sorted(int(index[0]) for index in representative.values()))
    for index in representative.values():
        pairs.update((int(index[0]), int(j)) for j in index[1:])
    shingles: dict[int, set[int]] = {}
    if near and len(reps) > 1:
        shingles = {int(i): _shingles(rows["text"].iat[int(i)]) for i in reps}
        signatures = _minhash([shingles[int(i)] for i in reps])
        rows_per_band = _MINHASH_PERMUTATIONS // _MINHASH_BANDS
        for band in range(_MINHASH_BANDS):
            keys = signatures[:, band * rows_per_band : (band + 1) * rows_per_band]
            keyed = pd.Series(range(len(reps))).groupby([keys[:, k] for k in range(rows_per_band)]).indices
            for bucket in keyed.values():
                if len(bucket) < 2:
                    continue
                members_ = [int(reps[b]) for b in bucket[:200]]  # a huge bucket is boilerplate; 200 are enough to group it
                for x in range(len(members_)):
                    for y in range(x + 1, len(members_)):
                        i, j = members_[x], members_[y]
                        if (i, j) in pairs:
                            continue
                        union = len(shingles[i] | shingles[j])
                        if union and len(shingles[i] & shingles[j]) / union >= threshold:
                            pairs.add((i, j))
    if not pairs:
        return pd.DataFrame(columns=columns), _wording_note(near, count, threshold, min_words)
    groups = _union_find(len(rows), sorted(pairs))
    rows = rows.assign(root=groups)
    members = rows[rows["root"].map(rows["root"].value_counts()) > 1]
    members = members[members.groupby("root")["article_id"].transform("nunique") > 1]
    lead = {root: int(index[0]) for root, index in members.groupby("root").indices.items()}
    lead = {root: int(members.index[position]) for root, position in lead.items()}
    similarity = []
    for i, root in zip(members.index, members["root"]):
        j = lead[root]
        if near and i != j and rows["text_hash"].iat[int(i)] != rows["text_hash"].iat[int(j)]:
            a = shingles.get(int(i)) or _shingles(rows["text"].iat[int(i)])
            b = shingles.get(int(j)) or _shingles(rows["text"].iat[int(j)])
            union = len(a | b)
            similarity.append(round(len(a & b) / union, 3) if union else 1.0)
        else:
            similarity.append(1.0)
    members = members.assign(similarity=similarity)
    order = members.groupby("root")["article_id"].transform("nunique").rank(method="dense", ascending=False)
    members = members.assign(_n=order).sort_values(["_n", "root", "article_id", "sentence"])
    members["group"] = pd.factorize(members["root"])[0] + 1
    return members[columns].reset_index(drop=True), _wording_note(near, count, threshold, min_words)


def _wording_note(near: bool, count: int, threshold: float, min_words: int) -> str:
    if near:
        return (
            f"Searched {count:,} body sentences of at least {min_words} words. Two sentences share wording when "
            f"they are equal after lower-casing and dropping punctuation, or when at least {threshold:.0%} of their "
            "word triples (3-shingles) are shared (Jaccard similarity; candidates found with MinHash, every pair checked exactly)."
        )
    return (
        f"The corpus has {count:,} body sentences of at least {min_words} words, more than the near-repeat search "
        "handles in a report; only sentences equal after lower-casing and dropping punctuation are grouped."
    )


def shared_wording_groups(members: pd.DataFrame, *, limit: int = 20) -> tuple[pd.DataFrame, str]:
    """One row per shared-wording group: how many articles carry it, an example sentence, and which articles.

    Returns:
        The largest ``limit`` groups and a caption.
    """
    if members.empty:
        return pd.DataFrame(columns=["Articles", "Sentence (first occurrence)", "Carried by", "Lowest similarity to the first"]), "No sentence is shared by two or more articles."
    rows = []
    for group, part in members.groupby("group", sort=True):
        labels = list(dict.fromkeys(part["label"]))
        carried = "; ".join(labels[:4]) + (f"; and {len(labels) - 4} more" if len(labels) > 4 else "")
        rows.append({"Articles": part["article_id"].nunique(), "Sentence (first occurrence)": part["text"].iloc[0],
                     "Carried by": carried, "Lowest similarity to the first": f"{part['similarity'].min():.0%}"})
    table = pd.DataFrame(rows)
    groups = len(table)
    caption = f"{groups:,} group{'s' * (groups != 1)} of shared sentences"
    if groups > limit:
        caption += f"; the {limit} carried by most articles shown (every sentence in shared_wording.csv)"
    return table.head(limit), caption


def shared_share(members: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Per article with shared wording: sentences shared with other articles, most first."""
    if members.empty:
        return pd.DataFrame(columns=["label", "shared_sentences", "sentences", "share"])
    counts = members.groupby("article_id").size().rename("shared_sentences")
    table = corpus.articles.set_index("article_id")[["label", "sentences"]].join(counts, how="inner")
    table["share"] = table["shared_sentences"] / table["sentences"]
    return table.sort_values(["shared_sentences", "label"], ascending=[False, True]).reset_index()[["label", "shared_sentences", "sentences", "share"]]


# -- time ------------------------------------------------------------------------------------


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


def overview_html(corpus: Corpus) -> str:
    """The report's opening line: what is compared, as escaped HTML."""
    a = corpus.articles
    outlets = a["outlet"].dropna().unique()
    named = f" from {len(outlets)} outlet{'s' * (len(outlets) != 1)}" if len(outlets) else ""
    return f'<p class="pl-lead">{html.escape(f"{len(a):,} articles{named}, analysed with the same engine as the single-article report.")}</p>'
