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
from presslens.ingest.metadata import MetadataFields
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


# --- manifests on small folders ----------------------------------------------------------

BODY = "Officials met in Warsaw on Monday, a spokesman said. Talks went on late into the night.\n"


def run(*argv: str) -> tuple[int, str]:
    import contextlib
    import io

    from presslens.cli import main

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def stored(folder: Path) -> dict[str, dict]:
    return {json.loads(p.read_text(encoding="utf-8"))["metadata"]["slug"]: json.loads(p.read_text(encoding="utf-8"))["metadata"]
            for p in folder.glob("*.json")}


def test_a_conventional_manifest_in_the_folder_is_found_and_is_not_an_article(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / "a.txt").write_text(BODY, encoding="utf-8")
    (inputs / "sub" / "b.txt").write_text("Another text. " + BODY, encoding="utf-8")
    (inputs / "manifest.jsonl").write_text(
        json.dumps({"path": "a.txt", "title": "Talks in Warsaw", "outlet": "Wire", "published": "2025-03-10"}) + "\n"
        + json.dumps({"path": "sub/b.txt", "outlet": "Ledger", "authors": ["A. Writer"]}) + "\n", encoding="utf-8",
    )
    code, err = run("ingest", str(inputs), "-o", str(tmp_path / "out"))
    assert code == 0, err
    found = stored(tmp_path / "out")
    assert set(found) == {"a", "b"}, "manifest.jsonl is metadata, not an article file"
    assert (found["a"]["title"], found["a"]["title_source"], found["a"]["outlet"], found["a"]["published"]) == (
        "Talks in Warsaw", "manifest", "Wire", "2025-03-10")
    assert (found["b"]["outlet"], found["b"]["authors"], found["b"]["title_source"]) == ("Ledger", ["A. Writer"], "file_name")
    article = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    assert article["text"].startswith("Talks in Warsaw\n\n"), "a manifest title becomes the title sentence, like --title"


