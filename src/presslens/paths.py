"""Project paths, all derived from one root, in a checkout and in an installed package alike.

In the repository (an editable install, or ``src`` on the path) the root is the checkout:
lexicons are read from ``data/lexicons/``, and reports and derived data go under the checkout.
Installed from a wheel, the same lexicons ship inside the package (``presslens/resources/``,
copied there by the build from those very files, see ``setup.py``) and are read through
:mod:`importlib.resources`. The report notebooks the command line renders are package data
(``presslens/report/notebooks/``) in both layouts; ``notebooks/`` holds the copies JupyterLab
opens. Reports
and derived data then go under the working directory (``./reports/<slug>/``,
``./data/articles/``). Nothing here does I/O at import time beyond checking which of the two
layouts this is.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE_DIR.parents[1]

#: True in the repository, False in an installed package.
IN_CHECKOUT = (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "data" / "lexicons").is_dir()


def _resources() -> Path:
    """The package's bundled resources folder (a wheel install is a plain directory)."""
    return Path(str(files("presslens").joinpath("resources")))


PROJ_ROOT = _CHECKOUT if IN_CHECKOUT else Path.cwd()
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
ARTICLES_DIR = DATA_DIR / "articles"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJ_ROOT / "reports"
TEMPLATES_DIR = _PACKAGE_DIR / "report" / "templates"
#: plotly.js as the reports embed it: the cartesian partial bundle of the release that the
#: plotly Python package ships (``scripts/update-plotly-js.sh`` replaces it, licence beside it).
PLOTLY_JS_DIR = _PACKAGE_DIR / "report" / "assets" / "plotly.js"
PLOTLY_JS = PLOTLY_JS_DIR / "plotly-cartesian.min.js"

#: Where the shipped lexicons and notebooks are read from.
LEXICONS_DIR = DATA_DIR / "lexicons" if IN_CHECKOUT else _resources() / "lexicons"
#: The notebooks JupyterLab opens (``make lab``): the repository's ``notebooks/``.
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"

DEFAULT_ARTICLE = RAW_DIR / "zelensky-trump-nato-summit.txt"
DEFAULT_TOPICS = LEXICONS_DIR / "topics.yaml"
DEFAULT_STAKEHOLDERS = LEXICONS_DIR / "stakeholders.yaml"
DEFAULT_CLAIM_CUES = LEXICONS_DIR / "claims.yaml"
#: The report notebooks the command line renders: the package's own copies, never the ones in
#: ``notebooks/`` that JupyterLab opens and a user may be editing (``--notebook PATH`` renders
#: another). tests/test_notebooks.py keeps ``notebooks/`` equal to them in the repository.
PACKAGED_NOTEBOOKS_DIR = _PACKAGE_DIR / "report" / "notebooks"
ARTICLE_REPORT_NOTEBOOK = PACKAGED_NOTEBOOKS_DIR / "article_report.ipynb"
COMPARE_REPORT_NOTEBOOK = PACKAGED_NOTEBOOKS_DIR / "compare_report.ipynb"
REALWORLD_DIR = _CHECKOUT.parent / "shared" / "realworld"

#: The files the build copies into ``presslens/resources/``: (repository path, resource path).
BUNDLED = (
    ("data/lexicons/topics.yaml", "lexicons/topics.yaml"),
    ("data/lexicons/stakeholders.yaml", "lexicons/stakeholders.yaml"),
    ("data/lexicons/claims.yaml", "lexicons/claims.yaml"),
)


def resolve_path(path: str | Path) -> Path:
    """Resolve a user-supplied path.

    Absolute paths are kept. A relative path is taken from the working directory when
    it exists there, else from the project root, so notebook defaults such as
    ``data/raw/...`` work from JupyterLab, papermill and nbval alike. In an installed
    package the notebooks' default lexicon paths (``data/lexicons/topics.yaml``) name the
    bundled lexicons.

    Args:
        path: The path as the user or a parameters cell wrote it.

    Returns:
        An absolute path (which may not exist; callers report that).
    """
    candidate = Path(path).expanduser()
    if candidate.is_absolute():
        return candidate
    if candidate.exists():
        return candidate.resolve()
    in_root = PROJ_ROOT / candidate
    if not in_root.exists() and candidate.parts[:2] == ("data", "lexicons") and len(candidate.parts) == 3:
        return LEXICONS_DIR / candidate.name
    return in_root
