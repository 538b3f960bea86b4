"""The rendered report in a real browser (headless Chromium driven by playwright).

Checks what a reader relies on: every figure drawn, no console errors, nothing loaded
from the network, table-of-contents links land on their sections, hovering a bar shows
a tooltip, the annotated article holds every body sentence, and hostile article text
renders as text without running. Screenshots are saved under the temporary folder for
a person to look at.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

from presslens.report.pdf import CHROMIUM_ARGS
from presslens.report.render import render_report

HOSTILE_TITLE = '<script>alert("title")</script>Hostile <img src=x onerror=alert(1)> report'
HOSTILE_TEXT = (
    "Breaking <script>alert(2)</script> News\n"
    "Officials said <img src=x onerror=alert(3)> was posted on the NATO site. "
    'Readers were told to click <a href="javascript:alert(4)">here</a> by Donald Trump.\n'
    "More Details Below\n"
    "- <svg onload=alert(5)>: an item that mentions Ukraine and sanctions.\n"
    '- A "quote," he said <iframe src="javascript:alert(6)"></iframe>.\n'
)


def _open(browser, html: Path):
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    events: dict[str, list[str]] = {"errors": [], "dialogs": [], "external": []}
    page.on("console", lambda msg: events["errors"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: events["errors"].append(str(exc)))

    def on_dialog(dialog) -> None:
        events["dialogs"].append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def guard(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            events["external"].append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(html.as_uri(), wait_until="load")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.plotly-graph-div')).every(d => d.querySelector('.main-svg'))",
        timeout=30_000,
    )
    return page, events


@pytest.fixture(scope="module")
def browser(chromium: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def test_seed_report_in_browser(rendered_seed, browser, seed, tmp_path_factory) -> None:
    page, events = _open(browser, rendered_seed.files["html"])
    figures = page.locator(".plotly-graph-div").count()
    drawn = page.locator(".plotly-graph-div .main-svg").evaluate_all("els => new Set(els.map(e => e.closest('.plotly-graph-div'))).size")
    assert figures >= 1 and drawn == figures

    # every body sentence is in the article text, in its own element
    for s in seed.body_sentences:
        element = page.locator(f"article.pl-article [id='{s.id}']").first
        assert " ".join(element.inner_text().split()).startswith(" ".join(seed.sentence_text(s).split())[:60])

    # hovering a bar shows a tooltip
    bars = page.locator(".plotly-graph-div .bars path")
    areas = bars.evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); return r.width * r.height; })")
    bar = bars.nth(max(range(len(areas)), key=areas.__getitem__))
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
    assert page.locator(".hoverlayer .hovertext").first.text_content().strip()

    # table-of-contents links land on their sections
    links = page.locator("nav.pl-toc a[href^='#']")
    assert links.count() == 7, "the table of contents lists the seven sections"
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        target = page.locator(f"[id='{href[1:]}']")
        assert target.count() == 1, f"table of contents link {href} has no target"
        links.nth(i).click()
        page.wait_for_timeout(100)
        top = target.evaluate("e => e.getBoundingClientRect().top")
        assert -5 <= top <= 200, f"{href} did not scroll its section into view (top={top})"

    artefacts = tmp_path_factory.mktemp("screenshots")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artefacts / "report-top.png"))
    pdf = rendered_seed.files["pdf"]
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(artefacts / "pdf-page")], check=True)
    print(f"screenshots for a person to look at: {artefacts}")
    assert (artefacts / "report-top.png").stat().st_size > 0
    assert events == {"errors": [], "dialogs": [], "external": []}
    page.close()


def test_hostile_article_renders_as_text(tmp_path: Path, browser) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE_TEXT, encoding="utf-8")
    result = render_report(source, out_dir=tmp_path / "reports", formats=("html",), overrides={"title": HOSTILE_TITLE})
    html = result.files["html"].read_text(encoding="utf-8")
    for raw in ("<script>alert", "<img src=x", "<svg onload", '<a href="javascript', "<iframe"):
        assert raw not in html, f"unescaped {raw!r} in the report"
    page, events = _open(browser, result.files["html"])
    body = page.inner_text("body")
    assert '<script>alert("title")</script>Hostile' in body
    assert "<img src=x onerror=alert(3)>" in body
    assert page.evaluate("document.querySelectorAll('article img, article svg, article iframe, article script').length") == 0
    assert events["dialogs"] == [] and events["errors"] == [] and events["external"] == []
    assert re.search(r"javascript:alert\(4\)", body)
    page.close()


# Every element that sticks out of the viewport sideways, unless it sits in a box that scrolls
# sideways itself (a wide table in its .pl-table-wrap).
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || (box.right <= width + 1 && box.left >= -1)) continue;
    if (el.closest('#js-plotly-tester')) continue;  // plotly's text-measuring svg, parked off-screen on purpose
    let scrolls = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if ((a.classList.contains('pl-table-wrap') || a.classList.contains('pl-chart-wide')) && (x === 'auto' || x === 'scroll')) { scrolls = true; break; }
    }
    // in a chart, what a reader sees cut is its text (titles, tick labels, legend); the
    // invisible drag rectangles around the axes may stick out
    const inChart = el.closest('.plotly-graph-div');
    if (inChart && (el.tagName !== 'text' || el.closest('.hoverlayer'))) continue;
    if (!scrolls) out.push(`${el.tagName}.${el.getAttribute('class') || ''} "${(el.textContent || '').slice(0, 40)}"`);
  }
  return {page: document.documentElement.scrollWidth - width, out: out.slice(0, 10)};
}"""


