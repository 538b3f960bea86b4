"""Key findings: generated from the analysis, five to eight, each linked to its section."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from presslens.analysis import analyze_article, load_lexicons
from presslens.analysis.findings import CLAIMS_ANCHOR, STAKEHOLDERS_ANCHOR, TOPICS_ANCHOR, key_findings
from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields
from presslens.model import Article


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def test_seed_findings(seed: Article, lexicons) -> None:
    findings = key_findings(analyze_article(seed, lexicons))
    assert 5 <= len(findings) <= 8
    texts = [f.text for f in findings]
    assert texts[0].startswith("Diplomacy gets the most emphasis (")
    assert any(t.startswith("Only 2 of 45 sentences attribute their claims to a source (1 of those to anonymous sources)") for t in texts)
    assert any("named together in 5 of 45 sentences" in t for t in texts)
    assert {f.anchor for f in findings} == {TOPICS_ANCHOR, STAKEHOLDERS_ANCHOR, CLAIMS_ANCHOR}


def test_role_flag_becomes_a_finding_with_a_date(seed: Article, lexicons) -> None:
    with_date = key_findings(analyze_article(seed, lexicons, published=date(2025, 6, 25)))
    assert any(
        f.text.startswith("Donald Trump is called “former U.S. President” but held President of the United States on 2025-06-25")
        for f in with_date
    )
    without = key_findings(analyze_article(seed, lexicons))
    assert not any("but held" in f.text for f in without)


def test_findings_follow_the_numbers_not_the_seed(lexicons) -> None:
    text = (
        "Sanctions Tighten\n"
        "The EU imposed new sanctions on Russia, officials said. The sanctions target banks and energy exports.\n"
        "Brussels said the asset freeze would stay until Moscow changes course.\n"
    )
    article = ingest_text(text, MetadataFields(source_path="sanctions.txt"))
    findings = key_findings(analyze_article(article, lexicons))
    assert findings[0].text.startswith("Sanctions gets the most emphasis (")
    assert not any("Diplomacy gets" in f.text for f in findings)


def test_report_tables_and_a_short_repr(seed):
    """report.tables has every table by CSV name, and typing `report` prints one line."""
    from presslens.paths import DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS
    from presslens.report import article as rn

    report = rn.build_report(str(seed.metadata.source_path or "data/raw/zelensky-trump-nato-summit.txt"),
                             topics=str(DEFAULT_TOPICS), stakeholders=str(DEFAULT_STAKEHOLDERS), claim_cues=str(DEFAULT_CLAIM_CUES))
    assert set(report.tables) == set(rn.report_tables(report))
    assert report.tables["topic_emphasis"].equals(report.analysis.topics.emphasis)
    assert "\n" not in repr(report) and len(repr(report)) < 200
    header = rn.show_header(report)
    assert "<h1" in header._repr_html_() and report.article.metadata.title in header._repr_html_()
    figure = rn.show_figure(rn.topic_charts.topic_emphasis_bars(report.analysis.topics.emphasis))
    bundle = figure._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/html"}


def test_findings_csv_and_markdown_beside_the_report(tmp_path):
    """save_report_tables writes findings.csv and findings.md; article text cannot become Markdown markup."""
    markdown_it = pytest.importorskip("markdown_it")
    from presslens.paths import DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS
    from presslens.report import article as rn

    raw = tmp_path / "hostile.md"
    raw.write_text(
        "---\ntitle: \"[Click me](javascript:alert(1)) and <b>NATO</b> *talks*\"\n---\n\n"
        "NATO leaders met in Brussels on Monday to discuss military aid to Ukraine.\n\n"
        "Ukraine said the talks would go on, and Russia said it would respond.\n",
        encoding="utf-8",
    )
    report = rn.build_report(str(raw), topics=str(DEFAULT_TOPICS), stakeholders=str(DEFAULT_STAKEHOLDERS),
                             claim_cues=str(DEFAULT_CLAIM_CUES))
    rn.save_report_tables(report, str(tmp_path / "out"))
    table = pd.read_csv(tmp_path / "out" / "findings.csv")
    assert list(table.columns) == ["number", "finding", "section", "anchor"]
    assert list(table["finding"]) == [f.text for f in key_findings(report.analysis)] and len(table) >= 3
    document = (tmp_path / "out" / "findings.md").read_text(encoding="utf-8")
    html = markdown_it.MarkdownIt().render(document)
    assert "<a " not in html and "<b>" not in html and "<em>" not in html
    assert "[Click me](javascript:alert(1)) and &lt;b&gt;NATO&lt;/b&gt; *talks*" in html  # shown as written
    assert html.count("<li>") == len(table) + 3  # the three facts, then one item per finding
    rn.save_report_tables(report, "")  # exploring interactively: writes nothing


def test_notebook_parameters_mean_what_the_cli_flags_mean(tmp_path):
    """title, outlet, published and url replace the article's own, as --title, --outlet, --published, --url do."""
    from presslens.paths import DEFAULT_ARTICLE, DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS
    from presslens.report import article as rn

    lexicons = {"topics": str(DEFAULT_TOPICS), "stakeholders": str(DEFAULT_STAKEHOLDERS), "claim_cues": str(DEFAULT_CLAIM_CUES)}
    plain = rn.build_report(str(DEFAULT_ARTICLE), **lexicons)
    given = rn.build_report(str(DEFAULT_ARTICLE), **lexicons, published="2025-06-25", title="Zelensky meets Trump in The Hague",
                            outlet="Example Wire", url="https://example.org/a")
    meta = given.article.metadata
    assert (meta.published, meta.title, meta.outlet, meta.url) == (date(2025, 6, 25), "Zelensky meets Trump in The Hague",
                                                                   "Example Wire", "https://example.org/a")
    first = given.article.sentences[0]
    assert first.kind == "title" and given.article.text[first.start:first.end] == "Zelensky meets Trump in The Hague"
    header = rn.show_header(given)._repr_html_()
    assert "2025-06-25" in header and "Example Wire" in header and "not given" not in header.split("Authors")[0]
    assert plain.analysis.published is None and given.analysis.published == date(2025, 6, 25)
    assert given.analysis.stakeholders.role_flags.shape[0] > 0 and plain.analysis.stakeholders.role_flags.empty
