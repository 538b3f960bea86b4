"""Run every benchmark, or the ones named: ``python benchmarks/run.py [analysis sentences report extraction matching corpus accuracy scaling]``.

Each benchmark module has a ``main()`` that measures its subject against a baseline in
the same run and prints ratios; absolute times on a shared machine are only context.
"""

from __future__ import annotations

import argparse
import importlib.util
import inspect
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = {
    "analysis": "bench_analysis.py",
    "sentences": "bench_sentences.py",
    "report": "bench_report.py",
    "extraction": "bench_extraction.py",
    "matching": "bench_matching.py",
    "corpus": "bench_corpus.py",
    "accuracy": "bench_accuracy.py",
    "scaling": "bench_scaling.py",
}


def _load(name: str):
    path = HERE / BENCHMARKS[name]
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the module runs
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"benchmarks to run: {', '.join(BENCHMARKS)} (default: all)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(BENCHMARKS)}")
    for name in args.names or list(BENCHMARKS):
        module = _load(name)
        if module is None:
            print(f"== {name}: not available yet ({BENCHMARKS[name]} missing)")
            continue
        print(f"== {name}")
        start = time.perf_counter()
        module.main([]) if "argv" in inspect.signature(module.main).parameters else module.main()
        print(f"   ({time.perf_counter() - start:.0f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
