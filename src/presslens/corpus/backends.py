"""Where a corpus run's chunks are analysed: in the driver, in a local process pool, or on a Dask cluster.

Every backend has ``workers``, ``in_flight_limit`` (chunks the driver keeps in flight),
``submit(chunk, bundle)``, ``wait_first(futures)`` and ``close()``; :func:`start_backend`
picks one. Pool workers leave Ctrl-C to the driver and exit when it is killed.
"""

from __future__ import annotations

import concurrent.futures
import os
import signal
import threading
import time
from collections.abc import Iterable
from typing import Any

from presslens.corpus.worker import LexiconBundle, analyze_chunk, worker_lexicons
from presslens.errors import PresslensError


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


def start_backend(*, workers: int | None, scheduler: str | None, bundle: LexiconBundle) -> Any:
    """The backend a run uses: the Dask cluster at ``scheduler`` when given, else the driver
    itself for one worker, else a local pool of ``workers`` processes (default: the CPU count).

    Raises:
        PresslensError: If the Dask scheduler cannot be reached, or ``distributed`` is missing.
    """
    if scheduler:
        return _Dask(scheduler)
    if (workers or os.cpu_count() or 1) == 1:
        return _InProcess()
    return _ProcessPool(workers or os.cpu_count() or 1, bundle)