def test_the_files_own_metadata_beats_the_manifest_and_an_option_beats_both(tmp_path: Path) -> None:
    (tmp_path / "story.md").write_text("---\ntitle: Own title\noutlet: Own Outlet\n---\n\n" + BODY, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("path,title,outlet,published\nstory.md,Row title,Row Outlet,2025-01-02\n", encoding="utf-8")
    code, err = run("ingest", str(tmp_path / "story.md"), "-o", str(tmp_path / "out"))
    assert code == 0, err
    meta = stored(tmp_path / "out")["story"]
    assert (meta["title"], meta["outlet"], meta["published"]) == ("Own title", "Own Outlet", "2025-01-02")
    code, err = run("ingest", str(tmp_path / "story.md"), "--outlet", "Option Outlet", "--published", "2025-02-03", "-o", str(tmp_path / "out2"))
    assert code == 0, err
    meta = stored(tmp_path / "out2")["story"]
    assert (meta["outlet"], meta["published"]) == ("Option Outlet", "2025-02-03")


def test_media_cloud_columns_match_records_by_url(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text(
        json.dumps({"id": "one", "url": "https://www.example.com/news/one/", "text": BODY}) + "\n"
        + json.dumps({"id": "two", "url": "https://example.org/two", "text": "A second report. " + BODY}) + "\n", encoding="utf-8",
    )
    manifest = tmp_path / "stories.csv"
    manifest.write_text(
        "stories_id,publish_date,title,url,language,media_name,media_url\n"
        "1,2019-11-20 14:33:00,First story,http://example.com/news/one,en,Example News,http://example.com\n",
        encoding="utf-8",
    )
    code, err = run("ingest", str(export), "--manifest", str(manifest), "-o", str(tmp_path / "out"))
    assert code == 0, err
    found = stored(tmp_path / "out")
    assert (found["one"]["outlet"], found["one"]["published"], found["one"]["title"], found["one"]["language"]) == (
        "Example News", "2019-11-20", "First story", "en")
    assert found["two"]["outlet"] is None, "no row for that url"
    assert "ignoring manifest columns 'stories_id', 'media_url'" in err


def test_gdelt_columns(tmp_path: Path) -> None:
    (tmp_path / "page.jsonl").write_text(json.dumps({"url": "https://news.example.net/a", "text": BODY}) + "\n", encoding="utf-8")
    gkg = tmp_path / "gkg.tsv"
    gkg.write_text("GKGRECORDID\tDATE\tSourceCommonName\tDocumentIdentifier\n1-1\t20191120143000\texample.net\thttps://news.example.net/a\n", encoding="utf-8")
    doc = tmp_path / "doc.csv"
    doc.write_text("url,url_mobile,title,seendate,domain,language\nhttps://news.example.net/a,,A title,20191121T080000Z,example.net,English\n", encoding="utf-8")
    for manifest, day in ((gkg, "2019-11-20"), (doc, "2019-11-21")):
        out = tmp_path / f"out-{manifest.stem}"
        code, err = run("ingest", str(tmp_path / "page.jsonl"), "--manifest", str(manifest), "-o", str(out))
        assert code == 0, err
        meta = next(iter(stored(out).values()))
        assert (meta["outlet"], meta["published"]) == ("example.net", day)


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ("path,outlet\nmissing.txt,Wire\n", "manifest.csv:2: manifest path 'missing.txt' names no file"),
        ("path,published\na.txt,2025-13-40\n", "manifest.csv:2: manifest 'published' is not a date: '2025-13-40'"),
        ("path,outlet\na.txt,Wire\na.txt,Ledger\n", "manifest.csv:3: path 'a.txt' is also on"),
        ("title,outlet\nA,Wire\n", "manifest has neither a 'path' nor a 'url' column"),
        ("path,outlet,media_name\na.txt,Wire,Ledger\n", "columns 'outlet' and 'media_name' both give 'outlet'"),
        ("path,outlet\na.txt,Wire,extra\n", "manifest.csv:2: manifest row has 3 cells but the header has 2 columns"),
    ],
    ids=["unknown-path", "bad-date", "duplicate-row", "no-key-column", "column-twice", "ragged-row"],
)
def test_a_bad_manifest_is_one_line_naming_it_the_row_and_the_problem(tmp_path: Path, rows: str, problem: str) -> None:
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(rows, encoding="utf-8")
    code, err = run("ingest", str(tmp_path), "-o", str(tmp_path / "out"))
    assert code == 1 and problem in err and str(tmp_path / "manifest.csv") in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "out").exists(), "nothing is ingested from a folder with a bad manifest"


def test_a_file_name_pattern_is_checked_and_misfits_are_listed(tmp_path: Path) -> None:
    (tmp_path / "wire_2025-03-10_talks.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("Other text. " + BODY, encoding="utf-8")
    code, err = run("ingest", str(tmp_path), "--filename-pattern", "{outlet}_{date}")
    assert code == 1 and "unknown placeholder {date}" in err
    code, err = run("ingest", str(tmp_path), "--filename-pattern", "{outlet}_{published}_{slug}", "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert "notes.txt: file name does not fit --filename-pattern" in err
    assert stored(tmp_path / "out")["talks"]["outlet"] == "wire"


@pytest.mark.slow
def test_compare_over_the_real_articles_with_a_manifest_has_outlets_and_a_time_series(realworld: Path, tmp_path: Path) -> None:
    from presslens.corpus.compare import compare_corpus, load_corpus

    manifest = write_realworld_manifest(tmp_path)
    store = tmp_path / "store"
    code, err = run(
        "compare", str(realworld / "articles"), "--manifest", str(manifest), "--name", "realworld", "--store", str(store),
        "--out", str(tmp_path / "reports"), "--format", "html", "--workers", "1",
    )
    assert code == 0, err
    corpus = load_corpus(store)
    assert corpus.articles["outlet"].nunique() == 10 and corpus.articles["published"].notna().all()
    comparison = compare_corpus(corpus)
    for name in ("emphasis_over_time", "mentions_over_time"):
        assert not comparison.tables[name].empty, name
    assert comparison.units["emphasis_over_time"] == "month"
    assert (tmp_path / "reports" / "compare-realworld" / "emphasis_over_time.csv").stat().st_size > 0
