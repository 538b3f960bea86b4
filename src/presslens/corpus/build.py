"""Building a corpus store: the driver that ingests, sends chunks to the workers and writes Parquet parts.

The driver walks the inputs (files, folders, globs; JSON Lines files give one article a
line), skips articles the store already holds unchanged (same source path and source
sha256), and sends the rest in chunks to workers (:mod:`~presslens.corpus.worker`): a
local process pool by default, or an existing Dask distributed cluster with
``scheduler="tcp://host:port"`` (:mod:`~presslens.corpus.backends`). Only the driver
writes the store, one part per chunk, so memory
stays flat: at most ``2 × workers`` chunks are in flight (one with ``workers=1``), no analysis is kept, and the
manifest stays on disk (the driver asks it, a batch of sources or ids at a time, through
:class:`~presslens.corpus.store.CorpusStore`).

A bad file or a failed analysis is reported in the summary and the run goes on. Ctrl-C
stores every chunk analysed so far and raises :class:`KeyboardInterrupt` saying how many
articles were stored (:mod:`~presslens.corpus.interrupt`).
"""

from __future__ import annotations

import concurrent.futures.process
import resource
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from presslens.corpus.backends import start_backend
from presslens.corpus.interrupt import Interrupt
from presslens.corpus.layout import is_store
from presslens.corpus.store import CorpusStore
from presslens.corpus.worker import ChunkResult, lexicon_bundle
from presslens.errors import PresslensError
from presslens.paths import DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS, PROCESSED_DIR
from presslens.textio import sha256_file

if TYPE_CHECKING:
    from presslens.ingest.sidecar import MetadataSidecar

#: Articles per chunk (and per Parquet part): large enough that a part is not tiny,
#: small enough that a chunk's rows are a few MB.
DEFAULT_CHUNK_SIZE = 200

#: Suffixes whose files may hold many articles; everything else is one article a file.
_MULTI_ARTICLE = {".json", ".jsonl", ".ndjson"}


@dataclass
class CorpusSummary:
    """What a corpus run did.

    Attributes:
        store: The store folder.
        files: Input files found.
        analysed: Articles analysed and written in this run.
        unchanged: Articles skipped because the store holds them unchanged.
        replaced: Of ``analysed``, articles whose source changed and whose old rows were replaced.
        duplicates: ``(source, same_as)`` for articles whose text is already in the store or the run.
        failed: Files, records and analyses that failed, each naming its source.
        parts: Parquet parts written.
        seconds: Wall-clock time of the run.
        worker_peak_rss: Peak resident memory (bytes) of each worker, by ``host:pid``.
        driver_peak_rss: Peak resident memory (bytes) of the driver process.
        repaired: What the store had damaged (a truncated part or manifest) and this run repaired.
    """

    store: Path
    files: int = 0
    analysed: int = 0
    unchanged: int = 0
    replaced: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    failed: list[PresslensError] = field(default_factory=list)
    parts: int = 0
    seconds: float = 0.0
    worker_peak_rss: dict[str, int] = field(default_factory=dict)
    driver_peak_rss: int = 0
    repaired: list[str] = field(default_factory=list)


def default_store(paths: Sequence[str | Path], name: str | None = None) -> Path:
    """``data/processed/<name>``, the name defaulting to the first path's stem."""
    if name is None:
        first = Path(str(paths[0]).split("*")[0].rstrip("/") or ".")
        name = first.name.split(".")[0] or "corpus"
    return PROCESSED_DIR / name


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(islice(items, size)):
        yield chunk


