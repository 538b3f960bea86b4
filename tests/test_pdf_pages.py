"""The PDF wastes no paper (issue 13): no page more than 40% blank, unless it ends a section.

The seed report is printed, each page rasterised with ``pdftoppm -gray`` (poppler; greyscale PGM, read with numpy), and the blank
part of a page measured as the white space above its first ink and below its last, inside
the page margins (the running header and the page number sit in the margins). A page may be
emptier only where a section ends: the next page opens with one of the report's section
headings (``<h2>``), or it is the last page.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import numpy as np
import pytest

from presslens.report.pdf import PAGE_MARGIN

pytestmark = [pytest.mark.slow, pytest.mark.browser]

A4_HEIGHT_MM = 297
MAX_BLANK = 0.40
MAX_PAGES = 12


def _mm(value: str) -> float:
    return float(value.removesuffix("mm"))


def read_pgm(path: Path) -> np.ndarray:
    """A binary greyscale PGM (what ``pdftoppm -gray`` writes) as a 2-D array, without an imaging library."""
    data = path.read_bytes()
    fields, position = [], 0
    while len(fields) < 4:  # magic, width, height, maximum value; whitespace-separated, '#' starts a comment
        while data[position:position + 1].isspace():
            position += 1
        if data[position:position + 1] == b"#":
            position = data.index(b"\n", position) + 1
            continue
        end = position
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[position:end])
        position = end
    assert fields[0] == b"P5" and int(fields[3]) < 256, fields
    width, height = int(fields[1]), int(fields[2])
    return np.frombuffer(data, dtype=np.uint8, count=width * height, offset=position + 1).reshape(height, width)


def blank_share(page: Path) -> float:
    """The share of a page's printable height with no ink above or below its content."""
    pixels = read_pgm(page)
    height = pixels.shape[0]
    top = round(height * _mm(PAGE_MARGIN["top"]) / A4_HEIGHT_MM)
    bottom = round(height * (A4_HEIGHT_MM - _mm(PAGE_MARGIN["bottom"])) / A4_HEIGHT_MM)
    body = pixels[top:bottom]
    ink = np.flatnonzero((body < 230).any(axis=1))
    if ink.size == 0:
        return 1.0
    return (ink[0] + (len(body) - 1 - ink[-1])) / len(body)


def page_blank_shares(pdf: Path, folder: Path) -> list[float]:
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf), str(folder / "page")], check=True)
    return [blank_share(page) for page in sorted(folder.glob("page-*.pgm"))]


def first_line(pdf: Path, page: int, running_header: str) -> str:
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    lines = [line for line in lines if line != running_header]
    return lines[0] if lines else ""


def section_headings(html: str) -> set[str]:
    return {" ".join(unescape(re.sub(r"<[^>]+>", "", m)).replace("¶", "").split()) for m in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)}


def _write_pgm(pixels: np.ndarray, path: Path) -> Path:
    path.write_bytes(b"P5\n# a test page\n%d %d\n255\n" % (pixels.shape[1], pixels.shape[0]) + pixels.tobytes())
    return path


def test_blank_share_sees_white_space(tmp_path: Path):
    page = np.full((1188, 840), 255, dtype=np.uint8)
    page[100:300, 100:700] = 0  # content in the top sixth of the printable area
    assert blank_share(_write_pgm(page, tmp_path / "p.pgm")) > 0.6
    page[100:1050, 100:700] = 0
    assert blank_share(_write_pgm(page, tmp_path / "p.pgm")) < 0.1


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (pdftoppm)")
def test_no_page_wastes_paper(rendered_seed, tmp_path: Path):
    pdf = rendered_seed.files["pdf"]
    html = rendered_seed.files["html"].read_text(encoding="utf-8")
    headings = section_headings(html)
    assert {"Key findings", "Topic emphasis", "Stakeholders"} <= headings
    shares = page_blank_shares(pdf, tmp_path)
    assert len(shares) <= MAX_PAGES, f"{len(shares)} pages"
    title = " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())
    wasted = []
    for number, share in enumerate(shares, start=1):
        if share <= MAX_BLANK or number == len(shares):
            continue
        if first_line(pdf, number + 1, unescape(title)) in headings:
            continue  # the last page of a section
        wasted.append(f"page {number}: {share:.0%} blank")
    assert not wasted, wasted
