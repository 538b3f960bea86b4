"""The bad-input matrix (issue 15): each careless or hostile input gives one line, a known status, no traceback.

Each case runs the real command line in a subprocess from a scratch working directory and
checks four things: the message, the exit status, that no traceback is printed, and that no
file was written outside the scratch folder (the repository's data/ and reports/ are
compared before and after).
"""

from __future__ import annotations

import copy
import errno
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from presslens.paths import PROJ_ROOT

WATCHED = [PROJ_ROOT / "data", PROJ_ROOT / "reports"]


def _snapshot() -> set[str]:
    return {str(p) for folder in WATCHED if folder.exists() for p in folder.rglob("*")}


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "presslens.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120)


CASES = [
    # (id, arguments with {tmp} for the scratch folder, status, words the one-line message must hold)
    ("report of a missing file", ["report", "{tmp}/missing.txt", "--out", "{tmp}/r"], 1, "missing.txt: no such file or folder"),
    ("report into data/raw", ["report", "--out", str(PROJ_ROOT / "data" / "raw")], 1, "data/raw/ holds the original inputs"),
    ("malformed -p published", ["report", "--format", "html", "--out", "{tmp}/r", "-p", "published", "25/06/2025"], 1,
     "-p published: '25/06/2025' is not a date in the form YYYY-MM-DD"),
    ("broken -p topics", ["report", "--format", "html", "--out", "{tmp}/r", "-p", "topics", "{tmp}/bad.yaml"], 1,
     "bad.yaml"),
    ("compare of a missing folder", ["compare", "{tmp}/missing", "--out", "{tmp}/r", "--store", "{tmp}/store"], 1,
     "missing: no such file or folder"),
    ("corpus of a missing folder", ["corpus", "{tmp}/missing", "--out", "{tmp}/store"], 1, "missing: no such file or folder"),
    ("a corpus name that climbs out", ["corpus", "{tmp}", "--name", "../x"], 2, "is not a corpus name"),
    ("a scheduler that is no address", ["corpus", "{tmp}", "--out", "{tmp}/store", "--scheduler", "not a url"], 2,
     "is not a scheduler address"),
    ("sql over a store with a truncated manifest", ["sql", "{tmp}/damaged", "SELECT count(*) FROM articles"], 1,
     "damaged/manifest.parquet: is damaged (Parquet file size is 7 bytes, smaller than the minimum file footer"),
    ("a structured article with shifted offsets", ["report", "{tmp}/shifted.json", "--format", "html", "--out", "{tmp}/r"], 1,
     "shifted.json: invalid structured article: (top level): sentences[2] (s3): offset"),
    ("a structured article whose text was edited", ["report", "{tmp}/edited.json", "--format", "html", "--out", "{tmp}/r"], 1,
     "edited.json: invalid structured article: (top level): metadata.id"),
]

#: Progress lines ("[1/3] reading ...") may come before the one-line error.
PROGRESS = re.compile(r"^\[\d+/\d+\] ")

#: A short article written for these tests.
ARTICLE_TEXT = (
    "Talks resume in Kyiv\n\n"
    "Ukrainian and European officials resumed talks in Kyiv on Monday. "
    "Zelensky said the talks would go on all week. "
    "Officials from both sides declined to comment.\n"
)


def _write_inputs(folder: Path) -> None:
    """The broken files the cases name: a bad topics file, two tampered structured articles, a damaged store."""
    from presslens.ingest import ingest_text
    from presslens.ingest.metadata import MetadataFields

    (folder / "bad.yaml").write_text("topics: [\n", encoding="utf-8")
    article = json.loads(ingest_text(ARTICLE_TEXT, MetadataFields(slug="talks")).to_json())
    shifted = copy.deepcopy(article)
    shifted["sentences"][2]["start"] += 1  # "elensky said ..."
    (folder / "shifted.json").write_text(json.dumps(shifted), encoding="utf-8")
    edited = copy.deepcopy(article)
    edited["text"] = edited["text"].replace("Monday", "Friday")  # same length: every offset still fits
    (folder / "edited.json").write_text(json.dumps(edited), encoding="utf-8")
    damaged = folder / "damaged"  # a corpus store whose manifest was cut short
    damaged.mkdir()
    (damaged / "store.json").write_text('{"format": "presslens-corpus-store", "version": 1, "lexicons": {}}', encoding="utf-8")
    (damaged / "manifest.parquet").write_bytes(b"PAR1\x15\x04\x15")


