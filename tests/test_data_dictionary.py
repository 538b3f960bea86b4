"""Every table that leaves the program is described, column by column, in data/README.md."""

from __future__ import annotations

import re

import pytest

from presslens.paths import DATA_DIR
from presslens.report.article import build_report, report_tables

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
    return report_tables(report)


def _section(name: str) -> str:
    match = re.search(rf"^###[^\n]*`{re.escape(name)}\.csv`.*?(?=^##)", DICTIONARY, flags=re.S | re.M)
    assert match, f"{name}.csv has no section in data/README.md"
    return match.group(0)


def test_every_report_csv_is_documented(tables) -> None:
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
