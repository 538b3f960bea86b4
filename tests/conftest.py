"""Shared fixtures: the seed article, the real-world folder, Chromium, and one rendered report."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.ingest import load_any
from presslens.model import Article
from presslens.paths import DEFAULT_ARTICLE, REALWORLD_DIR

REALWORLD = REALWORLD_DIR
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return DEFAULT_ARTICLE


@pytest.fixture(scope="session")
def seed(seed_path: Path) -> Article:
    return load_any(seed_path)


@pytest.fixture(scope="session")
def realworld() -> Path:
    if not REALWORLD.is_dir():
        pytest.skip(f"real-world data not found at {REALWORLD}")
    return REALWORLD


@pytest.fixture(scope="session")
def chromium() -> Path:
    from presslens.report.pdf import find_chromium

    found = find_chromium()
    if found is None:
        pytest.skip("no Chromium found (set PRESSLENS_CHROMIUM or install the chromium package)")
    return found


@pytest.fixture(scope="session")
def rendered_seed(tmp_path_factory: pytest.TempPathFactory, chromium: Path):
    """The seed report rendered once, HTML and PDF, into a temporary reports folder."""
    from presslens.report.render import render_report

    out = tmp_path_factory.mktemp("reports")
    return render_report(DEFAULT_ARTICLE, out_dir=out, formats=("html", "pdf"))
