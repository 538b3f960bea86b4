"""Rendering reports: parameters, atomic output, failures, and the end-to-end seed report.

The end-to-end test renders the seed to HTML and PDF once (``rendered_seed``) and checks
the files, the HTML in headless Chromium (one drawn chart per figure, no console
errors, no network requests) and the PDF text. Browser checks skip, saying why, only
when no Chromium can be found.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from presslens.errors import PresslensError
from presslens.paths import ARTICLE_REPORT_NOTEBOOK, DEFAULT_ARTICLE
from presslens.report.render import parse_parameters, render_report


def test_unknown_parameter_is_an_error() -> None:
    with pytest.raises(PresslensError, match=r"-p colour: unknown parameter for article_report.ipynb; parameters: "):
        parse_parameters(ARTICLE_REPORT_NOTEBOOK, [("colour", "red")])


def test_reserved_parameter_is_an_error() -> None:
    with pytest.raises(PresslensError, match="-p article: is set by presslens"):
        parse_parameters(ARTICLE_REPORT_NOTEBOOK, [("article", "x.txt")])


def test_notebook_parameters_are_documented() -> None:
    from presslens.report.render import notebook_parameters

    params = notebook_parameters(ARTICLE_REPORT_NOTEBOOK)
    assert params["article"]["default"].strip('"') == "data/raw/zelensky-trump-nato-summit.txt"
    assert all(p["help"] for p in params.values()), "every parameter needs a comment for papermill --help-notebook"


def test_committed_notebooks_have_no_outputs() -> None:
    for path in ARTICLE_REPORT_NOTEBOOK.parent.glob("*.ipynb"):
        notebook = nbformat.read(path, as_version=4)
        assert not any(cell.get("outputs") for cell in notebook.cells), f"{path.name} is committed with outputs"
        assert not any(cell.get("execution_count") for cell in notebook.cells if cell.cell_type == "code")
        assert not any("def " in cell.source for cell in notebook.cells if cell.cell_type == "code"), "logic belongs in the package"


def _failing_notebook(tmp_path: Path) -> Path:
    notebook = nbformat.read(ARTICLE_REPORT_NOTEBOOK, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell('raise ValueError("chart data is inconsistent")'))
    path = tmp_path / "failing.ipynb"
    nbformat.write(notebook, path)
    return path


@pytest.mark.slow
def test_failed_run_leaves_previous_report_untouched(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    previous = out / "zelensky-trump-nato-summit"
    previous.mkdir(parents=True)
    (previous / "report.html").write_text("previous report", encoding="utf-8")
    with pytest.raises(PresslensError, match=r"cell \d+ failed: ValueError: chart data is inconsistent"):
        render_report(DEFAULT_ARTICLE, out_dir=out, formats=("html",), notebook=_failing_notebook(tmp_path))
    assert (previous / "report.html").read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in out.iterdir()) == ["zelensky-trump-nato-summit"], "no temporary folder left behind"


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PresslensError, match="unknown format 'docx'"):
        render_report(DEFAULT_ARTICLE, out_dir=tmp_path, formats=("html", "docx"))
    assert not any(tmp_path.iterdir())


@pytest.mark.slow
def test_html_only_render_replaces_previous(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    (out / "zelensky-trump-nato-summit").mkdir(parents=True)
    (out / "zelensky-trump-nato-summit" / "stale.txt").write_text("old", encoding="utf-8")
    result = render_report(DEFAULT_ARTICLE, out_dir=out, formats=("html",))
    assert sorted(result.files) == ["html", "ipynb"]
    names = {p.name for p in result.folder.iterdir()}
    assert {"article.json", "report.html", "report.ipynb", "sections.csv", "topic_emphasis.csv", "stakeholders.csv"} <= names
    assert "stale.txt" not in names and "report.pdf" not in names
    assert sorted(p.name for p in out.iterdir()) == ["zelensky-trump-nato-summit"]


# -- the end-to-end seed report ---------------------------------------------------------


@pytest.mark.slow
def test_report_files(rendered_seed) -> None:
    folder = rendered_seed.folder
    assert folder.name == "zelensky-trump-nato-summit"
    for name in ("report.html", "report.pdf", "report.ipynb", "article.json", "sections.csv", "blocks.csv"):
        assert (folder / name).stat().st_size > 0, name
    article = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    assert article["metadata"]["slug"] == "zelensky-trump-nato-summit"


@pytest.mark.slow
def test_html_loads_nothing_from_the_network(rendered_seed) -> None:
    html = rendered_seed.files["html"].read_text(encoding="utf-8")
    assert not re.findall(r"<script[^>]+src=", html), "no external scripts"
    assert not re.findall(r"<link[^>]+href=[\"']https?:", html), "no external stylesheets"
    assert "require.js" not in html and "mathjax/" not in html.lower()
    assert html.count("Plotly.newPlot") >= 1
    # plotly.js is embedded exactly once
    assert len(re.findall(r"\* plotly\.js [^\n]*v\d", html)) == 1
    assert not re.search(r'class="[^"]*(jp-InputArea-editor|jp-InputPrompt)', html), "code and prompts are hidden"
    assert "from presslens import" not in html
    # the fragment styles once, in the head (not again from the notebook's first output)
    assert html.count("span.pl-key {") == 1 and html.index("span.pl-key {") < html.index("<body")


@pytest.mark.slow
@pytest.mark.browser
def test_html_in_chromium(rendered_seed, chromium: Path) -> None:
    from playwright.sync_api import sync_playwright

    from presslens.report.pdf import CHROMIUM_ARGS

    executed = nbformat.read(rendered_seed.files["ipynb"], as_version=4)
    figures = sum(
        1 for cell in executed.cells for out in cell.get("outputs", []) if "application/vnd.plotly.v1+json" in out.get("data", {})
    )
    assert figures >= 1
    errors: list[str] = []
    external: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))

        def guard(route):
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                external.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        page.goto(rendered_seed.files["html"].as_uri(), wait_until="load")
        page.wait_for_function(
            "() => Array.from(document.querySelectorAll('.plotly-graph-div')).every(d => d.querySelector('.main-svg'))",
            timeout=30_000,
        )
        drawn = page.locator(".plotly-graph-div .main-svg").evaluate_all(
            "els => new Set(els.map(e => e.closest('.plotly-graph-div'))).size"
        )
        text = page.inner_text("body")
        browser.close()
    assert drawn == figures, "one drawn chart per figure"
    assert errors == []
    assert external == []
    assert "Ukrainian President Volodymyr Zelensky and former U.S. President Donald Trump are confirmed" in text


@pytest.mark.slow
def test_pdf_pages_and_text(rendered_seed) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not found (install poppler-utils)")
    pdf = rendered_seed.files["pdf"]
    assert pdf.read_bytes().startswith(b"%PDF")
    assert rendered_seed.charts_printed >= 1
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Ukrainian President Volodymyr Zelensky and former U.S. President Donald Trump are confirmed to meet" in flat
    assert "Page 1 of" in flat
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages).group(1)) >= 2


@pytest.mark.slow
def test_cli_report_prints_paths(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from presslens.cli import main

    code = main(["report", "--format", "html", "--out", str(tmp_path), "--title", "Custom <b>title</b>"])
    captured = capsys.readouterr()
    assert code == 0
    assert captured.out.strip() == str(tmp_path / "zelensky-trump-nato-summit" / "report.html")
    assert [line.split("]")[0] for line in captured.err.splitlines()] == ["[1/3", "[2/3", "[3/3"]
    html = (tmp_path / "zelensky-trump-nato-summit" / "report.html").read_text(encoding="utf-8")
    assert "Custom &lt;b&gt;title&lt;/b&gt;" in html and "Custom <b>title</b>" not in html


@pytest.mark.slow
def test_no_stray_output_in_the_report(rendered_seed) -> None:
    executed = nbformat.read(rendered_seed.files["ipynb"], as_version=4)
    for index, cell in enumerate(executed.cells):
        for output in cell.get("outputs", []):
            # a cell's value is an object that displays itself (execute_result with HTML); no stream, no plain repr
            assert output["output_type"] in ("display_data", "execute_result"), f"cell {index}: {output['output_type']} (warnings, logs)"
            assert "text/html" in output["data"], f"cell {index}: output without HTML (a plain repr)"


@pytest.mark.slow
def test_report_sections_in_order(rendered_seed) -> None:
    html = rendered_seed.files["html"].read_text(encoding="utf-8")
    anchors = ["Key-findings", "Topic-emphasis", "Stakeholders", "How-claims-are-made", "Structure", "Annotated-article", "Method-and-provenance"]
    positions = [html.find(f'id="{a}"') for a in anchors]
    assert all(p > 0 for p in positions) and positions == sorted(positions)
    assert html.count('href="#Key-findings">Key findings</a>') == 1, "the table of contents links to the findings"
    # the seed has no date: its titles date it, in the key findings and in the stakeholder section
    text = re.sub(r"<[^>]+>", "", html)
    assert text.count("fits Donald Trump only for articles dated between 2021-01-20 and 2025-01-20") == 2
    for name in ("topic_emphasis.csv", "topic_sections.csv", "stakeholders.csv", "co_mentions.csv", "claims_by_section.csv", "repetition_pairs.csv"):
        assert (rendered_seed.folder / name).stat().st_size > 0, name


@pytest.mark.slow
def test_path_parameters_are_taken_from_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.yaml").write_text("topics: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    values = parse_parameters(ARTICLE_REPORT_NOTEBOOK, [("topics", "mine.yaml"), ("published", "2025-06-25")])
    assert values == {"topics": str(tmp_path / "mine.yaml"), "published": "2025-06-25"}


@pytest.mark.slow
def test_report_with_a_taxonomy_of_ones_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mine.yaml").write_text(
        "topics:\n  - id: summitry\n    label: Summitry\n    description: Summits and meetings.\n    terms: [summit, meeting]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    from presslens.cli import main

    assert main(["report", "--format", "html", "--out", str(tmp_path / "out"), "-p", "topics", "mine.yaml"]) == 0
    emphasis = (tmp_path / "out" / "zelensky-trump-nato-summit" / "topic_emphasis.csv").read_text(encoding="utf-8")
    assert emphasis.splitlines()[1].split(",")[1] == "summitry" and len(emphasis.splitlines()) == 2


@pytest.mark.slow
def test_report_tables_are_the_csvs(rendered_seed) -> None:
    """Every CSV the report writes is a table of Report.tables under the same name, and the reverse."""
    from presslens.paths import DEFAULT_ARTICLE, DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS
    from presslens.report import article as rn

    report = rn.build_report(str(DEFAULT_ARTICLE), topics=str(DEFAULT_TOPICS), stakeholders=str(DEFAULT_STAKEHOLDERS),
                             claim_cues=str(DEFAULT_CLAIM_CUES))
    folder = Path(rendered_seed.files["html"]).parent
    written = {p.stem for p in folder.glob("*.csv")}
    assert written == set(report.tables)
    for name in ("topic_emphasis", "stakeholders", "claims_by_section"):
        saved = pd.read_csv(folder / f"{name}.csv")
        assert list(saved.columns) == list(report.tables[name].columns) and len(saved) == len(report.tables[name])


def test_notebook_calls_return_objects_that_display() -> None:
    """Every rn.show_* call of the notebook returns an object that shows itself; no cell calls display()."""
    from presslens.paths import DEFAULT_ARTICLE, DEFAULT_CLAIM_CUES, DEFAULT_STAKEHOLDERS, DEFAULT_TOPICS
    from presslens.report import article as rn
    from presslens.report.notebook import Table

    report = rn.build_report(str(DEFAULT_ARTICLE), topics=str(DEFAULT_TOPICS), stakeholders=str(DEFAULT_STAKEHOLDERS),
                             claim_cues=str(DEFAULT_CLAIM_CUES), published="2025-06-25")
    notebook = nbformat.read(ARTICLE_REPORT_NOTEBOOK, as_version=4)
    calls = [c.source for c in notebook.cells if c.cell_type == "code" and c.source.startswith("rn.show_")]
    assert len(calls) >= 20
    for source in calls:
        assert "display(" not in source
        shown = eval(source, {"rn": rn, "report": report})  # noqa: S307  (the committed notebook's own cells)
        bundle = shown._repr_mimebundle_() if hasattr(shown, "_repr_mimebundle_") else {"text/html": shown._repr_html_()}
        assert bundle["text/html"].lstrip().startswith("<"), source
        assert len(repr(shown)) < 200, source
    sections = rn.show_sections(report)
    assert isinstance(sections, Table) and list(sections.data["#"]) == ["§1", "§2", "§3", "§4", "§5"]
