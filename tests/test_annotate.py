"""The annotated article: escaping, overlapping highlights, labels, badges; and provenance."""

from __future__ import annotations

import re

import pytest

from presslens.report.annotate import Highlight, SentenceMark, annotated_article_html, article_layout_html
from presslens.ingest import ingest_text
from presslens.ingest.outline import MetadataFields
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
    html = article_layout_html(hostile())
    assert "<script>" not in html and "<img" not in html and "<a href" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&amp; more" in html


def test_every_sentence_appears_once(seed: Article) -> None:
    html = article_layout_html(seed)
    ids = re.findall(r'<span class="pl-s" id="(s\d+)"', html)
    assert ids == [s.id for s in seed.sentences]


def test_labels_are_bold(seed: Article) -> None:
    html = article_layout_html(seed)
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


def test_tables_show_line_breaks_as_spaces_and_escape() -> None:
    import pandas as pd

    from presslens.report.notebook import table_html

    html = table_html(pd.DataFrame({"text": ["wrapped\nline <b>bold</b>", None], "n": [1, 2]}))
    assert "<td>wrapped line &lt;b&gt;bold&lt;/b&gt;</td>" in html
    assert "\\n" not in html
