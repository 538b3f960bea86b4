"""Corpus throughput and memory, comparison-report render time and batch-report throughput.

Measured on the BBC News corpus in ``../shared/realworld`` (skipped when it is absent):

(a) ``presslens corpus`` on the 2,225 BBC articles with every core, against a
    single-process run on the first ``baseline`` articles (articles per second; ratio);
(b) the same on a synthetic JSON Lines corpus of ``synthetic`` articles made by
    repeating the BBC texts with a numbered first line (so every content id differs),
    with the peak resident memory of the driver and of each worker at both sizes
    (ratio: how memory grows with the corpus);
(c) the comparison report (HTML) for the 90-article Ukraine corpus and for the synthetic
    store, with the HTML's size;
(d) batch article reports (HTML) for ``batch`` BBC articles with every core, against one
    worker.

Each corpus run is a fresh process (``python -c``), so its peak memory is its own.
``--corpus-only`` runs just the synthetic builds (b): 10,000 articles, and 100,000 with
``--full`` (minutes), printing articles/s, wall time and the peak RSS of the driver and
of the largest worker at each size, e.g.
``python benchmarks/bench_corpus.py --corpus-only --full``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_RUN = """
import json, sys
from pathlib import Path
from presslens.corpus import build_store
if __name__ == "__main__":
    paths, store, workers = json.loads(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    s = build_store(paths, store, workers=workers, progress=False)
    print(json.dumps({"analysed": s.analysed, "failed": len(s.failed), "seconds": s.seconds,
                      "driver_rss": s.driver_peak_rss, "worker_rss": max(s.worker_peak_rss.values(), default=0),
                      "workers": len(s.worker_peak_rss)}))
"""


def _corpus(paths: list[str], store: Path, workers: int) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _RUN, json.dumps(paths), str(store), str(workers)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _synthetic(files: list[Path], size: int, target: Path) -> None:
    texts = [f.read_text(encoding="utf-8") for f in files]
    with target.open("w", encoding="utf-8") as out:
        for n in range(size):
            text = texts[n % len(texts)]
            headline, _, body = text.partition("\n")
            out.write(json.dumps({"id": f"copy-{n}", "title": f"Copy {n}: {headline.strip()}", "text": body.strip()}) + "\n")


def _mib(value: float) -> str:
    return f"{value / 2**20:,.0f} MiB"


def synthetic_runs(sizes: list[int], *, workers: int | None = None) -> dict[int, dict[str, float]]:
    """Build a synthetic store of each size (from the BBC texts) and print throughput and memory.

    Args:
        sizes: Articles per run, e.g. ``[10_000, 100_000]``.
        workers: Worker processes; default every core.

    Returns:
        Per size: ``analysed``, ``seconds``, ``rate`` (articles/s), ``driver_rss`` and
        ``worker_rss`` (bytes); empty when the real-world data is absent.
    """
    from presslens.paths import REALWORLD_DIR

    bbc = sorted((REALWORLD_DIR / "corpus" / "bbc").glob("*/*.txt"))
    if not bbc:
        print(f"  skipped: real-world corpus not found under {REALWORLD_DIR}")
        return {}
    workers = workers or os.cpu_count() or 1
    runs: dict[int, dict[str, float]] = {}
    print(f"corpus, synthetic JSON Lines from the BBC texts, {workers} workers:")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            jsonl = Path(tmp) / f"synthetic-{size}.jsonl"
            _synthetic(bbc, size, jsonl)
            run = _corpus([str(jsonl)], Path(tmp) / f"store-{size}", workers)
            run["rate"] = run["analysed"] / run["seconds"]
            runs[size] = run
            print(f"  {size:>7,} articles   {run['rate']:6.1f} articles/s   {run['seconds'] / 60:5.1f} min wall   "
                  f"peak RSS: driver {_mib(run['driver_rss'])}, largest worker {_mib(run['worker_rss'])}"
                  + (f"   ({run['failed']} failed)" if run["failed"] else ""), flush=True)
            jsonl.unlink()
    return runs


def main(*, baseline: int = 300, synthetic: int = 10_000, batch: int = 10) -> dict[str, float]:
    """Run the benchmark and print the figures.

    Args:
        baseline: Articles in the single-process baseline run.
        synthetic: Articles in the synthetic corpus (100,000 for the full-size run).
        batch: Articles in the batch-report measurement.

    Returns:
        The figures, by name (empty when the real-world data is absent).
    """
    from presslens.report.batch import render_reports
    from presslens.paths import COMPARE_REPORT_NOTEBOOK, REALWORLD_DIR
    from presslens.report.render import render_notebook

    bbc = sorted((REALWORLD_DIR / "corpus" / "bbc").glob("*/*.txt"))
    ukraine = REALWORLD_DIR / "corpus" / "ukraine_crisis_2014_news_bias.jsonl"
    if not bbc or not ukraine.exists():
        print(f"  skipped: real-world corpus not found under {REALWORLD_DIR}")
        return {}
    cores = os.cpu_count() or 1
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = _corpus([str(p) for p in bbc[:baseline]], work / "baseline", 1)
        full = _corpus([str(REALWORLD_DIR / "corpus" / "bbc")], work / "bbc", cores)
        base_rate, full_rate = one["analysed"] / one["seconds"], full["analysed"] / full["seconds"]
        print(f"corpus, BBC ({full['analysed']:,} articles analysed, {cores} cores):")
        print(f"  (a0) 1 process, first {baseline} articles      {base_rate:6.1f} articles/s   (baseline)")
        print(f"  (a)  {cores} workers, all articles            {full_rate:6.1f} articles/s   a/a0 = {full_rate / base_rate:4.2f}")
        print(f"       peak RSS: driver {_mib(full['driver_rss'])}, largest worker {_mib(full['worker_rss'])}")

        jsonl = work / "synthetic.jsonl"
        _synthetic(bbc, synthetic, jsonl)
        big = _corpus([str(jsonl)], work / "synthetic", cores)
        big_rate = big["analysed"] / big["seconds"]
        print(f"  (b)  {cores} workers, synthetic {synthetic:,}        {big_rate:6.1f} articles/s   b/a0 = {big_rate / base_rate:4.2f}")
        print(f"       peak RSS: driver {_mib(big['driver_rss'])} ({big['driver_rss'] / full['driver_rss']:.2f}x the 2,225 run), "
              f"largest worker {_mib(big['worker_rss'])} ({big['worker_rss'] / full['worker_rss']:.2f}x) for {synthetic / full['analysed']:.1f}x the articles")

        ukraine_store = work / "ukraine"
        _corpus([str(ukraine)], ukraine_store, cores)
        timings = {}
        for name, store in (("ukraine", ukraine_store), ("synthetic", work / "synthetic")):
            start = time.perf_counter()
            result = render_notebook(COMPARE_REPORT_NOTEBOOK, parameters={"store": str(store), "inputs": []}, folder_name=f"compare-{name}",
                                     title=name, out_dir=work / "reports", formats=("html",))
            timings[name] = (time.perf_counter() - start, result.files["html"].stat().st_size)
        print("compare report, HTML:")
        print(f"  (c0) 88 articles (Ukraine 2014)         {timings['ukraine'][0]:6.1f} s   {_mib(timings['ukraine'][1])}   (baseline)")
        print(f"  (c)  {synthetic:,} articles (synthetic)      {timings['synthetic'][0]:6.1f} s   {_mib(timings['synthetic'][1])}   "
              f"c/c0 = {timings['synthetic'][0] / timings['ukraine'][0]:4.2f} for {synthetic / 88:.0f}x the articles")

        batch_files = bbc[:batch]
        start = time.perf_counter()
        single = render_reports(batch_files, out_dir=work / "batch1", formats=("html",), workers=1, progress=False)
        single_s = time.perf_counter() - start
        start = time.perf_counter()
        parallel = render_reports(batch_files, out_dir=work / "batchN", formats=("html",), workers=cores, progress=False)
        parallel_s = time.perf_counter() - start
        print(f"batch article reports, HTML ({len(parallel.rendered)} of {batch} rendered, {len(parallel.failed) + len(single.failed)} failed):")
        print(f"  (d0) 1 worker    {batch / single_s:5.2f} reports/s   (baseline)")
        print(f"  (d)  {cores} workers   {batch / parallel_s:5.2f} reports/s   d/d0 = {single_s / parallel_s:4.2f}")

    figures.update(
        baseline_rate=base_rate, bbc_rate=full_rate, bbc_speedup=full_rate / base_rate, synthetic_rate=big_rate,
        bbc_driver_rss=full["driver_rss"], bbc_worker_rss=full["worker_rss"], synthetic_driver_rss=big["driver_rss"],
        synthetic_worker_rss=big["worker_rss"], compare_90_s=timings["ukraine"][0], compare_90_bytes=timings["ukraine"][1],
        compare_synthetic_s=timings["synthetic"][0], compare_synthetic_bytes=timings["synthetic"][1],
        batch_single_s=single_s, batch_parallel_s=parallel_s,
    )
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=10_000, help="articles in the synthetic corpus (default: 10,000)")
    parser.add_argument("--baseline", type=int, default=300, help="articles in the single-process baseline (default: 300)")
    parser.add_argument("--batch", type=int, default=10, help="articles in the batch-report measurement (default: 10)")
    parser.add_argument("--corpus-only", action="store_true", help="only the synthetic corpus builds (10,000 articles; see --full)")
    parser.add_argument("--full", action="store_true", help="with --corpus-only: also the 100,000-article build (minutes)")
    options = parser.parse_args()
    if options.corpus_only:
        synthetic_runs([options.synthetic, 100_000] if options.full else [options.synthetic])
        sys.exit(0)
    main(baseline=options.baseline, synthetic=options.synthetic, batch=options.batch)
