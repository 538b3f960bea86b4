"""Batch reports: one article report per article of many inputs, rendered in parallel.

``presslens report PATH...`` with several paths, a folder, a glob or a JSON Lines file
lands here. The inputs are ingested first into a temporary folder of structured
articles (with :mod:`presslens.ingest.batch`, so slugs are unique and repeated texts are
skipped as duplicates); then worker processes render one report each with
:func:`presslens.report.render.render_report` (each report still appears atomically in
``<out>/<slug>/``), each worker printing all its PDFs through one browser. A bad input or a
failed report is listed in the summary and the others go on.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.errors import PresslensError
from presslens.report.render import FORMATS, check_formats

if TYPE_CHECKING:
    from presslens.ingest.sidecar import MetadataSidecar


@dataclass
class BatchReportSummary:
    """What a batch of reports did.

    Attributes:
        rendered: ``(source, report folder)`` for each report written.
        duplicates: ``(source, same_as)`` for inputs whose text another input already has.
        failed: Inputs and reports that failed, each naming its source.
        seconds: Wall-clock time.
    """

    rendered: list[tuple[str, Path]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failed: list[PresslensError] = field(default_factory=list)
    seconds: float = 0.0


#: The worker process's browser: launched for its first PDF, used for every later one, closed
#: when the worker exits (multiprocessing runs its finalizers, not atexit, in a worker).
_printer: Any = None


def _worker_printer() -> Any:
    global _printer
    if _printer is None:
        from multiprocessing.util import Finalize

        from presslens.report.pdf import PdfPrinter

        _printer = PdfPrinter()
        Finalize(None, _printer.close, exitpriority=10)
    return _printer


def _render_one(
    article_json: Path, source: str, out_dir: Path, formats: tuple[str, ...], parameters: dict[str, Any], notebook: Path | None = None
) -> tuple[str, Path | None, str | None]:
    """Render one report in a worker: ``(source, folder, None)`` or ``(source, None, problem)``.

    Problems come back as text, not as exceptions, so they cross the process boundary intact.
    """
    from presslens.report.render import render_report

    try:
        printer = _worker_printer() if "pdf" in formats else None
        extra = {"notebook": notebook} if notebook is not None else {}
        folder = render_report(article_json, out_dir=out_dir, formats=formats, parameters=parameters, printer=printer, **extra).folder
        return source, folder, None
    except PresslensError as exc:
        return source, None, exc.problem if exc.source == str(article_json) else str(exc)


def render_reports(
    paths: Sequence[str | Path],
    *,
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    parameters: Mapping[str, Any] | None = None,
    workers: int | None = None,
    progress: bool | None = None,
    notebook: Path | None = None,
    sidecar: MetadataSidecar | None = None,
) -> BatchReportSummary:
    """Render one article report per article found in ``paths``.

    Args:
        paths: Files, folders and glob patterns; a JSON Lines file gives one report per record.
        out_dir: The reports folder; each report goes in ``<out_dir>/<slug>/``.
        formats: Which of ``html`` and ``pdf`` to produce.
        parameters: Further notebook parameters, already checked.
        workers: Reports rendered at once; default the CPU count.
        progress: Show a progress bar on stderr (default: when stderr is a terminal).
        notebook: The report notebook (default: the packaged article report).
        sidecar: A :class:`~presslens.ingest.sidecar.MetadataSidecar` (manifest, file-name
            pattern) filling the metadata the inputs lack.

    Returns:
        What was rendered, skipped and failed.
    """
    from tqdm import tqdm

    from presslens.ingest.batch import ArticleFolder, collect_inputs, ingest_batch

    check_formats(formats)
    started = time.perf_counter()
    files, problems = collect_inputs(paths)
    summary = BatchReportSummary(failed=list(problems))
    with tempfile.TemporaryDirectory(prefix="presslens-batch-") as staging:
        ingested = ingest_batch(files, ArticleFolder(Path(staging)), progress=False, sidecar=sidecar)
        summary.failed.extend(ingested.failed)
        summary.duplicates = [(d.source, d.same_as) for d in ingested.duplicates]
        jobs = ingested.written
        show = sys.stderr.isatty() if progress is None else progress
        count = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
        with tqdm(total=len(jobs), desc="reports", unit="report", disable=not show, file=sys.stderr) as bar:
            with concurrent.futures.ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("spawn")) as pool:
                futures = {
                    pool.submit(_render_one, article_json, source, out_dir, formats, dict(parameters or {}), notebook): source
                    for source, article_json in jobs
                }
                for future in concurrent.futures.as_completed(futures):
                    try:
                        source, folder, problem = future.result()
                        if problem is None:
                            summary.rendered.append((source, folder))
                        else:
                            summary.failed.append(PresslensError(source, problem))
                    except Exception as exc:  # one report's bug must not stop the others; listed, exit non-zero
                        summary.failed.append(PresslensError(futures[future], f"{type(exc).__name__}: {exc}"))
                    bar.update(1)
    summary.rendered.sort()
    summary.seconds = time.perf_counter() - started
    return summary
