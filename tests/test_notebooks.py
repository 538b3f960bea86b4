"""The report notebooks: the packaged ones the command line renders, and the copies JupyterLab opens.

``presslens report`` and ``presslens compare`` render the notebooks inside the package
(``presslens/report/notebooks/``), never ``notebooks/``, which a user may be editing in
JupyterLab; ``--notebook PATH`` renders a custom one. In the repository the two must hold the
same cells, so what Lab shows is what the command line renders.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from presslens.paths import ARTICLE_REPORT_NOTEBOOK, COMPARE_REPORT_NOTEBOOK, NOTEBOOKS_DIR, PACKAGED_NOTEBOOKS_DIR


def _cells(path: Path) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source) for cell in nbformat.read(path, as_version=4).cells]


@pytest.mark.parametrize("name", ["article_report.ipynb", "compare_report.ipynb"])
def test_the_lab_copies_hold_the_packaged_notebooks_cells(name: str):
    assert _cells(NOTEBOOKS_DIR / name) == _cells(PACKAGED_NOTEBOOKS_DIR / name), (
        f"notebooks/{name} and src/presslens/report/notebooks/{name} differ: copy the one you changed over the other"
    )


def test_the_command_line_renders_the_packaged_notebooks():
    for notebook in (ARTICLE_REPORT_NOTEBOOK, COMPARE_REPORT_NOTEBOOK):
        assert notebook.is_file() and notebook.parent == PACKAGED_NOTEBOOKS_DIR
        assert NOTEBOOKS_DIR not in notebook.parents


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "presslens.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_missing_or_broken_custom_notebook_is_one_line(tmp_path: Path):
    done = _run(["report", "--notebook", str(tmp_path / "mine.ipynb"), "--out", str(tmp_path / "r")], tmp_path)
    assert done.returncode == 1 and "mine.ipynb: no such notebook" in done.stderr and "Traceback" not in done.stderr
    (tmp_path / "broken.ipynb").write_text("{not json", encoding="utf-8")
    done = _run(["report", "--notebook", str(tmp_path / "broken.ipynb"), "--out", str(tmp_path / "r")], tmp_path)
    assert done.returncode == 1 and "broken.ipynb: is not a Jupyter notebook" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.slow
def test_a_custom_notebook_is_rendered_with_the_same_parameters(tmp_path: Path):
    """A copy of the report with a section of one's own: --notebook renders it, the packaged one stays."""
    custom = json.loads(ARTICLE_REPORT_NOTEBOOK.read_text(encoding="utf-8"))
    custom["cells"].append({"cell_type": "markdown", "metadata": {}, "source": ["## Our desk's notes\n", "\n", "Checked by the policy desk."]})
    mine = tmp_path / "desk_report.ipynb"
    mine.write_text(json.dumps(custom), encoding="utf-8")
    done = _run(["report", "--notebook", str(mine), "--format", "html", "--out", str(tmp_path / "r"), "-p", "published", "2025-06-25"], tmp_path)
    assert done.returncode == 0, done.stderr
    html = (tmp_path / "r" / "zelensky-trump-nato-summit" / "report.html").read_text(encoding="utf-8")
    assert "Checked by the policy desk." in html and "2025-06-25" in html
    assert "Checked by the policy desk." not in ARTICLE_REPORT_NOTEBOOK.read_text(encoding="utf-8")
