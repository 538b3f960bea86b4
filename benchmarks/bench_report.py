"""Report rendering against the floor of kernel start-up, measured in the same run.

Times (a) papermill executing an empty notebook (kernel start-up and teardown: the floor
no report can beat), (b) rendering the seed report to HTML, (c) to HTML and PDF. Each is
run ``repeat`` times and the median kept; the ratios b/a and c/a are what to compare
between machines, since the machine is shared and absolute seconds are noisy.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import nbformat


def _median_seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(*, repeat: int = 3) -> dict[str, float]:
    """Run the benchmark and print the figures.

    Args:
        repeat: Runs per measurement; the median is reported.

    Returns:
        The figures, by name.
    """
    import papermill

    from presslens.paths import DEFAULT_ARTICLE, PROJ_ROOT
    from presslens.report.render import kernel_manager_logging_to, render_report

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        empty = work / "empty.ipynb"
        notebook = nbformat.v4.new_notebook()
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        notebook.cells = [nbformat.v4.new_code_cell("pass")]
        nbformat.write(notebook, empty)

        floor = _median_seconds(
            lambda: papermill.execute_notebook(
                str(empty),
                str(work / "empty-out.ipynb"),
                progress_bar=False,
                cwd=str(PROJ_ROOT),
                kernel_name="python3",
                kernel_manager_class=kernel_manager_logging_to(work / "kernel.log"),
            ),
            repeat,
        )
        html = _median_seconds(lambda: render_report(DEFAULT_ARTICLE, out_dir=work / "html", formats=("html",)), repeat)
        both = _median_seconds(lambda: render_report(DEFAULT_ARTICLE, out_dir=work / "both", formats=("html", "pdf")), repeat)
        folder = work / "both" / "zelensky-trump-nato-summit"
        html_kb = (folder / "report.html").stat().st_size / 1024
        pdf_kb = (folder / "report.pdf").stat().st_size / 1024

    figures = {
        "empty_notebook_s": floor,
        "html_s": html,
        "html_pdf_s": both,
        "html_over_floor": html / floor,
        "html_pdf_over_floor": both / floor,
        "html_kib": html_kb,
        "pdf_kib": pdf_kb,
    }
    print(f"report rendering (median of {repeat}):")
    print(f"  (a) empty notebook via papermill  {floor:6.2f} s   (floor)")
    print(f"  (b) seed report, HTML             {html:6.2f} s   b/a = {html / floor:4.2f}")
    print(f"  (c) seed report, HTML + PDF       {both:6.2f} s   c/a = {both / floor:4.2f}")
    print(f"  sizes: report.html {html_kb:,.0f} KiB, report.pdf {pdf_kb:,.0f} KiB")
    return figures


if __name__ == "__main__":
    main()
