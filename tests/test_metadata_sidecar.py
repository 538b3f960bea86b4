"""Metadata for folders: the headline rule (no subhead as title), manifests with export
column names, file-name patterns, and the ten real articles with and without a manifest.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from presslens.errors import PresslensError
from presslens.ingest import ingest_file, ingest_text
from presslens.ingest.outline import MetadataFields
from presslens.model import Article


def parse(text: str, **meta: object) -> Article:
    return ingest_text(text, MetadataFields(source_path="memory.txt", **meta))


# --- the headline rule -------------------------------------------------------------------

def test_a_subhead_after_the_lead_is_not_the_title() -> None:
    article = parse(
        "In a joint statement, the ministries accused U.S. forces of blocking a return.\n\n"
        "The Pentagon rejected the accusations as false.\n\n"
        "The al-Tanf base\n\n"
        "The U.S. will keep its base in al-Tanf.\n"
    )
    assert article.metadata.title_source == "file_name" and article.metadata.title == "Memory"
    assert [article.sentence_text(s) for s in article.sentences if s.kind == "heading"] == ["The al-Tanf base"]


def test_a_sentence_case_heading_right_after_the_lead_is_a_subhead() -> None:
    article = parse('Morrison said he was not concerned about the call.\n\n"My fears have been realized"\n\nHe said so on Tuesday.\n')
    assert article.metadata.title_source == "file_name"


def test_a_headline_capitalised_heading_after_a_standfirst_is_the_title() -> None:
    article = parse("Leaders meet on Wednesday, officials said.\n\nLeaders to Discuss Strategic Cooperation Amid Conflict\n\nThe talks begin.\n")
    assert article.metadata.title_source == "first_heading"
    assert article.metadata.title == "Leaders to Discuss Strategic Cooperation Amid Conflict"


# --- the ten real articles ---------------------------------------------------------------

#: From ../shared/realworld/README.md, section 1 (metadata only; the text stays in shared/):
#: file stem, outlet, headline, date, authors. Outlets without the README's notes in brackets.
REALWORLD_TABLE = [
    ("cbsnews_2019-11-19_volker-morrison-impeachment-testimony", "CBS News",
     "Impeachment hearings: key moments from Kurt Volker's and Tim Morrison's testimony", "2019-11-19", ""),
    ("ap_2019-11-20_sondland-faces-questions-trump-ukraine", "Associated Press",
     "Unpredictable Sondland faces questions about Trump, Ukraine", "2019-11-20", ""),
    ("polygraph_2019-11-18_russia-syria-rukban-factcheck", "Polygraph.info",
     "Russia and Syria: U.S.-backed Syrian Forces Blocking Refugee Return", "2019-11-18", ""),
    ("chron-ap_2019-11-20_esper-accuses-china", "Houston Chronicle",
     "Esper accuses China of intimidating smaller Asian nations", "2019-11-20", ""),
    ("cnn_2016-12-18_gates-on-tillerson-and-russia", "CNN",
     "Gates on Tillerson and Russia: 'You can be friendly without being friends'", "2016-12-18", "Eric Bradner"),
    ("nytimes_2017-01-13_us-to-lift-sudan-sanctions", "The New York Times",
     "United States to Lift Sudan Sanctions", "2017-01-13", "Jeffrey Gettleman"),
    ("wapo_2015-03-18_us-israel-relations-after-netanyahu-win", "The Washington Post",
     "Where do strained U.S.-Israeli relations go after Netanyahu's victory?", "2015-03-18", "Steven Mufson"),
    ("ria-novosti_2014-04-28_us-imposes-sanctions-on-russians", "RIA Novosti",
     "US Imposes Sanctions on 7 Russians, 17 Russian Companies", "2014-04-28", ""),
    ("euobserver_2014-12-17_eu-sanctions-putin-crimea-headache", "EUobserver",
     "EU sanctions add to Putin's Crimea headache", "2014-12-17", ""),
    ("cbc_2014-04-29_cf18s-head-to-romania-nato-mission", "CBC News",
     "CF-18s head to Romania amid 'uncertainty' about NATO mission", "2014-04-29", ""),
]

#: The four texts that open with no headline line.
HEADLINELESS = {
    "cbsnews_2019-11-19_volker-morrison-impeachment-testimony", "ap_2019-11-20_sondland-faces-questions-trump-ukraine",
    "polygraph_2019-11-18_russia-syria-rukban-factcheck", "chron-ap_2019-11-20_esper-accuses-china",
}


def same_title(a: str, b: str) -> bool:
    """Titles compared with curly and straight quotes alike (the README table writes straight ones)."""
    table = str.maketrans("‘’“”", "''\"\"")
    return a.translate(table) == b.translate(table)


def write_realworld_manifest(folder: Path) -> Path:
    manifest = folder / "realworld-manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["path", "title", "outlet", "published", "authors", "language"])
        for stem, outlet, title, published, authors in REALWORLD_TABLE:
            writer.writerow([f"{stem}.txt", title, outlet, published, authors, "en"])
    return manifest


def ingest_folder(tmp_path: Path, *options: str) -> dict[str, dict]:
    from presslens.cli import main

    out = tmp_path / "articles"
    assert main(["ingest", *options, "-o", str(out)]) == 0
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*.json"))]
    return {Path(a["metadata"]["source_path"]).stem: a["metadata"] for a in articles}


def test_real_articles_with_a_manifest_get_every_title_outlet_and_date(realworld: Path, tmp_path: Path) -> None:
    manifest = write_realworld_manifest(tmp_path)
    found = ingest_folder(tmp_path, str(realworld / "articles"), "--manifest", str(manifest))
    assert len(found) == 10
    for stem, outlet, title, published, authors in REALWORLD_TABLE:
        meta = found[stem]
        assert same_title(meta["title"], title), (stem, meta["title"])
        assert (meta["outlet"], meta["published"], meta["authors"]) == (outlet, published, [authors] if authors else []), stem
        assert meta["title_source"] == ("manifest" if stem in HEADLINELESS else "first_line"), stem


def test_real_articles_without_a_manifest_take_no_subhead_for_a_title(realworld: Path, tmp_path: Path) -> None:
    found = ingest_folder(tmp_path, str(realworld / "articles"))
    assert {stem for stem, meta in found.items() if meta["title_source"] == "file_name"} == HEADLINELESS
    assert not any(meta["title_source"] == "first_heading" for meta in found.values())


def test_real_articles_with_a_file_name_pattern_get_outlet_and_date(realworld: Path, tmp_path: Path) -> None:
    found = ingest_folder(tmp_path, str(realworld / "articles"), "--filename-pattern", "{outlet}_{published}_{slug}")
    for stem, _, _, published, _ in REALWORLD_TABLE:
        assert (found[stem]["outlet"], found[stem]["published"]) == (stem.split("_")[0], published)
    assert found["ap_2019-11-20_sondland-faces-questions-trump-ukraine"]["title"] == "Sondland faces questions trump ukraine"
    assert found["ap_2019-11-20_sondland-faces-questions-trump-ukraine"]["slug"] == "sondland-faces-questions-trump-ukraine"
