"""The annotated article: pieces built from spans, escaping, overlapping and nested highlights,
sentence edges, labels, badges; tables as HTML; and provenance."""

from __future__ import annotations

import re

import lxml.html
import pandas as pd
import pytest

from presslens.report.annotate import Highlight, Piece, SentenceMark, annotated_article_html, highlighted_pieces
from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields
from presslens.model import Article
from presslens.report.provenance import provenance_table

HOSTILE = (
    "<script>alert(1)</script> Headline\n"
    "Officials said <img src=x onerror=alert(2)> was posted. See <a href=\"javascript:alert(3)\">this</a>.\n"
    "- Label <b>: item text & more\n"
)


def hostile() -> Article:
    return ingest_text(HOSTILE, MetadataFields(source_path="hostile.txt"))


def test_layout_escapes_everything() -> None:
    html = annotated_article_html(hostile(), [])
    assert "<script>" not in html and "<img" not in html and "<a href" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&amp; more" in html


def test_every_sentence_appears_once(seed: Article) -> None:
    html = annotated_article_html(seed, [])
    ids = re.findall(r'<span class="pl-s" id="(s\d+)"', html)
    assert ids == [s.id for s in seed.sentences]


def test_labels_are_bold(seed: Article) -> None:
    html = annotated_article_html(seed, [])
    assert '<strong class="pl-label">Strengthening military assistance</strong>: Potential' in html
    assert html.count('class="pl-label"') == 6


def test_overlapping_highlights_keep_all_notes(seed: Article) -> None:
    start = seed.text.index("NATO summit")
    topic = Highlight(start, start + len("NATO summit"), "topic", "diplomacy", "Topic: Diplomacy (term: summit)", "#0072B2")
    mention = Highlight(start, start + 4, "mention", "nato", "Stakeholder: NATO <org>", "#E69F00")
    html = annotated_article_html(seed, [topic, mention], {"s1": [SentenceMark("S", "speculative", "#E69F00")]})
    piece = re.search(r'<span class="pl-hl pl-hl-mention pl-hl-topic" data-keys="diplomacy nato" title="([^"]*)"[^>]*>NATO</span>', html)
    assert piece is not None
    assert piece.group(1) == "Topic: Diplomacy (term: summit); Stakeholder: NATO &lt;org&gt;"
    assert re.search(r'data-keys="diplomacy" title="Topic: Diplomacy \(term: summit\)"[^>]*> summit</span>', html)
    assert 'title="speculative">S</sup>' in html


def test_highlight_outside_the_text_is_a_bug(seed: Article) -> None:
    with pytest.raises(ValueError, match="outside the text"):
        annotated_article_html(seed, [Highlight(0, len(seed.text) + 5, "topic", "x", "x", "#000")])


def test_provenance_names_inputs_lexicons_and_versions(seed: Article, tmp_path) -> None:
    lexicon = tmp_path / "topics.yaml"
    lexicon.write_text("topics: []\n", encoding="utf-8")
    table = provenance_table(seed, lexicons={"topics": lexicon}, parameters={"article": "x"})
    facts = {(r.group, r.name): r.value for r in table.itertuples()}
    assert facts[("input", "source sha256")] == seed.metadata.source_sha256
    assert re.fullmatch(r"[0-9a-f]{64}", facts[("lexicon", "topics sha256")])
    assert facts[("parameter", "article")] == "x"
    assert facts[("package", "presslens")] != "not installed"
    assert ("run", "rendered at (UTC)") in facts


def test_provenance_shows_paths_in_the_report_folder_as_the_reader_finds_them(seed: Article, tmp_path) -> None:
    """The CLI builds a report in a temporary folder moved into place afterwards: no dead path is recorded."""
    work = tmp_path / ".slug.abcd.tmp"
    work.mkdir()
    parameters = {"article": str(work / "article.json"), "topics": "data/lexicons/topics.yaml", "output_dir": str(work)}
    facts = {(r.group, r.name): r.value for r in provenance_table(seed, parameters=parameters).itertuples()}
    assert facts[("parameter", "article")] == "article.json (in this report's folder)"
    assert facts[("parameter", "topics")] == "data/lexicons/topics.yaml"
    assert facts[("parameter", "output_dir")] == "the report's own folder"
    assert ".tmp" not in " ".join(facts.values())


