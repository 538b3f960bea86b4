"""The comparison report: tables from the corpus store, shared wording, time units, charts
that cap their rows, and ``presslens compare`` end to end on the sample articles.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from presslens.corpus import compare, neardup
from presslens.corpus.compare import articles, claims, stakeholders, tables, timeline, topics, wording
from presslens.report import compare as compare_html
from presslens.report.charts import compare as charts
from presslens.cli import main
from presslens.paths import DEFAULT_ARTICLE, RAW_DIR

SAMPLES = RAW_DIR / "samples"
WIRE = "NATO foreign ministers agreed on Thursday to speed up deliveries of air"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> compare.Corpus:
    store = tmp_path_factory.mktemp("compare") / "store"
    return compare.load_corpus(store, inputs=[str(DEFAULT_ARTICLE), str(SAMPLES)])


def test_articles_and_labels(corpus: compare.Corpus) -> None:
    assert corpus.size == 6
    assert corpus.articles["label"].is_unique
    assert "Northern Ledger: NATO ministers promise faster air defence…" in set(corpus.articles["label"]), "cut to 60 characters"
    facts = dict(zip(*articles.overview(corpus).T.values))
    assert facts["Articles"] == "6" and facts["Outlets"] == "4 (1 article without one)"
    assert facts["Dated articles"] == "5, 2025-03-06 to 2025-04-02"
    table, caption = articles.article_list(corpus, limit=3)
    assert len(table) == 3 and caption.startswith("3 of 6 articles")


def test_labels_stay_unique() -> None:
    articles = pd.DataFrame({"article_id": ["a" * 16, "b" * 16, "c" * 16], "slug": ["x", "y", "y"],
                             "outlet": ["Wire", "Wire", "Wire"], "title": ["Same", "Same", "Same"]})
    assert compare.article_labels(articles).is_unique


def test_emphasis_against_the_median(corpus: compare.Corpus) -> None:
    emphasis = topics.topic_emphasis(corpus)
    assert len(emphasis) == corpus.size * emphasis["topic"].nunique()
    medians = emphasis.groupby("topic")["weighted_share"].median()
    assert emphasis["median"].to_numpy() == pytest.approx(emphasis["topic"].map(medians).to_numpy())
    assert emphasis["deviation"].to_numpy() == pytest.approx((emphasis["weighted_share"] - emphasis["median"]).to_numpy())
    extremes = topics.emphasis_extremes(emphasis, limit=2, words=corpus.words)
    assert len(extremes) == 2
    sanctions = emphasis[emphasis["label"].str.startswith("Capital Wire")].set_index("topic")["deviation"]
    assert sanctions["sanctions"] > 0, "the sanctions story gives sanctions more weight than the median article"


def test_stakeholders_named_by_one_outlet(corpus: compare.Corpus) -> None:
    exclusive, caption = stakeholders.exclusive_stakeholders(corpus, limit=50)
    by = exclusive.set_index("Stakeholder")["Named only by (outlet)"]
    assert by["Sergei Lavrov"] == "Capital Wire"
    assert "Vladimir Putin" not in by.index, "Putin is named by two outlets"
    assert "named by only one outlet" in caption
    shares = stakeholders.stakeholder_shares(corpus, top=5)
    assert len(shares) == corpus.size * 5
    assert shares.groupby("label")["share"].sum().max() <= 1 + 1e-9


def test_claim_profiles(corpus: compare.Corpus) -> None:
    profiles = claims.claim_profiles(corpus)
    assert len(profiles) == corpus.size
    assert profiles[list(claims.CLAIM_FLAGS)].stack().between(0, 1).all()
    assert list(claims.claim_summary(profiles)["Category"]) == list(claims.CLAIM_FLAGS.values())


def test_shared_wording_finds_the_wire_sentence(corpus: compare.Corpus) -> None:
    members, note = wording.shared_sentences(corpus)
    assert "70%" in note
    wire = members[members["text"].str.startswith(WIRE)]
    assert wire["group"].nunique() == 1 and wire["article_id"].nunique() == 3, "two copies word for word, one with 'air defence'"
    assert (wire["similarity"] >= wording.SHARED_WORDING_THRESHOLD).all()
    groups, caption = wording.shared_wording_groups(members)
    assert groups.iloc[0]["Articles"] == 3 and caption.startswith("1 group")
    # shingles split hyphenated words, so "air-defence" and "air defence" are the same wording (Jaccard 1)
    strict, _ = wording.shared_sentences(corpus, threshold=1.0)
    assert strict[strict["text"].str.startswith(WIRE)]["article_id"].nunique() == 3
    assert wire["text"].nunique() == 2


def test_shared_wording_leaves_out_loose_paraphrase() -> None:
    a = "The ministers agreed on Thursday to speed up deliveries of air defence systems to Ukraine after the meeting."
    b = "On Thursday the ministers said they would consider sending more weapons to Ukraine in the coming months."
    assert neardup.jaccard(neardup.shingles(a), neardup.shingles(b)) < wording.SHARED_WORDING_THRESHOLD


def test_time_units() -> None:
    days = pd.Series(pd.to_datetime(["2025-03-01", "2025-03-20"]))
    assert timeline.time_unit(days) == "day"
    assert timeline.time_unit(pd.Series(pd.to_datetime(["2025-01-01", "2025-06-01"]))) == "week"
    assert timeline.time_unit(pd.Series(pd.to_datetime(["2023-01-01", "2025-06-01"]))) == "month"
    assert timeline.time_unit(pd.Series([None, pd.Timestamp("2025-01-01")])) is None


def test_time_series(corpus: compare.Corpus) -> None:
    series, unit = timeline.emphasis_over_time(corpus, topics=3)
    assert unit == "day" and series["topic"].nunique() == 3
    assert series.groupby("period")["articles"].first().sum() == 5, "the undated seed is left out"
    mentions, unit = timeline.mentions_over_time(corpus, stakeholders=2)
    assert set(mentions.columns) >= {"period", "name", "mentions_per_article"} and mentions["name"].nunique() == 2


def test_charts_cap_their_rows(corpus: compare.Corpus) -> None:
    emphasis = topics.topic_emphasis(corpus)
    rows = topics.most_distinctive(emphasis, limit=4, words=corpus.words)
    fig = charts.emphasis_heatmap(emphasis, rows, max_rows=4)
    assert len(fig.data[0].y) == 4 and "4 of 6 articles" in fig.layout.title.text
    full = charts.deviation_heatmap(emphasis, topics.most_distinctive(emphasis, limit=10), max_rows=10)
    assert len(full.data[0].y) == 6 and "of" not in full.layout.title.text.split("share points")[1]
    empty = charts.emphasis_timeline(pd.DataFrame(columns=["period", "topic", "topic_label", "weighted_share", "articles"]), None)
    assert "fewer than two distinct publication dates" in empty.layout.annotations[0].text


def test_every_table_by_its_csv_name(corpus: compare.Corpus, tmp_path: Path) -> None:
    comparison = compare.compare_corpus(corpus, max_rows=4)
    assert tuple(comparison.tables) == tables.SAVED_TABLES
    assert comparison.tables["topic_emphasis"].equals(topics.topic_emphasis(corpus))
    for name, table in comparison.tables.items():
        assert isinstance(table, pd.DataFrame) and len(table), name
        if "article_id" in table and name != "articles":
            assert "label" in table, f"{name} names its articles by title, not only by hash"
    assert len(comparison.ranked["topics"]) == 4 and set(comparison.ranked["claims"]) <= set(corpus.articles["label"])
    written = comparison.save(tmp_path / "csv")
    assert sorted(p.stem for p in written) == sorted(tables.SAVED_TABLES)
    assert pd.read_csv(tmp_path / "csv" / "claim_profiles.csv").shape == comparison.tables["claim_profiles"].shape
    assert comparison.save("") == []


def test_html_is_escaped_and_from_templates(corpus: compare.Corpus) -> None:
    assert str(compare_html.overview_html(corpus)) == (
        '<p class="pl-lead">6 articles from 4 outlets, analysed with the same engine as the single-article report.</p>'
    )
    assert str(compare_html.note_html("a <b> & c")) == '<p class="pl-note">a &lt;b&gt; &amp; c</p>'


def test_default_store_is_temporary_and_removed() -> None:
    from presslens.paths import PROCESSED_DIR

    before = sorted(PROCESSED_DIR.iterdir()) if PROCESSED_DIR.is_dir() else []
    opened = compare.load_corpus("", inputs=[str(SAMPLES)])
    store = opened.store
    assert store.is_dir() and PROCESSED_DIR not in store.parents and opened.size == 5
    opened.con.close()
    del opened
    import gc

    gc.collect()
    assert not store.exists(), "the temporary store goes with the corpus object"
    assert (sorted(PROCESSED_DIR.iterdir()) if PROCESSED_DIR.is_dir() else []) == before


def test_corpus_layer_never_imports_the_report_layer() -> None:
    import ast

    import presslens.corpus

    for path in Path(presslens.corpus.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.startswith(("presslens.report", "presslens.cli")) for n in names), path


@pytest.mark.slow
def test_compare_command_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLES, inputs)
    (inputs / "hostile.md").write_text(
        "---\ntitle: <script>alert(1)</script> Talks\noutlet: Example <b>Wire</b>\npublished: 2025-03-10\n---\n\n"
        "Officials from Ukraine and Poland met in Warsaw on Monday, a spokesman said.\n", encoding="utf-8",
    )
    out = tmp_path / "reports"
    code = main(["compare", str(inputs), "--name", "samples", "--store", str(tmp_path / "store"), "--out", str(out), "--format", "html", "--workers", "1"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    folder = out / "compare-samples"
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert captured.out.strip() == str(folder / "report.html")
    assert len(re.findall(r"\* plotly\.js [^\n]*v\d", html)) == 1, "plotly.js embedded once"
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert len(html) < 6_000_000
    for name in ("articles", "topic_emphasis", "stakeholder_shares", "claim_profiles", "shared_wording", "emphasis_over_time"):
        assert (folder / f"{name}.csv").stat().st_size > 0, name
    assert sorted(p.name for p in out.iterdir()) == ["compare-samples"]
    # a store given as PATH is used as it is
    assert main(["compare", str(tmp_path / "store"), "--out", str(out), "--format", "html"]) == 0
    assert (out / "compare-store" / "report.html").is_file()
