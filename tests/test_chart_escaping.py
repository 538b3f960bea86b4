"""No article text or metadata becomes markup in a chart (issue 15): hostile headings and outlets stay text."""

from __future__ import annotations

import json

import plotly.io as pio

from presslens.analysis import analyze_article, load_lexicons
from presslens.analysis.claims import claims_by_section
from presslens.analysis.structure import block_table
from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields
from presslens.report.charts import plain, words_by_section
from presslens.report.charts import claims as claim_charts
from presslens.report.charts import topics as topic_charts

LINK = '<a href="https://evil.example/x">Click</a>'


def test_plain_escapes_strings_anywhere():
    import numpy as np

    assert plain(LINK) == '&lt;a href="https://evil.example/x"&gt;Click&lt;/a&gt;'
    assert plain([LINK, 3]) == [plain(LINK), 3]
    assert plain(np.array([[LINK, "b"]], dtype=object))[0][0] == plain(LINK)


def test_a_hostile_heading_leaves_no_link_in_the_charts():
    text = (
        "NATO allies meet in The Hague\n\n"
        "NATO leaders met on Tuesday to discuss sanctions and air defence for Ukraine.\n\n"
        f"What Comes Next {LINK}\n\n"
        "Zelensky asked for more sanctions on Russian energy and more military aid.\n"
    )
    article = ingest_text(text, MetadataFields(source_path="memory.txt"))
    assert any(LINK in article.sentence_text(s) for s in article.headings)
    result = analyze_article(article, load_lexicons())
    figures = [
        words_by_section(block_table(article)),
        topic_charts.topic_section_heatmap(result.topics.by_section),
        claim_charts.claim_profile_by_section(claims_by_section(result.claims)),
    ]
    for fig in figures:
        spec = pio.to_json(fig)
        assert "<a " not in spec and "<a href" not in json.loads(spec).__repr__()
        assert "&lt;a href" in spec or "evil.example" not in spec


def test_csv_cells_that_spreadsheets_would_run_are_neutralised(tmp_path):
    import pandas as pd

    from presslens.report.notebook import save_table

    table = pd.DataFrame({"text": ["=HYPERLINK(\"http://evil.example\")", "+1 call", "@SUM(A1)", "-2 votes", "plain"],
                          "share": [0.1, -0.2, 0.3, 0.4, 0.5]})
    path = save_table(table, "sentences", tmp_path)
    back = pd.read_csv(path)
    assert list(back["text"]) == ["'=HYPERLINK(\"http://evil.example\")", "'+1 call", "'@SUM(A1)", "'-2 votes", "plain"]
    assert list(back["share"]) == [0.1, -0.2, 0.3, 0.4, 0.5]


def test_a_hostile_outlet_leaves_no_link_in_the_compare_charts(tmp_path):
    """Each chart of the compare report, built as the notebook builds it, from a store whose outlets are links."""
    from presslens.corpus.compare import compare_corpus, load_corpus
    from presslens.report.charts import compare as charts

    outlet = '<a href="https://evil.example/x">Outlet</a>'
    records = tmp_path / "records.jsonl"
    lines = [
        {"id": f"r{n}", "title": f"Talks resume, day {n}", "outlet": f"{outlet} {n}", "published": f"2025-06-2{n}",
         "text": f"NATO leaders met on day {n} to discuss sanctions on Russia and air defence for Ukraine. "
                 f"Zelensky said the talks on day {n} would go on, officials said."}
        for n in range(1, 4)
    ]
    records.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    corpus = load_corpus(tmp_path / "store", inputs=[records])
    comparison = compare_corpus(corpus, max_rows=40)
    tables, ranked = comparison.tables, comparison.ranked
    figures = [
        charts.emphasis_heatmap(tables["topic_emphasis"], ranked["topics"]),
        charts.deviation_heatmap(tables["topic_emphasis"], ranked["topics"]),
        charts.topic_spread(tables["topic_summary"]),
        charts.stakeholder_heatmap(tables["stakeholder_shares"], ranked["stakeholders"]),
        charts.claim_heatmap(tables["claim_profiles"], ranked["claims"]),
        charts.shared_wording_bars(comparison.shown["shared_share"]),
        charts.emphasis_timeline(tables["emphasis_over_time"], comparison.units["emphasis_over_time"]),
        charts.mentions_timeline(tables["mentions_over_time"], comparison.units["mentions_over_time"]),
    ]
    seen = 0
    for fig in figures:
        spec = pio.to_json(fig)
        assert "<a " not in spec and "<a href" not in repr(json.loads(spec)), spec[:500]
        seen += "&lt;a href" in spec
    assert seen >= 4  # the outlet is a label of most charts, escaped
