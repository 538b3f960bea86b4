"""The ``presslens`` command line: ingest, analyze, report, corpus, sql and compare.

Every user-fixable problem ends in one line on stderr that names the file and the
problem, and a non-zero exit status; tracebacks are kept for bugs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from presslens import __version__
from presslens.errors import PresslensError
from presslens.paths import (
    ARTICLES_DIR,
    DEFAULT_ARTICLE,
    DEFAULT_CLAIM_CUES,
    DEFAULT_STAKEHOLDERS,
    DEFAULT_TOPICS,
    RAW_DIR,
    REPORTS_DIR,
)

if TYPE_CHECKING:
    from presslens.ingest.sidecar import MetadataSidecar


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


def _corpus_name(value: str) -> str:
    """A corpus name is one folder name under data/processed/: letters, digits, '.', '_' and '-'."""
    if not value or value in (".", "..") or not set(value) <= _NAME_CHARS:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a corpus name: use letters, digits, '.', '_' and '-' only (no '/' or '..')"
        )
    return value


def _scheduler_address(value: str) -> str:
    """A Dask scheduler address: tcp://HOST:PORT (or another protocol), or HOST:PORT."""
    from urllib.parse import urlsplit

    candidate = value if "://" in value else f"tcp://{value}"
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError:
        port = None
        parts = None
    if parts is None or not parts.hostname or port is None or " " in value:
        raise argparse.ArgumentTypeError(f"{value!r} is not a scheduler address such as tcp://10.0.0.5:8786")
    return value


#: Exit status of corpus, compare and batch report when they finish but some inputs failed
#: (the failures are listed; everything else was written).
EXIT_PARTIAL = 3


def _add_metadata_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("metadata (overrides what the file says)")
    group.add_argument("--title", help="article title (default: the first line if it reads as a headline, see README)")
    group.add_argument("--outlet", help="publishing outlet, e.g. 'Reuters'")
    group.add_argument("--published", type=_iso_date, metavar="YYYY-MM-DD", help="publication date")
    group.add_argument("--url", help="the article's address")
    group.add_argument(
        "--language", type=_language_option, metavar="CODE",
        help="the article's language as an ISO 639-1 code such as en, de, uk (default: what the file says, else detected from the text)",
    )


def _add_sidecar_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("metadata for many files (fills what each file lacks; the options above override it)")
    group.add_argument(
        "--manifest", type=Path, metavar="FILE",
        help="CSV, TSV or JSON Lines: path,title,outlet,published,url,authors,language, or a Media Cloud / GDELT export "
        "(default: manifest.csv, metadata.csv or .jsonl/.tsv in the input folder)",
    )
    group.add_argument(
        "--filename-pattern", metavar="PATTERN",
        help="read metadata from file names, e.g. '{outlet}_{published}_{slug}' (also {title}, and {_} for ignored text)",
    )


def _sidecar(args: argparse.Namespace, paths: Sequence[str | Path]) -> MetadataSidecar | None:
    from presslens.ingest.sidecar import MetadataSidecar

    return MetadataSidecar.for_inputs(paths, manifest=args.manifest, filename_pattern=args.filename_pattern)


#: At most this many warnings are listed one by one.
MAX_LISTED_WARNINGS = 20


def _print_warnings(sidecar: MetadataSidecar | None) -> None:
    if sidecar is None:
        return
    warnings = list(dict.fromkeys(sidecar.warnings))
    for warning in warnings[:MAX_LISTED_WARNINGS]:
        print(f"presslens: warning: {warning}", file=sys.stderr)
    if len(warnings) > MAX_LISTED_WARNINGS:
        print(f"presslens: warning: ... and {len(warnings) - MAX_LISTED_WARNINGS} more", file=sys.stderr)


def _add_lexicon_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("lexicons")
    group.add_argument("--topics", type=Path, default=DEFAULT_TOPICS, metavar="FILE", help="topic taxonomy YAML (default: data/lexicons/topics.yaml)")
    group.add_argument(
        "--stakeholders", type=Path, default=DEFAULT_STAKEHOLDERS, metavar="FILE", help="stakeholder registry YAML (default: data/lexicons/stakeholders.yaml)"
    )
    group.add_argument(
        "--claim-cues", type=Path, default=DEFAULT_CLAIM_CUES, metavar="FILE", help="claim cue lexicon YAML (default: data/lexicons/claims.yaml)"
    )


