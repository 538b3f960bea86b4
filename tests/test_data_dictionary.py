"""Every table that leaves the program is described, column by column, in data/README.md."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from presslens.paths import DATA_DIR
from presslens.report.article import build_report

DICTIONARY = (DATA_DIR / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tables():
    report = build_report(
        "data/raw/zelensky-trump-nato-summit.txt",
        topics="data/lexicons/topics.yaml",
        stakeholders="data/lexicons/stakeholders.yaml",
        claim_cues="data/lexicons/claims.yaml",
        published="2025-06-25",
    )
    return report.tables  # the very tables save_report_tables writes as CSV


def _section(name: str) -> str:
    match = re.search(rf"^###[^\n]*`{re.escape(name)}\.csv`.*?(?=^##)", DICTIONARY, flags=re.S | re.M)
    assert match, f"{name}.csv has no section in data/README.md"
    return match.group(0)


def test_every_report_csv_is_documented(tables) -> None:
    assert len(tables) >= 20
    for name in tables:
        _section(name)


def test_every_column_is_documented(tables) -> None:
    missing = []
    for name, table in tables.items():
        section = _section(name)
        for column in table.columns:
            if f"`{column}`" not in section:
                missing.append(f"{name}.csv: {column}")
    assert missing == []


def _compare_section(name: str) -> str:
    part = re.search(r"^## Comparison report tables.*?(?=^## |\Z)", DICTIONARY, flags=re.S | re.M)
    assert part, "data/README.md has no 'Comparison report tables' section"
    match = re.search(rf"^###[^\n]*`{re.escape(name)}\.csv`.*?(?=^###|\Z)", part.group(0), flags=re.S | re.M)
    assert match, f"compare {name}.csv has no section under 'Comparison report tables' in data/README.md"
    return match.group(0)


def test_every_compare_csv_and_column_is_documented(tmp_path) -> None:
    from presslens.corpus.compare import SAVED_TABLES, compare_corpus, load_corpus
    from presslens.paths import DEFAULT_ARTICLE, RAW_DIR

    comparison = compare_corpus(load_corpus(tmp_path / "store", inputs=[DEFAULT_ARTICLE, RAW_DIR / "samples"]))
    assert tuple(comparison.tables) == SAVED_TABLES
    missing = []
    for name in comparison.save(tmp_path / "csv"):
        section = _compare_section(name.stem)
        missing += [f"{name.name}: {column}" for column in pd.read_csv(name, nrows=0).columns if f"`{column}`" not in section]
    assert missing == []
