"""Snapshot every number presslens produces, and compare two snapshots.

A refactor must leave the numbers alone. This script records them through the command line
only (so it works on any revision, whatever the package layout):

* ``presslens analyze FILE --json`` for each article;
* every CSV of ``presslens report FILE --format html`` (the tables behind the report);
* every table of a corpus store built with ``presslens corpus`` over a folder.

Usage::

    python scripts/snapshot.py take OUT [--articles FILE...] [--corpus FOLDER]
    python scripts/snapshot.py compare BEFORE AFTER

``take`` defaults to the seed article and the ten real articles of
``../shared/realworld/articles/`` (when present), and to the BBC politics folder for the
store. Snapshots hold derived third-party text, so keep them outside the repository.
``compare`` prints each file that differs with its first differing rows and exits 1 when
anything differs.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALWORLD = ROOT.parent / "shared" / "realworld"
PRESSLENS = [sys.executable, "-m", "presslens.cli"]


def default_articles() -> list[Path]:
    articles = [ROOT / "data" / "raw" / "zelensky-trump-nato-summit.txt"]
    articles += sorted((REALWORLD / "articles").glob("*.txt"))
    return articles


def _run(args: list[str], cwd: Path) -> str:
    done = subprocess.run([*PRESSLENS, *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"presslens {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def take(out: Path, articles: list[Path], corpus: Path | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for path in articles:
        name = path.stem
        target = out / "articles" / name
        target.mkdir(parents=True, exist_ok=True)
        analysis = json.loads(_run(["analyze", str(path), "--json"], ROOT))
        (target / "analyze.json").write_text(json.dumps(analysis, indent=1, sort_keys=True, ensure_ascii=False))
        with tempfile.TemporaryDirectory() as tmp:
            _run(["report", str(path), "--format", "html", "--out", tmp], ROOT)
            (folder,) = [p for p in Path(tmp).iterdir() if p.is_dir()]
            for csv in sorted(folder.rglob("*.csv")):
                shutil.copy(csv, target / csv.name)
        print(f"snapshot: {name}", flush=True)
    if corpus is not None and corpus.is_dir():
        import pyarrow.parquet as pq

        with tempfile.TemporaryDirectory() as tmp:
            store = Path(tmp) / "store"
            _run(["corpus", str(corpus), "--out", str(store), "--workers", "1"], ROOT)
            target = out / "store"
            target.mkdir(exist_ok=True)
            for table_dir in sorted(p for p in store.iterdir() if p.is_dir() and any(p.glob("*.parquet"))):
                frame = pq.read_table(table_dir).to_pandas()
                frame = frame.drop(columns=[c for c in ("source_path",) if c in frame])
                frame = frame.sort_values(list(frame.columns[:4])).reset_index(drop=True)
                frame.to_csv(target / f"{table_dir.name}.csv", index=False)
        print(f"snapshot: store of {corpus}", flush=True)


def compare(before: Path, after: Path) -> int:
    differ = 0
    names = sorted({p.relative_to(before) for p in before.rglob("*") if p.is_file()}
                   | {p.relative_to(after) for p in after.rglob("*") if p.is_file()})
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"{name}: only in {'after' if b.exists() else 'before'}")
            differ += 1
            continue
        old, new = a.read_text().splitlines(), b.read_text().splitlines()
        if old != new:
            differ += 1
            diff = list(difflib.unified_diff(old, new, str(a), str(b), n=0, lineterm=""))
            print(f"{name}: {sum(1 for d in diff if d.startswith('-') and not d.startswith('---'))} lines changed")
            for line in diff[2:14]:
                print("   ", line[:300])
    print(f"{len(names)} files compared, {differ} differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("take", help="record a snapshot into OUT")
    t.add_argument("out", type=Path)
    t.add_argument("--articles", type=Path, nargs="*", default=None)
    t.add_argument("--corpus", type=Path, default=REALWORLD / "corpus" / "bbc" / "politics")
    t.add_argument("--no-corpus", action="store_true")
    c = sub.add_parser("compare", help="compare two snapshots")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "take":
        take(args.out, args.articles or default_articles(), None if args.no_corpus else args.corpus)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
