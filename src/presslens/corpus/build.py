"""Building a corpus store: ingest, analyse in parallel (locally or on Dask), write Parquet parts.

The driver walks the inputs (files, folders, globs; JSON Lines files give one article a
line), skips articles the store already holds unchanged (same source path and source
sha256), and sends the rest in chunks to workers: a local process pool by default, or
an existing Dask distributed cluster with ``scheduler="tcp://host:port"``. Workers
receive the ingested articles and the lexicon files' bytes (so remote workers need
presslens installed but no shared file system), load the lexicons once per process,
run :func:`presslens.analysis.analyze_article` on each article and send back one Arrow
table per store table. Only the driver writes the store, one part per chunk, so memory
stays flat: at most ``2 × workers`` chunks are in flight (one with ``workers=1``), no analysis is kept, and the
manifest stays on disk (the driver asks it, a batch of sources or ids at a time, through
:class:`~presslens.corpus.store.CorpusStore`).

A bad file or a failed analysis is reported in the summary and the run goes on. Ctrl-C
stores every chunk analysed so far and raises :class:`KeyboardInterrupt` saying how many
articles were stored; pool workers leave Ctrl-C to the driver and exit when it is killed.
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import hashlib
import os
import resource
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from presslens.analysis import Lexicons, analyze_article, load_lexicons
from presslens.corpus.store import MANIFEST_SCHEMA, CorpusStore, is_store
from presslens.corpus.tables import TABLES, article_rows, to_arrow
from presslens.errors import PresslensError
from presslens.paths import DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS, PROCESSED_DIR, resolve_path
from presslens.textio import sha256_file

if TYPE_CHECKING:
    from presslens.ingest.sidecar import MetadataSidecar

#: Articles per chunk (and per Parquet part): large enough that a part is not tiny,
#: small enough that a chunk's rows are a few MB.
DEFAULT_CHUNK_SIZE = 200

#: The columns a worker reports per analysed article (the manifest's, less the part).
ENTRY_SCHEMA = pa.schema([MANIFEST_SCHEMA.field(n) for n in ("article_id", "source_path", "source_sha256")])

#: Suffixes whose files may hold many articles; everything else is one article a file.
_MULTI_ARTICLE = {".json", ".jsonl", ".ndjson"}


# -- lexicons, shipped to workers as bytes ------------------------------------------------


@dataclass(frozen=True)
class LexiconBundle:
    """The three lexicon files' bytes, so any worker can load exactly the driver's lexicons.

    Attributes:
        files: ``kind -> (file name, bytes)`` for ``topics``, ``stakeholders`` and ``claim_cues``.
        digests: sha256 of each file, recorded in the store.
        key: One digest over all three, naming the set in the workers' cache.
    """

    files: dict[str, tuple[str, bytes]]
    digests: dict[str, str]
    key: str


def lexicon_bundle(*, topics: str | Path = DEFAULT_TOPICS, stakeholders: str | Path = DEFAULT_STAKEHOLDERS,
                   claim_cues: str | Path = DEFAULT_CLAIM_CUES) -> tuple[LexiconBundle, Lexicons]:
    """Load and validate the lexicons in the driver and bundle their files for the workers.

    Raises:
        PresslensError: Naming the file, entry and field of the first problem.
    """
    lexicons = load_lexicons(topics=topics, stakeholders=stakeholders, claim_cues=claim_cues)
    given = {"topics": topics, "stakeholders": stakeholders, "claim_cues": claim_cues}
    files = {kind: (resolve_path(path).name, resolve_path(path).read_bytes()) for kind, path in given.items()}
    digests = {kind: hashlib.sha256(data).hexdigest() for kind, (_, data) in files.items()}
    key = hashlib.sha256("".join(digests[k] for k in sorted(digests)).encode()).hexdigest()[:16]
    return LexiconBundle(files=files, digests=digests, key=key), lexicons


_WORKER_LEXICONS: dict[str, Lexicons] = {}
_WORKER_LOCK = threading.Lock()


def worker_lexicons(bundle: LexiconBundle) -> Lexicons:
    """The bundle's lexicons, loaded once per worker process and then reused."""
    with _WORKER_LOCK:
        if bundle.key not in _WORKER_LEXICONS:
            folder = Path(tempfile.mkdtemp(prefix=f"presslens-lexicons-{bundle.key}-"))
            try:
                paths = {}
                for kind, (name, data) in bundle.files.items():
                    (folder / kind).mkdir()
                    (folder / kind / name).write_bytes(data)
                    paths[kind] = folder / kind / name
                _WORKER_LEXICONS[bundle.key] = load_lexicons(**paths)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        return _WORKER_LEXICONS[bundle.key]


