"""Work folders and putting a report in place: killed runs are cleaned up, concurrent moves are safe."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from presslens.report.placement import STALE_AFTER_SECONDS, move_into_place, open_work_folder, remove_stale_work_folders


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_only_unheld_old_work_folders_are_removed(tmp_path: Path):
    old = tmp_path / ".talks.abcd1234.tmp"
    old.mkdir()
    (old / "report.html").write_text("half", encoding="utf-8")
    _age(old, STALE_AFTER_SECONDS + 5)
    young = tmp_path / ".talks.efgh5678.tmp"
    young.mkdir()
    not_ours = tmp_path / ".cache.tmp"
    not_ours.mkdir()
    _age(not_ours, 10 * 24 * 3600)
    report = tmp_path / "talks"
    report.mkdir()
    _age(report, 10 * 24 * 3600)
    held, lock = open_work_folder(tmp_path, "other")  # removes `old` on the way
    try:
        _age(held, STALE_AFTER_SECONDS + 5)
        assert not old.exists()
        assert remove_stale_work_folders(tmp_path) == []  # held by this run, too young, or not a work folder
        assert held.exists() and young.exists() and not_ours.exists() and report.exists()
    finally:
        os.close(lock)
    assert remove_stale_work_folders(tmp_path) == [held]


def test_a_run_killed_with_sigkill_leaves_a_folder_the_next_run_removes(tmp_path: Path):
    script = textwrap.dedent(f"""
        from pathlib import Path
        import time
        from presslens.report.placement import open_work_folder
        work, lock = open_work_folder(Path({str(tmp_path)!r}), "talks")
        (work / "report.ipynb").write_bytes(b"x" * 100_000)
        print(work, flush=True)
        time.sleep(60)
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        work = Path(child.stdout.readline().strip())
        assert work.is_dir()
        later = time.time() + STALE_AFTER_SECONDS + 5
        assert remove_stale_work_folders(tmp_path, now=later) == []  # the run is alive: its folder stays
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child.stdout.close()
    assert work.is_dir()
    assert remove_stale_work_folders(tmp_path, now=later) == [work]
    assert list(tmp_path.iterdir()) == []


MOVER = """
import sys
from pathlib import Path
from presslens.report import placement
from presslens.report.placement import move_into_place, open_work_folder
import os
out, who, times = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
if sys.argv[4] == "two renames":
    placement.RENAME_EXCHANGE = 1 << 30  # an unknown flag: EINVAL, as where the exchange is not supported
import time
while time.time() < float(sys.argv[5]):  # both start together, after Python has started
    time.sleep(0.001)
for n in range(times):
    work, lock = open_work_folder(out, "talks")
    for name in ("report.html", "report.pdf", "article.json"):
        (work / name).write_text(f"{who} {n}", encoding="utf-8")
    move_into_place(work, out / "talks")
    os.close(lock)
"""


@pytest.mark.parametrize("how", ["exchange", "two renames"])
def test_two_processes_moving_reports_into_the_same_place(tmp_path: Path, how: str):
    """Driven 300 times from two processes: no error, and one complete report in the end."""
    start = str(time.time() + 1.5)
    movers = [
        subprocess.Popen([sys.executable, "-c", MOVER, str(tmp_path), who, "300", how, start], stderr=subprocess.PIPE, text=True)
        for who in ("a", "b")
    ]
    errors = [m.communicate(timeout=120)[1] for m in movers]
    assert [m.returncode for m in movers] == [0, 0], errors
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talks"]
    texts = {(tmp_path / "talks" / name).read_text(encoding="utf-8") for name in ("report.html", "report.pdf", "article.json")}
    assert len(texts) == 1 and texts <= {"a 299", "b 299"}  # one run's files, whole


def test_move_into_place_replaces_the_previous_report(tmp_path: Path):
    destination = tmp_path / "talks"
    destination.mkdir()
    (destination / "report.html").write_text("previous", encoding="utf-8")
    work, lock = open_work_folder(tmp_path, "talks")
    (work / "report.html").write_text("new", encoding="utf-8")
    move_into_place(work, destination)
    os.close(lock)
    assert (destination / "report.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talks"]