@pytest.mark.slow  # each case starts a Python process (about 1 to 2 s)
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input(case, tmp_path: Path):
    _, args, status, message = case
    _write_inputs(tmp_path)
    before = _snapshot()
    done = run([a.replace("{tmp}", str(tmp_path)) for a in args], cwd=tmp_path)
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert message.replace("{tmp}", str(tmp_path)) in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip() and not PROGRESS.match(line)]
    assert len(lines) == 1 or status == 2, lines  # argparse prints its usage line before the message
    assert _snapshot() == before
    assert not (tmp_path / "store").exists() and not (tmp_path / "r").exists()


def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path: Path):
    from presslens.ingest import load_any

    text = "Kyiv talks resume\n\nUkrainian and European officials resumed talks in Kyiv on Monday, a spokesman said.\n"
    for encoding in ("utf-16", "utf-32"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))  # Python writes the byte-order mark first
        article = load_any(path)
        assert article.metadata.title == "Kyiv talks resume" and "spokesman" in article.text


def test_a_nul_byte_anywhere_is_refused(tmp_path: Path):
    from presslens.errors import PresslensError
    from presslens.ingest import load_any

    path = tmp_path / "late-nul.txt"
    path.write_bytes(b"Title line\n\n" + b"Plain prose. " * 2000 + b"\x00 hidden")
    with pytest.raises(PresslensError, match="NUL byte at offset"):
        load_any(path)


def test_the_size_limit_is_said_exactly(tmp_path: Path):
    from presslens.errors import PresslensError
    from presslens.textio import MAX_INPUT_BYTES, read_bytes

    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (MAX_INPUT_BYTES + 1))
    with pytest.raises(PresslensError, match="above the 16 MiB limit"):
        read_bytes(path)


def test_nested_and_oversized_json_and_yaml_give_one_line(tmp_path: Path):
    """JSON nested 100,000 deep, a 5,000-digit id, YAML nested 20,000 deep, a 600-word term: errors, not tracebacks."""
    from presslens.analysis.topics import load_taxonomy
    from presslens.errors import PresslensError
    from presslens.ingest import ingest_file, iter_ingest

    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(PresslensError, match="nested too deeply"):
        ingest_file(deep)
    big = tmp_path / "big.json"
    big.write_text('{"id": ' + "9" * 5000 + ', "title": "T", "text": "Ukraine said on Monday that talks will go on."}')
    with pytest.raises(PresslensError, match="not usable JSON"):
        ingest_file(big)
    lines = tmp_path / "mixed.jsonl"
    good = '{"title": "Talks go on", "text": "Ukraine said on Monday that talks will go on."}'
    lines.write_text(good + "\n" + "[" * 100_000 + "]" * 100_000 + "\n" + good.replace("Monday", "Friday") + "\n")
    results = list(iter_ingest(lines))
    assert [type(r).__name__ for r in results] == ["Article", "PresslensError", "Article"]  # one bad record costs no other
    yaml_file = tmp_path / "deep.yaml"
    yaml_file.write_text("topics: " + "[" * 20_000 + "]" * 20_000 + "\n")
    with pytest.raises(PresslensError, match="nested too deeply"):
        load_taxonomy(yaml_file)
    long_term = tmp_path / "long.yaml"
    long_term.write_text('topics:\n  - id: x\n    label: X\n    description: d\n    terms: ["' + " ".join(["word"] * 600) + '"]\n')
    with pytest.raises(PresslensError, match="at most 200 are allowed"):
        load_taxonomy(long_term)