@pytest.mark.parametrize("width", [390, 1400])
def test_nothing_runs_off_the_screen(rendered_seed, browser, width: int, tmp_path_factory) -> None:
    """At phone and desktop width nothing sticks out sideways: wide tables scroll in their own box."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(rendered_seed.files["html"].as_uri(), wait_until="load")
    page.wait_for_function("() => Array.from(document.querySelectorAll('.plotly-graph-div')).every(d => d.querySelector('.main-svg'))")
    found = page.evaluate(_OVERFLOW)
    tables = page.locator("table.pl-table").count()
    wrapped = page.locator("div.pl-table-wrap > table.pl-table").count()
    pinned = page.locator("table.pl-table td:first-child").first.evaluate("e => getComputedStyle(e).position")
    page.screenshot(path=str(tmp_path_factory.mktemp("screens") / f"report-{width}.png"), full_page=True)
    page.close()
    assert found == {"page": 0, "out": []}
    assert tables > 10 and wrapped == tables
    assert pinned == ("sticky" if width == 390 else "static")


LINK = '<a href="https://evil.example/x">Outlet</a>'
#: Short enough (48 characters at most) that the charts show the heading whole, not cut.
HEADING = 'Next <a href="https://evil.example/x">Steps</a>'


def test_hostile_links_stay_text_in_the_charts_and_the_pdf(tmp_path: Path, browser) -> None:
    """An outlet and a heading written as links: no link in any chart, no /URI annotation in the PDF (issue 15)."""
    source = tmp_path / "linked.txt"
    source.write_text(
        "NATO allies meet in The Hague\n\n"
        "NATO leaders met on Tuesday to discuss sanctions and air defence for Ukraine.\n\n"
        f"{HEADING}\n\n"
        "Zelensky asked for more sanctions on Russian energy and more military aid.\n",
        encoding="utf-8",
    )
    out = tmp_path / "reports"
    # in another process: playwright's sync API cannot print while this module's browser runs
    done = subprocess.run([sys.executable, "-m", "presslens.cli", "report", str(source), "--outlet", LINK, "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    page, events = _open(browser, out / "linked" / "report.html")
    assert page.evaluate("document.querySelectorAll('.plotly-graph-div svg a').length") == 0
    assert page.evaluate("Array.from(document.querySelectorAll('a[href]')).filter(a => a.href.includes('evil.example')).length") == 0
    assert HEADING in page.inner_text("body")  # shown as written
    assert events["external"] == []
    page.close()
    pdf = (out / "linked" / "report.pdf").read_bytes()
    assert b"/URI" not in pdf and b"evil.example" not in pdf


def test_tables_sort_and_sentence_ids_lead_to_the_sentence(rendered_seed, browser) -> None:
    """Clicking a heading sorts a table (numbers as numbers); a sentence id links to that sentence (issue 14)."""
    page, events = _open(browser, rendered_seed.files["html"])
    table = page.locator("table.pl-table", has=page.locator("th", has_text="Mentions")).first
    header = table.locator("th", has_text="Mentions").first
    column = table.locator("th").evaluate_all("ths => ths.map(t => t.textContent.trim())").index("Mentions")
    values = lambda: [int(v) for v in table.locator(f"tbody tr td:nth-child({column + 1})").all_inner_texts()]  # noqa: E731
    header.click()
    assert values() == sorted(values()) and values()[0] < values()[-1]
    header.click()
    assert values() == sorted(values(), reverse=True)
    link = page.locator("a.pl-sid").first
    target = link.get_attribute("href")
    assert target and page.locator(target).count() == 1  # the sentence in the annotated article
    link.click()
    assert page.evaluate("location.hash") == target
    assert events["errors"] == [] and events["external"] == []
    page.close()
