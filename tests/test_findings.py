"""Key findings: generated from the analysis, five to eight, each linked to its section."""

from __future__ import annotations

from datetime import date

import pytest

from presslens.analysis import analyze_article, load_lexicons
from presslens.analysis.findings import CLAIMS_ANCHOR, STAKEHOLDERS_ANCHOR, TOPICS_ANCHOR, key_findings
from presslens.ingest import ingest_text
from presslens.ingest.outline import MetadataFields
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
