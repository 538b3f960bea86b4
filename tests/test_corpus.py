"""The corpus store: tables from the same engine as the article report, parts and manifest,
incremental runs, failures that do not stop a run, SQL, and the process-pool and Dask
paths giving the same tables as one process.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from presslens.analysis import analyze_article, load_lexicons
from presslens.cli import main
from presslens.corpus import SCHEMAS, TABLES, CorpusStore, build_store, query
from presslens.corpus.tables import KEYS, normalised_sentence, text_hash
from presslens.errors import PresslensError
from presslens.ingest import load_any
from presslens.paths import DEFAULT_ARTICLE, RAW_DIR

SAMPLES = RAW_DIR / "samples"


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    """A folder with the seed and the five sample articles (a copy we may change)."""
    folder = tmp_path / "inputs"
    shutil.copytree(SAMPLES, folder)
    shutil.copy(DEFAULT_ARTICLE, folder / DEFAULT_ARTICLE.name)
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed and samples analysed in one process, in chunks of two."""
    folder = tmp_path_factory.mktemp("corpus-inputs")
    shutil.copytree(SAMPLES, folder / "samples")
    shutil.copy(DEFAULT_ARTICLE, folder / DEFAULT_ARTICLE.name)
    store = tmp_path_factory.mktemp("stores") / "one"
    summary = build_store([folder], store, workers=1, chunk_size=2, progress=False)
    assert summary.failed == [] and summary.analysed == 6 and summary.parts == 3
    return store


def _sorted(table: pd.DataFrame, name: str) -> pd.DataFrame:
    return table.sort_values(list(KEYS[name])).reset_index(drop=True)


def test_every_table_has_its_schema_and_unique_keys(built: Path) -> None:
    for name in TABLES:
        parts = sorted((built / name).glob("part-*.parquet"))
        assert [p.name for p in parts] == ["part-000001.parquet", "part-000002.parquet", "part-000003.parquet"]
        for part in parts:
            assert pq.read_schema(part).remove_metadata() == SCHEMAS[name], f"{name}/{part.name}"
        table = CorpusStore(built).read(name)
        assert not table.duplicated(list(KEYS[name])).any(), name
    manifest = CorpusStore(built).manifest
    assert sorted(manifest["part"].value_counts()) == [2, 2, 2]
    articles = CorpusStore(built).read("articles")
    assert set(articles["article_id"]) == set(manifest["article_id"])
    assert set(articles["source_sha256"]) == set(manifest["source_sha256"])


def test_rows_are_the_engines_rows(built: Path) -> None:
    seed = load_any(DEFAULT_ARTICLE)
    result = analyze_article(seed, load_lexicons())
    store = CorpusStore(built)
    emphasis = store.read("topic_emphasis").query("article_id == @seed.metadata.id")
    expected = result.topics.emphasis.set_index("topic")["weighted_share"]
    assert emphasis.set_index("topic")["weighted_share"].to_dict() == pytest.approx(expected.to_dict())
    assert len(store.read("sentences").query("article_id == @seed.metadata.id")) == len(result.sentences)
    assert len(store.read("mentions").query("article_id == @seed.metadata.id")) == len(result.stakeholders.mentions)
    assert len(store.read("topic_hits").query("article_id == @seed.metadata.id")) == len(result.topics.hits)
    claims = store.read("claims").query("article_id == @seed.metadata.id")
    assert claims["attributed"].sum() == result.claims["attributed"].sum()
    row = store.read("articles").query("article_id == @seed.metadata.id").iloc[0]
    assert row["source_path"] == "data/raw/zelensky-trump-nato-summit.txt" or row["source_path"].endswith(DEFAULT_ARTICLE.name)
    assert row["words"] == result.to_json()["article"]["words"]


def test_metadata_and_sentence_hashes(built: Path) -> None:
    articles = CorpusStore(built).read("articles").set_index("title")
    ledger = articles.loc["NATO ministers promise faster air defence for Ukraine"]
    assert ledger["outlet"] == "Northern Ledger" and str(ledger["published"]) == "2025-03-06"
    # the wire sentence is shared by three samples; one writes "air defence" without the hyphen
    shared = query(built, "SELECT text_hash, count(DISTINCT article_id) AS n FROM sentences GROUP BY 1 ORDER BY n DESC LIMIT 1")
    assert shared["n"].iloc[0] == 2
    assert normalised_sentence("“Not,” he said —  NATO’s U.S.-led  plan.") == "not he said nato's u.s led plan"
    assert text_hash("The Plan.") == text_hash("the plan")


