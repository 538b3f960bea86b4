"""Batch reports: ``presslens report PATH...`` renders one report per article in parallel,
goes on past bad inputs and exits non-zero when any failed; one file still means the
single-article report (tested in test_render.py and test_cli.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens.cli import main
from presslens.cli.report import _single_report_input
from presslens.paths import DEFAULT_ARTICLE, RAW_DIR

SAMPLES = RAW_DIR / "samples"


def test_which_inputs_are_a_single_report(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    records.write_text('{"text": "One."}\n', encoding="utf-8")
    assert _single_report_input([]) == DEFAULT_ARTICLE
    assert _single_report_input([DEFAULT_ARTICLE]) == DEFAULT_ARTICLE
    assert _single_report_input([records]) is None
    assert _single_report_input([SAMPLES]) is None
    assert _single_report_input([DEFAULT_ARTICLE, SAMPLES / "capital-wire-sanctions.md"]) is None


def test_metadata_options_are_refused_for_several(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["report", str(SAMPLES), "--title", "One title", "--out", str(tmp_path)]) == 1
    assert "--title apply to a single article" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


@pytest.mark.slow
def test_batch_renders_each_article_and_reports_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "wire.jsonl"
    lines = [
        {"id": "kyiv-talks", "title": "Talks resume in Kyiv", "outlet": "Example Wire", "published": "2025-03-20",
         "text": "Ukrainian and European officials resumed talks in Kyiv on Monday, a spokesman said.\n\nNATO said it would send observers."},
        "not a record",
    ]
    records.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "reports"
    code = main(["report", str(SAMPLES / "capital-wire-sanctions.md"), str(records), "--format", "html", "--out", str(out), "--workers", "2"])
    captured = capsys.readouterr()
    assert code == 3  # finished, with failures listed
    assert sorted(p.name for p in out.iterdir()) == ["capital-wire-sanctions", "kyiv-talks"]
    for folder in out.iterdir():
        assert (folder / "report.html").stat().st_size > 0 and (folder / "article.json").is_file()
    assert sorted(Path(line).name for line in captured.out.split()) == ["capital-wire-sanctions", "kyiv-talks"]
    assert "reports: rendered 2, 0 duplicates skipped, 1 failed" in captured.err
    assert f"{records}:2" in captured.err
