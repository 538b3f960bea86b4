"""``presslens corpus``, ``compare`` and ``sql``: the commands that build, compare and query a corpus store.

``corpus`` analyses many articles into a store; ``compare`` builds or updates one (or takes
a store as it is) and renders the comparison report; ``sql`` runs one read-only query on it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from presslens.cli.checks import check_inputs, chosen_notebook, refuse_raw_output
from presslens.cli.messages import EXIT_PARTIAL, MAX_LISTED_DUPLICATES, print_failures, print_warnings
from presslens.cli.parser import metadata_sidecar
from presslens.errors import PresslensError


def _run_corpus(args: argparse.Namespace, store: Path):
    from presslens.corpus import build_store
    from presslens.corpus.build import DEFAULT_CHUNK_SIZE

    sidecar = metadata_sidecar(args, args.paths)
    summary = build_store(
        args.paths, store, workers=args.workers, scheduler=args.scheduler, chunk_size=args.chunk_size or DEFAULT_CHUNK_SIZE,
        topics=args.topics, stakeholders=args.stakeholders, claim_cues=args.claim_cues,
        rebuild=getattr(args, "rebuild", False), progress=True, sidecar=sidecar,
    )
    print_warnings(sidecar)
    rate = summary.analysed / summary.seconds if summary.seconds else 0.0
    print(
        f"corpus: analysed {summary.analysed} article{'s' * (summary.analysed != 1)}"
        f"{f' ({summary.replaced} replacing changed sources)' if summary.replaced else ''}, "
        f"{summary.unchanged} unchanged, {len(summary.duplicates)} duplicate{'s' * (len(summary.duplicates) != 1)}, "
        f"{len(summary.failed)} failed, from {summary.files} file{'s' * (summary.files != 1)} "
        f"in {summary.seconds:.1f} s ({rate:.1f} articles/s) -> {summary.store}",
        file=sys.stderr,
    )
    for source, same_as in summary.duplicates[:MAX_LISTED_DUPLICATES]:
        print(f"  duplicate: {source}: same text as {same_as}", file=sys.stderr)
    if len(summary.duplicates) > MAX_LISTED_DUPLICATES:
        print(f"  ... and {len(summary.duplicates) - MAX_LISTED_DUPLICATES} more duplicates", file=sys.stderr)
    for repair in summary.repaired:
        print(f"  repaired: {repair}", file=sys.stderr)
    print_failures(summary.failed)
    return summary


def cmd_corpus(args: argparse.Namespace) -> int:
    from presslens.corpus import default_store

    check_inputs(args.paths)
    store = args.out if args.out else default_store(args.paths, args.name)
    refuse_raw_output(Path(store))
    summary = _run_corpus(args, store)
    print(summary.store)
    if summary.failed and not (summary.analysed or summary.unchanged):
        return 1
    return EXIT_PARTIAL if summary.failed else 0


def cmd_compare(args: argparse.Namespace) -> int:
    from presslens.corpus import default_store, is_store
    from presslens.paths import COMPARE_REPORT_NOTEBOOK
    from presslens.report.render import check_formats, parse_parameters, render_notebook

    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    check_formats(formats)
    notebook = chosen_notebook(args.notebook, COMPARE_REPORT_NOTEBOOK)
    parameters = parse_parameters(notebook, [tuple(p) for p in args.parameter])
    for reserved in ("store", "inputs"):
        if reserved in parameters:
            raise PresslensError(f"-p {reserved}", "is set by presslens compare; give the store or the articles as PATH")
    refuse_raw_output(args.out)
    check_inputs(args.paths)
    failed = False
    if len(args.paths) == 1 and is_store(Path(args.paths[0])):
        from presslens.corpus.layout import check_parts
        from presslens.corpus.store import CorpusStore

        store = Path(args.paths[0])
        CorpusStore(store)  # a damaged manifest or part is one line here, before the kernel starts
        check_parts(store)
    else:
        store = args.store or default_store(args.paths, args.name)
        summary = _run_corpus(args, store)
        failed = bool(summary.failed)
        if not (summary.analysed or summary.unchanged):
            raise PresslensError(store, "no article could be analysed, so there is nothing to compare")
    name = args.name or store.name
    result = render_notebook(
        notebook,
        parameters={**parameters, "store": str(store.resolve()), "inputs": []},
        folder_name=f"compare-{name}",
        title=f"Comparing coverage: {name}",
        out_dir=args.out,
        formats=formats,
        progress=lambda line: print(line, file=sys.stderr, flush=True),
    )
    for kind in ("html", "pdf"):
        if kind in result.files:
            print(result.files[kind])
    return EXIT_PARTIAL if failed else 0


def cmd_sql(args: argparse.Namespace) -> int:
    from presslens.corpus import query

    result = query(args.store, args.query)
    if args.csv:
        result.to_csv(sys.stdout, index=False)
        return 0
    import pandas as pd

    with pd.option_context("display.width", 200, "display.max_columns", 50, "display.max_colwidth", 80):
        print(result.head(args.max_rows).to_string(index=False))
    if len(result) > args.max_rows:
        print(f"({len(result)} rows, first {args.max_rows} shown; --csv prints all, --max-rows N shows more)", file=sys.stderr)
    return 0