def test_sql_views_and_cli(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    counts = query(built, "SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM manifest) m")
    assert counts.iloc[0].tolist() == [6, 6]
    assert main(["sql", str(built), "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY 1 ORDER BY n DESC, outlet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["outlet", "n"] and out[1].split() == ["Northern", "Ledger", "2"]
    assert main(["sql", str(built), "SELECT * FROM nowhere"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("presslens: error: SQL: ") and len(err.strip().splitlines()) == 1
    assert main(["sql", str(built.parent), "SELECT 1"]) == 1
    assert "is not a corpus store" in capsys.readouterr().err


def test_rerun_analyses_only_new_and_changed(inputs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = build_store([inputs], store, workers=1, progress=False)
    assert (first.analysed, first.unchanged) == (6, 0)
    again = build_store([inputs], store, workers=1, progress=False)
    assert (again.analysed, again.unchanged, again.parts) == (0, 6, 0)

    changed = inputs / "capital-wire-sanctions.md"
    old_id = CorpusStore(store).read("articles").query("title.str.startswith('EU drafts')", engine="python")["article_id"].iloc[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("three diplomats", "four diplomats"), encoding="utf-8")
    (inputs / "new.txt").write_text("Poland opens a new border crossing\n\nPoland opened a crossing to Ukraine on Monday, officials said.\n", encoding="utf-8")
    grown = build_store([inputs], store, workers=1, progress=False)
    assert (grown.analysed, grown.replaced, grown.unchanged) == (2, 1, 5)
    stored = CorpusStore(store)
    assert len(stored.manifest) == 7
    for name in TABLES:
        assert old_id not in set(stored.read(name)["article_id"]), f"old rows of the changed article left in {name}"
    texts = query(store, "SELECT text FROM sentences WHERE text LIKE '%diplomats said on Friday%'")["text"].tolist()
    assert texts == ["The European Union is drafting a new package of sanctions against Russia's banks and shipping companies, four diplomats said on Friday."]


def test_bad_files_are_reported_and_do_not_stop_the_run(inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "records.jsonl").write_text('{"title": "Kyiv", "text": "Ukraine said on Monday that talks will go on."}\nnot json\n', encoding="utf-8")
    store = tmp_path / "store"
    code = main(["corpus", str(inputs), "--out", str(store), "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 3  # finished, with failures listed
    assert "analysed 7 articles" in err and "2 failed" in err
    assert "empty.txt" in err and "records.jsonl:2" in err
    assert len(CorpusStore(store).manifest) == 7


def test_duplicate_text_is_stored_once(inputs: Path, tmp_path: Path) -> None:
    shutil.copy(inputs / "capital-wire-sanctions.md", inputs / "copy-of-sanctions.md")
    summary = build_store([inputs], tmp_path / "store", workers=1, progress=False)
    assert summary.analysed == 6 and len(summary.duplicates) == 1
    assert summary.duplicates[0][0].endswith("copy-of-sanctions.md") or summary.duplicates[0][1].endswith("copy-of-sanctions.md")


def test_interrupted_run_leaves_a_valid_store(built: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(built, store)
    orphan = store / "sentences" / "part-000009.parquet"
    shutil.copy(store / "sentences" / "part-000001.parquet", orphan)
    (store / "articles" / ".part-000009.parquet.tmp").write_bytes(b"half")
    with CorpusStore(store, lock=True) as corpus:
        assert not orphan.exists() and not (store / "articles" / ".part-000009.parquet.tmp").exists()
        with pytest.raises(PresslensError, match="another presslens corpus run is writing"):
            CorpusStore(store, lock=True)
        assert len(corpus.read("articles")) == 6


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def test_a_truncated_part_is_noticed_and_analysed_again(inputs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build_store([inputs], store, workers=1, chunk_size=2, progress=False)
    whole = {name: _sorted(CorpusStore(store).read(name), name) for name in TABLES}
    _truncate(store / "sentences" / "part-000002.parquet")
    again = build_store([inputs], store, workers=1, chunk_size=2, progress=False)
    assert (again.analysed, again.unchanged, again.failed) == (2, 4, [])
    assert again.repaired == [f"{store / 'sentences' / 'part-000002.parquet'} was damaged (Parquet magic bytes not found "
                              "in footer. Either the file is corrupted or this is not a parquet file.); its 2 articles are analysed again"]
    for name in TABLES:
        pd.testing.assert_frame_equal(_sorted(CorpusStore(store).read(name), name), whole[name])
    assert (build_store([inputs], store, workers=1, progress=False).unchanged, CorpusStore(store, lock=True).repairs) == (6, [])


def test_a_truncated_manifest_is_one_line_for_readers_and_rebuilt_by_a_run(inputs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build_store([inputs], store, workers=1, chunk_size=2, progress=False)
    listed = CorpusStore(store).manifest.sort_values("article_id").reset_index(drop=True)
    _truncate(store / "manifest.parquet")
    for read in (lambda: CorpusStore(store), lambda: query(store, "SELECT count(*) FROM articles")):
        with pytest.raises(PresslensError, match=r"manifest.parquet: is damaged \(.*\); run presslens corpus on the same inputs"):
            read()
    again = build_store([inputs], store, workers=1, chunk_size=2, progress=False)
    assert (again.analysed, again.unchanged, len(again.repaired)) == (0, 6, 1)
    assert "manifest.parquet was damaged" in again.repaired[0] and again.repaired[0].endswith("rebuilt from the parts, 6 articles")
    pd.testing.assert_frame_equal(CorpusStore(store).manifest.sort_values("article_id").reset_index(drop=True), listed)


def test_other_lexicons_are_refused(built: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(built, store)
    topics = tmp_path / "topics.yaml"
    topics.write_text((RAW_DIR.parent / "lexicons" / "topics.yaml").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    with pytest.raises(PresslensError, match=r"other lexicons \(topics changed\); use --rebuild"):
        build_store([DEFAULT_ARTICLE], store, workers=1, topics=topics, progress=False)


def test_store_is_never_written_into_raw(tmp_path: Path) -> None:
    with pytest.raises(PresslensError, match="data/raw/ holds the original inputs"):
        build_store([DEFAULT_ARTICLE], RAW_DIR / "store", workers=1, progress=False)


@pytest.mark.slow
def test_process_pool_gives_the_same_tables(built: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    shutil.copytree(SAMPLES, folder / "samples")
    shutil.copy(DEFAULT_ARTICLE, folder / DEFAULT_ARTICLE.name)
    pooled = tmp_path / "pooled"
    summary = build_store([folder], pooled, workers=2, chunk_size=1, progress=False)
    assert summary.analysed == 6 and len(summary.worker_peak_rss) == 2
    for name in TABLES:
        one, two = CorpusStore(built).read(name), CorpusStore(pooled).read(name)
        if name == "articles":
            one, two = one.drop(columns="source_path"), two.drop(columns="source_path")
        pd.testing.assert_frame_equal(_sorted(one, name), _sorted(two, name))


@pytest.mark.slow
def test_dask_cluster_gives_the_same_tables(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    distributed = pytest.importorskip("distributed")
    folder = tmp_path / "inputs"
    shutil.copytree(SAMPLES, folder / "samples")
    shutil.copy(DEFAULT_ARTICLE, folder / DEFAULT_ARTICLE.name)
    store = tmp_path / "on-dask"
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None, processes=True
    ) as cluster:
        code = main(["corpus", str(folder), "--out", str(store), "--scheduler", cluster.scheduler_address, "--chunk-size", "2"])
    assert code == 0, capsys.readouterr().err
    assert "analysed 6 articles" in capsys.readouterr().err
    for name in TABLES:
        one, two = CorpusStore(built).read(name), CorpusStore(store).read(name)
        if name == "articles":
            one, two = one.drop(columns="source_path"), two.drop(columns="source_path")
        pd.testing.assert_frame_equal(_sorted(one, name), _sorted(two, name))


@pytest.mark.slow
def test_unreachable_scheduler_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("distributed")
    code = main(["corpus", str(DEFAULT_ARTICLE), "--out", str(tmp_path / "s"), "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 1 and "cannot reach the Dask scheduler" in err


def test_manifest_is_queried_not_held(built: Path, tmp_path: Path) -> None:
    store = tmp_path / "copy"
    shutil.copytree(built, store)
    manifest = CorpusStore(built).manifest
    first = manifest.iloc[0]
    with CorpusStore(store, lock=True) as opened:
        assert "manifest" not in vars(opened), "the manifest stays on disk"
        assert opened.size == 6 and opened.next_part() == 4
        assert opened.by_source([first["source_path"], "nowhere.txt"]) == {
            first["source_path"]: (first["article_id"], first["source_sha256"], first["part"])
        }
        assert opened.by_id([first["article_id"]]) == {first["article_id"]: (first["source_path"], first["part"])}
        entries = pa.table({"article_id": ["a" * 16, "a" * 16], "source_path": ["x", "y"], "source_sha256": ["0", "1"]})
        with pytest.raises(PresslensError, match="already in the store"):
            opened.add_part({}, entries)
        assert opened.remove_articles([first["article_id"], "not-there"]) == 1
        assert opened.size == 5 and opened.by_id([first["article_id"]]) == {}
    after = CorpusStore(store).manifest
    assert after.equals(manifest.iloc[1:].reset_index(drop=True)), "order and types kept"


@pytest.mark.parametrize(
    "sql, message",
    [
        ("COPY articles TO '{tmp}/out.csv'", "refused: COPY"),
        ("CREATE TABLE x AS SELECT 1", "refused: CREATE"),
        ("INSTALL httpfs", "refused"),
        ("ATTACH '{tmp}/other.db'", "refused"),
        ("SELECT * FROM read_csv('/etc/passwd')", "Permission Error"),
        ("SELECT * FROM nowhere", "the store's views: articles"),
    ],
)
def test_sql_is_read_only_over_the_store(built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], sql, message) -> None:
    before = sorted(p.name for p in built.rglob("*"))
    assert main(["sql", str(built), sql.replace("{tmp}", str(tmp_path))]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in built.rglob("*")) == before and not (tmp_path / "out.csv").exists()
