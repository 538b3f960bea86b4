"""Ingesting many files: folders and globs, duplicates, slug collisions, bad files, the summary and exit status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from presslens.cli import main
from presslens.errors import PresslensError
from presslens.ingest.batch import ArticleFolder, collect_inputs, ingest_batch
from presslens.paths import RAW_DIR
from presslens.textio import sha256_file

FIXTURES = Path(__file__).parent / "fixtures"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored(folder: Path) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A folder of mixed inputs: every fixture, a nested copy of a text, files to ignore."""
    folder = tmp_path / "inbox"
    (folder / "nested" / "deeper").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    for name in ("wire_story.html", "briefing.md", "records.jsonl"):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "nested" / "talks.txt").write_text("Talks resume\n\nDiplomats met again in Vienna on Monday.\n", encoding="utf-8")
    (folder / "nested" / "deeper" / "notes.docx").write_bytes(b"ignored: unknown extension")
    (folder / ".hidden" / "secret.txt").write_text("Hidden\n\nNot an input.\n", encoding="utf-8")
    (folder / "nested" / ".draft.txt").write_text("Draft\n\nNot an input either.\n", encoding="utf-8")
    return folder


def test_folders_are_searched_recursively_for_known_extensions(inbox: Path) -> None:
    files, problems = collect_inputs([inbox])
    assert problems == []
    assert [p.relative_to(inbox).as_posix() for p in files] == ["briefing.md", "nested/talks.txt", "records.jsonl", "wire_story.html"]


def test_globs_missing_paths_and_repeats(inbox: Path, tmp_path: Path) -> None:
    files, problems = collect_inputs([str(inbox / "**" / "*.txt"), inbox / "briefing.md", inbox / "briefing.md", tmp_path / "nope.txt", str(tmp_path / "*.xml")])
    assert [p.name for p in files] == ["talks.txt", "briefing.md"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'nope.txt'}: no such file or folder", f"{tmp_path / '*.xml'}: pattern matches no files"]