def build_store(
    paths: Sequence[str | Path],
    store: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    topics: str | Path = DEFAULT_TOPICS,
    stakeholders: str | Path = DEFAULT_STAKEHOLDERS,
    claim_cues: str | Path = DEFAULT_CLAIM_CUES,
    rebuild: bool = False,
    progress: bool | None = None,
    sidecar: MetadataSidecar | None = None,
) -> CorpusSummary:
    """Analyse every new or changed article of ``paths`` into the store at ``store``.

    Args:
        paths: Files, folders and glob patterns (see :func:`presslens.ingest.batch.collect_inputs`).
        store: The store folder; created when missing.
        workers: Local worker processes; default the CPU count; 1 runs in this process.
        scheduler: Address of a Dask distributed scheduler (``tcp://host:port``); when
            given, chunks run on that cluster and ``workers`` is ignored.
        chunk_size: Articles per chunk and per Parquet part.
        topics: The topic taxonomy YAML.
        stakeholders: The stakeholder registry YAML.
        claim_cues: The claim cue YAML.
        rebuild: Delete the store first and analyse everything again.
        progress: Show a progress bar on stderr (default: when stderr is a terminal).
        sidecar: A :class:`~presslens.ingest.sidecar.MetadataSidecar` (manifest, file-name
            pattern) filling the metadata the inputs lack. An unchanged file is not read
            again, so after changing a manifest give ``rebuild``.

    Returns:
        The run's summary; ``failed`` lists what did not make it into the store.

    Raises:
        PresslensError: For problems with the store, the lexicons or the cluster (bad
            input files are reported in the summary instead).
    """
    from tqdm import tqdm

    from presslens.ingest import display_path, format_suffix, iter_ingest
    from presslens.ingest.batch import check_output_folder, collect_inputs

    if chunk_size < 1:
        raise PresslensError("--chunk-size", "must be at least 1")
    if workers is not None and workers < 1:
        raise PresslensError("--workers", "must be at least 1")
    started = time.perf_counter()
    check_output_folder(store)
    bundle, _ = lexicon_bundle(topics=topics, stakeholders=stakeholders, claim_cues=claim_cues)
    files, problems = collect_inputs(paths)
    if sidecar is not None:
        files = sidecar.check_inputs(files)
    if rebuild and is_store(store):
        shutil.rmtree(store)
    summary = CorpusSummary(store=store, files=len(files), failed=list(problems))

    with CorpusStore(store, create=True, lexicons=bundle.digests, lock=True) as corpus:
        summary.repaired = list(corpus.repairs)
        if not corpus.info.get("lexicons"):
            corpus.info["lexicons"] = bundle.digests
        # the manifest is queried batch by batch, never loaded whole: memory stays flat
        first_part = corpus.next_part()  # parts before it were stored before this run
        unwritten: dict[str, str] = {}  # article_id -> source, sent this run and not (yet) in the manifest
        multi = any(format_suffix(f) in _MULTI_ARTICLE for f in files)
        show = sys.stderr.isatty() if progress is None else progress
        bar = tqdm(total=None if multi else len(files), desc="corpus", unit="article", disable=not show, file=sys.stderr, dynamic_ncols=True)

        def stored_before(sources: Iterable[str]) -> dict[str, tuple[str, str | None, int]]:
            return {s: row for s, row in corpus.by_source(sources).items() if row[2] < first_part}

        def new_articles(records: list[Any]) -> Iterator[dict[str, Any]]:
            """The records that are neither failures, nor unchanged, nor already in the store or the run."""
            articles = [r for r in records if not isinstance(r, PresslensError)]
            stored = stored_before(a.metadata.source_path or a.metadata.id for a in articles)
            stored_ids = corpus.by_id(a.metadata.id for a in articles)
            for result in records:
                if isinstance(result, PresslensError):
                    summary.failed.append(result)
                    bar.update(1)
                    continue
                meta = result.metadata
                source = meta.source_path or meta.id
                previous = stored.get(source)
                if previous is not None and previous[1] == meta.source_sha256:
                    summary.unchanged += 1
                    bar.update(1)
                    continue
                other = stored_ids.get(meta.id, (None, 0))[0]
                same_as = unwritten.get(meta.id) or (other if other is not None and other != source else None)
                if same_as is not None:
                    summary.duplicates.append((source, same_as))
                    bar.update(1)
                    continue
                unwritten[meta.id] = source
                yield result.model_dump(mode="json")

        def pending() -> Iterator[dict[str, Any]]:
            for batch in _chunks(iter(files), 256):
                stored = stored_before(display_path(p) for p in batch if format_suffix(p) not in _MULTI_ARTICLE)
                for path in batch:
                    shown = display_path(path)
                    if format_suffix(path) not in _MULTI_ARTICLE and shown in stored:
                        try:
                            if stored[shown][1] == sha256_file(path):
                                summary.unchanged += 1
                                bar.update(1)
                                continue
                        except OSError:
                            pass  # unreadable now: iter_ingest below reports it with its reason
                    try:
                        for records in _chunks(iter_ingest(path, sidecar=sidecar), chunk_size):
                            yield from new_articles(records)
                    except PresslensError as exc:
                        summary.failed.append(exc)
                        bar.update(1)

        def collect(future: Any) -> None:
            result: ChunkResult = future.result()
            summary.worker_peak_rss[f"{result.host}:{result.pid}"] = result.peak_rss
            summary.failed.extend(PresslensError(source, problem) for source, problem in result.failed)
            bar.update(result.entries.num_rows + len(result.failed))
            if not result.entries.num_rows:
                return
            old = [row[0] for row in stored_before(result.entries.column("source_path").to_pylist()).values()]
            if old:
                corpus.remove_articles(old)
                summary.replaced += len(old)
            corpus.add_part(result.tables, result.entries)
            for article_id in result.entries.column("article_id").to_pylist():
                unwritten.pop(article_id, None)  # now in the manifest; failed ones stay, so a copy is still a duplicate
            summary.analysed += result.entries.num_rows
            summary.parts += 1

        backend = start_backend(workers=workers, scheduler=scheduler, bundle=bundle)
        in_flight: set[Any] = set()

        def collect_finished() -> None:
            for future in [f for f in in_flight if f.done()]:
                in_flight.discard(future)
                collect(future)

        with Interrupt() as interrupt:
            try:
                for chunk in _chunks(pending(), chunk_size):
                    interrupt.check()
                    while len(in_flight) >= backend.in_flight_limit:
                        with interrupt.at_once():
                            backend.wait_first(in_flight)
                        collect_finished()
                    with interrupt.at_once():
                        in_flight.add(backend.submit(chunk, bundle))
                while in_flight:
                    with interrupt.at_once():
                        backend.wait_first(in_flight)
                    collect_finished()
            except KeyboardInterrupt:
                for future in [f for f in in_flight if f.done() and not f.cancelled() and f.exception() is None]:
                    in_flight.discard(future)
                    collect(future)
                corpus.save_info()
                bar.close()
                stored = f"{summary.analysed} article{'s' * (summary.analysed != 1)} analysed and stored in {store}"
                raise KeyboardInterrupt(f"{stored}; run again to continue") from None
            except concurrent.futures.process.BrokenProcessPool:
                raise PresslensError(store, "a worker process died (out of memory?); rows written so far are kept, run again to continue") from None
            finally:
                backend.close()
                bar.close()
        corpus.save_info()
    summary.seconds = time.perf_counter() - started
    summary.driver_peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return summary
