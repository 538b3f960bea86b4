"""The command line: ingest and analyze on the seed, and every bad-input path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from presslens.cli import main
from presslens.paths import RAW_DIR
from presslens.textio import sha256_file


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ingest_to_stdout(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["ingest", str(seed_path), "-o", "-"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["metadata"]["slug"] == "zelensky-trump-nato-summit"
    assert sum(s["kind"] in ("sentence", "list_item") for s in data["sentences"]) == 45


def test_ingest_with_metadata_to_file(seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seed.json"
    code, _, err = run(
        ["ingest", str(seed_path), "-o", str(out), "--title", "T", "--outlet", "O", "--published", "2025-06-25", "--url", "https://x.test/a"],
        capsys,
    )
    assert code == 0, err
    meta = json.loads(out.read_text(encoding="utf-8"))["metadata"]
    assert (meta["title"], meta["outlet"], meta["published"], meta["url"]) == ("T", "O", "2025-06-25", "https://x.test/a")
    assert meta["title_source"] == "option"


def test_ingest_into_a_folder(seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(["ingest", str(seed_path), "-o", str(tmp_path)], capsys)
    assert code == 0
    assert (tmp_path / "zelensky-trump-nato-summit.json").is_file()


def test_analyze_json_on_seed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyze", "--json"], capsys)
    assert code == 0
    article = json.loads(out)["article"]
    assert article["sentences"] == 45
    assert article["headings"] == 4
    assert article["slug"] == "zelensky-trump-nato-summit"
    assert len(article["sections"]) == 5 and article["sections"][0]["heading"] is None
    assert [s["sentences"] for s in article["sections"]] == [3, 9, 9, 11, 13]
    assert sum(s["words"] for s in article["sections"]) == article["words"]
    assert [lst["items"] for lst in article["lists"]] == [3, 3, 3, 3]
    assert set(article) >= {"id", "slug", "title", "words", "sentences", "headings", "sections", "lists"}


def test_analyze_structured_json_gives_the_same(seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "seed.json"
    run(["ingest", str(seed_path), "-o", str(out)], capsys)
    _, from_json, _ = run(["analyze", str(out), "--json"], capsys)
    _, from_raw, _ = run(["analyze", str(seed_path), "--json"], capsys)
    assert json.loads(from_json) == json.loads(from_raw)


def test_analyze_text_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyze"], capsys)
    assert code == 0
    assert "45 body sentences" in out and "4 headings" in out
    # no date: when each title is right, then the finding that dates the article by its titles
    assert "  Donald Trump, “former U.S. President” (President of the United States): for articles dated " \
           "between 2021-01-20 and 2025-01-20\n" in out
    assert "  - The article gives no date, so its titles date it: " in out.split("key findings:")[1]


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\t\n ")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Caf\u00e9 talks resumed.".encode("latin-1"))
    unknown = tmp_path / "article.docx"
    unknown.write_text("text", encoding="utf-8")
    return {
        "missing": (tmp_path / "nope.txt", "no such file"),
        "directory": (tmp_path, "is a directory"),
        "empty": (empty, "empty or contains only whitespace"),
        "whitespace": (blank, "empty or contains only whitespace"),
        "binary": (binary, "binary file"),
        "not utf-8": (latin, "not valid UTF-8 (bad byte 0xe9 at offset 3)"),
        "extension": (unknown, "unsupported file type '.docx'"),
    }


@pytest.mark.parametrize("case", ["missing", "directory", "empty", "whitespace", "binary", "not utf-8", "extension"])
@pytest.mark.parametrize("command", ["ingest", "analyze"])
def test_bad_input_is_one_line_and_nonzero(
    case: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, problem = _bad_inputs(tmp_path)[case]
    out_dir = tmp_path / "out"
    args = [command, str(path)] + (["-o", str(out_dir / "x.json")] if command == "ingest" else [])
    code, out, err = run(args, capsys)
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("presslens: error: ")
    assert str(path) in err and problem in err
    assert not out_dir.exists()


def test_unwritable_output_folder(seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("not a folder", encoding="utf-8")
        target = blocker / "sub" / "x.json"  # a file where a folder should be fails even for root
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        target = locked / "x.json"
    code, _, err = run(["ingest", str(seed_path), "-o", str(target)], capsys)
    assert code == 1
    assert "cannot write" in err and err.count("\n") == 1


def test_raw_folder_is_never_written(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p: sha256_file(p) for p in RAW_DIR.rglob("*") if p.is_file()}
    code, _, err = run(["ingest", str(seed_path), "-o", str(RAW_DIR / "copy.json")], capsys)
    assert code == 1 and "never written" in err
    assert {p: sha256_file(p) for p in RAW_DIR.rglob("*") if p.is_file()} == before


def test_bad_date_is_a_usage_error(seed_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["ingest", str(seed_path), "--published", "25/06/2025"])
    assert info.value.code == 2
    assert "not a date in the form YYYY-MM-DD" in capsys.readouterr().err


def test_console_script_has_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "presslens.cli", "analyze", str(tmp_path / "missing.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"presslens: error: {tmp_path / 'missing.txt'}: no such file"


def test_analyze_json_carries_every_analysis(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyze", "--json"], capsys)
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"article", "topics", "stakeholders", "co_mentions", "claims", "repetition", "findings", "role_check"}
    topics = result["topics"]
    assert {t["id"] for t in topics[:2]} == {"diplomacy", "military_support"}
    assert [t["weighted_share"] for t in topics] == sorted((t["weighted_share"] for t in topics), reverse=True)
    assert set(topics[0]) == {"id", "label", "share", "weighted_share", "sentences"}
    mentions = {s["id"]: s["mentions"] for s in result["stakeholders"]}
    assert mentions["nato"] == 13 and mentions["ukraine"] == 14
    assert {"a": "donald_trump", "b": "volodymyr_zelensky", "sentences": 5} in result["co_mentions"]
    claims = result["claims"]
    assert claims["sentences"] == 45 and claims["anonymous"] <= claims["attributed"] <= 3
    assert {"repeated_share", "pairs"} <= set(result["repetition"])


def test_analyze_with_a_taxonomy_of_ones_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = tmp_path / "mine.yaml"
    taxonomy.write_text(
        "topics:\n  - id: summitry\n    label: Summitry\n    description: Summits and meetings.\n    terms: [summit, meeting]\n",
        encoding="utf-8",
    )
    code, out, err = run(["analyze", "--json", "--topics", str(taxonomy)], capsys)
    assert code == 0, err
    topics = json.loads(out)["topics"]
    assert [t["id"] for t in topics] == ["summitry"] and topics[0]["sentences"] > 0


def test_analyze_refuses_a_bad_taxonomy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taxonomy = tmp_path / "bad.yaml"
    taxonomy.write_text("topics:\n  - id: x\n    label: X\n    description: d\n    terms: []\n", encoding="utf-8")
    code, _, err = run(["analyze", "--topics", str(taxonomy)], capsys)
    assert code == 1
    assert str(taxonomy) in err and "topics[0] (id 'x')" in err and "terms" in err


def test_analyze_prints_findings_and_the_role_check(capsys) -> None:
    from presslens.cli import main

    assert main(["analyze", "--published", "2025-06-24"]) == 0
    out = capsys.readouterr().out
    assert "role check on 2025-06-24: 4 titles contradict" in out
    assert "key findings:" in out and "former U.S. President" in out
    assert main(["analyze", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["role_check"]["published"] is None and data["role_check"]["flags"] == []
    assert data["role_check"]["windows"][1] == {
        "stakeholder": "donald_trump", "name": "Donald Trump", "title": "former U.S. President",
        "office": "President of the United States", "start": "2021-01-20", "end": "2025-01-20", "first_sentence": "s1",
    }
    assert any(f["text"].startswith("The article gives no date, so its titles date it: “former U.S. President” fits "
                                    "Donald Trump only for articles dated between 2021-01-20 and 2025-01-20")
               for f in data["findings"])
    assert 5 <= len(data["findings"]) <= 8 and all(f["text"] and f["section"] for f in data["findings"])
    assert main(["analyze", "--json", "--published", "2025-06-24"]) == 0
    flags = json.loads(capsys.readouterr().out)["role_check"]["flags"]
    assert [f["sentence"] for f in flags] == ["s1", "s5", "s25", "s47"]
