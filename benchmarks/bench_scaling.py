"""Benchmark: how ingest and analysis of one article scale with its size (the curve, time against size).

Generated text only (:mod:`generated_text`, written for the project): ordinary prose in paragraphs,
and one paragraph that never ends a sentence. Each size runs in a fresh Python process, so the peak
resident memory it reports (``ru_maxrss``) is its own; the time is the work on the article alone
(ingest, then :func:`presslens.analysis.analyze_article`), after imports and lexicons.

Between consecutive sizes it prints the exponent ``log(time ratio) / log(size ratio)``: 1 is linear,
2 quadratic. The baseline is the smallest size of the same run, so the figures are ratios, not
times that depend on the machine. Run ``python benchmarks/run.py scaling`` (``make bench`` runs it
too) or ``python benchmarks/bench_scaling.py --prose 64 128 --endless 256`` (sizes in KB).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROSE_KB = (64, 128, 256, 512, 1024)
ENDLESS_KB = (256, 512, 1024, 2048)

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {here!r})
from generated_text import endless_paragraph, prose
from presslens.analysis import analyze_article, load_lexicons
from presslens.ingest import ingest_text
from presslens.ingest.metadata import MetadataFields

lexicons = load_lexicons()
text = (prose if {kind!r} == "prose" else endless_paragraph)({size})
start = time.perf_counter()
article = ingest_text(text, MetadataFields(source_path="generated.txt"))
ingested = time.perf_counter()
analysis = analyze_article(article, lexicons)
done = time.perf_counter()
print(json.dumps({{"ingest": ingested - start, "analyze": done - ingested, "sentences": len(article.sentences),
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def measure(kind: str, size_kb: int) -> dict[str, float]:
    """Ingest and analyse one generated article of ``size_kb`` KB in a fresh process."""
    code = _CHILD.format(here=str(HERE), kind=kind, size=size_kb * 1024)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _exponent(small: float, large: float, ratio: float) -> str:
    return f"{math.log(large / small) / math.log(ratio):.2f}" if small > 0 and large > 0 else "–"


def main(argv: list[str] | None = None) -> int:
    """Print the curve for prose and for the endless paragraph; returns 0."""
    parser = argparse.ArgumentParser(description="presslens: time and memory against article size")
    parser.add_argument("--prose", type=int, nargs="*", default=list(PROSE_KB), help="prose sizes in KB")
    parser.add_argument("--endless", type=int, nargs="*", default=list(ENDLESS_KB), help="endless-paragraph sizes in KB")
    args = parser.parse_args(argv)
    for kind, sizes in (("prose", args.prose), ("endless", args.endless)):
        if not sizes:
            continue
        print(f"   {kind}: {'KB':>6}{'sentences':>11}{'ingest s':>10}{'analyse s':>11}{'peak MiB':>10}"
              f"{'x ingest':>10}{'x analyse':>11}   (x: time ratio to the smallest size over size ratio)")
        rows = [(size, measure(kind, size)) for size in sorted(sizes)]
        base_size, base = rows[0]
        previous = None
        for size, row in rows:
            scale = size / base_size
            line = (f"   {'':{len(kind) + 1}} {size:>6}{row['sentences']:>11}{row['ingest']:>10.2f}{row['analyze']:>11.2f}"
                    f"{row['rss_mib']:>10.0f}{row['ingest'] / base['ingest'] / scale:>10.2f}"
                    f"{row['analyze'] / base['analyze'] / scale:>11.2f}")
            if previous is not None:
                ratio = size / previous[0]
                line += (f"   exponent ingest {_exponent(previous[1]['ingest'], row['ingest'], ratio)}, "
                         f"analyse {_exponent(previous[1]['analyze'], row['analyze'], ratio)}")
            print(line, flush=True)
            previous = (size, row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