def test_tables_show_line_breaks_as_spaces_and_escape() -> None:
    from presslens.report.notebook import table_html

    html = table_html(pd.DataFrame({"text": ["wrapped\nline <b>bold</b>", None], "n": [1, 2]}), caption="A & <i>B</i>")
    assert "<td>wrapped line &lt;b&gt;bold&lt;/b&gt;</td>" in html
    assert "<td></td><td>2</td>" in html, "missing values are empty cells"
    assert "<caption>A &amp; &lt;i&gt;B&lt;/i&gt;</caption>" in html
    assert "\\n" not in html


def test_table_formats_each_float_column_alike_and_keeps_preformatted_text() -> None:
    from presslens.report.notebook import Table, table_cells

    table = pd.DataFrame({"similarity": [0.595, 0.37, float("nan")], "n": [1, 2, 3], "flag": [True, False, True], "yaml": ["a:\n  b", "c", "d"]})
    assert table_cells(table, preformatted=["yaml"]) == [
        ["0.595", "1", "True", "a:\n  b"],
        ["0.370", "2", "False", "c"],
        ["", "3", "True", "d"],
    ]
    shown = Table(table, "Caption", preformatted=["yaml"])
    assert '<pre class="pl-yaml">a:\n  b</pre>' in shown._repr_html_()
    assert repr(shown) == "<table 'Caption': 3 rows x 4 columns>"
    assert shown.data is table, "the analyst keeps the DataFrame"


# -- the annotated article, built from spans ----------------------------------------------


def _h(start: int, end: int, kind: str = "topic", key: str = "k", note: str = "n") -> Highlight:
    return Highlight(start, end, kind, key, note, "#0072B2")


def _keys(pieces: list[Piece]) -> list[tuple[str, str]]:
    return [(p.text, p.keys) for p in pieces]


def test_a_table_cut_for_print_keeps_every_row_in_the_html() -> None:
    from presslens.report.notebook import Table

    html = Table(pd.DataFrame({"n": range(6)}), "Six", print_rows=2, print_note="4 more rows in six.csv").__html__()
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    rows = tree.xpath("//tbody/tr")
    assert len(rows) == 6
    assert [r.get("class") for r in rows] == [None, None, *["pl-print-cut"] * 4]
    assert tree.xpath("//p[contains(@class, 'pl-print-only')]")[0].text == "4 more rows in six.csv"
    short = Table(pd.DataFrame({"n": range(2)}), print_rows=2, print_note="0 more rows").__html__()
    assert "pl-print-cut" not in short and "pl-print-only" not in short  # nothing cut, no note


def test_dates_in_table_cells_do_not_wrap_and_text_stays_escaped() -> None:
    from presslens.report.notebook import table_html

    html = str(table_html(pd.DataFrame({"Right for articles dated": ["between 2021-01-20 and 2025-01-20", "<b>2021-01-20</b>"]})))
    assert 'between <span class="pl-date">2021-01-20</span> and <span class="pl-date">2025-01-20</span>' in html
    assert '&lt;b&gt;<span class="pl-date">2021-01-20</span>&lt;/b&gt;' in html


def test_sentence_ids_in_tables_link_to_the_sentence() -> None:
    from presslens.report.notebook import table_html

    html = str(table_html(pd.DataFrame({"Sentence": ["s18", "s0", "s1x"], "Text": ["s2", "<s3>", "ss4"]})))
    assert html.count('class="pl-sid"') == 2 and 'href="#s18"' in html and 'href="#s2"' in html
    assert "&lt;s3&gt;" in html and 'href="#s0"' not in html and 'href="#s1x"' not in html


def test_setup_notebook_gives_jupyterlab_the_fragment_styles(monkeypatch) -> None:
    """Tables left-aligned, legend keys spaced, dark-theme chart text: the same sheet as the report's."""
    from presslens.report import notebook

    shown = []
    monkeypatch.setattr(notebook, "display", lambda obj, **kw: shown.append((obj, kw)))
    notebook.setup_notebook()
    (html, options), = shown
    css = notebook.FRAGMENTS_CSS.read_text(encoding="utf-8")
    assert html.data == f"<style>{css}</style>" and options == {"metadata": {"presslens": "styles"}}
    for rule in ("table.pl-table th", "text-align: left", "span.pl-key", 'data-jp-theme-light="false"'):
        assert rule in css


def test_nested_highlights_cut_into_pieces() -> None:
    outer, inner = _h(100, 120, key="outer", note="Outer"), _h(105, 110, "mention", "inner", "Inner")
    pieces = highlighted_pieces("abcdefghijklmnopqrstuvwxyz", 100, [outer, inner])
    assert _keys(pieces) == [("abcde", "outer"), ("fghij", "inner outer"), ("klmnopqrst", "outer"), ("uvwxyz", "")]
    assert pieces[1].note == "Outer; Inner" and pieces[1].classes == "pl-hl-mention pl-hl-topic"
    assert "".join(p.text for p in pieces) == "abcdefghijklmnopqrstuvwxyz"