def _language_option(value: str) -> str:
    from presslens.languages import language_code

    code = language_code(value)
    if code is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a language code; give an ISO 639-1 code such as en, de, fr, es, uk or ru")
    return code


def _overrides(args: argparse.Namespace) -> dict[str, str | None]:
    return {"title": args.title, "outlet": args.outlet, "published": args.published, "url": args.url, "language": args.language}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all sub-commands."""
    parser = argparse.ArgumentParser(
        prog="presslens", description="Turn news articles into analytical reports (HTML and PDF)."
    )
    parser.add_argument("--version", action="version", version=f"presslens {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser("ingest", help="parse article files into structured article JSON, one file per article")
    ingest.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="article files (.txt .md .html .htm .json .jsonl, optionally .gz), folders (searched recursively) or glob patterns",
    )
    ingest.add_argument(
        "--format", dest="fmt", choices=["text", "markdown", "html", "json", "jsonl", "article"],
        help="input format for every file (default: from each file's extension; 'article' is an alias of json)",
    )
    ingest.add_argument(
        "-o", "--output", metavar="OUT",
        help=f"output folder (default: data/{ARTICLES_DIR.name}/), or for a single article a file ending in .json, or '-' for stdout",
    )
    ingest.add_argument("--overwrite", action="store_true", help="replace stored files of the same article instead of skipping them as duplicates")
    _add_metadata_options(ingest)
    _add_sidecar_options(ingest)

    analyze = commands.add_parser("analyze", help="measure an article: structure, topics, stakeholders, claims, repetition (--json for one JSON object)")
    analyze.add_argument("path", type=Path, nargs="?", default=DEFAULT_ARTICLE, metavar="PATH", help="raw article or structured JSON (default: the seed article)")
    analyze.add_argument("--json", action="store_true", help="print one JSON object to stdout")
    _add_lexicon_options(analyze)
    _add_metadata_options(analyze)

    report = commands.add_parser("report", help="render the article report as HTML and PDF (one per article for several inputs)")
    report.add_argument(
        "paths", type=Path, nargs="*", metavar="PATH",
        help="raw article or structured JSON (default: the seed article); several files, folders, globs or a .jsonl give one report per article",
    )
    report.add_argument("--workers", type=_positive_int, metavar="N", help="reports rendered at once for several articles (default: the CPU count)")
    report.add_argument("--format", dest="formats", default="html,pdf", help="comma-separated: html, pdf (default: html,pdf)")
    report.add_argument("--out", type=Path, default=REPORTS_DIR, metavar="DIR", help="reports folder; the report goes in DIR/<slug>/ (default: reports/)")
    report.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"), help="a notebook parameter (repeatable)"
    )
    report.add_argument("--notebook", type=Path, metavar="PATH",
                        help="render this notebook instead of the packaged article report (a custom report: see README)")
    _add_metadata_options(report)
    _add_sidecar_options(report)

    corpus = commands.add_parser("corpus", help="analyse many articles into a corpus store (Parquet tables, queried with DuckDB)")
    corpus.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="article files (.txt .md .html .json .jsonl, optionally .gz), folders (searched recursively) or glob patterns",
    )
    corpus.add_argument("--name", type=_corpus_name, help="corpus name (default: the first PATH's stem); the store goes in data/processed/<name>/")
    corpus.add_argument("--out", type=Path, metavar="DIR", help="store folder (default: data/processed/<name>/)")
    _add_corpus_run_options(corpus)
    corpus.add_argument("--rebuild", action="store_true", help="delete the store first and analyse every article again (needed after changing a manifest)")
    _add_lexicon_options(corpus)
    _add_sidecar_options(corpus)

    compare = commands.add_parser("compare", help="render the comparison report of many articles (HTML and PDF)")
    compare.add_argument(
        "paths", nargs="+", metavar="PATH",
        help="a corpus store, or article files, folders, globs (analysed into data/processed/<name>/ first; only new or changed articles)",
    )
    compare.add_argument("--name", type=_corpus_name, help="corpus name (default: the store's folder name or the first PATH's stem)")
    compare.add_argument("--store", type=Path, metavar="DIR", help="store folder to build or update (default: data/processed/<name>/)")
    compare.add_argument("--notebook", type=Path, metavar="PATH",
                         help="render this notebook instead of the packaged comparison report (a custom report: see README)")
    compare.add_argument("--format", dest="formats", default="html,pdf", help="comma-separated: html, pdf (default: html,pdf)")
    compare.add_argument("--out", type=Path, default=REPORTS_DIR, metavar="DIR", help="reports folder; the report goes in DIR/compare-<name>/ (default: reports/)")
    compare.add_argument(
        "-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"), help="a notebook parameter (repeatable), e.g. -p max_rows 60"
    )
    _add_corpus_run_options(compare)
    _add_lexicon_options(compare)
    _add_sidecar_options(compare)

    sql = commands.add_parser(
        "sql", help="run a read-only SQL query on a corpus store (views: articles, sentences, topic_hits, mentions, ...)",
        description="Run one read-only query on a corpus store: SELECT (WITH and EXPLAIN included) over the store's views. "
        "Nothing else runs: no COPY, INSERT, CREATE, ATTACH or INSTALL, no file outside the store, no extension, no network.",
    )
    sql.add_argument("store", metavar="STORE", help="store folder, or a corpus name under data/processed/")
    sql.add_argument("query", metavar="SQL", help='the query, e.g. "SELECT topic, avg(share) FROM topic_emphasis GROUP BY topic"')
    sql.add_argument("--csv", action="store_true", help="print every row as CSV instead of an aligned table")
    sql.add_argument("--max-rows", type=int, default=100, metavar="N", help="rows shown in the aligned table (default: 100)")
    return parser


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} must be at least 1")
    return number


def _add_corpus_run_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("where the analysis runs")
    group.add_argument("--workers", type=_positive_int, metavar="N", help="local worker processes (default: the CPU count; 1 runs in one process)")
    group.add_argument("--scheduler", type=_scheduler_address, metavar="ADDRESS", help="run on an existing Dask distributed cluster, e.g. tcp://10.0.0.5:8786")
    group.add_argument("--chunk-size", type=_positive_int, metavar="N", help="articles per chunk and Parquet part (default: 200)")


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


#: At most this many duplicates are listed one by one in the summary.
MAX_LISTED_DUPLICATES = 20


def cmd_ingest(args: argparse.Namespace) -> int:
    from presslens.ingest import ingest_file
    from presslens.ingest.batch import ArticleFolder, collect_inputs, ingest_batch
    from presslens.model import save_article

    overrides = _overrides(args)
    files, problems = collect_inputs(args.paths)
    one_file = len(args.paths) == 1 and len(files) == 1 and Path(args.paths[0]).is_file()
    if len(args.paths) == 1 and problems and not files:
        raise problems[0]
    given = [f"--{name}" for name, value in overrides.items() if value is not None]
    if given and not one_file:
        verb = "applies" if len(given) == 1 else "apply"
        raise PresslensError(None, f"{', '.join(given)} {verb} to a single article; leave them out when ingesting several files")

    sidecar = _sidecar(args, args.paths)
    if _single_article_output(args.output):
        if len(args.paths) == 1 and Path(args.paths[0]).is_dir():
            raise PresslensError(args.paths[0], "is a directory; -o FILE and -o - take a single article, give a folder (-o DIR) for a folder's articles")
        if not one_file:
            raise PresslensError(args.output, "-o FILE and -o - take a single article; give a folder (-o DIR) for several files")
        articles = ingest_file(files[0], fmt=args.fmt, sidecar=sidecar, **overrides)
        if len(articles) != 1:
            raise PresslensError(files[0], f"holds {len(articles)} articles; -o FILE and -o - take one, give a folder (-o DIR)")
        _print_warnings(sidecar)
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
    _print_warnings(sidecar)
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


#: What ``analyze`` leaves out for an article in a language the lexicons do not cover.
LEXICON_MEASURES = ("topics", "stakeholders", "claims", "repetition", "role_check", "findings")


def cmd_analyze(args: argparse.Namespace) -> int:
    from presslens.analysis import analyze_article, load_lexicons
    from presslens.ingest import load_any

    from presslens.analysis.findings import key_findings
    from presslens.analysis.stakeholders import ROLE_WINDOW_COLUMNS, windows_phrase

    from presslens.languages import unanalysed_language_note

    lexicons = load_lexicons(topics=args.topics, stakeholders=args.stakeholders, claim_cues=args.claim_cues)
    article = load_any(args.path, **_overrides(args))
    note = unanalysed_language_note(article.metadata.language)
    if note is not None:
        print(f"presslens: note: {args.path}: {note}", file=sys.stderr)
    analysis = analyze_article(article, lexicons)
    result = analysis.to_json()
    result["article"]["language"] = article.metadata.language
    result["findings"] = [{"text": f.text, "section": f.anchor} for f in key_findings(analysis)]
    flags = analysis.stakeholders.records["role_flags"]
    result["role_check"] = {
        "published": analysis.published.isoformat() if analysis.published else None,
        "flags": [{k: flag[k] for k in ("stakeholder", "name", "title", "office", "sentence", "in_quotation", "reason")}
                  for flag in flags],
        "windows": [{k: (row[k].isoformat() if isinstance(row[k], date) else row[k]) for k in ROLE_WINDOW_COLUMNS}
                    for row in analysis.stakeholders.records["role_windows"]],
    }
    if note is not None:
        result = {"article": result["article"], "skipped": list(LEXICON_MEASURES), "skipped_reason": note}
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return 0
    summary = result["article"]
    print(f"{summary['title']}")
    print(f"  id {summary['id']}, slug {summary['slug']}")
    print(f"  {summary['words']} body words, {summary['sentences']} body sentences (list items included), {summary['headings']} headings")
    for k, section in enumerate(summary["sections"]):
        print(f"  section {k}: {section['heading'] or '(lead)'}: {section['sentences']} sentences, {section['words']} words")
    for item in summary["lists"]:
        print(f"  list in section {item['section']}: {item['items']} items, {item['labelled']} labelled")
    if note is not None:
        print(f"  language {summary['language'] or 'unknown'}: {', '.join(LEXICON_MEASURES)} skipped (no lexicons for it)")
        return 0
    print("topics (weighted share of body words, share):")
    for topic in result["topics"]:
        if topic["sentences"]:
            print(f"  {topic['label']}: {topic['weighted_share']:.0%}, {topic['share']:.0%} in {topic['sentences']} sentences")
    print("stakeholders (mentions):")
    for person in result["stakeholders"]:
        print(f"  {person['name']} ({person['type']}): {person['mentions']}")
    claims = result["claims"]
    print(
        f"claims: of {claims['sentences']} body sentences, {claims['attributed']} attributed ({claims['anonymous']} anonymously), "
        f"{claims['speculative']} speculative, {claims['prescriptive']} prescriptive, {claims['unsupported']} unsupported"
    )
    print(f"repetition: {result['repetition']['repeated_share']:.0%} of body words restate earlier sentences")
    check = result["role_check"]
    if check["published"] is None:
        titles = analysis.stakeholders.title_windows
        if not titles:
            print("role check: skipped (no publication date; give --published YYYY-MM-DD)")
        else:
            print("role check without a publication date (give --published YYYY-MM-DD to check one): titles are right")
            for title in titles:
                when = f"for articles dated {windows_phrase(title.windows)}" if title.windows else "at no date"
                print(f"  {title.name}, “{title.title}” ({title.office}): {when}")
    else:
        print(f"role check on {check['published']}: {len(check['flags'])} title{'s' * (len(check['flags']) != 1)} "
              "contradict the registry's dated roles")
        for flag in check["flags"]:
            quoted = " (in a quotation)" if flag["in_quotation"] else ""
            print(f"  {flag['sentence']}: {flag['name']} {flag['reason']}{quoted}")
    print("key findings:")
    for finding in result["findings"]:
        print(f"  - {finding['text']}")
    return 0


def _single_report_input(paths: Sequence[Path]) -> Path | None:
    """The one article file ``presslens report`` renders as before, or None for a batch."""
    from presslens.ingest import format_suffix

    if not paths:
        return DEFAULT_ARTICLE
    if len(paths) == 1 and not paths[0].exists() and not any(ch in str(paths[0]) for ch in "*?["):
        raise PresslensError(paths[0], "no such file or folder")
    if len(paths) == 1 and paths[0].is_file() and format_suffix(paths[0]) not in (".jsonl", ".ndjson"):
        return paths[0]
    return None


def _refuse_raw_output(folder: Path) -> None:
    """Reports and stores never go into data/raw/, which holds the original inputs."""
    resolved = folder.resolve()
    if resolved == RAW_DIR.resolve() or RAW_DIR.resolve() in resolved.parents:
        raise PresslensError(folder, "data/raw/ holds the original inputs and is never written to; choose another --out")


def _check_report_parameters(parameters: dict[str, object]) -> None:
    """Check the article report's parameters before the kernel starts, with the CLI flags' messages."""
    published = parameters.get("published")
    if published not in (None, ""):
        try:
            _iso_date(str(published))
        except argparse.ArgumentTypeError as exc:
            raise PresslensError("-p published", str(exc)) from None
    lexicons = {name: parameters[name] for name in ("topics", "stakeholders", "claim_cues") if name in parameters}
    if lexicons:
        from presslens.analysis import load_lexicons

        load_lexicons(**{name: str(value) for name, value in lexicons.items()})


def cmd_report(args: argparse.Namespace) -> int:
    from presslens.paths import ARTICLE_REPORT_NOTEBOOK
    from presslens.report.render import parse_parameters, render_report

    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    _refuse_raw_output(args.out)
    notebook = _notebook(args.notebook, ARTICLE_REPORT_NOTEBOOK)
    parameters = parse_parameters(notebook, [tuple(p) for p in args.parameter])
    _check_report_parameters(parameters)
    single = _single_report_input(args.paths)
    if single is None:
        return _batch_reports(args, formats, parameters, notebook)
    sidecar = _sidecar(args, [single])
    result = render_report(
        single,
        out_dir=args.out,
        formats=formats,
        parameters=parameters,
        notebook=notebook,
        overrides=_overrides(args),
        progress=lambda line: print(line, file=sys.stderr, flush=True),
        sidecar=sidecar,
    )
    _print_warnings(sidecar)
    for kind in ("html", "pdf"):
        if kind in result.files:
            print(result.files[kind])
    return 0


def _notebook(given: Path | None, packaged: Path) -> Path:
    """The notebook to render: ``--notebook PATH`` when given (checked), else the packaged one."""
    if given is None:
        return packaged
    if not given.is_file():
        raise PresslensError(given, "no such notebook" if not given.exists() else "is not a file")
    if given.suffix != ".ipynb":
        raise PresslensError(given, "is not a Jupyter notebook (.ipynb)")
    return given.resolve()


def _batch_reports(args: argparse.Namespace, formats: tuple[str, ...], parameters: dict[str, object], notebook: Path) -> int:
    from presslens.report.batch import render_reports

    given = [f"--{name}" for name, value in _overrides(args).items() if value is not None]
    if given:
        raise PresslensError(None, f"{', '.join(given)} apply to a single article; leave them out when reporting on several")
    sidecar = _sidecar(args, args.paths)
    summary = render_reports(
        args.paths, out_dir=args.out, formats=formats, parameters=parameters, workers=args.workers, progress=True,
        sidecar=sidecar, notebook=notebook,
    )
    _print_warnings(sidecar)
    for _, folder in summary.rendered:
        print(folder)
    print(
        f"reports: rendered {len(summary.rendered)}, {len(summary.duplicates)} duplicate{'s' * (len(summary.duplicates) != 1)} skipped, "
        f"{len(summary.failed)} failed, in {summary.seconds:.1f} s -> {args.out}",
        file=sys.stderr,
    )
    for source, same_as in summary.duplicates[:MAX_LISTED_DUPLICATES]:
        print(f"  duplicate: {source}: same text as {same_as}", file=sys.stderr)
    _print_failures(summary.failed)
    if not summary.rendered:
        return 1
    return EXIT_PARTIAL if summary.failed else 0


#: At most this many failures are listed one by one in a corpus or batch summary.
MAX_LISTED_FAILURES = 50


def _print_failures(failed: Sequence[object]) -> None:
    if not failed:
        return
    print(f"failed {len(failed)}:", file=sys.stderr)
    for error in failed[:MAX_LISTED_FAILURES]:
        print(f"  {error}", file=sys.stderr)
    if len(failed) > MAX_LISTED_FAILURES:
        print(f"  ... and {len(failed) - MAX_LISTED_FAILURES} more", file=sys.stderr)


def _run_corpus(args: argparse.Namespace, store: Path):
    from presslens.corpus import build_store
    from presslens.corpus.build import DEFAULT_CHUNK_SIZE

    sidecar = _sidecar(args, args.paths)
    summary = build_store(
        args.paths, store, workers=args.workers, scheduler=args.scheduler, chunk_size=args.chunk_size or DEFAULT_CHUNK_SIZE,
        topics=args.topics, stakeholders=args.stakeholders, claim_cues=args.claim_cues,
        rebuild=getattr(args, "rebuild", False), progress=True, sidecar=sidecar,
    )
    _print_warnings(sidecar)
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
    _print_failures(summary.failed)
    return summary


def cmd_corpus(args: argparse.Namespace) -> int:
    from presslens.corpus import default_store

    _check_inputs(args.paths)
    store = args.out if args.out else default_store(args.paths, args.name)
    _refuse_raw_output(Path(store))
    summary = _run_corpus(args, store)
    print(summary.store)
    if summary.failed and not (summary.analysed or summary.unchanged):
        return 1
    return EXIT_PARTIAL if summary.failed else 0


def _check_inputs(paths: Sequence[str | Path]) -> None:
    """Every input that is not a glob pattern must exist (checked before any work starts)."""
    for path in paths:
        if not any(ch in str(path) for ch in "*?[") and not Path(path).exists():
            raise PresslensError(path, "no such file or folder")


def cmd_compare(args: argparse.Namespace) -> int:
    from presslens.corpus import default_store, is_store
    from presslens.paths import COMPARE_REPORT_NOTEBOOK
    from presslens.report.render import check_formats, parse_parameters, render_notebook

    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    check_formats(formats)
    notebook = _notebook(args.notebook, COMPARE_REPORT_NOTEBOOK)
    parameters = parse_parameters(notebook, [tuple(p) for p in args.parameter])
    for reserved in ("store", "inputs"):
        if reserved in parameters:
            raise PresslensError(f"-p {reserved}", "is set by presslens compare; give the store or the articles as PATH")
    _refuse_raw_output(args.out)
    _check_inputs(args.paths)
    failed = False
    if len(args.paths) == 1 and is_store(Path(args.paths[0])):
        from presslens.corpus.store import CorpusStore, check_parts

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


COMMANDS = {"ingest": cmd_ingest, "analyze": cmd_analyze, "report": cmd_report, "corpus": cmd_corpus, "compare": cmd_compare, "sql": cmd_sql}


#: Modules the command line keeps out of its own process. ``rfc3987_syntax`` builds about 35
#: Earley parsers at import time (0.8 s here) because ``jsonschema._format`` imports it eagerly
#: for the ``iri`` formats, which no notebook schema uses (jsonschema issue 1428); nbformat
#: then validates notebooks without those two format checks. Library users are not affected.
SKIPPED_IMPORTS = ("rfc3987_syntax",)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    for name in SKIPPED_IMPORTS:
        sys.modules.setdefault(name, None)  # a None entry makes `import name` raise ImportError
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except PresslensError as exc:
        print(f"presslens: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        print(f"presslens: interrupted{f'; {exc}' if str(exc) else ''}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
