"""Ctrl-C during a corpus run, raised only where nothing is half written.

The driver stores every chunk analysed so far before the interrupt ends the run, so the
store stays valid and a second run continues where the first stopped.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Interrupt:
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

    def __enter__(self) -> Interrupt:
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
