"""Report rendering against the floor of a notebook run, whole processes, measured in the same run.

The issue-13 table. Each figure is a whole process started from the shell, as a user runs it:

- (a) the floor: ``papermill`` executing a one-cell notebook (interpreter, papermill and
  nbformat imports, kernel start-up and teardown), the cost every notebook report pays;
- (b) ``presslens report --format html`` on the seed;
- (c) ``presslens report --format html,pdf`` on the seed.

The three run in turn, ``repeat`` rounds, and the medians are kept: the machine is shared, so
the ratios b/a and c/a are what to compare, not the seconds. The sizes of ``report.html`` and
``report.pdf`` and the PDF's page count come from the last round. The phases of (c), timed by
when each progress line arrives, say where the time goes.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

GOALS = {"html_over_floor": 1.5, "html_pdf_over_floor": 2.2, "html_mb": 2.0, "pdf_pages": 12}


def _timed(command: list[str], cwd: Path) -> tuple[float, list[tuple[float, str]]]:
    """Run a command; its wall time and each stderr line with the second it arrived."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines = [(time.perf_counter() - start, line.rstrip()) for line in process.stderr]
    if process.wait() != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {lines[-3:]}")
    return time.perf_counter() - start, lines


def _phases(lines: list[tuple[float, str]], total: float) -> list[tuple[str, float]]:
    """Seconds per step: start-up until the first progress line, then each ``[k/n]`` step."""
    marks = [(t, line.split("] ", 1)[1]) for t, line in lines if line.startswith("[")]
    phases = [("start-up (interpreter, imports)", marks[0][0])] if marks else []
    for (t, name), (t_next, _) in zip(marks, [*marks[1:], (total, "")]):
        phases.append((name.split(" /")[0].split(" in ")[0], t_next - t))
    return phases


def pdf_pages(pdf: Path) -> int:
    """Pages of a PDF, by pdfinfo (poppler)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main(*, repeat: int = 5) -> dict[str, float]:
    """Run the benchmark and print the table.

    Args:
        repeat: Rounds of (a), (b), (c); medians are reported.

    Returns:
        The figures, by name.
    """
    from presslens.paths import DEFAULT_ARTICLE, PROJ_ROOT

    bindir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        empty = work / "empty.ipynb"
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        notebook.cells = [nbformat.v4.new_code_cell("pass")]
        nbformat.write(notebook, empty)
        floor_cmd = [str(bindir / "papermill"), "-k", "python3", "--no-progress-bar", str(empty), str(work / "out.ipynb")]
        report_cmd = [str(bindir / "presslens"), "report", str(DEFAULT_ARTICLE)]
        runs: dict[str, list[float]] = {"floor": [], "html": [], "both": []}
        phases: list[list[tuple[str, float]]] = []
        for _ in range(repeat):
            runs["floor"].append(_timed(floor_cmd, PROJ_ROOT)[0])
            runs["html"].append(_timed([*report_cmd, "--format", "html", "--out", str(work / "html")], PROJ_ROOT)[0])
            seconds, lines = _timed([*report_cmd, "--format", "html,pdf", "--out", str(work / "both")], PROJ_ROOT)
            runs["both"].append(seconds)
            phases.append(_phases(lines, seconds))
        folder = work / "both" / DEFAULT_ARTICLE.stem
        html_mb = (folder / "report.html").stat().st_size / 1e6
        pdf_kib = (folder / "report.pdf").stat().st_size / 1024
        pages = pdf_pages(folder / "report.pdf")

    floor, html, both = (statistics.median(runs[k]) for k in ("floor", "html", "both"))
    figures = {
        "empty_notebook_s": floor,
        "html_s": html,
        "html_pdf_s": both,
        "html_over_floor": html / floor,
        "html_pdf_over_floor": both / floor,
        "html_mb": html_mb,
        "pdf_kib": pdf_kib,
        "pdf_pages": pages,
    }

    def verdict(name: str) -> str:
        return "met" if figures[name] <= GOALS[name] else "NOT met"

    print(f"report rendering, whole processes (median of {repeat} interleaved rounds):")
    print(f"  (a) papermill, one-cell notebook      {floor:5.2f} s   the floor")
    print(f"  (b) presslens report --format html    {html:5.2f} s   b/a = {html / floor:4.2f}  (goal <= 1.5: {verdict('html_over_floor')})")
    print(f"  (c) presslens report (HTML and PDF)   {both:5.2f} s   c/a = {both / floor:4.2f}  (goal <= 2.2: {verdict('html_pdf_over_floor')})")
    print(f"  report.html {html_mb:.2f} MB (goal <= 2 MB: {verdict('html_mb')}); "
          f"report.pdf {pdf_kib:,.0f} KiB, {pages} pages (goal <= 12: {verdict('pdf_pages')})")
    print("  where (c) spends its time (median seconds per step):")
    for index, (name, _) in enumerate(phases[0]):
        print(f"    {name:<34} {statistics.median(p[index][1] for p in phases if len(p) > index):5.2f}")
    return figures


if __name__ == "__main__":
    main()