def test_batch_writes_one_file_per_article(inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    code, stdout, err = run(["ingest", str(inbox), "-o", str(out)], capsys)
    assert code == 0, err
    assert stdout == ""
    assert sorted(stored(out)) == ["aid-2.json", "briefing.json", "navy-drills-end-early.json", "talks-1.json", "talks.json", "wire-story.json"]
    assert f"ingested 6 articles from 4 files into {out}" in err
    formats = {name: data["metadata"]["source_format"] for name, data in stored(out).items()}
    assert formats["wire-story.json"] == "html" and formats["briefing.json"] == "markdown" and formats["talks-1.json"] == "jsonl"
    assert formats["talks.json"] == "text"


def test_running_again_skips_duplicates_and_overwrite_replaces(inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    run(["ingest", str(inbox), "-o", str(out)], capsys)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    code, _, err = run(["ingest", str(inbox), "-o", str(out)], capsys)
    assert code == 0
    assert "ingested 0 articles from 4 files" in err and "skipped 6 as duplicates" in err
    assert f"same article as {out / 'wire-story.json'}" in err
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    code, _, err = run(["ingest", str(inbox), "-o", str(out), "--overwrite"], capsys)
    assert code == 0 and "ingested 6 articles" in err
    assert sorted(p.name for p in out.iterdir()) == sorted(before)  # replaced in place, no -2 copies


def test_duplicates_within_a_batch_are_recognised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Navy drills end early\n\nThe exercise was cut short because of bad weather.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("\n\n", "\n\n\n"), encoding="utf-8")  # same words, other layout
    out = tmp_path / "out"
    code, _, err = run(["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)], capsys)
    assert code == 0
    assert sorted(stored(out)) == ["a.json"]
    assert f"{tmp_path / 'b.txt'}: same article as {tmp_path / 'a.txt'}" in err


def test_slugs_never_collide(tmp_path: Path) -> None:
    for number, folder in enumerate(("one", "two", "three"), start=1):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story {number}\n\nA different article, number {number}.\n", encoding="utf-8")
    out = tmp_path / "out"
    (out).mkdir()
    (out / "story-2.json").write_text("{}", encoding="utf-8")  # a name already taken by something else
    files, _ = collect_inputs([tmp_path / "one", tmp_path / "two", tmp_path / "three"])
    summary = ingest_batch(files, ArticleFolder(out))
    assert [target.name for _, target in summary.written] == ["story.json", "story-3.json", "story-4.json"]
    for name in ("story.json", "story-3.json", "story-4.json"):
        assert stored(out)[name]["metadata"]["slug"] == name.removesuffix(".json")
    assert (out / "story-2.json").read_text(encoding="utf-8") == "{}"


def test_slugs_stay_inside_the_output_folder(tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text(
        json.dumps({"id": "../../etc/passwd", "text": "First article text."}) + "\n"
        + json.dumps({"title": "/abs/olute ../..", "text": "Second article text."}) + "\n"
        + json.dumps({"id": "…", "text": "Third article text."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    summary = ingest_batch([export], ArticleFolder(out))
    assert [target.name for _, target in summary.written] == ["etc-passwd.json", "abs-olute.json", "article.json"]
    assert all(target.parent == out for _, target in summary.written)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.jsonl", "out"]


def test_bad_files_are_reported_and_the_rest_ingests(inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inbox / "broken.json").write_text("{not json", encoding="utf-8")
    (inbox / "binary.html").write_bytes(b"\x00\x01\x02 binary")
    (inbox / "empty.txt").write_text("", encoding="utf-8")
    (inbox / "more.jsonl").write_text('{"title": "Fine", "text": "A fine record."}\n{"title": "No text"}\n', encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(["ingest", str(inbox), str(tmp_path / "missing.md"), "-o", str(out)], capsys)
    assert code == 3  # finished, with failures listed
    assert "ingested 7 articles from 8 files" in err
    assert "failed 5:" in err
    for line in (
        f"{tmp_path / 'missing.md'}: no such file or folder",
        f"{inbox / 'binary.html'}: looks like a binary file",
        f"{inbox / 'broken.json'}: is not valid JSON (line 1, column 2",
        f"{inbox / 'empty.txt'}: file is empty",
        f"{inbox / 'more.jsonl'}:2: record has no 'text' field",
    ):
        assert f"  {line}" in err
    assert "fine.json" in stored(out)


def test_progress_bar_for_many_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for number in range(12):
        (tmp_path / f"{number:02}.txt").write_text(f"Story {number}\n\nBody of story number {number}.\n", encoding="utf-8")
    code, _, err = run(["ingest", str(tmp_path / "*.txt"), "-o", str(tmp_path / "out")], capsys)
    assert code == 0
    assert "ingest: 100%" in err and "12/12" in err
    assert "ingested 12 articles from 12 files" in err


def test_single_file_output_modes_take_one_article(inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["ingest", str(inbox / "records.jsonl"), "-o", "-"], capsys)
    assert code == 1 and "holds 3 articles; -o FILE and -o - take one" in err
    code, _, err = run(["ingest", str(inbox / "briefing.md"), str(inbox / "wire_story.html"), "-o", str(tmp_path / "x.json")], capsys)
    assert code == 1 and "-o FILE and -o - take a single article" in err
    assert not (tmp_path / "x.json").exists()
    code, out, _ = run(["ingest", str(inbox / "wire_story.html"), "-o", "-"], capsys)
    assert code == 0 and json.loads(out)["metadata"]["source_format"] == "html"


def test_metadata_options_need_a_single_article(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["ingest", str(inbox), "--title", "T"], capsys)
    assert code == 1 and err.strip() == "presslens: error: --title applies to a single article; leave them out when ingesting several files"


def test_format_option_applies_to_every_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes((FIXTURES / "wire_story.html").read_bytes())
    code, out, _ = run(["ingest", str(page), "--format", "html", "-o", "-"], capsys)
    assert code == 0 and json.loads(out)["metadata"]["title"] == "Ministers agree grain corridor monitoring plan"


def _raw_files() -> dict[str, str]:
    return {p.relative_to(RAW_DIR).as_posix(): sha256_file(p) for p in RAW_DIR.rglob("*") if p.is_file()}


def test_raw_folder_is_never_a_batch_output(inbox: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _raw_files()
    code, _, err = run(["ingest", str(inbox), "-o", str(RAW_DIR)], capsys)
    assert code == 1 and "never written" in err
    with pytest.raises(PresslensError, match="never written"):
        ArticleFolder(RAW_DIR / "sub")
    assert _raw_files() == before


def test_bbc_politics_folder(realworld: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bbc"
    code, _, err = run(["ingest", str(realworld / "corpus" / "bbc" / "politics"), "-o", str(out)], capsys)
    assert code == 0, err
    # the dataset itself holds 14 texts twice under different numbers
    assert "ingested 403 articles from 417 files" in err and "skipped 14 as duplicates" in err
    assert "ingest: 100%" in err
    first = stored(out)["001.json"]["metadata"]
    assert first["title"] == "Labour plans maternity pay rise" and first["title_source"] == "first_line"
