"""Project paths, all derived from one root.

Nothing here depends on the working directory and nothing does I/O at import time.
The package is installed in editable mode (``pip install -e .``), so the project root
is two levels above this file.
"""

from __future__ import annotations

from pathlib import Path

PROJ_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
ARTICLES_DIR = DATA_DIR / "articles"
LEXICONS_DIR = DATA_DIR / "lexicons"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
REPORTS_DIR = PROJ_ROOT / "reports"
TEMPLATES_DIR = Path(__file__).resolve().parent / "report" / "templates"

DEFAULT_ARTICLE = RAW_DIR / "zelensky-trump-nato-summit.txt"
DEFAULT_TOPICS = LEXICONS_DIR / "topics.yaml"
DEFAULT_STAKEHOLDERS = LEXICONS_DIR / "stakeholders.yaml"
DEFAULT_CLAIM_CUES = LEXICONS_DIR / "claims.yaml"
ARTICLE_REPORT_NOTEBOOK = NOTEBOOKS_DIR / "article_report.ipynb"
COMPARE_REPORT_NOTEBOOK = NOTEBOOKS_DIR / "compare_report.ipynb"
REALWORLD_DIR = PROJ_ROOT.parent / "shared" / "realworld"


def resolve_path(path: str | Path) -> Path:
    """Resolve a user-supplied path.

    Absolute paths are kept. A relative path is taken from the working directory when
    it exists there, else from the project root, so notebook defaults such as
    ``data/raw/...`` work from JupyterLab, papermill and nbval alike.

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
    return PROJ_ROOT / candidate
