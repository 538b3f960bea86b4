"""``presslens ingest``: article files into structured article JSON, one file per article.

One input file can go to a named file or to stdout (``-o FILE``, ``-o -``); many go into a
folder, duplicates skipped, with a summary of what was written, skipped and failed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from presslens.cli.messages import EXIT_PARTIAL, MAX_LISTED_DUPLICATES, print_warnings
from presslens.cli.parser import metadata_overrides, metadata_sidecar
from presslens.errors import PresslensError
from presslens.paths import ARTICLES_DIR, RAW_DIR


def _resolve_output(article_slug: str, output: str | None) -> Path | None:
    if output == "-":
        return None
    target = Path(output) if output else ARTICLES_DIR / f"{article_slug}.json"
    if target.is_dir():
        target = target / f"{article_slug}.json"
    resolved = target.resolve()
    if resolved == RAW_DIR.resolve() or RAW_DIR.resolve() in resolved.parents:
        raise PresslensError(target, "data/raw/ holds the original inputs and is never written to; choose another output")
    return target


def _single_article_output(output: str | None) -> bool:
    """Whether ``-o`` names one file (or stdout) rather than a folder."""
    if output is None:
        return False
    return output == "-" or (output.lower().endswith(".json") and not Path(output).is_dir())


def cmd_ingest(args: argparse.Namespace) -> int:
    from presslens.ingest import ingest_file
    from presslens.ingest.batch import ArticleFolder, collect_inputs, ingest_batch
    from presslens.model import save_article

    overrides = metadata_overrides(args)
    files, problems = collect_inputs(args.paths)
    one_file = len(args.paths) == 1 and len(files) == 1 and Path(args.paths[0]).is_file()
    if len(args.paths) == 1 and problems and not files:
        raise problems[0]
    given = [f"--{name}" for name, value in overrides.items() if value is not None]
    if given and not one_file:
        verb = "applies" if len(given) == 1 else "apply"
        raise PresslensError(None, f"{', '.join(given)} {verb} to a single article; leave them out when ingesting several files")

    sidecar = metadata_sidecar(args, args.paths)
    if _single_article_output(args.output):
        if len(args.paths) == 1 and Path(args.paths[0]).is_dir():
            raise PresslensError(args.paths[0], "is a directory; -o FILE and -o - take a single article, give a folder (-o DIR) for a folder's articles")
        if not one_file:
            raise PresslensError(args.output, "-o FILE and -o - take a single article; give a folder (-o DIR) for several files")
        articles = ingest_file(files[0], fmt=args.fmt, sidecar=sidecar, **overrides)
        if len(articles) != 1:
            raise PresslensError(files[0], f"holds {len(articles)} articles; -o FILE and -o - take one, give a folder (-o DIR)")
        print_warnings(sidecar)
        target = _resolve_output(articles[0].metadata.slug, args.output)
        if target is None:
            sys.stdout.write(articles[0].to_json())
            return 0
        save_article(articles[0], target)
        print(f"{files[0]} -> {target} ({len(articles[0].body_sentences)} body sentences, {len(articles[0].headings)} headings)", file=sys.stderr)
        return 0

    folder = ArticleFolder(Path(args.output) if args.output else ARTICLES_DIR, overwrite=args.overwrite)
    lines: list[str] = []
    summary = ingest_batch(
        files,
        folder,
        fmt=args.fmt,
        overrides=overrides,
        on_written=lambda source, target, article: lines.append(
            f"{source} -> {target} ({len(article.body_sentences)} body sentences, {len(article.headings)} headings)"
        ),
        sidecar=sidecar,
    )
    print_warnings(sidecar)
    failed = problems + summary.failed
    if one_file and len(summary.failed) == 1 and not summary.written and not summary.duplicates:
        raise summary.failed[0]  # a single bad file: one line, as before
    if len(lines) == 1 and not failed and not summary.duplicates:
        print(lines[0], file=sys.stderr)
        return 0
    print(
        f"ingested {len(summary.written)} article{'s' * (len(summary.written) != 1)} from {summary.files} "
        f"file{'s' * (summary.files != 1)} into {folder.folder}",
        file=sys.stderr,
    )
    if summary.duplicates:
        print(f"skipped {len(summary.duplicates)} as duplicate{'s' * (len(summary.duplicates) != 1)} (same text; --overwrite replaces stored ones):", file=sys.stderr)
        for duplicate in summary.duplicates[:MAX_LISTED_DUPLICATES]:
            print(f"  {duplicate.source}: same article as {duplicate.same_as}", file=sys.stderr)
        if len(summary.duplicates) > MAX_LISTED_DUPLICATES:
            print(f"  ... and {len(summary.duplicates) - MAX_LISTED_DUPLICATES} more", file=sys.stderr)
    if failed:
        print(f"failed {len(failed)}:", file=sys.stderr)
        for error in failed:
            print(f"  {error}", file=sys.stderr)
        return EXIT_PARTIAL if summary.written else 1
    return 0