def test_overlapping_and_clipped_highlights() -> None:
    pieces = highlighted_pieces("0123456789", 10, [_h(5, 15, key="a"), _h(13, 18, key="b"), _h(19, 40, key="c")])
    assert _keys(pieces) == [("012", "a"), ("34", "a b"), ("567", "b"), ("8", ""), ("9", "c")]
    assert highlighted_pieces("plain", 0, []) == [Piece("plain")]


def test_labels_are_a_flag_not_a_highlight() -> None:
    pieces = highlighted_pieces("Label: text", 0, [Highlight(0, 5, "label", "label", "", ""), _h(3, 9)])
    assert [(p.text, p.label, p.keys) for p in pieces] == [("Lab", True, ""), ("el", True, "k"), (": te", False, "k"), ("xt", False, "")]


SCRIPTED = "Tom & Jerry <script>alert(1)</script> met. Then A&B said \"<b>no</b>\".\n"


def test_script_and_ampersand_in_highlighted_text_are_escaped() -> None:
    article = ingest_text(SCRIPTED, MetadataFields(source_path="scripted.txt"))
    text = article.text
    amp = text.index("Tom & Jerry")
    script = text.index("<script>")
    highlights = [
        _h(amp, amp + len("Tom & Jerry"), "mention", "tj", 'Stakeholder: Tom & "Jerry"'),
        _h(script, script + len("<script>alert(1)</script>"), "topic", "js", "Topic: <script>"),
    ]
    first = article.body_sentences[0].id
    out = annotated_article_html(article, highlights, {first: [SentenceMark("<b>", "a & b", "#000")]})
    assert "<script" not in out and "<b>" not in out
    assert re.search(r'title="Stakeholder: Tom &amp; &#34;Jerry&#34;"[^>]*>Tom &amp; Jerry</span>', out)
    assert re.search(r'title="Topic: &lt;script&gt;"[^>]*>&lt;script&gt;alert\(1\)&lt;/script&gt;</span>', out)
    assert 'title="a &amp; b">&lt;b&gt;</sup>' in out
    assert "A&amp;B said &#34;&lt;b&gt;no&lt;/b&gt;&#34;" in out
    # what a reader sees is the article's text, sentence by sentence, plus the badge
    doc = lxml.html.fromstring(str(out))
    for s in article.sentences:
        (span,) = doc.xpath(f'//span[@id="{s.id}"]')
        assert span.text_content() == article.sentence_text(s) + ("<b>" if s.id == first else "")


def _highlighted(out: str, sid: str) -> list[tuple[str, str]]:
    """(text, keys) of the highlight spans inside sentence ``sid``."""
    doc = lxml.html.fromstring(out)
    return [(span.text_content(), span.get("data-keys")) for span in doc.xpath(f'//span[@id="{sid}"]//span[contains(@class, "pl-hl")]')]


def test_highlights_at_sentence_edges(seed: Article) -> None:
    first, second = seed.body_sentences[0], seed.body_sentences[1]
    last = seed.sentences[-1]
    whole = _h(first.start, first.end, key="whole")
    at_next_start = _h(second.start, second.start + 3, key="next")
    across = _h(first.end - 3, second.start + 3, key="xsent")
    at_text_end = _h(last.end - 1, last.end, key="end")
    out = str(annotated_article_html(seed, [whole, at_next_start, across, at_text_end]))
    assert _highlighted(out, first.id) == [(seed.sentence_text(first), "whole")]
    assert _highlighted(out, second.id) == [(seed.sentence_text(second)[:3], "next")], "a span across two sentences is left out"
    assert _highlighted(out, last.id)[-1] == (seed.text[last.end - 1 : last.end], "end")
    assert "xsent" not in out
    with pytest.raises(ValueError, match="outside the text"):
        annotated_article_html(seed, [_h(last.end, last.end)])


def test_annotated_article_shows_the_text_unchanged(seed: Article) -> None:
    hits = [_h(m.start(), m.end(), key="w") for m in re.finditer(r"\w+", seed.text)][::3]
    out = str(annotated_article_html(seed, hits))
    assert out.startswith('<article class="pl-article pl-annotated">')
    doc = lxml.html.fromstring(out)
    for s in seed.sentences:
        assert doc.xpath(f'string(//span[@id="{s.id}"])') == seed.sentence_text(s)
    assert len(doc.xpath('//span[contains(@class, "pl-hl")]')) == len(hits)
