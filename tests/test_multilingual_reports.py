"""Reports on articles in other scripts: text, titles and quotations shown as written, in HTML and PDF.

The articles in ``tests/fixtures/multilingual/`` were written for these tests: a Ukrainian one
(і, ї, є, ґ, the apostrophe ’, «…» quotations, and phrases in German, French and Spanish with ß,
umlauts and accents), a Russian one (ё) and a German one („…“). The PDF must embed a real font for
every glyph: ``pdffonts`` lists only embedded fonts and no Type 3 font (Chromium's fallback for a
glyph no installed font has), and ``pdftotext`` gives the text back exactly. The report text itself
stays English.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "multilingual"
UKRAINIAN = FIXTURES / "kyiv-grid-winter.uk.md"

#: Strings the Ukrainian article's report must show exactly, in HTML and in the PDF's text.
AS_WRITTEN = [
    "Київ готує енергосистему до зими",
    "Дніпровий вісник",
    "«Ми пройдемо цю зиму разом, як пройшли попередню», — сказала вона журналістам.",
    "За її словами, ґрунтовний ремонт підстанцій триватиме до грудня",
    "Є й побоювання",
    "речниця міністерства Олена Коваль",
    "„größere Hilfe für die Ukraine“",
    "«Straßenbahnen ohne Strom»",
    "«sécurité énergétique» та «coopération européenne»",
    "«más ayuda para Ucrania» і «señal de España»",
]

#: The report's fonts (report.css, presslens.report.html.FONT_STACK), which scripts/system-deps.sh installs.
REPORT_FONTS = ("Liberation Sans", "DejaVu Sans")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} not found (install poppler-utils; scripts/system-deps.sh does)")
    return found


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf_fonts(pdf: Path) -> list[dict[str, str]]:
    """``pdffonts`` rows as dicts: name, type, emb."""
    out = subprocess.run([_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = []
    for line in out[2:]:
        # name, type (may contain spaces), encoding, emb, sub, uni, object id, generation
        match = re.match(r"^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line)
        assert match, f"unexpected pdffonts line: {line!r}"
        rows.append({"name": match.group(1), "type": match.group(2), "emb": match.group(4), "uni": match.group(6)})
    return rows


def _check_pdf_glyphs(pdf: Path, expected: list[str]) -> str:
    fonts = _pdf_fonts(pdf)
    assert fonts, "the PDF lists no font"
    assert [f for f in fonts if f["emb"] != "yes"] == [], "every font is embedded"
    assert [f for f in fonts if "Type 3" in f["type"]] == [], "no Type 3 font (a glyph drawn as a fallback box)"
    assert [f for f in fonts if f["uni"] != "yes"] == [], "every font maps its glyphs back to Unicode"
    text = _flat(subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    missing = [s for s in expected if _flat(s) not in text]
    assert missing == [], f"pdftotext does not give back {missing}"
    assert "\ufffd" not in text and "□" not in text
    return text


def test_report_fonts_are_installed() -> None:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("fc-list not found (install fontconfig; scripts/system-deps.sh does)")
    for family in REPORT_FONTS:
        found = subprocess.run([fc_list, "-q", family]).returncode == 0
        assert found, f"{family} is not installed: run scripts/system-deps.sh"
    covers = subprocess.run([fc_list, ":lang=uk", "family"], capture_output=True, text=True, check=True).stdout
    assert "Liberation Sans" in covers, "Liberation Sans covers Ukrainian"


def test_font_stack_is_the_same_everywhere() -> None:
    from presslens.paths import TEMPLATES_DIR
    from presslens.report.charts import _FONT
    from presslens.report.html import FONT_STACK, render_html

    css = (TEMPLATES_DIR / "presslens_report" / "report.css").read_text(encoding="utf-8")
    assert css.count(FONT_STACK) == 1 and f"--pl-font: {FONT_STACK};" in css, "defined once, as --pl-font"
    assert css.count("var(--pl-font)") == 3, "body text and the lab's content and UI font variables"
    assert _FONT == FONT_STACK
    for name in ("pdf_header.html.j2", "pdf_footer.html.j2"):
        rendered = str(render_html(name, title="T", font_stack=FONT_STACK))
        assert "font-family:" + FONT_STACK.replace('"', "&#34;") in rendered, name
    assert all(f'"{family}"' in FONT_STACK for family in REPORT_FONTS)


@pytest.fixture(scope="module")
def ukrainian_report(tmp_path_factory: pytest.TempPathFactory, chromium: Path):
    from presslens.report.render import render_report

    return render_report(UKRAINIAN, out_dir=tmp_path_factory.mktemp("uk"), formats=("html", "pdf"))


def test_cyrillic_article_html_shows_text_as_written(ukrainian_report) -> None:
    page = ukrainian_report.files["html"].read_text(encoding="utf-8")
    text = _flat(html.unescape(re.sub(r"<[^>]+>", "", page)))
    missing = [s for s in AS_WRITTEN if _flat(s) not in text]
    assert missing == [], missing
    assert "<title>Київ готує енергосистему до зими</title>" in page
    # the report's own words stay English; the header says which language the article is in
    assert "Key findings" in text and "Annotated article" in text
    assert "<dt>Language</dt><dd>Ukrainian (uk)</dd>" in page  # Ukrainian has lexicons of its own: no caveat


def test_cyrillic_article_pdf_embeds_a_font_for_every_glyph(ukrainian_report) -> None:
    text = _check_pdf_glyphs(ukrainian_report.files["pdf"], AS_WRITTEN)
    assert text.count("Київ готує енергосистему до зими") >= 3, "title, header line of each page, annotated article"
    names = {f["name"].split("+")[-1] for f in _pdf_fonts(ukrainian_report.files["pdf"])}
    assert any(n.startswith("LiberationSans") for n in names), f"the text is set in Liberation Sans, not {names}"


def test_compare_report_in_three_languages(tmp_path: Path, chromium: Path) -> None:
    from presslens.cli import main
    from presslens.paths import RAW_DIR

    out = tmp_path / "reports"
    code = main(["compare", str(RAW_DIR / "samples"), str(FIXTURES), "--name", "languages", "--store", str(tmp_path / "store"),
                 "--out", str(out), "--workers", "1"])
    assert code == 0
    folder = out / "compare-languages"
    page = (folder / "report.html").read_text(encoding="utf-8")
    assert 'id="By-language"' in page and "Articles by language" in page
    for title in ("В Москве заявили о готовности к переговорам", "Außenminister beraten über größere Hilfe", "Київ готує енергосистему до зими"):
        assert title in page
    languages = (folder / "languages.csv").read_text(encoding="utf-8")
    assert languages.splitlines()[1].startswith("en,English (en),5,") and "uk,Ukrainian (uk),1," in languages
    _check_pdf_glyphs(folder / "report.pdf", [
        "By language", "Ukrainian (uk)", "Russian (ru)", "German (de)",
        "В Москве заявили о готовности к переговорам", "Außenminister beraten über größere Hilfe",
    ])