# -- the work a worker does ---------------------------------------------------------------


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk.

    Attributes:
        tables: Rows per store table, as Arrow tables with the store's schemas.
        entries: One row per analysed article: article_id, source_path, source_sha256.
        failed: ``(source, problem)`` for each article whose analysis raised.
        pid: The worker's process id.
        peak_rss: The worker's peak resident memory so far, in bytes.
        host: The worker's host name.
    """

    tables: dict[str, pa.Table]
    entries: pa.Table
    failed: list[tuple[str, str]]
    pid: int
    peak_rss: int
    host: str


def analyze_chunk(articles: list[dict[str, Any]], bundle: LexiconBundle) -> ChunkResult:
    """Analyse a chunk of articles (as JSON-ready dicts) and return their store rows.

    An article whose analysis raises is reported in ``failed`` with the exception's type
    and message; the others are still returned.
    """
    from presslens.model import Article

    lexicons = worker_lexicons(bundle)
    rows: dict[str, list[dict[str, list[Any]]]] = {name: [] for name in TABLES}
    entries, failed = [], []
    for data in articles:
        source = str((data.get("metadata") or {}).get("source_path") or (data.get("metadata") or {}).get("id"))
        try:
            article = Article.model_validate(data)
            article_tables = article_rows(analyze_article(article, lexicons))
        except Exception as exc:  # reported in the run's summary, which exits non-zero
            failed.append((source, f"analysis failed: {type(exc).__name__}: {exc}"))
            continue
        for name, columns in article_tables.items():
            rows[name].append(columns)
        meta = article.metadata
        entries.append({"article_id": meta.id, "source_path": meta.source_path or meta.id, "source_sha256": meta.source_sha256})
    tables = {name: to_arrow(name, rows[name]) for name in TABLES}
    return ChunkResult(
        tables=tables,
        entries=pa.Table.from_pylist(entries, schema=ENTRY_SCHEMA),
        failed=failed,
        pid=os.getpid(),
        peak_rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        host=os.uname().nodename,
    )


# -- where the work runs ------------------------------------------------------------------


class _InProcess:
    """Runs chunks in the driver itself (``workers=1``): the single-process baseline."""

    workers = 1
    #: Each chunk is stored before the next is analysed, so an interrupted run keeps it.
    in_flight_limit = 1

    def submit(self, chunk: list[dict[str, Any]], bundle: LexiconBundle) -> concurrent.futures.Future:
        future: concurrent.futures.Future = concurrent.futures.Future()
        future.set_result(analyze_chunk(chunk, bundle))
        return future

    def wait_first(self, futures: Iterable[Any]) -> set[Any]:
        return set(futures)

    def close(self) -> None:
        pass


#: How often a pool worker checks that the driver is still there, in seconds.
PARENT_CHECK_SECONDS = 0.5


def start_pool_worker(bundle: LexiconBundle) -> None:
    """Set up a pool worker: leave Ctrl-C to the driver, exit when the driver is gone, load the lexicons.

    A worker whose driver was killed (SIGKILL, out of memory) would otherwise wait forever
    on the task queue, whose write end the workers themselves hold; a daemon thread sees
    the parent change (the worker is re-parented) and ends the process.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def exit_when_orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=exit_when_orphaned, name="presslens-parent-watch", daemon=True).start()
    worker_lexicons(bundle)


class _ProcessPool:
    """A local pool of worker processes (spawned, so the driver's threads are not forked)."""

    def __init__(self, workers: int, bundle: LexiconBundle) -> None:
        import multiprocessing

        self.workers = workers
        self.in_flight_limit = 2 * workers
        self.pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=start_pool_worker, initargs=(bundle,)
        )

    def submit(self, chunk: list[dict[str, Any]], bundle: LexiconBundle) -> concurrent.futures.Future:
        return self.pool.submit(analyze_chunk, chunk, bundle)

    def wait_first(self, futures: Iterable[Any]) -> set[Any]:
        done, _ = concurrent.futures.wait(list(futures), return_when=concurrent.futures.FIRST_COMPLETED)
        return done

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """An existing Dask distributed cluster, reached through its scheduler's address."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise PresslensError("--scheduler", "needs the 'distributed' package (pip install distributed)") from None
        try:
            self.client = Client(address, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise PresslensError(address, f"cannot reach the Dask scheduler ({exc})") from None
        self.workers = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))
        self.in_flight_limit = 2 * self.workers

    def submit(self, chunk: list[dict[str, Any]], bundle: LexiconBundle) -> Any:
        return self.client.submit(analyze_chunk, chunk, bundle, pure=False)

    def wait_first(self, futures: Iterable[Any]) -> set[Any]:
        from distributed import wait

        return set(wait(list(futures), return_when="FIRST_COMPLETED").done)

    def close(self) -> None:
        self.client.close()


# -- the driver ---------------------------------------------------------------------------


class _Interrupt:
    """Ctrl-C (SIGINT) during a corpus run, acted on where nothing is half written.

    While the driver waits for analyses or runs one itself (``workers=1``), Ctrl-C raises
    :class:`KeyboardInterrupt` at once; while it writes a part or the manifest, or asks
    the manifest (DuckDB would turn the interrupt into an error), the request is noted and
    raised at the next chunk. Only the main thread can take signals; elsewhere, and when
    SIGINT is ignored, nothing changes.
    """

    def __init__(self) -> None:
        self.requested = False
        self._raise_at_once = False
        self._previous: Any = None

    def __enter__(self) -> _Interrupt:
        if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum: int, frame: object) -> None:
        self.requested = True
        if self._raise_at_once:
            raise KeyboardInterrupt

    def check(self) -> None:
        """Raise :class:`KeyboardInterrupt` if Ctrl-C was pressed."""
        if self.requested:
            raise KeyboardInterrupt

    @contextmanager
    def at_once(self) -> Iterator[None]:
        """A stretch where Ctrl-C may interrupt at once (nothing is being written)."""
        self.check()
        self._raise_at_once = True
        try:
            yield
        finally:
            self._raise_at_once = False


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

        if scheduler:
            backend: Any = _Dask(scheduler)
        elif (workers or os.cpu_count() or 1) == 1:
            backend = _InProcess()
        else:
            backend = _ProcessPool(workers or os.cpu_count() or 1, bundle)
        in_flight: set[Any] = set()

        def collect_finished() -> None:
            for future in [f for f in in_flight if f.done()]:
                in_flight.discard(future)
                collect(future)

        with _Interrupt() as interrupt:
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
