"""Time and memory stay bounded on huge and pathological input (generated text, issue 11).

Each case runs ``presslens ingest`` and ``presslens analyze --json`` in a fresh process, with a
generous time budget, and checks its peak resident memory stays under 1 GB: a 1 MB article of ordinary prose,
and a 2 MB paragraph with no sentence end. A quadratic step shows up as a timeout or a
MemoryError here (before the engine rewrite, analyze ran past 600 s on the paragraph and died
at 4.6 GB on the article). ``benchmarks/bench_scaling.py`` prints the curve.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generated_text import endless_paragraph, prose  # noqa: E402

pytestmark = pytest.mark.slow

#: Peak resident memory allowed per command (the issue's bound).
LIMIT_KB = 1024 * 1024


@pytest.mark.parametrize("name, make", [("prose_1mb", lambda: prose(1_000_000)), ("paragraph_2mb", lambda: endless_paragraph(2_000_000))])
def test_huge_input_ingests_and_analyses_within_bounds(name, make, tmp_path: Path):
    path = tmp_path / f"{name}.txt"
    path.write_text(make(), encoding="utf-8")
    for args in (["ingest", str(path), "-o", str(tmp_path / f"{name}.json")], ["analyze", str(path), "--json"]):
        # a fresh process per command, so RUSAGE_CHILDREN's peak is this command's
        probe = (
            "import resource, subprocess, sys; "
            "done = subprocess.run(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(done.returncode)"
        )
        done = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "presslens.cli", *args],
                              capture_output=True, text=True, timeout=120, cwd=tmp_path)
        assert done.returncode == 0, (args[0], done.stderr[-2000:])
        assert "Traceback" not in done.stderr
        peak_kb = int(done.stderr.strip().splitlines()[-1])
        assert peak_kb < LIMIT_KB, f"{args[0]} of {name} peaked at {peak_kb / 1024:.0f} MB"
    assert '"sentences"' in done.stdout