def test_a_full_disk_gives_one_line_and_keeps_the_previous_report(tmp_path: Path, monkeypatch, capsys):
    """ENOSPC while the report is written: one line naming the file, status 1, the previous report intact."""
    from presslens import cli
    from presslens.report import render

    def no_kernel(notebook: Path, output: Path, parameters: dict) -> None:
        output.write_text("{}", encoding="utf-8")

    def full_disk(executed: Path, html_path: Path, *, title: str, exporter: object = None) -> None:
        with html_path.open("w", encoding="utf-8") as handle:
            handle.write("<html>half a report")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(html_path))

    monkeypatch.setattr(render, "_execute", no_kernel)
    monkeypatch.setattr(render, "export_html", full_disk)
    out = tmp_path / "r"
    (out / "talks").mkdir(parents=True)
    (out / "talks" / "report.html").write_text("previous report", encoding="utf-8")
    article = tmp_path / "talks.txt"
    article.write_text(ARTICLE_TEXT, encoding="utf-8")
    status = cli.main(["report", str(article), "--format", "html", "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 1
    errors = [line for line in captured.err.splitlines() if line.strip() and not PROGRESS.match(line)]
    assert errors == [
        f"presslens: error: {out / 'talks' / 'report.html'}: cannot write the report (No space left on device); "
        f"{out / 'talks'} is left as it was"
    ]
    assert (out / "talks" / "report.html").read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in out.iterdir()) == ["talks"]  # no temporary folder left


def _many_articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        body = " ".join(f"Officials from {n} towns met in Kyiv on Monday for round {k}, a spokesman said." for k in range(12))
        (folder / f"talks-{n:03d}.txt").write_text(f"Talks resume in Kyiv, round {n}\n\n{body}\n", encoding="utf-8")
    return folder


def _wait_for(condition, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow  # a corpus run of a few seconds in a Python process
def test_ctrl_c_during_a_corpus_run_keeps_every_finished_chunk(tmp_path: Path):
    from presslens.corpus import CorpusStore

    inputs, store = _many_articles(tmp_path / "inputs", 300), tmp_path / "store"
    before = _snapshot()
    run = subprocess.Popen([sys.executable, "-m", "presslens.cli", "corpus", str(inputs), "--out", str(store), "--workers", "1",
                            "--chunk-size", "5"], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: (store / "articles" / "part-000003.parquet").exists() or run.poll() is not None, 60)
    run.send_signal(signal.SIGINT)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "Traceback" not in err and "Traceback" not in out
    messages = [line for line in err.splitlines() if line.startswith("presslens:")]
    assert len(messages) == 1 and messages[0].startswith("presslens: interrupted; "), err[-2000:]
    stored = CorpusStore(store).size
    assert 15 <= stored < 300 and stored % 5 == 0  # whole chunks only, each stored as it finished
    assert f"{stored} articles analysed and stored in {store}; run again to continue" in messages[0]
    assert _snapshot() == before


@pytest.mark.slow  # starts a corpus run with two worker processes
def test_killing_the_corpus_driver_ends_its_workers(tmp_path: Path):
    import psutil

    inputs, store = _many_articles(tmp_path / "inputs", 300), tmp_path / "store"
    run = subprocess.Popen([sys.executable, "-m", "presslens.cli", "corpus", str(inputs), "--out", str(store), "--workers", "2",
                            "--chunk-size", "5"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: (store / "articles" / "part-000002.parquet").exists(), 60)
        children = psutil.Process(run.pid).children(recursive=True)
        assert len(children) >= 2  # the workers (and the resource tracker)
    finally:
        run.kill()
        run.wait()

    def alive(process: psutil.Process) -> bool:
        try:
            return process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    try:
        _wait_for(lambda: not any(alive(c) for c in children), 10)
    finally:
        for child in children:
            if alive(child):
                child.kill()


BOMB_READER = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: a line held whole would not fit
from presslens.ingest import iter_ingest
results = list(iter_ingest(Path(sys.argv[1])))
print([type(r).__name__ for r in results])
print(results[0])
"""


@pytest.mark.slow  # inflates 2 GiB (about 5 s)
def test_a_jsonl_gz_line_that_inflates_to_gigabytes_is_refused_in_bounded_memory(tmp_path: Path):
    import gzip

    bomb = tmp_path / "bomb.jsonl.gz"
    member = gzip.compress(b"a" * (64 << 20), compresslevel=9)  # gzip members concatenate: 32 of them inflate to 2 GiB
    good = '{"title": "Talks go on", "text": "Ukraine said on Monday that talks will go on."}\n'
    with bomb.open("wb") as handle:
        for _ in range(32):
            handle.write(member)
        handle.write(gzip.compress(b"\n" + good.encode()))
    assert bomb.stat().st_size < 10 << 20
    done = subprocess.run([sys.executable, "-c", BOMB_READER, str(bomb)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    kinds, message = done.stdout.splitlines()
    assert kinds == "['PresslensError', 'Article']"  # the good record after the bomb still counts
    assert message == f"{bomb}:1: line is 2.0 GiB, above the 16 MiB limit for one article"


@pytest.mark.slow  # runs the report notebook (about 5 s)
def test_a_relative_out_folder_works(tmp_path: Path):
    """`--out r` is relative to the working directory, although papermill runs the notebook in the project root."""
    (tmp_path / "talks.txt").write_text(ARTICLE_TEXT, encoding="utf-8")
    done = run(["report", "talks.txt", "--out", "r", "--format", "html"], cwd=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert (tmp_path / "r" / "talks" / "report.html").is_file()
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == ["talks"]


@pytest.mark.slow  # starts a Python process
def test_a_broken_chromium_is_found_before_the_notebook_runs(tmp_path: Path):
    """PRESSLENS_CHROMIUM naming no browser: one line at once, before any kernel starts (issue 15)."""
    env = {**os.environ, "PRESSLENS_CHROMIUM": str(tmp_path / "no-such-chromium")}
    done = subprocess.run([sys.executable, "-m", "presslens.cli", "report", "--out", str(tmp_path / "r")], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines[-1] == f"presslens: error: {tmp_path / 'no-such-chromium'}: PRESSLENS_CHROMIUM does not name an executable file"
    assert not any("executing" in line for line in lines), lines  # the kernel never started
    assert not (tmp_path / "r").exists() or not any((tmp_path / "r").iterdir())


@pytest.mark.slow  # builds a store and starts Python processes
def test_compare_and_sql_over_a_store_with_a_damaged_part_are_one_line_before_any_kernel(tmp_path: Path):
    """A truncated part is named at once by readers; a corpus run on the same inputs repairs it (issue 15)."""
    from presslens.corpus.build import build_store
    from presslens.paths import RAW_DIR

    store = tmp_path / "store"
    build_store([RAW_DIR / "samples"], store, workers=1, chunk_size=2, progress=False)
    part = sorted((store / "sentences").glob("part-*.parquet"))[-1]
    part.write_bytes(part.read_bytes()[: part.stat().st_size // 2])
    before = _snapshot()
    for args in (["compare", str(store), "--format", "html", "--out", str(tmp_path / "r")], ["sql", str(store), "SELECT count(*) FROM sentences"]):
        done = run(args, cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr and "executing" not in done.stderr
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert lines == [f"presslens: error: {part}: is damaged (Parquet magic bytes not found in footer. Either the file is corrupted "
                         "or this is not a parquet file.); run presslens corpus on the same inputs to repair the store"], lines
    assert _snapshot() == before and not (tmp_path / "r").exists()
