"""The comparison report by language, and what it shows: per-language tables checked against the
per-article tables they pool, the "By language" section drawn only for two or more languages, a
table of contents, readable headers and fully labelled heatmaps (issues 14 and 16).

The corpus is the sample articles with the language of some set in their front matter (the text
stays English, so the lexicons find something in every language until per-language lexicons land).
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from presslens.corpus import compare
from presslens.corpus.compare import languages
from presslens.paths import PROJ_ROOT, RAW_DIR
from presslens.report import compare as compare_html
from presslens.report.charts import compare as charts
from presslens.report.notebook import FigureView, Table, show_figure

SAMPLES = RAW_DIR / "samples"
NOTEBOOK = PROJ_ROOT / "notebooks" / "compare_report.ipynb"
#: Sample file -> the language its front matter is given in the test corpus.
RELABELLED = {"capital-wire-sanctions.md": "de", "eastern-monitor-peace-talks.md": "de", "harbour-times-energy-grid.md": "pl"}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> compare.Corpus:
    folder = tmp_path_factory.mktemp("mixed")
    for path in SAMPLES.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        if path.name in RELABELLED:
            assert "\nlanguage: en\n" in text
            text = text.replace("\nlanguage: en\n", f"\nlanguage: {RELABELLED[path.name]}\n")
        (folder / path.name).write_text(text, encoding="utf-8")
    return compare.load_corpus(folder.parent / "store", inputs=[str(folder)])


@pytest.fixture(scope="module")
def comparison(mixed: compare.Corpus) -> compare.Comparison:
    return compare.compare_corpus(mixed)


def test_language_table(comparison: compare.Comparison) -> None:
    table = comparison.tables["languages"]
    assert table[["language", "articles"]].values.tolist() == [["de", 2], ["en", 2], ["pl", 1]], "most articles first, then by code"
    assert table["language_name"].tolist() == ["German (de)", "English (en)", "pl"]
    assert table["lexicons"].tolist() == [True, True, False]  # German has lexicons now; Polish none
    articles = comparison.corpus.articles
    for row in table.itertuples():
        own = articles[articles["language"] == row.language]
        assert (row.words, row.sentences) == (own["words"].sum(), own["sentences"].sum())
    assert comparison.by_language
    assert comparison.language_note.startswith("The 5 articles are in 3 languages (German (de): 2 articles; English (en): 2 articles; pl: 1 article).")
    assert "the articles in pl were measured with them" in comparison.language_note
    assert "read their rows as not measured, not as zero" in comparison.language_note and "not measured, not as zero" in comparison.language_note


def test_topics_by_language_pool_the_articles(comparison: compare.Comparison) -> None:
    table = comparison.tables["topics_by_language"]
    emphasis = comparison.tables["topic_emphasis"].merge(comparison.corpus.articles[["article_id", "language"]], on="article_id")
    topics = emphasis["topic"].nunique()
    assert len(table) == 3 * topics and not table.duplicated(["language", "topic"]).any()
    expected = emphasis.groupby(["language", "topic"])["weighted_share"].agg(["mean", "median", "size"])
    for row in table.itertuples():
        mean, median, size = expected.loc[(row.language, row.topic)]
        assert row.mean_weighted_share == pytest.approx(mean) and row.median_weighted_share == pytest.approx(median)
        assert row.articles == size and 0 <= row.articles_mentioning <= size
    assert table["language"].drop_duplicates().tolist() == ["de", "en", "pl"]


def test_stakeholders_by_language_are_shares_of_each_language(comparison: compare.Comparison, mixed: compare.Corpus) -> None:
    table = comparison.tables["stakeholders_by_language"]
    stored = mixed.sql("SELECT s.stakeholder, s.mentions, a.language FROM stakeholders s JOIN articles a USING (article_id)")
    totals = stored.groupby("language")["mentions"].sum()
    by_pair = stored.groupby(["language", "stakeholder"])["mentions"].sum()
    assert table.groupby("language").size().unique().tolist() == [15], "every language has a row for each leading stakeholder"
    for row in table.itertuples():
        mentions = int(by_pair.get((row.language, row.stakeholder), 0))
        assert row.mentions == mentions and row.share == pytest.approx(mentions / totals[row.language])
    assert (table.groupby("language")["share"].sum() <= 1 + 1e-9).all()
    # each language's most named stakeholder is among the leading ones, even when the corpus's total would rank it lower
    for language, part in by_pair.groupby(level=0):
        assert part.idxmax()[1] in set(table["stakeholder"]), language


def test_claims_by_language_pool_sentences(comparison: compare.Comparison) -> None:
    table = comparison.tables["claims_by_language"]
    profiles = comparison.tables["claim_profiles"].merge(comparison.corpus.articles[["label", "language"]], on="label")
    assert table["flag"].tolist() == ["attributed", "anonymous_source", "speculative", "prescriptive"] * 3
    for row in table.itertuples():
        own = profiles[profiles["language"] == row.language]
        flagged = (own[row.flag] * own["sentences"]).round().sum()
        assert row.sentences == own["sentences"].sum() and row.flagged == flagged
        assert row.share == pytest.approx(flagged / own["sentences"].sum())
        assert row.median_article_share == pytest.approx(own[row.flag].median())


def test_by_language_csvs_are_saved(comparison: compare.Comparison, tmp_path: Path) -> None:
    written = {p.stem for p in comparison.save(tmp_path)}
    assert {"languages", "topics_by_language", "stakeholders_by_language", "claims_by_language"} <= written
    assert pd.read_csv(tmp_path / "claims_by_language.csv").shape == comparison.tables["claims_by_language"].shape
    assert "language" in pd.read_csv(tmp_path / "articles.csv").columns


def test_article_list_and_overview_name_the_language(comparison: compare.Comparison) -> None:
    table = comparison.shown["article_list"]
    assert "Language" in table.columns and set(table["Language"]) == {"German", "English", "pl"}
    facts = dict(zip(*comparison.shown["overview"].T.values))
    assert facts["Languages"] == "English 2; German 2; pl 1", "most articles first, then by name"


def test_language_charts_one_row_per_language(comparison: compare.Comparison) -> None:
    topics = charts.language_topic_heatmap(comparison.tables["topics_by_language"])
    assert list(topics.data[0].y) == ["German (de), 2 articles", "English (en), 2 articles", "pl, 1 article"]
    german = comparison.tables["topics_by_language"].query("language == 'de'").set_index("topic_label")["mean_weighted_share"]
    assert list(topics.data[0].z[0]) == pytest.approx(german.reindex(list(topics.data[0].x)).tolist())
    stakeholders = charts.language_stakeholder_heatmap(comparison.tables["stakeholders_by_language"])
    assert len(stakeholders.data[0].x) == 15 and len(stakeholders.data[0].y) == 3
    claims = charts.language_claim_heatmap(comparison.tables["claims_by_language"])
    assert list(claims.data[0].x) == ["Attributed", "Anonymous source", "Speculative", "Prescriptive"]


def test_one_language_says_so_and_draws_no_language_chart(tmp_path: Path) -> None:
    corpus = compare.load_corpus(tmp_path / "store", inputs=[str(SAMPLES)])
    comparison = compare.compare_corpus(corpus)
    assert not comparison.by_language
    assert comparison.language_note.startswith("All 5 articles are in English (en), so there is nothing to compare by language")
    html = str(compare_html.language_html(comparison))
    assert "nothing to compare by language" in html and "<table" not in html
    figure = charts.language_topic_heatmap(comparison.tables["topics_by_language"])
    assert show_figure(figure, when=comparison.by_language) is None
    assert isinstance(show_figure(figure), FigureView)


def test_unknown_language_label() -> None:
    assert languages.language_label(languages.UNKNOWN_LANGUAGE) == "Unknown"
    assert languages.language_label("uk") == "Ukrainian (uk)" and languages.language_label("it") == "it"


def test_language_html_is_escaped(comparison: compare.Comparison) -> None:
    html = str(compare_html.language_html(comparison))
    assert "<caption>Articles by language</caption>" in html and "German (de)" in html
    comparison_copy = compare.Comparison(corpus=comparison.corpus, tables=comparison.tables, language_note="a <b> & c", by_language=False)
    assert '<p class="pl-note">a &lt;b&gt; &amp; c</p>' in str(compare_html.language_html(comparison_copy))


# -- the compare notebook as a reader sees it (issue 14) ----------------------------------


def _cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def test_compare_notebook_has_a_table_of_contents() -> None:
    cells = _cells()
    headings = [m.group(1) for c in cells if c["cell_type"] == "markdown"
                for m in re.finditer(r"^## (.+)$", "".join(c["source"]), flags=re.M)]
    assert "By language" in headings and len(headings) >= 7
    toc = [c for c in cells if c["cell_type"] == "markdown" and 'class="pl-toc"' in "".join(c["source"])]
    assert len(toc) == 1, "one table of contents"
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', "".join(toc[0]["source"]))
    # nbconvert gives a heading the anchor of its text with spaces as hyphens
    assert links == [(h.replace(" ", "-"), h) for h in headings], "the contents list every section, in order, by its anchor"
    first_section = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## "))
    assert cells.index(toc[0]) < first_section, "the contents come before the first section"


def _run_notebook(namespace: dict) -> list[object]:
    """Run the notebook's code cells in this process (parameters from ``namespace``); the value each cell shows."""
    shown = []
    for cell in _cells():
        if cell["cell_type"] != "code" or "parameters" in cell["metadata"].get("tags", []):
            continue
        tree = ast.parse("".join(cell["source"]))
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, "<cell>", "exec"), namespace)
        if last is not None:
            shown.append(eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace))
    return shown


