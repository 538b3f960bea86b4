"""``presslens report``: one article's report as HTML and PDF, or one report per article of many inputs.

The notebook's parameters are checked before any kernel starts, with the messages the
command-line flags give for the same values.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from presslens.cli.checks import chosen_notebook, refuse_raw_output
from presslens.cli.messages import EXIT_PARTIAL, MAX_LISTED_DUPLICATES, print_failures, print_warnings
from presslens.cli.parser import iso_date, metadata_overrides, metadata_sidecar
from presslens.errors import PresslensError
from presslens.paths import DEFAULT_ARTICLE


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


def _check_report_parameters(parameters: dict[str, object]) -> None:
    """Check the article report's parameters before the kernel starts, with the CLI flags' messages."""
    published = parameters.get("published")
    if published not in (None, ""):
        try:
            iso_date(str(published))
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
    refuse_raw_output(args.out)
    notebook = chosen_notebook(args.notebook, ARTICLE_REPORT_NOTEBOOK)
    parameters = parse_parameters(notebook, [tuple(p) for p in args.parameter])
    _check_report_parameters(parameters)
    single = _single_report_input(args.paths)
    if single is None:
        return _batch_reports(args, formats, parameters, notebook)
    sidecar = metadata_sidecar(args, [single])
    result = render_report(
        single,
        out_dir=args.out,
        formats=formats,
        parameters=parameters,
        notebook=notebook,
        overrides=metadata_overrides(args),
        progress=lambda line: print(line, file=sys.stderr, flush=True),
        sidecar=sidecar,
    )
    print_warnings(sidecar)
    for kind in ("html", "pdf"):
        if kind in result.files:
            print(result.files[kind])
    return 0


def _batch_reports(args: argparse.Namespace, formats: tuple[str, ...], parameters: dict[str, object], notebook: Path) -> int:
    from presslens.report.batch import render_reports

    given = [f"--{name}" for name, value in metadata_overrides(args).items() if value is not None]
    if given:
        raise PresslensError(None, f"{', '.join(given)} apply to a single article; leave them out when reporting on several")
    sidecar = metadata_sidecar(args, args.paths)
    summary = render_reports(
        args.paths, out_dir=args.out, formats=formats, parameters=parameters, workers=args.workers, progress=True,
        sidecar=sidecar, notebook=notebook,
    )
    print_warnings(sidecar)
    for _, folder in summary.rendered:
        print(folder)
    print(
        f"reports: rendered {len(summary.rendered)}, {len(summary.duplicates)} duplicate{'s' * (len(summary.duplicates) != 1)} skipped, "
        f"{len(summary.failed)} failed, in {summary.seconds:.1f} s -> {args.out}",
        file=sys.stderr,
    )
    for source, same_as in summary.duplicates[:MAX_LISTED_DUPLICATES]:
        print(f"  duplicate: {source}: same text as {same_as}", file=sys.stderr)
    print_failures(summary.failed)
    if not summary.rendered:
        return 1
    return EXIT_PARTIAL if summary.failed else 0
