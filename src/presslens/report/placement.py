"""Where a report is written until it is complete, and how it replaces the previous one.

A report is written in a work folder ``<out>/.<name>.XXXXXXXX.tmp`` beside its destination
and then put in place with :func:`move_into_place`. The process that writes a work folder
holds an exclusive ``flock`` on it for as long as it runs; the kernel releases the lock when
the process ends, however it ends (SIGKILL included). A work folder that nobody holds and
that has not changed for :data:`STALE_AFTER_SECONDS` is left over from a killed run, and
:func:`remove_stale_work_folders` (called before every render) removes it. Where locks are
not supported (some network file systems), only work folders older than
:data:`STALE_WITHOUT_LOCKS_SECONDS` are removed.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

#: A work folder nobody holds is stale once it has not changed for this long; the grace
#: covers the instant between creating a folder and locking it.
STALE_AFTER_SECONDS = 60
#: Where locks cannot be taken, a work folder is stale only when this old (a day).
STALE_WITHOUT_LOCKS_SECONDS = 24 * 3600
#: The names :func:`open_work_folder` gives: a dot, the report folder's name, eight random characters.
WORK_FOLDER_RE = re.compile(r"^\..+\.[a-z0-9_]{8}(-old)?\.tmp$")
#: Attempts at putting a report in place while other processes replace it too.
MOVE_ATTEMPTS = 100


def open_work_folder(out_dir: Path, folder_name: str) -> tuple[Path, int]:
    """Create and lock a work folder for ``<out_dir>/<folder_name>``, after removing stale ones.

    Args:
        out_dir: The reports folder (it must exist).
        folder_name: The report folder's name.

    Returns:
        The work folder and the descriptor that holds its lock; close it (``os.close``)
        when the render is over.

    Raises:
        OSError: If the folder cannot be created.
    """
    remove_stale_work_folders(out_dir)
    work = Path(tempfile.mkdtemp(prefix=f".{folder_name}.", suffix=".tmp", dir=out_dir))
    work.chmod(0o755)  # mkdtemp makes it private; a report folder is meant to be shared
    descriptor = os.open(work, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        pass  # no locks here: the folder is then judged by its age alone
    return work, descriptor


def remove_stale_work_folders(out_dir: Path, *, now: float | None = None) -> list[Path]:
    """Remove the work folders in ``out_dir`` that killed runs left behind.

    Args:
        out_dir: The reports folder.
        now: The current time (for tests); defaults to :func:`time.time`.

    Returns:
        The folders removed.
    """
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(out_dir))
    except OSError:
        return removed
    for entry in entries:
        if not WORK_FOLDER_RE.match(entry.name) or not entry.is_dir(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if _is_stale(path, now):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _is_stale(path: Path, now: float) -> bool:
    try:
        age = now - path.stat().st_mtime
        descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False  # gone already, or not ours to read
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False  # a running render holds it
    except OSError:
        return age > STALE_WITHOUT_LOCKS_SECONDS
    finally:
        os.close(descriptor)  # also releases the lock just taken
    return age > STALE_AFTER_SECONDS


def move_into_place(work: Path, destination: Path) -> None:
    """Replace ``destination`` by the complete report in ``work``; readers never see half a report.

    When there is no report yet, one rename puts it there. Otherwise the two folders are
    exchanged atomically (``renameat2(RENAME_EXCHANGE)`` on Linux; two renames elsewhere)
    and the previous report, now in ``work``, is removed. Several processes may place a
    report at the same destination at once: each attempt that loses a race is retried,
    and the last report placed stays.

    Raises:
        OSError: If the report cannot be moved (after :data:`MOVE_ATTEMPTS` attempts).
    """
    for _ in range(MOVE_ATTEMPTS):
        try:
            work.rename(destination)
            return
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
        try:
            _exchange(work, destination)
        except FileNotFoundError:
            continue  # another process moved the destination away meanwhile
        shutil.rmtree(work, ignore_errors=True)
        return
    raise OSError(errno.EBUSY, "other processes kept replacing the report", str(destination))


RENAME_EXCHANGE = 2
AT_FDCWD = -100


def _exchange(work: Path, destination: Path) -> None:
    """Swap two folders; afterwards ``work`` holds what ``destination`` held."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is not None:
        if renameat2(AT_FDCWD, os.fsencode(work), AT_FDCWD, os.fsencode(destination), RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(destination))
    # no atomic exchange here: move the previous report aside, then ours in (a gap of one rename)
    previous = work.with_name(f"{work.name.removesuffix('.tmp')}-old.tmp")
    destination.rename(previous)  # FileNotFoundError when another process moved it first
    try:
        work.rename(destination)
    except OSError:
        shutil.rmtree(previous, ignore_errors=True)  # another complete report took the place in the gap
        raise FileNotFoundError(errno.ENOENT, "the destination changed", str(destination)) from None
    previous.rename(work)