@pytest.fixture(scope="module")
def shown_objects(mixed: compare.Corpus) -> list[object]:
    return _run_notebook({"store": str(mixed.store), "inputs": [], "max_rows": 40, "output_dir": ""})


def test_every_shown_table_has_readable_headers(shown_objects: list[object]) -> None:
    tables = [o for o in shown_objects if isinstance(o, Table)]
    assert len(tables) >= 6
    for table in tables:
        raw = [c for c in table.data.columns if "_" in str(c) or str(c) != str(c).strip()]
        assert raw == [], f"{table.caption}: raw column names {raw}"


def test_every_heatmap_labels_every_column_and_row(shown_objects: list[object]) -> None:
    figures = [o.figure for o in shown_objects if isinstance(o, FigureView)]
    heatmaps = [f for f in figures if f.data and isinstance(f.data[0], go.Heatmap)]
    assert len(heatmaps) == 7, "four heatmaps of articles, three of languages"
    for fig in heatmaps:
        columns, rows = list(fig.data[0].x), list(fig.data[0].y)
        axis = fig.layout.xaxis
        every = axis.dtick == 1 or (axis.tickmode == "array" and list(axis.tickvals) == columns)
        assert every, f"{fig.layout.title.text}: not every one of the {len(columns)} columns is labelled"
        ticktext = fig.layout.yaxis.ticktext or rows
        lines = max(str(t).count("<br>") + 1 for t in ticktext)
        assert (fig.layout.height - 250) / len(rows) >= 13 * lines + 6, f"{fig.layout.title.text}: row labels of {lines} lines overlap"


def test_single_language_notebook_shows_no_language_chart(tmp_path: Path) -> None:
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    shown = _run_notebook({"store": "", "inputs": [str(folder)], "max_rows": 40, "output_dir": ""})
    titles = [o.figure.layout.title.text for o in shown if isinstance(o, FigureView)]
    assert not any("language" in (t or "") for t in titles)
    assert any("nothing to compare by language" in str(getattr(o, "data", "")) for o in shown)


def test_wide_heatmaps_scroll_in_their_own_box_on_a_phone(comparison: compare.Comparison) -> None:
    from presslens.report.notebook import chart_min_width

    wide = charts.language_stakeholder_heatmap(comparison.tables["stakeholders_by_language"])
    assert chart_min_width(wide) == 260 + 36 * 15
    html = FigureView(wide)._repr_mimebundle_()["text/html"]
    assert html.startswith('<div class="pl-chart-wide" style="--pl-min-width: 800px">') and "plotly-graph-div" in html
    bars = charts.shared_wording_bars(comparison.shown["shared_share"])
    assert chart_min_width(bars) is None and "pl-chart-wide" not in FigureView(bars)._repr_mimebundle_()["text/html"]
